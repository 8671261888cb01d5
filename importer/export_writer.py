"""Write respondent records as SurveyMonkey-style "all responses" exports (CSV and XLSX).

Why: the import path must be tested end to end without real data. The demo generator's
records are written here exactly as SurveyMonkey lays out a wave (one export per language link,
two header rows, metadata columns first, made-up personal data that the importer must drop),
imported again, and compared with the records they came from. :func:`build_mapping` writes the
mapping file that matches these exports, which doubles as a worked example of the format.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any, Literal

from codebook import LANGUAGES, Codebook, Question, Reference
from data_access import RespondentRecord

Layout = Literal["two_rows", "one_row"]
Format = Literal["csv", "xlsx"]

METADATA_HEADERS: tuple[str, ...] = (
    "Respondent ID", "Collector ID", "Start Date", "End Date", "IP Address", "Email Address",
    "First Name", "Last Name", "Custom Data 1",
)
#: Spellings of older exports (single header row).
OLD_METADATA_HEADERS: tuple[str, ...] = (
    "RespondentID", "CollectorID", "StartDate", "EndDate", "IP Address", "Email Address",
    "FirstName", "LastName", "CustomData",
)
SUB_RESPONSE = "Response"
SUB_OPEN = "Open-Ended Response"
#: SurveyMonkey's "Other (please specify)" box as the questionnaire of each language words it.
OTHER_SUB: dict[str, str] = {
    "fi": "Muu (täsmennä)", "sv": "Annat (precisera)", "en": "Other (please specify)",
}
DATE_FORMAT = "%m/%d/%Y %I:%M:%S %p"
SCALED_TYPES = ("agreement5", "grade10")
#: The question the survey tool knows from the link; it has no column.
NOT_IN_EXPORT = ("survey_language",)


@dataclass(frozen=True)
class WrittenColumn:
    """One question column of the export, in every language."""

    block: dict[str, str]
    sub: dict[str, str]
    question: str
    kind: str
    option: str | None = None
    starts_block: bool = True


def collector_id(wave: int, language: str) -> str:
    """The made-up Collector ID of a wave's language link."""
    return f"4{wave}{LANGUAGES.index(language) + 1:02d}"


def export_file_name(wave: int, language: str, extension: str,
                     prefix: str = "kumppanuusbaro") -> str:
    """``kumppanuusbaro_2023_fi.csv``; ``language`` is ``all`` for a multilingual export."""
    return f"{prefix}_{wave}_{language}.{extension}"


def export_layout(
    codebook: Codebook, reference: Reference, wave: int, questions: Sequence[str] | None = None
) -> list[WrittenColumn]:
    """The question columns of a wave's export, in questionnaire order.

    Runs of agreement or grade items of one section and scale become a matrix (row 1: the
    section, row 2: each item); multi-select options become one column each, an option coded
    ``other`` the "Other (please specify)" box.
    """
    wanted = set(questions) if questions is not None else None
    chosen = [q for q in codebook.questions_in_wave(wave)
              if q.id not in NOT_IN_EXPORT and (wanted is None or q.id in wanted)]
    columns: list[WrittenColumn] = []
    index = 0
    while index < len(chosen):
        question = chosen[index]
        if question.type in SCALED_TYPES:
            run = [question]
            while (index + len(run) < len(chosen)
                   and _same_matrix(chosen[index + len(run)], question)):
                run.append(chosen[index + len(run)])
            if len(run) > 1:
                block = {lang: codebook.section_label(question.section, lang) for lang in LANGUAGES}
                for position, item in enumerate(run):
                    sub = {lang: item.text_for(lang, wave) for lang in LANGUAGES}
                    columns.append(WrittenColumn(block, sub, item.id, "choice", None,
                                                 position == 0))
                index += len(run)
                continue
        columns.extend(_question_columns(question, wave))
        index += 1
    return columns


