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

import dataclasses
import datetime as dt
import re
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass

import plotly.graph_objects as go
import streamlit as st

import exports
from ui.data import get_settings
from ui.i18n import Translator
from ui.view_state import current_params

_CHARTS_KEY = "exports_page_charts"
_TAGS = re.compile(r"<[^>]+>")

__all__ = [
    "ExportFormat",
    "FORMATS",
    "chart_title",
    "chart_file_name",
    "deck_file_name",
    "footer_lines",
    "mark_focus_hidden",
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


def mark_focus_hidden(key: str) -> None:
    """Mark chart ``key`` of this run as one whose own group is hidden (My region's area).

    Its slide would show only markers beside the reference rows, so the deck leaves it out.
    """
    charts: list[tuple[str, exports.ChartExport]] = st.session_state.get(_CHARTS_KEY, [])
    for position, (known, chart) in enumerate(charts):
        if known == key:
            charts[position] = (known, dataclasses.replace(chart, focus_hidden=True))


def _figure_subtitle(figure: go.Figure) -> str:
    return " ".join(_TAGS.sub(" ", (figure.layout.title.subtitle.text or "").replace("<br>", " ")).split())


def _file_maker(chart: exports.ChartExport, extension: str, language: str,
                footer: tuple[str, str]) -> Callable[[], bytes]:
    """The callable that makes one file when its button is clicked (never during a rerun).

    No part of the view is written twice: an image's footer leaves out what its subtitle
    already says, a table's footer what its caption line says.
    """
    if extension in ("png", "svg"):
        image_footer = exports.compose_footer(*footer, leave_out=_figure_subtitle(chart.figure))
        if extension == "png":
            return lambda: exports.figure_to_png(chart.figure, image_footer)
        return lambda: exports.figure_to_svg(chart.figure, image_footer)
    lines = (footer[0], exports.compose_footer(footer[1], leave_out=chart.caption))
    if extension == "csv":
        return lambda: exports.table_to_csv(chart.table, language, title=chart.title,
                                            footer_lines=(chart.caption, chart.note, *lines))
    return lambda: exports.table_to_xlsx(chart.table, language, title=chart.title, caption=chart.caption,
                                         footer_lines=(chart.note, *lines))


_NOT_SLUG = re.compile(r"[^a-z0-9]+")
#: View parameters in file names, in this order (``lang`` and ``present`` are not the view).
_NAME_PARAMS = ("q", "section", "wave", "sector", "org", "ely", "survey_lang", "by", "measure", "option")
_NAME_LIMIT = 120


def ascii_slug(text: str) -> str:
    """``Mitt område`` -> ``mitt-omrade``: lower-case ASCII letters, digits and hyphens only."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    return _NOT_SLUG.sub("-", folded).strip("-")


def view_slug(params: Mapping[str, str], *, known: str = "") -> str:
    """The view in a file name: question, wave, filters and breakdown (``2023-ely-uusimaa-by-sector``).

    A value already in ``known`` (the chart key holds the question on My region) is not repeated.
    """
    parts: list[str] = []
    others = sorted(set(params) - set(_NAME_PARAMS) - {"lang", "present"})
    for name in (*_NAME_PARAMS, *others):
        value = ascii_slug(str(params.get(name, "")))
        if not value or (name in ("q", "section") and value in known):
            continue
        parts.append(value if name in ("q", "section", "wave") else f"{ascii_slug(name)}-{value}")
    return "-".join(parts)


def _trim(name: str) -> str:
    return name[:_NAME_LIMIT].rstrip("-")


def chart_file_name(key: str, params: Mapping[str, str], extension: str) -> str:
    """``kumppanuusbaro-explorer-programme-useful-2023-by-ely.png``: page, chart, question and view."""
    stem = file_stem(key)
    view = view_slug(params, known=stem)
    return f"{_trim(f'{stem}-{view}' if view else stem)}.{extension}"


def deck_file_name(page_title: str, params: Mapping[str, str], date: dt.date) -> str:
    """``kumppanuusbaro-oma-alue-2023-ely-kainuu-2026-11-25.pptx``: page, view and the day."""
    parts = [part for part in ("kumppanuusbaro", ascii_slug(page_title), view_slug(params)) if part]
    return f"{_trim('-'.join(parts))}-{date.isoformat()}.pptx"


def file_stem(key: str) -> str:
    """``kumppanuusbaro-<chart key>`` (the key names the page and the chart)."""
    return f"kumppanuusbaro-{ascii_slug(key)}"


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
    params = current_params()
    expander.caption(t("export.help"))
    row = expander.container(horizontal=True, gap="small", key=f"{key}_downloads")
    for fmt in FORMATS:
        row.download_button(
            t(f"export.{fmt.extension}"), _file_maker(chart, fmt.extension, language, footer),
            file_name=chart_file_name(key, params, fmt.extension), mime=fmt.mime,
            key=f"{key}_download_{fmt.extension}",
            on_click="ignore", icon="⬇️",
        )


def _deck_maker(t: Translator, page_title: str, charts: list[exports.ChartExport]) -> Callable[[], bytes]:
    kept = [chart for chart in charts if not exports.releases_nothing(chart)]
    omitted = len(charts) - len(kept)
    first_caption = kept[0].caption if kept else ""
    footer = footer_lines(t, "")
    k = get_settings().min_group_size
    title = exports.DeckTitle(
        title=t("app.name"), subtitle=page_title,
        details=(first_caption, t("export.protection", k=k), t("export.created", date=dt.date.today().isoformat())),
        omitted=t("export.deck_omitted_one") if omitted == 1 else t("export.deck_omitted", count=omitted),
    )
    return lambda: exports.build_deck(title, charts, footer=exports.compose_footer(*footer))


def deck_label(t: Translator, count: int) -> str:
    """The deck button's label, with "1 chart" / "3 charts" in each language."""
    return t("export.deck_one") if count == 1 else t("export.deck", count=count)


def render_deck_download(t: Translator, page_title: str, container: object | None = None) -> None:
    """"Download this view as PowerPoint", when the page drew a chart that releases a number.

    The label counts the charts the deck holds (charts that release nothing are left out).
    """
    charts = [chart for _, chart in page_charts()]
    kept = [chart for chart in charts if not exports.releases_nothing(chart)]
    if not kept:
        return
    target = container if container is not None else st
    target.download_button(  # type: ignore[attr-defined]
        deck_label(t, len(kept)), _deck_maker(t, page_title, charts),
        file_name=deck_file_name(page_title, current_params(), dt.date.today()), mime=exports.PPTX_MIME,
        key="page_download_pptx", on_click="ignore", icon="📽️",
    )
