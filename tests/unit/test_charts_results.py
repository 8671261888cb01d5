"""Results charts read from ``fig.data`` and the tables behind them (counts: tests/released_tables.py).

North (10 answers: 2:1, 3:2, 4:4, 5:2, dk:1) is shown; east (3) and one more group are hidden;
the whole population is 33 with mean 3.21875.
"""

from __future__ import annotations

import json
from typing import Any

import plotly.graph_objects as go
import pytest

from analysis import TOTAL, distribution_frame, heatmap_frame, order_groups, summarise_groups
from anonymity import View
from charts import (
    DONT_KNOW_COLOUR,
    DONT_KNOW_TRACE,
    GROUP_COLOUR,
    HIDDEN_MARKER,
    MEAN_TRACE,
    MIN_FONT_SIZE,
    SCALE5_COLOURS,
    TEMPLATE,
    TOTAL_COLOUR,
    ChartTexts,
    build_agreement_figure,
    build_area_chart,
    build_grade_distribution_figure,
    build_group_share_figure,
    build_heatmap_figure,
    build_heatmap_table,
    build_mean_figure,
    build_question_chart,
    build_scale_table,
    build_share_figure,
    build_share_table,
    chart_facts,
    format_interval,
    format_percent,
    sorted_options,
)
from charts._scale_charts import GRIDLINE_SHAPE, MEAN_SYMBOL, NEUTRAL_BAR_TRACE
from tests.released_tables import AGREE_COUNTS, agreement_table, release_counts

NBSP = "\u00a0"
TEXTS = ChartTexts(
    title="Is the programme useful?", subtitle="n = 33 · 2023", hidden_note="– = hidden",
    group_header="Group", n_header="n", answer_header="Answer", share_axis="Share", share_header="share",
    interval_header="95 % interval", count_header="respondents", mean_axis="Mean", mean_header="Mean",
    dont_know="Don't know", positive_header="Agree (4–5)", difference_header="Difference", higher="higher",
    lower="lower",
)
AGREE_LABELS = {"1": "Strongly disagree", "2": "Disagree", "3": "Neither", "4": "Agree", "5": "Strongly agree",
                "dk": "Don't know"}
GROUP_LABELS = {TOTAL: "All", "north": "North", "south": "South", "west": "West", "east": "East",
                "not_answered": "No answer"}
GRADE_CODES = tuple(str(i) for i in range(1, 11))


def font_sizes(figure: go.Figure) -> list[float]:
    """Every font size set anywhere in the figure."""
    sizes: list[float] = []

    def walk(node: Any, in_font: bool = False) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "size" and in_font and isinstance(value, int | float):
                    sizes.append(float(value))
                walk(value, key.endswith("font") or key == "font")
        elif isinstance(node, list):
            for item in node:
                walk(item, in_font)

    walk(json.loads(figure.to_json()))
    return sizes


def agreement_parts() -> tuple[Any, Any, list[str]]:
    table = agreement_table()
    summary = summarise_groups(table)
    return distribution_frame(table), summary, order_groups(summary)


def test_agreement_bar_diverges_around_the_neutral_answer_with_fixed_colours() -> None:
    distribution, summary, groups = agreement_parts()
    figure = build_agreement_figure(distribution, summary, "fi", groups=groups, labels=GROUP_LABELS,
                                    option_labels=AGREE_LABELS, texts=TEXTS)
    bars = [t for t in figure.data if t.type == "bar" and t.xaxis == "x" and t.meta != NEUTRAL_BAR_TRACE]
    north_row = groups.index("north")
    by_code: dict[str, list[float]] = {}
    for trace in bars:
        assert trace.marker.color == SCALE5_COLOURS[int(trace.meta)], "one colour per answer, everywhere"
        by_code.setdefault(trace.meta, []).append(dict(zip(trace.y, trace.x, strict=True))[north_row])
    assert by_code["1"] == [0.0] and by_code["2"] == [pytest.approx(-0.1)]
    assert sorted(by_code["3"]) == [pytest.approx(-0.1), pytest.approx(0.1)], "neutral split across zero"
    assert by_code["4"] == [pytest.approx(0.4)] and by_code["5"] == [pytest.approx(0.2)]
    assert figure.layout.barmode == "relative"
    (dont_know,) = [t for t in figure.data if t.meta == DONT_KNOW_TRACE]
    assert dont_know.xaxis == "x2" and dont_know.marker.color == DONT_KNOW_COLOUR
    assert dict(zip(dont_know.y, dont_know.x, strict=True))[north_row] == pytest.approx(0.1)
    assert dont_know.text[list(dont_know.y).index(north_row)] == f"10{NBSP}%"


