"""Rows to records: every layout and encoding gives the same respondents; odd rows are caught."""

from __future__ import annotations

import csv
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
import yaml

from codebook import Codebook, Reference, load_codebook, load_reference
from data_access import RespondentRecord
from importer import ImportMapping, ImportValidationError, parse_mapping, read_records

DATA = Path(__file__).resolve().parent.parent / "data" / "import"
Answer = tuple[str, str | None, float | None, str | None]


@pytest.fixture(scope="module")
def reference() -> Reference:
    return load_reference()


@pytest.fixture(scope="module")
def codebook(reference: Reference) -> Codebook:
    return load_codebook(reference=reference)


def mapping_document() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((DATA / "mapping.yaml").read_text(encoding="utf-8"))
    return data


def make_mapping(codebook: Codebook, reference: Reference, **changes: Any) -> ImportMapping:
    data = mapping_document()
    for key, value in changes.items():
        if value is None:
            data.pop(key, None)
        else:
            data[key] = value
    mapping, problems = parse_mapping(data, codebook, reference)
    assert mapping is not None, problems
    assert problems == []
    return mapping


def records(paths: list[Path], mapping: ImportMapping, codebook: Codebook,
            reference: Reference, **kwargs: Any) -> dict[str, RespondentRecord]:
    return {r.source_id: r for r in read_records(paths, mapping, codebook, reference, **kwargs)}


def answers(record: RespondentRecord) -> list[Answer]:
    return sorted(((a.question_id, a.option_code, a.value_num, a.value_text)
                   for a in record.answers), key=repr)


def without_time(record: RespondentRecord) -> tuple[object, ...]:
    return (record.wave, record.source_id, record.survey_language, record.org_type,
            record.ely_area, answers(record))


#: What the fixture rows mean, written out by hand from make_fixtures.py.
EXPECTED: dict[str, tuple[str, str | None, str | None, datetime, list[Answer]]] = {
    "118123456701": ("fi", "municipality", "uusimaa", datetime(2022, 11, 4, 9, 22, 10), [
        ("coop_grade_municipal", "8", 8.0, None), ("dialogue_municipal", "4", 4.0, None),
        ("dialogue_regional", "dk", None, None), ("nat_participation_forms", "trainings", None, None),
        ("nat_participation_forms", "webinars", None, None),
        ("open_development", None, None, "Enemmän yhteisiä tapaamisia."),
        ("role", "expert", None, None)]),
    "118123456702": ("fi", "ngo", "pirkanmaa", datetime(2022, 11, 5, 13, 15), [
        ("coop_grade_municipal", "5", 5.0, None), ("dialogue_municipal", "1", 1.0, None),
        ("dialogue_regional", "2", 2.0, None), ("nat_participation_forms", "none", None, None),
        ("open_comments", None, None, "Hallituksen jäsen"), ("role", "other", None, None)]),
    "118123456703": ("fi", "company", "lappi", datetime(2022, 12, 1, 10, 9, 59), [
        ("nat_participation_forms", "none", None, None),
        ("open_development", None, None, "Lisää koulutusta ruotsiksi."),
        ("role", "management", None, None)]),
    "118123456704": ("fi", None, None, datetime(2023, 2, 20, 20, 1, 30), [
        ("coop_grade_municipal", "10", 10.0, None)]),
    "118123456801": ("sv", "municipality", "uusimaa", datetime(2022, 11, 10, 11, 20), [
        ("coop_grade_municipal", "9", 9.0, None), ("dialogue_municipal", "5", 5.0, None),
        ("dialogue_regional", "2", 2.0, None), ("nat_participation_forms", "webinars", None, None),
        ("open_development", None, None, "Mer samarbete på svenska."),
        ("role", "expert", None, None)]),
    "118123456802": ("sv", "company", "pohjanmaa", datetime(2023, 1, 15, 15, 45), [
        ("coop_grade_municipal", "7", 7.0, None), ("dialogue_municipal", "dk", None, None),
        ("nat_participation_forms", "trainings", None, None), ("role", "other", None, None)]),
    "118123456901": ("en", "ngo", "varsinais_suomi", datetime(2022, 11, 20, 9, 30), [
        ("coop_grade_municipal", "6", 6.0, None), ("dialogue_municipal", "4", 4.0, None),
        ("dialogue_regional", "5", 5.0, None), ("nat_participation_forms", "webinars", None, None),
        ("open_development", None, None, "More meetings in English."),
        ("role", "project_worker", None, None)]),
    "118123456902": ("en", "education", "lappi", datetime(2023, 2, 1, 12, 5), [
        ("dialogue_municipal", "3", 3.0, None), ("nat_participation_forms", "trainings", None, None),
        ("open_comments", None, None, "Volunteer coordinator"), ("role", "other", None, None)]),
}


