"""AppTest level: run app.py in-process on a small SQLite file with known group sizes.

Group sizes of the survey database (k = 5, the default minimum group size):

    wave 2023 (58 respondents)                  wave 2020 (21 respondents)
    municipality / Uusimaa   / fi   14          municipality / Uusimaa     / fi   10
    NGO          / Uusimaa   / fi    8          education    / Pohjanmaa   / sv    7
    NGO          / Pirkanmaa / fi    9          NGO          / Keski-Suomi / fi    4
    municipality / Pirkanmaa / sv    5
    education    / Pirkanmaa / fi    6
    company      / Kainuu    / en    3
    religious    / Lappi     / sv    6
    municipality / Lappi     / fi    7

So in 2023 the company, Kainuu, English-language and "companies and other" groups hold 3
respondents (hidden by primary protection); the gate hides a second group beside each of them
(total minus the shown groups would reveal it). Tests compare the page with the gate's release.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import streamlit as st
import streamlit.testing.v1.app_test as app_test_module
from streamlit.runtime.pages_manager import PagesManager
from streamlit.testing.v1 import AppTest

from codebook import load_codebook
from data_access import create_engine_from_url, upgrade_schema
from tests.builders import build_database, build_respondents

PROJECT_ROOT = Path(__file__).resolve().parents[2]
APP_PATH = str(PROJECT_ROOT / "app.py")
APP_TIMEOUT_S = 30

SIZES_2023 = {
    ("municipality", "uusimaa", "fi"): 14,
    ("ngo", "uusimaa", "fi"): 8,
    ("ngo", "pirkanmaa", "fi"): 9,
    ("municipality", "pirkanmaa", "sv"): 5,
    ("education", "pirkanmaa", "fi"): 6,
    ("company", "kainuu", "en"): 3,
    ("religious", "lappi", "sv"): 6,
    ("municipality", "lappi", "fi"): 7,
}
SIZES_2020 = {
    ("municipality", "uusimaa", "fi"): 10,
    ("education", "pohjanmaa", "sv"): 7,
    ("ngo", "keski_suomi", "fi"): 4,
}


@pytest.fixture(autouse=True)
def fresh_streamlit_state(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Caches are process-global across AppTest runs: start and end every test empty."""
    monkeypatch.delenv("BARO_MIN_GROUP_SIZE", raising=False)
    monkeypatch.delenv("BARO_MIN_QUOTE_GROUP_SIZE", raising=False)
    monkeypatch.delenv("BARO_DEFAULT_LANGUAGE", raising=False)
    st.cache_data.clear()
    st.cache_resource.clear()
    yield
    st.cache_data.clear()
    st.cache_resource.clear()


class _NavigationPagesManager(PagesManager):
    """Behave as the server does once ``st.navigation`` has run: no legacy ``pages/`` mode."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        PagesManager.uses_pages_directory = False


@pytest.fixture(autouse=True)
def navigation_as_on_the_server(monkeypatch: pytest.MonkeyPatch) -> None:
    """Run every AppTest run through app.py, as the server does after its first request.

    AppTest resets Streamlit's legacy ``pages/`` detection before each run, so from the second
    run on it would execute the page script alone (a state the server is in only for a deep
    link that is the very first request after start-up; ``ui.start_page`` handles that and
    ``legacy_pages_detection`` tests it).
    """
    monkeypatch.setattr(app_test_module, "PagesManager", _NavigationPagesManager)


@pytest.fixture
def legacy_pages_detection(monkeypatch: pytest.MonkeyPatch) -> None:
    """Undo :func:`navigation_as_on_the_server`: every AppTest run starts in legacy mode."""
    monkeypatch.setattr(app_test_module, "PagesManager", PagesManager)


@pytest.fixture(scope="session")
def survey_database_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A migrated SQLite file with the group sizes above (background only, no answers)."""
    path = tmp_path_factory.mktemp("apptest") / "survey.sqlite"
    url = f"sqlite:///{path}"
    book = load_codebook()
    records = [
        *build_respondents(SIZES_2020, (), wave=2020, seed=20),
        *build_respondents(SIZES_2023, (), wave=2023, seed=23),
    ]
    build_database(url, records, codebook=book)
    return url


@pytest.fixture
def survey_app(survey_database_url: str, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    """app.py against the survey database, not yet run (set query params first)."""
    monkeypatch.setenv("DATABASE_URL", survey_database_url)
    return AppTest.from_file(APP_PATH, default_timeout=APP_TIMEOUT_S)


@pytest.fixture
def empty_database_url(tmp_path: Path) -> str:
    """A migrated SQLite file without respondents."""
    url = f"sqlite:///{tmp_path / 'empty.sqlite'}"
    engine = create_engine_from_url(url)
    upgrade_schema(engine)
    engine.dispose()
    return url
