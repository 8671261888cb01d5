"""Turn export rows into respondent records, collecting every problem with row and column.

Why one converter for both passes: validation and loading must agree exactly, so the first pass
converts every row and keeps only the problems, and the second converts again and streams the
records into the store. Nothing the first pass accepted can fail in the second.
"""

from __future__ import annotations

import fnmatch
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, NamedTuple

from codebook import LANGUAGES, Codebook, Question, Reference
from data_access import AnswerRecord
from importer._mapping import BACKGROUND_FIELDS, ColumnRule, ImportMapping
from importer._problems import Problem
from importer._reader import PERSONAL_ROLES, ExportColumn, ExportFile, normalise
from importer.redaction import Redactor

_SCIENTIFIC = re.compile(r"^[+-]?\d+([.,]\d+)?[eE][+-]?\d+$")
_HASHES = re.compile(r"^#+$")
#: SurveyMonkey's own date format, parsed without strptime (the hot path of large files).
_SURVEYMONKEY_DATE = re.compile(r"(\d\d?)/(\d\d?)/(\d{4}) (\d\d?):(\d\d):(\d\d) ([AaPp])[Mm]\Z")
_INT_WITH_ZEROS = re.compile(r"^(\d+)\.0+$")
_TICK_MARKS = frozenset({"1", "x", "yes", "true", "✓", "✔"})
DATE_FORMATS: tuple[str, ...] = (
    "%m/%d/%Y %I:%M:%S %p",
    "%m/%d/%Y %I:%M %p",
    "%m/%d/%Y %H:%M:%S",
    "%m/%d/%Y %H:%M",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%d.%m.%Y %H:%M:%S",
    "%d.%m.%Y %H:%M",
    "%d.%m.%Y %H.%M.%S",
    "%d.%m.%Y %H.%M",
    "%m/%d/%Y",
    "%Y-%m-%d",
    "%d.%m.%Y",
)
MAX_SOURCE_ID = 64


@dataclass
class _Choice:
    """Label tables of a question whose cell holds one option (single, scale, background)."""

    question: str
    multi: bool
    exact: dict[str, dict[str, tuple[str, float | None]]]
    folded: dict[str, dict[str, tuple[str, float | None]]]
    numeric: dict[float, tuple[str, float | None]]
    low: float | None
    high: float | None

    def lookup(self, cell: str, language: str) -> tuple[str, float | None] | None:
        hit = self.exact[language].get(cell)
        if hit is None:
            hit = self.folded[language].get(normalise(cell))
        if hit is None and self.numeric:
            number = _number(cell)
            if number is not None:
                hit = self.numeric.get(number)
        return hit

    def out_of_range(self, cell: str) -> bool:
        number = _number(cell)
        return (number is not None and self.low is not None and self.high is not None
                and not self.low <= number <= self.high)


@dataclass
class _Handler:
    column: ExportColumn
    rule: ColumnRule
    choice: _Choice | None = None
    #: tick columns: normalised texts that mean "ticked".
    marks: frozenset[str] = frozenset()
    field: str | None = None
    multi: bool = False


@dataclass
class FilePlan:
    """How one export's columns map to the store, checked before any row is read."""

    export: ExportFile
    language: str | None
    by_collector: bool
    handlers: list[_Handler]
    personal: list[ExportColumn]
    ignored: list[ExportColumn]
    problems: list[Problem] = field(default_factory=list)

    @property
    def usable(self) -> bool:
        return not any(p.severity == "error" for p in self.problems)


