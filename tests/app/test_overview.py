"""The app frame and the Overview page under AppTest, in fi, sv and en (group sizes: conftest)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from codebook import load_reference
from tests.app.conftest import APP_PATH, APP_TIMEOUT_S

REFERENCE = load_reference()
HIDDEN = "–"

TITLES = {
    "fi": "Ketkä kyselyyn vastasivat?",
    "sv": "Vem svarade på enkäten?",
    "en": "Who answered the survey?",
}
RESPONDENTS_IN = {"fi": "Vastaajat {wave}", "sv": "Svarande {wave}", "en": "Respondents {wave}"}
METHOD_HEADINGS = {"fi": "Menetelmästä", "sv": "Om metoden", "en": "About the method"}
KEY_PHRASES = {
    "fi": "painottamattomia vastaajamääriä",
    "sv": "ovägda antal svarande",
    "en": "unweighted counts of respondents",
}
DIMENSION_LABELS = {
    "org_type": {"fi": "Organisaation tyyppi", "sv": "Organisationstyp", "en": "Organisation type"},
    "sector": {"fi": "Sektori", "sv": "Sektor", "en": "Sector"},
    "ely_area": {"fi": "ELY-keskuksen alue", "sv": "NTM-centralens område", "en": "ELY Centre area"},
    "language": {"fi": "Vastauskieli", "sv": "Svarsspråk", "en": "Survey language"},
}
#: dimension -> (reference list, category of 3 respondents in 2023, a category the gate shows, its count).
GROUPS_2023 = {
    "org_type": ("organisation_types", "company", "municipality", 26),
    "sector": ("sectors", "other", "public", 32),
    "ely_area": ("ely_areas", "kainuu", "uusimaa", 22),
    "language": ("languages", "en", "fi", 44),
}


def released_2023(database_url: str, dimension: str) -> dict[str, int | None]:
    """What the anonymity gate releases for the breakdown (``None`` = hidden)."""
    from anonymity import Policy, View
    from codebook import load_codebook
    from data_access import create_engine_from_url, make_session_factory
    from results import load_snapshot, release_population

    with make_session_factory(create_engine_from_url(database_url))() as session:
        snapshot = load_snapshot(session, load_codebook(reference=REFERENCE), REFERENCE, Policy())
    table = release_population(snapshot, 2023, View(None, dimension))
    return {str(r.category): r.population for r in table.rows}


SECTOR_CLASSES = {"public": {"fi": "Julkinen sektori", "sv": "Offentliga sektorn", "en": "Public sector"},
                  "third_sector": {"fi": "Kolmas sektori", "sv": "Tredje sektorn", "en": "Third sector"},
                  "other": {"fi": "Yritykset ja muut", "sv": "Företag och övriga", "en": "Companies and other"}}


def display_label(list_name: str, code: str, lang: str) -> str:
    """A row label: the menu's sector class, or the reference label with its first letter capitalised."""
    if list_name == "sectors":
        return SECTOR_CLASSES[code][lang]
    text = REFERENCE.label(list_name, code, lang)
    return text[:1].upper() + text[1:]


def run(at: AppTest, lang: str | None) -> AppTest:
    if lang is not None:
        at.query_params["lang"] = lang
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def composition_table(at: AppTest) -> Any:
    (table,) = at.table
    return table.value


def composition_figure(at: AppTest) -> dict[str, Any]:
    (chart,) = at.get("plotly_chart")
    spec: dict[str, Any] = json.loads(chart.proto.spec)
    return spec


def row(table: Any, label: str) -> dict[str, str]:
    matches = table[table.iloc[:, 0] == label]
    assert len(matches) == 1, f"{label!r} not exactly once in {table.iloc[:, 0].tolist()}"
    record: dict[str, str] = matches.iloc[0].to_dict()
    return record


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_overview_speaks_the_language_in_the_url(survey_app: AppTest, lang: str) -> None:
    at = run(survey_app, lang)
    assert [t.value for t in at.title] == [TITLES[lang]]
    metrics = {m.label: m.value for m in at.metric}
    assert metrics == {RESPONDENTS_IN[lang].format(wave=2020): "21",
                       RESPONDENTS_IN[lang].format(wave=2023): "58"}
    assert METHOD_HEADINGS[lang] in [h.value for h in at.subheader]
    assert any(KEY_PHRASES[lang] in m.value for m in at.markdown)
    assert at.query_params["lang"] == lang
    assert not at.warning
    assert at.segmented_control(key="sidebar_language").value == lang


