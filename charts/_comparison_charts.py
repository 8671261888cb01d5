"""Charts of wave comparisons: each wave's value side by side, and the ranking of changes.

Why these two: a reader comparing 2020 with 2023 needs both values with their intervals (a
change of +5 points means something else at 10 % than at 50 %), and the ministry's "what
changed" question needs every item's change on one axis, with the changes the intervals do not
support set apart at a glance (hollow, grey) rather than hidden. Wave colours are the app's fixed
ones (2020 vermillion, 2023 blue). Builders are pure: figures and the tables behind them, from
frames of ``analysis.comparison`` (released numbers only).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from charts._format import HIDDEN_MARKER, format_number
from charts._palette import GRID_COLOUR, HIDDEN_COLOUR, MIN_FONT_SIZE, OKABE_ITO, TEXT_COLOUR, wave_colour
from charts._results_common import (
    ChartTexts,
    base_layout,
    count_text,
    format_decimal,
    format_interval,
    format_percent,
    hidden_marker_trace,
    row_axis,
    title_lines,
    value_axis,
    wrap,
)
from charts._template import new_figure

#: Marker of a change the (BH-adjusted) intervals support, and of one they do not.
SUPPORTED_SYMBOL = "circle"
UNSUPPORTED_SYMBOL = "circle-open"
ADJUSTED_SYMBOL = "diamond-open"
#: The composition-adjusted change: not a wave colour (it is neither wave's raw value).
ADJUSTED_COLOUR = OKABE_ITO["bluish_green"]
#: Marker in tables and labels of a change the intervals do not support.
NOT_SUPPORTED_MARK = "○"
SUPPORTED_MARK = "●"
#: Characters per line of a note written right of the plot (its margin is 260 px at 14 px type).
NOTE_WRAP = 30
#: Height of one legend row (14 px type with its gap).
LEGEND_ROW_PIXELS = 22
#: Legends above the plot start at the figure's left edge (``xref="container"``), not at the
#: plot's: long row labels would otherwise leave the legend so little width that it wraps into
#: several rows and grows up over the subtitle.
_LEGEND = {"orientation": "h", "xref": "container", "x": 0, "xanchor": "left", "y": 1.0, "yanchor": "bottom",
           "font": {"size": MIN_FONT_SIZE}, "itemclick": False, "itemdoubleclick": False}

__all__ = [
    "ADJUSTED_SYMBOL",
    "NOT_SUPPORTED_MARK",
    "SUPPORTED_MARK",
    "SUPPORTED_SYMBOL",
    "UNSUPPORTED_SYMBOL",
    "ComparisonTexts",
    "build_change_ranking_figure",
    "build_change_ranking_table",
    "build_wave_pair_figure",
    "build_wave_pair_table",
    "format_change",
]


@dataclass(frozen=True)
class ComparisonTexts:
    """The texts of comparison charts and tables in the page's language."""

    base: ChartTexts
    earlier_wave: int
    later_wave: int
    change_header: str
    unit_pp: str
    unit_points: str
    only_later: str
    only_earlier: str
    hidden_side: str
    supported_header: str
    supported: str
    not_supported: str
    adjusted_header: str
    adjusted_legend: str
    raw_legend: str
    coverage_header: str
    flag_header: str
    item_header: str
    change_axis_pp: str
    change_axis_points: str


def _decimals(percent: bool) -> int:
    """Percentage points to one decimal; points of a 1–5 or 1–10 mean to two."""
    return 1 if percent else 2


def _signed(number: float, language: str, decimals: int, plus: bool) -> str:
    """A number with a true minus sign (and ``+`` if asked); a value that rounds to zero has none."""
    rounded = round(number, decimals)
    text = format_number(abs(rounded), language, decimals)
    if rounded == 0:
        return text
    return ("+" if plus else "") + text if rounded > 0 else f"−{text}"