def plan_file(
    export: ExportFile, mapping: ImportMapping, codebook: Codebook, reference: Reference
) -> FilePlan:
    """Bind an export's columns to the mapping's entries and report what does not fit."""
    name = export.name
    problems: list[Problem] = list(export.problems)
    plan = FilePlan(export, None, False, [], [], [], problems)
    if export.layout == "unknown":
        return plan
    collector_column = export.column_of("collector_id")
    if mapping.collectors and collector_column is not None:
        plan.by_collector = True
    else:
        plan.language = _file_language(name, mapping)
        if plan.language is None:
            problems.append(Problem(
                name, "no survey language for this file: name it in the mapping's 'files' "
                "(pattern -> language), give 'language', or a 'collectors' table"
                + (" (the file has no Collector ID column)" if mapping.collectors else "")))
    if export.layout == "two_rows":
        keys2 = mapping.keys_two_rows()
    else:
        keys1 = mapping.keys_one_row()
    used: dict[int, ExportColumn] = {}
    answered_by: dict[str, ExportColumn] = {}
    for column in export.columns:
        if column.role is not None:
            if column.role in PERSONAL_ROLES:
                plan.personal.append(column)
            continue
        if export.layout == "two_rows":
            rule = keys2.get((normalise(column.block), normalise(column.sub or "")))
        else:
            rule = keys1.get(normalise(column.block))
        if rule is None:
            if mapping.is_ignored(column.block, column.sub):
                plan.ignored.append(column)
            else:
                problems.append(Problem(
                    name, "this column is not in the mapping (add a 'columns' entry, or list it "
                    "under 'ignore' to skip it on purpose)", row=export.header_rows,
                    column=column.label))
            continue
        if rule.number in used:
            problems.append(Problem(
                name, f"{rule.label} matches two columns: {used[rule.number].label} and this one",
                row=export.header_rows, column=column.label))
            continue
        used[rule.number] = column
        if rule.kind in ("choice", "background"):
            key = rule.question
            if key in answered_by:
                problems.append(Problem(
                    name, f"question {key} would take its answer from two columns: "
                    f"{answered_by[key].label} and this one", row=export.header_rows,
                    column=column.label))
                continue
            answered_by[key] = column
        plan.handlers.append(_handler(column, rule, mapping, codebook, reference))
    for rule in mapping.rules:
        if rule.number not in used:
            problems.append(Problem(
                name, f"{rule.label} matches no column of this file ('{rule.header_text[:60]}')",
                severity="warning"))
    if export.column_of("respondent_id") is None:
        problems.append(Problem(name, "no Respondent ID column"))
    return plan


def _file_language(name: str, mapping: ImportMapping) -> str | None:
    for pattern, language in mapping.files:
        if fnmatch.fnmatch(name, pattern) or fnmatch.fnmatch(name.lower(), pattern.lower()):
            return language
    return mapping.language


def _handler(
    column: ExportColumn,
    rule: ColumnRule,
    mapping: ImportMapping,
    codebook: Codebook,
    reference: Reference,
) -> _Handler:
    question = codebook.question(rule.question)
    handler = _Handler(column, rule, multi=question.type == "multi")
    if rule.kind == "choice":
        aliases = _other_aliases(mapping, question)
        handler.choice = _choice_tables(question, rule, reference, aliases)
    elif rule.kind == "background":
        assert question.reference is not None
        handler.field = BACKGROUND_FIELDS[question.reference]
        handler.choice = _choice_tables(question, rule, reference, {})
    elif rule.kind == "tick":
        assert rule.option is not None
        option = question.option(rule.option)
        handler.marks = frozenset(
            {normalise(column.sub or ""), normalise(rule.option)} | _TICK_MARKS
            | {normalise(label) for label in option.label.values()}
            | set(rule.values.get("*", {})) - {""}
        )
    return handler


def _other_aliases(mapping: ImportMapping, question: Question) -> dict[str, str]:
    """Texts of a question's 'Other (please specify)' column that may also appear as the answer."""
    aliases: dict[str, str] = {}
    for rule in mapping.rules:
        if rule.question == question.id and rule.kind == "other" and rule.option and rule.subs:
            for sub in rule.subs:
                aliases[sub] = rule.option
    return aliases