def test_all_three_layouts_give_the_expected_records(codebook: Codebook,
                                                     reference: Reference) -> None:
    mapping = make_mapping(codebook, reference)
    got = records([DATA / "wave2023_fi.csv", DATA / "wave2023_sv.csv",
                   DATA / "wave2023_en_single_header.csv"], mapping, codebook, reference)
    assert sorted(got) == sorted(EXPECTED)
    for source_id, (language, org_type, ely_area, submitted, expected) in EXPECTED.items():
        record = got[source_id]
        assert (record.wave, record.survey_language, record.org_type, record.ely_area,
                record.submitted_at) == (2023, language, org_type, ely_area, submitted), source_id
        assert answers(record) == sorted(expected, key=repr), source_id


def test_file_patterns_decide_the_language_without_collectors(codebook: Codebook,
                                                              reference: Reference) -> None:
    mapping = make_mapping(codebook, reference, collectors=None)
    got = records([DATA / "wave2023_sv.csv"], mapping, codebook, reference)
    assert {r.survey_language for r in got.values()} == {"sv"}
    assert len(got) == 2


def test_multilingual_export_takes_the_language_from_the_collector(
        codebook: Codebook, reference: Reference) -> None:
    mapping = make_mapping(codebook, reference, files=None)
    got = records([DATA / "multilingual_collectors.csv"], mapping, codebook, reference)
    assert {k: r.survey_language for k, r in got.items()} == {
        "118123456701": "fi", "118123456801": "sv", "118123456901": "en"}
    for source_id, record in got.items():
        assert answers(record) == sorted(EXPECTED[source_id][4], key=repr)


@pytest.mark.parametrize("name", ["excel_cp1252_semicolon_fi.csv", "excel_mac_roman_fi.csv"])
def test_legacy_encodings_give_the_same_answers(name: str, codebook: Codebook,
                                                reference: Reference) -> None:
    mapping = make_mapping(codebook, reference, files={"*_fi.csv": "fi"}, collectors=None)
    utf8 = records([DATA / "wave2023_fi.csv"], mapping, codebook, reference)
    legacy = records([DATA / name], mapping, codebook, reference)
    assert [without_time(r) for r in legacy.values()] == [without_time(r) for r in utf8.values()]
    assert legacy["118123456702"].org_type == "ngo"  # "järjestö, yhdistys tai säätiö"


def test_finnish_excel_dates(codebook: Codebook, reference: Reference) -> None:
    mapping = make_mapping(codebook, reference)
    got = records([DATA / "excel_cp1252_semicolon_fi.csv"], mapping, codebook, reference)
    assert got["118123456701"].submitted_at == datetime(2022, 11, 4, 9, 22)
    assert got["118123456704"].submitted_at == datetime(2023, 2, 20, 20, 1)


def csv_to_xlsx(source: Path, target: Path) -> Path:
    """The fixture as Excel would hold it: numbers as numbers, dates as dates."""
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet("Sheet")
    with source.open(encoding="utf-8-sig", newline="") as handle:
        for number, row in enumerate(csv.reader(handle), start=1):
            cells: list[object] = []
            for index, value in enumerate(row):
                if number > 2 and index in (0, 1, 15) and value.isdigit():
                    cells.append(int(value))
                elif number > 2 and index in (2, 3) and value:
                    cells.append(datetime.strptime(value, "%m/%d/%Y %I:%M:%S %p"))
                else:
                    cells.append(value or None)
            sheet.append(cells)
    book.save(target)
    return target


