"""Drafting a mapping (and a codebook skeleton) from export headers and values."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from codebook import Codebook, Reference, load_codebook, load_reference, parse_codebook
from importer import (
    build_mapping,
    draft_mapping,
    dump_yaml,
    parse_mapping,
    read_records,
    write_exports,
)
from tests.builders import build_respondents

DATA = Path(__file__).resolve().parent.parent / "data" / "import"
FIXTURES = [DATA / "wave2023_fi.csv", DATA / "wave2023_sv.csv",
            DATA / "wave2023_en_single_header.csv"]


@pytest.fixture(scope="module")
def reference() -> Reference:
    return load_reference()


@pytest.fixture(scope="module")
def codebook(reference: Reference) -> Codebook:
    return load_codebook(reference=reference)


def test_draft_of_writer_exports_imports_like_the_writers_mapping(
        tmp_path: Path, codebook: Codebook, reference: Reference) -> None:
    # 4 + 3 + 2 respondents in fi, sv and en; every closed 2023 question answered or skipped.
    sizes = {("municipality", "uusimaa", "fi"): 4, ("ngo", "pirkanmaa", "sv"): 3,
             ("company", "lappi", "en"): 2}
    records = build_respondents(sizes, codebook.questions, wave=2023, seed=3)
    paths = write_exports(records, codebook, reference, tmp_path, formats=("csv",))
    draft = draft_mapping(paths, codebook, reference, wave=2023)
    assert draft.skeleton is None
    assert draft.notes == []
    drafted, problems = parse_mapping(draft.mapping, codebook, reference)
    assert drafted is not None and problems == []
    written, _ = parse_mapping(build_mapping(codebook, reference, 2023), codebook, reference)
    assert written is not None
    via_draft = list(read_records(paths, drafted, codebook, reference))
    via_writer = list(read_records(paths, written, codebook, reference))
    assert via_draft == via_writer
    assert len(via_draft) == 9


def test_draft_aligns_language_files_and_layouts(codebook: Codebook,
                                                 reference: Reference) -> None:
    draft = draft_mapping(FIXTURES, codebook, reference, wave=2023)
    columns = draft.mapping["columns"]
    assert draft.mapping["files"] == {"wave2023_fi.csv": "fi", "wave2023_sv.csv": "sv",
                                      "wave2023_en_single_header.csv": "en"}
    assert [(c["question"], c.get("option")) for c in columns] == [
        ("org_type", None), ("ely_area", None), ("role", None), ("role", "other"),
        ("vuoropuhelu_viranomaisten_kanssa_kunnan", None),
        ("vuoropuhelu_viranomaisten_kanssa_alueell", None),
        ("coop_grade_municipal", None),
        ("nat_participation_forms", "trainings"), ("nat_participation_forms", "webinars"),
        ("nat_participation_forms", "none"), ("open_development", None)]
    assert columns[3]["sub"] == {"fi": "Muu (täsmennä)", "sv": "Annan (precisera)",
                                 "en": "Other (please specify)"}
    # The matrix rows are not in the codebook: they become skeleton questions, and since their
    # answers are labels of the codebook's agreement scale they keep that scale.
    assert draft.skeleton is not None
    assert [(q["id"], q["type"], q.get("scale")) for q in draft.skeleton["questions"]] == [
        ("vuoropuhelu_viranomaisten_kanssa_kunnan", "agreement5", "agree5"),
        ("vuoropuhelu_viranomaisten_kanssa_alueell", "agreement5", "agree5")]
    assert draft.skeleton["questions"][0]["text"]["sv"] == (
        "Dialog med myndigheterna: på kommunal nivå")


def test_new_survey_without_codebook(reference: Reference) -> None:
    path = DATA / "new_survey_fi.csv"
    draft = draft_mapping([path], None, reference, wave=2023)
    assert draft.skeleton is not None
    types = {q["id"]: (q["type"], q.get("note", "")) for q in draft.skeleton["questions"]}
    assert types == {
        "org_type": ("background", "detected from the reference labels"),
        "kuinka_tyytyvainen_olette_yhteistyohon": ("single", ""),
        "montako_tyontekijaa_organisaatiossanne_o": (
            "single", "detected: numbers; the codebook has no numeric type, so each value seen "
            "is an option"),
        "asettakaa_teemat_tarkeysjarjestykseen_ko": ("single", "detected: ranking (rank 1..n)"),
        "asettakaa_teemat_tarkeysjarjestykseen_ve": ("single", "detected: ranking (rank 1..n)"),
        "asettakaa_teemat_tarkeysjarjestykseen_ra": ("single", "detected: ranking (rank 1..n)"),
        "mita_viestintakanavia_kaytatte": ("multi", ""),
        "arvioikaa_vaittamat_tieto_kulkee_hyvin": ("single", "detected: matrix row"),
        "arvioikaa_vaittamat_yhteistyo_toimii": ("single", "detected: matrix row"),
        "terveiset_kyselyn_tekijoille": ("open", ""),
    }
    # The skeleton is a valid codebook, and the drafted mapping imports the file with it.
    skeleton = parse_codebook(yaml.safe_load(dump_yaml(draft.skeleton)), reference)
    mapping, problems = parse_mapping(yaml.safe_load(dump_yaml(draft.mapping)), skeleton,
                                      reference)
    assert mapping is not None and problems == []
    records = {r.source_id: r for r in read_records([path], mapping, skeleton, reference)}
    second = records["21900000002"]
    assert second.org_type == "company"
    assert sorted((a.question_id, a.option_code) for a in second.answers
                  if a.question_id.startswith(("asettakaa", "mita", "arvioikaa"))) == [
        ("arvioikaa_vaittamat_tieto_kulkee_hyvin", "eri_mielta"),
        ("arvioikaa_vaittamat_yhteistyo_toimii", "eri_mielta"),
        ("asettakaa_teemat_tarkeysjarjestykseen_ko", "3"),
        ("asettakaa_teemat_tarkeysjarjestykseen_ra", "2"),
        ("asettakaa_teemat_tarkeysjarjestykseen_ve", "1"),
        ("mita_viestintakanavia_kaytatte", "other"),
        ("mita_viestintakanavia_kaytatte", "sosiaalinen_media"),
    ]
    assert len(records) == 5


def test_unknown_values_of_a_known_question_become_todo(tmp_path: Path, codebook: Codebook,
                                                        reference: Reference) -> None:
    lines = (DATA / "wave2023_fi.csv").read_text(encoding="utf-8-sig").splitlines()
    lines[2] = lines[2].replace("Asiantuntija tai suunnittelija", "Pomo")
    path = tmp_path / "changed_fi.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    draft = draft_mapping([path], codebook, reference, wave=2023)
    role = next(c for c in draft.mapping["columns"] if c["question"] == "role")
    assert role["values"] == {"Pomo": "TODO"}
    assert any(n.startswith("role: values ['Pomo'] match no option label") for n in draft.notes)
    _mapping, problems = parse_mapping(draft.mapping, codebook, reference)
    assert any("'Pomo' maps to 'TODO'" in p.message for p in problems)


def test_misaligned_files_are_drafted_from_the_first(codebook: Codebook,
                                                     reference: Reference) -> None:
    draft = draft_mapping([DATA / "wave2023_fi.csv", DATA / "new_survey_fi.csv"], codebook,
                          reference, wave=2023)
    assert list(draft.mapping["files"]) == ["wave2023_fi.csv"]
    assert any("do not have the same columns" in n for n in draft.notes)


def test_dump_yaml_keeps_comments_and_unicode() -> None:
    text = dump_yaml({"header": "Mikä on asemanne?"}, ["first note", "second"])
    assert text == "# first note\n# second\nheader: Mikä on asemanne?\n"
