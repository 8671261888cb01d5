"""Themes of the open answers: shares by wave side by side, the table behind them, key terms.

Why shares of respondents on a 0-100 axis without a 100 % total: an answer can carry several
themes, so the bars of a wave do not add up to 100 %; the chart says so in its note.
"""

from __future__ import annotations

import html
import textwrap
from collections.abc import Callable

import pandas as pd
import plotly.graph_objects as go

from charts._composition import HIDDEN_TRACE_NAME
from charts._format import HIDDEN_MARKER, format_count, format_number, plotly_separators
from charts._palette import (
    BACKGROUND_COLOUR,
    FONT_FAMILY,
    GRID_COLOUR,
    HIDDEN_COLOUR,
    MIN_FONT_SIZE,
    OKABE_ITO,
    TEXT_COLOUR,
    wave_colour,
)
from charts._template import new_figure

#: Columns a labelled theme-share table needs (``analysis.themes`` plus ``label``).
REQUIRED_COLUMNS: tuple[str, ...] = ("category", "wave", "count", "share", "hidden", "label")
#: Colour of key-term bars: not a wave colour (key terms are of one wave, chosen apart).
KEY_TERM_COLOUR = OKABE_ITO["bluish_green"]

_GROUP_SPAN = 0.8
_BAR_PIXELS = 22
_ROW_PADDING_PIXELS = 16
_CHROME_PIXELS = 230
_TICK_LABEL_WIDTH = 34
_MARKER_GAP = "\u2002"

__all__ = ["KEY_TERM_COLOUR", "build_key_terms_figure", "build_key_terms_table", "build_theme_share_figure",
           "build_theme_share_table"]


def _format_percent(share: object, language: str) -> str:
    """A share (0-1) as a whole percentage the way ``language`` writes it, or the hidden marker."""
    if share is None or bool(pd.isna(share)):
        return HIDDEN_MARKER
    number = format_number(float(share) * 100, language)  # type: ignore[arg-type]
    return f"{number}%" if language == "en" else f"{number}\u00a0%"


def _wrap(label: str) -> str:
    return "<br>".join(html.escape(line) for line in textwrap.wrap(label, _TICK_LABEL_WIDTH)) or html.escape(label)


def _plain(text: str) -> str:
    """Text for Plotly labels: Plotly renders a few HTML tags (<a>, <b>, <br>), so escape them."""
    return html.escape(text)


def _check(table: pd.DataFrame) -> None:
    missing = [c for c in REQUIRED_COLUMNS if c not in table.columns]
    if missing:
        raise ValueError(f"theme table lacks column(s) {missing}; label it first")
    hidden = table["hidden"].astype(bool)
    if (table["share"].notna() & hidden).any() or (table["count"].notna() & hidden).any():
        raise ValueError("a hidden row still carries numbers; release the table first")
    if (table["share"].isna() & ~hidden & table["count"].notna() & (table["count"].fillna(0) > 0)).any():
        raise ValueError("a shown row with respondents has no share")


def _layout(fig: go.Figure, language: str, title: str, axis_title: str, note: str, rows: int,
            bars_per_row: int, x_range: float) -> None:
    fig.update_layout(
        separators=plotly_separators(language),
        title={"text": title, "x": 0, "xanchor": "left", "font": {"size": MIN_FONT_SIZE + 6}},
        font={"family": FONT_FAMILY, "size": MIN_FONT_SIZE + 1, "color": TEXT_COLOUR},
        paper_bgcolor=BACKGROUND_COLOUR,
        plot_bgcolor=BACKGROUND_COLOUR,
        height=_CHROME_PIXELS + (_BAR_PIXELS * bars_per_row + _ROW_PADDING_PIXELS) * max(rows, 1),
        margin={"l": 24, "r": 40, "t": 100, "b": 130},
        legend={"orientation": "h", "x": 0, "xanchor": "left", "y": 1.0, "yanchor": "bottom",
                "font": {"size": MIN_FONT_SIZE + 1}},
        hoverlabel={"font": {"size": MIN_FONT_SIZE}},
        xaxis={"title": {"text": axis_title, "font": {"size": MIN_FONT_SIZE + 1}}, "range": [0, x_range],
               "gridcolor": GRID_COLOUR, "zeroline": True, "zerolinecolor": TEXT_COLOUR,
               "tickfont": {"size": MIN_FONT_SIZE}, "fixedrange": True},
        yaxis={"tickmode": "array", "range": [rows - 0.5, -0.5], "showgrid": False,
               "tickfont": {"size": MIN_FONT_SIZE + 1}, "ticklabelstandoff": 10, "automargin": True,
               "fixedrange": True},
        annotations=[{"text": note, "xref": "paper", "yref": "paper", "x": 0, "y": 0, "yshift": -62,
                      "xanchor": "left", "yanchor": "top", "showarrow": False, "align": "left",
                      "font": {"size": MIN_FONT_SIZE, "color": HIDDEN_COLOUR}}],
    )


