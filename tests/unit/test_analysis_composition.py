"""Composition tables are reshaped from the gate's released tables, never counted from rows.

Population (k = 5): 2023 municipality/north 12, NGO/north 6, NGO/south 9, firm/south 2;
2020 municipality/north 7, NGO/south 5.
"""

from __future__ import annotations

import pandas as pd
import pytest

from analysis import NOT_ANSWERED, RELEASED_COLUMNS, composition_from_released, totals_from_released
from anonymity import Menu, Policy, ReleasedTable, View, build_cells, protect, release_view

MENU = Menu(("org", "region"), {"org": ("municipality", "ngo", "firm", NOT_ANSWERED),
                                "region": ("north", "south", NOT_ANSWERED)})
SIZES = {2023: {("municipality", "north"): 12, ("ngo", "north"): 6, ("ngo", "south"): 9, ("firm", "south"): 2},
         2020: {("municipality", "north"): 7, ("ngo", "south"): 5}}


def released(wave: int, view: View) -> ReleasedTable:
    rows = [key for key, n in SIZES[wave].items() for _ in range(n)]
    people = pd.DataFrame(rows, columns=["org", "region"])
    people.insert(0, "respondent_id", range(len(people)))
    cells = build_cells(people, MENU)
    pattern = protect(cells.labels, cells.population, cells.base, None, MENU, Policy())
    return release_view(cells, view, pattern, MENU, Policy(), wave=wave)


def test_every_category_is_listed_in_menu_order_with_hidden_marked() -> None:
    table = composition_from_released({w: released(w, View(None, "org")) for w in (2020, 2023)})
    assert list(table.columns) == list(RELEASED_COLUMNS)
    assert table["category"].tolist() == ["municipality", "municipality", "ngo", "ngo", "firm", "firm"]
    assert table["wave"].tolist() == [2020, 2023] * 3
    firm_2023 = table[(table["category"] == "firm") & (table["wave"] == 2023)].iloc[0]
    assert bool(firm_2023["hidden"]) and pd.isna(firm_2023["count"])
    assert table["count"].dtype == "Int64"
    assert (table["count"].isna() == table["hidden"]).all()


def test_hidden_remainder_of_the_breakdown_holds_at_least_k() -> None:
    table = composition_from_released({2023: released(2023, View(None, "org"))})
    assert 29 - int(table["count"].sum()) >= 5


def test_not_answered_row_is_dropped_only_when_hidden_everywhere() -> None:
    table = composition_from_released({2023: released(2023, View(None, "region"))})
    assert NOT_ANSWERED not in set(table["category"])
    kept = composition_from_released({2023: released(2023, View(None, "region"))}, drop_empty_not_answered=False)
    assert NOT_ANSWERED in set(kept["category"])


def test_wave_totals_have_the_composition_shape() -> None:
    totals = totals_from_released({w: released(w, View()) for w in (2020, 2023)})
    assert totals.to_dict("records") == [
        {"category": "all", "wave": 2020, "count": 12, "hidden": False},
        {"category": "all", "wave": 2023, "count": 29, "hidden": False},
    ]


def test_tables_not_made_by_the_gate_are_refused() -> None:
    with pytest.raises(TypeError, match="anonymity gate"):
        composition_from_released({2023: "not a released table"})  # type: ignore[dict-item]


def test_a_table_under_the_wrong_wave_is_refused() -> None:
    with pytest.raises(ValueError, match="wave"):
        composition_from_released({2020: released(2023, View(None, "org"))})
