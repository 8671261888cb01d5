"""What the results charts share: answer and group colours, texts, number formats, layout.

Why one place: a category keeps its colour on every chart (strongly agree is always the same
blue, "don't know" always the hatched grey), the whole country is always dark grey and the group
it is compared with always blue, and every chart speaks the page's language through the texts
it is given. All colours come from the Okabe–Ito set of ``charts/_palette.py``.
"""

from __future__ import annotations

import math
import textwrap
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd

from charts._format import HIDDEN_MARKER, format_number, plotly_separators
from charts._palette import (
    BACKGROUND_COLOUR,
    FONT_FAMILY,
    GRID_COLOUR,
    HIDDEN_COLOUR,
    MIN_FONT_SIZE,
    OKABE_ITO,
    TEXT_COLOUR,
)

#: Colour of each answer of a 5-point scale, by value: orange side disagrees, blue side agrees.
#: Neighbours differ in hue and lightness, so the order reads without colour vision too.
SCALE5_COLOURS: dict[int, str] = {
    1: OKABE_ITO["vermillion"],
    2: OKABE_ITO["orange"],
    3: "#C8C8C8",
    4: OKABE_ITO["sky_blue"],
    5: OKABE_ITO["blue"],
}
#: Segment text colour per value (contrast at least 4.5:1 against the segment).
SCALE5_TEXT_COLOURS: dict[int, str] = {1: "#000000", 2: "#000000", 3: "#000000", 4: "#000000", 5: "#FFFFFF"}
#: "Don't know" is a hatched mid grey wherever it appears.
DONT_KNOW_COLOUR = "#8C8C8C"
DONT_KNOW_PATTERN = "/"
#: The grade distribution and single choice / multi-select bars of one group.
CHOICE_COLOUR = OKABE_ITO["blue"]
#: A compared group (an area, a breakdown group) and the reference (the whole country / all).
GROUP_COLOUR = OKABE_ITO["blue"]
TOTAL_COLOUR = "#3B3B3B"
#: Heatmap: difference from the total, orange below, sky blue above (black text reads on both).
HEATMAP_SCALE: list[list[Any]] = [[0.0, OKABE_ITO["orange"]], [0.5, "#FFFFFF"], [1.0, OKABE_ITO["sky_blue"]]]
#: Heatmap cells the gate hides: a light grey ground with the hidden marker.
HEATMAP_HIDDEN_COLOUR = "#E6E6E6"

#: Marks of a difference that the 95 % intervals show (higher / lower than the reference).
MARK_HIGHER = "▲"
MARK_LOWER = "▼"

TITLE_WRAP = 80
LABEL_WRAP = 34
_NBSP = "\u00a0"
_THIN_GAP = "\u2002"


@dataclass(frozen=True)
class ChartTexts:
    """Every text a results chart or its table shows, in the page's language.

    ``title`` names the question; ``subtitle`` is the caption line (base n, wave, filter,
    hidden groups); ``hidden_note`` explains the hidden marker and is drawn under the chart.
    """

    title: str
    subtitle: str
    hidden_note: str
    group_header: str
    n_header: str
    answer_header: str
    share_axis: str
    share_header: str
    interval_header: str
    count_header: str
    mean_axis: str
    mean_header: str
    dont_know: str
    positive_header: str
    difference_header: str
    higher: str
    lower: str


def format_percent(share: object, language: str, decimals: int = 0) -> str:
    """A share (0–1) as a percentage: ``42 %`` in fi and sv, ``42%`` in en; hidden as the marker."""
    if share is None or bool(pd.isna(share)):
        return HIDDEN_MARKER
    number = format_number(float(share) * 100, language, decimals)  # type: ignore[arg-type]
    return f"{number}{_NBSP}%" if language in ("fi", "sv") else f"{number}%"


def format_decimal(value: object, language: str, decimals: int = 1) -> str:
    """A mean or another decimal with the language's decimal mark."""
    return format_number(value, language, decimals)