def _choice_tables(
    question: Question, rule: ColumnRule, reference: Reference, aliases: dict[str, str]
) -> _Choice:
    values: dict[str, float | None] = {}
    labels: dict[str, dict[str, str]] = {}
    if question.type == "background" and question.reference:
        for item in reference.items(question.reference):
            values[item.code] = None
            labels[item.code] = item.label
    else:
        for option in question.options:
            values[option.code] = None if question.type == "multi" else option.value
            labels[option.code] = option.label
    exact: dict[str, dict[str, tuple[str, float | None]]] = {}
    folded: dict[str, dict[str, tuple[str, float | None]]] = {}
    for language in LANGUAGES:
        table_exact: dict[str, tuple[str, float | None]] = {}
        table: dict[str, tuple[str, float | None]] = {}
        # Lowest priority first: codes, other languages' labels, this language, the mapping.
        for code in values:
            table[normalise(code)] = (code, values[code])
        for other in [lang for lang in LANGUAGES if lang != language] + [language]:
            for code, label in labels.items():
                table[normalise(label[other])] = (code, values[code])
                table_exact[label[other]] = (code, values[code])
        for alias, code in aliases.items():
            table[alias] = (code, values[code])
        for scope in ("*", language):
            for label_text, code in rule.values.get(scope, {}).items():
                table[label_text] = (code, values[code])
        exact[language] = table_exact
        folded[language] = table
    numeric: dict[float, tuple[str, float | None]] = {}
    scale = [o for o in question.options if not o.dont_know]
    low = high = None
    if question.type != "background" and scale and all(o.value is not None for o in scale):
        for option in scale:
            assert option.value is not None
            numeric[option.value] = (option.code, values[option.code])
        low, high = min(numeric), max(numeric)
    return _Choice(question.id, question.type == "multi", exact, folded, numeric, low, high)


def _number(cell: str) -> float | None:
    try:
        return float(cell.strip().replace(",", "."))
    except ValueError:
        return None


#: A closed answer as an index into :class:`AnswerTable`, an open one as (question id, text).
CompactAnswer = int | tuple[str, str]


class AnswerTable:
    """Distinct closed answers of an import, numbered: a row's answers become small integers.

    Why: 100,000 respondents give millions of answers but only a few hundred distinct
    (question, option, value) triples, so the validation pass spools integers to disk and the
    loading pass reuses one immutable :class:`AnswerRecord` per triple.
    """

    def __init__(self) -> None:
        self._index: dict[tuple[str, str | None, float | None], int] = {}
        self.items: list[tuple[str, str | None, float | None]] = []
        self._records: list[AnswerRecord] = []

    def make(self, question: str, code: str | None = None, value: float | None = None,
             text: str | None = None) -> CompactAnswer:
        if text is not None:
            return (question, text)
        key = (question, code, value)
        number = self._index.get(key)
        if number is None:
            number = self._index[key] = len(self.items)
            self.items.append(key)
        return number

    def question_of(self, answer: CompactAnswer) -> str:
        return self.items[answer][0] if isinstance(answer, int) else answer[0]

    def record(self, answer: CompactAnswer) -> AnswerRecord:
        if isinstance(answer, tuple):
            return AnswerRecord(answer[0], value_text=answer[1])
        while len(self._records) < len(self.items):
            question, code, value = self.items[len(self._records)]
            self._records.append(AnswerRecord(question, code, value))
        return self._records[answer]


class Checked(NamedTuple):
    """A valid row as the validation pass keeps it: compact, ready to spool."""

    source_id: str
    language: str
    org_type: str | None
    ely_area: str | None
    submitted_at: datetime | None
    answers: list[CompactAnswer]


_CHOICE, _BACKGROUND, _TICK, _OTHER, _OPEN = range(5)
_KIND_CODES = {"choice": _CHOICE, "background": _BACKGROUND, "tick": _TICK, "other": _OTHER,
               "open": _OPEN}


