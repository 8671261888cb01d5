"""Browser level: ``streamlit run app.py`` on a demo database, driven by Playwright and chromium.

What this gives a browser test (every test in this folder gets the ``browser`` marker):

- ``page`` (pytest-playwright) in Debian's ``/usr/bin/chromium``, with ``base_url`` set to the
  running app, so ``page.goto("/?lang=sv")`` opens it;
- ``streamlit_server``: the server's URL and log file (to assert on start-up warnings);
- ``wait_for_app_idle(page)``, ``open_app(page, lang=...)`` and ``save_screenshot(target, name)``
  (PNG under ``test-artifacts/screenshots/``), importable from ``tests.browser.conftest``.

Locally a missing chromium skips with a reason; under ``CI=true`` it fails.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import pytest
from playwright.sync_api import Locator, Page

from tests.conftest import PROJECT_ROOT, free_port, skip_or_fail

CHROMIUM = Path(os.environ.get("BARO_CHROMIUM", "/usr/bin/chromium"))
#: Flags that keep Debian's chromium headless, sandbox-free as root, and offline-clean.
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-features=AutofillServerCommunication",
]
SCREENSHOT_DIR = PROJECT_ROOT / "test-artifacts" / "screenshots"
#: The app has finished its script run and its websocket is up.
IDLE_SELECTOR = (
    '[data-testid="stApp"][data-test-script-state="notRunning"]'
    '[data-test-connection-state="CONNECTED"]'
)
DEMO_SEED = 7
SERVER_START_TIMEOUT_S = 60.0
HERE = Path(__file__).resolve().parent


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark this folder's tests ``browser`` and keep them on one xdist worker (one server)."""
    for item in items:
        if HERE in Path(str(item.path)).resolve().parents:
            item.add_marker(pytest.mark.browser)
            item.add_marker(pytest.mark.xdist_group("browser"))


@dataclass(frozen=True)
class StreamlitServer:
    """A running ``streamlit run app.py``; ``log_path`` holds its stdout and stderr."""

    url: str
    log_path: Path
    database_url: str

    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")


@pytest.fixture(scope="session")
def demo_database_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A demo database built by ``python -m baro demo`` in a temp dir (never data/)."""
    path = tmp_path_factory.mktemp("browser-demo") / "demo.sqlite"
    url = f"sqlite:///{path}"
    built = subprocess.run(
        [sys.executable, "-m", "baro", "demo", "--seed", str(DEMO_SEED), "--database-url", url],
        cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=600, check=False,
    )
    if built.returncode != 0:
        pytest.fail(f"python -m baro demo failed ({built.returncode}):\n{built.stdout}\n"
                    f"{built.stderr}", pytrace=False)
    return url


@pytest.fixture(scope="session")
def streamlit_server(
    demo_database_url: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[StreamlitServer]:
    """``streamlit run app.py`` on 127.0.0.1 and a free port, until the session ends."""
    port = free_port()
    log_path = tmp_path_factory.mktemp("streamlit") / "server.log"
    env = {**os.environ, "DATABASE_URL": demo_database_url, "PYTHONUNBUFFERED": "1"}
    command = [
        sys.executable, "-m", "streamlit", "run", "app.py",
        "--server.headless", "true", "--server.port", str(port),
        "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false",
        "--server.fileWatcherType", "none",
    ]
    with log_path.open("w", encoding="utf-8") as log:
        process = subprocess.Popen(
            command, cwd=PROJECT_ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
        )
    server = StreamlitServer(f"http://127.0.0.1:{port}", log_path, demo_database_url)
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


def _wait_until_healthy(server: StreamlitServer, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + SERVER_START_TIMEOUT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"streamlit exited with {process.returncode}:\n{server.log()}",
                        pytrace=False)
        try:
            with urllib.request.urlopen(f"{server.url}/_stcore/health", timeout=2) as response:
                if response.read().decode().strip() == "ok":
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.2)
    pytest.fail(f"streamlit did not answer /_stcore/health in {SERVER_START_TIMEOUT_S} s:\n"
                f"{server.log()}", pytrace=False)


@pytest.fixture(scope="session")
def base_url(streamlit_server: StreamlitServer) -> str:
    """pytest-playwright resolves ``page.goto("/...")`` against this."""
    return streamlit_server.url


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    """Launch Debian's chromium (``playwright install`` cannot download browsers here)."""
    if not CHROMIUM.exists():
        skip_or_fail(f"{CHROMIUM} not found (apt-get install chromium)")
    return {**browser_type_launch_args, "executable_path": str(CHROMIUM), "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict[str, Any]) -> dict[str, Any]:
    """A tall viewport: the main area scrolls in its own container, so full-page shots miss it."""
    return {**browser_context_args, "viewport": {"width": 1280, "height": 1600}}


def wait_for_app_idle(page: Page, timeout_ms: float = 30_000) -> None:
    """Wait until the script run is over and the websocket is connected.

    After a click the app can look idle for a few ms before the rerun starts: wait for the
    expected new content first, then call this.
    """
    page.wait_for_selector(IDLE_SELECTOR, timeout=timeout_ms)


def open_app(page: Page, path: str = "/", timeout_ms: float = 30_000, **query: str) -> None:
    """Open ``path`` of the app with ``query`` parameters (e.g. ``lang="sv"``) and wait idle."""
    suffix = f"?{urlencode(query)}" if query else ""
    page.goto(f"{path}{suffix}")
    wait_for_app_idle(page, timeout_ms)


def save_screenshot(target: Page | Locator, name: str) -> Path:
    """Save a PNG under ``test-artifacts/screenshots/<name>.png`` (git-ignored) and return it."""
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOT_DIR / f"{name}.png"
    target.screenshot(path=str(path))
    return path
