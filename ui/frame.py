"""The frame every page runs inside: ``app.py`` marks it, pages check it.

Why: Streamlit treats a folder named ``pages/`` next to the entrypoint as a legacy
(auto-discovered) multipage app until ``st.navigation`` has run once in the server process. The
first script run after start-up then runs in that legacy mode: ``app.py`` runs as one of the
auto-discovered pages (its widgets lose their state on the next run), and a deep link such as
``/overview?lang=sv`` runs the page script alone, without ``app.py`` (no language switch, no
page config, the wrong language). :func:`leave_legacy_pages_mode` switches the mode off and
reruns, keeping the page and the query parameters, so every run is a normal ``st.navigation``
run. Renaming ``pages/`` would remove the cause.

The frame also owns what surrounds every page: the charts a page draws are collected during its
run, so afterwards the sidebar can offer the whole view as a PowerPoint deck, and presenter
mode (``?present=1``) can hide the page and show its charts one at a time (``ui.presenter``).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager

from config import Settings
from ui.data import get_settings
from ui.downloads import page_charts, render_deck_download, reset_page_charts
from ui.i18n import Translator, translator
from ui.language import current_language
from ui.presenter import (
    PAGE_CONTAINER_KEY,
    apply_presenter_chrome,
    is_presenting,
    render_presenter_toggle,
    render_stage,
)

ENTRYPOINT = "app.py"

# Contrast fixes for Streamlit's own widgets (WCAG 2.1 AA, 4.5:1 for text; found by axe-core in
# tests/browser/test_axe.py): captions are faded to 4.4:1 on the sidebar's grey, and the selected
# option of a segmented control is written in the primary blue on a light blue (4.1:1).
ACCESSIBLE_STYLE = """
<style>
[data-testid="stCaptionContainer"] { color: #57595C; opacity: 1; }
button[data-selected="true"] [data-testid="stMarkdownContainer"] p { color: #005A8C; }
</style>
"""
_FRAME_KEY = "frame_running"


def leave_legacy_pages_mode() -> None:
    """If this run is in Streamlit's legacy ``pages/`` mode, turn it off and rerun at once.

    Uses Streamlit's internal ``PagesManager.uses_pages_directory`` flag (the same one
    ``st.navigation`` clears); tests/app cover both legacy cases, so a Streamlit upgrade that
    changes it fails there.
    """
    if getattr(PagesManager, "uses_pages_directory", False):
        PagesManager.uses_pages_directory = False
        st.rerun()


@contextmanager
def frame_running(page_title: str = "") -> Iterator[None]:
    """Mark the page run as framed by ``app.py`` (``with ui.frame_running(page.title): page.run()``).

    Around the page: collect its charts; afterwards offer the deck and the presenter switch in
    the sidebar, or, when presenting, run the page hidden and draw the presenter stage instead.
    """
    st.session_state[_FRAME_KEY] = True
    st.html(ACCESSIBLE_STYLE)
    reset_page_charts()
    settings = get_settings()
    t = translator(current_language(settings.default_language))
    try:
        if is_presenting():
            apply_presenter_chrome()
            with st.container(key=PAGE_CONTAINER_KEY):
                yield
            render_stage(t, page_title or t("app.name"), page_charts())
        else:
            yield
            share = st.sidebar.container(key="sidebar_share")
            share.subheader(t("share.heading"))
            render_presenter_toggle(t, share)
            render_deck_download(t, page_title or t("app.name"), share)
    finally:
        st.session_state[_FRAME_KEY] = False


@dataclass(frozen=True)
class PageContext:
    """What every page needs first: the language, its translator and the settings."""

    language: str
    t: Translator
    settings: Settings


def start_page() -> PageContext:
    """The first call of every page: make sure the frame ran, then give the page its context."""
    if not st.session_state.get(_FRAME_KEY, False):
        leave_legacy_pages_mode()
        st.switch_page(ENTRYPOINT, query_params=st.query_params.to_dict())
    settings = get_settings()
    language = current_language(settings.default_language)
    return PageContext(language=language, t=translator(language), settings=settings)
