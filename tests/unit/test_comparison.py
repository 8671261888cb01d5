"""Wave comparisons: interval and test arithmetic against hand-computed cases, BH, comparability,
the composition adjustment (a raw change that is pure composition adjusts to zero), and the
gate's properties on comparison views (a value hidden in either wave is not in the output).
"""

from __future__ import annotations

import math
from collections.abc import Mapping

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analysis.comparison import (
    MEASURE_MEAN,
    MEASURE_POSITIVE,
    MEASURE_SHARE,
    NOTE_HIDDEN,
    NOTE_ONLY_LATER,
    REFUSED_DROPPED,
    REFUSED_NEW,
    REFUSED_NO_COMMON_CELLS,
    REFUSED_NOT_CLOSED,
    REFUSED_OPTION,
    REFUSED_VIEW,
    ChangeEntry,
    Comparability,
    adjust_composition,
    benjamini_hochberg,
    comparability,
    comparable_concepts,
    compare_tables,
    comparison_frame,
    newcombe_difference,
    rank_changes,
    ranking_frame,
    scale_moments,
    welch_difference,
)
from anonymity import ReleasedTable, View
from codebook import load_codebook
from tests.released_tables import AGREE_CODES, release_counts

CODEBOOK = load_codebook()
VERDICT = Comparability("agree", "same", "q", "q", None)
BY_REGION = View(None, "region")


# --- arithmetic -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("earlier", "later", "estimate", "low", "high"),
    [
        # Newcombe (1998), Stat Med 17:873, table II example (a): 56/70 − 48/80, method 10.
        ((48, 80), (56, 70), 0.2000, 0.0524, 0.3339),
        # Hand-computed from Wilson limits: 2/10 → (0.05668, 0.50984); 6/10 → (0.31267, 0.83182);
        # low = 0.4 − √((0.6 − 0.31267)² + (0.50984 − 0.2)²) = 0.4 − √0.178557 = −0.02256,
        # high = 0.4 + √((0.83182 − 0.6)² + (0.2 − 0.05668)²) = 0.4 + √0.074281 = 0.67254.
        ((2, 10), (6, 10), 0.4000, -0.0226, 0.6725),
        # No change at 0 %: Wilson 0/10 → (0, 0.27753), 0/20 → (0, 0.16113); the earlier wave's
        # upper limit sets the lower end, the later wave's upper limit the upper end.
        ((0, 10), (0, 20), 0.0, -0.2775, 0.1611),
        # A fall, 30/40 → 10/40: Wilson (0.59806, 0.85813) and (0.14187, 0.40194);
        # low = −0.5 − √(0.10813² + 0.10813²) = −0.65292, high = −0.5 + √(0.15194² · 2) = −0.28512.
        ((30, 40), (10, 40), -0.5000, -0.6529, -0.2851),
    ],
)
def test_newcombe_interval_of_a_change_of_share(earlier: tuple[int, int], later: tuple[int, int],
                                                estimate: float, low: float, high: float) -> None:
    diff = newcombe_difference(earlier[0], earlier[1], later[0], later[1])
    assert diff.estimate == pytest.approx(estimate, abs=1e-4)
    assert diff.low == pytest.approx(low, abs=1e-4)
    assert diff.high == pytest.approx(high, abs=1e-4)


@pytest.mark.parametrize(("earlier", "later"), [((48, 80), (56, 70)), ((2, 10), (6, 10)), ((30, 40), (10, 40))])
def test_newcombe_p_value_is_where_the_interval_touches_zero(earlier: tuple[int, int],
                                                              later: tuple[int, int]) -> None:
    diff = newcombe_difference(earlier[0], earlier[1], later[0], later[1])
    at_p = newcombe_difference(earlier[0], earlier[1], later[0], later[1], confidence=1 - diff.p_value)
    assert min(abs(at_p.low), abs(at_p.high)) == pytest.approx(0.0, abs=1e-6)
    assert diff.excludes_zero() == (diff.p_value < 0.05)