def format_change(value: object, language: str, *, percent: bool, texts: ComparisonTexts,
                  decimals: int | None = None) -> str:
    """``+5,4 %-yks.`` / ``−0,25 points``: a signed change with its unit; hidden marker when missing."""
    if value is None or bool(pd.isna(value)):  # type: ignore[arg-type]
        return HIDDEN_MARKER
    number = float(value) * (100 if percent else 1)  # type: ignore[arg-type]
    unit = texts.unit_pp if percent else texts.unit_points
    places = _decimals(percent) if decimals is None else decimals
    return f"{_signed(number, language, places, plus=True)}\u00a0{unit}"


def _value(value: object, language: str, percent: bool) -> str:
    return format_percent(value, language) if percent else format_decimal(value, language)


def _interval(low: object, high: object, language: str, percent: bool) -> str:
    return format_interval(low, high, language, percent=percent)


def _change_interval(low: object, high: object, language: str, percent: bool) -> str:
    if low is None or high is None or pd.isna(low) or pd.isna(high):  # type: ignore[call-overload]
        return ""
    scale = 100 if percent else 1
    # a true minus sign, as in the change itself (a hyphen reads as a dash between the ends)
    return " … ".join(_signed(float(v) * scale, language, _decimals(percent), plus=False)  # type: ignore[arg-type]
                      for v in (low, high))


def _value_n(row: Mapping[str, Any], side: str, language: str, percent: bool) -> str:
    return f"{_value(row[side], language, percent)} ({count_text(row[f'{side}_n'], language)})"


def _note(row: Mapping[str, Any], texts: ComparisonTexts) -> str:
    note = row["note"]
    if note == "only_later":
        return texts.only_later
    if note == "only_earlier":
        return texts.only_earlier
    if note == "hidden":
        return texts.hidden_side
    return ""


