"""Download buttons: every chart as PNG, SVG, CSV and XLSX, and the whole view as PowerPoint.

Why deferred: a PNG costs about 0.2 s of browser time and a deck about a second; a page rerun
must not pay that. ``st.download_button`` takes a callable here, which Streamlit runs only when
the button is clicked (on its own thread), so a rerun only registers the buttons. The callables
close over the figure and the display table the page drew, which came from the gate's released
tables: a file can hold nothing the page hides.

The charts of one page run are collected (``register_chart``) so the frame can offer the deck
after the page has run (``render_deck_download``) and presenter mode can show them one by one.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

import plotly.graph_objects as go
import streamlit as st

import exports
from ui.data import get_settings
from ui.i18n import Translator

_CHARTS_KEY = "exports_page_charts"
_TAGS = re.compile(r"<[^>]+>")

__all__ = [
    "ExportFormat",
    "FORMATS",
    "chart_title",
    "footer_lines",
    "page_charts",
    "register_chart",
    "downloads_key",
    "render_chart_downloads",
    "render_deck_download",
    "reset_page_charts",
]


@dataclass(frozen=True)
class ExportFormat:
    """One download of a chart: its file extension (also its label's catalogue key) and MIME type."""

    extension: str
    mime: str


FORMATS: tuple[ExportFormat, ...] = (
    ExportFormat("png", exports.PNG_MIME),
    ExportFormat("svg", exports.SVG_MIME),
    ExportFormat("csv", exports.CSV_MIME),
    ExportFormat("xlsx", exports.XLSX_MIME),
)


def chart_title(figure: go.Figure) -> str:
    """The figure's title as plain text (line breaks and tags of the wrapped title removed)."""
    text = figure.layout.title.text or ""
    return " ".join(_TAGS.sub(" ", text.replace("<br>", " ")).split())


def footer_lines(t: Translator, caption: str) -> tuple[str, str]:
    """The footer of every export: source and protection rule with k, then the view and date."""
    k = get_settings().min_group_size
    first = exports.compose_footer(t("export.source"), t("export.protection", k=k))
    second = exports.compose_footer(caption, t("export.created", date=dt.date.today().isoformat()))
    return first, second


def reset_page_charts() -> None:
    """Start a page run with no charts collected (the frame calls this before the page)."""
    st.session_state[_CHARTS_KEY] = []


def register_chart(chart: exports.ChartExport, key: str) -> int:
    """Collect a chart of this page run; returns its position (0-based) in the page."""
    charts: list[tuple[str, exports.ChartExport]] = st.session_state.setdefault(_CHARTS_KEY, [])
    charts.append((key, chart))
    return len(charts) - 1


def page_charts() -> list[tuple[str, exports.ChartExport]]:
    """``(key, chart)`` of every chart the current page run drew, in page order."""
    return list(st.session_state.get(_CHARTS_KEY, []))


def _file_maker(chart: exports.ChartExport, extension: str, language: str,
                footer: tuple[str, str]) -> Callable[[], bytes]:
    """The callable that makes one file when its button is clicked (never during a rerun)."""
    one_line = exports.compose_footer(*footer)
    if extension == "png":
        return lambda: exports.figure_to_png(chart.figure, one_line)
    if extension == "svg":
        return lambda: exports.figure_to_svg(chart.figure, one_line)
    lines = (chart.caption, chart.note, *footer)
    if extension == "csv":
        return lambda: exports.table_to_csv(chart.table, language, title=chart.title, footer_lines=lines)
    return lambda: exports.table_to_xlsx(chart.table, language, title=chart.title, caption=chart.caption,
                                         footer_lines=(chart.note, *footer))


def file_stem(key: str) -> str:
    return f"kumppanuusbaro-{key.replace('_', '-')}"


def downloads_key(key: str) -> str:
    """Session key of the expander holding chart ``key``'s downloads (tests open it with it)."""
    return f"{key}_exports"


def render_chart_downloads(t: Translator, language: str, chart: exports.ChartExport, *, key: str) -> None:
    """An expander with four download buttons for the chart (PNG, SVG, CSV, XLSX).

    The buttons are built only while the expander is open: four deferred buttons cost about
    0.7 ms per chart and rerun, a closed expander almost nothing (My region has a dozen charts).
    """
    expander = st.expander(t("export.expander"), key=downloads_key(key), on_change="rerun", icon="⬇️")
    if not expander.open:
        return
    footer = footer_lines(t, chart.caption)
    expander.caption(t("export.help"))
    row = expander.container(horizontal=True, gap="small", key=f"{key}_downloads")
    for fmt in FORMATS:
        row.download_button(
            t(f"export.{fmt.extension}"), _file_maker(chart, fmt.extension, language, footer),
            file_name=f"{file_stem(key)}.{fmt.extension}", mime=fmt.mime, key=f"{key}_download_{fmt.extension}",
            on_click="ignore", icon="⬇️",
        )


def _deck_maker(t: Translator, page_title: str, charts: list[exports.ChartExport]) -> Callable[[], bytes]:
    first_caption = charts[0].caption if charts else ""
    footer = footer_lines(t, "")
    k = get_settings().min_group_size
    title = exports.DeckTitle(
        title=t("app.name"), subtitle=page_title,
        details=(first_caption, t("export.protection", k=k), t("export.created", date=dt.date.today().isoformat())),
    )
    return lambda: exports.build_deck(title, charts, footer=exports.compose_footer(*footer))


def render_deck_download(t: Translator, page_title: str, container: object | None = None) -> None:
    """"Download this view as PowerPoint", when the page drew at least one chart."""
    charts = [chart for _, chart in page_charts()]
    if not charts:
        return
    target = container if container is not None else st
    target.download_button(  # type: ignore[attr-defined]
        t("export.deck", count=len(charts)), _deck_maker(t, page_title, charts),
        file_name=f"kumppanuusbaro-{dt.date.today().isoformat()}.pptx", mime=exports.PPTX_MIME,
        key="page_download_pptx", on_click="ignore", icon="📽️",
    )
