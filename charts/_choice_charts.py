"""Charts of single-choice and multi-select questions: shares of respondents with Wilson intervals.

Why horizontal sorted bars: option labels are long sentences, and "which options are common" is
the question readers ask; sorting by share answers it. "Don't know" keeps its place at the
bottom whatever its share. A multi-select share is of respondents (who ticked, of those who
answered), so the bars do not add up to 100 %. For a breakdown the reader picks one option and
sees one bar per group, largest base first, hidden groups marked in their place.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from charts._format import HIDDEN_MARKER
from charts._palette import MIN_FONT_SIZE, TEXT_COLOUR
from charts._results_common import (
    DONT_KNOW_COLOUR,
    DONT_KNOW_PATTERN,
    GROUP_COLOUR,
    TOTAL_COLOUR,
    ChartTexts,
    base_layout,
    count_text,
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
    row_axis,
    title_lines,
    value_axis,
    value_labels_trace,
    wrap,
)
from charts._template import new_figure

TOTAL_GROUP = "__total__"
_GROUP_SPAN = 0.8

__all__ = [
    "build_group_share_figure",
    "build_group_share_table",
    "build_share_figure",
    "build_share_table",
    "sorted_options",
]


def sorted_options(distribution: pd.DataFrame, by_group: str) -> list[str]:
    """Option codes by ``by_group``'s share, largest first; "don't know" options last.

    A hidden ``by_group`` keeps the codebook's order.
    """
    records = [r for r in distribution.to_dict("records") if r["group"] == by_group]
    if not records:
        raise ValueError(f"group {by_group!r} not in the distribution")

    def key(item: tuple[int, dict[str, Any]]) -> tuple[bool, float, int]:
        position, record = item
        share = -1.0 if is_missing(record["share"]) else float(record["share"])
        return bool(record["dont_know"]), -share, position

    return [str(record["option"]) for _, record in sorted(enumerate(records), key=key)]


def _series_colour(group: str) -> str:
    return TOTAL_COLOUR if group == TOTAL_GROUP else GROUP_COLOUR


def _bar_text(share: float, mark: str | None, language: str) -> str:
    symbol = mark_symbol(mark)
    return format_percent(share, language) + (f" {symbol}" if symbol else "")


def build_share_figure(
    distribution: pd.DataFrame,
    language: str,
    *,
    groups: Sequence[str],
    labels: Mapping[str, str],
    option_labels: Mapping[str, str],
    texts: ChartTexts,
    marks: Mapping[str, str | None] | None = None,
) -> go.Figure:
    """One horizontal bar per option (and per group, up to a few), with Wilson 95 % whiskers.

    Options are sorted by the share of the last group in ``groups`` (the reference, e.g. the
    whole country). ``marks`` (option -> ``"higher"``/``"lower"``) marks where the first group
    differs from the reference by the intervals. A hidden group draws one hidden marker per
    option where its bar would be.
    """
    marks = marks or {}
    options = sorted_options(distribution, groups[-1])
    row_of = {code: i for i, code in enumerate(options)}
    slot = _GROUP_SPAN / len(groups)
    names = labels_for(groups, labels)
    traces: list[dict[str, Any]] = []
    largest = 0.0
    index = index_distribution(distribution)
    for position, (group, name) in enumerate(zip(groups, names, strict=True)):
        if group not in index:
            raise ValueError(f"group {group!r} not in the distribution")
        records = index[group]
        offset = (position - (len(groups) - 1) / 2) * slot
        first = next(iter(records.values()))
        base = first["base"]
        hidden = bool(first["hidden"])
        legend_name = group_label(name, base, language, texts, hidden)
        if hidden:
            marker = hidden_marker_trace([0.0] * len(options), [row_of[c] + offset for c in options],
                                         [f"{name}: {option_labels[c]}" for c in options])
            traces.append(marker)
            continue
        shares = [float(records[c]["share"]) for c in options]
        largest = max([largest, *[float(records[c]["share_high"]) for c in options]])
        colours = [DONT_KNOW_COLOUR if records[c]["dont_know"] else _series_colour(group) for c in options]
        traces.append({
            "type": "bar", "orientation": "h", "name": legend_name, "meta": group,
            "x": shares, "y": [row_of[c] + offset for c in options], "width": slot * 0.9,
            "marker": {"color": colours, "line": {"width": 0},
                       "pattern": {"shape": [DONT_KNOW_PATTERN if records[c]["dont_know"] else "" for c in options],
                                   "fgcolor": "#FFFFFF"}},
            "error_x": {"type": "data", "symmetric": False,
                        "array": [float(records[c]["share_high"]) - s for c, s in zip(options, shares, strict=True)],
                        "arrayminus": [s - float(records[c]["share_low"]) for c, s in zip(options, shares,
                                                                                         strict=True)],
                        "color": TEXT_COLOUR, "thickness": 1.5, "width": 4},
            "text": [format_percent(s, language) for s in shares], "textposition": "none",
            "customdata": [[option_labels[c], count_text(records[c]["count"], language),
                            format_interval(records[c]["share_low"], records[c]["share_high"], language,
                                            percent=True)] for c in options],
            "hovertemplate": f"{name}<br>%{{customdata[0]}}: %{{text}} (%{{customdata[1]}}; %{{customdata[2]}})"
                             "<extra></extra>",
        })
        traces.append(value_labels_trace(
            [float(records[c]["share_high"]) for c in options], [row_of[c] + offset for c in options],
            [_bar_text(s, marks.get(c) if position == 0 and len(groups) > 1 else None, language)
             for c, s in zip(options, shares, strict=True)], name=f"values {group}"))
    lines = title_lines(texts)
    legend = len(groups) > 1
    top = 90 + 26 * lines + (34 if legend else 0)
    per_row = 30 * len(groups) + 22
    layout = base_layout(language, texts, height=top + 110 + per_row * len(options), top=top)
    layout.update({
        "showlegend": legend,
        "legend": {"orientation": "h", "x": 0, "xanchor": "left", "y": 1.0, "yanchor": "bottom",
                   "traceorder": "normal", "font": {"size": MIN_FONT_SIZE}, "itemclick": False,
                   "itemdoubleclick": False},
        "yaxis": row_axis([wrap(option_labels[c], 40) for c in options]),
        "xaxis": _share_axis(texts, language, largest, rangemode="tozero"),
    })
    return new_figure(traces, layout)


def build_share_table(
    distribution: pd.DataFrame,
    language: str,
    *,
    groups: Sequence[str],
    labels: Mapping[str, str],
    option_labels: Mapping[str, str],
    texts: ChartTexts,
    marks: Mapping[str, str | None] | None = None,
) -> pd.DataFrame:
    """The table behind :func:`build_share_figure`: one row per option in the chart's order.

    Per group: the share, its 95 % interval and the count, with n in the column header.
    """
    options = sorted_options(distribution, groups[-1])
    out: dict[str, list[str]] = {texts.answer_header: [option_labels[c] for c in options]}
    index = index_distribution(distribution)
    for group, name in zip(groups, labels_for(groups, labels), strict=True):
        records = index[group]
        first = next(iter(records.values()))
        hidden = bool(first["hidden"])
        header = group_label(name, first["base"], language, texts, hidden)
        out[f"{header}: {texts.share_header}"] = [
            HIDDEN_MARKER if hidden else format_percent(records[c]["share"], language) for c in options]
        out[f"{name}: {texts.interval_header}"] = [
            HIDDEN_MARKER if hidden else format_interval(records[c]["share_low"], records[c]["share_high"],
                                                         language, percent=True) for c in options]
        out[f"{name}: {texts.count_header}"] = [
            HIDDEN_MARKER if hidden else count_text(records[c]["count"], language) for c in options]
    if marks is not None:
        out[texts.difference_header] = [mark_text(marks.get(c), texts) for c in options]
    return pd.DataFrame(out)


def build_group_share_figure(
    distribution: pd.DataFrame,
    language: str,
    *,
    option: str,
    groups: Sequence[str],
    labels: Mapping[str, str],
    texts: ChartTexts,
) -> go.Figure:
    """The share choosing ``option`` per group (rows, in the given order), with Wilson whiskers."""
    index = index_distribution(distribution)
    missing = [g for g in groups if option not in index.get(g, {})]
    if missing:
        raise ValueError(f"group(s) {missing} or option {option!r} not in the distribution")
    names = labels_for(groups, labels)
    records = [index[g][option] for g in groups]
    shown = [i for i, r in enumerate(records) if not r["hidden"] and not is_missing(r["share"])]
    hidden = [i for i, r in enumerate(records) if r["hidden"]]
    traces: list[dict[str, Any]] = []
    for kind in ("total", "group"):
        part = [i for i in shown if (groups[i] == TOTAL_GROUP) == (kind == "total")]
        if not part:
            continue
        shares = [float(records[i]["share"]) for i in part]
        traces.append({
            "type": "bar", "orientation": "h", "name": kind, "meta": kind,
            "x": shares, "y": part, "width": 0.7,
            "marker": {"color": TOTAL_COLOUR if kind == "total" else GROUP_COLOUR, "line": {"width": 0}},
            "error_x": {"type": "data", "symmetric": False,
                        "array": [float(records[i]["share_high"]) - s for i, s in zip(part, shares, strict=True)],
                        "arrayminus": [s - float(records[i]["share_low"]) for i, s in zip(part, shares,
                                                                                         strict=True)],
                        "color": TEXT_COLOUR, "thickness": 1.5, "width": 4},
            "text": [format_percent(s, language) for s in shares], "textposition": "none",
            "customdata": [[names[i], count_text(records[i]["count"], language),
                            format_interval(records[i]["share_low"], records[i]["share_high"], language,
                                            percent=True)] for i in part],
            "hovertemplate": "%{customdata[0]}: %{text} (%{customdata[1]}; %{customdata[2]})<extra></extra>",
        })
        traces.append(value_labels_trace([float(records[i]["share_high"]) for i in part], part,
                                         [format_percent(s, language) for s in shares], name=f"values {kind}"))
    if hidden:
        traces.append(hidden_marker_trace([0.0] * len(hidden), hidden, [names[i] for i in hidden]))
    largest = max([float(records[i]["share_high"]) for i in shown] or [0.2])
    row_labels = [wrap(group_label(names[i], records[i]["base"], language, texts, bool(records[i]["hidden"])))
                  for i in range(len(groups))]
    lines = title_lines(texts)
    top = 90 + 26 * lines
    layout = base_layout(language, texts, height=top + 110 + 40 * max(len(groups), 2), top=top)
    layout.update({
        "yaxis": row_axis(row_labels),
        "xaxis": _share_axis(texts, language, largest),
    })
    return new_figure(traces, layout)


def build_group_share_table(
    distribution: pd.DataFrame,
    language: str,
    *,
    groups: Sequence[str],
    labels: Mapping[str, str],
    option_labels: Mapping[str, str],
    texts: ChartTexts,
) -> pd.DataFrame:
    """The table behind a breakdown of a choice question: one row per group, every option's share."""
    options = distribution.drop_duplicates("option")["option"].astype(str).tolist()
    out: dict[str, list[str]] = {texts.group_header: labels_for(groups, labels), texts.n_header: []}
    for code in options:
        out[option_labels[code]] = []
    index = index_distribution(distribution)
    for group in groups:
        records = index[group]
        first = next(iter(records.values()))
        hidden = bool(first["hidden"])
        out[texts.n_header].append(HIDDEN_MARKER if hidden else count_text(first["base"], language))
        for code in options:
            out[option_labels[code]].append(HIDDEN_MARKER if hidden else format_percent(records[code]["share"],
                                                                                        language))
    return pd.DataFrame(out)


def _share_axis(texts: ChartTexts, language: str, largest: float, **extra: Any) -> dict[str, Any]:
    """The horizontal share axis of choice charts: 0 to a little past the largest share (at least 20 %)."""
    top = min(1.0, max(largest, 0.2))
    return value_axis(texts.share_axis, [0.0, top * 1.25], **percent_axis_ticks(language, top),
                      zeroline=True, zerolinecolor=TEXT_COLOUR, **extra)