def test_agreement_mean_panel_shows_the_t_interval_and_hidden_groups_marked() -> None:
    distribution, summary, groups = agreement_parts()
    figure = build_agreement_figure(distribution, summary, "fi", groups=groups, labels=GROUP_LABELS,
                                    option_labels=AGREE_LABELS, texts=TEXTS)
    means = [t for t in figure.data if t.meta == MEAN_TRACE]
    assert all(t.xaxis == "x3" for t in means)
    group_trace = next(t for t in means if t.marker.color == GROUP_COLOUR)
    row = list(group_trace.y).index(groups.index("north"))
    assert group_trace.x[row] == pytest.approx(34 / 9)
    assert group_trace.x[row] + group_trace.error_x.array[row] == pytest.approx(4.5248, abs=1e-4)
    assert group_trace.x[row] - group_trace.error_x.arrayminus[row] == pytest.approx(3.0308, abs=1e-4)
    total_trace = next(t for t in means if t.marker.color == TOTAL_COLOUR)
    assert list(total_trace.y) == [0] and total_trace.x[0] == pytest.approx(103 / 32)
    written = [text.strip() for t in figure.data if t.meta == "mean label" for text in t.text]
    assert "3,8" in written and "3,2" in written, "decimal comma in Finnish"
    (hidden,) = [t for t in figure.data if t.meta == "hidden" and t.xaxis == "x"]
    hidden_groups = [g for g in groups if bool(summary.set_index("group").loc[g, "hidden"])]
    assert sorted(hidden.customdata) == sorted(hidden_groups) and "east" in hidden_groups
    assert all(text.strip() == HIDDEN_MARKER for text in hidden.text)
    hidden_rows = {groups.index(g) for g in hidden_groups}
    for trace in figure.data:
        if trace.type == "bar":
            assert not hidden_rows & set(trace.y), "a hidden group is never drawn as a bar (or a zero)"
    assert list(figure.layout.yaxis.ticktext)[groups.index("north")] == f"North (n{NBSP}={NBSP}10)"


def test_every_text_is_at_least_14_px_and_the_template_is_explicit() -> None:
    distribution, summary, groups = agreement_parts()
    figures = [
        build_agreement_figure(distribution, summary, "en", groups=groups, labels=GROUP_LABELS,
                               option_labels=AGREE_LABELS, texts=TEXTS),
        build_share_figure(distribution, "en", groups=[TOTAL], labels=GROUP_LABELS, option_labels=AGREE_LABELS,
                           texts=TEXTS),
        build_mean_figure(summary, "en", groups=groups, labels=GROUP_LABELS, bounds=(1, 5), texts=TEXTS),
        build_grade_distribution_figure(distribution_frame(grade_table()), summarise_groups(grade_table()), "en",
                                        group=TOTAL, texts=TEXTS, option_labels={c: c for c in GRADE_CODES}),
        build_heatmap_figure(heatmap_frame({"agree": agreement_table()}, "mean"), "en", items=["agree"],
                             groups=groups, item_labels={"agree": "A"}, group_labels=GROUP_LABELS, percent=False,
                             texts=TEXTS, colour_title="Difference"),
    ]
    for figure in figures:
        sizes = font_sizes(figure)
        assert sizes and min(sizes) >= MIN_FONT_SIZE
        assert figure.layout.uniformtext.minsize == MIN_FONT_SIZE, "text that would shrink is hidden instead"
        assert figure.layout.title.text == TEXTS.title and figure.layout.title.subtitle.text == TEXTS.subtitle
        assert figure.layout.template.layout.to_plotly_json() == go.layout.Template(
            __import__("plotly.io", fromlist=["templates"]).templates[TEMPLATE]).layout.to_plotly_json()


