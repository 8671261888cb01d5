"""The frame every page runs inside: ``app.py`` marks it, pages check it.

Why: Streamlit treats a folder named ``pages/`` next to the entrypoint as a legacy
(auto-discovered) multipage app until ``st.navigation`` has run once in the server process. The
first request after start-up, if it is a deep link such as ``/overview?lang=sv``, then runs the
page script alone, without ``app.py``: no language switch, no page config, the wrong language.
A page that finds itself outside the frame hands over to ``app.py``, which registers the pages
and runs the default page inside the frame (keeping the query parameters).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import streamlit as st

from config import Settings
from ui.data import get_settings
from ui.i18n import Translator, translator
from ui.language import current_language

ENTRYPOINT = "app.py"
_FRAME_KEY = "frame_running"


@contextmanager
def frame_running() -> Iterator[None]:
    """Mark the page run as framed by ``app.py`` (``with ui.frame_running(): page.run()``)."""
    st.session_state[_FRAME_KEY] = True
    try:
        yield
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
        st.switch_page(ENTRYPOINT, query_params=st.query_params.to_dict())
    settings = get_settings()
    language = current_language(settings.default_language)
    return PageContext(language=language, t=translator(language), settings=settings)
