"""Pure pandas analysis of the survey: aggregation in the order and shape the pages need.

Never imports Streamlit or SQLAlchemy; inputs are the frames of ``data_access`` read functions.
"""

from analysis.composition import (
    ALL_RESPONDENTS,
    DIMENSIONS,
    NOT_ANSWERED,
    REFERENCE_LISTS,
    RELEASED_COLUMNS,
    SKIPPABLE_DIMENSIONS,
    derive_groupings,
    hide_small_groups,
    summarise_composition,
    summarise_waves,
)

__all__ = [
    "ALL_RESPONDENTS",
    "DIMENSIONS",
    "NOT_ANSWERED",
    "REFERENCE_LISTS",
    "RELEASED_COLUMNS",
    "SKIPPABLE_DIMENSIONS",
    "derive_groupings",
    "hide_small_groups",
    "summarise_composition",
    "summarise_waves",
]
