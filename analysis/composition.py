"""Who answered: respondent counts per background category and wave, from released tables.

Why a module of its own: the Overview, exports and the command line show the same counts in the
same order (the menu's order, empty categories listed). Counts come only from the anonymity
gate's released tables, so this module reshapes protected numbers and never counts respondents.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from anonymity import NOT_STATED, ReleasedTable
from codebook import Reference

#: Dimensions a composition can be broken down by, and the reference list of each.
REFERENCE_LISTS: dict[str, str] = {
    "org_type": "organisation_types",
    "sector": "sectors",
    "ely_area": "ely_areas",
    "centre": "centres",
    "language": "languages",
}
DIMENSIONS: tuple[str, ...] = tuple(REFERENCE_LISTS)
#: The category of respondents who did not answer the background question.
NOT_ANSWERED = NOT_STATED
#: The single category of :func:`totals_from_released`.
ALL_RESPONDENTS = "all"
#: Columns of a released (hidden-flagged) table, the shape pages and chart builders accept.
RELEASED_COLUMNS: tuple[str, ...] = ("category", "wave", "count", "hidden")


def _check(tables: Mapping[int, ReleasedTable]) -> None:
    for wave, table in tables.items():
        if not isinstance(table, ReleasedTable):
            raise TypeError("composition tables must come from the anonymity gate")
        if table.wave != wave:
            raise ValueError(f"table of wave {table.wave} given as wave {wave}")


def _frame(rows: list[dict[str, object]]) -> pd.DataFrame:
    released = pd.DataFrame(rows, columns=list(RELEASED_COLUMNS))
    released["wave"] = released["wave"].astype("int64")
    released["count"] = released["count"].astype("Int64")
    released["hidden"] = released["hidden"].astype(bool)
    return released


def composition_from_released(tables: Mapping[int, ReleasedTable],
                              drop_empty_not_answered: bool = True) -> pd.DataFrame:
    """Long table (:data:`RELEASED_COLUMNS`) of respondents per breakdown category and wave.

    ``count`` is ``<NA>`` exactly where the gate hides the group. The "not answered" category is
    left out when it is hidden in every wave (no respondent skipped, or too few to tell).
    """
    _check(tables)
    rows: list[dict[str, object]] = []
    waves = sorted(tables)
    released_rows = [tables[w].rows for w in waves if not tables[w].is_refused]
    categories = [row.category for row in released_rows[0]] if released_rows else []
    by_wave = {wave: {row.category: row for row in tables[wave].rows} for wave in waves}
    for category in categories:  # category-major: each category's waves side by side
        for wave in waves:
            row = by_wave[wave].get(category)  # a refused wave (population under k) releases no rows
            hidden = row is None or row.hidden
            rows.append({"category": category, "wave": wave,
                         "count": pd.NA if hidden or row is None else row.population, "hidden": hidden})
    released = _frame(rows)
    if drop_empty_not_answered:
        not_answered = released["category"] == NOT_ANSWERED
        if released.loc[not_answered, "hidden"].all():
            released = released.loc[~not_answered].reset_index(drop=True)
    return released


def totals_from_released(tables: Mapping[int, ReleasedTable]) -> pd.DataFrame:
    """All respondents per wave, in the shape of :func:`composition_from_released`."""
    _check(tables)
    rows: list[dict[str, object]] = []
    for wave in sorted(tables):
        total = tables[wave].total
        hidden = total is None or total.hidden
        rows.append({"category": ALL_RESPONDENTS, "wave": wave,
                     "count": pd.NA if hidden or total is None else total.population, "hidden": hidden})
    return _frame(rows)


def mark_absent_categories(released: pd.DataFrame, reference: Reference, dimension: str) -> pd.DataFrame:
    """A copy of a released composition with ``absent``: the category did not exist in that wave.

    Why apart from ``hidden``: a wellbeing services county in 2020 is not a protected number but a
    class that did not exist yet (the reference lists' ``waves``), and saying so is honest. Only
    such rows are marked; an empty group of a class that did exist keeps the hidden marker, so
    hidden and empty still look alike.
    """
    list_name = REFERENCE_LISTS.get(dimension)
    waves_of = {item.code: tuple(item.waves) for item in (reference.items(list_name) if list_name else ())
                if item.waves}
    marked = released.copy()
    # A shown count (respondents coded into a class before it existed) stays a number.
    marked["absent"] = [
        str(category) in waves_of and int(wave) not in waves_of[str(category)] and bool(hidden)
        for category, wave, hidden in zip(released["category"], released["wave"], released["hidden"], strict=True)
    ]
    return marked
