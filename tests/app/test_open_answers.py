"""The "Open answers" page under AppTest, in fi, sv and en (survey: tests/open_answer_fixtures.py).

The store holds 46 respondents in 2023 and 17 in 2020 who answered two open questions, coded by
the real text pipeline; the page must show exactly what the gate releases, quotes as plain text.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from anonymity import Policy, View
from charts import format_count
from codebook import load_codebook, load_reference
from data_access import create_engine_from_url, make_session_factory
from results import UNCODED, load_snapshot, release_question
from tests.app.conftest import APP_PATH, APP_TIMEOUT_S
from tests.open_answer_fixtures import PAYLOAD_REDACTED, build_open_answer_database, open_answer_survey
from themes import load_theme_codebook

PAGE = "pages/open_answers.py"
THEMES = load_theme_codebook()
TITLES = {"fi": "Avoimet vastaukset", "sv": "Öppna svar", "en": "Open answers"}
SUBSTANTIVE = {"fi": "Sisällöllisiä vastauksia {wave}", "sv": "Svar med innehåll {wave}",
               "en": "Substantive answers {wave}"}
NO_CONTENT = {"fi": "Ei sisältöä {wave}", "sv": "Utan innehåll {wave}", "en": "No content {wave}"}
UNCODED_LABEL = {"fi": "Muu / luokittelematon", "sv": "Övrigt / oklassificerat", "en": "Other / uncoded"}
OVER_100 = {"fi": "yli 100 %", "sv": "över 100 %", "en": "more than 100%"}
METHOD = {"fi": "Menetelmästä", "sv": "Om metoden", "en": "About the method"}


@pytest.fixture(scope="module")
def open_database_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('open-answers') / 'survey.sqlite'}"
    build_open_answer_database(url, open_answer_survey(payload=True)).kw["bind"].dispose()
    return url


@pytest.fixture
def open_app(open_database_url: str, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    monkeypatch.setenv("DATABASE_URL", open_database_url)
    return AppTest.from_file(APP_PATH, default_timeout=APP_TIMEOUT_S)


def open_page(at: AppTest, lang: str) -> AppTest:
    at.query_params["lang"] = lang
    at.run()
    at.switch_page(PAGE).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def released(url: str, question: str, wave: int, view: View | None = None) -> Any:
    reference = load_reference()
    with make_session_factory(create_engine_from_url(url))() as session:
        snapshot = load_snapshot(session, load_codebook(reference=reference), reference, Policy())
    return release_question(snapshot, question, wave, view or View())


def figures(at: AppTest) -> list[dict[str, Any]]:
    return [json.loads(chart.proto.spec) for chart in at.get("plotly_chart")]


def page_texts(at: AppTest) -> list[str]:
    """Every text the page wrote, whatever the element."""
    elements = [*at.title, *at.subheader, *at.markdown, *at.caption, *at.text, *at.info, *at.metric]
    return [str(getattr(e, "value", "")) + str(getattr(e, "label", "")) for e in elements]


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_page_shows_the_released_theme_shares_in_each_language(
        open_app: AppTest, open_database_url: str, lang: str) -> None:
    at = open_page(open_app, lang)
    assert [t.value for t in at.title] == [TITLES[lang]]
    metrics = {m.label: m.value for m in at.metric}
    for wave in (2020, 2023):
        total = released(open_database_url, "open_benefits", wave).total
        assert metrics[SUBSTANTIVE[lang].format(wave=wave)] == str(total.base)
        assert metrics[NO_CONTENT[lang].format(wave=wave)] == str(total.count("no_content"))
    assert metrics[SUBSTANTIVE[lang].format(wave=2023)] == "41"
    table = at.table[0].value
    labels = [*THEMES.labels("open_benefits", lang).values(), UNCODED_LABEL[lang]]
    assert table.iloc[:, 0].tolist() == labels
    themes_figure = figures(at)[0]
    bars = {trace["name"]: trace for trace in themes_figure["data"] if trace["type"] == "bar"}
    assert set(bars) == {"2020", "2023"}
    total_2023 = released(open_database_url, "open_benefits", 2023).total
    expected = [100 * total_2023.share(code) for code in (*THEMES.question("open_benefits").theme_ids, UNCODED)]
    assert bars["2023"]["x"] == pytest.approx(expected)
    assert OVER_100[lang] in themes_figure["layout"]["annotations"][0]["text"]
    assert METHOD[lang] in [h.value for h in at.subheader]
    method = next(m.value for m in at.markdown if THEMES.version in m.value)
    assert "2023: 98" in method, "coverage: 40 of 41 substantive answers got a theme"
    assert not [text for text in page_texts(at) if "[open." in text], "a catalogue key was shown"


def test_quotes_are_redacted_plain_text(open_app: AppTest) -> None:
    at = open_page(open_app, "fi")
    quotes = [t.value for t in at.text]
    assert PAYLOAD_REDACTED in quotes, "the markup answer is shown verbatim as text"
    assert any("[nimi]" in q and "[puhelinnumero]" in q for q in quotes)
    everything = "\n".join(page_texts(at))
    assert "Virtanen" not in everything and "040 123 4567" not in everything
    assert "example.invalid" not in everything
    assert not [m.value for m in at.markdown if "<script>" in m.value or "javascript:" in m.value]
    per_theme_headings = [m.value for m in at.markdown if m.value.startswith("**") and m.value.endswith("**")]
    assert "**Vaikuttaminen ja osallistuminen**" in per_theme_headings


def test_groups_are_all_respondents_and_the_sectors_only(open_app: AppTest) -> None:
    at = open_page(open_app, "en")
    options = at.selectbox(key="open_group").options
    assert options[0] == "All respondents" and len(options) > 1
    assert all(option.startswith("Sector: ") for option in options[1:]), options


def test_a_filter_on_another_background_variable_in_the_link_gives_a_notice_and_all(
        open_app: AppTest, open_database_url: str) -> None:
    open_app.query_params["org"] = "ngo"
    at = open_page(open_app, "en")
    (warning,) = at.warning
    assert "only for all respondents and by sector" in warning.value
    assert "org" not in at.query_params, "the rejected value is not kept in the address"
    assert at.selectbox(key="open_group").value == "none"
    assert at.selectbox(key="open_group").format_func("none") == "All respondents", "shown, not a placeholder"
    total = released(open_database_url, "open_benefits", 2023).total
    assert {m.label: m.value for m in at.metric}["Substantive answers 2023"] == str(total.base)


def test_a_bad_deep_link_gives_a_notice_and_the_default_view(open_app: AppTest) -> None:
    open_app.query_params["q"] = "nonsense"
    open_app.query_params["wave"] = "1999"
    at = open_page(open_app, "en")
    (warning,) = at.warning
    assert "question" in warning.value and "wave" in warning.value
    assert at.selectbox(key="open_question").value == "open_benefits"
    assert at.segmented_control(key="open_wave").value == 2023
    assert at.query_params["q"] == "open_benefits" and at.query_params["wave"] == "2023"


def test_choices_are_written_to_the_address_and_a_shared_link_reproduces_them(
        open_app: AppTest, open_database_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    at = open_page(open_app, "en")
    at.selectbox(key="open_question").set_value("open_development").run()
    at.selectbox(key="open_group").set_value(("sector", "public")).run()
    at.segmented_control(key="open_wave").set_value(2020).run()
    assert not at.exception and not at.warning
    shared = {key: at.query_params[key] for key in ("q", "sector", "wave")}
    assert shared == {"q": "open_development", "sector": "public", "wave": "2020"}
    fresh = AppTest.from_file(APP_PATH, default_timeout=APP_TIMEOUT_S)
    for key, value in shared.items():
        fresh.query_params[key] = value
    fresh = open_page(fresh, "en")
    assert fresh.selectbox(key="open_question").value == "open_development"
    assert fresh.selectbox(key="open_group").value == ("sector", "public")
    assert fresh.segmented_control(key="open_wave").value == 2020
    metrics = {m.label: m.value for m in fresh.metric}
    for wave in (2020, 2023):
        label = f"Substantive answers {wave}"
        if label in metrics:
            total = released(open_database_url, "open_development", wave, View(("sector", "public"))).total
            assert metrics[label] == format_count(None if total.hidden else total.base, "en")
    assert "Substantive answers 2020" in metrics


def test_the_word_list_says_it_is_for_all_respondents(open_app: AppTest) -> None:
    at = open_page(open_app, "fi")
    assert "Yleisimmät sanat – kaikki vastaajat" in [h.value for h in at.subheader]
    assert "kaikki vastaajat" in figures(at)[1]["layout"]["title"]["text"]
    assert not [c for c in at.caption if "Sanalista koskee kaikkia vastaajia" in c.value]
    at.selectbox(key="open_group").set_value(("sector", "public")).run()
    assert [c for c in at.caption if "Sanalista koskee kaikkia vastaajia" in c.value], "said under a group"


def test_a_sector_under_the_quote_threshold_shows_numbers_without_quotes(
        open_app: AppTest, open_database_url: str) -> None:
    at = open_page(open_app, "en")
    at.selectbox(key="open_group").set_value(("sector", "other")).run()
    assert not at.exception
    total = released(open_database_url, "open_benefits", 2023, View(("sector", "other"))).total
    assert total is not None and not total.hidden and 5 <= total.base < 10
    assert {m.label: m.value for m in at.metric}["Substantive answers 2023"] == str(total.base)
    assert any("at least 10 respondents gave a substantive answer" in i.value for i in at.info)
    assert not at.text


def test_key_terms_default_to_a_language_with_released_terms(open_app: AppTest) -> None:
    at = open_page(open_app, "en")  # English answers: 3 companies, no term reaches k = 5
    control = at.segmented_control(key="open_terms_language_open_benefits_2023")
    assert control.value == "fi"
    terms_figure = figures(at)[1]
    (bar,) = terms_figure["data"]
    assert min(bar["x"]) >= 5
    assert "kontakti" in terms_figure["layout"]["yaxis"]["ticktext"]
    control.set_value("en").run()
    assert any("no word was used by at least 5 respondents" in i.value for i in at.info)


def test_the_second_question_and_the_2020_wave(open_app: AppTest) -> None:
    at = open_page(open_app, "sv")
    # open_participation and open_comments are coded too, but nobody answered them
    assert len(at.selectbox(key="open_question").options) == 2
    at.selectbox(key="open_question").set_value("open_development").run()
    at.segmented_control(key="open_wave").set_value(2020).run()
    assert not at.exception
    assert at.table[0].value.iloc[:, 0].tolist()[:2] == list(THEMES.labels("open_development", "sv").values())[:2]
    assert any("2020" in c.value for c in at.caption)


def test_a_store_without_coded_answers_says_how_to_code_them(
        survey_database_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DATABASE_URL", survey_database_url)
    at = open_page(AppTest.from_file(APP_PATH, default_timeout=APP_TIMEOUT_S), "en")
    (info,) = at.info
    assert "python -m baro themes --recode" in info.value
    assert not at.get("plotly_chart")


def test_the_page_never_reads_raw_answers() -> None:
    source = (Path(APP_PATH).parent / PAGE).read_text(encoding="utf-8")
    assert "load_open_answers" not in source and "value_text" not in source