def build_wave_pair_figure(
    frame: pd.DataFrame,
    language: str,
    *,
    groups: Sequence[str],
    labels: Mapping[str, str],
    texts: ComparisonTexts,
    percent: bool,
    value_range: Sequence[float] | None = None,
) -> go.Figure:
    """Each group's earlier and later value (dots with 95 % whiskers) and the change beside them.

    ``frame`` is ``analysis.comparison.comparison_frame`` (rows in ``groups`` order are drawn
    top to bottom). A side hidden by the gate (or a group that did not exist in that wave)
    shows the hidden marker; the change is written only where both sides are shown.
    """
    rows = {str(r["group"]): r for r in frame.to_dict("records")}
    missing = [g for g in groups if g not in rows]
    if missing:
        raise ValueError(f"group(s) {missing} not in the comparison")
    traces: list[dict[str, Any]] = []
    offsets = {"earlier": -0.17, "later": 0.17}
    for side, wave in (("earlier", texts.earlier_wave), ("later", texts.later_wave)):
        shown = [i for i, g in enumerate(groups) if rows[g][f"{side}_shown"]]
        hidden = [i for i, g in enumerate(groups) if not rows[g][f"{side}_shown"]]
        values = [float(rows[groups[i]][side]) for i in shown]
        lows = [float(rows[groups[i]][f"{side}_low"]) for i in shown]
        highs = [float(rows[groups[i]][f"{side}_high"]) for i in shown]
        traces.append({
            "type": "scatter", "mode": "markers", "name": str(wave), "meta": side,
            "x": values, "y": [i + offsets[side] for i in shown],
            "marker": {"color": wave_colour(wave), "size": 12, "symbol": "circle"},
            "error_x": {"type": "data", "symmetric": False,
                        "array": [0 if math.isnan(h) else h - v for h, v in zip(highs, values, strict=True)],
                        "arrayminus": [0 if math.isnan(lo) else v - lo for lo, v in zip(lows, values, strict=True)],
                        "color": wave_colour(wave), "thickness": 2, "width": 5},
            "customdata": [[labels[groups[i]], count_text(rows[groups[i]][f"{side}_n"], language),
                            _value(v, language, percent), _interval(lo, hi, language, percent)]
                           for i, v, lo, hi in zip(shown, values, lows, highs, strict=True)],
            "hovertemplate": f"%{{customdata[0]}} · {wave}: %{{customdata[2]}} (%{{customdata[3]}}; "
                             f"n = %{{customdata[1]}})<extra></extra>",
        })
        if hidden:
            start = value_range[0] if value_range is not None else 0.0
            marker = hidden_marker_trace([start] * len(hidden), [i + offsets[side] for i in hidden],
                                         [f"{labels[groups[i]]} · {wave}" for i in hidden])
            marker["meta"] = f"hidden {side}"
            marker["name"] = f"hidden {side}"
            marker["textfont"] = {**marker["textfont"], "size": MIN_FONT_SIZE + 4}
            traces.append(marker)
    change_text = []
    for group in groups:
        row = rows[group]
        if pd.isna(row["change"]):
            # wrapped: the note must fit the right margin (and a slide's narrower image)
            change_text.append(wrap(_note(row, texts), NOTE_WRAP) or HIDDEN_MARKER)
        else:
            change_text.append(f"{format_change(row['change'], language, percent=percent, texts=texts)} "
                               f"({_change_interval(row['change_low'], row['change_high'], language, percent)})")
    traces.append({
        "type": "scatter", "mode": "text", "name": "change", "meta": "change", "x": [1.02] * len(groups),
        "y": list(range(len(groups))), "xaxis": "x", "yaxis": "y", "text": change_text,
        "textposition": "middle right", "textfont": {"size": MIN_FONT_SIZE, "color": TEXT_COLOUR},
        "cliponaxis": False, "showlegend": False, "hoverinfo": "skip",
    })
    if value_range is None:
        value_range = [0.0, 1.0] if percent else [1.0, 5.0]
    span = float(value_range[1]) - float(value_range[0])
    traces[-1]["x"] = [float(value_range[1]) + span * 0.02] * len(groups)
    lines = title_lines(texts.base)
    top = 100 + 26 * lines
    height = top + 120 + 58 * max(len(groups), 2)
    layout = base_layout(language, texts.base, height=height, top=top, right=260)
    axis_extra: dict[str, Any] = {}
    if percent:
        ticks = [round(i * 0.2, 1) for i in range(6)]
        axis_extra = {"tickmode": "array", "tickvals": ticks,
                      "ticktext": [format_percent(v, language) for v in ticks]}
    title = texts.base.share_axis if percent else texts.base.mean_axis
    layout.update({
        "showlegend": True,
        "legend": {**_LEGEND, "font": dict(_LEGEND["font"])},
        "yaxis": row_axis([wrap(labels[g]) for g in groups]),
        "xaxis": value_axis(title, [float(value_range[0]) - span * 0.03, float(value_range[1]) + span * 0.02],
                            **axis_extra),
    })
    for trace in traces:
        if str(trace.get("meta", "")).startswith("hidden") or trace.get("meta") == "change":
            trace["showlegend"] = False
    return new_figure(traces, layout)


