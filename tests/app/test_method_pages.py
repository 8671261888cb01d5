"""Method and accessibility pages, the share panel and presenter mode under AppTest.

Group sizes of the survey database: tests/app/conftest.py (2020: 21 respondents, 2023: 58).
The responses per wave are compared with the gate's released population counts, never typed in.
"""

from __future__ import annotations

import json

import pytest
from streamlit.testing.v1 import AppTest

from anonymity import Policy, View
from charts import format_count
from codebook import load_codebook, load_reference
from data_access import create_engine_from_url, make_session_factory
from results import load_snapshot, release_population

REFERENCE = load_reference()
LANGUAGES = ("fi", "sv", "en")
METHOD_TITLES = {
    "fi": "Menetelmä: miten kysely tehtiin ja miten tuloksia suojataan",
    "sv": "Metod: hur enkäten gjordes och hur resultaten skyddas",
    "en": "Method: how the survey was made and how results are protected",
}
A11Y_TITLES = {"fi": "Saavutettavuusseloste", "sv": "Tillgänglighetsutlåtande", "en": "Accessibility statement"}
WAVE_HEADERS = {"fi": "Kierros", "sv": "Omgång", "en": "Wave"}
RESPONDENT_HEADERS = {"fi": "Vastaajia", "sv": "Svarande", "en": "Respondents"}


def released_totals(database_url: str) -> dict[str, int | None]:
    """Wave -> the whole population's released respondent count."""
    with make_session_factory(create_engine_from_url(database_url))() as session:
        snapshot = load_snapshot(session, load_codebook(reference=REFERENCE), REFERENCE, Policy())
    totals = {}
    for wave in snapshot.waves:
        table = release_population(snapshot, wave, View())
        assert table.total is not None
        totals[str(wave)] = None if table.total.hidden else table.total.population
    return totals


def open_page(app: AppTest, path: str, lang: str, **params: str) -> AppTest:
    app.query_params["lang"] = lang
    for key, value in params.items():
        app.query_params[key] = value
    app.run()
    app.switch_page(path).run()
    assert not app.exception, [e.value for e in app.exception]
    return app


@pytest.mark.parametrize("lang", LANGUAGES)
def test_method_page_states_responses_per_wave_from_the_gate(survey_app: AppTest, survey_database_url: str,
                                                             lang: str) -> None:
    at = open_page(survey_app, "pages/method.py", lang)
    assert [t.value for t in at.title] == [METHOD_TITLES[lang]]
    assert len(at.header) == 7
    (table,) = at.table
    frame = table.value
    assert list(frame.columns) == [WAVE_HEADERS[lang], RESPONDENT_HEADERS[lang]]
    expected = {wave: format_count(count, lang) for wave, count in released_totals(survey_database_url).items()}
    assert dict(zip(frame.iloc[:, 0], frame.iloc[:, 1], strict=True)) == expected
    assert expected == {"2020": "21", "2023": "58"}
    text = " ".join(m.value for m in at.markdown)
    assert "**5**" in text and "**10**" in text  # k and the quote threshold from the settings
    assert "4.11.2022–24.2.2023" in text or "4 November 2022" in text


@pytest.mark.parametrize("lang", LANGUAGES)
def test_accessibility_statement_in_every_language(survey_app: AppTest, lang: str) -> None:
    at = open_page(survey_app, "pages/accessibility.py", lang)
    assert [t.value for t in at.title] == [A11Y_TITLES[lang]]
    assert "WCAG 2.1" in at.markdown[0].value
    assert "306/2019" in at.markdown[0].value
    assert "{contact}" not in at.markdown[0].value


UNSET_CONTACT = {"fi": "ministeriö lisää tähän", "sv": "ministeriet lägger till", "en": "the ministry adds"}


def test_accessibility_statement_names_known_exceptions_and_the_configured_contact(
        survey_app: AppTest, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("BARO_FEEDBACK_CONTACT", raising=False)
    at = open_page(survey_app, "pages/accessibility.py", "en")
    body = at.markdown[0].value
    assert "never rests on colour alone" not in body
    assert "differ only by colour" in body and "Narrow bar segments carry no value label" in body
    assert UNSET_CONTACT["en"] in body
    monkeypatch.setenv("BARO_FEEDBACK_CONTACT", "saavutettavuus@example.invalid")
    for lang in LANGUAGES:
        at = open_page(survey_app, "pages/accessibility.py", lang)
        body = at.markdown[0].value
        assert "saavutettavuus@example.invalid." in body
        assert UNSET_CONTACT[lang] not in body


def test_every_chart_gets_four_downloads_a_summary_and_the_page_a_deck(survey_app: AppTest) -> None:
    at = open_page(survey_app, "pages/overview.py", "en")
    # Closed, the downloads expander builds no buttons (reruns stay cheap); the deck is always there.
    assert [b.key for b in at.get("download_button")] == ["page_download_pptx"]
    at.session_state["overview_composition_exports"] = True
    at.run()
    keys = sorted(b.key for b in at.get("download_button"))
    assert keys == sorted([f"overview_composition_download_{ext}" for ext in ("png", "svg", "csv", "xlsx")]
                          + ["page_download_pptx"])
    captions = [c.value for c in at.caption]
    assert any(c.startswith("Respondents by organisation type.") or "highest" in c for c in captions)
    assert at.toggle(key="sidebar_present").value is False
    (deck,) = [b for b in at.get("download_button") if b.key == "page_download_pptx"]
    assert deck.proto.label == "Download this view as PowerPoint (1 chart)"  # singular, not "1 charts"


def test_presenter_mode_shows_one_static_chart_and_moves_with_next(survey_app: AppTest) -> None:
    at = open_page(survey_app, "pages/my_region.py", "en", present="1", ely="uusimaa", wave="2023",
                   section="cooperation")
    charts = at.get("plotly_chart")
    assert len(charts) == 1
    first = json.loads(charts[0].proto.spec)
    assert first["layout"]["hovermode"] is False
    assert at.button(key="presenter_previous").disabled
    assert not at.button(key="presenter_next").disabled
    at.button(key="presenter_next").click().run()
    assert not at.exception
    charts = at.get("plotly_chart")
    assert len(charts) == 1
    second = json.loads(charts[0].proto.spec)
    assert second["layout"]["title"]["text"] != first["layout"]["title"]["text"]
    assert not at.button(key="presenter_previous").disabled
    assert at.session_state["presenter_index"] == 1
    at.button(key="presenter_exit").click().run()
    assert "present" not in at.query_params
    assert len(at.get("plotly_chart")) > 1
