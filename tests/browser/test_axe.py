"""axe-core on every page of the app: no serious or critical accessibility violations.

axe-core comes from npm (``make axe`` puts it in ``.cache/axe``); without it the test skips
locally and fails under ``CI=true``. Every page registered in app.py is checked, in Finnish,
and the Question explorer also with a breakdown (hidden groups, more widgets) and in presenter
mode.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page

from tests.browser.conftest import StreamlitServer, open_app, wait_for_app_idle
from tests.conftest import PROJECT_ROOT, skip_or_fail

AXE_JS = PROJECT_ROOT / ".cache" / "axe" / "node_modules" / "axe-core" / "axe.min.js"
BLOCKING = ("serious", "critical")


def registered_paths() -> list[str]:
    """The url_path of every st.Page in app.py, so a new page is checked without editing this."""
    source = (PROJECT_ROOT / "app.py").read_text(encoding="utf-8")
    return re.findall(r'url_path="([a-z_]+)"', source)


VIEWS: list[tuple[str, dict[str, str]]] = [
    *((f"/{path}", {"lang": "fi"}) for path in registered_paths()),
    ("/explorer", {"lang": "sv", "q": "programme_useful", "by": "ely"}),
    ("/explorer", {"lang": "en", "q": "coop_grade_regional", "present": "1"}),
]


@pytest.fixture(scope="module")
def axe_source() -> str:
    if not AXE_JS.exists():
        skip_or_fail(f"{AXE_JS.relative_to(PROJECT_ROOT)} missing: run `make axe` (npm install axe-core)")
    return Path(AXE_JS).read_text(encoding="utf-8")


def test_every_page_is_registered() -> None:
    assert {"overview", "explorer", "my_region", "heatmap", "open_answers", "method", "accessibility"} <= set(
        registered_paths())


@pytest.mark.parametrize(("path", "query"), VIEWS, ids=[f"{p}-{'-'.join(q.values())}" for p, q in VIEWS])
def test_no_serious_or_critical_violations(page: Page, streamlit_server: StreamlitServer, axe_source: str,
                                           path: str, query: dict[str, str]) -> None:
    open_app(page, path, **query)
    if page.locator('[data-testid="stPlotlyChart"]').count():
        page.wait_for_selector('[data-testid="stPlotlyChart"] svg.main-svg')
    wait_for_app_idle(page)
    # A first request can rerun (legacy pages/ mode, the URL written back): let it settle.
    page.wait_for_timeout(1000)
    wait_for_app_idle(page)
    page.add_script_tag(content=axe_source)
    violations: list[dict[str, Any]] = page.evaluate(
        """async () => (await axe.run(document, {resultTypes: ['violations']})).violations.map(v => ({
            id: v.id, impact: v.impact, help: v.help,
            nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}))""")
    blocking = [v for v in violations if v["impact"] in BLOCKING]
    assert blocking == [], "\n".join(f"{v['impact']} {v['id']}: {v['help']} at {v['nodes']}" for v in blocking)
