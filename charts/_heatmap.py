"""Heatmap of scale items × the groups of one breakdown, coloured by the difference from the total.

Why colour the difference, not the value: the point of the page is spotting where a group
differs. Means of 1–5 and 1–10 items are put on one footing by dividing the difference by the
scale's span; "% agree" differences are in percentage points. Each cell still writes its own
value (and ▲/▼ where the 95 % intervals of group and total do not overlap). Cells the gate hides
are grey with the hidden marker, never coloured as "no difference". A marked difference is also
framed, so it shows where a narrow column has no room for the ▲/▼.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from charts._format import HIDDEN_MARKER
from charts._palette import GRID_COLOUR, HIDDEN_COLOUR, MIN_FONT_SIZE, TEXT_COLOUR
from charts._results_common import (
    HEATMAP_HIDDEN_COLOUR,
    HEATMAP_SCALE,
    ChartTexts,
    base_layout,
    format_decimal,
    format_percent,
    is_missing,
    mark_symbol,
    title_lines,
    wrap,
)
from charts._template import new_figure

_HAIR_SPACE = "\u200a"
#: More groups than this and the columns turn narrow (headers turned, marks as frames only).
MANY_GROUPS = 8
#: The colour scale saturates at this relative difference (a quarter of the scale, or 25 points).
COLOUR_LIMIT = 0.25
HEATMAP_TRACE = "heatmap"
CELL_TEXT_TRACE = "cell values"

__all__ = ["COLOUR_LIMIT", "build_heatmap_figure", "build_heatmap_table", "format_cell"]


def format_cell(value: object, hidden: bool, percent: bool, language: str, mark: str | None = None) -> str:
    """A cell's text: the value in the language's format (and ▲/▼), or the hidden marker."""
    if hidden:
        return HIDDEN_MARKER
    if is_missing(value):
        return ""
    text = format_percent(value, language) if percent else format_decimal(value, language)
    symbol = mark_symbol(mark)
    return f"{text}{_HAIR_SPACE}{symbol}" if symbol else text


def _matrix(frame: pd.DataFrame, items: Sequence[str], groups: Sequence[str]) -> dict[tuple[str, str], dict[str, Any]]:
    cells = {(str(r["question_id"]), str(r["group"])): r for r in frame.to_dict("records")}
    return {(i, g): cells.get((i, g), {"hidden": True, "value": None, "relative_difference": None, "mark": None})
            for i in items for g in groups}


def build_heatmap_figure(
    frame: pd.DataFrame,
    language: str,
    *,
    items: Sequence[str],
    groups: Sequence[str],
    item_labels: Mapping[str, str],
    group_labels: Mapping[str, str],
    percent: bool,
    texts: ChartTexts,
    colour_title: str,
) -> go.Figure:
    """Rows are items (``analysis.heatmap_frame`` question ids), columns groups (the total first).

    ``percent`` writes values as percentages ("% agree"), otherwise as means.
    """
    cells = _matrix(frame, items, groups)
    many = len(groups) > MANY_GROUPS
    frames: list[dict[str, Any]] = []
    z: list[list[float | None]] = []
    text_x: list[int] = []
    text_y: list[int] = []
    text: list[str] = []
    hover: list[str] = []
    for row, item in enumerate(items):
        z_row: list[float | None] = []
        for column, group in enumerate(groups):
            cell = cells[(item, group)]
            hidden = bool(cell["hidden"])
            value = None if hidden or is_missing(cell["relative_difference"]) else float(cell["relative_difference"])
            z_row.append(value)
            text_x.append(column)
            text_y.append(row)
            mark = cell.get("mark") if not hidden and cell.get("mark") in ("higher", "lower") else None
            # Narrow columns have no room for ▲/▼ beside the value: the frame alone marks it there.
            text.append(format_cell(cell["value"], hidden, percent, language, None if many else mark))
            hover.append(f"{group_labels[group]}<br>{wrap(item_labels[item], 60)}")
            if mark:
                frames.append({"type": "rect", "xref": "x", "yref": "y", "x0": column - 0.47, "x1": column + 0.47,
                               "y0": row - 0.45, "y1": row + 0.45, "line": {"color": TEXT_COLOUR, "width": 2},
                               "name": f"mark {mark}"})
        z.append(z_row)
    traces: list[dict[str, Any]] = [
        {
            "type": "heatmap", "name": HEATMAP_TRACE, "meta": HEATMAP_TRACE, "z": z,
            "x": list(range(len(groups))), "y": list(range(len(items))),
            "zmin": -COLOUR_LIMIT, "zmax": COLOUR_LIMIT, "zmid": 0, "colorscale": HEATMAP_SCALE,
            "xgap": 2, "ygap": 2, "hoverinfo": "skip",
            # A horizontal colour bar under the cells leaves the width to the groups.
            "colorbar": {"title": {"text": colour_title, "side": "top", "font": {"size": MIN_FONT_SIZE}},
                         "tickfont": {"size": MIN_FONT_SIZE}, "thickness": 12, "len": 0.35,
                         "orientation": "h", "x": 1, "xanchor": "right", "y": 0, "yanchor": "top",
                         "yref": "paper", "ypad": 30,
                         "tickvals": [-COLOUR_LIMIT, 0, COLOUR_LIMIT], "ticktext": ["−", "0", "+"]},
        },
        {
            "type": "scatter", "mode": "text", "name": CELL_TEXT_TRACE, "meta": CELL_TEXT_TRACE,
            "x": text_x, "y": text_y, "text": text, "customdata": hover,
            "textfont": {"size": MIN_FONT_SIZE, "color": TEXT_COLOUR},
            "hovertemplate": "%{customdata}: %{text}<extra></extra>", "showlegend": False,
        },
    ]
    lines = title_lines(texts)
    # Many groups: headers turn to save width, item labels wrap narrower onto three lines.
    header_wrap, item_wrap, item_lines = (40, 30, 3) if many else (14, 48, 2)
    top = (230 if many else 150) + 26 * lines
    height = top + 130 + (56 if many else 40) * max(len(items), 2)
    # Turned headers reach up and to the right of their column: leave room for the last ones.
    layout = base_layout(language, texts, height=height, top=top, bottom=120, right=100 if many else 10)
    layout.update({
        "plot_bgcolor": HEATMAP_HIDDEN_COLOUR,
        "xaxis": {"tickmode": "array", "tickvals": list(range(len(groups))),
                  "ticktext": [wrap(group_labels[g], header_wrap, max_lines=3) for g in groups],
                  "side": "top", "tickangle": -45 if many else 0, "tickfont": {"size": MIN_FONT_SIZE},
                  "showgrid": False,
                  "zeroline": False, "fixedrange": True, "range": [-0.5, len(groups) - 0.5], "automargin": True},
        "yaxis": {"tickmode": "array", "tickvals": list(range(len(items))),
                  "ticktext": [wrap(item_labels[i], item_wrap, max_lines=item_lines) for i in items],
                  "range": [len(items) - 0.5, -0.5], "showgrid": False, "zeroline": False,
                  "tickfont": {"size": MIN_FONT_SIZE}, "fixedrange": True, "automargin": True},
        "shapes": [{"type": "line", "xref": "x", "yref": "paper", "x0": 0.5, "x1": 0.5, "y0": 0, "y1": 1,
                    "line": {"color": GRID_COLOUR if len(groups) < 2 else TEXT_COLOUR, "width": 2}}, *frames],
    })
    layout["annotations"][0]["font"]["color"] = HIDDEN_COLOUR
    return new_figure(traces, layout)


def build_heatmap_table(
    frame: pd.DataFrame,
    language: str,
    *,
    items: Sequence[str],
    groups: Sequence[str],
    item_labels: Mapping[str, str],
    group_labels: Mapping[str, str],
    percent: bool,
    item_header: str,
) -> pd.DataFrame:
    """The table behind the heatmap: one row per item, one column per group, values as drawn."""
    cells = _matrix(frame, items, groups)
    out: dict[str, list[str]] = {item_header: [item_labels[i] for i in items]}
    for group in groups:
        out[group_labels[group]] = [
            format_cell(cells[(i, group)]["value"], bool(cells[(i, group)]["hidden"]), percent, language,
                        cells[(i, group)].get("mark"))
            for i in items
        ]
    return pd.DataFrame(out)
