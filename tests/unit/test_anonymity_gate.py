"""Table-driven tests of the anonymity gate around k, and of the released-table type.

Populations here are tiny and stated explicitly: cells of (region, org) with exact sizes.
"""

from __future__ import annotations

import dataclasses

import numpy as np
import pandas as pd
import pytest

from anonymity import (
    REFUSED_SMALL_POPULATION,
    Menu,
    MenuError,
    Pattern,
    Policy,
    PolicyError,
    ReleasedTable,
    View,
    audit_question,
    build_cells,
    protect,
    release_view,
)

MENU = Menu(("region", "org"), {"region": ("north", "south", "east", "west"), "org": ("ngo", "city", "firm")})


def population(sizes: dict[tuple[str, str], int]) -> pd.DataFrame:
    """Respondents with exactly the given (region, org) group sizes."""
    rows = [(region, org) for (region, org), n in sizes.items() for _ in range(n)]
    frame = pd.DataFrame(rows, columns=["region", "org"])
    frame.insert(0, "respondent_id", range(1, len(frame) + 1))
    return frame


def answers_all(people: pd.DataFrame, code: str = "yes") -> pd.DataFrame:
    return pd.DataFrame({"respondent_id": people["respondent_id"], "option_code": code})


def patterns(people: pd.DataFrame, answers: pd.DataFrame, k: int = 5) -> tuple[Pattern, Pattern]:
    policy = Policy(k=k, quote_k=max(k, 10))
    pop_cells = build_cells(people, MENU)
    pop_pattern = protect(pop_cells.labels, pop_cells.population, pop_cells.base, None, MENU, policy)
    cells = build_cells(people, MENU, answers, ("yes", "no"))
    assert cells.categories is not None
    q_pattern = protect(cells.labels, cells.population, cells.base, cells.categories.to_numpy(), MENU, policy,
                        pop_pattern.hidden)
    return pop_pattern, q_pattern


@pytest.mark.parametrize(
    ("k", "quote_k", "ok"),
    [(5, 10, True), (3, 3, True), (2, 10, False), (0, 10, False), (5, 4, False), (10, 10, True)],
)
def test_policy_refuses_unsafe_thresholds(k: int, quote_k: int, ok: bool) -> None:
    if ok:
        assert Policy(k=k, quote_k=quote_k).k == k
    else:
        with pytest.raises(PolicyError):
            Policy(k=k, quote_k=quote_k)


@pytest.mark.parametrize(
    ("view", "message"),
    [
        (View(("colour", "red"), None), "unknown filter dimension"),
        (View(("region", "mars"), None), "unknown value"),
        (View(None, "colour"), "unknown breakdown"),
        (View(("region", "north"), "region"), "same dimension"),
    ],
)
def test_requests_outside_the_menu_are_refused_with_a_reason(view: View, message: str) -> None:
    with pytest.raises(MenuError, match=message):
        MENU.validate(view)


def test_menu_offers_total_one_and_two_way_views() -> None:
    views = list(MENU.views())
    # 1 total + 7 filters, each with no breakdown or a breakdown by each other dimension
    assert len(views) == 1 + 2 + 4 * 2 + 3 * 2
    assert len(MENU.all_group_keys()) == 1 + 4 + 3 + 4 * 3


@pytest.mark.parametrize(
    ("size", "hidden"),
    [(4, True), (5, False), (6, False)],  # k-1, k, k+1 with k = 5
)
def test_group_shown_from_k_respondents(size: int, hidden: bool) -> None:
    people = population({("north", "ngo"): size, ("south", "ngo"): 20, ("east", "ngo"): 20, ("west", "ngo"): 20})
    pop_pattern, q_pattern = patterns(people, answers_all(people))
    assert q_pattern.is_hidden((("region", "north"),)) is hidden
    assert pop_pattern.is_hidden((("region", "north"),)) is hidden


def test_one_small_sibling_drags_a_second_into_hiding() -> None:
    people = population({("north", "ngo"): 2, ("south", "ngo"): 30, ("east", "ngo"): 12, ("west", "ngo"): 40})
    _, q_pattern = patterns(people, answers_all(people))
    hidden_regions = {key[0][1] for key in q_pattern.hidden if len(key) == 1 and key[0][0] == "region"}
    assert "north" in hidden_regions
    # total minus the shown regions would reveal north unless another region is hidden too
    assert len(hidden_regions & {"south", "east", "west"}) >= 1
    assert not q_pattern.is_hidden(())


