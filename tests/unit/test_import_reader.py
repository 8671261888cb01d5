"""Reading exports: encodings, delimiters, header layouts and metadata spellings."""

from __future__ import annotations

from pathlib import Path

import pytest

from importer import detect_encoding, open_export
from importer._reader import column_letter, metadata_role, normalise

DATA = Path(__file__).resolve().parent.parent / "data" / "import"


@pytest.mark.parametrize(
    ("header", "role"),
    [
        ("Respondent ID", "respondent_id"),
        ("RespondentID", "respondent_id"),
        ("respondent_id", "respondent_id"),
        ("Collector ID", "collector_id"),
        ("CollectorID", "collector_id"),
        ("Start Date", "start_date"),
        ("StartDate", "start_date"),
        ("End Date", "end_date"),
        ("EndDate", "end_date"),
        ("IP Address", "ip_address"),
        ("Email Address", "email_address"),
        ("First Name", "first_name"),
        ("LastName", "last_name"),
        ("Custom Data 1", "custom_data"),
        ("CustomData", "custom_data"),
        ("Mikä on asemanne organisaatiossa?", None),
    ],
)
def test_metadata_spellings(header: str, role: str | None) -> None:
    assert metadata_role(header) == role


@pytest.mark.parametrize(("index", "letter"), [(0, "A"), (25, "Z"), (26, "AA"), (51, "AZ"),
                                                (52, "BA"), (701, "ZZ"), (702, "AAA")])
def test_column_letters(index: int, letter: str) -> None:
    assert column_letter(index) == letter


def test_normalise_unifies_dashes_spaces_and_case() -> None:
    assert normalise("  10 \u2013 Erinomainen\u00a0 ") == "10 - erinomainen"
    assert normalise("Muu  (TÄSMENNÄ)") == "muu (täsmennä)"


@pytest.mark.parametrize(
    ("name", "encoding", "warned"),
    [
        ("wave2023_fi.csv", "utf-8-sig", False),
        ("wave2023_sv.csv", "utf-8", False),
        ("excel_cp1252_semicolon_fi.csv", "cp1252", True),
        ("excel_mac_roman_fi.csv", "mac_roman", True),
    ],
)
def test_detect_encoding(name: str, encoding: str, warned: bool) -> None:
    found, problem = detect_encoding(DATA / name)
    assert found == encoding
    assert (problem is not None) == warned
    if problem is not None:
        assert problem.severity == "warning"
        assert "not UTF-8" in problem.message


def test_utf16_with_bom_is_read(tmp_path: Path) -> None:
    text = (DATA / "wave2023_sv.csv").read_text(encoding="utf-8").replace(",", "\t")
    path = tmp_path / "unicode_text.txt"
    path.write_text(text, encoding="utf-16")
    export = open_export(path)
    assert (export.encoding, export.delimiter, export.layout) == ("utf-16", "\t", "two_rows")


def test_bom_with_invalid_bytes_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "mixed.csv"
    path.write_bytes(b"\xef\xbb\xbfRespondent ID,Q\r\n,Response\r\n1,\xe4\r\n")
    export = open_export(path)
    assert [p.severity for p in export.problems] == ["error"]
    assert "byte order mark" in export.problems[0].message


@pytest.mark.parametrize(
    ("name", "layout", "delimiter", "header_rows"),
    [
        ("wave2023_fi.csv", "two_rows", ",", 2),
        ("wave2023_en_single_header.csv", "one_row", ",", 1),
        ("excel_cp1252_semicolon_fi.csv", "two_rows", ";", 2),
        ("unknown_layout.csv", "unknown", ",", 0),
    ],
)
def test_layouts(name: str, layout: str, delimiter: str, header_rows: int) -> None:
    export = open_export(DATA / name)
    assert (export.layout, export.delimiter, export.header_rows) == (layout, delimiter,
                                                                     header_rows)


def test_two_row_layout_fills_blocks_forward() -> None:
    export = open_export(DATA / "wave2023_fi.csv")
    roles = [c.role for c in export.columns[:9]]
    assert roles == ["respondent_id", "collector_id", "start_date", "end_date", "ip_address",
                     "email_address", "first_name", "last_name", "custom_data"]
    matrix = [c for c in export.columns if c.block == "Vuoropuhelu viranomaisten kanssa"]
    assert [(c.letter, c.sub, c.starts_block) for c in matrix] == [
        ("N", "kunnan tasolla", True), ("O", "alueellisella tasolla", False)]
    rows = list(export.rows())
    assert [number for number, _ in rows] == [3, 4, 5, 6]
    assert rows[0][1][0] == "118123456701"


def test_single_row_layout_keeps_question_dash_option_headers() -> None:
    export = open_export(DATA / "wave2023_en_single_header.csv")
    headers = [c.block for c in export.columns if c.role is None]
    assert "What is your role in the organisation? - Other (please specify)" in headers
    assert "Dialogue with the authorities - at municipal level" in headers
    assert all(c.sub is None for c in export.columns)
    assert [number for number, _ in export.rows()] == [2, 3]


def test_unknown_layout_says_why() -> None:
    export = open_export(DATA / "unknown_layout.csv")
    assert len(export.problems) == 1
    assert export.problems[0].row == 1
    assert "Respondent ID" in export.problems[0].message


def test_old_excel_format_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "export.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0")
    export = open_export(path)
    assert export.layout == "unknown"
    assert ".xlsx" in export.problems[0].message


def test_missing_file_is_a_problem(tmp_path: Path) -> None:
    export = open_export(tmp_path / "nope.csv")
    assert [p.message for p in export.problems] == ["file not found"]


def test_xlsx_cells_read_as_csv_text(tmp_path: Path) -> None:
    from datetime import datetime

    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Respondent ID", "Start Date", "Q"])
    sheet.append([None, None, "Response"])
    sheet.append([118123456701, datetime(2022, 11, 4, 9, 15, 32), 7.0])
    sheet.append([118123456702.0, "11/04/2022 09:15:32 AM", 2.5])
    path = tmp_path / "cells.xlsx"
    book.save(path)
    export = open_export(path)
    assert export.layout == "two_rows"
    assert [cells for _, cells in export.rows()] == [
        ["118123456701", "2022-11-04 09:15:32", "7"],
        ["118123456702", "11/04/2022 09:15:32 AM", "2.5"],
    ]