def test_scale_table_states_n_shares_mean_interval_and_agree_in_the_language() -> None:
    distribution, summary, groups = agreement_parts()
    table = build_scale_table(distribution, summary, "sv", groups=groups, labels=GROUP_LABELS,
                              option_labels=AGREE_LABELS, texts=TEXTS, positive=True)
    north = table.set_index("Group").loc["North"]
    assert north["n"] == "10"
    assert north["Agree"] == f"40{NBSP}%" and north["Don't know"] == f"10{NBSP}%"
    assert north["Mean"] == "3,8 (3,0–4,5)"
    assert north["Agree (4–5)"] == f"60{NBSP}% (31–83{NBSP}%)"
    east = table.set_index("Group").loc["East"]
    assert set(east.tolist()) == {HIDDEN_MARKER}
    english = build_scale_table(distribution, summary, "en", groups=groups, labels=GROUP_LABELS,
                                option_labels=AGREE_LABELS, texts=TEXTS)
    assert english.set_index("Group").loc["All", "Mean"] == "3.2 (2.9–3.6)"


def grade_table(view: View = View()):  # type: ignore[no-untyped-def]  # noqa: B008
    counts = {"north": {"6": 2, "7": 5, "8": 3}, "west": {"8": 6, "9": 6}, "south": {"5": 4, "6": 4}}
    return release_counts(counts, view, question_type="grade10", option_codes=GRADE_CODES,
                          option_values=tuple(float(c) for c in GRADE_CODES), dont_know_codes=())


def test_grade_distribution_draws_shares_and_the_mean_with_its_interval() -> None:
    table = grade_table()
    summary = summarise_groups(table)
    figure = build_grade_distribution_figure(distribution_frame(table), summary, "en", group=TOTAL, texts=TEXTS,
                                             option_labels={c: c for c in GRADE_CODES})
    (bars,) = [t for t in figure.data if t.type == "bar"]
    assert list(bars.x) == [float(c) for c in GRADE_CODES]
    assert dict(zip(bars.x, bars.y, strict=True))[8.0] == pytest.approx(9 / 30)
    mean = float(summary.loc[summary["is_total"], "mean"].iloc[0])
    assert mean == pytest.approx((12 + 35 + 24 + 48 + 54 + 20 + 24) / 30)
    (marker,) = [t for t in figure.data if t.meta == MEAN_TRACE]
    assert list(marker.x) == [pytest.approx(mean)]
    low, high = (float(v) for v in summary.loc[summary["is_total"], ["mean_low", "mean_high"]].iloc[0])
    assert marker.x[0] - marker.error_x.arrayminus[0] == pytest.approx(low)
    assert marker.x[0] + marker.error_x.array[0] == pytest.approx(high)
    (label,) = [t for t in figure.data if t.meta == "mean label"]
    assert label.text[0].strip() == f"Mean: {mean:.1f} ({format_interval(low, high, 'en')})"


def test_grade_mean_and_its_label_sit_in_a_band_above_every_bar_label() -> None:
    """The mean's line and label once ran through the value label of the bar next to the mean."""
    table = grade_table()
    figure = build_grade_distribution_figure(distribution_frame(table), summarise_groups(table), "fi", group=TOTAL,
                                             texts=TEXTS, option_labels={c: c for c in GRADE_CODES})
    (bars,) = [t for t in figure.data if t.type == "bar"]
    assert bars.textposition == "outside" and (bars.yaxis or "y") == "y"
    mean_parts = [t for t in figure.data if t.meta in (MEAN_TRACE, "mean label")]
    assert len(mean_parts) == 2 and all(t.yaxis == "y2" for t in mean_parts)
    bar_top = figure.layout.yaxis.domain[1]
    assert figure.layout.yaxis2.domain[0] > bar_top, "the mean's band starts above the bars' area"
    # the tallest bar's label (about 20 px above the bar) still fits under the band
    plot_px = (figure.layout.height - figure.layout.margin.t - figure.layout.margin.b) * bar_top
    assert max(bars.y) / figure.layout.yaxis.range[1] * plot_px + 22 <= plot_px
    for shape in figure.layout.shapes or ():
        assert not (shape.yref == "paper" and shape.y0 < bar_top), "nothing of the mean crosses the bars"
    assert not [a for a in figure.layout.annotations if "Mean" in (a.text or "")]


