"""Figures shaped for a 16:9 slide: the slide's aspect, readable type, and long charts split.

Why: an exported figure is as tall as its rows need (19 areas × 2 waves is 1 400 px), but a
slide's chart box is about 2.5 times wider than tall. Shrinking a tall image into it leaves
5 px labels; a short one fills only the top half. Here every slide image is rendered at the
box's own aspect and at a width where the figures' smallest type (14 px) stays at least 12 pt
on the slide, and a chart with more rows than fit at that size is split into consecutive row
windows, one slide each. The windows only narrow what is drawn: every point, label and
annotation of a slide is one the page released.

All charts of the dashboard draw their rows on a numeric y axis ``0 … n-1`` with a reversed
range (``charts._results_common.row_axis`` and its kin); that shape is what :func:`row_count`
recognises. A figure without it (a grade distribution) is never split.
"""

from __future__ import annotations

import copy
import math
import re
from dataclasses import dataclass
from typing import Any

import plotly.graph_objects as go

#: The chart box of a slide, in inches (13.333 × 7.5 slide; title and caption above, note and
#: footer below).
BOX_LEFT_IN = 0.5
BOX_TOP_IN = 1.6
BOX_WIDTH_IN = 12.333
BOX_HEIGHT_IN = 5.0
#: Width of the slide image in CSS pixels: 14 px type (the charts' minimum) is then
#: 14 × 12.333 × 72 / 1000 ≈ 12.4 pt on the slide.
SLIDE_IMAGE_WIDTH = 1000
#: Height of the slide image in CSS pixels: the box's aspect (≈ 405 px).
SLIDE_IMAGE_HEIGHT = round(SLIDE_IMAGE_WIDTH * BOX_HEIGHT_IN / BOX_WIDTH_IN)
#: The least height of one row on a slide image (two lines of 15 px labels, or two wave dots).
MIN_ROW_PIXELS = 40
#: Top and bottom margins of a slide figure: the title and note are slide text, not figure text.
SLIDE_TOP_CUT = 80
MIN_TOP = 50
SLIDE_BOTTOM = 70

_ROW_AXIS = re.compile(r"^yaxis(\d*)$")
#: Keys of a heatmap that run along its rows (its ``x`` runs along the columns).
_HEATMAP_ROW_KEYS = ("y", "z", "text", "customdata", "hovertext")


def points_per_pixel(image_width: int = SLIDE_IMAGE_WIDTH) -> float:
    """Points on the slide per CSS pixel of the slide image."""
    return BOX_WIDTH_IN * 72 / image_width


@dataclass(frozen=True)
class SlidePart:
    """One slide's figure and the rows (``start`` inclusive, ``stop`` exclusive) it shows."""

    figure: go.Figure
    start: int
    stop: int
    part: int
    parts: int


def _row_axes(layout: dict[str, Any]) -> dict[str, int]:
    """Trace-side names (``y``, ``y2`` …) of the layout's row axes, with their row count."""
    axes: dict[str, int] = {}
    for key, axis in layout.items():
        match = _ROW_AXIS.match(key)
        if match is None or not isinstance(axis, dict):
            continue
        ticks, bounds = axis.get("tickvals"), axis.get("range")
        if not isinstance(ticks, list | tuple) or not isinstance(bounds, list | tuple) or len(bounds) != 2:
            continue
        rows = len(ticks)
        if rows and list(ticks) == list(range(rows)) and bounds[0] > bounds[1] and \
                math.isclose(float(bounds[0]), rows - 0.5) and math.isclose(float(bounds[1]), -0.5):
            axes[f"y{match.group(1)}"] = rows
    return axes


def row_count(figure: go.Figure) -> int | None:
    """How many rows the figure draws (``None`` when it has no row axis and cannot be split)."""
    axes = _row_axes(figure.to_plotly_json()["layout"])
    return max(axes.values()) if axes else None


def slide_layout(figure: go.Figure) -> go.Figure:
    """A copy for a slide: no title, subtitle or hover; slide margins; the slide image's size.

    The slide carries the title, base line and note as text; the figure's own top margin held
    the title, so most of it is given back (legends above the plot keep their room).
    """
    framed = go.Figure(figure)
    margin = framed.layout.margin
    top = margin.t if margin.t is not None else 100
    bottom = margin.b if margin.b is not None else 80
    framed.update_layout(title={"text": "", "subtitle": {"text": ""}}, hovermode=False,
                         margin={"t": max(MIN_TOP, top - SLIDE_TOP_CUT), "b": min(bottom, SLIDE_BOTTOM)},
                         height=SLIDE_IMAGE_HEIGHT, width=SLIDE_IMAGE_WIDTH)
    return framed