def test_xlsx_gives_the_same_records_as_csv(tmp_path: Path, codebook: Codebook,
                                            reference: Reference) -> None:
    mapping = make_mapping(codebook, reference, files={"*_fi.*": "fi"})
    xlsx = csv_to_xlsx(DATA / "wave2023_fi.csv", tmp_path / "wave2023_fi.xlsx")
    from_csv = records([DATA / "wave2023_fi.csv"], mapping, codebook, reference)
    from_xlsx = records([xlsx], mapping, codebook, reference)
    assert list(from_xlsx.values()) == list(from_csv.values())


def test_open_answers_pass_the_redaction_hook(codebook: Codebook, reference: Reference) -> None:
    mapping = make_mapping(codebook, reference)
    seen: list[tuple[str, str]] = []

    def redact(text: str, language: str) -> str:
        seen.append((text, language))
        return f"[{language}] redacted"

    got = records([DATA / "wave2023_fi.csv", DATA / "wave2023_sv.csv"], mapping, codebook,
                  reference, redact=redact)
    texts = sorted(a.value_text for r in got.values() for a in r.answers if a.value_text)
    assert texts == ["[fi] redacted"] * 3 + ["[sv] redacted"]
    assert ("Hallituksen jäsen", "fi") in seen  # the "Other (please specify)" text too


def test_personal_data_never_reaches_the_records(codebook: Codebook,
                                                 reference: Reference) -> None:
    mapping = make_mapping(codebook, reference)
    got = records([DATA / "wave2023_fi.csv", DATA / "wave2023_sv.csv",
                   DATA / "wave2023_en_single_header.csv"], mapping, codebook, reference)
    text = repr(list(got.values()))
    for personal in ("192.0.2.", "example.invalid", "Henkilö", "Testaaja", "panel-"):
        assert personal not in text


def write_rows(path: Path, rows: list[list[str]]) -> Path:
    with (DATA / "wave2023_fi.csv").open(encoding="utf-8-sig", newline="") as handle:
        header = list(csv.reader(handle))[:2]
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(header + rows)
    return path


def fi_row(**cells: str) -> list[str]:
    """A fixture-width row with the given cells (by column letter) filled in."""
    row = [""] * 20
    row[0], row[1], row[3] = "1", "401", "11/04/2022 09:22:10 AM"
    for letter, value in cells.items():
        row[ord(letter) - ord("A")] = value
    return row


def problems_of(paths: list[Path], mapping: ImportMapping, codebook: Codebook,
                reference: Reference) -> list[tuple[int | None, str | None, str]]:
    with pytest.raises(ImportValidationError) as caught:
        read_records(paths, mapping, codebook, reference)
    return [(p.row, p.column and p.column.split(" ")[0], p.message) for p in caught.value.problems
            if p.severity == "error"]


def test_two_answers_to_a_single_choice_question(tmp_path: Path, codebook: Codebook,
                                                 reference: Reference) -> None:
    path = write_rows(tmp_path / "x_fi.csv", [fi_row(L="Johto tai esihenkilö", M="Kuraattori")])
    found = problems_of([path], make_mapping(codebook, reference), codebook, reference)
    assert found == [(3, "M", "two answers to the single-choice question role: 'management' "
                      "and the 'Other' text")]


def test_other_label_in_the_response_column_is_the_other_option(
        tmp_path: Path, codebook: Codebook, reference: Reference) -> None:
    path = write_rows(tmp_path / "x_fi.csv", [fi_row(L="Muu (täsmennä)", M="Kuraattori")])
    got = records([path], make_mapping(codebook, reference), codebook, reference)
    assert answers(got["1"]) == [("open_comments", None, None, "Kuraattori"),
                                 ("role", "other", None, None)]


