"""Pure Plotly figure builders and the one palette of the dashboard.

Builders return ``plotly.graph_objects`` figures (and the tables behind them) and never call
Streamlit; pages render them, tests read ``fig.data``.
"""

from charts._composition import (
    HIDDEN_TRACE_NAME,
    TEMPLATE,
    build_composition_figure,
    build_composition_table,
)
from charts._format import HIDDEN_MARKER, format_count, format_number, plotly_separators
from charts._palette import (
    HIDDEN_COLOUR,
    MIN_FONT_SIZE,
    OKABE_ITO,
    TEXT_COLOUR,
    WAVE_COLOURS,
    wave_colour,
)
from charts._themes import (
    KEY_TERM_COLOUR,
    build_key_terms_figure,
    build_key_terms_table,
    build_theme_share_figure,
    build_theme_share_table,
)

__all__ = [
    "HIDDEN_COLOUR",
    "HIDDEN_MARKER",
    "HIDDEN_TRACE_NAME",
    "KEY_TERM_COLOUR",
    "MIN_FONT_SIZE",
    "OKABE_ITO",
    "TEMPLATE",
    "TEXT_COLOUR",
    "WAVE_COLOURS",
    "build_composition_figure",
    "build_composition_table",
    "build_key_terms_figure",
    "build_key_terms_table",
    "build_theme_share_figure",
    "build_theme_share_table",
    "format_count",
    "format_number",
    "plotly_separators",
    "wave_colour",
]
