"""Read SurveyMonkey "all responses" exports (CSV or XLSX) as header columns and text rows.

Why: real exports arrive in several shapes (two header rows, or the older single row with
``Question - Option``; metadata spelled ``Respondent ID`` or ``RespondentID``) and often after a
round trip through Excel (another encoding, semicolons, lost values). This module finds out which
shape a file has and streams its data rows as lists of strings, so validation and loading read the
file the same way, twice, without holding it in memory.
"""

from __future__ import annotations

import codecs
import csv
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path
from typing import Literal

from importer._problems import Problem

Layout = Literal["two_rows", "one_row", "unknown"]

#: Row-2 texts that mean "the answer itself" rather than an option or a matrix row.
GENERIC_SUBS: frozenset[str] = frozenset(
    {"", "response", "open-ended response", "open ended response", "vastaus", "avoin vastaus",
     "svar", "öppet svar"}
)

#: Metadata header spellings (letters and digits only, case-folded) -> role.
METADATA_ROLES: dict[str, str] = {
    "respondentid": "respondent_id",
    "collectorid": "collector_id",
    "startdate": "start_date",
    "enddate": "end_date",
    "ipaddress": "ip_address",
    "emailaddress": "email_address",
    "email": "email_address",
    "firstname": "first_name",
    "lastname": "last_name",
    "customdata": "custom_data",
}
#: Metadata that identifies a person; read past, never stored.
PERSONAL_ROLES: frozenset[str] = frozenset(
    {"ip_address", "email_address", "first_name", "last_name", "custom_data"}
)

_DASHES = str.maketrans({"\u2013": "-", "\u2014": "-", "\u2212": "-", "\u00a0": " "})
_CHUNK = 1 << 20
# Bytes of ä ö å Ä Ö Å in the two legacy encodings Excel saves CSV in.
_CP1252_LETTERS = tuple(bytes([b]) for b in b"\xe4\xf6\xe5\xc4\xd6\xc5")
_MAC_ROMAN_LETTERS = tuple(bytes([b]) for b in b"\x8a\x9a\x8c\x80\x85\x81")


def normalise(text: str) -> str:
    """Compare texts as people read them: NFC, dashes and spaces unified, case-folded."""
    return " ".join(unicodedata.normalize("NFC", text).translate(_DASHES).split()).casefold()


def metadata_role(header: str) -> str | None:
    """The metadata role of a header (``Respondent ID``, ``RespondentID`` ...) or None."""
    key = re.sub(r"[^a-z0-9]", "", header.casefold())
    if key.startswith("customdata"):
        return "custom_data"
    return METADATA_ROLES.get(key)


