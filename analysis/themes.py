"""Theme shares of the open answers, per wave, from released tables.

Why from released tables: the "Open answers" page, the command line and exports show the same
numbers the anonymity gate released for an open question (counted like a multi-select over its
themes); this module only reshapes them and never counts respondents itself.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from anonymity import ReleasedTable
from themes import NO_CONTENT, UNCODED

#: Columns of :func:`theme_shares_from_released`.
THEME_SHARE_COLUMNS: tuple[str, ...] = ("category", "wave", "count", "base", "share", "hidden")
#: Columns of :func:`answer_counts_from_released`.
ANSWER_COUNT_COLUMNS: tuple[str, ...] = ("wave", "substantive", "no_content", "uncoded", "coverage", "hidden")

__all__ = ["ANSWER_COUNT_COLUMNS", "THEME_SHARE_COLUMNS", "answer_counts_from_released",
           "theme_shares_from_released"]


def _check(tables: Mapping[int, ReleasedTable]) -> None:
    for wave, table in tables.items():
        if not isinstance(table, ReleasedTable):
            raise TypeError("theme tables must come from the anonymity gate")
        if table.wave != wave:
            raise ValueError(f"table of wave {table.wave} given as wave {wave}")
        if table.question_type != "open":
            raise ValueError(f"{table.question_id!r} is not an open question")


def _is_hidden(table: ReleasedTable) -> bool:
    return table.is_refused or table.total is None or table.total.hidden


def theme_shares_from_released(tables: Mapping[int, ReleasedTable]) -> pd.DataFrame:
    """Long table (:data:`THEME_SHARE_COLUMNS`): respondents per theme and wave, of the view's group.

    One row per theme (codebook order, then ``"uncoded"``) and wave. ``share`` is of the
    respondents with a substantive answer (``base``); an answer can carry several themes, so the
    shares of a wave can add up to more than 1. Numbers are ``<NA>`` where the gate hides the group.
    """
    _check(tables)
    rows: list[dict[str, object]] = []
    for wave in sorted(tables):
        table = tables[wave]
        hidden = _is_hidden(table)
        total = None if hidden else table.total
        for code in table.option_codes:
            if code == NO_CONTENT:
                continue
            rows.append({
                "category": code, "wave": wave, "hidden": hidden,
                "count": None if total is None else total.count(code),
                "base": None if total is None else total.base,
                "share": None if total is None else total.share(code),
            })
    frame = pd.DataFrame(rows, columns=list(THEME_SHARE_COLUMNS))
    frame["wave"] = frame["wave"].astype("int64")
    frame["count"] = frame["count"].astype("Int64")
    frame["base"] = frame["base"].astype("Int64")
    frame["share"] = frame["share"].astype("Float64")
    frame["hidden"] = frame["hidden"].astype(bool)
    return frame


def answer_counts_from_released(tables: Mapping[int, ReleasedTable]) -> pd.DataFrame:
    """Per wave: substantive and "no content" answers, uncoded answers and the coverage.

    ``coverage`` is the share of substantive answers with at least one theme (1 - uncoded /
    substantive); every number is ``<NA>`` where the gate hides the group.
    """
    _check(tables)
    rows: list[dict[str, object]] = []
    for wave in sorted(tables):
        table = tables[wave]
        hidden = _is_hidden(table)
        total = None if hidden else table.total
        base = None if total is None else total.base
        uncoded = None if total is None else total.count(UNCODED)
        coverage = None if not base or uncoded is None else 1 - uncoded / base
        rows.append({"wave": wave, "hidden": hidden, "substantive": base, "uncoded": uncoded,
                     "no_content": None if total is None else total.count(NO_CONTENT), "coverage": coverage})
    frame = pd.DataFrame(rows, columns=list(ANSWER_COUNT_COLUMNS))
    for column in ("substantive", "no_content", "uncoded"):
        frame[column] = frame[column].astype("Int64")
    frame["coverage"] = frame["coverage"].astype("Float64")
    frame["hidden"] = frame["hidden"].astype(bool)
    return frame
