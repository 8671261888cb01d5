"""Cached access to the survey store for pages: the session factory and the release snapshot.

Why here: caching and database sessions meet only in ``ui/``; pages ask for frames and never
import SQLAlchemy. The engine is a process-wide resource; the snapshot (cell counts and stored
hiding patterns, no respondent rows) is shared by all sessions and rebuilt only when the store's
data version changes (checked every :data:`VERSION_CHECK_SECONDS`), because at 100,000
respondents rebuilding it takes seconds. The process is tuned once on its first run (see
:func:`tune_server_process`); docs/performance.md has the measurements behind both.
"""

from __future__ import annotations

import asyncio.base_events
import gc
import hashlib
import logging
import socket
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

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
from data_access.queries import data_version
from results import SurveySnapshot, load_snapshot
from ui.i18n import Translator

#: Seconds a query result stays cached; short enough that a rebuilt store appears soon.
QUERY_TTL_SECONDS = 300
#: Distinct cached results per query function (one per database URL and argument set).
QUERY_MAX_ENTRIES = 16
#: Seconds between checks of the store's data version; a rebuilt store appears within this time.
VERSION_CHECK_SECONDS = 30

_LOG = logging.getLogger(__name__)


class StoreUnavailableError(RuntimeError):
    """The database could not be reached or read (not the same as an empty store)."""


class _EmptyStoreError(LookupError):
    """Raised inside cached loaders so that an empty result is never cached."""


_TUNED = threading.Event()


def _set_nodelay(sock: Any) -> None:
    """asyncio's ``_set_nodelay`` without its ``proto == IPPROTO_TCP`` condition.

    Streamlit (1.67) binds its listening socket with ``socket.socket(family=...)``, so accepted
    sockets report ``proto == 0`` and asyncio leaves Nagle's algorithm on. Each rerun's messages
    then wait for the client's delayed ACK: about 40 ms added to every rerun on Linux (200 ms
    with Windows clients). A stream socket of an inet family is TCP whatever ``proto`` says.
    """
    if sock.family in (socket.AF_INET, socket.AF_INET6) and sock.type == socket.SOCK_STREAM:
        try:
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        except OSError:  # a connection closed meanwhile (EBADF): nothing left to tune
            pass


def tune_server_process() -> None:
    """Once per process: turn Nagle's algorithm off for the server's connections (see above).

    Future connections get it from asyncio's transport constructor; connections already open
    (the session running this very script) are switched through the event loop's transports.
    Safe to call on every run (a flag makes it a no-op) and outside a server (AppTest, CLI).
    """
    if _TUNED.is_set():
        return
    _TUNED.set()
    asyncio.base_events._set_nodelay = _set_nodelay  # type: ignore[attr-defined]  # noqa: SLF001
    try:
        from streamlit.runtime import Runtime

        if not Runtime.exists():
            return
        loop = Runtime.instance()._get_async_objs().eventloop  # noqa: SLF001
        for transport in list(getattr(loop, "_transports", {}).values()):
            sock = transport.get_extra_info("socket")
            if sock is not None:
                _set_nodelay(sock)
    except Exception:  # a Streamlit upgrade may move these internals; tuning is optional
        _LOG.warning("could not switch open connections to TCP_NODELAY", exc_info=True)


def freeze_heap_once() -> None:
    """Move everything alive now (modules, the snapshot) out of the garbage collector's view.

    Streamlit runs a full ``gc.collect`` after every script run (``runner.postScriptGC``); with
    pandas, Plotly and SQLAlchemy imported that scan took most of a rerun. After
    ``gc.freeze()`` it scans only objects created since. Called once, after the first snapshot
    load, when the long-lived objects exist. Frozen objects are still freed by reference counting.
    """
    if getattr(freeze_heap_once, "done", False):
        return
    freeze_heap_once.done = True  # type: ignore[attr-defined]
    gc.collect()
    gc.freeze()


def get_settings() -> Settings:
    """The validated settings; a bad value stops the app with the message naming the variable."""
    tune_server_process()
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


@st.cache_resource(ttl=VERSION_CHECK_SECONDS, max_entries=4, show_spinner=False)
def _data_version_cached(database_url: str) -> str:
    """The store's data version, read at most every :data:`VERSION_CHECK_SECONDS` seconds."""
    if _sqlite_file_missing(database_url):
        raise _EmptyStoreError(database_url)
    try:
        with get_session_factory(database_url)() as session:
            if not inspect(session.get_bind()).has_table("respondents"):
                raise _EmptyStoreError(database_url)
            return data_version(session)
    except SQLAlchemyError as exc:
        raise StoreUnavailableError(f"cannot read the store: {type(exc).__name__}") from exc


@st.cache_resource(max_entries=2, show_spinner=False)
def _snapshot_cached(database_url: str, k: int, quote_k: int, version: str) -> SurveySnapshot:
    """Counts aggregated to cells plus the stored patterns; shared read-only by all sessions.

    ``cache_resource`` (not ``cache_data``): the snapshot is read-only and would otherwise be
    pickled for every session. It holds cell counts, never respondent rows. ``version`` (the
    store's data version) is the key that replaces it when the data changes; no time limit.
    """
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
    current = results.with_current_patterns(snapshot)
    freeze_heap_once()
    return current


def require_snapshot(t: Translator) -> SurveySnapshot:
    """The release snapshot, or a friendly message and the end of the page run."""
    settings = get_settings()
    try:
        version = _data_version_cached(settings.database_url)
        return _snapshot_cached(settings.database_url, settings.min_group_size, settings.min_quote_group_size,
                                version)
    except StoreUnavailableError:
        _LOG.exception("survey store unavailable")
        st.error(t("error.database"), icon="🛑")
        st.stop()
        raise
    except _EmptyStoreError:
        st.info(f"**{t('empty.title')}**\n\n{t('empty.body')}", icon="ℹ️")
        st.stop()
        raise


def snapshot_key(snapshot: SurveySnapshot) -> str:
    """Identifies the snapshot's data, hiding patterns and k, for cache keys of derived results."""
    text = repr((sorted(snapshot.fingerprints.items()), sorted(snapshot.stored_k.items()), snapshot.policy.k,
                 len(snapshot.cells)))
    return hashlib.sha256(text.encode()).hexdigest()[:24]


@st.cache_resource(ttl=QUERY_TTL_SECONDS, max_entries=256, show_spinner=False)
def _population_cached(key: str, wave: int, view: View, _snapshot: SurveySnapshot) -> ReleasedTable:
    return results.release_population(_snapshot, wave, view)


def release_population(t: Translator, snapshot: SurveySnapshot, wave: int, view: View) -> ReleasedTable:
    """Released respondent counts of one view (the gate decides what is hidden), cached per snapshot.

    The released table depends only on the snapshot and the view, never on the session, so one
    shared read-only copy serves every session (the Overview asks for each wave on every rerun).
    """
    return release_or_stop(t, lambda: _population_cached(snapshot_key(snapshot), wave, view, snapshot))


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