def build_wave_pair_table(
    frame: pd.DataFrame,
    language: str,
    *,
    groups: Sequence[str],
    labels: Mapping[str, str],
    texts: ComparisonTexts,
    percent: bool,
) -> pd.DataFrame:
    """The table behind :func:`build_wave_pair_figure`: per group each wave's n, value, interval
    and the change with its 95 % interval (hidden marker where a side is not shown)."""
    rows = {str(r["group"]): r for r in frame.to_dict("records")}
    base = texts.base
    out: dict[str, list[str]] = {base.group_header: [labels[g] for g in groups]}
    measure = base.mean_header if not percent else base.share_header
    for side, wave in (("earlier", texts.earlier_wave), ("later", texts.later_wave)):
        # value and interval in one cell: the text alternative reads the rightmost number column
        value_header = f"{wave}: {measure} ({base.interval_header})"
        out[f"{wave}: n"] = []
        out[value_header] = []
        for group in groups:
            row = rows[group]
            shown = bool(row[f"{side}_shown"])
            out[f"{wave}: n"].append(count_text(row[f"{side}_n"], language) if shown else HIDDEN_MARKER)
            out[value_header].append(
                f"{_value(row[side], language, percent)} "
                f"({_interval(row[f'{side}_low'], row[f'{side}_high'], language, percent)})" if shown
                else HIDDEN_MARKER)
    out[texts.change_header] = [format_change(rows[g]["change"], language, percent=percent, texts=texts)
                                for g in groups]
    out[f"{texts.change_header}: {base.interval_header}"] = [
        _change_interval(rows[g]["change_low"], rows[g]["change_high"], language, percent) or HIDDEN_MARKER
        for g in groups]
    notes = [_note(rows[g], texts) for g in groups]
    if any(notes):
        # why a change is missing (group new, or hidden in a wave) is its comparability: a real
        # header, since a spreadsheet column needs a name
        out[texts.flag_header] = notes
    return pd.DataFrame(out)


def build_change_ranking_figure(
    frame: pd.DataFrame,
    language: str,
    *,
    item_labels: Sequence[str],
    texts: ComparisonTexts,
    percent: bool,
) -> go.Figure:
    """A forest plot: one row per item (rank order), the raw change with its 95 % interval.

    Filled markers are changes the Benjamini–Hochberg procedure supports; hollow grey ones
    are not supported (could be chance among the items compared). The composition-adjusted
    change is an open diamond on the same row. ``frame`` is ``analysis.comparison.ranking_frame``
    restricted to one unit.
    """
    if len(item_labels) != len(frame):
        raise ValueError("one label per item is needed")
    scale = 100.0 if percent else 1.0
    records = frame.to_dict("records")
    traces: list[dict[str, Any]] = []
    for supported in (True, False):
        part = [i for i, r in enumerate(records) if bool(r["supported"]) == supported]
        if not part:
            continue
        colour = TEXT_COLOUR if supported else HIDDEN_COLOUR
        values = [float(records[i]["change"]) * scale for i in part]
        traces.append({
            "type": "scatter", "mode": "markers", "meta": "supported" if supported else "not_supported",
            "name": texts.supported if supported else texts.not_supported,
            "x": values, "y": part,
            "marker": {"color": colour, "size": 12, "symbol": SUPPORTED_SYMBOL if supported else UNSUPPORTED_SYMBOL,
                       "line": {"width": 2, "color": colour}},
            "error_x": {"type": "data", "symmetric": False,
                        "array": [float(records[i]["change_high"]) * scale - v for i, v in zip(part, values,
                                                                                                strict=True)],
                        "arrayminus": [v - float(records[i]["change_low"]) * scale for i, v in zip(part, values,
                                                                                                    strict=True)],
                        "color": colour, "thickness": 2, "width": 5},
            "customdata": [[item_labels[i], format_change(records[i]["change"], language, percent=percent,
                                                          texts=texts),
                            _change_interval(records[i]["change_low"], records[i]["change_high"], language,
                                             percent)] for i in part],
            "hovertemplate": "%{customdata[0]}<br>%{customdata[1]} (%{customdata[2]})<extra></extra>",
        })
    adjusted = [i for i, r in enumerate(records) if not pd.isna(r["adjusted_change"])]
    if adjusted:
        traces.append({
            "type": "scatter", "mode": "markers", "meta": "adjusted", "name": texts.adjusted_legend,
            "x": [float(records[i]["adjusted_change"]) * scale for i in adjusted], "y": adjusted,
            "marker": {"color": ADJUSTED_COLOUR, "size": 11, "symbol": ADJUSTED_SYMBOL,
                       "line": {"width": 2}},
            "customdata": [[item_labels[i], format_change(records[i]["adjusted_change"], language,
                                                          percent=percent, texts=texts)] for i in adjusted],
            "hovertemplate": f"%{{customdata[0]}}<br>{texts.adjusted_header}: %{{customdata[1]}}<extra></extra>",
        })
    labels_text = [
        f"{format_change(r['change'], language, percent=percent, texts=texts)}"
        f"{'' if r['supported'] else ' ' + NOT_SUPPORTED_MARK}" for r in records]
    ends = [max(float(r["change_high"]), float(r["adjusted_change"]) if not pd.isna(r["adjusted_change"])
                else -math.inf) * scale for r in records]
    lows = [min(float(r["change_low"]), float(r["adjusted_change"]) if not pd.isna(r["adjusted_change"])
                else math.inf) * scale for r in records]
    extent = max([abs(v) for v in [*ends, *lows]] + [1.0 if percent else 0.2])
    lines = title_lines(texts.base)
    # Long item labels leave the legend the plot's narrow width: its entries stack, one row each.
    # The top margin holds them all, so the legend never grows up over the subtitle.
    legend_rows = sum(1 for trace in traces if trace.get("showlegend", True) is not False)
    top = 110 + 26 * lines + LEGEND_ROW_PIXELS * max(0, legend_rows - 1)
    layout = base_layout(language, texts.base, height=top + 120 + 46 * max(len(records), 2), top=top, right=190)
    # The change of each row, written right of the plot (annotations: never clipped by the axis range).
    layout["annotations"] = [*layout["annotations"], *[
        {"text": text, "xref": "paper", "yref": "y", "x": 1.0, "y": i, "xanchor": "left", "xshift": 8,
         "showarrow": False, "font": {"size": MIN_FONT_SIZE, "color": TEXT_COLOUR}}
        for i, text in enumerate(labels_text)]]
    layout.update({
        "showlegend": True,
        "legend": {**_LEGEND, "font": dict(_LEGEND["font"])},
        "yaxis": row_axis([wrap(label, 56, max_lines=2) for label in item_labels]),
        "xaxis": value_axis(texts.change_axis_pp if percent else texts.change_axis_points,
                            [-extent * 1.1, extent * 1.1], zeroline=True, zerolinecolor=TEXT_COLOUR,
                            zerolinewidth=2, gridcolor=GRID_COLOUR),
    })
    return new_figure(traces, layout)


