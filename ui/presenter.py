"""Presenter mode: one chart at a time, large, without the app's chrome (``?present=1``).

Why: results are shown on a shared screen in meetings. The view is frozen (the sidebar with its
filters is hidden; the view is written out as one line of text), a "protected results" note is
always visible, the arrow keys move between the page's charts (Streamlit's own button
shortcuts), and the chart is drawn static, so no hover label can show anything beyond the
released numbers printed on it.

The page still runs in full (its widgets keep their state), inside a container that presenter
mode hides; the render helpers only collect the charts (``ui.downloads.register_chart``), and
:func:`render_stage` draws the current one after the page has run.
"""

from __future__ import annotations

from typing import Any

import plotly.graph_objects as go
import streamlit as st

import exports
from ui.i18n import Translator

PRESENT_PARAM = "present"
#: Key of the container the page runs in while presenting (hidden by the presenter style).
PAGE_CONTAINER_KEY = "presenter_page"
STAGE_KEY = "presenter_stage"
INDEX_KEY = "presenter_index"
TOGGLE_KEY = "sidebar_present"
#: How much larger chart text and height are on the stage.
STAGE_SCALE = 1.3
#: The tallest chart on the stage: a 1600×900 screen shows it between the view line and the
#: navigation buttons. Taller charts continue in row windows.
STAGE_MAX_HEIGHT = 600
#: Height of a figure's subtitle line, given back when the stage drops it.
SUBTITLE_PIXELS = 24
#: The least height of a row on the stage before the scale (as on slides).
STAGE_MIN_ROW_PIXELS = exports.MIN_ROW_PIXELS

__all__ = [
    "PAGE_CONTAINER_KEY",
    "PRESENT_PARAM",
    "apply_presenter_chrome",
    "is_presenting",
    "render_presenter_toggle",
    "render_stage",
    "scale_figure",
    "stage_parts",
    "stage_steps",
]

# Hides the sidebar, its toggle and the header/toolbar, and the page's own elements; makes type
# large. Streamlit gives a keyed container the class ``st-key-<key>``.
_STYLE = f"""
<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stExpandSidebarButton"],
header[data-testid="stHeader"], [data-testid="stToolbar"], [data-testid="stDecoration"],
.st-key-{PAGE_CONTAINER_KEY} {{ display: none !important; }}
.st-key-{STAGE_KEY} {{ font-size: 1.5rem; }}
.st-key-{STAGE_KEY} p {{ font-size: 1.5rem; line-height: 1.45; }}
.st-key-{STAGE_KEY} h1 {{ font-size: 2.4rem; }}
[data-testid="stMainBlockContainer"] {{ padding-top: 1.5rem; max-width: 100%; }}
</style>
"""


def is_presenting() -> bool:
    """Whether this run presents (``?present=1`` in the URL, set by the link or the toggle)."""
    return st.query_params.get(PRESENT_PARAM) == "1"


def _set_presenting(on: bool) -> None:
    if on:
        st.query_params[PRESENT_PARAM] = "1"
        st.session_state[INDEX_KEY] = 0
    elif PRESENT_PARAM in st.query_params:
        del st.query_params[PRESENT_PARAM]


def _on_toggle() -> None:
    _set_presenting(bool(st.session_state[TOGGLE_KEY]))


def render_presenter_toggle(t: Translator, container: Any) -> None:
    """The sidebar switch into presenter mode (the link ``?present=1`` does the same)."""
    st.session_state[TOGGLE_KEY] = is_presenting()
    container.toggle(t("present.toggle"), key=TOGGLE_KEY, on_change=_on_toggle, help=t("present.toggle_help"))


def apply_presenter_chrome() -> None:
    """The presenter style: no sidebar, header or page elements; large type."""
    st.html(_STYLE)


def _walk_fonts(node: Any, factor: float) -> None:
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "size" and isinstance(value, int | float) and not isinstance(value, bool):
                node[key] = round(value * factor, 1)
            else:
                _walk_fonts(value, factor)
    elif isinstance(node, list):
        for item in node:
            _walk_fonts(item, factor)


