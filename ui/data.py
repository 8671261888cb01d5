"""Cached access to the survey store for pages: the session factory and query results.

Why here: caching and database sessions meet only in ``ui/``; pages ask for frames and never
import SQLAlchemy. The engine is a process-wide resource; query results are cached for a few
minutes and bounded in number, so a rebuilt demo database shows up without a restart.
"""

from __future__ import annotations

import logging
from pathlib import Path

import pandas as pd
import streamlit as st
from sqlalchemy import inspect
from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from codebook import Reference, load_reference
from config import Settings, SettingsError, load_settings
from data_access import create_engine_from_url, load_respondents, make_session_factory
from data_access.queries import RESPONDENT_COLUMNS
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


@st.cache_data(ttl=QUERY_TTL_SECONDS, max_entries=QUERY_MAX_ENTRIES, show_spinner=False)
def _load_respondents_cached(database_url: str) -> pd.DataFrame:
    if _sqlite_file_missing(database_url):
        raise _EmptyStoreError(database_url)
    factory = get_session_factory(database_url)
    try:
        with factory() as session:
            if not inspect(session.get_bind()).has_table("respondents"):
                raise _EmptyStoreError(database_url)
            frame = load_respondents(session)
    except SQLAlchemyError as exc:
        raise StoreUnavailableError(f"cannot read respondents: {type(exc).__name__}") from exc
    if frame.empty:
        raise _EmptyStoreError(database_url)
    return frame


def load_respondent_frame(database_url: str) -> pd.DataFrame:
    """Respondents of all waves with their background; an empty frame if the store is empty.

    Raises :class:`StoreUnavailableError` when the database cannot be reached.
    """
    try:
        return _load_respondents_cached(database_url)
    except _EmptyStoreError:
        return pd.DataFrame(columns=RESPONDENT_COLUMNS)


def require_respondents(t: Translator) -> pd.DataFrame:
    """The respondents frame, or a friendly message and the end of the page run.

    An empty store tells how to build the demo data; an unreachable one says so (the technical
    reason goes to the server log, not to the reader).
    """
    settings = get_settings()
    try:
        respondents = load_respondent_frame(settings.database_url)
    except StoreUnavailableError:
        _LOG.exception("survey store unavailable")
        st.error(t("error.database"), icon="🛑")
        st.stop()
        raise
    if respondents.empty:
        st.info(f"**{t('empty.title')}**\n\n{t('empty.body')}", icon="ℹ️")
        st.stop()
    return respondents
