"""The SurveyMonkey-style export writer used by the round trip and the benchmark."""

from __future__ import annotations

import csv
from datetime import datetime
from pathlib import Path

import pytest

from codebook import Codebook, Reference, load_codebook, load_reference
from data_access import AnswerRecord, RespondentRecord
from importer import export_layout, open_export, write_exports
from importer.export_writer import METADATA_HEADERS, OLD_METADATA_HEADERS


@pytest.fixture(scope="module")
def reference() -> Reference:
    return load_reference()


@pytest.fixture(scope="module")
def codebook(reference: Reference) -> Codebook:
    return load_codebook(reference=reference)


def record(source_id: str, language: str, *answers: AnswerRecord,
           wave: int = 2023) -> RespondentRecord:
    return RespondentRecord(wave, source_id, language, "ngo", "kainuu",
                            datetime(2022, 12, 1, 14, 30, 5), answers)


def read_csv(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(handle))


def test_three_language_files_per_wave_in_both_formats(tmp_path: Path, codebook: Codebook,
                                                       reference: Reference) -> None:
    paths = write_exports([record("1", "sv")], codebook, reference, tmp_path)
    assert [p.name for p in paths] == [
        f"kumppanuusbaro_2023_{lang}.{ext}" for lang in ("en", "fi", "sv")
        for ext in ("csv", "xlsx")]
    assert len(read_csv(tmp_path / "kumppanuusbaro_2023_fi.csv")) == 2  # headers only
    assert len(read_csv(tmp_path / "kumppanuusbaro_2023_sv.csv")) == 3


def test_two_header_rows_with_matrix_multi_and_other(tmp_path: Path, codebook: Codebook,
                                                     reference: Reference) -> None:
    write_exports([record("7", "fi",
                          AnswerRecord("role", "expert"),
                          AnswerRecord("dialogue_regional", "4", 4.0),
                          AnswerRecord("coop_partners", "ngos"),
                          AnswerRecord("coop_partners", "other"),
                          AnswerRecord("open_comments", value_text="Kiitos."))],
                  codebook, reference, tmp_path, formats=("csv",))
    first, second, row = read_csv(tmp_path / "kumppanuusbaro_2023_fi.csv")
    assert first[:9] == list(METADATA_HEADERS) and second[:9] == [""] * 9
    cells = {(f or "", s): v for f, s, v in zip(first, second, row, strict=True)}

    def column(sub: str) -> int:
        return second.index(sub)

    assert row[column("Organisaatiollamme on mahdollisuus vuoropuheluun viranomaisten kanssa "
                      "alueellisella tasolla.")] == "Jokseenkin samaa mieltä"
    # A matrix: the section in row 1 once, the items in row 2.
    matrix_start = column("Organisaatiollamme on mahdollisuus vuoropuheluun viranomaisten "
                          "kanssa kunnan tasolla.")
    assert first[matrix_start] == "Yhteistyö kotoutumistyössä"
    assert first[matrix_start + 1] == ""
    assert row[column("Järjestöt ja yhdistykset")] == "Järjestöt ja yhdistykset"
    assert row[column("Muu (täsmennä)")] == "Muu"
    assert (first[-1], second[-1], row[-1]) == ("Vapaa sana", "Open-Ended Response", "Kiitos.")
    assert ("Mikä on asemanne organisaatiossa?", "Response") in cells
    assert row[:4] == ["7", "4202301", "12/01/2022 02:22:05 PM", "12/01/2022 02:30:05 PM"]
    assert row[4] == "192.0.2.2" and row[5] == "respondent1@example.invalid"


def test_single_header_row_layout(tmp_path: Path, codebook: Codebook,
                                  reference: Reference) -> None:
    write_exports([record("7", "en", AnswerRecord("nat_benefits", "competence"))], codebook,
                  reference, tmp_path, formats=("csv",), layout="one_row", personal_data=False)
    header, row = read_csv(tmp_path / "kumppanuusbaro_2023_en.csv")
    assert header[:9] == list(OLD_METADATA_HEADERS)
    name = "What benefits has the programme brought your organisation? - Competence"
    assert row[header.index(name)] == "Competence"
    assert row[4:9] == [""] * 5
    assert "What is your role in the organisation?" in header


def test_multilingual_export_has_one_file_and_collectors(tmp_path: Path, codebook: Codebook,
                                                         reference: Reference) -> None:
    paths = write_exports([record("1", "fi"), record("2", "sv"), record("3", "en")], codebook,
                          reference, tmp_path, formats=("csv",), multilingual=True,
                          header_language="en")
    assert [p.name for p in paths] == ["kumppanuusbaro_2023_all.csv"]
    rows = read_csv(paths[0])
    assert [r[1] for r in rows[2:]] == ["4202301", "4202302", "4202303"]
    assert rows[0][9] == "What type of organisation do you represent?"
    assert [r[9] for r in rows[2:]] == ["järjestö, yhdistys tai säätiö",
                                        "organisation, förening eller stiftelse", "NGO"]


def test_xlsx_export_reads_back(tmp_path: Path, codebook: Codebook,
                                reference: Reference) -> None:
    write_exports([record("118123456789", "fi", AnswerRecord("coop_grade_national", "9", 9.0))],
                  codebook, reference, tmp_path, formats=("xlsx",))
    export = open_export(tmp_path / "kumppanuusbaro_2023_fi.xlsx")
    assert export.layout == "two_rows"
    (_number, cells), = list(export.rows())
    assert cells[0] == "118123456789"
    assert cells[3] == "2022-12-01 14:30:05"
    grade = next(c for c in export.columns if c.sub and "valtakunnallisella" in c.sub
                 and "arvosanan" in c.sub)
    assert cells[grade.index] == "9"


def test_answers_without_a_column_are_refused(tmp_path: Path, codebook: Codebook,
                                              reference: Reference) -> None:
    with pytest.raises(ValueError, match="covid_impact"):
        write_exports([record("1", "fi", AnswerRecord("covid_impact", "3", 3.0))], codebook,
                      reference, tmp_path, formats=("csv",))


def test_layout_subset_of_questions(codebook: Codebook, reference: Reference) -> None:
    columns = export_layout(codebook, reference, 2023, ["org_type", "nat_benefits"])
    assert [(c.question, c.kind, c.option) for c in columns][:3] == [
        ("org_type", "background", None), ("nat_benefits", "tick", "new_partners"),
        ("nat_benefits", "tick", "third_sector_authority")]
    assert len(columns) == 1 + len(codebook.question("nat_benefits").options)