def test_respondent_who_answered_nothing_is_left_out_with_a_warning(
        tmp_path: Path, codebook: Codebook, reference: Reference) -> None:
    path = write_rows(tmp_path / "x_fi.csv", [fi_row(), fi_row(A="2", P="7")])
    from importer import validate_exports

    summary = validate_exports([path], make_mapping(codebook, reference), codebook, reference)
    assert summary.respondents == 1
    assert [(w.row, w.message) for w in summary.warnings] == [
        (3, "respondent 1 answered nothing: not imported")]


def test_row_problems_are_all_reported_with_row_and_column(
        tmp_path: Path, codebook: Codebook, reference: Reference) -> None:
    rows = [
        fi_row(A="", P="7"),                                  # no id
        fi_row(A="3", B="499", P="7"),                        # unknown collector
        fi_row(A="4", D="yesterday", P="7"),                  # unreadable date
        fi_row(A="5", J="kunta", P="0"),                      # background label, grade range
        fi_row(A="6", P="7") + ["", "spill"],                 # shifted cells
        fi_row(A="7", P="7,5"),                               # inside the range, not an option
    ]
    path = write_rows(tmp_path / "x_fi.csv", rows)
    mapping = make_mapping(codebook, reference, files=None)
    assert problems_of([path], mapping, codebook, reference) == [
        (3, "A", "no Respondent ID"),
        (4, "B", "Collector ID '499' is not in the mapping's 'collectors' table"),
        (5, "D", "cannot read the date 'yesterday' (expected e.g. 11/04/2022 09:15:32 AM; set "
                 "'date_format' in the mapping)"),
        (6, "J", "not an option of org_type: 'kunta' (add it under 'values' in the mapping if "
                 "it is a known label)"),
        (6, "P", "value out of range: '0' (the scale of coop_grade_municipal runs 1..10)"),
        (7, None, "the row has 22 cells but the header has 20 columns: values have shifted (a "
                  "delimiter inside an unquoted value?)"),
        (8, "P", "not an option of coop_grade_municipal: '7,5' (add it under 'values' in the "
                 "mapping if it is a known label)"),
    ]


def test_mapping_values_add_labels(tmp_path: Path, codebook: Codebook,
                                   reference: Reference) -> None:
    data = mapping_document()
    data["columns"][0]["values"] = {"fi": {"kunta": "municipality"}}
    data["columns"][1]["values"] = {"Uudenmaan ELY-keskus": "uusimaa"}
    mapping, problems = parse_mapping(data, codebook, reference)
    assert mapping is not None and problems == []
    path = write_rows(tmp_path / "x_fi.csv", [fi_row(J="kunta", K="Uudenmaan ELY-keskus",
                                                     P="7")])
    got = records([path], mapping, codebook, reference)
    assert (got["1"].org_type, got["1"].ely_area) == ("municipality", "uusimaa")


def test_date_format_from_the_mapping(tmp_path: Path, codebook: Codebook,
                                      reference: Reference) -> None:
    # 04/11 read as day/month only because the mapping says so.
    path = write_rows(tmp_path / "x_fi.csv", [fi_row(D="04/11/2022 09:22", P="7")])
    mapping = make_mapping(codebook, reference, date_format="%d/%m/%Y %H:%M")
    assert records([path], mapping, codebook, reference)["1"].submitted_at == datetime(
        2022, 11, 4, 9, 22)


def test_file_without_a_language(tmp_path: Path, codebook: Codebook,
                                 reference: Reference) -> None:
    path = write_rows(tmp_path / "export.csv", [fi_row(P="7")])
    mapping = make_mapping(codebook, reference, collectors=None)
    with pytest.raises(ImportValidationError) as caught:
        read_records([path], mapping, codebook, reference)
    assert [p.message.split(":")[0] for p in caught.value.problems] == [
        "no survey language for this file"]


def test_ignored_columns_are_skipped(codebook: Codebook, reference: Reference) -> None:
    mapping = make_mapping(codebook, reference, ignore=["Lisäkysymys"])
    got = records([DATA / "unmapped_column.csv"], mapping, codebook, reference)
    assert sorted(got) == ["118123456701", "118123456702"]
