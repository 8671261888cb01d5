"""Warm reruns of the Overview and Open answers build no figure again (issue 9 follow-up).

Figures, tables and releases are shared cache entries keyed by the snapshot's token, the view and
the language: a rerun (or a second session) must reuse them, a new language or dimension must
build its own, and what the page shows must not change between a cold and a warm run.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

import ui.open_answers as ui_open_answers
import ui.results_view as ui_results_view
from tests.app.conftest import APP_PATH, APP_TIMEOUT_S
from tests.open_answer_fixtures import build_open_answer_database, open_answer_survey


def counting(monkeypatch: pytest.MonkeyPatch, module: object, names: list[str]) -> Counter[str]:
    """Count calls of ``module.<name>`` (the builders the cached helpers call)."""
    calls: Counter[str] = Counter()
    for name in names:
        original: Callable[..., Any] = getattr(module, name)

        def wrapper(*args: Any, _name: str = name, _original: Callable[..., Any] = original, **kwargs: Any) -> Any:
            calls[_name] += 1
            return _original(*args, **kwargs)

        monkeypatch.setattr(module, name, wrapper)
    return calls


def specs(at: AppTest) -> list[str]:
    return [chart.proto.spec for chart in at.get("plotly_chart")]


def tables(at: AppTest) -> list[str]:
    return [table.value.to_json() for table in at.table]


def run(at: AppTest) -> AppTest:
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_overview_builds_its_composition_once_per_dimension_and_language(
        survey_app: AppTest, monkeypatch: pytest.MonkeyPatch) -> None:
    calls = counting(monkeypatch, ui_results_view, ["build_composition_figure", "build_composition_table"])
    survey_app.query_params["lang"] = "en"
    at = run(survey_app)
    cold_charts, cold_tables = specs(at), tables(at)
    assert len(cold_charts) == 1
    assert calls == {"build_composition_figure": 1, "build_composition_table": 1}
    for _ in range(3):
        run(at)
    assert calls == {"build_composition_figure": 1, "build_composition_table": 1}
    assert specs(at) == cold_charts
    assert tables(at) == cold_tables

    at.segmented_control(key="overview_dimension").set_value("sector").run()
    assert calls == {"build_composition_figure": 2, "build_composition_table": 2}
    sector_chart = json.loads(specs(at)[0])
    assert sector_chart["layout"]["title"]["text"] != json.loads(cold_charts[0])["layout"]["title"]["text"]

    # A second session in another language builds its own; a third in English reuses the first's.
    other = AppTest.from_file(APP_PATH, default_timeout=APP_TIMEOUT_S)
    other.query_params["lang"] = "sv"
    run(other)
    assert calls == {"build_composition_figure": 3, "build_composition_table": 3}
    third = AppTest.from_file(APP_PATH, default_timeout=APP_TIMEOUT_S)
    third.query_params["lang"] = "en"
    run(third)
    assert calls == {"build_composition_figure": 3, "build_composition_table": 3}
    assert specs(third) == cold_charts


@pytest.fixture(scope="module")
def open_database_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('open-caching') / 'survey.sqlite'}"
    build_open_answer_database(url, open_answer_survey(payload=True)).kw["bind"].dispose()
    return url


def test_open_answers_reruns_reuse_releases_and_figures(
        open_database_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DATABASE_URL", open_database_url)
    builders = ["build_theme_share_figure", "build_theme_share_table", "build_key_terms_figure",
                "build_key_terms_table"]
    calls = counting(monkeypatch, ui_open_answers, builders)
    releases = counting(monkeypatch, ui_open_answers.results, ["release_open_themes", "release_quotes",
                                                                 "release_key_terms"])
    at = AppTest.from_file(APP_PATH, default_timeout=APP_TIMEOUT_S)
    at.query_params["lang"] = "fi"
    run(at)
    at.switch_page("pages/open_answers.py")
    run(at)
    cold_charts, cold_tables = specs(at), tables(at)
    assert len(cold_charts) == 2, "themes and key terms"
    built, released = Counter(calls), Counter(releases)
    assert all(built[name] == 1 for name in builders), built
    assert released["release_open_themes"] >= 1 and released["release_quotes"] == 1
    for _ in range(3):
        run(at)
    assert calls == built
    assert releases == released
    assert specs(at) == cold_charts
    assert tables(at) == cold_tables
