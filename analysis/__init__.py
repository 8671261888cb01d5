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
    totals_from_released,
)

__all__ = [
    "ALL_RESPONDENTS",
    "DIMENSIONS",
    "NOT_ANSWERED",
    "REFERENCE_LISTS",
    "RELEASED_COLUMNS",
    "composition_from_released",
    "totals_from_released",
]
