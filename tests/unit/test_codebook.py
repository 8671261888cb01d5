"""The codebook loads and covers the survey; a broken codebook stops naming the item."""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

import pytest
import yaml

from codebook import (
    CodebookError,
    Reference,
    load_codebook,
    load_reference,
    parse_codebook,
    parse_reference,
)
from codebook._loader import DEFAULT_CODEBOOK, DEFAULT_REFERENCE

#: Sections of the questionnaire described in ../shared/domain.md.
DOMAIN_SECTIONS = {
    "background", "cooperation", "national", "regional", "participation", "development", "open",
}


@pytest.fixture(scope="module")
def reference() -> Reference:
    return load_reference()


@pytest.fixture(scope="module")
def raw_codebook() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(DEFAULT_CODEBOOK.read_text(encoding="utf-8"))
    return data


@pytest.fixture(scope="module")
def raw_reference() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(DEFAULT_REFERENCE.read_text(encoding="utf-8"))
    return data


def test_real_codebook_covers_the_survey(reference: Reference) -> None:
    book = load_codebook(reference=reference)
    assert len(book.questions) >= 40
    sections_used = {q.section for q in book.questions}
    assert DOMAIN_SECTIONS <= sections_used
    for open_id in ("open_benefits", "open_development"):
        assert book.question(open_id).type == "open"
        assert set(book.question(open_id).waves) == {2020, 2023}
    linked = {c.wave_2020 for c in book.concepts} | {c.wave_2023 for c in book.concepts}
    assert {q.id for q in book.questions} <= linked
    for question in book.questions:
        assert all(question.text[lang].strip() for lang in ("fi", "sv", "en")), question.id
    assert {q.type for q in book.questions} >= {
        "background", "single", "multi", "agreement5", "grade10", "open",
    }


def test_real_reference_lists(reference: Reference) -> None:
    ely = reference.codes("ely_areas")
    assert len(ely) == 17  # the 15 ELY areas, "national actor" and Åland
    assert reference.codes("languages") == ("fi", "sv", "en")
    assert set(reference.codes("sectors")) == {"public", "third_sector", "private", "other"}
    assert reference.sector_of("ngo") == "third_sector"
    assert reference.centre_of("satakunta") == reference.centre_of("varsinais_suomi")


def _question(data: dict[str, Any], qid: str) -> dict[str, Any]:
    return next(q for q in data["questions"] if q["id"] == qid)


def _untranslated_label(data: dict[str, Any]) -> None:
    del _question(data, "role")["options"][0]["label"]["sv"]


def _untranslated_text(data: dict[str, Any]) -> None:
    _question(data, "open_development")["text"]["en"] = "  "


def _duplicate_id(data: dict[str, Any]) -> None:
    duplicate = copy.deepcopy(_question(data, "open_benefits"))
    data["questions"].append(duplicate)


def _unknown_type(data: dict[str, Any]) -> None:
    _question(data, "role")["type"] = "slider"


def _dangling_crosswalk(data: dict[str, Any]) -> None:
    data["crosswalk"].append(
        {"concept": "ghost", "wave_2020": "ghost_item", "wave_2023": None,
         "comparability": "dropped_after_2020"}
    )


def _unknown_scale(data: dict[str, Any]) -> None:
    _question(data, "coop_grade_national")["scale"] = "grade7"


def _question_without_concept(data: dict[str, Any]) -> None:
    data["crosswalk"] = [c for c in data["crosswalk"] if c["concept"] != "role"]


BROKEN_CODEBOOKS: list[tuple[str, Callable[[dict[str, Any]], None], str, str]] = [
    # (case, how the YAML is broken, item named, problem named)
    ("untranslated option label", _untranslated_label, "question 'role' option 'management'",
     "missing sv translation"),
    ("blank question text", _untranslated_text, "question 'open_development'",
     "missing en translation"),
    ("duplicate id", _duplicate_id, "question 'open_benefits'", "duplicate id"),
    ("unknown type", _unknown_type, "question 'role'", "unknown type 'slider'"),
    ("dangling crosswalk", _dangling_crosswalk, "crosswalk concept 'ghost'",
     "links to missing question 'ghost_item'"),
    ("unknown scale", _unknown_scale, "question 'coop_grade_national'", "unknown scale 'grade7'"),
    ("question in no concept", _question_without_concept, "question 'role'",
     "not linked by any crosswalk concept"),
]


@pytest.mark.parametrize(
    ("breakage", "item", "problem"),
    [pytest.param(b, i, p, id=case) for case, b, i, p in BROKEN_CODEBOOKS],
)
def test_broken_codebook_names_the_item(
    raw_codebook: dict[str, Any],
    reference: Reference,
    breakage: Callable[[dict[str, Any]], None],
    item: str,
    problem: str,
) -> None:
    data = copy.deepcopy(raw_codebook)
    breakage(data)
    with pytest.raises(CodebookError) as caught:
        parse_codebook(data, reference)
    assert any(item in p and problem in p for p in caught.value.problems), caught.value.problems
    assert item in str(caught.value)


def test_unbroken_copy_parses(raw_codebook: dict[str, Any], reference: Reference) -> None:
    """The broken cases above fail because of their breakage, not because the copy is bad."""
    book = parse_codebook(copy.deepcopy(raw_codebook), reference)
    assert book.has_question("role")


def _org_type_with_unknown_sector(data: dict[str, Any]) -> None:
    data["organisation_types"][0]["sector"] = "fourth_sector"


def _ely_area_with_unknown_centre(data: dict[str, Any]) -> None:
    area = next(a for a in data["ely_areas"] if a["code"] == "kainuu")
    area["centre"] = "atlantis"


def _untranslated_area(data: dict[str, Any]) -> None:
    area = next(a for a in data["ely_areas"] if a["code"] == "lappi")
    del area["label"]["fi"]


BROKEN_REFERENCES: list[tuple[str, Callable[[dict[str, Any]], None], str, str]] = [
    ("org type with unknown sector", _org_type_with_unknown_sector,
     "organisation_types 'municipality'", "unknown sector 'fourth_sector'"),
    ("ELY area with unknown centre", _ely_area_with_unknown_centre, "ely_areas 'kainuu'",
     "unknown centre 'atlantis'"),
    ("untranslated ELY area", _untranslated_area, "ely_areas 'lappi'", "missing fi translation"),
]


@pytest.mark.parametrize(
    ("breakage", "item", "problem"),
    [pytest.param(b, i, p, id=case) for case, b, i, p in BROKEN_REFERENCES],
)
def test_broken_reference_names_the_item(
    raw_reference: dict[str, Any],
    breakage: Callable[[dict[str, Any]], None],
    item: str,
    problem: str,
) -> None:
    data = copy.deepcopy(raw_reference)
    breakage(data)
    with pytest.raises(CodebookError) as caught:
        parse_reference(data)
    assert any(item in p and problem in p for p in caught.value.problems), caught.value.problems