def format_interval(low: object, high: object, language: str, *, percent: bool = False, decimals: int = 1) -> str:
    """``3,6–4,0`` or ``35–49 %``; an empty string when there is no interval."""
    if low is None or high is None or pd.isna(low) or pd.isna(high):
        return ""
    if percent:
        low_text = format_number(float(low) * 100, language, 0)  # type: ignore[arg-type]
        return f"{low_text}–{format_percent(high, language)}"
    return f"{format_decimal(low, language, decimals)}–{format_decimal(high, language, decimals)}"


def mark_symbol(mark: str | None) -> str:
    """▲ / ▼ for a difference the intervals show, nothing otherwise."""
    return {"higher": MARK_HIGHER, "lower": MARK_LOWER}.get(mark or "", "")


def mark_text(mark: str | None, texts: ChartTexts) -> str:
    """The table's words for a difference (``▲ higher``), empty when none is shown."""
    if mark == "higher":
        return f"{MARK_HIGHER} {texts.higher}"
    if mark == "lower":
        return f"{MARK_LOWER} {texts.lower}"
    return ""


def wrap(text: str, width: int = LABEL_WRAP, max_lines: int | None = None) -> str:
    """Break a label onto lines with ``<br>`` (Plotly wraps nothing by itself)."""
    lines = textwrap.wrap(text, width) or [text]
    if max_lines is not None and len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = lines[-1].rstrip(" ,.;:") + "…"
    return "<br>".join(lines)


def count_text(n: object, language: str) -> str:
    return format_number(n, language, 0)


def group_label(label: str, n: object, language: str, texts: ChartTexts, hidden: bool) -> str:
    """A row label with its n: ``Uusimaa (n = 108)``; a hidden group shows its name only."""
    if hidden or n is None or pd.isna(n):
        return label
    return f"{label} ({texts.n_header}{_NBSP}={_NBSP}{count_text(n, language)})"


def is_missing(value: object) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value)) or bool(pd.isna(value))


def base_layout(language: str, texts: ChartTexts, *, height: int, top: int = 130, bottom: int = 90,
                left: int = 40, right: int = 30) -> dict[str, Any]:
    """The layout every results chart starts from: fonts ≥ 14 px, title and caption.

    The template comes from :func:`charts._template.new_figure`, which every builder starts from
    (setting it here would validate the whole template again for each figure: 7-19 ms).
    """
    return {
        "separators": plotly_separators(language),
        "title": {
            "text": wrap(texts.title, TITLE_WRAP, max_lines=3),
            "x": 0,
            "xanchor": "left",
            "xref": "container",
            # Plotly anchors a multi-line title by its middle line: move it down per extra line.
            "y": 1 - (10 + 14 * (title_lines(texts) - 1)) / height,
            "yref": "container",
            "yanchor": "top",
            "pad": {"l": 4},
            "font": {"size": MIN_FONT_SIZE + 5},
            "subtitle": {"text": texts.subtitle, "font": {"size": MIN_FONT_SIZE, "color": HIDDEN_COLOUR}},
        },
        "font": {"family": FONT_FAMILY, "size": MIN_FONT_SIZE + 1, "color": TEXT_COLOUR},
        "paper_bgcolor": BACKGROUND_COLOUR,
        "plot_bgcolor": BACKGROUND_COLOUR,
        "height": height,
        "margin": {"l": left, "r": right, "t": top, "b": bottom},
        "hoverlabel": {"font": {"size": MIN_FONT_SIZE}},
        "showlegend": False,
        "annotations": [hidden_note_annotation(texts.hidden_note)],
        # Text that would have to shrink under the minimum size is left out (the table has it).
        "uniformtext": {"minsize": MIN_FONT_SIZE, "mode": "hide"},
    }


def title_lines(texts: ChartTexts) -> int:
    return wrap(texts.title, TITLE_WRAP, max_lines=3).count("<br>") + 1


def hidden_note_annotation(note: str) -> dict[str, Any]:
    """The hidden marker's explanation under the plot, so exported images carry it."""
    return {
        "text": note, "xref": "paper", "yref": "paper", "x": 0, "y": 0, "yshift": -58,
        "xanchor": "left", "yanchor": "top", "showarrow": False,
        "font": {"size": MIN_FONT_SIZE, "color": HIDDEN_COLOUR},
    }


