"""Presenter mode in a real browser: two charts, one at a time, moved by the arrow key.

``?present=1`` hides the sidebar and the page's own elements; the stage shows the chart with its
view line and the "protected results" note; the right arrow (Streamlit's button shortcut) moves
to the next chart. Screenshots: test-artifacts/screenshots/presenter-*.png.
"""

from __future__ import annotations

import json

from playwright.sync_api import Page, expect

from codebook import load_codebook
from tests.browser.conftest import StreamlitServer, open_app, save_screenshot, wait_for_app_idle

CHART_SVG = '[data-testid="stPlotlyChart"] svg.main-svg'
CODEBOOK = load_codebook()


def title_of(page: Page) -> str:
    return " ".join(str(page.locator(".gtitle").first.text_content()).split())


def test_presenter_mode_shows_two_charts_one_by_one_by_keyboard(page: Page,
                                                                streamlit_server: StreamlitServer) -> None:
    page.set_viewport_size({"width": 1280, "height": 900})
    open_app(page, "/my_region", lang="en", present="1", wave="2023", ely="uusimaa", section="cooperation")
    page.wait_for_selector(CHART_SVG)
    wait_for_app_idle(page)
    questions = [q for q in CODEBOOK.questions_in_wave(2023) if q.section == "cooperation" and q.is_closed]

    # No chrome: no sidebar, no header; one chart; the protected note and the frozen view line.
    expect(page.get_by_test_id("stSidebar")).to_be_hidden()
    expect(page.get_by_test_id("stHeader")).to_be_hidden()
    expect(page.locator('[data-testid="stPlotlyChart"]:visible')).to_have_count(1)
    stage = page.locator(".st-key-presenter_stage")
    expect(stage.get_by_text("Protected results", exact=False)).to_be_visible()
    expect(stage.get_by_text(f"chart 1 of {len(questions)}", exact=False)).to_be_visible()
    expect(stage.get_by_text("View: Uusimaa", exact=False)).to_be_visible()
    first = title_of(page)
    assert first.startswith(questions[0].text_for("en", 2023)[:40])
    # Large type: stage text is larger than the app's 16 px body text.
    size = stage.locator("p").first.evaluate("e => parseFloat(getComputedStyle(e).fontSize)")
    assert size >= 22
    # No hover labels: the chart is static.
    chart = page.locator('[data-testid="stPlotlyChart"]').first
    chart.hover()
    expect(page.locator(".hoverlayer .hovertext")).to_have_count(0)
    save_screenshot(page, "presenter-1-my-region-en")

    page.mouse.click(5, 5)  # focus the page, not a widget
    page.keyboard.press("ArrowRight")
    expect(stage.get_by_text(f"chart 2 of {len(questions)}", exact=False)).to_be_visible()
    wait_for_app_idle(page)
    page.wait_for_selector(CHART_SVG)
    expect(page.locator(".gtitle").first).to_contain_text(questions[1].text_for("en", 2023)[:30])
    assert title_of(page) != first
    save_screenshot(page, "presenter-2-my-region-en")

    page.keyboard.press("ArrowLeft")
    expect(stage.get_by_text(f"chart 1 of {len(questions)}", exact=False)).to_be_visible()
    wait_for_app_idle(page)

    # Leaving presenter mode brings the sidebar and every chart back.
    stage.get_by_role("button", name="Leave presenter mode").click()
    expect(page.get_by_test_id("stSidebar")).to_be_visible()
    wait_for_app_idle(page)
    assert "present=1" not in page.url
    spec_count = page.locator('[data-testid="stPlotlyChart"]').count()
    assert spec_count == len(questions), json.dumps(spec_count)
