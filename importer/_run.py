"""Validate exports completely, then load them in one transaction.

Why two passes: the first pass reads and converts every row, collects every problem and spools the
converted rows (compactly, to a temporary file), so a 100,000-row file is validated in flat memory;
only when it found no error does the second pass stream the spooled rows into the store, inside one
transaction that either commits everything or nothing.
"""

from __future__ import annotations

import marshal
import os
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import BinaryIO, TextIO

from sqlalchemy import func, select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from anonymity import Policy
from codebook import Codebook, Reference
from data_access import RespondentRecord, models, store_codebook, store_respondents
from importer._convert import AnswerTable, RowConverter, plan_file
from importer._mapping import ImportMapping
from importer._problems import ImportValidationError, Problem, has_errors
from importer._progress import Progress
from importer._reader import open_export
from importer.redaction import Redactor, redact_open_answer

#: Test-only: seconds to sleep inside the write transaction once writing has begun, so a test
#: can kill the process at a known point. Never set it in production.
TEST_PAUSE_ENV = "BARO_IMPORT_TEST_PAUSE_SECONDS"
#: Printed to stderr when the test pause begins.
TEST_PAUSE_MARKER = "baro-import: test pause inside the write transaction"
#: Records written before the test pause (more than one batch of ``store_respondents``).
TEST_PAUSE_AFTER = 2500


@dataclass
class FileSummary:
    """What one export holds and how it was read."""

    name: str
    kind: str
    layout: str
    encoding: str | None
    delimiter: str | None
    language: str
    rows: int = 0
    respondents: int = 0
    personal_columns: list[str] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)


@dataclass
class ImportSummary:
    """What an import wrote (or, in a dry run, would write)."""

    wave: int
    dry_run: bool
    files: list[FileSummary]
    respondents: int = 0
    answers: int = 0
    open_answers: int = 0
    by_language: dict[str, int] = field(default_factory=dict)
    by_question: dict[str, int] = field(default_factory=dict)
    warnings: list[Problem] = field(default_factory=list)
    #: Respondents of this wave already in the store with the same id (replaced on import).
    existing: int | None = None
    written: int = 0
    seconds: float = 0.0
    #: What the protection step did, when it ran with the import.
    protection: list[str] | None = None

    def describe(self) -> str:
        """A plain-text report for the command line."""
        verb = "would import" if self.dry_run else "imported"
        lines = [f"Wave {self.wave}: {verb} {self.respondents:,} respondents with "
                 f"{self.answers:,} answers ({self.open_answers:,} open answers)"]
        for f in self.files:
            sep = {",": "comma", ";": "semicolon", "\t": "tab"}.get(f.delimiter or "", "")
            how = ", ".join(x for x in (f.kind.upper(), f.layout.replace("_", " "), f.encoding,
                                        sep) if x)
            lines.append(f"  {f.name} [{how}] language {f.language}: {f.rows:,} rows, "
                         f"{f.respondents:,} respondents")
            if f.personal_columns:
                lines.append(f"    personal data left out: {', '.join(f.personal_columns)}")
            if f.ignored_columns:
                lines.append(f"    ignored (mapping): {', '.join(f.ignored_columns)}")
        if self.by_language:
            lines.append("  respondents by language: " + ", ".join(
                f"{k} {v:,}" for k, v in sorted(self.by_language.items())))
        if self.existing is not None:
            lines.append(f"  already in the store and replaced: {self.existing:,}")
        if self.by_question:
            lines.append("  respondents answering each question:")
            width = max(len(q) for q in self.by_question)
            for qid, n in self.by_question.items():
                lines.append(f"    {qid:<{width}}  {n:,}")
        if self.warnings:
            lines.append(f"  {len(self.warnings)} warning(s), see above")
        if self.protection is not None:
            lines.extend(f"  protection: {line}" for line in self.protection)
        elif not self.dry_run:
            lines.append("  hiding patterns not refreshed: run `python -m baro protect` before "
                         "releasing")
        lines.append(f"  {self.seconds:.1f} s")
        return "\n".join(lines)


@dataclass
class _Validated:
    """The outcome of the validation pass: the summary and the spool of converted rows."""

    summary: ImportSummary
    source_ids: list[str]
    table: AnswerTable
    spool: BinaryIO