class RowConverter:
    """Converts the rows of one planned file; keeps the state that spans rows (date format).

    Every row is converted once, by :meth:`check` in the validation pass; its compact result is
    spooled and turned into records only when the whole import proved valid.
    """

    def __init__(
        self,
        plan: FilePlan,
        mapping: ImportMapping,
        redact: Redactor,
    ) -> None:
        self.plan = plan
        self.wave = mapping.wave
        self.collectors = mapping.collectors
        self.redact = redact
        export = plan.export
        self.name = export.name
        self.width = len(export.columns)
        self.columns = export.columns

        def index(role: str) -> int | None:
            column = export.column_of(role)
            return None if column is None else column.index

        self.id_index = index("respondent_id")
        self.collector_index = index("collector_id") if plan.by_collector else None
        self.end_index = index("end_date")
        self.start_index = index("start_date")
        self.fixed_date_format = mapping.date_format is not None
        self.date_formats: list[str] = (
            [mapping.date_format] if mapping.date_format else list(DATE_FORMATS))
        # Flattened handlers: the row loop is the hot path of a 100,000-row import.
        self.steps: list[tuple[Any, ...]] = [
            (h.column.index, _KIND_CODES[h.rule.kind], h.rule.question, h.rule.option, h.choice,
             h.marks, h.column.sub, h.multi, h.field, h.rule.text_question, h)
            for h in plan.handlers
        ]

    def check(self, number: int, cells: list[str],
              table: AnswerTable) -> tuple[Checked | None, list[Problem]]:
        """Validate and convert one row (None if it is skipped or wrong) with its problems."""
        row, problems = self._convert(number, cells, table.make)
        if row is None:
            return None, problems
        return Checked(*row), problems

    def _convert(self, number: int, cells: list[str],
                 make: Callable[..., Any]) -> tuple[tuple[Any, ...] | None, list[Problem]]:
        problems: list[Problem] = []
        name = self.name

        def problem(message: str, column: ExportColumn | None = None,
                    severity: str = "error") -> None:
            problems.append(Problem(name, message, number, None if column is None else
                                    column.label, severity))  # type: ignore[arg-type]

        joined = "\x1f".join(cells)
        if not joined.replace("\x1f", "").strip():
            problem("the row is entirely empty (delete it, e.g. rows left over from Excel)")
            return None, problems
        if len(cells) > self.width and any(c.strip() for c in cells[self.width:]):
            problem(f"the row has {len(cells)} cells but the header has {self.width} columns: "
                    "values have shifted (a delimiter inside an unquoted value?)")
            return None, problems
        if "#" in joined:
            for column in self.columns:
                cell = cells[column.index]
                if cell[:1] == "#" and _HASHES.match(cell.strip()):
                    problem("Excel shows '#####' here: the value was lost when the file was "
                            "saved from a too narrow column; export from SurveyMonkey again",
                            column)
            if problems:
                return None, problems
        source_id = self._source_id(cells, problem)
        language = self._language(cells, problem)
        submitted_at = self._date(cells, self.end_index, problem)
        self._date(cells, self.start_index, problem)
        org_type: str | None = None
        ely_area: str | None = None
        answers: list[Any] = []
        chosen: dict[str, str] = {}
        ticked: set[tuple[str, str]] = set()
        lang = language or "fi"
        redact = self.redact
        for (index, kind, question, option, choice, marks, sub, multi, field_name,
             text_question, handler) in self.steps:
            cell = cells[index]
            if not cell or cell.isspace():
                continue
            if kind <= _BACKGROUND:
                hit = choice.exact[lang].get(cell)
                if hit is None:
                    hit = choice.lookup(cell, lang)
                    if hit is None:
                        if choice.out_of_range(cell):
                            problem(f"value out of range: '{cell.strip()}' (the scale of "
                                    f"{question} runs {choice.low:g}..{choice.high:g})",
                                    handler.column)
                        else:
                            problem(f"not an option of {question}: '{cell.strip()}' (add it "
                                    "under 'values' in the mapping if it is a known label)",
                                    handler.column)
                        continue
                code, value = hit
                if kind == _BACKGROUND:
                    if field_name == "org_type":
                        org_type = code
                    else:
                        ely_area = code
                    continue
                before = chosen.get(question)
                if before is None:
                    chosen[question] = code
                    answers.append(make(question, code, value))
                elif before != code:
                    problem(f"two answers to the single-choice question {question}: "
                            f"'{before}' and '{code}'", handler.column)
            elif kind == _TICK:
                if cell != sub:
                    text = cell.strip()
                    if text != sub and normalise(text) not in marks:
                        problem(f"not an option of {question}: '{text}' in the column of "
                                f"option '{option}' (a ticked box holds the option's label)",
                                handler.column)
                        continue
                key = (question, option)
                if key not in ticked:
                    ticked.add(key)
                    answers.append(make(question, option))
            elif kind == _OTHER:
                key = (question, option)
                if question in chosen or key in ticked:
                    if chosen.get(question, option) != option:
                        problem(f"two answers to the single-choice question {question}: "
                                f"'{chosen[question]}' and the 'Other' text", handler.column)
                        continue
                elif multi:
                    ticked.add(key)
                    answers.append(make(question, option))
                else:
                    chosen[question] = option
                    answers.append(make(question, option, None))
                if text_question is not None:
                    answers.append(make(text_question, None, None, redact(cell.strip(), lang)))
            else:  # open
                answers.append(make(question, None, None, redact(cell.strip(), lang)))
        if problems and any(p.severity == "error" for p in problems):
            return None, problems
        if source_id is None or language is None:
            return None, problems
        if not answers and org_type is None and ely_area is None:
            problem(f"respondent {source_id} answered nothing: not imported", severity="warning")
            return None, problems
        return (source_id, language, org_type, ely_area, submitted_at, answers), problems

    def _source_id(self, cells: list[str], problem: Callable[..., None]) -> str | None:
        if self.id_index is None:
            return None
        column = self.columns[self.id_index]
        raw = cells[self.id_index].strip()
        if not raw:
            problem("no Respondent ID", column)
            return None
        if _SCIENTIFIC.match(raw):
            problem(f"Excel has turned the Respondent ID into scientific notation ('{raw}'): the "
                    "digits are lost; export from SurveyMonkey again (or format the column as "
                    "text before saving in Excel)", column)
            return None
        whole = _INT_WITH_ZEROS.match(raw)
        if whole:
            raw = whole.group(1)
        if len(raw) > MAX_SOURCE_ID:
            problem(f"Respondent ID longer than {MAX_SOURCE_ID} characters", column)
            return None
        return raw

    def _language(self, cells: list[str], problem: Callable[..., None]) -> str | None:
        if self.collector_index is None:
            return self.plan.language
        column = self.columns[self.collector_index]
        raw = cells[self.collector_index].strip()
        if _SCIENTIFIC.match(raw):
            problem(f"Excel has turned the Collector ID into scientific notation ('{raw}')", column)
            return None
        whole = _INT_WITH_ZEROS.match(raw)
        if whole:
            raw = whole.group(1)
        language = self.collectors.get(raw)
        if language is None:
            language = self.plan.language
        if language is None:
            problem(f"Collector ID '{raw}' is not in the mapping's 'collectors' table", column)
        return language

    def _date(self, cells: list[str], index: int | None,
              problem: Callable[..., None]) -> datetime | None:
        if index is None:
            return None
        raw = cells[index].strip()
        if not raw:
            return None
        if not self.fixed_date_format:
            match = _SURVEYMONKEY_DATE.match(raw)
            if match:
                month, day, year, hour, minute, second, half = match.groups()
                try:
                    return datetime(int(year), int(month), int(day),
                                    int(hour) % 12 + (12 if half in "Pp" else 0), int(minute),
                                    int(second))
                except ValueError:
                    pass
        try:
            return datetime.fromisoformat(raw)
        except ValueError:
            pass
        for position, pattern in enumerate(self.date_formats):
            try:
                parsed = datetime.strptime(raw, pattern)
            except ValueError:
                continue
            if position:  # the format that worked is tried first on the next row
                self.date_formats.insert(0, self.date_formats.pop(position))
            return parsed
        problem(f"cannot read the date '{raw}' (expected e.g. 11/04/2022 09:15:32 AM; set "
                "'date_format' in the mapping)", self.columns[index])
        return None