def column_letter(index: int) -> str:
    """Spreadsheet letter of a 0-based column index (0 -> A, 26 -> AA)."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 3] + "..."


@dataclass(frozen=True)
class ExportColumn:
    """One column of an export: its question block (row 1) and role text (row 2)."""

    index: int
    block: str
    sub: str | None
    role: str | None = None
    starts_block: bool = True

    @property
    def letter(self) -> str:
        return column_letter(self.index)

    @property
    def header(self) -> str:
        """The header as a person would quote it: ``block / sub`` or the single-row header."""
        if self.sub is None or self.sub == "":
            return self.block
        return f"{self.block} / {self.sub}"

    @property
    def label(self) -> str:
        """Letter and a short header, for problem messages."""
        text = _shorten(self.block, 45)
        if self.sub:
            text += f" / {_shorten(self.sub, 35)}"
        return f"{self.letter} ({text})"


@dataclass
class ExportFile:
    """An opened export: its shape, columns and problems found in the header."""

    path: Path
    kind: Literal["csv", "xlsx"]
    layout: Layout
    columns: list[ExportColumn]
    header_rows: int
    encoding: str | None = None
    delimiter: str | None = None
    problems: list[Problem] = field(default_factory=list)

    @property
    def name(self) -> str:
        return self.path.name

    def column_of(self, role: str) -> ExportColumn | None:
        """The metadata column with ``role`` (``respondent_id`` ...), if the file has one."""
        for column in self.columns:
            if column.role == role:
                return column
        return None

    def rows(self) -> Iterator[tuple[int, list[str]]]:
        """Data rows as (spreadsheet row number, cells padded to the header width)."""
        width = len(self.columns)
        for number, cells in enumerate(_raw_rows(self), start=1):
            if number <= self.header_rows:
                continue
            if len(cells) < width:
                cells = cells + [""] * (width - len(cells))
            yield number, cells


def open_export(path: Path) -> ExportFile:
    """Open ``path``, detect its format, encoding, delimiter and header layout.

    Never raises for a damaged file: what is wrong is in ``ExportFile.problems`` and the layout
    is ``unknown`` when the header could not be understood.
    """
    name = path.name
    suffix = path.suffix.lower()
    if not path.is_file():
        return _unknown(path, "csv", [Problem(name, "file not found")])
    if suffix in (".xlsx", ".xlsm"):
        export = ExportFile(path, "xlsx", "unknown", [], 0)
    elif suffix == ".xls":
        return _unknown(path, "xlsx", [Problem(
            name, "old Excel 97-2003 format (.xls) is not read: save it as .xlsx or export "
            "the responses from SurveyMonkey again")])
    else:
        export = ExportFile(path, "csv", "unknown", [], 0)
        encoding, problem = detect_encoding(path)
        export.encoding = encoding
        if problem is not None:
            export.problems.append(problem)
            if problem.severity == "error":
                return export
        export.delimiter = _sniff_delimiter(path, encoding)
    head: list[list[str]] = []
    try:
        for cells in _raw_rows(export):
            head.append(cells)
            if len(head) == 2:
                break
    except (OSError, csv.Error, ValueError, KeyError) as exc:
        export.problems.append(Problem(name, f"cannot read the file: {exc}"))
        return export
    _detect_layout(export, head)
    return export


def _unknown(path: Path, kind: Literal["csv", "xlsx"], problems: list[Problem]) -> ExportFile:
    return ExportFile(path, kind, "unknown", [], 0, problems=problems)


def detect_encoding(path: Path) -> tuple[str, Problem | None]:
    """UTF-8 (with or without BOM) silently; cp1252 or Mac Roman with a warning.

    Excel on Windows saves "CSV" in cp1252 and old Excel for Mac in Mac Roman; both decode any
    byte string, so the one whose bytes for ä, ö and å occur more often wins.
    """
    name = path.name
    with path.open("rb") as handle:
        start = handle.read(4)
    if start.startswith(codecs.BOM_UTF16_LE) or start.startswith(codecs.BOM_UTF16_BE):
        return "utf-16", None
    bom = start.startswith(codecs.BOM_UTF8)
    failure = _first_utf8_error(path)
    if failure is None:
        return ("utf-8-sig" if bom else "utf-8"), None
    if bom:
        return "utf-8-sig", Problem(
            name, f"starts with a UTF-8 byte order mark but byte {failure} is not UTF-8: the "
            "file is damaged or mixes encodings; export it from SurveyMonkey again")
    cp1252_hits = mac_hits = 0
    cp1252_possible = True
    undefined_cp1252 = tuple(bytes([b]) for b in b"\x81\x8d\x8f\x90\x9d")
    with path.open("rb") as handle:
        while chunk := handle.read(_CHUNK):
            cp1252_hits += sum(chunk.count(b) for b in _CP1252_LETTERS)
            mac_hits += sum(chunk.count(b) for b in _MAC_ROMAN_LETTERS)
            if any(b in chunk for b in undefined_cp1252):
                cp1252_possible = False
    if cp1252_possible and cp1252_hits >= mac_hits:
        encoding, label = "cp1252", "Windows-1252 (cp1252, Excel on Windows)"
    else:
        encoding, label = "mac_roman", "Mac Roman (old Excel for Mac)"
    return encoding, Problem(
        name, f"not UTF-8 (byte {failure} is invalid): read as {label}; check in the dry run "
        "that letters such as ä, ö and å came out right", severity="warning")


def _first_utf8_error(path: Path) -> int | None:
    decoder = codecs.getincrementaldecoder("utf-8")("strict")
    offset = 0
    with path.open("rb") as handle:
        while True:
            chunk = handle.read(_CHUNK)
            try:
                decoder.decode(chunk, final=not chunk)
            except UnicodeDecodeError as exc:
                return offset + exc.start
            if not chunk:
                return None
            offset += len(chunk)


def _sniff_delimiter(path: Path, encoding: str) -> str:
    """Comma from SurveyMonkey; semicolon or tab after a save in a Finnish or Swedish Excel."""
    with path.open(encoding=encoding, errors="replace", newline="") as handle:
        sample = handle.read(65536)
    first_line = _first_record_text(sample)
    counts = {d: first_line.count(d) for d in (",", ";", "\t")}
    best = max(counts, key=lambda d: (counts[d], d == ","))
    return best if counts[best] else ","


def _first_record_text(sample: str) -> str:
    """The first record of a CSV sample with quoted parts removed (they may hold delimiters)."""
    out: list[str] = []
    quoted = False
    for char in sample:
        if char == '"':
            quoted = not quoted
        elif not quoted:
            if char in "\r\n":
                break
            out.append(char)
    return "".join(out)


def _raw_rows(export: ExportFile) -> Iterator[list[str]]:
    if export.kind == "xlsx":
        yield from _xlsx_rows(export.path)
        return
    assert export.encoding is not None
    with export.path.open(encoding=export.encoding, newline="") as handle:
        yield from csv.reader(handle, delimiter=export.delimiter or ",")


def _xlsx_rows(path: Path) -> Iterator[list[str]]:
    from openpyxl import load_workbook

    workbook = load_workbook(path, read_only=True, data_only=True)
    try:
        sheet = workbook.worksheets[0]
        for values in sheet.iter_rows(values_only=True):
            yield [_cell_text(v) for v in values]
    finally:
        workbook.close()


def _cell_text(value: object) -> str:
    """An XLSX cell as the text SurveyMonkey's CSV would have held."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e16:
            return str(int(value))
        return repr(value)
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(value, date):
        return value.strftime("%Y-%m-%d")
    if isinstance(value, time):
        return value.strftime("%H:%M:%S")
    return str(value)


