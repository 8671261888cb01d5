"""Who answered: a horizontal bar chart per wave, and the table behind it.

Why positions are computed here instead of Plotly's ``barmode="group"``: a hidden group must be
marked exactly where its bar would be (not drawn as a zero bar), and a Plotly text trace can only
be offset beside grouped bars by placing every bar on a numeric axis ourselves.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable, Sequence

import pandas as pd
import plotly.graph_objects as go

from charts._format import HIDDEN_MARKER, format_count, plotly_separators
from charts._palette import (
    BACKGROUND_COLOUR,
    FONT_FAMILY,
    GRID_COLOUR,
    HIDDEN_COLOUR,
    MIN_FONT_SIZE,
    TEXT_COLOUR,
    wave_colour,
)
from charts._template import TEMPLATE, new_figure

__all__ = ["ABSENT_TRACE_NAME", "HIDDEN_TRACE_NAME", "REQUIRED_COLUMNS", "TEMPLATE", "build_composition_figure",
           "build_composition_table"]

#: Columns a labelled released table must have (``analysis.RELEASED_COLUMNS`` plus ``label``).
REQUIRED_COLUMNS: tuple[str, ...] = ("category", "wave", "count", "hidden", "label")
#: Name (and ``meta``) of the trace that marks hidden groups; tests and exports find it by it.
HIDDEN_TRACE_NAME = "hidden"
#: Name (and ``meta``) of the trace that marks a category that did not exist in a wave.
ABSENT_TRACE_NAME = "absent"

_GROUP_SPAN = 0.8  # share of one category's row that its bars fill
_BAR_PIXELS = 22  # height of one bar
_ROW_PADDING_PIXELS = 16
_CHROME_PIXELS = 210  # title, legend, axis and the note below
_TICK_LABEL_WIDTH = 30  # characters per line of a category label before it wraps
#: Keeps the hidden marker off the axis line, so it does not read as a tick mark.
_MARKER_GAP = "\u2002"


def _wrap(label: str) -> str:
    """Break a long category label onto lines (Plotly wraps nothing by itself)."""
    return "<br>".join(textwrap.wrap(label, _TICK_LABEL_WIDTH)) or label


def _check_table(table: pd.DataFrame) -> None:
    missing = [c for c in REQUIRED_COLUMNS if c not in table.columns]
    if missing:
        raise ValueError(f"composition table lacks column(s) {missing}; label it first")
    shown_without_count = table["count"].isna() & ~table["hidden"].astype(bool)
    if shown_without_count.any():
        raise ValueError("a row that is not hidden has no count")
    hidden_with_count = table["count"].notna() & table["hidden"].astype(bool)
    if hidden_with_count.any():
        raise ValueError("a hidden row still carries its count; release the table first")


def _ordered(values: pd.Series) -> list[object]:
    return list(dict.fromkeys(values.tolist()))


def build_composition_figure(
    table: pd.DataFrame,
    language: str,
    *,
    title: str,
    axis_title: str,
    legend_title: str,
    hidden_note: str,
    absent_text: str = "",
) -> go.Figure:
    """A horizontal bar per category and wave, counts written on the bars, hidden groups marked.

    Parameters
    ----------
    table
        A released composition (``analysis.hide_small_groups``) with a ``label`` column; its row
        order is the order of the categories from top to bottom.
    language
        ``fi``, ``sv`` or ``en``: decides the number separators.
    title, axis_title, legend_title, hidden_note
        Texts in ``language``; ``hidden_note`` explains the marker of hidden groups and is drawn
        under the chart, so an exported image carries it too.
    absent_text
        Written where a category did not exist in a wave (rows with ``absent``, from
        ``analysis.mark_absent_categories``) instead of the hidden marker.
    """
    _check_table(table)
    categories = _ordered(table["category"])
    labels = [str(table.loc[table["category"] == c, "label"].iloc[0]) for c in categories]
    waves = sorted(int(w) for w in table["wave"].unique())
    slot = _GROUP_SPAN / max(len(waves), 1)
    row_of = {category: i for i, category in enumerate(categories)}

    def position(category: object, wave: int) -> float:
        offset = (waves.index(wave) - (len(waves) - 1) / 2) * slot
        return row_of[category] + offset

    fig = new_figure()  # the template comes validated once, not per figure
    for wave in waves:
        rows = table[(table["wave"] == wave) & ~table["hidden"].astype(bool)]
        counts = [int(c) for c in rows["count"]]
        fig.add_trace(
            go.Bar(
                name=str(wave),
                meta=wave,
                orientation="h",
                x=counts,
                y=[position(c, wave) for c in rows["category"]],
                width=slot * 0.9,
                marker={"color": wave_colour(wave), "line": {"width": 0}},
                text=[format_count(c, language) for c in counts],
                textposition="outside",
                textfont={"size": MIN_FONT_SIZE, "color": TEXT_COLOUR},
                cliponaxis=False,
                customdata=rows["label"].tolist(),
                hovertemplate=f"%{{customdata}}<br>{wave}: %{{text}}<extra></extra>",
            )
        )
    absent_rows = _absent(table)
    hidden = table[table["hidden"].astype(bool) & ~absent_rows]
    absent = table[absent_rows]
    if len(absent):
        fig.add_trace(go.Scatter(
            name=ABSENT_TRACE_NAME, meta=ABSENT_TRACE_NAME, mode="text", x=[0] * len(absent),
            y=[position(c, int(w)) for c, w in zip(absent["category"], absent["wave"], strict=True)],
            text=[_MARKER_GAP + absent_text] * len(absent), textposition="middle right",
            textfont={"size": MIN_FONT_SIZE, "color": HIDDEN_COLOUR}, cliponaxis=False, showlegend=False,
            customdata=[f"{label} {int(w)}" for label, w in zip(absent["label"], absent["wave"], strict=True)],
            hovertemplate=f"%{{customdata}}: {absent_text}<extra></extra>",
        ))
    fig.add_trace(
        go.Scatter(
            name=HIDDEN_TRACE_NAME,
            meta=HIDDEN_TRACE_NAME,
            mode="text",
            x=[0] * len(hidden),
            y=[position(c, int(w)) for c, w in zip(hidden["category"], hidden["wave"], strict=True)],
            text=[_MARKER_GAP + HIDDEN_MARKER] * len(hidden),
            textposition="middle right",
            textfont={"size": MIN_FONT_SIZE + 12, "color": HIDDEN_COLOUR},
            cliponaxis=False,
            showlegend=False,
            customdata=[f"{label} {int(w)}" for label, w in zip(hidden["label"], hidden["wave"],
                                                               strict=True)],
            hovertemplate=f"%{{customdata}}: {HIDDEN_MARKER}<extra></extra>",
        )
    )
    shown_counts = table["count"].dropna()
    largest = int(shown_counts.max()) if len(shown_counts) else 0
    row_pixels = _BAR_PIXELS * len(waves) + _ROW_PADDING_PIXELS
    fig.update_layout(
        separators=plotly_separators(language),
        title={"text": title, "x": 0, "xanchor": "left", "font": {"size": MIN_FONT_SIZE + 6}},
        font={"family": FONT_FAMILY, "size": MIN_FONT_SIZE + 1, "color": TEXT_COLOUR},
        paper_bgcolor=BACKGROUND_COLOUR,
        plot_bgcolor=BACKGROUND_COLOUR,
        height=_CHROME_PIXELS + row_pixels * max(len(categories), 1),
        margin={"l": 24, "r": 30, "t": 100, "b": 110},
        legend={
            "title": {"text": legend_title},
            "orientation": "h",
            "x": 0,
            "xanchor": "left",
            "y": 1.0,
            "yanchor": "bottom",
            "traceorder": "normal",
            "font": {"size": MIN_FONT_SIZE + 1},
        },
        hoverlabel={"font": {"size": MIN_FONT_SIZE}},
        xaxis={
            "title": {"text": axis_title, "font": {"size": MIN_FONT_SIZE + 1}},
            "range": [0, max(largest, 5) * 1.15],
            "rangemode": "tozero",
            "gridcolor": GRID_COLOUR,
            "zeroline": True,
            "zerolinecolor": TEXT_COLOUR,
            "tickfont": {"size": MIN_FONT_SIZE},
            "fixedrange": True,
        },
        yaxis={
            "tickmode": "array",
            "tickvals": list(range(len(categories))),
            "ticktext": [_wrap(label) for label in labels],
            "range": [len(categories) - 0.5, -0.5],
            "showgrid": False,
            "tickfont": {"size": MIN_FONT_SIZE + 1},
            "ticklabelstandoff": 10,
            "automargin": True,
            "fixedrange": True,
        },
        annotations=[
            {
                "text": hidden_note,
                "xref": "paper",
                "yref": "paper",
                "x": 0,
                "y": 0,
                "yshift": -62,
                "xanchor": "left",
                "yanchor": "top",
                "showarrow": False,
                "font": {"size": MIN_FONT_SIZE, "color": HIDDEN_COLOUR},
            }
        ],
    )
    return fig


def _absent(table: pd.DataFrame) -> pd.Series:
    if "absent" not in table.columns:
        return pd.Series(False, index=table.index)
    return table["absent"].astype(bool) & table["hidden"].astype(bool)


def build_composition_table(
    table: pd.DataFrame,
    language: str,
    *,
    category_header: str,
    wave_header: Callable[[int], str],
    absent_text: str = "",
) -> pd.DataFrame:
    """The table behind the chart: one row per category, one text column per wave.

    Counts are written with the language's separators and hidden ones as
    :data:`charts.HIDDEN_MARKER`, exactly as on the bars; a category that did not exist in a wave
    shows ``absent_text``; ``wave_header(wave)`` names a column.
    """
    _check_table(table)
    categories = _ordered(table["category"])
    waves: Sequence[int] = sorted(int(w) for w in table["wave"].unique())
    out = pd.DataFrame(
        {category_header: [
            str(table.loc[table["category"] == c, "label"].iloc[0]) for c in categories
        ]}
    )
    absent = set(zip(table.loc[_absent(table), "category"], table.loc[_absent(table), "wave"].astype(int),
                     strict=True))
    for wave in waves:
        by_category = table[table["wave"] == wave].set_index("category")["count"]
        out[wave_header(wave)] = [
            absent_text if (c, wave) in absent else format_count(by_category.get(c), language) for c in categories
        ]
    return out
