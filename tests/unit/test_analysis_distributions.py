"""Shares, means, "% agree", group order, difference marks and the heatmap frame of released tables.

Counts and hand-computed values are in tests/released_tables.py; the whole population of that
table (33 respondents) has answers 1:2, 2:3, 3:17, 4:6, 5:4, dk:1, so its mean over the 32 scale
answers is 103/32 = 3.21875, s² = 31.46875/31, t(0.975, 31) = 2.039513, interval 2.8555–3.5820,
and "% agree" 10/33 = 0.3030 with Wilson 0.1738–0.4734.
"""

from __future__ import annotations

import math

import pandas as pd
import pytest

from analysis import (
    TOTAL,
    AreaComparison,
    compare_area,
    distribution_frame,
    heatmap_frame,
    mark_mean_differences,
    mark_share_differences,
    order_groups,
    order_heatmap_groups,
    releasing_alternatives,
    scale_bounds,
    summarise_groups,
)
from analysis.distributions import DISTRIBUTION_COLUMNS, SUMMARY_COLUMNS
from anonymity import NOT_STATED, View
from tests.released_tables import AGREE_COUNTS, agreement_table, release_counts


def record(frame: pd.DataFrame, group: str) -> dict[str, object]:
    rows = frame.loc[frame["group"] == group]
    assert len(rows) == 1, f"{group} not exactly once"
    result: dict[str, object] = rows.iloc[0].to_dict()
    return result


def test_summary_of_a_shown_group_matches_hand_computed_mean_and_agree() -> None:
    summary = summarise_groups(agreement_table())
    assert list(summary.columns) == list(SUMMARY_COLUMNS)
    north = record(summary, "north")
    assert (north["base"], north["answers"], north["dont_know"]) == (10, 9, 1)
    assert north["mean"] == pytest.approx(34 / 9)
    assert (north["mean_low"], north["mean_high"]) == pytest.approx((3.0308, 4.5248), abs=1e-4)
    assert north["positive"] == pytest.approx(0.6)
    assert (north["positive_low"], north["positive_high"]) == pytest.approx((0.3127, 0.8318), abs=1e-4)
    total = record(summary, TOTAL)
    assert (total["base"], total["answers"], total["dont_know"]) == (33, 32, 1)
    assert total["mean"] == pytest.approx(103 / 32)
    assert (total["mean_low"], total["mean_high"]) == pytest.approx((2.8555, 3.5820), abs=1e-4)
    assert (total["positive_low"], total["positive_high"]) == pytest.approx((0.1738, 0.4734), abs=1e-4)


def test_hidden_groups_carry_no_numbers_and_hidden_not_answered_is_left_out() -> None:
    summary = summarise_groups(agreement_table())
    east = record(summary, "east")  # 3 respondents: under k
    assert east["hidden"] is True or bool(east["hidden"])
    assert pd.isna(east["base"]) and math.isnan(float(east["mean"]))  # type: ignore[arg-type]
    assert NOT_STATED not in set(summary["group"])
    kept = summarise_groups(agreement_table(), drop_hidden_not_answered=False)
    assert NOT_STATED in set(kept["group"])
    assert summary["group"].tolist()[0] == TOTAL


def test_distribution_shares_are_of_the_base_with_wilson_intervals() -> None:
    frame = distribution_frame(agreement_table())
    assert list(frame.columns) == list(DISTRIBUTION_COLUMNS)
    north = frame.loc[frame["group"] == "north"].set_index("option")
    assert north["count"].tolist() == [AGREE_COUNTS["north"][c] for c in ("1", "2", "3", "4", "5", "dk")]
    assert north.loc["4", "share"] == pytest.approx(0.4)
    assert north.loc["dk", "dont_know"] and not north.loc["4", "dont_know"]
    assert north["share"].sum() == pytest.approx(1.0), "single choice shares of the base add to 100 %"
    west_3 = frame.loc[(frame["group"] == "west") & (frame["option"] == "3")].iloc[0]
    assert (west_3["share"], west_3["share_low"]) == (1.0, pytest.approx(1 - 0.2425, abs=1e-4))
    hidden = frame.loc[frame["hidden"]]
    assert hidden["count"].isna().all() and hidden["share"].isna().all()


def test_groups_are_ordered_total_first_then_largest_base_then_hidden() -> None:
    table = release_counts({
        "north": {"3": 6}, "south": {"3": 9}, "west": {"3": 12}, "east": {"3": 2},
    }, View(None, "region"))
    summary = summarise_groups(table)
    order = order_groups(summary)
    shown = [g for g in order[1:] if not bool(record(summary, g)["hidden"])]
    hidden = [g for g in order if bool(record(summary, g)["hidden"])]
    assert order[0] == TOTAL
    bases = [int(record(summary, g)["base"]) for g in shown]  # type: ignore[call-overload]
    assert bases == sorted(bases, reverse=True)
    assert order == [TOTAL, *shown, *hidden], "hidden groups come last, kept in menu order"
    assert "east" in hidden


