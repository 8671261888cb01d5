"""Exports of what a page shows: chart images, the tables behind charts, and a PowerPoint deck.

Why a package of its own: results are reused in slides and reports, and every file must hold
exactly what the page released (hidden cells stay hidden). The functions here take the figure
and the display table that the page draws, never raw counts, so the anonymity gate has already
decided what may be shown. Pure Python (no Streamlit): pages reach it through ``ui.downloads``.
"""

from exports._deck import DeckTitle, build_deck
from exports._images import figure_to_png, figure_to_svg, start_image_server, with_footer
from exports._model import HIDDEN_MARKER, ChartExport, compose_footer, has_hidden_cell, releases_nothing
from exports._slides import (
    MIN_ROW_PIXELS,
    SLIDE_IMAGE_HEIGHT,
    SLIDE_IMAGE_WIDTH,
    SlidePart,
    row_count,
    split_for_slides,
    split_rows,
)
from exports._summary import SummaryTexts, summarise_table
from exports._tables import CSV_MIME, XLSX_MIME, table_to_csv, table_to_numbers, table_to_xlsx

PNG_MIME = "image/png"
SVG_MIME = "image/svg+xml"
PPTX_MIME = "application/vnd.openxmlformats-officedocument.presentationml.presentation"

__all__ = [
    "CSV_MIME",
    "HIDDEN_MARKER",
    "MIN_ROW_PIXELS",
    "PNG_MIME",
    "PPTX_MIME",
    "SLIDE_IMAGE_HEIGHT",
    "SLIDE_IMAGE_WIDTH",
    "SVG_MIME",
    "XLSX_MIME",
    "ChartExport",
    "DeckTitle",
    "SlidePart",
    "SummaryTexts",
    "build_deck",
    "compose_footer",
    "figure_to_png",
    "figure_to_svg",
    "has_hidden_cell",
    "releases_nothing",
    "row_count",
    "split_for_slides",
    "split_rows",
    "start_image_server",
    "summarise_table",
    "table_to_csv",
    "table_to_numbers",
    "table_to_xlsx",
    "with_footer",
]
