"""The ELY coordinator's path in a real browser, and screenshots of every results page.

A coordinator opens a deep link to their area in Swedish (My region), then the Question explorer
filtered to the area, changes the question in the sidebar, and opens the table behind the chart:
the chart's n and its direct labels must be the table's numbers. Screenshots go to
``test-artifacts/screenshots/`` (results-*.png) for a human to look at.
"""

from __future__ import annotations

import re

from playwright.sync_api import Locator, Page, expect

from codebook import load_codebook
from tests.browser.conftest import StreamlitServer, open_app, save_screenshot, wait_for_app_idle

CODEBOOK = load_codebook()
CHART_SVG = '[data-testid="stPlotlyChart"] svg.main-svg'
MISSING_KEY = re.compile(r"\[[a-z_]+(?:\.[a-z_]+)+\]")
NBSP = "\u00a0"


def check_clean(page: Page) -> None:
    """No exception, no warning notice, no catalogue key shown instead of text."""
    expect(page.get_by_test_id("stException")).to_have_count(0)
    expect(page.get_by_test_id("stAlertContentWarning")).to_have_count(0)
    assert MISSING_KEY.findall(page.get_by_test_id("stApp").inner_text()) == []


def choose(page: Page, label: str, option: str) -> None:
    """Pick ``option`` in the sidebar selectbox labelled ``label`` and wait for the rerun."""
    box = page.get_by_test_id("stSidebar").get_by_test_id("stSelectbox").filter(has_text=label)
    box.click()
    page.get_by_role("option", name=option, exact=True).click()


def chart_texts(chart: Locator) -> list[str]:
    """Direct labels drawn on bars (Plotly scales a label that does not fit at 14 px to nothing)."""
    drawn = chart.locator("text.bartext").evaluate_all(
        "els => els.map(e => [e.textContent, e.getAttribute('transform') || ''])")
    return [text.strip() for text, transform in drawn if text.strip() and "scale(0)" not in transform]


def test_coordinator_deep_link_in_swedish_then_another_question(page: Page,
                                                               streamlit_server: StreamlitServer) -> None:
    outside: list[str] = []
    page.on("request", lambda r: outside.append(r.url)
            if not r.url.startswith(streamlit_server.url) and not r.url.startswith("data:") else None)

    # 1. My region, deep link: Pirkanmaa in Swedish, every closed question of the section.
    open_app(page, "/my_region", lang="sv", wave="2023", ely="pirkanmaa", section="cooperation")
    expect(page.locator("h1")).to_have_text("Mitt område och hela landet")
    expect(page).to_have_url(re.compile(r"[?&]ely=pirkanmaa(&|$)"))
    questions = [q for q in CODEBOOK.questions_in_wave(2023) if q.section == "cooperation" and q.is_closed]
    page.wait_for_selector(CHART_SVG)
    wait_for_app_idle(page)
    expect(page.locator('[data-testid="stPlotlyChart"]')).to_have_count(len(questions))
    expect(page.get_by_text("Hela landet (n", exact=False).first).to_be_visible()
    check_clean(page)
    save_screenshot(page, "results-my-region-sv")

    # 2. The explorer filtered to the area; change the question in the sidebar.
    open_app(page, "/explorer", lang="sv", wave="2023", ely="pirkanmaa", q="coop_grade_municipal")
    expect(page.locator("h1")).to_have_text("Resultat fråga för fråga")
    page.wait_for_selector(CHART_SVG)
    new_question = CODEBOOK.question("dialogue_municipal").text_for("sv", 2023)
    choose(page, "Fråga", new_question)
    expect(page.locator(".gtitle").first).to_contain_text(new_question[:30])
    wait_for_app_idle(page)
    expect(page).to_have_url(re.compile(r"[?&]q=dialogue_municipal(&|$)"))
    expect(page).to_have_url(re.compile(r"[?&]ely=pirkanmaa(&|$)"))
    check_clean(page)

    # 3. The chart and the table behind it agree: the caption's n and every direct label.
    chart = page.locator('[data-testid="stPlotlyChart"]').first
    page.wait_for_selector(f"{CHART_SVG} text.bartext", state="attached")
    caption = str(chart.locator("text").filter(has_text=re.compile(r"^n = ")).first.text_content())
    n = re.match(r"n = ([\d\s\u00a0]+)", caption)
    assert n is not None, caption
    labels = chart_texts(chart)
    assert labels, "the chart writes its shares on the segments"
    page.get_by_test_id("stExpander").get_by_text("Visa siffrorna som tabell").click()
    table = page.get_by_test_id("stTable")
    expect(table).to_be_visible()
    wait_for_app_idle(page)
    row = table.locator("tbody tr").first
    cells = [c.strip() for c in row.locator("td, th").all_inner_texts()]
    assert cells[0] == "Birkaland, alla", "Pirkanmaa in Swedish: the filtered population"
    assert cells[1].replace(NBSP, " ") == n.group(1).strip().replace(NBSP, " ")
    for text in labels:
        assert text.replace(NBSP, " ") in [c.replace(NBSP, " ") for c in cells], (text, cells)
    save_screenshot(page, "results-explorer-sv-pirkanmaa")
    assert outside == [], f"the page reached outside the app: {outside[:3]}"


def test_screenshots_of_every_results_page(page: Page, streamlit_server: StreamlitServer) -> None:
    shots = [
        ("/explorer", {"lang": "fi", "q": "programme_useful", "by": "ely"}, "results-explorer-fi-by-ely"),
        ("/explorer", {"lang": "en", "q": "coop_grade_regional", "by": "sector"}, "results-explorer-en-grade-sector"),
        ("/explorer", {"lang": "sv", "q": "nat_participation_forms"}, "results-explorer-sv-multi"),
        ("/my_region", {"lang": "en", "ely": "kainuu", "section": "national"}, "results-my-region-en-kainuu"),
        ("/heatmap", {"lang": "en", "by": "ely"}, "results-heatmap-en-ely"),
        ("/heatmap", {"lang": "fi", "by": "sector", "measure": "positive"}, "results-heatmap-fi-agree"),
    ]
    for path, query, name in shots:
        open_app(page, path, **query)
        page.wait_for_selector(CHART_SVG)
        wait_for_app_idle(page)
        page.wait_for_timeout(800)  # Plotly draws after the run is idle
        check_clean(page)
        save_screenshot(page, name)