def test_mean_differences_are_marked_only_where_intervals_do_not_overlap() -> None:
    # whole population 31: mean 3.0645 (2.5047–3.6243); north 4.8 (4.4984–5.0), south 1.2222
    # (1.0–1.5612), west 3.0 (2.5307–3.4693); east is empty (hidden, as every empty group)
    counts = {"north": {"5": 8, "4": 2}, "south": {"1": 7, "2": 2}, "west": {"3": 6, "4": 3, "2": 3}}
    summary = summarise_groups(release_counts(counts, View(None, "region")))
    assert (record(summary, "south")["mean_low"], record(summary, "south")["mean_high"]) == pytest.approx(
        (1.0, 1.5612), abs=1e-4), "clipped to the scale at 1"
    assert mark_mean_differences(summary) == {TOTAL: None, "north": "higher", "south": "lower", "west": None,
                                              "east": None}
    positive = mark_mean_differences(summary, measure="positive")
    assert positive["north"] == "higher" and positive["west"] is None
    with pytest.raises(ValueError, match="measure"):
        mark_mean_differences(summary, measure="median")


def test_share_differences_compare_each_option_with_the_reference() -> None:
    counts = {"north": {"yes": 10}, "south": {"no": 6}, "west": {"yes": 3, "no": 9}, "east": {"no": 2}}
    table = release_counts(counts, View(None, "region"), question_type="single", option_codes=("yes", "no"),
                           option_values=(None, None), dont_know_codes=())
    distribution = distribution_frame(table)
    marks = mark_share_differences(distribution, "north")
    assert marks == {"yes": "higher", "no": "lower"}
    assert mark_share_differences(distribution, "east") == {"yes": None, "no": None}, "hidden marks nothing"
    summary = summarise_groups(table)
    assert summary["mean"].isna().all() and summary["positive"].isna().all()


def test_multi_select_counts_respondents_of_those_who_answered() -> None:
    ticks = {"north": [["a", "b"], ["a"], ["b", "c"], ["a", "c"], ["a"], ["c"]],
             "west": [["a"]] * 7, "south": [["b"]] * 6}
    table = release_counts({}, View(), question_type="multi", option_codes=("a", "b", "c"),
                           option_values=(None, None, None), dont_know_codes=(), multi_ticks=ticks,
                           skipped={"north": 4})
    frame = distribution_frame(table).set_index("option")
    assert int(frame.loc["a", "base"]) == 19, "who answered, not everyone (4 skipped)"
    assert int(frame.loc["a", "count"]) == 4 + 7
    assert frame["share"].sum() > 1.0, "multi-select shares need not add to 100 %"


def test_scale_bounds_and_tables_not_from_the_gate() -> None:
    assert scale_bounds(agreement_table()) == (1.0, 5.0)
    with pytest.raises(TypeError, match="gate"):
        summarise_groups("not released")  # type: ignore[arg-type]


def test_heatmap_frame_colours_differences_relative_to_the_scale() -> None:
    tables = {"agree": agreement_table()}
    frame = heatmap_frame(tables, "mean")
    north = record(frame, "north")
    assert north["value"] == pytest.approx(34 / 9)
    assert north["difference"] == pytest.approx(34 / 9 - 103 / 32)
    assert north["relative_difference"] == pytest.approx((34 / 9 - 103 / 32) / 4)
    assert north["n"] == 9
    assert bool(record(frame, "east")["hidden"]) and math.isnan(float(record(frame, "east")["value"]))  # type: ignore[arg-type]
    positive = heatmap_frame(tables, "positive")
    assert record(positive, "north")["value"] == pytest.approx(0.6)
    assert record(positive, "north")["n"] == 10
    grade = release_counts({"north": {"7": 10}, "west": {"8": 12}}, View(None, "region"), question_type="grade10",
                           option_codes=tuple(str(i) for i in range(1, 11)),
                           option_values=tuple(float(i) for i in range(1, 11)), dont_know_codes=())
    both = {"agree": agreement_table(), "grade": grade}
    assert set(heatmap_frame(both, "mean")["question_id"]) == {"agree", "grade"}
    assert set(heatmap_frame(both, "positive")["question_id"]) == {"agree"}, "a grade has no % agree"
    order = order_heatmap_groups(heatmap_frame(both, "mean"))
    assert order[0] == TOTAL and order[1] == "west" and NOT_STATED not in order


def test_area_comparison_keeps_the_area_then_the_whole_country() -> None:
    comparison = compare_area_for("north")
    assert comparison.groups == ["north", TOTAL]
    assert comparison.summary["group"].tolist() == ["north", TOTAL]
    assert not comparison.area_hidden
    assert compare_area_for("east").area_hidden
    with pytest.raises(ValueError, match="expected the whole country"):
        compare_area(agreement_table(View(("region", "north"))), "north", dimension="region")


def compare_area_for(area: str) -> AreaComparison:
    return compare_area(release_counts(AGREE_COUNTS, View(None, "region")), area, dimension="region")


def test_alternatives_keep_views_that_show_something_in_the_given_order() -> None:
    hidden_area = agreement_table(View(("region", "east")))
    shown_total = agreement_table(View())
    by_region = agreement_table(View(None, "region"))
    found = releasing_alternatives({View(("region", "east")): hidden_area, View(None, "region"): by_region,
                                    View(): shown_total})
    assert [a.view for a in found] == [View(None, "region"), View()]
    assert found[0].shown_groups == 2 and found[0].shown_base == 22  # north 10 + west 12
    assert found[1].shown_groups == 1 and found[1].shown_base == 33