def test_finnish_is_the_default_without_lang(survey_app: AppTest) -> None:
    at = run(survey_app, None)
    assert [t.value for t in at.title] == [TITLES["fi"]]
    assert at.query_params["lang"] == "fi"


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
@pytest.mark.parametrize("dimension", list(GROUPS_2023))
def test_every_dimension_hides_the_group_of_3_and_shows_what_the_gate_releases(
    survey_app: AppTest, survey_database_url: str, lang: str, dimension: str
) -> None:
    at = run(survey_app, lang)
    at.segmented_control(key="overview_dimension").set_value(dimension).run()
    assert not at.exception, [e.value for e in at.exception]
    list_name, hidden_code, shown_code, shown_count = GROUPS_2023[dimension]
    hidden_label = display_label(list_name, hidden_code, lang)
    shown_label = display_label(list_name, shown_code, lang)
    column_2023 = RESPONDENTS_IN[lang].format(wave=2023)

    table = composition_table(at)
    assert table.columns[0] == DIMENSION_LABELS[dimension][lang]
    codes = list(SECTOR_CLASSES) if list_name == "sectors" else list(REFERENCE.codes(list_name))
    assert list(table.iloc[:, 0][: len(codes)]) == [display_label(list_name, code, lang) for code in codes]
    assert row(table, hidden_label)[column_2023] == HIDDEN
    assert row(table, shown_label)[column_2023] == str(shown_count)
    assert "3" not in table[column_2023].tolist()
    shown_2023 = [int(v) for v in table[column_2023] if v != HIDDEN]
    assert 58 - sum(shown_2023) >= 5, "the hidden remainder must hold at least k respondents"
    gate = released_2023(survey_database_url, dimension)
    for code, count in gate.items():
        if code == "not_answered" and count is None:
            continue  # left out of the table when hidden in every wave
        expected = HIDDEN if count is None else str(count)
        assert row(table, display_label(list_name, code, lang) if code != "not_answered"
                   else {"fi": "Ei vastausta", "sv": "Inget svar", "en": "No answer"}[lang])[column_2023] == expected

    figure = composition_figure(at)
    bars = {t["name"]: t for t in figure["data"] if t["type"] == "bar"}
    assert set(bars) == {"2020", "2023"}
    assert all(x >= 5 for t in bars.values() for x in t["x"])
    assert shown_count in bars["2023"]["x"]
    assert sorted(bars["2023"]["x"]) == sorted(shown_2023), "the chart draws exactly the released numbers"
    (hidden,) = [t for t in figure["data"] if t["name"] == "hidden"]
    assert f"{hidden_label} 2023" in hidden["customdata"]
    title = figure["layout"]["title"]["text"]
    assert title.startswith({"fi": "Vastaajat ", "sv": "Svarande efter ", "en": "Respondents by "}[lang])
    if lang != "fi":  # Finnish inflects the dimension's name in the title
        assert DIMENSION_LABELS[dimension][lang].lower() in title.lower()


def test_an_invalid_lang_shows_a_notice_and_falls_back(survey_app: AppTest) -> None:
    at = run(survey_app, "klingon<script>")
    assert [w.value for w in at.warning] == [
        "Osoitteessa annettua kieltä ei tunnistettu, joten sivu näytetään suomeksi."
    ]
    assert [t.value for t in at.title] == [TITLES["fi"]]
    assert at.query_params["lang"] == "fi"
    at.run()
    assert not at.warning, "the notice is shown once, then the URL is corrected"