def validate_exports(
    paths: Sequence[Path],
    mapping: ImportMapping,
    codebook: Codebook,
    reference: Reference,
    *,
    redact: Redactor = redact_open_answer,
    progress: bool = True,
    stream: TextIO | None = None,
) -> ImportSummary:
    """Read every export completely and report; raises :class:`ImportValidationError` on errors."""
    validated = _validate(paths, mapping, codebook, reference, redact, progress, stream)
    validated.spool.close()
    return validated.summary


def _validate(
    paths: Sequence[Path],
    mapping: ImportMapping,
    codebook: Codebook,
    reference: Reference,
    redact: Redactor,
    progress: bool,
    stream: TextIO | None,
) -> _Validated:
    """Convert every row of every file once; keep problems, counts and a spool of valid rows.

    The spool is an anonymous temporary file (deleted when closed) of marshalled compact rows,
    so memory stays flat however large the exports are.
    """
    started = time.monotonic()
    problems: list[Problem] = []
    summary = ImportSummary(mapping.wave, True, [])
    seen: dict[str, tuple[str, int]] = {}
    by_language: Counter[str] = Counter()
    by_question: Counter[str] = Counter()
    table = AnswerTable()
    spool = tempfile.TemporaryFile(prefix="baro-import-")
    dump = marshal.dump
    names = [p.name for p in paths]
    for duplicate in sorted({n for n in names if names.count(n) > 1}):
        problems.append(Problem(duplicate, "the same file name is given twice"))
    failed = has_errors(problems)
    try:
        for path in paths:
            plan = plan_file(open_export(path), mapping, codebook, reference)
            problems.extend(plan.problems)
            failed = failed or has_errors(plan.problems)
            export = plan.export
            file_summary = FileSummary(
                export.name, export.kind, export.layout, export.encoding, export.delimiter,
                "by collector" if plan.by_collector else (plan.language or "?"),
                personal_columns=[c.block for c in plan.personal],
                ignored_columns=[c.header for c in plan.ignored],
            )
            summary.files.append(file_summary)
            if not plan.usable:
                continue
            converter = RowConverter(plan, mapping, redact)
            id_label = (converter.columns[converter.id_index].label
                        if converter.id_index is not None else None)
            bar = Progress(f"checking {export.name}", None, stream=stream, enabled=progress)
            for number, cells in export.rows():
                file_summary.rows += 1
                bar.update()
                row, row_problems = converter.check(number, cells, table)
                if row_problems:
                    problems.extend(row_problems)
                    failed = failed or has_errors(row_problems)
                if row is None:
                    continue
                first = seen.get(row.source_id)
                if first is not None:
                    failed = True
                    problems.append(Problem(
                        export.name, f"duplicate Respondent ID '{row.source_id}' (first in "
                        f"{first[0]}, row {first[1]})", number, id_label))
                    continue
                seen[row.source_id] = (export.name, number)
                file_summary.respondents += 1
                by_language[row.language] += 1
                summary.answers += len(row.answers)
                questions = {table.question_of(answer) for answer in row.answers}
                if row.org_type is not None:
                    questions.add("org_type")
                if row.ely_area is not None:
                    questions.add("ely_area")
                summary.open_answers += sum(1 for a in row.answers if isinstance(a, tuple))
                by_question.update(questions)
                if not failed:  # after the first error, only problems are collected
                    submitted = row.submitted_at
                    dump((row.source_id, row.language, row.org_type, row.ely_area,
                          None if submitted is None else (
                              submitted.year, submitted.month, submitted.day, submitted.hour,
                              submitted.minute, submitted.second, submitted.microsecond),
                          row.answers), spool)
            bar.close()
    except BaseException:
        spool.close()
        raise
    summary.respondents = sum(f.respondents for f in summary.files)
    summary.by_language = dict(by_language)
    order = {q.id: i for i, q in enumerate(codebook.questions)}
    summary.by_question = dict(sorted(by_question.items(), key=lambda kv: order.get(kv[0], 0)))
    summary.warnings = [p for p in problems if p.severity == "warning"]
    summary.seconds = time.monotonic() - started
    if has_errors(problems):
        spool.close()
        raise ImportValidationError(problems)
    spool.seek(0)
    return _Validated(summary, list(seen), table, spool)