def build_change_ranking_table(
    frame: pd.DataFrame,
    language: str,
    *,
    item_labels: Sequence[str],
    flag_labels: Sequence[str],
    texts: ComparisonTexts,
    percent: bool,
) -> pd.DataFrame:
    """The table behind :func:`build_change_ranking_figure`, one row per item in rank order."""
    base = texts.base
    records = frame.to_dict("records")
    earlier, later = texts.earlier_wave, texts.later_wave
    measure = base.share_header if percent else base.mean_header
    out: dict[str, list[str]] = {
        texts.item_header: list(item_labels),
        f"{earlier}: {measure} (n)": [_value_n(r, "earlier", language, percent) for r in records],
        f"{later}: {measure} (n)": [_value_n(r, "later", language, percent) for r in records],
        texts.change_header: [format_change(r["change"], language, percent=percent, texts=texts) for r in records],
        base.interval_header: [_change_interval(r["change_low"], r["change_high"], language, percent)
                               for r in records],
        texts.supported_header: [f"{SUPPORTED_MARK} {texts.supported}" if r["supported"]
                                 else f"{NOT_SUPPORTED_MARK} {texts.not_supported}" for r in records],
        texts.adjusted_header: [
            HIDDEN_MARKER if pd.isna(r["adjusted_change"]) else
            f"{format_change(r['adjusted_change'], language, percent=percent, texts=texts)} "
            f"({_change_interval(r['adjusted_low'], r['adjusted_high'], language, percent)}); "
            f"{texts.coverage_header.lower()} {format_percent(r['coverage_later'], language)} / "
            f"{format_percent(r['coverage_earlier'], language)}" for r in records],
        texts.flag_header: list(flag_labels),
    }
    return pd.DataFrame(out)
