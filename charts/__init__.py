"""Pure Plotly figure builders and the one palette of the dashboard.

Builders return ``plotly.graph_objects`` figures (and the tables behind them) and never call
Streamlit; pages render them, tests read ``fig.data``.
"""

from charts._choice_charts import (
    build_group_share_figure,
    build_group_share_table,
    build_share_figure,
    build_share_table,
    sorted_options,
)
from charts._composition import (
    HIDDEN_TRACE_NAME,
    TEMPLATE,
    build_composition_figure,
    build_composition_table,
)
from charts._format import HIDDEN_MARKER, format_count, format_number, plotly_separators
from charts._heatmap import COLOUR_LIMIT, build_heatmap_figure, build_heatmap_table, format_cell
from charts._palette import (
    HIDDEN_COLOUR,
    MIN_FONT_SIZE,
    OKABE_ITO,
    TEXT_COLOUR,
    WAVE_COLOURS,
    wave_colour,
)
from charts._question_chart import (
    ChartFacts,
    QuestionChart,
    area_chart_facts,
    build_area_chart,
    build_question_chart,
    chart_facts,
    default_option,
)
from charts._results_common import (
    CHOICE_COLOUR,
    DONT_KNOW_COLOUR,
    GROUP_COLOUR,
    MARK_HIGHER,
    MARK_LOWER,
    SCALE5_COLOURS,
    TOTAL_COLOUR,
    ChartTexts,
    format_decimal,
    format_interval,
    format_percent,
)
from charts._scale_charts import (
    DONT_KNOW_TRACE,
    MEAN_TRACE,
    NEUTRAL_CENTRE_TRACE,
    build_agreement_figure,
    build_grade_distribution_figure,
    build_mean_figure,
    build_scale_table,
)
from charts._themes import (
    KEY_TERM_COLOUR,
    build_key_terms_figure,
    build_key_terms_table,
    build_theme_share_figure,
    build_theme_share_table,
)

__all__ = [
    "ChartFacts",
    "QuestionChart",
    "area_chart_facts",
    "build_area_chart",
    "build_question_chart",
    "chart_facts",
    "default_option",
    "CHOICE_COLOUR",
    "COLOUR_LIMIT",
    "DONT_KNOW_COLOUR",
    "DONT_KNOW_TRACE",
    "GROUP_COLOUR",
    "MARK_HIGHER",
    "MARK_LOWER",
    "MEAN_TRACE",
    "NEUTRAL_CENTRE_TRACE",
    "SCALE5_COLOURS",
    "TOTAL_COLOUR",
    "ChartTexts",
    "build_agreement_figure",
    "build_grade_distribution_figure",
    "build_group_share_figure",
    "build_group_share_table",
    "build_heatmap_figure",
    "build_heatmap_table",
    "build_mean_figure",
    "build_scale_table",
    "build_share_figure",
    "build_share_table",
    "format_cell",
    "format_decimal",
    "format_interval",
    "format_percent",
    "sorted_options",
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