def rows_per_height(figure: go.Figure, height: int, min_row_pixels: int = MIN_ROW_PIXELS) -> int:
    """How many rows fit a figure of ``height`` px at ``min_row_pixels`` each (at least one)."""
    rows = row_count(figure) or 1
    margin = figure.layout.margin
    plot = height - (margin.t or 0) - (margin.b or 0)
    return max(1, min(rows, plot // min_row_pixels))


def _slice(value: Any, keep: list[int], length: int, *, skip: frozenset[str] = frozenset()) -> Any:
    """Every list of ``length`` items inside ``value`` cut down to the ``keep`` positions."""
    if isinstance(value, list | tuple) and len(value) == length:
        return [value[i] for i in keep]
    if isinstance(value, dict):
        return {k: (v if k in skip else _slice(v, keep, length)) for k, v in value.items()}
    return value


def _window_trace(trace: dict[str, Any], axes: dict[str, int], low: float, high: float) -> dict[str, Any]:
    if trace.get("yaxis", "y") not in axes:
        return trace
    ys = trace.get("y")
    if not isinstance(ys, list | tuple) or not all(isinstance(y, int | float) for y in ys):
        return trace
    keep = [i for i, y in enumerate(ys) if low <= float(y) < high]
    length = len(ys)
    if trace.get("type") == "heatmap":
        return {k: (_slice(v, keep, length) if k in _HEATMAP_ROW_KEYS else v) for k, v in trace.items()}
    windowed = {k: _slice(v, keep, length, skip=frozenset({"colorscale"})) for k, v in trace.items()}
    if not keep and trace.get("showlegend") is not False:
        # No point in this window: one empty point keeps the trace's legend entry (the legend
        # explains every slide of the chart alike), and draws nothing.
        windowed.update(x=[None], y=[None], text=None, customdata=None, error_x={"visible": False})
    return windowed


def _inside(item: dict[str, Any], axes: dict[str, int], low: float, high: float) -> bool:
    """Whether an annotation or shape on a row axis lies in the window (others always stay)."""
    if item.get("yref", "paper") not in axes:
        return True
    if "y" in item:
        return bool(low <= float(item["y"]) < high)
    middle = (float(item.get("y0", 0)) + float(item.get("y1", 0))) / 2
    return bool(low <= middle < high)


def window_rows(figure: go.Figure, start: int, stop: int) -> go.Figure:
    """The figure showing only rows ``start … stop-1`` of its row axes (points, labels, shapes)."""
    data = figure.to_plotly_json()
    layout = copy.deepcopy(data["layout"])
    axes = _row_axes(layout)
    low, high = start - 0.5, stop - 0.5
    for name in axes:
        layout[f"yaxis{name[1:]}"]["range"] = [high, low]
    layout["annotations"] = [a for a in layout.get("annotations", []) if _inside(a, axes, low, high)]
    layout["shapes"] = [s for s in layout.get("shapes", []) if _inside(s, axes, low, high)]
    traces = [_window_trace(copy.deepcopy(trace), axes, low, high) for trace in data["data"]]
    return go.Figure({"data": traces, "layout": layout})


def split_rows(figure: go.Figure, *, height: int, min_row_pixels: int) -> list[SlidePart]:
    """``figure`` at ``height`` px, cut into row windows of at least ``min_row_pixels`` per row.

    Rows are shared out evenly (19 rows at 6 per part: 5, 5, 5, 4), in the page's order. A
    figure without a row axis is one part.
    """
    sized = go.Figure(figure)
    sized.update_layout(height=height)
    rows = row_count(sized)
    if rows is None:
        return [SlidePart(sized, 0, 0, 1, 1)]
    parts = math.ceil(rows / rows_per_height(sized, height, min_row_pixels))
    if parts == 1:
        return [SlidePart(sized, 0, rows, 1, 1)]
    size, extra = divmod(rows, parts)
    out: list[SlidePart] = []
    start = 0
    for index in range(parts):
        stop = start + size + (1 if index < extra else 0)
        out.append(SlidePart(window_rows(sized, start, stop), start, stop, index + 1, parts))
        start = stop
    return out


def split_for_slides(figure: go.Figure) -> list[SlidePart]:
    """The figure as one or more slide figures, each at the slide image's size and aspect."""
    return split_rows(slide_layout(figure), height=SLIDE_IMAGE_HEIGHT, min_row_pixels=MIN_ROW_PIXELS)
