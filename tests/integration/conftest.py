"""Fixtures of the integration level: the same tests run against SQLite and PostgreSQL.

``database_url`` is parametrised over both back ends (the PostgreSQL case carries the
``postgres`` marker and gets a fresh database per test); ``session_factory`` is a migrated store
holding the codebook and the respondents of ``survey_sizes``, with the protection step run as
after a real load. A test module overrides ``survey_sizes`` (or ``survey_records``) to state the
groups it relies on, and ``protect_store`` (to False) when it tests the store alone.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy.orm import Session, sessionmaker

from codebook import Codebook, Reference, load_codebook, load_reference
from data_access import RespondentRecord
from tests.builders import GroupSizes, build_database, build_respondents

#: Default groups of the integration store: (org_type, ely_area, survey_language) -> respondents.
DEFAULT_SIZES: dict[tuple[str, str, str], int] = {
    ("municipality", "uusimaa", "fi"): 6,
    ("ngo", "uusimaa", "sv"): 3,
    ("company", "kainuu", "fi"): 2,
}


@pytest.fixture(scope="session")
def reference() -> Reference:
    return load_reference()


@pytest.fixture(scope="session")
def codebook(reference: Reference) -> Codebook:
    return load_codebook(reference=reference)


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> str:
    """An empty database: a SQLite file in a temp dir, or a fresh PostgreSQL database."""
    if request.param == "sqlite":
        path = tmp_path_factory.mktemp("sqlite") / "store.sqlite"
        return f"sqlite:///{path}"
    url: str = request.getfixturevalue("postgres_url")
    return url


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark the PostgreSQL cases so ``-m "not postgres"`` deselects exactly them."""
    for item in items:
        callspec = getattr(item, "callspec", None)
        if callspec is not None and callspec.params.get("database_url") == "postgresql":
            item.add_marker(pytest.mark.postgres)


@pytest.fixture
def survey_sizes() -> GroupSizes:
    return DEFAULT_SIZES


@pytest.fixture
def survey_records(survey_sizes: GroupSizes, codebook: Codebook) -> list[RespondentRecord]:
    """Seeded 2023 respondents with exactly ``survey_sizes``."""
    return build_respondents(survey_sizes, codebook.questions, wave=2023, seed=42)


@pytest.fixture
def protect_store() -> bool:
    """Run the protection step (hiding patterns, a few seconds) when building the store."""
    return True


@pytest.fixture
def session_factory(
    database_url: str,
    survey_records: list[RespondentRecord],
    codebook: Codebook,
    reference: Reference,
    protect_store: bool,
) -> Iterator[sessionmaker[Session]]:
    """A migrated store with the codebook and ``survey_records``; its engine is disposed after."""
    factory = build_database(
        database_url, survey_records, codebook, reference, protect=protect_store
    )
    try:
        yield factory
    finally:
        bind = factory.kw["bind"]
        bind.dispose()
