"""In a real browser: the Overview opens in Finnish, the sidebar switch turns it into Swedish and
English, the URL follows (``?lang=``), and a chart is drawn each time.

Runs against ``streamlit run app.py`` on the seeded demo database (tests/browser/conftest.py).
Screenshots go to ``test-artifacts/screenshots/overview-<lang>.png`` for a human to look at.
"""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from tests.browser.conftest import (
    StreamlitServer,
    open_app,
    save_screenshot,
    wait_for_app_idle,
)

CHART_SVG = '[data-testid="stPlotlyChart"] svg.main-svg'
#: What each language must show: heading, a metric label, the chart title, the method heading.
EXPECTED = {
    "fi": ("Ketkä kyselyyn vastasivat?", "Vastaajat 2023",
           "Vastaajat organisaation tyypin mukaan", "Menetelmästä"),
    "sv": ("Vem svarade på enkäten?", "Svarande 2023",
           "Svarande efter organisationstyp", "Om metoden"),
    "en": ("Who answered the survey?", "Respondents 2023",
           "Respondents by organisation type", "About the method"),
}
#: How ui.i18n shows a missing key outside strict mode: ``[overview.title]``.
MISSING_KEY = re.compile(r"\[[a-z_]+(?:\.[a-z_]+)+\]")
LANGUAGE_NAMES = {"fi": "Suomi", "sv": "Svenska", "en": "English"}
#: Words of another language that must not be left on the page (untranslated text).
FOREIGN_WORDS = {
    "fi": ("Respondents", "Svarande", "Overview"),
    "sv": ("Vastaajat", "Respondents", "Menetelmästä"),
    "en": ("Vastaajat", "Svarande", "Menetelmästä"),
}


def check_page_speaks(page: Page, lang: str) -> None:
    heading, metric, chart_title, method = EXPECTED[lang]
    main = page.get_by_test_id("stMain")
    expect(page.locator("h1")).to_have_text(heading)
    expect(page).to_have_url(re.compile(rf"[?&]lang={lang}(&|$)"))
    expect(main.get_by_test_id("stMetricLabel").filter(has_text=metric)).to_have_count(1)
    expect(main.get_by_role("heading", name=method)).to_be_visible()
    page.wait_for_selector(CHART_SVG)
    expect(page.locator(".gtitle")).to_have_text(chart_title)
    expect(page.locator('[data-testid="stPlotlyChart"] g.point path').first).to_be_visible()
    selected = page.get_by_test_id("stSidebar").locator('[role="radio"][aria-checked="true"]')
    expect(selected).to_have_text(LANGUAGE_NAMES[lang])
    text = main.inner_text()
    assert [w for w in FOREIGN_WORDS[lang] if w in text] == []
    everything = page.get_by_test_id("stApp").inner_text()
    assert MISSING_KEY.findall(everything) == [], "a catalogue key was shown instead of text"
    expect(page.get_by_test_id("stException")).to_have_count(0)
    expect(page.get_by_test_id("stDialog")).to_have_count(0)


def switch_language(page: Page, lang: str) -> None:
    page.get_by_test_id("stSidebar").get_by_role("radio", name=LANGUAGE_NAMES[lang]).click()
    expect(page.locator("h1")).to_have_text(EXPECTED[lang][0])
    wait_for_app_idle(page)


def test_switching_the_language_in_the_sidebar(
    page: Page, streamlit_server: StreamlitServer
) -> None:
    console_errors: list[str] = []
    page.on("console", lambda m: console_errors.append(m.text) if m.type == "error" else None)
    outside: list[str] = []
    page.on("request", lambda r: outside.append(r.url)
            if not r.url.startswith(streamlit_server.url) and not r.url.startswith("data:")
            else None)

    open_app(page)
    check_page_speaks(page, "fi")
    save_screenshot(page, "overview-fi")

    for lang in ("sv", "en"):
        switch_language(page, lang)
        check_page_speaks(page, lang)
        save_screenshot(page, f"overview-{lang}")

    assert outside == [], "the dashboard must not reach the internet"
    assert console_errors == []
    log = streamlit_server.log()
    assert "pages" not in log.lower(), log
    assert "Traceback" not in log, log


def test_a_shared_link_opens_in_its_language_and_the_table_is_one_click_away(page: Page) -> None:
    open_app(page, lang="sv")
    check_page_speaks(page, "sv")
    page.get_by_test_id("stMain").get_by_role("radio", name="NTM-centralens område").click()
    new_title = page.locator(".gtitle").filter(has_text="Svarande efter NTM-centralens område")
    expect(new_title).to_be_visible()
    wait_for_app_idle(page)
    expect(page.locator(".gtitle")).to_have_count(1)
    page.get_by_text("Visa siffrorna som tabell").click()
    table = page.get_by_test_id("stTable")
    expect(table).to_be_visible()
    expect(table.locator("th").first).to_have_text("NTM-centralens område")
    expect(table).to_contain_text("Kajanaland")
    expect(table.locator("tbody tr")).to_have_count(18)
    page.wait_for_timeout(500)  # the expander animates open
    expect(page).to_have_url(re.compile(r"/\?lang=sv$"))
    save_screenshot(page, "overview-sv-ely-table")
