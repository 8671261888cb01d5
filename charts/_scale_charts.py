"""Charts of scale questions: the diverging agreement bar, the grade distribution, means by group.

Why these shapes: an agreement item is read as "how many agree, how many disagree", which a bar
centred on the neutral answer shows at a glance; "don't know" is not a position on the scale, so
it gets a panel of its own; the mean with its 95 % interval sits in a third panel. A grade
(1–10) is read as a distribution and its mean. Groups are rows, the total first, then the
largest base first; hidden groups keep their row with the hidden marker instead of a bar.

Inputs are frames of ``analysis.distributions`` (``distribution_frame`` / ``summarise_groups``)
made from released tables; nothing here counts respondents.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from charts._format import HIDDEN_MARKER
from charts._palette import GRID_COLOUR, HIDDEN_COLOUR, MIN_FONT_SIZE, TEXT_COLOUR
from charts._results_common import (
    CHOICE_COLOUR,
    DONT_KNOW_COLOUR,
    DONT_KNOW_PATTERN,
    GROUP_COLOUR,
    SCALE5_COLOURS,
    SCALE5_TEXT_COLOURS,
    TOTAL_COLOUR,
    ChartTexts,
    base_layout,
    count_text,
    format_decimal,
    format_interval,
    format_percent,
    group_label,
    hidden_marker_trace,
    index_distribution,
    is_missing,
    labels_for,
    mark_symbol,
    mark_text,
    percent_axis_ticks,
    percent_ticks,
    row_axis,
    row_height,
    title_lines,
    value_axis,
    wrap,
)
from charts._template import new_figure

TOTAL_GROUP = "__total__"
#: Segments narrower than this carry no text (the table has every number).
MIN_LABELLED_SHARE = 0.06
#: Panels of the agreement chart (x domains): the diverging bar, "don't know", the mean. The mean
#: panel gets over a quarter of the width so that a 1–5 scale does not squeeze markers and
#: whiskers of neighbouring means into one blot.
DIVERGING_DOMAIN = (0.0, 0.54)
DONT_KNOW_DOMAIN = (0.58, 0.68)
MEAN_DOMAIN = (0.73, 1.0)
#: Room right of the plot for the mean labels written beside the highest whisker (px).
MEAN_LABEL_MARGIN = 64
#: The grade chart: bars below, the mean with its interval in a band of its own above them, so the
#: mean's line and label never run through a bar's value label.
GRADE_BAR_DOMAIN = (0.0, 0.8)
GRADE_MEAN_DOMAIN = (0.84, 1.0)
#: One marker shape for every mean: the colour tells the total (dark grey) from a group (blue), and
#: the row label names it; changing shapes would need a legend of their own.
MEAN_SYMBOL = "circle"
#: Trace names tests and exports find the parts by.
NEUTRAL_CENTRE_TRACE = "neutral share"
#: The neutral answer's one bar across 0 (its stacked halves are invisible placeholders).
NEUTRAL_BAR_TRACE = "neutral bar"
MEAN_TRACE = "mean"
#: Name of the gridline shapes of the diverging axis (there is none at 0 %).
GRIDLINE_SHAPE = "gridline"
DONT_KNOW_TRACE = "dont_know"


def _rows(summary: pd.DataFrame, groups: Sequence[str]) -> list[dict[str, Any]]:
    by_group = {str(r["group"]): r for r in summary.to_dict("records")}
    missing = [g for g in groups if g not in by_group]
    if missing:
        raise ValueError(f"group(s) {missing} not in the summary")
    return [by_group[g] for g in groups]


def _shares(index: Mapping[str, dict[str, dict[str, Any]]], group: str) -> dict[str, dict[str, Any]]:
    if group not in index:
        raise ValueError(f"group {group!r} not in the distribution")
    return index[group]


def _row_labels(rows: Sequence[Mapping[str, Any]], labels: Mapping[str, str], language: str,
                texts: ChartTexts, n_column: str = "base") -> list[str]:
    names = labels_for([str(r["group"]) for r in rows], labels)
    return [wrap(group_label(name, r[n_column], language, texts, bool(r["hidden"])))
            for name, r in zip(names, rows, strict=True)]


def _series_colour(group: str) -> str:
    return TOTAL_COLOUR if group == TOTAL_GROUP else GROUP_COLOUR


def _side_extent(share: float) -> float:
    """How far one side of the diverging axis reaches: the largest side, rounded up to 10 points."""
    return min(1.0, max(0.3, math.ceil((share + 0.02) * 10) / 10))


def _diverging_ticks(left: float, right: float) -> list[float]:
    step = 0.25 if max(left, right) > 0.6 else 0.2
    ticks = [0.0]
    value = step
    while value <= right + 1e-9:
        ticks.append(round(value, 2))
        value += step
    value = step
    while value <= left + 1e-9:
        ticks.insert(0, -round(value, 2))
        value += step
    return ticks


def _mean_label(row: Mapping[str, Any], language: str, marks: Mapping[str, str | None]) -> str:
    symbol = mark_symbol(marks.get(str(row["group"])))
    return "\u2002" + format_decimal(row["mean"], language) + (f" {symbol}" if symbol else "")


def _mean_traces(rows: Sequence[Mapping[str, Any]], language: str, marks: Mapping[str, str | None],
                 *, xaxis: str, bounds: tuple[float, float], texts: ChartTexts) -> list[dict[str, Any]]:
    """Dot and 95 % whiskers per shown row, the value (and a difference mark) written beside it."""
    traces: list[dict[str, Any]] = []
    shown = [(i, r) for i, r in enumerate(rows) if not r["hidden"] and not is_missing(r["mean"])]
    for group_kind in ("total", "group"):
        part = [(i, r) for i, r in shown if (r["group"] == TOTAL_GROUP) == (group_kind == "total")]
        if not part:
            continue
        colour = TOTAL_COLOUR if group_kind == "total" else GROUP_COLOUR
        means = [float(r["mean"]) for _, r in part]
        highs = [float(r["mean_high"]) if not is_missing(r["mean_high"]) else float(r["mean"]) for _, r in part]
        lows = [float(r["mean_low"]) if not is_missing(r["mean_low"]) else float(r["mean"]) for _, r in part]
        traces.append({
            "type": "scatter", "mode": "markers", "name": MEAN_TRACE, "meta": MEAN_TRACE,
            "x": means, "y": [i for i, _ in part], "xaxis": xaxis, "yaxis": "y",
            "marker": {"size": 12, "color": colour, "symbol": MEAN_SYMBOL},
            "error_x": {"type": "data", "symmetric": False,
                        "array": [h - m for h, m in zip(highs, means, strict=True)],
                        "arrayminus": [m - lo for m, lo in zip(means, lows, strict=True)],
                        "color": colour, "thickness": 2, "width": 6},
            "customdata": [format_interval(r["mean_low"], r["mean_high"], language) for _, r in part],
            "hovertemplate": f"{texts.mean_header}: %{{x:.1f}} (%{{customdata}})<extra></extra>",
            "showlegend": False,
        })
        traces.append({
            "type": "scatter", "mode": "text", "name": "mean label", "meta": "mean label",
            "x": highs, "y": [i for i, _ in part], "xaxis": xaxis, "yaxis": "y",
            "text": [_mean_label(r, language, marks) for _, r in part],
            "textposition": "middle right", "textfont": {"size": MIN_FONT_SIZE, "color": TEXT_COLOUR},
            "cliponaxis": False, "showlegend": False, "hoverinfo": "skip",
        })
    hidden = [i for i, r in enumerate(rows) if r["hidden"]]
    if hidden:
        traces.append(hidden_marker_trace([bounds[0]] * len(hidden), hidden,
                                          [str(rows[i]["group"]) for i in hidden], xaxis=xaxis))
    return traces


def build_agreement_figure(
    distribution: pd.DataFrame,
    summary: pd.DataFrame,
    language: str,
    *,
    groups: Sequence[str],
    labels: Mapping[str, str],
    option_labels: Mapping[str, str],
    texts: ChartTexts,
    marks: Mapping[str, str | None] | None = None,
) -> go.Figure:
    """Diverging stacked bar per group centred on the neutral answer, "don't know" and the mean apart.

    Parameters
    ----------
    distribution, summary
        ``analysis.distribution_frame`` / ``summarise_groups`` of one agreement (5-point) item.
    groups
        Group ids to draw, top to bottom (``analysis.order_groups`` or the area and the total).
    labels, option_labels
        Display names of the groups and of the options (codes "1".."5" and the "don't know" code).
    marks
        Group id -> ``"higher"``/``"lower"`` where the mean differs from the reference by the
        intervals; drawn as ▲/▼ beside the mean.
    """
    marks = marks or {}
    rows = _rows(summary, groups)
    options = distribution.drop_duplicates("option")[["option", "value", "dont_know"]].to_dict("records")
    scale = [o for o in options if not o["dont_know"] and not is_missing(o["value"])]
    dont_know = [o for o in options if o["dont_know"]]
    neutral_value = (min(o["value"] for o in scale) + max(o["value"] for o in scale)) / 2
    bounds = (min(float(o["value"]) for o in scale), max(float(o["value"]) for o in scale))
    y_all = list(range(len(rows)))
    index = index_distribution(distribution)
    shares = [_shares(index, str(r["group"])) for r in rows]
    shown = [i for i, r in enumerate(rows) if not r["hidden"]]

    traces: list[dict[str, Any]] = []

    def segment(option: Mapping[str, Any], sign: int, half: bool, legend: bool) -> dict[str, Any]:
        code, value = str(option["option"]), int(option["value"])
        values = [float(shares[i][code]["share"]) for i in shown]
        counts = [shares[i][code]["count"] for i in shown]
        x = [sign * v / (2 if half else 1) for v in values]
        text = ["" if half or v < MIN_LABELLED_SHARE else format_percent(v, language) for v in values]
        return {
            "type": "bar", "orientation": "h", "name": option_labels[code], "meta": code,
            "legendgroup": code, "showlegend": legend, "legendrank": value,
            "x": x, "y": shown, "xaxis": "x", "yaxis": "y",
            "marker": {"color": SCALE5_COLOURS.get(value, TEXT_COLOUR), "line": {"color": "#FFFFFF", "width": 1}},
            "text": text, "textposition": "inside", "insidetextanchor": "middle", "textangle": 0,
            "textfont": {"size": MIN_FONT_SIZE, "color": SCALE5_TEXT_COLOURS.get(value, TEXT_COLOUR)},
            "customdata": [[format_percent(v, language), count_text(c, language)] for v, c in zip(values, counts,
                                                                                              strict=True)],
            "hovertemplate": f"{option_labels[code]}: %{{customdata[0]}} (%{{customdata[1]}})<extra></extra>",
        }

    # Relative stacking puts each side's first trace next to zero: the neutral half, then outwards.
    below = sorted([o for o in scale if o["value"] < neutral_value], key=lambda o: -o["value"])
    above = sorted([o for o in scale if o["value"] > neutral_value], key=lambda o: o["value"])
    neutral = [o for o in scale if o["value"] == neutral_value]
    for option in neutral:
        traces.append(segment(option, -1, True, True))
    traces.extend(segment(o, -1, False, True) for o in below)
    for option in neutral:
        traces.append(segment(option, +1, True, False))
    traces.extend(segment(o, +1, False, True) for o in above)
    for option in neutral:
        # The halves only hold the stacking places; the neutral answer is drawn as ONE bar across
        # 0 (a trace with a base is overlaid, not stacked), so no edge or seam between two halves
        # runs through the neutral share written on the centre.
        code = str(option["option"])
        values = [float(shares[i][code]["share"]) for i in shown]
        whole = segment(option, +1, False, True)
        whole.update({"name": option_labels[code], "meta": NEUTRAL_BAR_TRACE, "base": [-v / 2 for v in values],
                      "text": None, "textposition": "none"})
        for trace in traces:
            if trace.get("meta") == code:
                trace.update({"opacity": 0, "showlegend": False, "hoverinfo": "skip", "hovertemplate": None})
        traces.append(whole)
    for option in neutral:  # the neutral share, written once across the centre line
        code = str(option["option"])
        values = [float(shares[i][code]["share"]) for i in shown]
        traces.append({
            "type": "scatter", "mode": "text", "name": NEUTRAL_CENTRE_TRACE, "meta": code,
            "x": [0.0] * len(shown), "y": shown, "xaxis": "x", "yaxis": "y",
            "text": [format_percent(v, language) if v >= MIN_LABELLED_SHARE else "" for v in values],
            "textfont": {"size": MIN_FONT_SIZE, "color": "#000000"}, "showlegend": False, "hoverinfo": "skip",
        })
    hidden = [i for i in y_all if rows[i]["hidden"]]
    if hidden:
        traces.append(hidden_marker_trace([0.0] * len(hidden), hidden, [str(rows[i]["group"]) for i in hidden]))

    for option in dont_know:
        code = str(option["option"])
        values = [float(shares[i][code]["share"]) for i in shown]
        counts = [shares[i][code]["count"] for i in shown]
        traces.append({
            "type": "bar", "orientation": "h", "name": option_labels[code], "meta": DONT_KNOW_TRACE,
            "legendgroup": code, "showlegend": True, "legendrank": 10,
            "x": values, "y": shown, "xaxis": "x2", "yaxis": "y",
            "marker": {"color": DONT_KNOW_COLOUR, "pattern": {"shape": DONT_KNOW_PATTERN, "fgcolor": "#FFFFFF"},
                       "line": {"width": 0}},
            "text": [format_percent(v, language) for v in values], "textposition": "outside",
            "textfont": {"size": MIN_FONT_SIZE, "color": TEXT_COLOUR}, "cliponaxis": False,
            "customdata": [count_text(c, language) for c in counts],
            "hovertemplate": f"{option_labels[code]}: %{{text}} (%{{customdata}})<extra></extra>",
        })
    traces.extend(_mean_traces(rows, language, marks, xaxis="x3", bounds=bounds, texts=texts))

    left = max([sum(float(shares[i][str(o["option"])]["share"]) for o in below)
                + sum(float(shares[i][str(o["option"])]["share"]) for o in neutral) / 2 for i in shown] or [0.0])
    right = max([sum(float(shares[i][str(o["option"])]["share"]) for o in above)
                 + sum(float(shares[i][str(o["option"])]["share"]) for o in neutral) / 2 for i in shown] or [0.0])
    left, right = _side_extent(left), _side_extent(right)
    ticks = _diverging_ticks(left, right)
    largest_dk = max([float(shares[i][str(o["option"])]["share"]) for i in shown for o in dont_know] or [0.0])
    lines = title_lines(texts)
    top = 120 + 26 * lines
    layout = base_layout(language, texts, height=top + 100 + row_height(len(rows), 46, 1), top=top)
    layout.update({
        "barmode": "relative",
        "bargap": 0.3,
        "showlegend": True,
        "legend": {"orientation": "h", "x": 0, "xanchor": "left", "y": 1.0, "yanchor": "bottom",
                   "traceorder": "normal", "font": {"size": MIN_FONT_SIZE}, "itemclick": False,
                   "itemdoubleclick": False},
        "yaxis": row_axis(_row_labels(rows, labels, language, texts)),
        # No gridline (and no zero line) at 0 %: it would cross the neutral share written on the
        # centre. The other gridlines are drawn as shapes below the bars.
        "xaxis": value_axis(texts.share_axis, [-left, right], domain=list(DIVERGING_DOMAIN), showgrid=False,
                            **percent_ticks(language, ticks)),
        "xaxis2": value_axis(wrap(texts.dont_know, 14), [0.0, max(0.4, largest_dk * 1.6)],
                             domain=list(DONT_KNOW_DOMAIN),
                             anchor="y", showticklabels=False, showgrid=False),
        "xaxis3": value_axis(wrap(texts.mean_axis, 30), [bounds[0] - 0.2, bounds[1] + 0.2], domain=list(MEAN_DOMAIN),
                             anchor="y", tickmode="array",
                             tickvals=list(range(int(bounds[0]), int(bounds[1]) + 1))),
        "shapes": [{"type": "line", "xref": "x", "yref": "paper", "x0": tick, "x1": tick, "y0": 0, "y1": 1,
                    "layer": "below", "line": {"color": GRID_COLOUR, "width": 1}, "name": GRIDLINE_SHAPE}
                   for tick in ticks if tick != 0.0],
    })
    layout["margin"]["r"] = max(layout["margin"]["r"], MEAN_LABEL_MARGIN)
    return new_figure(traces, layout)


def build_grade_distribution_figure(
    distribution: pd.DataFrame,
    summary: pd.DataFrame,
    language: str,
    *,
    group: str,
    texts: ChartTexts,
    option_labels: Mapping[str, str],
) -> go.Figure:
    """Share of each grade (1–10) of one group, with the mean and its 95 % interval marked.

    A hidden group draws the hidden marker instead of bars.
    """
    (row,) = _rows(summary, [group])
    shares = _shares(index_distribution(distribution), group)
    options = [o for o in distribution.drop_duplicates("option").to_dict("records")
               if not o["dont_know"] and not is_missing(o["value"])]
    values = [float(o["value"]) for o in options]
    bounds = (min(values), max(values))
    traces: list[dict[str, Any]] = []
    lines = title_lines(texts)
    top = 100 + 26 * lines
    layout = base_layout(language, texts, height=top + 420, top=top, bottom=110)
    largest = 0.0
    if row["hidden"]:
        traces.append(hidden_marker_trace([bounds[0]], [0.0], [group]))
    else:
        share_values = [float(shares[str(o["option"])]["share"]) for o in options]
        counts = [shares[str(o["option"])]["count"] for o in options]
        largest = max(share_values or [0.0])
        traces.append({
            "type": "bar", "name": texts.share_header, "meta": "grades",
            "x": values, "y": share_values,
            "marker": {"color": CHOICE_COLOUR, "line": {"width": 0}},
            "text": [format_percent(v, language) for v in share_values], "textposition": "outside",
            "textfont": {"size": MIN_FONT_SIZE, "color": TEXT_COLOUR}, "cliponaxis": False,
            "customdata": [[option_labels[str(o["option"])], count_text(c, language)]
                           for o, c in zip(options, counts, strict=True)],
            "hovertemplate": "%{customdata[0]}: %{text} (%{customdata[1]})<extra></extra>",
        })
        if not is_missing(row["mean"]):
            traces.extend(_grade_mean_traces(row, language, texts, bounds))
    layout.update({
        "bargap": 0.25,
        "xaxis": value_axis(texts.answer_header, [bounds[0] - 0.6, bounds[1] + 0.6], tickmode="array",
                            tickvals=values, ticktext=[format_decimal(v, language, 0) for v in values],
                            showgrid=False),
        "yaxis": value_axis(texts.share_axis, [0.0, max(0.2, largest * 1.25)], domain=list(GRADE_BAR_DOMAIN),
                            **percent_axis_ticks(language, max(0.2, largest * 1.2))),
        # The mean's band: one row, no ticks; the marker and its label sit above every bar label.
        "yaxis2": {"domain": list(GRADE_MEAN_DOMAIN), "range": [-1.0, 1.0], "visible": False, "anchor": "x",
                   "fixedrange": True},
    })
    return new_figure(traces, layout)


def _grade_mean_traces(row: Mapping[str, Any], language: str, texts: ChartTexts,
                       bounds: tuple[float, float]) -> list[dict[str, Any]]:
    """The mean of a grade distribution: a dot with its 95 % whiskers and the value, in the top band.

    The label goes on the side of the mean with more room (right of the upper whisker, or left of
    the lower one), so it stays inside the plot on either end of the scale.
    """
    mean = float(row["mean"])
    low = float(row["mean_low"]) if not is_missing(row["mean_low"]) else mean
    high = float(row["mean_high"]) if not is_missing(row["mean_high"]) else mean
    interval = format_interval(row["mean_low"], row["mean_high"], language)
    label = f"{texts.mean_header}: {format_decimal(mean, language)}" + (f" ({interval})" if interval else "")
    right_side = mean <= (bounds[0] + bounds[1]) / 2
    return [
        {"type": "scatter", "mode": "markers", "name": MEAN_TRACE, "meta": MEAN_TRACE,
         "x": [mean], "y": [0.0], "xaxis": "x", "yaxis": "y2",
         "marker": {"size": 12, "color": TOTAL_COLOUR, "symbol": MEAN_SYMBOL},
         "error_x": {"type": "data", "symmetric": False, "array": [high - mean], "arrayminus": [mean - low],
                     "color": TOTAL_COLOUR, "thickness": 2, "width": 6},
         "customdata": [interval],
         "hovertemplate": f"{texts.mean_header}: %{{x:.1f}} (%{{customdata}})<extra></extra>",
         "showlegend": False},
        {"type": "scatter", "mode": "text", "name": "mean label", "meta": "mean label",
         "x": [high if right_side else low], "y": [0.0], "xaxis": "x", "yaxis": "y2",
         "text": [f"\u2002{label}\u2002"], "textposition": "middle right" if right_side else "middle left",
         "textfont": {"size": MIN_FONT_SIZE, "color": TEXT_COLOUR}, "cliponaxis": False,
         "showlegend": False, "hoverinfo": "skip"},
    ]


def build_mean_figure(
    summary: pd.DataFrame,
    language: str,
    *,
    groups: Sequence[str],
    labels: Mapping[str, str],
    bounds: tuple[float, float],
    texts: ChartTexts,
    marks: Mapping[str, str | None] | None = None,
) -> go.Figure:
    """The mean with its 95 % interval per group (rows), on the whole scale; hidden groups marked."""
    rows = _rows(summary, groups)
    lines = title_lines(texts)
    top = 90 + 26 * lines
    layout = base_layout(language, texts, height=top + 110 + row_height(len(rows), 44, 2), top=top)
    layout.update({
        "yaxis": row_axis(_row_labels(rows, labels, language, texts, n_column="answers")),
        "xaxis": value_axis(texts.mean_axis, [bounds[0], bounds[1] + 0.08 * (bounds[1] - bounds[0]) + 0.5],
                            tickmode="array", tickvals=list(range(int(bounds[0]), int(bounds[1]) + 1))),
    })
    traces = _mean_traces(rows, language, marks or {}, xaxis="x", bounds=bounds, texts=texts)
    return new_figure(traces, layout)


def build_scale_table(
    distribution: pd.DataFrame,
    summary: pd.DataFrame,
    language: str,
    *,
    groups: Sequence[str],
    labels: Mapping[str, str],
    option_labels: Mapping[str, str],
    texts: ChartTexts,
    marks: Mapping[str, str | None] | None = None,
    positive: bool = False,
) -> pd.DataFrame:
    """The table behind a scale chart: one row per group, the share of every answer, the mean.

    Columns: group, n (base), one per option (share of the base), the mean with its interval,
    "% agree" when ``positive``, and the difference mark when ``marks`` is given. Numbers are
    written in the language's format; a hidden group shows the hidden marker everywhere.
    """
    rows = _rows(summary, groups)
    options = distribution.drop_duplicates("option")["option"].tolist()
    out: dict[str, list[str]] = {texts.group_header: labels_for(groups, labels), texts.n_header: []}
    for code in options:
        out[option_labels[str(code)]] = []
    out[texts.mean_header] = []
    if positive:
        out[texts.positive_header] = []
    if marks is not None:
        out[texts.difference_header] = []
    index = index_distribution(distribution)
    for row in rows:
        shares = _shares(index, str(row["group"]))
        out[texts.n_header].append(count_text(None if row["hidden"] else row["base"], language))
        for code in options:
            out[option_labels[str(code)]].append(
                HIDDEN_MARKER if row["hidden"] else format_percent(shares[str(code)]["share"], language))
        if row["hidden"]:
            mean = HIDDEN_MARKER
        elif is_missing(row["mean"]):
            mean = ""
        else:
            interval = format_interval(row["mean_low"], row["mean_high"], language)
            mean = format_decimal(row["mean"], language) + (f" ({interval})" if interval else "")
        out[texts.mean_header].append(mean)
        if positive:
            out[texts.positive_header].append(
                HIDDEN_MARKER if row["hidden"] else
                f"{format_percent(row['positive'], language)} "
                f"({format_interval(row['positive_low'], row['positive_high'], language, percent=True)})")
        if marks is not None:
            out[texts.difference_header].append(mark_text(marks.get(str(row["group"])), texts))
    return pd.DataFrame(out)


__all__ = [
    "DIVERGING_DOMAIN",
    "DONT_KNOW_DOMAIN",
    "DONT_KNOW_TRACE",
    "GRADE_BAR_DOMAIN",
    "GRADE_MEAN_DOMAIN",
    "GRIDLINE_SHAPE",
    "MEAN_DOMAIN",
    "MEAN_SYMBOL",
    "HIDDEN_COLOUR",
    "MEAN_TRACE",
    "NEUTRAL_BAR_TRACE",
    "NEUTRAL_CENTRE_TRACE",
    "build_agreement_figure",
    "build_grade_distribution_figure",
    "build_mean_figure",
    "build_scale_table",
]