def test_newcombe_without_answers_has_no_interval() -> None:
    diff = newcombe_difference(0, 0, 3, 10)
    assert math.isnan(diff.estimate) and math.isnan(diff.low) and math.isnan(diff.p_value)


def test_welch_interval_by_hand() -> None:
    # se² = 1/10 + 2/12 = 0.266667; df = se⁴ / ((1/10)²/9 + (2/12)²/11) = 19.556;
    # t(0.975, 19.556) = 2.0883; half = 2.0883 · 0.516398 = 1.07839; t = 0.5 / 0.516398 = 0.96825.
    diff = welch_difference(3.0, 1.0, 10, 3.5, 2.0, 12)
    assert diff.estimate == pytest.approx(0.5)
    assert diff.low == pytest.approx(0.5 - 1.07876, abs=1e-3)
    assert diff.high == pytest.approx(0.5 + 1.07876, abs=1e-3)
    assert diff.p_value == pytest.approx(0.34475, abs=1e-4)


def test_welch_edge_cases() -> None:
    assert math.isnan(welch_difference(3.0, math.nan, 1, 4.0, 1.0, 10).low)
    certain = welch_difference(3.0, 0.0, 5, 4.0, 0.0, 6)
    assert (certain.estimate, certain.low, certain.high, certain.p_value) == (1.0, 1.0, 1.0, 0.0)


def test_scale_moments_from_counts() -> None:
    # answers 2, 3, 3, 4, 4, 4, 5: mean 25/7, Σ(x − m)² = 40/7 → variance (40/7)/6 = 20/21.
    mean, variance, n = scale_moments([1, 2, 3, 4, 5], [0, 1, 2, 3, 1])
    assert (mean, n) == (pytest.approx(25 / 7), 7)
    assert variance == pytest.approx(20 / 21)


@pytest.mark.parametrize(
    ("p_values", "supported", "adjusted"),
    [
        ([0.01, 0.04, 0.03, 0.2], (True, False, False, False), (0.04, 0.0533, 0.0533, 0.2)),
        ([0.001, 0.008, 0.039, 0.041, 0.042], (True, True, True, True, True), (0.005, 0.02, 0.042, 0.042, 0.042)),
        ([0.5, 0.9], (False, False), (0.9, 0.9)),
        ([0.01, math.nan], (True, False), (0.01, math.nan)),
    ],
)
def test_benjamini_hochberg(p_values: list[float], supported: tuple[bool, ...],
                            adjusted: tuple[float, ...]) -> None:
    result = benjamini_hochberg(p_values, q=0.05)
    assert result.supported == supported
    for got, want in zip(result.adjusted, adjusted, strict=True):
        assert (math.isnan(got) and math.isnan(want)) or got == pytest.approx(want, abs=1e-4)
    discoveries = sum(supported)
    m = sum(1 for p in p_values if not math.isnan(p))
    assert result.confidence == pytest.approx(1 - max(discoveries, 1) * 0.05 / m)


# --- comparability ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("question_id", "flag", "refused"),
    [
        ("dialogue_national", "same", None),
        ("info_available_national", "wording_changed", None),
        ("info_available_national_2020", "wording_changed", None),
        ("coop_partners", "scale_changed", None),
        ("programme_useful", "new_in_2023", REFUSED_NEW),
        ("covid_impact", "dropped_after_2020", REFUSED_DROPPED),
        ("open_development", "same", REFUSED_NOT_CLOSED),
    ],
)
def test_comparability_follows_the_crosswalk(question_id: str, flag: str, refused: str | None) -> None:
    verdict = comparability(CODEBOOK, question_id)
    assert (verdict.flag, verdict.refused) == (flag, refused)


def test_comparable_concepts_are_closed_items_of_both_waves() -> None:
    concepts = {c.id for c in comparable_concepts(CODEBOOK)}
    assert {"coop_grade_national", "info_available_national", "dev_needs", "imm_involved_services"} <= concepts
    assert not concepts & {"programme_useful", "covid_impact", "open_benefits", "nat_benefits"}


# --- one view, two waves --------------------------------------------------------------------