def test_all_small_groups_hide_every_row_but_keep_the_total() -> None:
    people = population({("north", "ngo"): 3, ("south", "ngo"): 3, ("east", "ngo"): 3, ("west", "ngo"): 3})
    _, q_pattern = patterns(people, answers_all(people))
    for region in MENU.categories["region"]:
        assert q_pattern.is_hidden((("region", region),))
    assert not q_pattern.is_hidden(())


def test_a_small_total_releases_nothing_but_the_reason() -> None:
    people = population({("north", "ngo"): 2, ("south", "city"): 2})
    policy = Policy()
    _, q_pattern = patterns(people, answers_all(people))
    cells = build_cells(people, MENU, answers_all(people), ("yes", "no"))
    table = release_view(cells, View(None, "region"), q_pattern, MENU, policy, wave=2023, question_id="q",
                         question_type="single", option_codes=("yes", "no"))
    assert table.refused == REFUSED_SMALL_POPULATION
    assert table.total is None and table.rows == ()


def test_hidden_remainder_of_a_breakdown_holds_at_least_k() -> None:
    # north: 12 NGOs and 2 cities; showing north and its NGOs would expose the 2 cities
    people = population({("north", "ngo"): 12, ("north", "city"): 2, ("south", "ngo"): 30, ("south", "city"): 30,
                         ("east", "firm"): 20, ("west", "firm"): 20})
    _, q_pattern = patterns(people, answers_all(people))
    north_shown = not q_pattern.is_hidden((("region", "north"),))
    ngo_north_shown = not q_pattern.is_hidden((("org", "ngo"), ("region", "north")))
    assert not (north_shown and ngo_north_shown)


def test_skipping_is_protected_like_an_answer() -> None:
    # north has 8 people, 3 of whom skip: the base (5) may show, but a group of 4 answering north NGOs may not
    people = population({("north", "ngo"): 6, ("north", "city"): 2, ("south", "ngo"): 30, ("south", "city"): 30})
    answers = answers_all(people).iloc[3:]  # respondents 1-3 (north NGOs) skip
    pop_pattern, q_pattern = patterns(people, answers)
    assert q_pattern.is_hidden((("org", "ngo"), ("region", "north")))  # base 3 < k
    cells = build_cells(people, MENU, answers, ("yes", "no"))
    assert cells.categories is not None
    exposures = audit_question(cells.labels, cells.population, cells.categories, False, MENU, q_pattern,
                               pop_pattern, 5)
    assert exposures == []


def test_released_table_cannot_be_made_outside_the_gate() -> None:
    with pytest.raises(TypeError, match="release_view"):
        ReleasedTable(question_id="q", question_type="single", wave=2023, view=View(), option_codes=(),
                      option_values=(), dont_know_codes=(), total=None, rows=(), k=5)


def test_hidden_and_empty_groups_carry_the_same_marker_and_every_category_is_listed() -> None:
    people = population({("north", "ngo"): 2, ("south", "ngo"): 30, ("east", "ngo"): 12, ("west", "ngo"): 40})
    _, q_pattern = patterns(people, answers_all(people))
    cells = build_cells(people, MENU, answers_all(people), ("yes", "no"))
    table = release_view(cells, View(None, "org"), q_pattern, MENU, Policy(), wave=2023, question_id="q",
                         question_type="single", option_codes=("yes", "no"))
    assert [r.category for r in table.rows] == ["ngo", "city", "firm"]
    empty = table.rows[1]
    assert empty.hidden and empty.population is None and empty.base is None and empty.counts is None
    assert dataclasses.replace(empty, key=(), category=None) == dataclasses.replace(
        table.rows[2], key=(), category=None)
    assert table.hidden_count == 2


def test_shown_groups_release_full_distributions_even_with_a_count_of_one() -> None:
    people = population({("north", "ngo"): 12, ("south", "ngo"): 30, ("east", "ngo"): 12, ("west", "ngo"): 40})
    answers = answers_all(people)
    answers.loc[answers["respondent_id"] == 1, "option_code"] = "no"
    _, q_pattern = patterns(people, answers)
    cells = build_cells(people, MENU, answers, ("yes", "no"))
    table = release_view(cells, View(None, "region"), q_pattern, MENU, Policy(), wave=2023, question_id="q",
                         question_type="single", option_codes=("yes", "no"))
    north = table.rows[0]
    assert (north.base, north.count("no"), north.count("yes")) == (12, 1, 11)
    assert np.isclose(north.share("no") or 0, 1 / 12)
