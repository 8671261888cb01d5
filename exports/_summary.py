"""A one-sentence text alternative of a chart, written from the table behind it.

Why from the table: the table is what the gate released, so the sentence can never mention a
hidden number; and a sentence plus the table is the chart's text alternative (WCAG 1.1.1) for
screen-reader users and for slide notes.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

_SIGN = "[+\u2212-]?"  # a plus, a true minus (U+2212) or a hyphen-minus
_LEADING = {
    "fi": re.compile(rf"^\s*({_SIGN}\d{{1,3}}(?:[ \u00a0\u202f]\d{{3}})*(?:,\d+)?|{_SIGN}\d+(?:,\d+)?)"),
    "sv": re.compile(rf"^\s*({_SIGN}\d{{1,3}}(?:[ \u00a0\u202f]\d{{3}})*(?:,\d+)?|{_SIGN}\d+(?:,\d+)?)"),
    "en": re.compile(rf"^\s*({_SIGN}\d{{1,3}}(?:,\d{{3}})*(?:\.\d+)?|{_SIGN}\d+(?:\.\d+)?)"),
}


@dataclass(frozen=True)
class SummaryTexts:
    """Sentence templates in the UI language (from the catalogue).

    ``range`` has ``{rows} {column} {top} {top_value} {bottom} {bottom_value}``; ``single`` has
    ``{column} {top} {top_value}``; ``empty`` has none; ``hidden`` (appended when cells are
    hidden) has ``{count} {marker}``. ``change`` (changes up and down) has the fields of
    ``range``; ``scale`` (one clause per answer scale when rows mix scales) has ``{scale} {top}
    {top_value} {bottom} {bottom_value}``. The chart's title opens the sentence.
    """

    range: str
    single: str
    empty: str
    hidden: str
    change: str = ""
    scale: str = ""


def _leading_number(text: str, language: str) -> float | None:
    match = _LEADING[language].match(text)
    if match is None:
        return None
    digits = re.sub(r"[ \u00a0\u202f]", "", match.group(1)).replace("\u2212", "-").lstrip("+")
    digits = digits.replace(",", "") if language == "en" else digits.replace(",", ".")
    return float(digits)


def _shown(table: pd.DataFrame, column: object, marker: str) -> list[str]:
    return [str(v).strip() for v in table[column] if str(v).strip() not in ("", marker, "nan")]


def _is_signed(cell: str) -> bool:
    return cell[:1] in ("+", "\u2212", "-")


def _change_column(table: pd.DataFrame, language: str, marker: str) -> str | None:
    """The leftmost column of signed changes (``+5,4 %-yks.``, ``−0,8``; an unsigned zero too).

    Leftmost: the raw change comes before its interval and the composition-adjusted change.
    """
    for column in table.columns[1:]:
        cells = _shown(table, column, marker)
        values = [_leading_number(c, language) for c in cells]
        if cells and all(v is not None for v in values) and any(c.startswith("+") for c in cells) and \
                all(_is_signed(c) or v == 0 for c, v in zip(cells, values, strict=True)):
            return str(column)
    return None


def _summary_column(table: pd.DataFrame, language: str, marker: str) -> str | None:
    """The rightmost column whose shown cells all start with a number (the chart's main measure)."""
    for column in reversed(list(table.columns[1:])):
        cells = _shown(table, column, marker)
        if cells and all(_leading_number(c, language) is not None for c in cells):
            return str(column)
    return None


def _scale_label(scale: str | None, cell: str) -> str | None:
    """Percentages share one scale whatever the question's answer scale was."""
    return None if cell.endswith("%") or "%" in cell.split("(")[0] else scale


def summarise_table(table: pd.DataFrame, language: str, title: str, texts: SummaryTexts, *,
                    marker: str = "–", row_scales: Sequence[str | None] | None = None) -> str:
    """One sentence: the highest and lowest row of the table's main measure, and hidden cells.

    The main measure is the leftmost column of signed changes when there is one (then the
    sentence names the largest increase and decrease), else the rightmost column of numbers
    (share agreeing, the latest wave, a mean); the values are quoted as the table writes them.
    ``row_scales`` names each row's answer scale (``1–10``, ``1–5``): means on different scales
    are never compared with each other, each scale gets its own clause.
    """
    hidden = int(sum((table[c].astype(str).str.strip() == marker).sum() for c in table.columns[1:]))
    change = _change_column(table, language, marker)
    column = change or _summary_column(table, language, marker)
    rows: list[tuple[str, str, float, str | None]] = []
    if column is not None:
        label_column = table.columns[0]
        scales = list(row_scales) if row_scales is not None and len(row_scales) == len(table) else \
            [None] * len(table)
        for label, cell, scale in zip(table[label_column], table[column], scales, strict=True):
            text = str(cell).strip()
            value = _leading_number(text, language)
            if value is not None and text != marker:
                rows.append((str(label), text, value, _scale_label(scale, text)))
    by_scale: dict[str | None, list[tuple[str, str, float, str | None]]] = {}
    for row in rows:
        by_scale.setdefault(row[3], []).append(row)
    if not rows or column is None:
        sentence = texts.empty
    elif len(by_scale) > 1 and texts.scale:
        clauses = [_scale_clause(texts, str(scale), part) for scale, part in by_scale.items()]
        sentence = f"{column}: " + " ".join(clauses)
    elif len(rows) == 1:
        sentence = texts.single.format(column=column, top=rows[0][0], top_value=rows[0][1])
    else:
        top = max(rows, key=lambda r: r[2])
        bottom = min(rows, key=lambda r: r[2])
        template = texts.change if change and texts.change and top[2] > 0 > bottom[2] else texts.range
        sentence = template.format(rows=len(table), column=column, top=top[0], top_value=top[1],
                                   bottom=bottom[0], bottom_value=bottom[1])
    if hidden:
        sentence = f"{sentence} {texts.hidden.format(count=hidden, marker=marker)}"
    title = title.strip()
    if not title:
        return sentence
    return f"{title} {sentence}" if title[-1] in ".?!:" else f"{title}. {sentence}"


def _scale_clause(texts: SummaryTexts, scale: str, rows: list[tuple[str, str, float, str | None]]) -> str:
    top = max(rows, key=lambda r: r[2])
    bottom = min(rows, key=lambda r: r[2])
    if len(rows) == 1:
        return texts.single.format(column=scale, top=top[0], top_value=top[1])
    return texts.scale.format(scale=scale, top=top[0], top_value=top[1], bottom=bottom[0], bottom_value=bottom[1])
