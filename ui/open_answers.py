"""Open answers for pages: cached coded data, gated quotes and key terms, labels, plain-text quotes.

Why here: the coded open answers (redacted texts and their groups) are read once per process
and shared; pages receive only what the text gate releases (``results.release_quotes`` and
``results.release_key_terms``), and quotes are drawn with ``st.text`` so that Markdown, HTML
and links in an answer stay inert.

Caching: the releases (themes, key terms, quotes) and the built figures and tables depend only on
the snapshot, the coded data and the view, never on the session, so they are shared read-only
objects (``cache_resource``) keyed by the snapshot's token (``ui.results_view.snapshot_token``)
and a token of the coded data. A page rerun then rebuilds nothing; cached figures are never
changed in place (``ui.render`` and ``ui.presenter`` copy before changing a layout).
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TypeVar

import pandas as pd
import streamlit as st
from sqlalchemy.exc import SQLAlchemyError

import results
from analysis.themes import answer_counts_from_released, theme_shares_from_released
from anonymity import NOT_STATED, ReleasedTable, ReleaseError, View
from charts import build_key_terms_figure, build_key_terms_table, build_theme_share_figure, build_theme_share_table
from codebook import Reference
from results import OpenAnswerData, Quote, ReleasedKeyTerms, ReleasedQuotes, SurveySnapshot
from themes import UNCODED, ThemeCodebook, load_theme_codebook
from ui.data import QUERY_TTL_SECONDS, StoreUnavailableError, get_reference, get_session_factory, get_settings
from ui.i18n import Translator, translate, translator
from ui.results_view import snapshot_token

_LOG = logging.getLogger(__name__)
#: Languages the text pipeline detects in answers.
ANSWER_LANGUAGES: tuple[str, ...] = ("fi", "sv", "en")
_Released = TypeVar("_Released")

__all__ = [
    "ANSWER_LANGUAGES", "KeyTermsChart", "ThemeChart", "answer_counts", "coded_waves", "data_token",
    "default_term_language", "get_theme_codebook", "group_label", "key_terms_chart", "label_themes", "open_questions",
    "refused_as_not_offered", "release_key_terms", "release_open_themes", "release_quotes", "render_quote",
    "require_open_answer_data", "theme_chart", "view_options",
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


#: Coded data objects seen, by id, with their token: the object is kept, so its id is not reused.
_DATA_TOKENS: dict[int, tuple[OpenAnswerData, str]] = {}
_DATA_SERIAL = itertools.count(1)


def data_token(data: OpenAnswerData) -> str:
    """A cache key for one loaded ``OpenAnswerData`` (a new load, e.g. after its TTL, gets a new one).

    Hashing the answers would cost more than the releases it saves; the object is a shared,
    read-only cache entry, so its identity (kept alive here, at most a few at once) is enough.
    """
    known = _DATA_TOKENS.get(id(data))
    if known is not None and known[0] is data:
        return known[1]
    if len(_DATA_TOKENS) >= 8:
        _DATA_TOKENS.clear()
    token = f"data-{next(_DATA_SERIAL)}"
    _DATA_TOKENS[id(data)] = (data, token)
    return token


@st.cache_resource(ttl=QUERY_TTL_SECONDS, max_entries=1024, show_spinner=False)
def _quotes(token: str, data_key: str, question_id: str, wave: int, view: View, language: str,
            _snapshot: SurveySnapshot, _data: OpenAnswerData) -> ReleasedQuotes:
    return results.release_quotes(_snapshot, _data, question_id, wave, view, language)


def release_quotes(t: Translator, snapshot: SurveySnapshot, data: OpenAnswerData, question_id: str,
                   wave: int, view: View, language: str) -> ReleasedQuotes:
    """Example quotes the text gate releases for the filter group of ``view`` (cached, shared)."""
    return _release_or_stop(t, lambda: _quotes(snapshot_token(snapshot), data_token(data), question_id, wave,
                                               view, language, snapshot, data))


@st.cache_resource(ttl=QUERY_TTL_SECONDS, max_entries=1024, show_spinner=False)
def _key_terms(token: str, data_key: str, question_id: str, wave: int, language: str,
               _snapshot: SurveySnapshot, _data: OpenAnswerData) -> ReleasedKeyTerms:
    return results.release_key_terms(_snapshot, _data, question_id, wave, language)


def release_key_terms(t: Translator, snapshot: SurveySnapshot, data: OpenAnswerData, question_id: str,
                      wave: int, language: str) -> ReleasedKeyTerms:
    """Key terms of answers in ``language`` that the text gate releases (cached, shared)."""
    return _release_or_stop(t, lambda: _key_terms(snapshot_token(snapshot), data_token(data), question_id, wave,
                                                  language, snapshot, data))


@st.cache_resource(ttl=QUERY_TTL_SECONDS, max_entries=256, show_spinner=False)
def _languages_by_use(data_key: str, question_id: str, wave: int, _data: OpenAnswerData) -> tuple[str, ...]:
    return tuple(results.answer_languages_by_use(_data, question_id, wave, ANSWER_LANGUAGES))


def default_term_language(t: Translator, snapshot: SurveySnapshot, data: OpenAnswerData, question_id: str,
                          wave: int, preferred: str) -> str:
    """The language most answers are written in, among those with released key terms.

    Not the page's language: a Swedish or English reader would otherwise open on a handful of
    words used by a few respondents, while most answers are in another language. ``preferred``
    only when no language has released terms (the page then says so).
    """
    for lang in _languages_by_use(data_token(data), question_id, wave, data):
        if release_key_terms(t, snapshot, data, question_id, wave, lang).terms:
            return lang
    return preferred


def refused_as_not_offered(table: ReleasedTable) -> bool:
    """True when the theme table was refused because open answers are not shown for that view."""
    return table.refused == results.REFUSED_OPEN_VIEW


@st.cache_resource(ttl=QUERY_TTL_SECONDS, max_entries=1024, show_spinner=False)
def _open_themes(token: str, question_id: str, wave: int, view: View, _snapshot: SurveySnapshot) -> ReleasedTable:
    return results.release_open_themes(_snapshot, question_id, wave, view)


def release_open_themes(t: Translator, snapshot: SurveySnapshot, question_id: str, wave: int,
                        view: View) -> ReleasedTable:
    """The released theme table of an open question (refused outside all respondents / sectors), cached."""
    return _release_or_stop(t, lambda: _open_themes(snapshot_token(snapshot), question_id, wave, view, snapshot))


@dataclass(frozen=True)
class ThemeChart:
    """The theme-share figure and table of one question and group, and the answer counts per wave.

    Shared by every session (cached): never change ``figure`` or the frames in place.
    """

    figure: object
    table: pd.DataFrame
    counts: pd.DataFrame


@st.cache_resource(ttl=QUERY_TTL_SECONDS, max_entries=256, show_spinner=False)
def _theme_chart(token: str, question_id: str, view: View, language: str, group_name: str,
                 _tables: Mapping[int, ReleasedTable]) -> ThemeChart:
    t = translator(language)
    shares = label_themes(theme_shares_from_released(_tables), question_id, language)
    figure = build_theme_share_figure(
        shares, language,
        title=t("open.chart_title", group=group_name),
        axis_title=t("open.share_axis"),
        legend_title=t("chart.wave_legend_title"),
        note=f"{t('open.shares_note')}<br>{t('privacy.hidden_note')}",
    )
    table = build_theme_share_table(
        shares, language,
        theme_header=t("open.theme_header"),
        share_header=lambda wave: t("open.share_header", wave=wave),
        count_header=lambda wave: t("open.count_header", wave=wave),
    )
    return ThemeChart(figure, table, answer_counts_from_released(_tables))


def theme_chart(snapshot: SurveySnapshot, question_id: str, view: View, language: str,
                tables: Mapping[int, ReleasedTable]) -> ThemeChart:
    """The theme shares of ``tables`` (one released table per wave, from :func:`release_open_themes`)
    as a figure, the table behind it and the answer counts; built once per snapshot, view and language."""
    return _theme_chart(snapshot_token(snapshot), question_id, view, language, group_label(view.filter, language),
                        tables)


@st.cache_resource(ttl=QUERY_TTL_SECONDS, max_entries=256, show_spinner=False)
def _answer_counts(token: str, question_id: str, view: View, _tables: Mapping[int, ReleasedTable]) -> pd.DataFrame:
    return answer_counts_from_released(_tables)


def answer_counts(snapshot: SurveySnapshot, question_id: str, view: View,
                  tables: Mapping[int, ReleasedTable]) -> pd.DataFrame:
    """Substantive and no-content answers and coverage per wave of ``tables`` (cached, read-only)."""
    return _answer_counts(snapshot_token(snapshot), question_id, view, tables)


@dataclass(frozen=True)
class KeyTermsChart:
    """The key-term figure and table of one question, wave and answer language (cached, read-only)."""

    figure: object
    table: pd.DataFrame


@st.cache_resource(ttl=QUERY_TTL_SECONDS, max_entries=512, show_spinner=False)
def _key_terms_chart(token: str, data_key: str, question_id: str, wave: int, term_language: str, language: str,
                     _terms: ReleasedKeyTerms) -> KeyTermsChart:
    t = translator(language)
    frame = _terms.to_frame()
    figure = build_key_terms_figure(frame, language, axis_title=t("chart.respondents_axis"),
                                    title=t("open.terms_title_all", wave=wave,
                                            language=t(f"open.language.{term_language}")))
    table = build_key_terms_table(frame, language, term_header=t("open.term_header"),
                                  count_header=t("chart.respondents_axis"))
    return KeyTermsChart(figure, table)


def key_terms_chart(snapshot: SurveySnapshot, data: OpenAnswerData, terms: ReleasedKeyTerms,
                    language: str) -> KeyTermsChart:
    """The released key terms (with at least one term) as a figure and table in ``language``."""
    return _key_terms_chart(snapshot_token(snapshot), data_token(data), terms.question_id, terms.wave,
                            terms.language, language, terms)


def render_quote(quote: Quote, caption: str | None = None) -> None:
    """One quote in a bordered box, as PLAIN text: Markdown, HTML and links in it stay inert."""
    with st.container(border=True):
        st.text(quote.text)
        if caption:
            st.caption(caption)
