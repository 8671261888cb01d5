"""The wave switch of the Question explorer and My region under AppTest, in every language.

The database has the group sizes of tests/app/conftest.py (2023: 58 respondents, 2020: 21) with
seeded answers. Numbers in the tables behind the comparison charts are compared with the gate's
comparison (``results.release_comparison``, built from each wave's released tables); which groups
are hidden is read from the released tables, never assumed.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

import results
from analysis.comparison import MEASURE_MEAN, MEASURE_POSITIVE
from anonymity import Policy, View
from charts import ComparisonTexts, format_change
from codebook import load_codebook, load_reference
from data_access import create_engine_from_url, make_session_factory
from results import SurveySnapshot, load_snapshot
from tests.app.conftest import APP_PATH, APP_TIMEOUT_S, SIZES_2020, SIZES_2023
from tests.builders import build_database, build_respondents
from ui.i18n import translate

REFERENCE = load_reference()
CODEBOOK = load_codebook(reference=REFERENCE)
LANGUAGES = ("fi", "sv", "en")
HIDDEN = "–"
BOTH = "2020,2023"


@pytest.fixture(scope="module")
def comparison_database_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The conftest group sizes, with seeded answers to every closed question of each wave."""
    url = f"sqlite:///{tmp_path_factory.mktemp('wave-switch') / 'survey.sqlite'}"
    records = [*build_respondents(SIZES_2020, CODEBOOK.questions, wave=2020, seed=320),
               *build_respondents(SIZES_2023, CODEBOOK.questions, wave=2023, seed=323)]
    build_database(url, records, codebook=CODEBOOK)
    return url


@pytest.fixture(scope="module")
def comparison_snapshot(comparison_database_url: str) -> Iterator[SurveySnapshot]:
    engine = create_engine_from_url(comparison_database_url)
    with make_session_factory(engine)() as session:
        yield load_snapshot(session, CODEBOOK, REFERENCE, Policy())
    engine.dispose()


@pytest.fixture(scope="module", autouse=True)
def caches_cleared_per_module() -> Iterator[None]:
    st.cache_data.clear()
    st.cache_resource.clear()
    yield
    st.cache_data.clear()
    st.cache_resource.clear()


