"""Open answers for pages: cached coded data, gated quotes and key terms, labels, plain-text quotes.

Why here: the coded open answers (redacted texts and their groups) are read once per process
and shared; pages receive only what the text gate releases (``results.release_quotes`` and
``results.release_key_terms``), and quotes are drawn with ``st.text`` so that Markdown, HTML
and links in an answer stay inert.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TypeVar

import pandas as pd
import streamlit as st
from sqlalchemy.exc import SQLAlchemyError

import results
from anonymity import NOT_STATED, ReleasedTable, ReleaseError, View
from codebook import Reference
from results import OpenAnswerData, Quote, ReleasedKeyTerms, ReleasedQuotes, SurveySnapshot
from themes import UNCODED, ThemeCodebook, load_theme_codebook
from ui.data import QUERY_TTL_SECONDS, StoreUnavailableError, get_reference, get_session_factory, get_settings
from ui.i18n import Translator, translate

_LOG = logging.getLogger(__name__)
#: Languages the text pipeline detects in answers.
ANSWER_LANGUAGES: tuple[str, ...] = ("fi", "sv", "en")
_Released = TypeVar("_Released")

__all__ = [
    "ANSWER_LANGUAGES", "coded_waves", "default_term_language", "get_theme_codebook", "group_label",
    "label_themes", "open_questions", "refused_as_not_offered", "release_key_terms", "release_open_themes",
    "release_quotes", "render_quote",
    "require_open_answer_data", "view_options",
]


@st.cache_resource(show_spinner=False)
def get_theme_codebook() -> ThemeCodebook:
    """The theme codebook (labels and descriptions of the themes), parsed once per process."""
    return load_theme_codebook()


@st.cache_resource(ttl=QUERY_TTL_SECONDS, max_entries=4, show_spinner=False)
def _open_data_cached(database_url: str) -> OpenAnswerData:
    """Redacted coded answers, key terms and coding runs; read-only, shared by all sessions."""
    factory = get_session_factory(database_url)
    reference: Reference = get_reference()
    try:
        with factory() as session:
            return results.load_open_answer_data(session, reference)
    except SQLAlchemyError as exc:
        raise StoreUnavailableError(f"cannot read the coded answers: {type(exc).__name__}") from exc


def require_open_answer_data(t: Translator) -> OpenAnswerData:
    """The coded open answers, or the database error message and the end of the page run."""
    try:
        return _open_data_cached(get_settings().database_url)
    except StoreUnavailableError:
        _LOG.exception("coded open answers unavailable")
        st.error(t("error.database"), icon="🛑")
        st.stop()
        raise


def open_questions(snapshot: SurveySnapshot) -> list[str]:
    """Open questions with coded answers in some wave, in questionnaire order."""
    return results.answered_open_questions(snapshot)


def coded_waves(snapshot: SurveySnapshot, question_id: str) -> list[int]:
    return sorted(wave for wave, qid in snapshot.open_options if qid == question_id)


def view_options(snapshot: SurveySnapshot) -> list[tuple[str, str] | None]:
    """Whole population, then each sector: the only groups open answers are shown for
    (``results.OPEN_DIMENSIONS``; the state staff survey never splits open answers further)."""
    options: list[tuple[str, str] | None] = [None]
    for dimension in snapshot.menu.dimensions:
        if dimension not in results.OPEN_DIMENSIONS:
            continue
        options += [(dimension, value) for value in snapshot.menu.categories[dimension] if value != NOT_STATED]
    return options


def group_label(option: tuple[str, str] | None, language: str) -> str:
    """"All respondents" or "Dimension: group" in ``language``."""
    if option is None:
        return translate("open.group_all", language)
    dimension, code = option
    if dimension == "sector":
        value = translate(f"sector_class.{code}", language)
    else:
        from analysis import REFERENCE_LISTS  # noqa: PLC0415 - small, pure

        value = get_reference().label(REFERENCE_LISTS[dimension], code, language)
    return f"{translate(f'dimension.{dimension}', language)}: {value[:1].upper()}{value[1:]}"


def label_themes(table: pd.DataFrame, question_id: str, language: str) -> pd.DataFrame:
    """A copy of a theme-share table with a ``label`` column (a theme missing from today's
    codebook keeps its id; "uncoded" is "Other / uncoded")."""
    book = get_theme_codebook()
    labels = book.labels(question_id, language) if question_id in book.questions else {}
    labels[UNCODED] = translate("open.uncoded", language)
    labelled = table.copy()
    labelled["label"] = [labels.get(str(code), str(code)) for code in table["category"]]
    return labelled


def _release_or_stop(t: Translator, release: Callable[[], _Released]) -> _Released:
    try:
        return release()
    except ReleaseError:
        _LOG.exception("release refused")
        st.error(t("error.stale_protection"), icon="🛑")
        st.stop()
        raise


def release_quotes(t: Translator, snapshot: SurveySnapshot, data: OpenAnswerData, question_id: str,
                   wave: int, view: View, language: str) -> ReleasedQuotes:
    """Example quotes the text gate releases for the filter group of ``view``."""
    return _release_or_stop(t, lambda: results.release_quotes(snapshot, data, question_id, wave, view, language))


def release_key_terms(t: Translator, snapshot: SurveySnapshot, data: OpenAnswerData, question_id: str,
                      wave: int, language: str) -> ReleasedKeyTerms:
    """Key terms of answers in ``language`` that the text gate releases."""
    return _release_or_stop(t, lambda: results.release_key_terms(snapshot, data, question_id, wave, language))


def default_term_language(t: Translator, snapshot: SurveySnapshot, data: OpenAnswerData, question_id: str,
                          wave: int, preferred: str) -> str:
    """The language most answers are written in, among those with released key terms.

    Not the page's language: a Swedish or English reader would otherwise open on a handful of
    words used by a few respondents, while most answers are in another language. ``preferred``
    only when no language has released terms (the page then says so).
    """
    for lang in results.answer_languages_by_use(data, question_id, wave, ANSWER_LANGUAGES):
        if release_key_terms(t, snapshot, data, question_id, wave, lang).terms:
            return lang
    return preferred


def refused_as_not_offered(table: ReleasedTable) -> bool:
    """True when the theme table was refused because open answers are not shown for that view."""
    return table.refused == results.REFUSED_OPEN_VIEW


def release_open_themes(t: Translator, snapshot: SurveySnapshot, question_id: str, wave: int,
                        view: View) -> ReleasedTable:
    """The released theme table of an open question (refused outside all respondents / sectors)."""
    return _release_or_stop(t, lambda: results.release_open_themes(snapshot, question_id, wave, view))


def render_quote(quote: Quote, caption: str | None = None) -> None:
    """One quote in a bordered box, as PLAIN text: Markdown, HTML and links in it stay inert."""
    with st.container(border=True):
        st.text(quote.text)
        if caption:
            st.caption(caption)