def test_the_fallback_follows_the_configured_default_language(
    survey_app: AppTest, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BARO_DEFAULT_LANGUAGE", "sv")
    at = run(survey_app, "xx")
    assert [w.value for w in at.warning] == [
        "Språket i adressen kändes inte igen, så sidan visas på svenska."
    ]
    assert [t.value for t in at.title] == [TITLES["sv"]]


def test_the_sidebar_switch_changes_the_language_and_the_url(survey_app: AppTest) -> None:
    at = run(survey_app, "fi")
    at.segmented_control(key="overview_dimension").set_value("ely_area").run()
    at.segmented_control(key="sidebar_language").set_value("sv").run()
    assert not at.exception
    assert [t.value for t in at.title] == [TITLES["sv"]]
    assert at.query_params["lang"] == "sv"
    assert composition_table(at).columns[0] == "NTM-centralens område", "selection survives"
    at.segmented_control(key="sidebar_language").set_value("en").run()
    assert [t.value for t in at.title] == [TITLES["en"]]
    assert at.query_params["lang"] == "en"


def test_a_larger_k_hides_a_wave_total_too(
    survey_app: AppTest, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BARO_MIN_GROUP_SIZE", "25")
    monkeypatch.setenv("BARO_MIN_QUOTE_GROUP_SIZE", "25")
    at = run(survey_app, "en")
    assert {m.label: m.value for m in at.metric} == {"Respondents 2020": HIDDEN,
                                                     "Respondents 2023": "58"}
    assert any("fewer than 25 respondents" in m.value for m in at.markdown)
    table = composition_table(at)
    # the default breakdown is the organisation type: only municipalities (26) reach 25, and
    # they are hidden too, since the public sector (32) minus them would reveal 6 in education
    assert table.columns[0] == "Organisation type"
    assert set(table["Respondents 2023"]) == {HIDDEN}, table.to_dict()


@pytest.mark.parametrize("lang", ["fi", "en"])
def test_an_empty_store_tells_how_to_build_the_demo_data(
    empty_database_url: str, monkeypatch: pytest.MonkeyPatch, lang: str
) -> None:
    monkeypatch.setenv("DATABASE_URL", empty_database_url)
    at = run(AppTest.from_file(APP_PATH, default_timeout=APP_TIMEOUT_S), lang)
    (info,) = at.info
    assert "python -m baro demo" in info.value and "make run" in info.value
    assert [t.value for t in at.title] == [TITLES[lang]]
    assert not at.get("plotly_chart")


def test_a_missing_sqlite_file_is_an_empty_store_and_is_not_created(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "nothing-here.sqlite"
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{path}")
    at = run(AppTest.from_file(APP_PATH, default_timeout=APP_TIMEOUT_S), "sv")
    (info,) = at.info
    assert "python -m baro demo" in info.value
    assert not path.exists()


def test_an_unreachable_database_shows_an_error_not_a_traceback(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("DATABASE_URL", "postgresql+psycopg://nobody@127.0.0.1:9/none")
    at = run(AppTest.from_file(APP_PATH, default_timeout=APP_TIMEOUT_S), "en")
    (error,) = at.error
    assert error.value.startswith("Could not connect to the database.")


def test_an_invalid_setting_stops_with_the_variable_named(
    survey_app: AppTest, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BARO_MIN_GROUP_SIZE", "two")
    at = run(survey_app, "fi")
    (error,) = at.error
    assert "BARO_MIN_GROUP_SIZE" in error.value
    assert not at.title


@pytest.mark.usefixtures("legacy_pages_detection")
def test_runs_in_streamlits_legacy_pages_mode_still_run_inside_the_frame(
    survey_app: AppTest,
) -> None:
    """The server's first run after start-up is in legacy ``pages/`` mode: app.py as a page,
    or (deep link) pages/overview.py alone. Every AppTest run here starts in that mode."""
    at = run(survey_app, "sv")
    assert at.sidebar.segmented_control(key="sidebar_language").value == "sv"
    # From the second run on the page script alone is asked for, as on a deep link.
    at.segmented_control(key="overview_dimension").set_value("language").run()
    assert not at.exception, [e.value for e in at.exception]
    assert [t.value for t in at.title] == [TITLES["sv"]]
    assert at.sidebar.segmented_control(key="sidebar_language").value == "sv"
    assert composition_table(at).columns[0] == "Svarsspråk"
    assert at.query_params["lang"] == "sv"


NOT_IN_WAVE = {"fi": "ei tällä kierroksella", "sv": "fanns inte denna omgång", "en": "not in this wave"}


def released_in(database_url: str, wave: int, dimension: str) -> dict[str, int | None]:
    """What the gate releases for the breakdown in ``wave`` (``None`` = hidden)."""
    from anonymity import Policy, View
    from codebook import load_codebook
    from data_access import create_engine_from_url, make_session_factory
    from results import load_snapshot, release_population

    with make_session_factory(create_engine_from_url(database_url))() as session:
        snapshot = load_snapshot(session, load_codebook(reference=REFERENCE), REFERENCE, Policy())
    table = release_population(snapshot, wave, View(None, dimension))
    return {str(r.category): r.population for r in table.rows}


@pytest.mark.parametrize("lang", ["fi", "en"])
def test_a_category_that_did_not_exist_in_a_wave_says_so_and_empty_groups_stay_hidden(
        survey_app: AppTest, survey_database_url: str, lang: str) -> None:
    at = run(survey_app, lang)
    at.segmented_control(key="overview_dimension").set_value("org_type").run()
    table = composition_table(at)
    only_2023 = [item.code for item in REFERENCE.items("organisation_types") if item.waves == (2023,)]
    assert only_2023 == ["wellbeing_county"]
    column_2020 = RESPONDENTS_IN[lang].format(wave=2020)
    county = display_label("organisation_types", "wellbeing_county", lang)
    assert row(table, county)[column_2020] == NOT_IN_WAVE[lang]
    gate_2020 = released_in(survey_database_url, 2020, "org_type")
    hidden_2020 = [code for code, count in gate_2020.items()
                   if count is None and code not in ("wellbeing_county", "not_answered")]
    assert hidden_2020, "the survey has hidden classes that did exist in 2020"
    for code in hidden_2020:
        assert row(table, display_label("organisation_types", code, lang))[column_2020] == HIDDEN
    figure = composition_figure(at)
    (absent,) = [t for t in figure["data"] if t["name"] == "absent"]
    assert absent["customdata"] == [f"{county} 2020"]
    assert absent["text"][0].strip() == NOT_IN_WAVE[lang]
    (hidden,) = [t for t in figure["data"] if t["name"] == "hidden"]
    assert f"{county} 2020" not in hidden["customdata"]
    # hidden groups exist, so the page says a large group can be hidden to protect a smaller one
    assert any({"fi": "Myös suuri ryhmä", "en": "A large group can be hidden"}[lang] in c.value for c in at.caption)