def test_diverging_bar_has_no_gridline_behind_the_neutral_label() -> None:
    distribution, summary, groups = agreement_parts()
    figure = build_agreement_figure(distribution, summary, "en", groups=groups, labels=GROUP_LABELS,
                                    option_labels=AGREE_LABELS, texts=TEXTS)
    (neutral,) = [t for t in figure.data if t.meta == "3" and t.type == "scatter"]
    assert set(neutral.x) == {0.0}, "the neutral share is written on the centre line"
    assert figure.layout.xaxis.showgrid is False and figure.layout.xaxis.zeroline is False
    gridlines = [s for s in figure.layout.shapes if s.name == GRIDLINE_SHAPE]
    assert sorted(s.x0 for s in gridlines) == sorted(v for v in figure.layout.xaxis.tickvals if v != 0.0)
    assert gridlines and all(s.layer == "below" and s.x0 != 0.0 for s in gridlines)
    halves = [t for t in figure.data if t.type == "bar" and t.meta == "3"]
    assert len(halves) == 2 and all(t.opacity == 0 for t in halves), "the halves only hold the stacking places"
    (whole,) = [t for t in figure.data if t.meta == NEUTRAL_BAR_TRACE]
    north_row = groups.index("north")
    north = list(whole.y).index(north_row)
    assert whole.base[north] == pytest.approx(-0.1) and whole.x[north] == pytest.approx(0.2), "one bar across 0"
    assert whole.marker.color == SCALE5_COLOURS[3] and whole.showlegend


def test_mean_panel_is_wide_enough_and_means_share_one_marker_shape() -> None:
    distribution, summary, groups = agreement_parts()
    figure = build_agreement_figure(distribution, summary, "en", groups=groups, labels=GROUP_LABELS,
                                    option_labels=AGREE_LABELS, texts=TEXTS, marks={"north": "higher"})
    domain = figure.layout.xaxis3.domain
    span = figure.layout.xaxis3.range[1] - figure.layout.xaxis3.range[0]
    # at an 800 px wide figure (about 600 px of plot) one scale point takes at least 35 px
    assert (domain[1] - domain[0]) / span * 600 >= 35
    assert figure.layout.xaxis.domain[1] < figure.layout.xaxis2.domain[0] < figure.layout.xaxis2.domain[1] < domain[0]
    means = [t for t in figure.data if t.meta == MEAN_TRACE]
    assert {t.marker.color for t in means} == {GROUP_COLOUR, TOTAL_COLOUR}
    assert {t.marker.symbol for t in means} == {MEAN_SYMBOL}, "one shape; colour and row label tell them apart"
    grade = grade_table(View(None, "region"))
    grade_summary = summarise_groups(grade)
    for built in (build_mean_figure(grade_summary, "en", groups=order_groups(grade_summary), labels=GROUP_LABELS,
                                    bounds=(1, 10), texts=TEXTS),
                  build_grade_distribution_figure(distribution_frame(grade_table()), summarise_groups(grade_table()),
                                                  "en", group=TOTAL, texts=TEXTS,
                                                  option_labels={c: c for c in GRADE_CODES})):
        assert {t.marker.symbol for t in built.data if t.meta == MEAN_TRACE} == {MEAN_SYMBOL}


def test_mean_figure_marks_differences_and_hidden_groups() -> None:
    table = grade_table(View(None, "region"))
    summary = summarise_groups(table)
    groups = order_groups(summary)
    marks = {"west": "higher"}
    figure = build_mean_figure(summary, "fi", groups=groups, labels=GROUP_LABELS, bounds=(1, 10), texts=TEXTS,
                               marks=marks)
    labels = next(t for t in figure.data if t.meta == "mean label" and "▲" in "".join(t.text))
    assert any(text.strip().endswith("▲") for text in labels.text)
    assert [t for t in figure.data if t.meta == "hidden"], "hidden groups keep their row"


