"""The mapping file: valid entries compile to rules, every mistake is reported at once."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from codebook import Codebook, Reference, load_codebook, load_reference
from importer import ImportValidationError, load_mapping, parse_mapping

DATA = Path(__file__).resolve().parent.parent / "data" / "import"


@pytest.fixture(scope="module")
def reference() -> Reference:
    return load_reference()


@pytest.fixture(scope="module")
def codebook(reference: Reference) -> Codebook:
    return load_codebook(reference=reference)


def test_fixture_mapping_compiles(codebook: Codebook, reference: Reference) -> None:
    mapping = load_mapping(DATA / "mapping.yaml", codebook, reference)
    assert mapping.wave == 2023
    assert mapping.collectors == {"401": "fi", "402": "sv", "403": "en"}
    kinds = [(r.question, r.kind, r.option) for r in mapping.rules]
    assert kinds == [
        ("org_type", "background", None),
        ("ely_area", "background", None),
        ("role", "choice", None),
        ("role", "other", "other"),
        ("dialogue_municipal", "choice", None),
        ("dialogue_regional", "choice", None),
        ("coop_grade_municipal", "choice", None),
        ("nat_participation_forms", "tick", "trainings"),
        ("nat_participation_forms", "tick", "webinars"),
        ("nat_participation_forms", "tick", "none"),
        ("open_development", "open", None),
    ]
    # An entry without 'header' belongs to the block of the entry before it.
    other = mapping.rules[3]
    assert other.headers == mapping.rules[2].headers
    assert other.text_question == "open_comments"


def test_keys_of_both_layouts(codebook: Codebook, reference: Reference) -> None:
    mapping = load_mapping(DATA / "mapping.yaml", codebook, reference)
    two = mapping.keys_two_rows()
    one = mapping.keys_one_row()
    role_q = "what is your role in the organisation?"
    assert two[(role_q, "response")].kind == "choice"
    assert two[(role_q, "other (please specify)")].kind == "other"
    assert one[role_q].kind == "choice"
    assert one[f"{role_q} - response"].kind == "choice"
    assert one[f"{role_q} - other (please specify)"].kind == "other"


def _base() -> dict[str, Any]:
    return {"wave": 2023, "language": "fi", "columns": [
        {"header": "Mikä on asemanne organisaatiossa?", "question": "role"}]}


def test_wave_from_argument_must_agree(codebook: Codebook, reference: Reference) -> None:
    mapping, problems = parse_mapping(_base(), codebook, reference, wave=2020)
    assert mapping is None
    assert any("--wave 2020" in p.message for p in problems)


def test_wave_must_be_known(codebook: Codebook, reference: Reference) -> None:
    data = _base() | {"wave": 2031}
    mapping, problems = parse_mapping(data, codebook, reference)
    assert mapping is None
    assert any("wave 2031 is not in the reference list" in p.message for p in problems)


def test_every_mistake_is_reported_at_once(codebook: Codebook, reference: Reference) -> None:
    data = {
        "wave": 2023,
        "languag": "fi",
        "files": {"*_de.csv": "de"},
        "columns": [
            {"question": "role"},
            {"header": "A", "question": "no_such_question"},
            {"header": "B", "question": "nat_participation_forms"},
            {"header": "C", "question": "role", "option": "boss"},
            {"header": "D", "question": "covid_impact"},
            {"header": "E", "question": "role", "text": "open_comments"},
            {"header": "F", "question": "role", "values": {"Pomo": "boss"}},
            {"header": "G", "question": "survey_language"},
            {"header": "H", "question": "open_comments", "option": "x", "colour": "red"},
            {"header": "I", "sub": "Muu", "question": "role", "option": "other",
             "text": "role"},
        ],
    }
    _mapping, problems = parse_mapping(data, codebook, reference)
    messages = [p.message for p in problems]
    expected = [
        "unknown key 'languag'",
        "files: '*_de.csv' maps to 'de'",
        "columns entry #1: the first entry needs a 'header'",
        "columns entry #2: question 'no_such_question' is not in the codebook",
        "columns entry #3 (question nat_participation_forms): a check-all or 'Other (please "
        "specify)' column needs 'option'",
        "columns entry #4 (question role): option 'boss' is not an option of role",
        "columns entry #5 (question covid_impact): the codebook says this question was not "
        "asked in 2023",
        "columns entry #6 (question role): 'text' belongs to an 'Other (please specify)' column",
        "columns entry #7 (question role): values: 'Pomo' maps to 'boss'",
        "columns entry #8 (question survey_language): background item 'survey_language' is not "
        "stored from an export column",
        "columns entry #9 (question open_comments): an open question takes no 'option'",
        "columns entry #9: unknown key 'colour'",
        "columns entry #10 (question role): text question 'role' is not an open question",
    ]
    for fragment in expected:
        assert any(fragment in m for m in messages), fragment
    assert len(problems) == len(expected)


def test_two_entries_for_one_column(codebook: Codebook, reference: Reference) -> None:
    data = _base()
    data["columns"].append({"header": "Mikä on asemanne organisaatiossa?", "question": "role"})
    _mapping, problems = parse_mapping(data, codebook, reference)
    assert [p.message for p in problems] == [
        "columns entry #2 (question role) matches the same column as columns entry #1 "
        "(question role)"]


def test_values_per_language_and_for_all(codebook: Codebook, reference: Reference) -> None:
    data = _base()
    data["columns"][0]["values"] = {"fi": {"Pomo": "management"}, "sv": {"Chef": "management"}}
    data["columns"].append({"header": "ELY", "question": "ely_area",
                            "values": {"Uudenmaan ELY-keskus": "uusimaa"}})
    mapping, problems = parse_mapping(data, codebook, reference)
    assert problems == []
    assert mapping is not None
    assert mapping.rules[0].values == {"fi": {"pomo": "management"}, "sv": {"chef": "management"}}
    assert mapping.rules[1].values == {"*": {"uudenmaan ely-keskus": "uusimaa"}}


def test_load_mapping_raises_with_all_problems(tmp_path: Path, codebook: Codebook,
                                               reference: Reference) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(yaml.safe_dump({"columns": [{"header": "X", "question": "nope"}]}),
                    encoding="utf-8")
    with pytest.raises(ImportValidationError) as caught:
        load_mapping(path, codebook, reference)
    messages = [p.message for p in caught.value.problems]
    assert any("no wave" in m for m in messages)
    assert any("'nope' is not in the codebook" in m for m in messages)
    assert all(p.file == "bad.yaml" for p in caught.value.problems)


def test_unreadable_yaml(tmp_path: Path, codebook: Codebook, reference: Reference) -> None:
    path = tmp_path / "broken.yaml"
    path.write_text("columns: [\n", encoding="utf-8")
    with pytest.raises(ImportValidationError) as caught:
        load_mapping(path, codebook, reference)
    assert "cannot read the mapping" in caught.value.problems[0].message