EARLIER_COUNTS = {  # east: 3 respondents (hidden in 2020)
    "north": {"1": 1, "2": 2, "3": 3, "4": 2, "5": 1, "dk": 1},
    "south": {"1": 0, "2": 1, "3": 4, "4": 3, "5": 2, "dk": 0},
    "west": {"1": 2, "2": 2, "3": 2, "4": 2, "5": 2, "dk": 0},
    "east": {"1": 0, "2": 1, "3": 1, "4": 1, "5": 0, "dk": 0},
}
LATER_COUNTS = {  # west: 4 respondents (hidden in 2023)
    "north": {"1": 0, "2": 1, "3": 2, "4": 4, "5": 2, "dk": 1},
    "south": {"1": 1, "2": 2, "3": 2, "4": 2, "5": 1, "dk": 0},
    "west": {"1": 0, "2": 1, "3": 2, "4": 1, "5": 0, "dk": 0},
    "east": {"1": 1, "2": 1, "3": 1, "4": 2, "5": 1, "dk": 0},
}


def pair(earlier: Mapping[str, Mapping[str, int]] = EARLIER_COUNTS,
         later: Mapping[str, Mapping[str, int]] = LATER_COUNTS,
         view: View = BY_REGION) -> tuple[ReleasedTable, ReleasedTable]:
    return release_counts(earlier, view, wave=2020), release_counts(later, view, wave=2023)


def hidden_in(table: ReleasedTable) -> set[str]:
    return {str(r.category) for r in table.rows if r.hidden}


def test_a_group_hidden_in_either_wave_has_no_change() -> None:
    earlier, later = pair()
    # east (3) is small in 2020 and west (4) in 2023; the gate hides them and more besides
    assert {"east"} <= hidden_in(earlier) and {"west"} <= hidden_in(later)
    item = compare_tables(earlier, later, VERDICT, measure=MEASURE_POSITIVE)
    rows = {r.group: r for r in item.rows}
    for group in hidden_in(earlier) | hidden_in(later):
        assert rows[group].change is None and rows[group].note == NOTE_HIDDEN
    for group in hidden_in(earlier) - hidden_in(later):
        assert rows[group].earlier.estimate is None and rows[group].later.shown is True
        shown = LATER_COUNTS[group]
        assert rows[group].later.n == sum(shown.values())
        assert rows[group].later.estimate == pytest.approx((shown["4"] + shown["5"]) / sum(shown.values()))
    both = [g for g in REGIONS if g not in hidden_in(earlier) | hidden_in(later)]
    assert both  # south: 10 and 8 respondents
    for group in both:
        before, after = EARLIER_COUNTS[group], LATER_COUNTS[group]
        expected = ((after["4"] + after["5"]) / sum(after.values())
                    - (before["4"] + before["5"]) / sum(before.values()))
        assert rows[group].change is not None and rows[group].change.estimate == pytest.approx(expected)


def test_mean_change_uses_scale_answers_only() -> None:
    earlier, later = pair(view=View(None, None))
    item = compare_tables(earlier, later, VERDICT, measure=MEASURE_MEAN)
    total = item.total
    assert total is not None and total.change is not None and total.change.method == "welch_t"
    # 2020: 9 + 10 + 10 + 3 = 32 scale answers summing to 27 + 36 + 30 + 9 = 102 (north's "dk" left
    # out); 2023: 9 + 8 + 4 + 6 = 27 answers summing to 34 + 24 + 12 + 19 = 89
    assert total.earlier.n == 32 and total.earlier.estimate == pytest.approx(102 / 32)
    assert total.later.n == 27 and total.later.estimate == pytest.approx(89 / 27)


def test_refusals_carry_the_reason_and_no_rows() -> None:
    earlier, later = pair()
    new = Comparability("x", "new_in_2023", None, "q", REFUSED_NEW)
    assert compare_tables(earlier, later, new).refused == REFUSED_NEW
    assert compare_tables(earlier, later, new).rows == ()
    with pytest.raises(ValueError, match="does not fit"):
        compare_tables(earlier, later, VERDICT, measure=MEASURE_SHARE, option="5")
    small = {"north": {"1": 1, "2": 1, "3": 0, "4": 1, "5": 0, "dk": 0}}
    refused_view = compare_tables(*pair(small, LATER_COUNTS, View(None, None)), VERDICT)
    assert refused_view.refused == REFUSED_VIEW and refused_view.rows == ()


