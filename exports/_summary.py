"""A one-sentence text alternative of a chart, written from the table behind it.

Why from the table: the table is what the gate released, so the sentence can never mention a
hidden number; and a sentence plus the table is the chart's text alternative (WCAG 1.1.1) for
screen-reader users and for slide notes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

_LEADING = {
    "fi": re.compile(r"^\s*(-?\d{1,3}(?:[ \u00a0\u202f]\d{3})*(?:,\d+)?|-?\d+(?:,\d+)?)"),
    "sv": re.compile(r"^\s*(-?\d{1,3}(?:[ \u00a0\u202f]\d{3})*(?:,\d+)?|-?\d+(?:,\d+)?)"),
    "en": re.compile(r"^\s*(-?\d{1,3}(?:,\d{3})*(?:\.\d+)?|-?\d+(?:\.\d+)?)"),
}


@dataclass(frozen=True)
class SummaryTexts:
    """Sentence templates in the UI language (from the catalogue).

    ``range`` has ``{rows} {column} {top} {top_value} {bottom} {bottom_value}``; ``single`` has
    ``{column} {top} {top_value}``; ``empty`` has none; ``hidden`` (appended when cells are
    hidden) has ``{count} {marker}``. The chart's title opens the sentence.
    """

    range: str
    single: str
    empty: str
    hidden: str


def _leading_number(text: str, language: str) -> float | None:
    match = _LEADING[language].match(text)
    if match is None:
        return None
    digits = re.sub(r"[ \u00a0\u202f]", "", match.group(1))
    digits = digits.replace(",", "") if language == "en" else digits.replace(",", ".")
    return float(digits)


def _summary_column(table: pd.DataFrame, language: str, marker: str) -> str | None:
    """The rightmost column whose shown cells all start with a number (the chart's main measure)."""
    for column in reversed(list(table.columns[1:])):
        cells = [str(v) for v in table[column] if str(v).strip() not in ("", marker, "nan")]
        if cells and all(_leading_number(c, language) is not None for c in cells):
            return str(column)
    return None


def summarise_table(table: pd.DataFrame, language: str, title: str, texts: SummaryTexts, *,
                    marker: str = "–") -> str:
    """One sentence: the highest and lowest row of the table's main measure, and hidden cells.

    The main measure is the rightmost column of numbers (share agreeing, the latest wave, a
    mean); the values are quoted as the table writes them.
    """
    hidden = int(sum((table[c].astype(str).str.strip() == marker).sum() for c in table.columns[1:]))
    column = _summary_column(table, language, marker)
    rows: list[tuple[str, str, float]] = []
    if column is not None:
        label_column = table.columns[0]
        for label, cell in zip(table[label_column], table[column], strict=True):
            value = _leading_number(str(cell), language)
            if value is not None and str(cell).strip() != marker:
                rows.append((str(label), str(cell).strip(), value))
    if not rows or column is None:
        sentence = texts.empty
    elif len(rows) == 1:
        sentence = texts.single.format(column=column, top=rows[0][0], top_value=rows[0][1])
    else:
        top = max(rows, key=lambda r: r[2])
        bottom = min(rows, key=lambda r: r[2])
        sentence = texts.range.format(rows=len(table), column=column, top=top[0], top_value=top[1],
                                      bottom=bottom[0], bottom_value=bottom[1])
    if hidden:
        sentence = f"{sentence} {texts.hidden.format(count=hidden, marker=marker)}"
    title = title.strip()
    if not title:
        return sentence
    return f"{title} {sentence}" if title[-1] in ".?!:" else f"{title}. {sentence}"
