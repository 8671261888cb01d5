"""Pure pandas analysis of released (protected) tables: reshaping, intervals, comparisons.

Never imports Streamlit or SQLAlchemy.
"""

from analysis.composition import (
    ALL_RESPONDENTS,
    DIMENSIONS,
    NOT_ANSWERED,
    REFERENCE_LISTS,
    RELEASED_COLUMNS,
    composition_from_released,
    mark_absent_categories,
    totals_from_released,
)
from analysis.distributions import (
    MEASURE_MEAN,
    MEASURE_POSITIVE,
    MEASURES,
    SCALE_TYPES,
    TOTAL,
    distribution_frame,
    heatmap_frame,
    mark_mean_differences,
    mark_share_differences,
    order_groups,
    order_heatmap_groups,
    scale_bounds,
    summarise_groups,
)
from analysis.intervals import Interval, compare_intervals, mean_interval, wilson_interval
from analysis.region import AREA_DIMENSION, Alternative, AreaComparison, compare_area, releasing_alternatives

__all__ = [
    "AREA_DIMENSION",
    "Alternative",
    "AreaComparison",
    "Interval",
    "MEASURES",
    "MEASURE_MEAN",
    "MEASURE_POSITIVE",
    "SCALE_TYPES",
    "TOTAL",
    "compare_area",
    "compare_intervals",
    "distribution_frame",
    "heatmap_frame",
    "mark_mean_differences",
    "mark_share_differences",
    "mean_interval",
    "order_groups",
    "order_heatmap_groups",
    "releasing_alternatives",
    "scale_bounds",
    "summarise_groups",
    "wilson_interval",
    "ALL_RESPONDENTS",
    "DIMENSIONS",
    "NOT_ANSWERED",
    "REFERENCE_LISTS",
    "RELEASED_COLUMNS",
    "composition_from_released",
    "mark_absent_categories",
    "totals_from_released",
]
