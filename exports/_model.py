"""What one exported chart consists of, and the footer every export carries."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

#: The one public marker of a hidden number (as ``charts.HIDDEN_MARKER``; exports stay free of
#: the chart package's imports).
HIDDEN_MARKER = "–"
#: Joins the parts of a footer or caption line, as the page's captions do.
SEPARATOR = " · "


@dataclass(frozen=True)
class ChartExport:
    """One chart as the page shows it: already released and translated.

    ``table`` is the display table behind the chart (first column the row label, the others
    numbers written for the language, hidden cells as the public marker). ``caption`` gives the
    base, wave and filters; ``note`` explains the hidden marker; ``summary`` is the chart's
    one-sentence text alternative. ``focus_hidden`` says the view's own group (My region's
    area) is hidden, so the chart releases nothing the reader asked for: a deck leaves it out.
    """

    title: str
    caption: str
    note: str
    figure: go.Figure
    table: pd.DataFrame
    summary: str = ""
    focus_hidden: bool = False


def has_hidden_cell(table: pd.DataFrame, marker: str = HIDDEN_MARKER) -> bool:
    """Whether any number of the table (columns after the label) is the hidden marker."""
    return any(str(value).strip() == marker for column in table.columns[1:] for value in table[column])


def releases_nothing(chart: ChartExport, marker: str = HIDDEN_MARKER) -> bool:
    """Whether the chart shows no number of its own: its focus group is hidden, or every cell is.

    Such a chart is a slide of markers; a deck leaves it out and says so on its title slide.
    """
    if chart.focus_hidden:
        return True
    cells = [str(value).strip() for column in chart.table.columns[1:] for value in chart.table[column]]
    return not any(cell not in ("", marker, "nan") for cell in cells)


def compose_footer(*parts: str, leave_out: str = "") -> str:
    """One footer line from its non-empty parts (source, protection rule and k, filters, date).

    Each part may itself be joined with :data:`SEPARATOR`; a piece that appears twice, or that
    ``leave_out`` (say, the figure's own subtitle) already shows, is written once or not at all.
    """
    seen = {piece.strip() for piece in leave_out.split(SEPARATOR) if piece.strip()}
    pieces: list[str] = []
    for part in parts:
        for piece in (part or "").split(SEPARATOR):
            piece = piece.strip()
            if piece and piece not in seen:
                seen.add(piece)
                pieces.append(piece)
    return SEPARATOR.join(pieces)