def _same_matrix(candidate: Question, first: Question) -> bool:
    return (candidate.type == first.type and candidate.section == first.section
            and candidate.scale == first.scale and candidate.scale is not None)


def _question_columns(question: Question, wave: int) -> list[WrittenColumn]:
    block = {lang: question.text_for(lang, wave) for lang in LANGUAGES}
    response = dict.fromkeys(LANGUAGES, SUB_RESPONSE)
    if question.type == "background":
        return [WrittenColumn(block, response, question.id, "background")]
    if question.type == "open":
        return [WrittenColumn(block, dict.fromkeys(LANGUAGES, SUB_OPEN), question.id, "open")]
    if question.type == "multi":
        out = []
        for position, option in enumerate(question.options):
            if option.code == "other":
                out.append(WrittenColumn(block, dict(OTHER_SUB), question.id, "other",
                                         option.code, position == 0))
            else:
                out.append(WrittenColumn(block, dict(option.label), question.id, "tick",
                                         option.code, position == 0))
        return out
    return [WrittenColumn(block, response, question.id, "choice")]


def build_mapping(
    codebook: Codebook,
    reference: Reference,
    wave: int,
    *,
    questions: Sequence[str] | None = None,
    multilingual: bool = False,
) -> dict[str, Any]:
    """The mapping document (for ``yaml.safe_dump``) that imports this module's exports."""
    columns: list[dict[str, Any]] = []
    previous_block: dict[str, str] | None = None
    for column in export_layout(codebook, reference, wave, questions):
        entry: dict[str, Any] = {}
        if column.block != previous_block:
            entry["header"] = dict(column.block)
        previous_block = column.block
        if set(column.sub.values()) - {SUB_RESPONSE, SUB_OPEN}:
            entry["sub"] = dict(column.sub)
        entry["question"] = column.question
        if column.option is not None:
            entry["option"] = column.option
        columns.append(entry)
    document: dict[str, Any] = {"wave": wave}
    if multilingual:
        document["collectors"] = {collector_id(wave, lang): lang for lang in LANGUAGES}
    else:
        document["files"] = {f"*_{lang}.*": lang for lang in LANGUAGES}
    document["columns"] = columns
    return document


class _Sink:
    """One output file, written row by row."""

    def __init__(self, path: Path, fmt: Format) -> None:
        self.path = path
        self.fmt = fmt
        if fmt == "csv":
            self._handle = path.open("w", encoding="utf-8-sig", newline="")
            self._csv = csv.writer(self._handle)
        else:
            from openpyxl import Workbook

            self._book = Workbook(write_only=True)
            self._sheet = self._book.create_sheet("Sheet")

    def write(self, row: list[object]) -> None:
        if self.fmt == "csv":
            self._csv.writerow([_text(v) for v in row])
        else:
            self._sheet.append(row)

    def close(self) -> None:
        if self.fmt == "csv":
            self._handle.close()
        else:
            self._book.save(self.path)


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.strftime(DATE_FORMAT)
    return str(value)