def test_share_bars_are_sorted_with_dont_know_last_and_wilson_whiskers() -> None:
    counts = {"north": {"yes": 3, "no": 5, "dk": 2}, "west": {"yes": 9, "no": 2, "dk": 1}}
    table = release_counts(counts, View(), question_type="single", option_codes=("yes", "no", "dk"),
                           option_values=(None, None, None), dont_know_codes=("dk",))
    distribution = distribution_frame(table)
    assert sorted_options(distribution, TOTAL) == ["yes", "no", "dk"]
    labels = {"yes": "Yes", "no": "No", "dk": "Don't know"}
    figure = build_share_figure(distribution, "en", groups=[TOTAL], labels=GROUP_LABELS, option_labels=labels,
                                texts=TEXTS)
    (bars,) = [t for t in figure.data if t.type == "bar"]
    assert list(bars.x) == [pytest.approx(12 / 22), pytest.approx(7 / 22), pytest.approx(3 / 22)]
    assert list(bars.marker.color) == [TOTAL_COLOUR, TOTAL_COLOUR, DONT_KNOW_COLOUR]
    # Wilson 12/22: centre 0.538697, half 1.96·√(0.011270 + 0.001984)/1.174612 = 0.192101
    assert bars.x[0] + bars.error_x.array[0] == pytest.approx(0.7308, abs=1e-4)
    assert bars.x[0] - bars.error_x.arrayminus[0] == pytest.approx(0.3466, abs=1e-4)
    assert list(figure.layout.yaxis.ticktext) == ["Yes", "No", "Don't know"]
    frame = build_share_table(distribution, "en", groups=[TOTAL], labels=GROUP_LABELS, option_labels=labels,
                              texts=TEXTS)
    assert frame.iloc[0].tolist() == ["Yes", "55%", "35–73%", "12"]
    assert format_interval(0.3466, 0.7308, "fi", percent=True) == f"35–73{NBSP}%"


def test_group_share_figure_has_one_bar_per_group_in_the_given_order() -> None:
    counts = {"north": {"yes": 3, "no": 7}, "west": {"yes": 9, "no": 3}, "south": {"yes": 1, "no": 1}}
    table = release_counts(counts, View(None, "region"), question_type="single", option_codes=("yes", "no"),
                           option_values=(None, None), dont_know_codes=())
    distribution, summary = distribution_frame(table), summarise_groups(table)
    groups = order_groups(summary)
    figure = build_group_share_figure(distribution, "en", option="yes", groups=groups, labels=GROUP_LABELS,
                                      texts=TEXTS)
    drawn = {y: x for t in figure.data if t.type == "bar" for y, x in zip(t.y, t.x, strict=True)}
    assert drawn[groups.index(TOTAL)] == pytest.approx(13 / 24)
    assert drawn[groups.index("west")] == pytest.approx(0.75)
    assert groups.index("south") not in drawn and groups.index("east") not in drawn


