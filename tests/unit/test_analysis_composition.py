"""Composition counts: reference order, empty categories, derived groupings, the hiding rule.

Respondents used here (made up): 2023 — 2 municipality/Uusimaa/fi, 1 NGO/Häme/sv,
1 company/Kainuu/en, 1 without organisation type/Lappi/fi; 2020 — 1 NGO/Uusimaa/fi.
"""

from __future__ import annotations

import pandas as pd
import pytest

from analysis import (
    ALL_RESPONDENTS,
    DIMENSIONS,
    NOT_ANSWERED,
    RELEASED_COLUMNS,
    derive_groupings,
    hide_small_groups,
    summarise_composition,
    summarise_waves,
)
from codebook import load_reference

REFERENCE = load_reference()


def respondents() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "respondent_id": [1, 2, 3, 4, 5, 6],
            "wave": [2023, 2023, 2023, 2023, 2023, 2020],
            "survey_language": ["fi", "fi", "sv", "en", "fi", "fi"],
            "org_type": ["municipality", "municipality", "ngo", "company", None, "ngo"],
            "ely_area": ["uusimaa", "uusimaa", "hame", "kainuu", "lappi", "uusimaa"],
        }
    )


def counts(table: pd.DataFrame, wave: str) -> dict[str, int]:
    return {c: n for c, n in zip(table["category"], table[wave], strict=True) if n}


def test_every_reference_category_is_listed_in_reference_order() -> None:
    table = summarise_composition(respondents(), "org_type", REFERENCE)
    assert list(table["category"]) == [*REFERENCE.codes("organisation_types"), NOT_ANSWERED]
    assert list(table.columns) == ["category", "2020", "2023"]
    assert counts(table, "2023") == {"municipality": 2, "ngo": 1, "company": 1, NOT_ANSWERED: 1}
    assert counts(table, "2020") == {"ngo": 1}
    assert int(table.loc[table["category"] == "education", "2023"].iloc[0]) == 0


def test_sector_and_centre_are_derived_from_the_reference_lists() -> None:
    derived = derive_groupings(respondents(), REFERENCE).astype(object)
    derived = derived.where(derived.notna(), None)
    assert list(derived["sector"]) == ["public", "public", "third_sector", "private", None,
                                       "third_sector"]
    assert list(derived["centre"]) == ["uusimaa", "uusimaa", "hame_divided", "pohjois_suomi",
                                       "lappi", "uusimaa"]
    sectors = summarise_composition(respondents(), "sector", REFERENCE)
    assert list(sectors["category"]) == ["public", "third_sector", "private", "other",
                                         NOT_ANSWERED]
    assert counts(sectors, "2023") == {"public": 2, "third_sector": 1, "private": 1,
                                       NOT_ANSWERED: 1}
    centres = summarise_composition(respondents(), "centre", REFERENCE)
    assert counts(centres, "2023") == {"uusimaa": 2, "hame_divided": 1, "pohjois_suomi": 1,
                                       "lappi": 1}


def test_the_survey_language_is_never_missing_so_it_has_no_not_answered_row() -> None:
    table = summarise_composition(respondents(), "survey_language", REFERENCE)
    assert list(table["category"]) == ["fi", "sv", "en"]
    assert counts(table, "2023") == {"fi": 2 + 1, "sv": 1, "en": 1}


@pytest.mark.parametrize("dimension", DIMENSIONS)
def test_each_wave_column_sums_to_the_wave_total(dimension: str) -> None:
    table = summarise_composition(respondents(), dimension, REFERENCE)
    assert int(table["2023"].sum()) == 5
    assert int(table["2020"].sum()) == 1


def test_unknown_dimension_or_code_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown dimension"):
        summarise_composition(respondents(), "postcode", REFERENCE)
    broken = respondents()
    broken.loc[0, "ely_area"] = "atlantis"
    with pytest.raises(ValueError, match="atlantis"):
        summarise_composition(broken, "ely_area", REFERENCE)


def test_wave_totals_have_the_composition_shape() -> None:
    totals = summarise_waves(respondents())
    assert totals.to_dict("records") == [{"category": ALL_RESPONDENTS, "2020": 1, "2023": 5}]


@pytest.mark.parametrize(
    ("count", "k", "hidden"),
    [(0, 5, True), (1, 5, True), (4, 5, True), (5, 5, False), (6, 5, False),
     (9, 10, True), (10, 10, False)],
)
def test_groups_under_k_and_empty_groups_are_hidden(count: int, k: int, hidden: bool) -> None:
    released = hide_small_groups(pd.DataFrame({"category": ["a"], "2023": [count]}), k)
    (row,) = released.to_dict("records")
    assert (row["category"], row["wave"], row["hidden"]) == ("a", 2023, hidden)
    if hidden:
        assert pd.isna(row["count"])
    else:
        assert row["count"] == count


def test_released_table_is_long_ordered_and_typed() -> None:
    table = summarise_composition(respondents(), "survey_language", REFERENCE)
    released = hide_small_groups(table, 2)
    assert tuple(released.columns) == RELEASED_COLUMNS
    assert list(zip(released["category"], released["wave"], strict=True)) == [
        ("fi", 2020), ("fi", 2023), ("sv", 2020), ("sv", 2023), ("en", 2020), ("en", 2023)
    ]
    assert str(released["count"].dtype) == "Int64"
    assert released["hidden"].dtype == bool
    assert list(released["count"].isna()) == list(released["hidden"])
    assert released.loc[~released["hidden"], "count"].tolist() == [3]


def test_k_below_one_is_refused() -> None:
    with pytest.raises(ValueError, match="at least 1"):
        hide_small_groups(pd.DataFrame({"category": ["a"], "2023": [3]}), 0)
