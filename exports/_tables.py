"""The table behind a chart as CSV and XLSX, with numbers as numbers.

Why convert: the page's table holds text written for the language (``1 234``, ``3,2``,
``45 %``); a spreadsheet needs numbers it can sum. A column whose every shown cell is a plain
number (or a plain percentage) becomes numeric; compound cells such as ``3,2 (2,9–3,6)`` and the
hidden marker stay text, exactly as shown, so nothing hidden on the page appears in a file.

CSV follows what Excel expects in each locale: UTF-8 with a byte-order mark, ``;`` between
fields and a decimal comma in Finnish and Swedish, ``,`` and a decimal point in English.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Sequence

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

CSV_MIME = "text/csv"
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
#: Appended to the header of a column of percentages (its numbers are in percent units).
PERCENT_SUFFIX = " (%)"

_DECIMAL = {"fi": ",", "sv": ",", "en": "."}
_THOUSANDS = {"fi": "[ \u00a0\u202f]", "sv": "[ \u00a0\u202f]", "en": ","}
_DELIMITER = {"fi": ";", "sv": ";", "en": ","}

Cell = str | int | float


def _number_pattern(language: str) -> re.Pattern[str]:
    decimal = re.escape(_DECIMAL[language])
    thousands = _THOUSANDS[language]
    return re.compile(rf"^(-?(?:\d{{1,3}}(?:{thousands}\d{{3}})+|\d+)(?:{decimal}\d+)?)([ \u00a0]?%)?$")


def _parse(text: str, language: str, pattern: re.Pattern[str]) -> tuple[float | int, bool] | None:
    """``(value, is_percent)`` of a cell that is one plain number, else ``None``."""
    match = pattern.match(text.strip())
    if match is None:
        return None
    digits = re.sub(_THOUSANDS[language], "", match.group(1)).replace(_DECIMAL[language], ".")
    value: float | int = float(digits) if "." in digits else int(digits)
    return value, match.group(2) is not None


def table_to_numbers(table: pd.DataFrame, language: str, *, hidden_marker: str = "–") -> pd.DataFrame:
    """A copy of the display ``table`` whose plain-number columns hold numbers.

    A column converts only when each of its cells is a number (all percentages or none), the
    hidden marker or empty; percentages keep percent units and the header gets `` (%)``.
    """
    if language not in _DECIMAL:
        raise ValueError(f"unknown language {language!r}")
    pattern = _number_pattern(language)
    converted: dict[str, list[Cell]] = {}
    for position, column in enumerate(table.columns):
        texts = ["" if pd.isna(v) else str(v) for v in table[column]]
        parsed = [None if text.strip() in ("", hidden_marker) else _parse(text, language, pattern) for text in texts]
        shown = [p for text, p in zip(texts, parsed, strict=True) if text.strip() not in ("", hidden_marker)]
        kinds = {p[1] for p in shown if p is not None}
        numeric = position > 0 and bool(shown) and all(p is not None for p in shown) and len(kinds) == 1
        name = str(column)
        if not numeric:
            converted[name] = list(texts)
            continue
        if kinds == {True}:
            name = f"{name}{PERCENT_SUFFIX}"
        converted[name] = [text if p is None else p[0] for text, p in zip(texts, parsed, strict=True)]
    return pd.DataFrame(converted, dtype=object)


def _csv_cell(value: Cell, language: str) -> str:
    if isinstance(value, float):
        text = repr(value) if not value.is_integer() else str(int(value)) if abs(value) < 1e15 else repr(value)
        return text.replace(".", _DECIMAL[language])
    return str(value)


def table_to_csv(table: pd.DataFrame, language: str, *, title: str = "", footer_lines: Sequence[str] = ()) -> bytes:
    """The table as CSV bytes for ``language``; after a blank line, the title and the footer lines.

    Read it back with ``pandas.read_csv(..., sep=";", decimal=",", encoding="utf-8-sig",
    skipfooter=<1 + lines>, engine="python")`` in fi and sv.
    """
    numbers = table_to_numbers(table, language)
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=_DELIMITER[language], lineterminator="\r\n")
    writer.writerow(list(numbers.columns))
    for row in numbers.itertuples(index=False):
        writer.writerow([_csv_cell(value, language) for value in row])
    trailer = [line for line in (title, *footer_lines) if line]
    if trailer:
        writer.writerow([])
        for line in trailer:
            writer.writerow([line])
    return buffer.getvalue().encode("utf-8-sig")


def csv_trailer_lines(title: str, footer_lines: Sequence[str]) -> int:
    """How many lines :func:`table_to_csv` writes after the table (for ``skipfooter``)."""
    count = len([line for line in (title, *footer_lines) if line])
    return count + 1 if count else 0


#: Row (1-based) of the header in the XLSX sheet: title, caption and a blank row come first.
XLSX_HEADER_ROW = 4


def table_to_xlsx(table: pd.DataFrame, language: str, *, title: str = "", caption: str = "",
                  footer_lines: Sequence[str] = (), sheet_name: str = "Kumppanuusbaro") -> bytes:
    """The table as an XLSX workbook: title and caption above, the table, then the footer lines.

    Read it back with ``pandas.read_excel(..., header=XLSX_HEADER_ROW - 1, nrows=len(table))``.
    """
    numbers = table_to_numbers(table, language)
    book = Workbook()
    sheet = book.active
    assert sheet is not None  # a new workbook always has one sheet
    sheet.title = sheet_name[:31]
    sheet.cell(row=1, column=1, value=title).font = Font(bold=True, size=14)
    sheet.cell(row=2, column=1, value=caption)
    for col, name in enumerate(numbers.columns, start=1):
        cell = sheet.cell(row=XLSX_HEADER_ROW, column=col, value=str(name))
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for r, row in enumerate(numbers.itertuples(index=False), start=XLSX_HEADER_ROW + 1):
        for col, value in enumerate(row, start=1):
            cell = sheet.cell(row=r, column=col, value=value)
            if isinstance(value, float) and not value.is_integer():
                cell.number_format = "0.0##"
            if col > 1:
                cell.alignment = Alignment(horizontal="right")
    row_number = XLSX_HEADER_ROW + len(numbers) + 2
    for line in footer_lines:
        if line:
            sheet.cell(row=row_number, column=1, value=line).font = Font(italic=True, color="595959")
            row_number += 1
    for col, name in enumerate(numbers.columns, start=1):
        longest = max([len(str(name))] + [len(str(v)) for v in numbers[name]])
        sheet.column_dimensions[get_column_letter(col)].width = min(max(10, longest + 2), 60)
    sheet.freeze_panes = sheet.cell(row=XLSX_HEADER_ROW + 1, column=2)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
