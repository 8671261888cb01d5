"""Property-based proof of the gate (hypothesis): over random small populations, nothing shown is
under k, and no small group's size, base, skips or answer counts are pinned exactly by all released
views together (LP minimum and maximum under non-negativity differ; zeros excepted, see the audit).
"""

from __future__ import annotations

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from anonymity import Menu, Policy, View, audit_question, build_cells, protect, protect_wave, release_view

MENU = Menu(
    ("region", "org", "lang"),
    {"region": ("r1", "r2", "r3", "r4"), "org": ("o1", "o2", "o3"), "lang": ("fi", "sv")},
)
OPTIONS = ("a", "b", "c")

cell_sizes = st.dictionaries(
    keys=st.tuples(st.sampled_from(MENU.categories["region"]), st.sampled_from(MENU.categories["org"]),
                   st.sampled_from(MENU.categories["lang"])),
    values=st.integers(min_value=1, max_value=9),
    min_size=3,
    max_size=12,
)


@st.composite
def surveys(draw: st.DrawFn) -> tuple[pd.DataFrame, pd.DataFrame, bool, int]:
    sizes = draw(cell_sizes)
    rows = [key for key, n in sorted(sizes.items()) for _ in range(n)]
    people = pd.DataFrame(rows, columns=["region", "org", "lang"])
    people.insert(0, "respondent_id", range(1, len(people) + 1))
    multi = draw(st.booleans())
    # item non-response from rare to most (sparse answers are where skips and counts couple)
    skip_in_ten = draw(st.sampled_from((1, 5, 8)))
    answers = []
    for rid in people["respondent_id"]:
        if draw(st.integers(0, 9)) < skip_in_ten:
            continue  # skipped the question
        if multi:
            ticked = draw(st.sets(st.sampled_from(OPTIONS), min_size=1))
            answers += [(rid, code) for code in sorted(ticked)]
        else:
            answers.append((rid, draw(st.sampled_from(OPTIONS))))
    k = draw(st.sampled_from((3, 5)))
    return people, pd.DataFrame(answers, columns=["respondent_id", "option_code"]), multi, k


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(surveys())
def test_no_small_group_is_derivable_from_all_views_together(
    survey: tuple[pd.DataFrame, pd.DataFrame, bool, int],
) -> None:
    people, answers, multi, k = survey
    policy = Policy(k=k, quote_k=10)
    pop_cells = build_cells(people, MENU)
    cells = build_cells(people, MENU, answers, OPTIONS)
    assert cells.categories is not None
    pop_pattern, by_question = protect_wave(pop_cells, {"q": cells}, MENU, policy)
    q_pattern = by_question["q"]

    # nothing shown under k, in any view of the menu
    for view in MENU.views():
        table = release_view(cells, view, q_pattern, MENU, policy, wave=2023, question_id="q",
                             question_type="multi" if multi else "single", option_codes=OPTIONS)
        for row in ([table.total] if table.total else []) + list(table.rows):
            assert row.hidden or (row.base is not None and row.base >= k)
        counts_table = release_view(pop_cells, view, pop_pattern, MENU, policy, wave=2023)
        for row in ([counts_table.total] if counts_table.total else []) + list(counts_table.rows):
            assert row.hidden or (row.population is not None and row.population >= k)

    # no small group pinned by all equations of the Overview, nor by the question's views together
    # with the Overview's respondent counts
    assert audit_question(pop_cells.labels, pop_cells.population, None, False, MENU, None, pop_pattern, k) == []
    assert audit_question(cells.labels, cells.population, cells.categories, multi, MENU, q_pattern,
                          pop_pattern, k) == []


def test_overview_counts_combined_with_a_questions_skips_pin_nothing() -> None:
    """Found by hypothesis: a sparse survey where the Overview's count of a group the question
    hides, combined with the question's skip counts, pins a small-base group's skips and base."""
    rows = ([("r1", "o1", "fi")] * 8 + [("r1", "o1", "sv")] * 5 + [("r1", "o2", "fi")] + [("r1", "o2", "sv")] * 2
            + [("r1", "o3", "fi")] * 8 + [("r2", "o1", "sv")] * 2 + [("r3", "o1", "fi")] * 2
            + [("r3", "o1", "sv")] * 6 + [("r3", "o2", "fi")] + [("r3", "o3", "sv")])
    people = pd.DataFrame(rows, columns=["region", "org", "lang"])
    people.insert(0, "respondent_id", range(1, len(people) + 1))
    answered = {13: "a", 14: "a", 15: "a", 16: "a", 21: "a", 24: "a", 25: "a", 26: "a", 36: "a"}
    answers = pd.DataFrame(sorted(answered.items()), columns=["respondent_id", "option_code"])
    policy = Policy(k=3, quote_k=10)
    pop_cells = build_cells(people, MENU)
    cells = build_cells(people, MENU, answers, OPTIONS)
    pop_pattern, by_question = protect_wave(pop_cells, {"q": cells}, MENU, policy)
    assert audit_question(cells.labels, cells.population, cells.categories, False, MENU, by_question["q"],
                          pop_pattern, 3) == []


def test_whole_country_minus_all_but_one_region_reveals_nothing() -> None:
    """The classic complement attack, written out with one tiny region."""
    sizes = {("r1", "o1", "fi"): 30, ("r2", "o1", "fi"): 20, ("r3", "o2", "fi"): 15, ("r4", "o3", "sv"): 2}
    rows = [key for key, n in sizes.items() for _ in range(n)]
    people = pd.DataFrame(rows, columns=["region", "org", "lang"])
    people.insert(0, "respondent_id", range(1, len(people) + 1))
    policy = Policy()
    pop_cells = build_cells(people, MENU)
    pattern = protect(pop_cells.labels, pop_cells.population, pop_cells.base, None, MENU, policy)
    table = release_view(pop_cells, View(None, "region"), pattern, MENU, policy, wave=2023)
    assert table.total is not None and table.total.population == 67
    shown = sum(r.population or 0 for r in table.rows if not r.hidden)
    hidden_regions = [r.category for r in table.rows if r.hidden and r.category != "r4"]
    assert table.rows[3].hidden
    # the remainder (total minus shown regions) holds r4 and at least one more region of >= k
    assert hidden_regions and 67 - shown >= policy.k