def write_exports(
    records: Iterable[RespondentRecord],
    codebook: Codebook,
    reference: Reference,
    out_dir: Path,
    *,
    formats: Sequence[Format] = ("csv", "xlsx"),
    layout: Layout = "two_rows",
    multilingual: bool = False,
    header_language: str = "fi",
    questions: Sequence[str] | None = None,
    personal_data: bool = True,
    prefix: str = "kumppanuusbaro",
) -> list[Path]:
    """Write ``records`` as exports, three language files per wave (one if ``multilingual``).

    Records are streamed, so 100,000 respondents need little memory. Personal data columns get
    obviously made-up values (192.0.2.x, example.invalid) unless ``personal_data`` is False.
    Returns the written paths.

    Raises
    ------
    ValueError
        If a record has an answer the export layout cannot hold (the round trip would lose it).
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    layouts: dict[int, list[WrittenColumn]] = {}
    sinks: dict[tuple[int, str], list[_Sink]] = {}

    def open_sinks(wave: int, language: str) -> list[_Sink]:
        if wave not in layouts:
            layouts[wave] = export_layout(codebook, reference, wave, questions)
        opened = []
        for fmt in formats:
            sink = _Sink(out_dir / export_file_name(wave, language, fmt, prefix), fmt)
            header_lang = header_language if language == "all" else language
            for row in _header_rows(layouts[wave], header_lang, layout):
                sink.write(row)
            opened.append(sink)
        return opened

    count = 0
    try:
        for record in records:
            count += 1
            key = (record.wave, "all" if multilingual else record.survey_language)
            if key not in sinks:
                sinks[key] = open_sinks(*key)
            row = _data_row(record, layouts[record.wave], reference, codebook, count,
                            personal_data)
            for sink in sinks[key]:
                sink.write(row)
        for wave in sorted({w for w, _ in sinks}):
            for language in (("all",) if multilingual else LANGUAGES):
                if (wave, language) not in sinks:
                    sinks[(wave, language)] = open_sinks(wave, language)
    finally:
        for opened in sinks.values():
            for sink in opened:
                sink.close()
    return sorted(sink.path for opened in sinks.values() for sink in opened)


def _header_rows(columns: list[WrittenColumn], language: str, layout: Layout) -> list[list[object]]:
    if layout == "two_rows":
        first: list[object] = list(METADATA_HEADERS)
        second: list[object] = [""] * len(METADATA_HEADERS)
        for column in columns:
            first.append(column.block[language] if column.starts_block else "")
            second.append(column.sub[language])
        return [first, second]
    single: list[object] = list(OLD_METADATA_HEADERS)
    for column in columns:
        sub = column.sub[language]
        single.append(column.block[language] if sub in (SUB_RESPONSE, SUB_OPEN)
                      else f"{column.block[language]} - {sub}")
    return [single]


def _data_row(
    record: RespondentRecord,
    columns: list[WrittenColumn],
    reference: Reference,
    codebook: Codebook,
    number: int,
    personal_data: bool,
) -> list[object]:
    language = record.survey_language
    by_question: dict[str, list[Any]] = {}
    for answer in record.answers:
        by_question.setdefault(answer.question_id, []).append(answer)
    placed = {c.question for c in columns}
    lost = sorted(set(by_question) - placed)
    if lost:
        raise ValueError(f"respondent {record.source_id}: answers to {', '.join(lost)} have no "
                         "column in the export layout")
    submitted = record.submitted_at
    source_id: object = int(record.source_id) if record.source_id.isdigit() else record.source_id
    row: list[object] = [
        source_id,
        int(collector_id(record.wave, language)),
        None if submitted is None else submitted - timedelta(minutes=7 + number % 20),
        submitted,
    ]
    if personal_data:
        row += [f"192.0.2.{number % 254 + 1}", f"respondent{number}@example.invalid", "Testi",
                f"Vastaaja {number}", f"panel-{number}"]
    else:
        row += [None] * 5
    for column in columns:
        answers = by_question.get(column.question, [])
        row.append(_cell(column, answers, record, reference, codebook, language))
    return row


def _cell(column: WrittenColumn, answers: list[Any], record: RespondentRecord,
          reference: Reference, codebook: Codebook, language: str) -> object:
    if column.kind == "background":
        code = record.org_type if column.question == "org_type" else record.ely_area
        question = codebook.question(column.question)
        if code is None or question.reference is None:
            return None
        return reference.label(question.reference, code, language)
    if column.kind == "open":
        texts = [a.value_text for a in answers if a.value_text is not None]
        return texts[0] if texts else None
    codes = [a.option_code for a in answers if a.option_code is not None]
    question = codebook.question(column.question)
    if column.kind in ("tick", "other"):
        if column.option is None or column.option not in codes:
            return None
        return question.option(column.option).label[language]
    if not codes:
        return None
    return question.option(codes[0]).label[language]