def test_an_option_of_one_wave_only_is_refused() -> None:
    earlier = release_counts({"north": {"a": 6, "b": 4}}, View(None, None), question_type="single",
                             option_codes=("a", "b"), option_values=(None, None), dont_know_codes=(), wave=2020)
    later = release_counts({"north": {"a": 5, "c": 6}}, View(None, None), question_type="single",
                           option_codes=("a", "c"), option_values=(None, None), dont_know_codes=(), wave=2023)
    assert compare_tables(earlier, later, VERDICT, measure=MEASURE_SHARE, option="c").refused == REFUSED_OPTION
    item = compare_tables(earlier, later, VERDICT, measure=MEASURE_SHARE, option="a")
    assert item.total is not None and item.total.change is not None
    assert item.total.change.estimate == pytest.approx(5 / 11 - 6 / 10)


def test_a_category_of_one_wave_is_noted_not_hidden() -> None:
    earlier, later = pair()
    item = compare_tables(earlier, later, VERDICT, category_waves={"south": (2023,)})
    south = next(r for r in item.rows if r.group == "south")
    assert south.note == NOTE_ONLY_LATER and south.earlier.shown is False and south.change is None
    assert south.later.shown is True


def test_views_must_match_and_tables_must_be_released() -> None:
    earlier, _ = pair()
    _, later_total = pair(view=View(None, None))
    with pytest.raises(ValueError, match="views differ"):
        compare_tables(earlier, later_total, VERDICT)
    with pytest.raises(TypeError):
        compare_tables(object(), later_total, VERDICT)  # type: ignore[arg-type]


# --- composition adjustment -------------------------------------------------------------------