def _detect_layout(export: ExportFile, head: list[list[str]]) -> None:
    name = export.name
    if not head:
        export.problems.append(Problem(name, "the file is empty"))
        return
    row1 = [c.strip() for c in head[0]]
    if row1 and row1[0].startswith("\ufeff"):
        row1[0] = row1[0][1:]
    row2 = [c.strip() for c in head[1]] if len(head) > 1 else None
    roles: dict[int, str] = {}
    for index, text in enumerate(row1):
        role = metadata_role(text)
        if role is None:
            break
        roles[index] = role
    if "respondent_id" not in roles.values():
        export.problems.append(Problem(
            name, "header layout not recognised: the first row has no 'Respondent ID' (or "
            "'RespondentID') among the leading metadata columns; is this a SurveyMonkey "
            "'all responses' export?", row=1))
        return
    seen: dict[str, int] = {}
    for index, role in roles.items():
        if role in seen and role != "custom_data":
            export.problems.append(Problem(
                name, f"metadata column '{row1[index]}' appears twice", row=1,
                column=column_letter(index)))
        seen.setdefault(role, index)
    question_indices = [i for i in range(len(row1)) if i not in roles]

    def cell(row: list[str], index: int) -> str:
        return row[index] if index < len(row) else ""

    two_rows = (
        row2 is not None
        and all(cell(row2, i) == "" for i in roles)
        and any(cell(row2, i) != "" for i in question_indices)
    )
    width = max(len(row1), len(row2) if two_rows and row2 is not None else 0)
    columns: list[ExportColumn] = []
    block = ""
    for index in range(width):
        text = cell(row1, index)
        if index in roles:
            columns.append(ExportColumn(index, text, None, roles[index]))
            continue
        if two_rows:
            assert row2 is not None
            starts = text != ""
            if starts:
                block = text
            elif block == "":
                export.problems.append(Problem(
                    name, "header row 1 is empty above the first question column", row=1,
                    column=column_letter(index)))
            columns.append(ExportColumn(index, block, cell(row2, index), None, starts))
        else:
            if text == "":
                export.problems.append(Problem(
                    name, "the header of this column is empty", row=1, column=column_letter(index)))
            columns.append(ExportColumn(index, text, None, None, True))
    export.columns = columns
    export.layout = "two_rows" if two_rows else "one_row"
    export.header_rows = 2 if two_rows else 1