def row_axis(labels: Sequence[str], *, domain: Sequence[float] = (0.0, 1.0)) -> dict[str, Any]:
    """A categorical axis drawn as numbers 0..n-1, first row on top (so markers can sit beside bars)."""
    return {
        "tickmode": "array",
        "tickvals": list(range(len(labels))),
        "ticktext": list(labels),
        "range": [len(labels) - 0.5, -0.5],
        "showgrid": False,
        "zeroline": False,
        "tickfont": {"size": MIN_FONT_SIZE + 1},
        "ticklabelstandoff": 6,
        "automargin": True,
        "fixedrange": True,
        "domain": list(domain),
    }


def value_axis(title: str, value_range: Sequence[float], **extra: Any) -> dict[str, Any]:
    axis: dict[str, Any] = {
        "title": {"text": title, "font": {"size": MIN_FONT_SIZE}},
        "range": list(value_range),
        "gridcolor": GRID_COLOUR,
        "zeroline": False,
        "tickfont": {"size": MIN_FONT_SIZE},
        "fixedrange": True,
        "automargin": True,
    }
    axis.update(extra)
    return axis


def percent_axis_ticks(language: str, largest: float) -> dict[str, Any]:
    """Ticks every 10 or 20 points up to ``largest``, written as the language writes percentages."""
    step = 0.1 if largest <= 0.6 else 0.2
    count = int(largest / step + 1e-9) + 1
    values = [round(i * step, 2) for i in range(count)]
    return {"tickmode": "array", "tickvals": values, "ticktext": [format_percent(v, language) for v in values]}


def percent_ticks(language: str, values: Sequence[float]) -> dict[str, Any]:
    """Tick values as shares, their text as percentages of the absolute value (a diverging axis)."""
    return {"tickmode": "array", "tickvals": list(values),
            "ticktext": [format_percent(abs(v), language) for v in values]}


def value_labels_trace(x: Sequence[float], y: Sequence[float], text: Sequence[str], *, name: str = "values",
                       xaxis: str = "x", yaxis: str = "y") -> dict[str, Any]:
    """Direct labels written just right of ``x`` (the end of a bar's whisker), never on top of it."""
    return {
        "type": "scatter", "mode": "text", "name": name, "meta": name, "x": list(x), "y": list(y),
        "xaxis": xaxis, "yaxis": yaxis, "text": [_THIN_GAP + t for t in text], "textposition": "middle right",
        "textfont": {"size": MIN_FONT_SIZE, "color": TEXT_COLOUR}, "cliponaxis": False, "showlegend": False,
        "hoverinfo": "skip",
    }


def hidden_marker_trace(x: Sequence[float], y: Sequence[float], labels: Sequence[str], *,
                        xaxis: str = "x", yaxis: str = "y") -> dict[str, Any]:
    """The one public marker of hidden groups, drawn where their bar would start (never a zero bar)."""
    return {
        "type": "scatter", "mode": "text", "name": "hidden", "meta": "hidden",
        "x": list(x), "y": list(y), "xaxis": xaxis, "yaxis": yaxis,
        "text": [_THIN_GAP + HIDDEN_MARKER] * len(x), "textposition": "middle right",
        "textfont": {"size": MIN_FONT_SIZE + 10, "color": HIDDEN_COLOUR},
        "cliponaxis": False, "showlegend": False,
        "customdata": list(labels), "hovertemplate": f"%{{customdata}}: {HIDDEN_MARKER}<extra></extra>",
    }


def index_distribution(distribution: pd.DataFrame) -> dict[str, dict[str, dict[str, Any]]]:
    """Group id -> option code -> row of a distribution frame, in one pass (builders look up a lot)."""
    index: dict[str, dict[str, dict[str, Any]]] = {}
    for record in distribution.to_dict("records"):
        index.setdefault(str(record["group"]), {})[str(record["option"])] = record
    return index


def labels_for(groups: Sequence[str], labels: Mapping[str, str]) -> list[str]:
    missing = [g for g in groups if g not in labels]
    if missing:
        raise ValueError(f"no label for group(s) {missing}")
    return [labels[g] for g in groups]


def row_height(rows: int, per_row: int = 44, minimum: int = 1) -> int:
    return per_row * max(rows, minimum)
