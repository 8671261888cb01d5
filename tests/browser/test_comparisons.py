"""Wave comparisons in a real browser: What changed, the explorer and My region with both waves.

Screenshots (test-artifacts/screenshots/compare-*.png) in Finnish and English, for a human to
look at. The checks: the page runs clean (no exception, no warning, no catalogue key), the
charts draw, the URL keeps ``wave=2020,2023``, and choosing "both" in the explorer's wave
switch writes it to the URL.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import StreamlitServer, open_app, save_screenshot, wait_for_app_idle
from ui.i18n import translate

CHART_SVG = '[data-testid="stPlotlyChart"] svg.main-svg'
MISSING_KEY = re.compile(r"\[[a-z_]+(?:\.[a-z_]+)+\]")


def check_clean(page: Page) -> None:
    expect(page.get_by_test_id("stException")).to_have_count(0)
    expect(page.get_by_test_id("stAlertContentWarning")).to_have_count(0)
    assert MISSING_KEY.findall(page.get_by_test_id("stApp").inner_text()) == []


def shoot(page: Page, name: str, height: int = 3600) -> None:
    """A screenshot of the whole main area (it scrolls in its own container: grow the viewport)."""
    page.set_viewport_size({"width": 1280, "height": height})
    page.wait_for_timeout(800)
    wait_for_app_idle(page)
    save_screenshot(page.get_by_test_id("stMain"), name)
    page.set_viewport_size({"width": 1280, "height": 1600})


def settle(page: Page) -> None:
    page.wait_for_selector(CHART_SVG)
    wait_for_app_idle(page)
    page.wait_for_timeout(600)  # Plotly finishes drawing after the script run


@pytest.mark.parametrize("lang", ["fi", "en"])
def test_what_changed_ranks_items_with_the_bh_marker(page: Page, streamlit_server: StreamlitServer,
                                                     lang: str) -> None:
    open_app(page, "/what_changed", lang=lang)
    expect(page.locator("h1")).to_have_text(translate("changed.title", lang))
    settle(page)
    check_clean(page)
    expect(page.locator('[data-testid="stPlotlyChart"]')).to_have_count(2)
    expect(page).to_have_url(re.compile(r"[?&]wave=2020%2C2023(&|$)"))
    # the legend names both kinds of marker
    chart = page.locator('[data-testid="stPlotlyChart"]').first
    expect(chart.locator(".legendtext").filter(has_text=translate("compare.not_supported", lang))).to_have_count(1)
    shoot(page, f"compare-what-changed-{lang}")

    open_app(page, "/what_changed", lang=lang, ely="uusimaa")
    settle(page)
    check_clean(page)
    shoot(page, f"compare-what-changed-uusimaa-{lang}")


@pytest.mark.parametrize("lang", ["fi", "en"])
def test_explorer_both_waves_side_by_side(page: Page, streamlit_server: StreamlitServer, lang: str) -> None:
    open_app(page, "/explorer", lang=lang, wave="2023", q="dialogue_national", by="sector")
    settle(page)
    box = page.get_by_test_id("stSidebar").get_by_test_id("stSelectbox").filter(
        has_text=translate("view.wave", lang))
    box.click()
    page.get_by_role("option", name=translate("compare.wave_both", lang), exact=True).click()
    expect(page.get_by_text(translate("compare.heading", lang), exact=True)).to_be_visible()
    settle(page)
    expect(page).to_have_url(re.compile(r"[?&]wave=2020%2C2023(&|$)"))
    check_clean(page)
    # agreement item: % agree and the mean, each with both waves
    expect(page.locator('[data-testid="stPlotlyChart"]')).to_have_count(2)
    shoot(page, f"compare-explorer-{lang}")

    open_app(page, "/explorer", lang=lang, wave="2020,2023", q="coop_partners", by="none")
    settle(page)
    check_clean(page)
    shoot(page, f"compare-explorer-choice-{lang}")


@pytest.mark.parametrize("lang", ["fi", "en"])
def test_my_region_both_waves(page: Page, streamlit_server: StreamlitServer, lang: str) -> None:
    open_app(page, "/my_region", lang=lang, wave="2020,2023", ely="pirkanmaa", section="cooperation")
    settle(page)
    check_clean(page)
    expect(page.get_by_text(translate("region.whole_country", lang), exact=False).first).to_be_visible()
    shoot(page, f"compare-my-region-{lang}")