@pytest.fixture(autouse=True)
def fresh_streamlit_state(monkeypatch: pytest.MonkeyPatch) -> None:
    """Overrides conftest's per-test cache clearing: the module's tests share one database."""
    for name in ("BARO_MIN_GROUP_SIZE", "BARO_MIN_QUOTE_GROUP_SIZE", "BARO_DEFAULT_LANGUAGE"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def comparison_app(comparison_database_url: str, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    monkeypatch.setenv("DATABASE_URL", comparison_database_url)
    return AppTest.from_file(APP_PATH, default_timeout=APP_TIMEOUT_S)


def open_page(at: AppTest, page: str, params: dict[str, str], tables: tuple[str, ...] = ()) -> AppTest:
    at.query_params["lang"] = params.get("lang", "fi")
    at.run()
    at.switch_page(page)
    for key, value in params.items():
        at.query_params[key] = value
    for key in tables:
        at.session_state[f"{key}_table"] = True
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def texts(lang: str) -> ComparisonTexts:
    from ui.comparison_view import comparison_texts
    return comparison_texts(lambda key, **kw: translate(key, lang, **kw), "", "")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_explorer_both_waves_show_the_gates_comparison(comparison_app: AppTest, comparison_snapshot: SurveySnapshot,
                                                       lang: str) -> None:
    at = open_page(comparison_app, "pages/explorer.py",
                   {"lang": lang, "wave": BOTH, "q": "dialogue_national", "by": "sector"},
                   tables=("explorer_compare_0", "explorer_compare_1"))
    assert not at.warning
    assert at.query_params["wave"] == BOTH
    assert len(at.get("plotly_chart")) == 2  # % agree and the mean
    assert len(at.table) == 2
    for table, measure in zip(at.table, (MEASURE_POSITIVE, MEASURE_MEAN), strict=True):
        item = results.release_comparison(comparison_snapshot, "dialogue_national", View(None, "sector"),
                                          measure=measure)
        frame = table.value
        change_column = frame[translate("compare.change_header", lang)].tolist()
        by_label = dict(zip(frame[translate("results.group_header", lang)], change_column, strict=True))
        total_label = translate("results.total", lang)
        assert item.total is not None
        expected = format_change(None if item.total.change is None else item.total.change.estimate, lang,
                                 percent=measure != MEASURE_MEAN, texts=texts(lang))
        assert by_label[total_label] == expected
        for row in item.rows:
            if row.change is None:
                assert row.group == "__total__" or HIDDEN in change_column


@pytest.mark.parametrize("lang", LANGUAGES)
def test_explorer_refuses_an_item_new_in_2023(comparison_app: AppTest, lang: str) -> None:
    at = open_page(comparison_app, "pages/explorer.py", {"lang": lang, "wave": BOTH, "q": "programme_useful"})
    assert [i.value for i in at.info] == [translate("compare.refused.new_in_2023", lang)]
    assert not at.get("plotly_chart")


def test_choosing_both_waves_in_the_sidebar_writes_the_url(comparison_app: AppTest) -> None:
    at = open_page(comparison_app, "pages/explorer.py", {"lang": "en", "wave": "2023", "q": "coop_grade_national"})
    assert at.selectbox(key="explorer_wave").options == ["2023", "2020", translate("compare.wave_both", "en")]
    at.selectbox(key="explorer_wave").set_value(BOTH).run()
    assert not at.exception
    assert at.query_params["wave"] == BOTH
    assert [s.value for s in at.subheader][0] == translate("compare.heading", "en")
    at.selectbox(key="explorer_wave").set_value(2020).run()
    assert at.query_params["wave"] == "2020"


def test_the_breakdown_option_lives_in_the_url(comparison_app: AppTest, comparison_snapshot: SurveySnapshot) -> None:
    at = open_page(comparison_app, "pages/explorer.py",
                   {"lang": "en", "wave": "2023", "q": "coop_partners", "by": "sector", "option": "te_office"})
    assert at.selectbox(key="explorer_option").value == "te_office"
    at.selectbox(key="explorer_option").set_value("companies").run()
    assert at.query_params["option"] == "companies"
    # a bad option in a link: a notice naming the option, and the first option
    at = open_page(comparison_app, "pages/explorer.py",
                   {"lang": "en", "wave": "2023", "q": "coop_partners", "by": "sector", "option": "nonsense"})
    assert [w.value for w in at.warning] == [translate("url.notice.unknown", "en",
                                                       what=translate("url.param.option", "en"))]
    assert at.selectbox(key="explorer_option").value == CODEBOOK.question("coop_partners").options[0].code
    # both waves offer only the options asked in both
    at = open_page(comparison_app, "pages/explorer.py",
                   {"lang": "en", "wave": BOTH, "q": "coop_partners", "by": "sector"})
    assert tuple(at.selectbox(key="explorer_option").options) == tuple(
        CODEBOOK.question("coop_partners").option(c).label["en"]
        for c in results.comparison_options(comparison_snapshot, "coop_partners"))
    assert "wellbeing_county" not in results.comparison_options(comparison_snapshot, "coop_partners")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_my_region_both_waves(comparison_app: AppTest, lang: str) -> None:
    at = open_page(comparison_app, "pages/my_region.py",
                   {"lang": lang, "wave": BOTH, "ely": "uusimaa", "section": "cooperation"})
    assert not at.warning
    assert at.query_params["wave"] == BOTH
    questions = [q for q in CODEBOOK.questions_in_wave(2023) if q.section == "cooperation" and q.is_closed]
    new = [q for q in questions if not CODEBOOK.concept_of(q.id).comparable]
    refused = [i.value for i in at.info]
    # one chart per question (the area beside the country, both waves) or one sentence why not
    assert len(at.get("plotly_chart")) + len(refused) == len(questions)
    assert refused.count(translate("compare.refused.new_in_2023", lang)) == len(new)
    assert translate("compare.method_note", lang) in [m.value for m in at.markdown]
