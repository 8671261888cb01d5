"""In a real browser: the "Open answers" page, and an answer full of markup rendered as plain text.

Two servers: the session's demo server (tests/browser/conftest.py) for the page in fi and en,
with screenshots ``test-artifacts/screenshots/open-answers-<lang>.png`` for a human to look at;
and one for this module on a small store (tests/open_answer_fixtures.py) where an NGO in
Uusimaa answered with ``<script>``, a Markdown image and a ``javascript:`` link. That answer is
the only one with its theme and its group is large enough to quote, so it must be shown, as text.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from tests.browser.conftest import StreamlitServer, _wait_until_healthy, save_screenshot, wait_for_app_idle
from tests.conftest import PROJECT_ROOT, free_port
from tests.open_answer_fixtures import PAYLOAD_REDACTED, build_open_answer_database, open_answer_survey

CHART_SVG = '[data-testid="stPlotlyChart"] svg.main-svg'
TITLES = {"fi": "Avoimet vastaukset", "en": "Open answers"}
THEMES_HEADINGS = {"fi": "Teemat kyselykierroksittain", "en": "Themes by survey wave"}
QUOTES_HEADINGS = {"fi": "Esimerkkejä vastauksista", "en": "Example answers"}
CHART_TITLES = {"fi": "Vastauksissa mainitut teemat – Kaikki vastaajat",
                "en": "Themes mentioned in the answers – All respondents"}
OVER_100 = {"fi": "yli 100 %", "en": "more than 100%"}
#: A page long enough for one screenshot of everything: the main area scrolls in its own container.
TALL_VIEWPORT = {"width": 1280, "height": 6400}


@pytest.fixture
def tall_page(browser: Browser, base_url: str) -> Iterator[Page]:
    """A page in a viewport tall enough to hold the whole Open answers page."""
    context: BrowserContext = browser.new_context(viewport=TALL_VIEWPORT, base_url=base_url)
    try:
        yield context.new_page()
    finally:
        context.close()


def open_page(page: Page, lang: str, base: str = "") -> None:
    page.goto(f"{base}/open_answers?lang={lang}")
    expect(page.locator("h1")).to_have_text(TITLES[lang], timeout=60_000)
    wait_for_app_idle(page, 60_000)
    page.wait_for_selector(CHART_SVG, timeout=30_000)


@pytest.mark.parametrize("lang", ["fi", "en"])
def test_open_answers_page_on_the_demo_data(tall_page: Page, lang: str) -> None:
    open_page(tall_page, lang)
    main = tall_page.get_by_test_id("stMain")
    expect(main.get_by_role("heading", name=THEMES_HEADINGS[lang])).to_be_visible()
    expect(main.get_by_role("heading", name=QUOTES_HEADINGS[lang])).to_be_visible()
    expect(tall_page.locator(".gtitle").first).to_have_text(CHART_TITLES[lang])
    expect(main.get_by_text(OVER_100[lang]).first).to_be_visible()
    bars = tall_page.locator('[data-testid="stPlotlyChart"]').first.locator("g.point path")
    assert bars.count() >= 12, "two waves of at least six themes each"
    expect(tall_page.get_by_test_id("stException")).to_have_count(0)
    quotes = main.locator('[data-testid="stText"]')
    assert quotes.count() >= 6, "example quotes of the demo answers are shown"
    tall_page.wait_for_timeout(1_500)  # Plotly finishes drawing the second chart
    path = save_screenshot(main, f"open-answers-{lang}")
    assert path.stat().st_size > 50_000


@pytest.fixture(scope="module")
def payload_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[StreamlitServer]:
    """``streamlit run app.py`` on the small store with the markup answer, for this module."""
    path = tmp_path_factory.mktemp("payload") / "payload.sqlite"
    url = f"sqlite:///{path}"
    build_open_answer_database(url, open_answer_survey(payload=True)).kw["bind"].dispose()
    port = free_port()
    log_path = path.parent / "server.log"
    env = {**os.environ, "DATABASE_URL": url, "PYTHONUNBUFFERED": "1"}
    command = [sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless", "true",
               "--server.port", str(port), "--server.address", "127.0.0.1",
               "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none"]
    with log_path.open("w", encoding="utf-8") as log:
        process = subprocess.Popen(command, cwd=PROJECT_ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
                                   stdin=subprocess.DEVNULL)
    server = StreamlitServer(f"http://127.0.0.1:{port}", log_path, url)
    try:
        _wait_until_healthy(server, process)
        yield server
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


def test_markup_in_an_answer_renders_as_plain_text(browser: Browser, payload_server: StreamlitServer) -> None:
    context = browser.new_context(viewport=TALL_VIEWPORT)
    dialogs: list[Any] = []
    try:
        page = context.new_page()
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        requests: list[str] = []
        page.on("request", lambda request: requests.append(request.url))
        open_page(page, "fi", payload_server.url)
        main = page.get_by_test_id("stMain")
        quote = main.locator('[data-testid="stText"]').filter(has_text="alert(1)")
        expect(quote).to_have_count(1)
        assert quote.inner_text().strip() == PAYLOAD_REDACTED, "the literal (redacted) text is shown"
        assert main.locator("script").count() == 0
        assert main.locator("img").count() == 0
        assert page.locator('a[href^="javascript:" i]').count() == 0
        assert quote.locator("a, img, script, strong, em").count() == 0
        page.wait_for_timeout(500)
        assert dialogs == [], "no script ran"
        assert not [u for u in requests if "example.invalid" in u]
        box = quote.locator('xpath=ancestor::div[contains(@data-testid, "stVerticalBlock")][1]')
        save_screenshot(box, "open-answers-markup-quote")
    finally:
        context.close()