def scale_figure(figure: go.Figure, factor: float = STAGE_SCALE, *, max_height: int = STAGE_MAX_HEIGHT) -> go.Figure:
    """A copy of ``figure`` for the stage: type and the room around the plot scaled, hover off.

    Fonts and markers grow by ``factor``, and so do the margins, the shifts of annotations
    written outside the plot, and the title's distance from the top: a legend or note that sat
    in the margin at 1× still sits there (not over the subtitle). The height is the scaled one,
    but never more than ``max_height`` (a 1600×900 screen shows the whole chart with its axis).
    The figure's subtitle is dropped: the stage's view line says the same.
    """
    data = figure.to_dict()  # plain dicts: the cached figure is never changed
    _walk_fonts(data, factor)  # font and marker sizes alike: everything reads from the back row
    layout = data.setdefault("layout", {})
    height = int(figure.layout.height or 500)
    margin = layout.setdefault("margin", {})
    for side, default in (("t", 100), ("b", 80), ("r", 80)):
        margin[side] = round(float(margin.get(side, default)) * factor)
    for annotation in layout.get("annotations", []):
        for shift in ("xshift", "yshift"):
            if isinstance(annotation.get(shift), int | float):
                annotation[shift] = round(annotation[shift] * factor)
    new_height = min(round(height * factor), max_height)
    title = layout.get("title")
    if isinstance(title, dict):
        if title.get("subtitle", {}).pop("text", None):
            margin["t"] = max(round(50 * factor), margin["t"] - round(SUBTITLE_PIXELS * factor))
        if title.get("yref") == "container" and isinstance(title.get("y"), int | float):
            title["y"] = 1 - (1 - float(title["y"])) * height * factor / new_height
    scaled = go.Figure(data)
    scaled.update_layout(height=new_height, hovermode=False)
    return scaled


def stage_parts(figure: go.Figure, factor: float = STAGE_SCALE) -> list[exports.SlidePart]:
    """The chart as one or more stage figures: a chart taller than the stage is shown in row
    windows (each readable at the stage's type size), one arrow press each."""
    scaled = scale_figure(figure, factor)
    natural = round(int(figure.layout.height or 500) * factor)
    if natural <= STAGE_MAX_HEIGHT:
        return [exports.SlidePart(scaled, 0, 0, 1, 1)]
    return exports.split_rows(scaled, height=STAGE_MAX_HEIGHT, min_row_pixels=round(STAGE_MIN_ROW_PIXELS * factor))


def stage_steps(charts: list[tuple[str, exports.ChartExport]]) -> list[tuple[str, exports.ChartExport,
                                                                             exports.SlidePart]]:
    """Every step of the stage in page order: each chart, or each row window of a tall one."""
    return [(key, chart, part) for key, chart in charts for part in stage_parts(chart.figure)]


def _move(step: int, count: int) -> None:
    st.session_state[INDEX_KEY] = max(0, min(count - 1, int(st.session_state.get(INDEX_KEY, 0)) + step))


def render_stage(t: Translator, page_title: str, charts: list[tuple[str, exports.ChartExport]]) -> None:
    """The current chart with its view line, summary and note, and the navigation buttons.

    The arrows move through :func:`stage_steps`: a chart too tall for the screen takes several.
    """
    stage = st.container(key=STAGE_KEY)
    steps = stage_steps(charts)
    count = len(steps)
    index = max(0, min(count - 1, int(st.session_state.get(INDEX_KEY, 0)))) if count else 0
    st.session_state[INDEX_KEY] = index
    with stage:
        st.markdown(f"**🔒 {t('present.protected_note')}**")
        if not steps:
            st.title(page_title)
            st.info(t("present.no_charts"), icon="ℹ️")
        else:
            key, chart, part = steps[index]
            position = t("present.position", current=[k for k, _ in charts].index(key) + 1, count=len(charts))
            suffix = f" ({part.part}/{part.parts})" if part.parts > 1 else ""
            st.markdown(f"{page_title} · {position}{suffix}")
            st.markdown(f"{t('present.view_line')}: {chart.caption}" if chart.caption else t("present.view_all"))
            st.plotly_chart(part.figure, theme=None, key=f"presenter_{key}_{part.part}_chart",
                            config={"staticPlot": True, "displayModeBar": False, "responsive": True})
            if chart.summary:
                st.markdown(chart.summary)  # the text alternative; the chart carries the note on "–"
        row = st.container(horizontal=True, gap="small")
        row.button(t("present.previous"), key="presenter_previous", shortcut="left", on_click=_move,
                   args=(-1, count), disabled=index <= 0, icon="◀️")
        row.button(t("present.next"), key="presenter_next", shortcut="right", on_click=_move, args=(1, count),
                   disabled=index >= count - 1, icon="▶️")
        row.button(t("present.exit"), key="presenter_exit", on_click=_set_presenting, args=(False,),
                   type="tertiary")
        st.caption(t("present.keys_hint"))