def read_records(
    paths: Sequence[Path],
    mapping: ImportMapping,
    codebook: Codebook,
    reference: Reference,
    *,
    redact: Redactor = redact_open_answer,
    progress: bool = False,
    stream: TextIO | None = None,
) -> Iterator[RespondentRecord]:
    """Validate ``paths`` completely, then stream their records without touching a database.

    Raises :class:`ImportValidationError` before the first record if anything is wrong.
    """
    validated = _validate(paths, mapping, codebook, reference, redact, progress, stream)
    return _records(validated, mapping.wave, progress, stream)


def _records(
    validated: _Validated,
    wave: int,
    progress: bool,
    stream: TextIO | None,
) -> Iterator[RespondentRecord]:
    """The loading pass: records from the spool of the validation pass, in file order."""
    pause = float(os.environ.get(TEST_PAUSE_ENV, "0") or 0)
    table = validated.table
    load = marshal.load
    bar = Progress("writing", validated.summary.respondents, stream=stream, enabled=progress)
    written = 0
    with validated.spool as spool:
        while True:
            try:
                source_id, language, org_type, ely_area, submitted, answers = load(spool)
            except EOFError:
                break
            bar.update()
            if pause and written == TEST_PAUSE_AFTER:
                print(TEST_PAUSE_MARKER, file=sys.stderr, flush=True)
                time.sleep(pause)
            written += 1
            yield RespondentRecord(
                wave, source_id, language, org_type, ely_area,
                None if submitted is None else datetime(*submitted),
                tuple([table.record(answer) for answer in answers]))
    bar.close()


def import_exports(
    session_factory: sessionmaker[Session] | None,
    paths: Sequence[Path],
    mapping: ImportMapping,
    codebook: Codebook,
    reference: Reference,
    *,
    dry_run: bool = False,
    redact: Redactor = redact_open_answer,
    progress: bool = True,
    stream: TextIO | None = None,
    protect: Policy | None = None,
) -> ImportSummary:
    """Validate ``paths`` completely, then store them in one transaction (unless ``dry_run``).

    Parameters
    ----------
    session_factory:
        Sessions of a migrated store; may be None for a dry run that should not open a database.
    paths:
        The exports of one wave (e.g. the fi, sv and en collectors).
    mapping:
        The validated mapping (:func:`importer.load_mapping`).
    dry_run:
        Validate and report, write nothing.
    redact:
        Applied to every open answer before it is stored.
    protect:
        If given, the protection step (hiding patterns of every wave, with this policy) runs in
        the same transaction, so releases work at once; otherwise run ``python -m baro protect``
        after the import.

    Raises
    ------
    ImportValidationError
        With every problem found; nothing was written.
    """
    started = time.monotonic()
    validated = _validate(paths, mapping, codebook, reference, redact, progress, stream)
    summary = validated.summary
    summary.dry_run = dry_run
    if dry_run:
        validated.spool.close()
        if session_factory is not None:
            try:
                with session_factory() as session:
                    summary.existing = _count_existing(session, mapping.wave,
                                                       validated.source_ids)
            except SQLAlchemyError:  # a store without the schema yet: nothing to replace
                summary.existing = None
        summary.seconds = time.monotonic() - started
        return summary
    if session_factory is None:
        validated.spool.close()
        raise ValueError("a session factory is needed unless dry_run is set")
    with session_factory() as session, session.begin():
        store_codebook(session, codebook, reference)
        summary.existing = _count_existing(session, mapping.wave, validated.source_ids)
        summary.written = store_respondents(
            session, _records(validated, mapping.wave, progress, stream))
        if protect is not None:
            from pipeline import after_load  # heavy; only when the steps run

            summary.protection = after_load(session, protect).lines()
    summary.seconds = time.monotonic() - started
    return summary


def _count_existing(session: Session, wave: int, source_ids: Iterable[str]) -> int:
    ids = list(source_ids)
    total = 0
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        total += session.scalar(
            select(func.count()).select_from(models.Respondent).where(
                models.Respondent.wave == wave, models.Respondent.source_id.in_(chunk))
        ) or 0
    return total
