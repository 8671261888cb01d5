"""What one exported chart consists of, and the footer every export carries."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

#: Joins the parts of a footer or caption line, as the page's captions do.
SEPARATOR = " · "


@dataclass(frozen=True)
class ChartExport:
    """One chart as the page shows it: already released and translated.

    ``table`` is the display table behind the chart (first column the row label, the others
    numbers written for the language, hidden cells as the public marker). ``caption`` gives the
    base, wave and filters; ``note`` explains the hidden marker; ``summary`` is the chart's
    one-sentence text alternative.
    """

    title: str
    caption: str
    note: str
    figure: go.Figure
    table: pd.DataFrame
    summary: str = ""


def compose_footer(*parts: str) -> str:
    """One footer line from its non-empty parts (source, protection rule and k, filters, date)."""
    return SEPARATOR.join(part.strip() for part in parts if part and part.strip())