def test_heatmap_marks_hidden_cells_and_writes_values_in_the_language() -> None:
    tables = {"agree": agreement_table(), "grade": grade_table(View(None, "region"))}
    frame = heatmap_frame(tables, "mean")
    groups = [TOTAL, "west", "north", "south", "east"]
    items = ["agree", "grade"]
    figure = build_heatmap_figure(frame, "fi", items=items, groups=groups, item_labels={"agree": "A", "grade": "G"},
                                  group_labels=GROUP_LABELS, percent=False, texts=TEXTS, colour_title="Diff")
    heat = next(t for t in figure.data if t.type == "heatmap")
    assert heat.z[0][groups.index("east")] is None, "hidden cells are not coloured"
    assert heat.z[0][0] == 0, "the total is the reference"
    assert heat.z[0][groups.index("north")] == pytest.approx((34 / 9 - 103 / 32) / 4)
    cells = next(t for t in figure.data if t.meta == "cell values")
    text = dict(zip(zip(cells.y, cells.x, strict=True), cells.text, strict=True))
    assert text[(0, groups.index("north"))] == "3,8"
    assert text[(0, groups.index("east"))] == HIDDEN_MARKER
    framed_rows = {round((s.y0 + s.y1) / 2) for s in figure.layout.shapes if s.type == "rect"}
    assert 0 not in framed_rows, "the agreement item has no difference: no frame in its row"
    clear = release_counts({"north": {"5": 8, "4": 2}, "south": {"1": 7, "2": 2}, "west": {"3": 6, "4": 3, "2": 3}},
                           View(None, "region"))  # north higher, south lower (test_analysis_distributions)
    marked = heatmap_frame({"clear": clear}, "mean")
    for many in (False, True):
        shown = groups + ([f"extra{i}" for i in range(5)] if many else [])
        labels = {**GROUP_LABELS, **{g: g for g in shown}}
        figure = build_heatmap_figure(marked, "en", items=["clear"], groups=shown, item_labels={"clear": "C"},
                                      group_labels=labels, percent=False, texts=TEXTS, colour_title="Diff")
        frames = [s for s in figure.layout.shapes if s.type == "rect"]
        assert sorted((f.x0 + f.x1) / 2 for f in frames) == [groups.index("north"), groups.index("south")]
        cells = next(t for t in figure.data if t.meta == "cell values")
        north = cells.text[groups.index("north")]
        assert north.endswith("▲") != many, "▲ beside the value only where columns are wide enough"
    table = build_heatmap_table(frame, "en", items=items, groups=groups, item_labels={"agree": "A", "grade": "G"},
                                group_labels=GROUP_LABELS, percent=False, item_header="Question")
    assert table.set_index("Question").loc["A", "North"] == "3.8"
    assert table.set_index("Question").loc["A", "East"] == HIDDEN_MARKER


def test_question_chart_fits_the_question_type_and_breakdown() -> None:
    agree = build_question_chart(agreement_table(), "en", texts=TEXTS, labels=GROUP_LABELS,
                                 option_labels=AGREE_LABELS)
    assert any(t.meta == DONT_KNOW_TRACE for t in agree.figure.data)
    assert agree.groups[0] == TOTAL and "Agree (4–5)" in agree.table.columns
    grade_total = build_question_chart(grade_table(), "en", texts=TEXTS, labels=GROUP_LABELS,
                                       option_labels={c: c for c in GRADE_CODES})
    assert [t.meta for t in grade_total.figure.data if t.type == "bar"] == ["grades"]
    grade_by = build_question_chart(grade_table(View(None, "region")), "en", texts=TEXTS, labels=GROUP_LABELS,
                                    option_labels={c: c for c in GRADE_CODES})
    assert not [t for t in grade_by.figure.data if t.type == "bar"]
    facts = chart_facts(agreement_table())
    assert (facts.base, facts.hidden_groups) == (33, 2)
    assert format_percent(0.125, "en", 1) == "12.5%"


def test_area_chart_sets_the_area_beside_the_whole_country() -> None:
    table = release_counts(AGREE_COUNTS, View(None, "region"))
    chart = build_area_chart(table, "north", "en", texts=TEXTS, labels=GROUP_LABELS, option_labels=AGREE_LABELS,
                             dimension="region")
    assert chart.groups == ("north", TOTAL)
    assert chart.table["Group"].tolist() == ["North", "All"]
    assert chart.table["n"].tolist() == ["10", "33"]
    assert "Difference" in chart.table.columns


@pytest.mark.parametrize(("lang", "expected"), [
    ("fi", "muutosta ei voi näyttää: luku ei näy molempina vuosina"),
    ("sv", "förändringen kan inte visas: talet visas inte båda åren"),
    ("en", "change not available: not shown in both waves"),
])
def test_the_hidden_side_note_does_not_read_as_no_change(lang: str, expected: str) -> None:
    """It once read "no change: ...", which says the opposite of "we cannot tell"."""
    from ui.i18n import translate

    text = translate("compare.hidden_side", lang)
    assert text == expected
    assert not text.startswith(("ei muutosta", "ingen förändring", "no change"))
