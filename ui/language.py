"""The UI language: chosen in the sidebar, kept in the URL as ``?lang=``.

Why the URL: a coordinator shares a link and the reader sees the same language. The URL wins
when it names a supported language (a shared link, a reload); the sidebar switch updates the URL
at once. An unknown ``lang`` value shows a short notice and falls back, never a traceback.
"""

from __future__ import annotations

import streamlit as st

from config.settings import SUPPORTED_LANGUAGES
from ui.i18n import translate

LANGUAGE_QUERY_PARAM = "lang"
#: Session key of the sidebar language switch (sidebar widgets are prefixed ``sidebar_``).
LANGUAGE_KEY = "sidebar_language"


def resolve_language(raw: str | None, fallback: str) -> tuple[str, bool]:
    """The language a ``?lang=`` value asks for, and whether it was recognised.

    A missing value is recognised (it asks for nothing); an unknown one falls back to
    ``fallback``. Case and surrounding blanks are forgiven (``?lang=SV`` is Swedish).
    """
    if raw is None:
        return fallback, True
    wanted = raw.strip().lower()
    if wanted in SUPPORTED_LANGUAGES:
        return wanted, True
    return fallback, False


def _write_language_to_url() -> None:
    st.query_params[LANGUAGE_QUERY_PARAM] = st.session_state[LANGUAGE_KEY]


def current_language(default_language: str = SUPPORTED_LANGUAGES[0]) -> str:
    """The language chosen in this session (pages call this; ``app.py`` sets it first)."""
    language = st.session_state.get(LANGUAGE_KEY, default_language)
    return language if language in SUPPORTED_LANGUAGES else default_language


def render_language_switch(default_language: str) -> str:
    """Draw the sidebar language switch, keep ``?lang=`` in step and return the language.

    Must run before ``st.navigation`` so that page titles are in the chosen language.
    """
    raw = st.query_params.get(LANGUAGE_QUERY_PARAM)
    fallback = current_language(default_language)
    wanted, recognised = resolve_language(raw, fallback)
    if wanted != st.session_state.get(LANGUAGE_KEY):
        # Before the widget exists in this run, so the URL's language becomes its value.
        st.session_state[LANGUAGE_KEY] = wanted
    st.sidebar.segmented_control(
        translate("language.switch_label", wanted),
        SUPPORTED_LANGUAGES,
        format_func=lambda code: translate(f"language.name.{code}", code),
        required=True,
        key=LANGUAGE_KEY,
        on_change=_write_language_to_url,
    )
    language = current_language(default_language)
    if raw != language:
        st.query_params[LANGUAGE_QUERY_PARAM] = language
    if not recognised:
        st.warning(translate("language.invalid_notice", language), icon="⚠️")
    return language