def build_theme_share_figure(
    table: pd.DataFrame,
    language: str,
    *,
    title: str,
    axis_title: str,
    legend_title: str,
    note: str,
) -> go.Figure:
    """Horizontal bars: share of respondents per theme, one bar per wave, hidden groups marked.

    ``table`` is ``analysis.theme_shares_from_released`` with a ``label`` column, rows in display
    order. ``note`` goes under the chart (so exported images carry it): it must say that shares
    can add up to more than 100 % and what the hidden marker means.
    """
    _check(table)
    categories = list(dict.fromkeys(table["category"].tolist()))
    labels = [str(table.loc[table["category"] == c, "label"].iloc[0]) for c in categories]
    waves = sorted(int(w) for w in table["wave"].unique())
    slot = _GROUP_SPAN / max(len(waves), 1)

    def position(category: object, wave: int) -> float:
        return categories.index(category) + (waves.index(wave) - (len(waves) - 1) / 2) * slot

    fig = new_figure()  # the template comes validated once, not per figure
    for wave in waves:
        rows = table[(table["wave"] == wave) & ~table["hidden"].astype(bool)]
        percent = [float(s) * 100 for s in rows["share"].fillna(0)]
        texts = [f"{_format_percent(s, language)} ({format_count(c, language)})"
                 for s, c in zip(rows["share"].fillna(0), rows["count"], strict=True)]
        fig.add_trace(go.Bar(
            name=str(wave), meta=wave, orientation="h", x=percent,
            y=[position(c, wave) for c in rows["category"]], width=slot * 0.9,
            marker={"color": wave_colour(wave), "line": {"width": 0}},
            text=texts, textposition="outside", textfont={"size": MIN_FONT_SIZE, "color": TEXT_COLOUR},
            cliponaxis=False, customdata=[_plain(str(label)) for label in rows["label"]],
            hovertemplate=f"%{{customdata}}<br>{wave}: %{{text}}<extra></extra>",
        ))
    hidden = table[table["hidden"].astype(bool)]
    fig.add_trace(go.Scatter(
        name=HIDDEN_TRACE_NAME, meta=HIDDEN_TRACE_NAME, mode="text", x=[0] * len(hidden),
        y=[position(c, int(w)) for c, w in zip(hidden["category"], hidden["wave"], strict=True)],
        text=[_MARKER_GAP + HIDDEN_MARKER] * len(hidden), textposition="middle right",
        textfont={"size": MIN_FONT_SIZE + 12, "color": HIDDEN_COLOUR}, cliponaxis=False, showlegend=False,
        customdata=[_plain(f"{label} {int(w)}") for label, w in zip(hidden["label"], hidden["wave"], strict=True)],
        hovertemplate=f"%{{customdata}}: {HIDDEN_MARKER}<extra></extra>",
    ))
    largest = float(table["share"].max()) * 100 if table["share"].notna().any() else 0.0
    _layout(fig, language, title, axis_title, note, len(categories), len(waves), max(largest * 1.3, 10.0))
    fig.update_layout(legend_title_text=legend_title)
    fig.update_yaxes(tickvals=list(range(len(categories))), ticktext=[_wrap(label) for label in labels])
    fig.update_xaxes(ticksuffix="%" if language == "en" else " %")
    return fig


def build_theme_share_table(
    table: pd.DataFrame,
    language: str,
    *,
    theme_header: str,
    share_header: Callable[[int], str],
    count_header: Callable[[int], str],
) -> pd.DataFrame:
    """The table behind the chart: one row per theme; per wave the share and the respondents."""
    _check(table)
    categories = list(dict.fromkeys(table["category"].tolist()))
    out = pd.DataFrame({theme_header: [str(table.loc[table["category"] == c, "label"].iloc[0])
                                       for c in categories]})
    for wave in sorted(int(w) for w in table["wave"].unique()):
        by_category = table[table["wave"] == wave].set_index("category")
        out[share_header(wave)] = [_format_percent(by_category["share"].get(c), language) for c in categories]
        out[count_header(wave)] = [format_count(by_category["count"].get(c), language) for c in categories]
    return out


def build_key_terms_figure(terms: pd.DataFrame, language: str, *, title: str, axis_title: str) -> go.Figure:
    """Horizontal bars of key terms by number of respondents, most used on top.

    ``terms`` has ``term`` and ``n_respondents`` (a released key-term table); a bar chart rather
    than a word cloud, because lengths are read more exactly than font sizes.
    """
    if not {"term", "n_respondents"} <= set(terms.columns):
        raise ValueError("key terms need the columns term and n_respondents")
    ordered = terms.sort_values(["n_respondents", "term"], ascending=[False, True]).reset_index(drop=True)
    counts = [int(n) for n in ordered["n_respondents"]]
    fig = new_figure([go.Bar(
        name=axis_title, orientation="h", x=counts, y=list(range(len(ordered))),
        marker={"color": KEY_TERM_COLOUR, "line": {"width": 0}}, width=0.7,
        text=[format_count(n, language) for n in counts], textposition="outside",
        textfont={"size": MIN_FONT_SIZE, "color": TEXT_COLOUR}, cliponaxis=False,
        customdata=[_plain(term) for term in ordered["term"]], hovertemplate="%{customdata}: %{text}<extra></extra>",
    )])
    _layout(fig, language, title, axis_title, "", len(ordered), 1, max(max(counts, default=0) * 1.15, 5))
    fig.update_layout(showlegend=False, margin={"b": 70})
    fig.update_yaxes(tickvals=list(range(len(ordered))), ticktext=[_plain(term) for term in ordered["term"]])
    return fig


def build_key_terms_table(terms: pd.DataFrame, language: str, *, term_header: str, count_header: str) -> pd.DataFrame:
    """The table behind the key-term chart, in the chart's order."""
    ordered = terms.sort_values(["n_respondents", "term"], ascending=[False, True])
    return pd.DataFrame({term_header: ordered["term"].astype(str).tolist(),
                         count_header: [format_count(n, language) for n in ordered["n_respondents"]]})