def cells(a: int, b: int) -> dict[str, dict[str, int]]:
    """Cell "north" answers 3 or 5 (mean 4, half agree); "south" 1 or 3 (mean 2, nobody agrees)."""
    return {"north": {"1": 0, "2": 0, "3": a // 2, "4": 0, "5": a // 2, "dk": 0},
            "south": {"1": b // 2, "2": 0, "3": b // 2, "4": 0, "5": 0, "dk": 0}}


@pytest.mark.parametrize(("measure", "raw"), [(MEASURE_MEAN, 3.6 - 2.4), (MEASURE_POSITIVE, 0.4 - 0.1)])
def test_a_change_that_is_pure_composition_adjusts_to_zero(measure: str, raw: float) -> None:
    # 2020: 10 in north, 40 in south; 2023: 40 in north, 10 in south. Within each cell nothing
    # changed, so the raw change (mean 2.4 → 3.6; agree 10 % → 40 %) is composition only.
    earlier, later = pair(cells(10, 40), cells(40, 10))
    item = compare_tables(earlier, later, VERDICT, measure=measure)
    assert item.total is not None and item.total.change is not None
    assert item.total.change.estimate == pytest.approx(raw)
    total_before, total_after = item.total.earlier.n, item.total.later.n
    adjusted = adjust_composition([earlier], [later], measure=measure, earlier_total_n=total_before,
                                  later_total_n=total_after)
    assert adjusted.refused is None and adjusted.cells_used == 2
    assert adjusted.change.estimate == pytest.approx(0.0, abs=1e-12)
    assert adjusted.change.low < 0 < adjusted.change.high
    assert adjusted.earlier_adjusted == pytest.approx(adjusted.later)
    assert adjusted.later == pytest.approx(item.total.later.estimate)
    assert (adjusted.coverage_later, adjusted.coverage_earlier) == (pytest.approx(1.0), pytest.approx(1.0))


def test_adjustment_uses_only_cells_shown_in_both_waves() -> None:
    earlier, later = pair()
    adjusted = adjust_composition([earlier], [later], measure=MEASURE_MEAN, earlier_total_n=32, later_total_n=27)
    shown_both = [g for g in REGIONS if g not in hidden_in(earlier) | hidden_in(later)]
    assert sorted(dict(key)["region"] for key in adjusted.cell_keys) == sorted(shown_both)
    answers = {g: sum(n for code, n in LATER_COUNTS[g].items() if code != "dk") for g in shown_both}
    assert adjusted.coverage_later == pytest.approx(sum(answers.values()) / 27)


def test_adjustment_without_common_cells_is_refused() -> None:
    only_north = {"north": EARLIER_COUNTS["north"], "east": {"3": 2}}
    only_south = {"south": LATER_COUNTS["south"], "east": {"3": 2}}
    adjusted = adjust_composition([release_counts(only_north, BY_REGION, wave=2020)],
                                  [release_counts(only_south, BY_REGION, wave=2023)], measure=MEASURE_MEAN)
    assert adjusted.refused == REFUSED_NO_COMMON_CELLS and math.isnan(adjusted.change.estimate)


# --- ranking ------------------------------------------------------------------------------------


def test_ranking_orders_by_change_and_marks_bh_support() -> None:
    earlier, later = pair(cells(10, 40), cells(40, 10), View(None, None))
    rise = compare_tables(earlier, later, VERDICT, measure=MEASURE_POSITIVE)
    flat = compare_tables(*pair(view=View(None, None)), VERDICT, measure=MEASURE_POSITIVE)
    entries = [ChangeEntry("a", "q", "q", "same", "agreement5", MEASURE_POSITIVE, None, item, None)
               for item in (flat, rise)]
    ranking = rank_changes(entries)
    frame = ranking_frame(ranking)
    assert list(frame["change"]) == sorted(frame["change"], reverse=True)
    assert frame["change"].iloc[0] == pytest.approx(0.3)
    p_values = [float(p) for p in frame["p_value"]]
    assert tuple(frame["supported"]) == benjamini_hochberg(p_values).supported
    assert bool(frame["supported"].iloc[0]) is True  # 10 % → 40 % with n = 50 each


# --- the gate on comparison views (property) ---------------------------------------------------

REGIONS = ("north", "south", "west", "east")
counts_strategy = st.fixed_dictionaries(
    {region: st.fixed_dictionaries({code: st.integers(0, 4) for code in AGREE_CODES}) for region in REGIONS})


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(earlier_counts=counts_strategy, later_counts=counts_strategy,
       measure=st.sampled_from([MEASURE_MEAN, MEASURE_POSITIVE]))
def test_hidden_values_never_reach_the_comparison(earlier_counts: dict[str, dict[str, int]],
                                                  later_counts: dict[str, dict[str, int]], measure: str) -> None:
    earlier, later = pair(earlier_counts, later_counts)
    item = compare_tables(earlier, later, VERDICT, measure=measure)
    if earlier.is_refused or later.is_refused:
        assert item.refused == REFUSED_VIEW and item.rows == ()
        return
    released = {}
    for table in (earlier, later):
        released[table.wave] = {r.category: r for r in table.rows}
        released[table.wave][None] = table.total
    frame = comparison_frame(item)
    for row in item.rows:
        for side, wave in ((row.earlier, 2020), (row.later, 2023)):
            source = released[wave][row.category]
            if source is None or source.hidden:
                assert side.shown is False
                assert (side.n, side.count, side.estimate, side.low, side.high) == (None,) * 5
                assert row.change is None
            elif side.shown:
                # the only numbers are those of the released row
                assert side.n is not None and side.n <= int(source.base or 0)
                if measure == MEASURE_POSITIVE:
                    assert side.n == source.base
                    assert side.count == (source.count("4") or 0) + (source.count("5") or 0)
        if row.change is not None:
            assert row.earlier.shown and row.later.shown
    hidden_somewhere = frame.loc[~(frame["earlier_shown"] & frame["later_shown"]), "change"]
    assert hidden_somewhere.isna().all()
    adjusted = adjust_composition([earlier], [later], measure=measure)
    for key in adjusted.cell_keys:
        category = dict(key)["region"]
        assert not released[2020][category].hidden and not released[2023][category].hidden
