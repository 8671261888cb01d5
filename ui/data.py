"""Cached access to the survey store for pages: the session factory and the release snapshot.

Why here: caching and database sessions meet only in ``ui/``; pages ask for frames and never
import SQLAlchemy. The engine is a process-wide resource; the snapshot (cell counts and stored
hiding patterns, no respondent rows) is shared and refreshed after a few minutes.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

import streamlit as st
from sqlalchemy import inspect
from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

import results
from anonymity import Policy, ReleasedTable, ReleaseError, View
from codebook import Reference, load_codebook, load_reference
from config import Settings, SettingsError, load_settings
from data_access import create_engine_from_url, make_session_factory
from results import SurveySnapshot, load_snapshot
from ui.i18n import Translator

#: Seconds a query result stays cached; short enough that a rebuilt store appears soon.
QUERY_TTL_SECONDS = 300
#: Distinct cached results per query function (one per database URL and argument set).
QUERY_MAX_ENTRIES = 16

_LOG = logging.getLogger(__name__)


class StoreUnavailableError(RuntimeError):
    """The database could not be reached or read (not the same as an empty store)."""


class _EmptyStoreError(LookupError):
    """Raised inside cached loaders so that an empty result is never cached."""


def get_settings() -> Settings:
    """The validated settings; a bad value stops the app with the message naming the variable."""
    try:
        return load_settings()
    except SettingsError as exc:
        # Operator-facing: the message names the environment variable, in English.
        st.error(str(exc))
        st.stop()
        raise  # unreachable: st.stop() raises; keeps type checkers sure of the return


@st.cache_resource(show_spinner=False)
def get_reference() -> Reference:
    """The validated reference lists, parsed once per process."""
    return load_reference()


@st.cache_resource(show_spinner=False)
def get_session_factory(database_url: str) -> sessionmaker[Session]:
    """The one session factory (and engine with its pool) per database URL."""
    return make_session_factory(create_engine_from_url(database_url))


def _sqlite_file_missing(database_url: str) -> bool:
    """True for a SQLite URL whose file does not exist; connecting would create an empty file."""
    url = make_url(database_url)
    if url.get_backend_name() != "sqlite" or not url.database or url.database == ":memory:":
        return False
    return not Path(url.database).exists()


@st.cache_resource(ttl=QUERY_TTL_SECONDS, max_entries=4, show_spinner=False)
def _snapshot_cached(database_url: str, k: int, quote_k: int) -> SurveySnapshot:
    """Counts aggregated to cells plus the stored patterns; shared read-only by all sessions.

    ``cache_resource`` (not ``cache_data``): the snapshot is read-only and would otherwise be
    pickled for every session. It holds cell counts, never respondent rows.
    """
    if _sqlite_file_missing(database_url):
        raise _EmptyStoreError(database_url)
    factory = get_session_factory(database_url)
    reference = get_reference()
    try:
        with factory() as session:
            if not inspect(session.get_bind()).has_table("respondents"):
                raise _EmptyStoreError(database_url)
            snapshot = load_snapshot(session, load_codebook(reference=reference), reference,
                                     Policy(k=k, quote_k=quote_k))
    except SQLAlchemyError as exc:
        raise StoreUnavailableError(f"cannot read the store: {type(exc).__name__}") from exc
    if not snapshot.cells:
        raise _EmptyStoreError(database_url)
    return results.with_current_patterns(snapshot)


def require_snapshot(t: Translator) -> SurveySnapshot:
    """The release snapshot, or a friendly message and the end of the page run."""
    settings = get_settings()
    try:
        return _snapshot_cached(settings.database_url, settings.min_group_size, settings.min_quote_group_size)
    except StoreUnavailableError:
        _LOG.exception("survey store unavailable")
        st.error(t("error.database"), icon="🛑")
        st.stop()
        raise
    except _EmptyStoreError:
        st.info(f"**{t('empty.title')}**\n\n{t('empty.body')}", icon="ℹ️")
        st.stop()
        raise


def release_population(t: Translator, snapshot: SurveySnapshot, wave: int, view: View) -> ReleasedTable:
    """Released respondent counts of one view (the gate decides what is hidden)."""
    return release_or_stop(t, lambda: results.release_population(snapshot, wave, view))


def release_question(t: Translator, snapshot: SurveySnapshot, question_id: str, wave: int,
                     view: View) -> ReleasedTable:
    """Released answers to one closed question in one view."""
    return release_or_stop(t, lambda: results.release_question(snapshot, question_id, wave, view))


def release_or_stop(t: Translator, release: Callable[[], ReleasedTable]) -> ReleasedTable:
    """Run a release; a stale or missing protection pattern stops the page with a clear message."""
    try:
        return release()
    except ReleaseError:
        _LOG.exception("release refused")
        st.error(t("error.stale_protection"), icon="🛑")
        st.stop()
        raise
