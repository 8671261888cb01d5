"""Validation problems of an import, each with file, row and column.

Why a type of its own: the importer collects every problem of every file before it writes
anything, and the command line prints them all at once, grouped, so a damaged export is fixed in
one round instead of one error per run.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Problem:
    """One thing wrong (``error``) or worth a look (``warning``) in an export or the mapping.

    ``row`` is the spreadsheet row as Excel shows it (header rows included, 1-based); ``column``
    names the column by letter and header, e.g. ``"C (Start Date)"``.
    """

    file: str
    message: str
    row: int | None = None
    column: str | None = None
    severity: Severity = "error"

    def __str__(self) -> str:
        where = self.file
        if self.row is not None:
            where += f", row {self.row}"
        if self.column is not None:
            where += f", column {self.column}"
        return f"{self.severity}: {where}: {self.message}"


class ImportValidationError(Exception):
    """The exports or the mapping have errors; nothing was written. ``problems`` lists them all."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = list(problems)
        errors = sum(1 for p in self.problems if p.severity == "error")
        super().__init__(f"{errors} error(s) found; nothing was imported")


def has_errors(problems: Iterable[Problem]) -> bool:
    """True when any problem is an error (warnings alone do not stop an import)."""
    return any(p.severity == "error" for p in problems)


def format_problems(problems: Sequence[Problem], per_kind: int = 20) -> str:
    """All problems as text, errors first; repeats of one message in one column are shortened.

    A damaged 100,000-row file would otherwise print 100,000 near-identical lines: the first
    ``per_kind`` of each (file, column, message) are listed and the rest counted.
    """
    ordered = sorted(
        enumerate(problems),
        key=lambda item: (item[1].severity != "error", item[1].file, item[0]),
    )
    groups: dict[tuple[str, str, str | None, str], list[Problem]] = defaultdict(list)
    order: list[tuple[str, str, str | None, str]] = []
    for _index, problem in ordered:
        key: tuple[str, str, str | None, str] = (
            problem.severity, problem.file, problem.column, _message_kind(problem.message))
        if key not in groups:
            order.append(key)
        groups[key].append(problem)
    lines: list[str] = []
    for key in order:
        group = groups[key]
        lines.extend(str(p) for p in group[:per_kind])
        if len(group) > per_kind:
            lines.append(f"  ... and {len(group) - per_kind} more like this in {key[1]}")
    errors = sum(1 for p in problems if p.severity == "error")
    warnings = len(problems) - errors
    lines.append(f"{errors} error(s), {warnings} warning(s)")
    return "\n".join(lines)


def _message_kind(message: str) -> str:
    """The message up to its first quoted value, so 'not an option: 'x'' groups by kind."""
    return message.split("'", 1)[0]
