"""Rerun time of each results page on the demo data: under AppTest and against ``streamlit run``.

Run ``python benchmarks/bench_pages.py [--database-url URL] [--runs 20]``. Without a URL the demo
database is built into a temp dir first (``python -m baro demo``, about 30 s). Each page view is
opened once (cold: snapshot, releases and figures are computed and cached), then rerun ``--runs``
times; the median and 90th percentile of the warm reruns are reported, the target being 150 ms.

Server timing speaks Streamlit's own websocket protocol on loopback: a ``BackMsg`` with
``rerun_script`` (the page's URL path and query string) is sent and the clock stops at the
``ForwardMsg`` that says the script finished, so the figure includes serialising every delta.
Writes JSON to benchmarks/results/bench_pages.json (git-ignored; ``--output`` renames it) and
prints a table. ``--server-option=--runner.postScriptGC=false`` measures the server without
Streamlit's full garbage collection after every run (about 100 ms per rerun on these machines,
spent scanning the heap of imported modules whatever the page does).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
RESULTS = ROOT / "benchmarks" / "results"
TARGET_MS = 150.0

#: name -> (page script, URL path, query parameters)
VIEWS: dict[str, tuple[str, str, dict[str, str]]] = {
    "overview": ("pages/overview.py", "overview", {"lang": "fi"}),
    "explorer": ("pages/explorer.py", "explorer", {"lang": "fi", "q": "programme_useful"}),
    "explorer_by_ely": ("pages/explorer.py", "explorer", {"lang": "fi", "q": "programme_useful", "by": "ely"}),
    "explorer_multi_by_org": ("pages/explorer.py", "explorer",
                              {"lang": "sv", "q": "nat_participation_forms", "by": "org"}),
    "my_region": ("pages/my_region.py", "my_region", {"lang": "fi", "ely": "pirkanmaa", "section": "national"}),
    "heatmap_by_ely": ("pages/heatmap.py", "heatmap", {"lang": "en", "by": "ely"}),
}


def summarise(samples: list[float]) -> dict[str, float]:
    ordered = sorted(samples)
    return {"median_ms": round(statistics.median(ordered), 1),
            "p90_ms": round(ordered[max(0, int(len(ordered) * 0.9) - 1)], 1),
            "min_ms": round(ordered[0], 1), "runs": len(ordered)}


def build_demo(directory: Path) -> str:
    url = f"sqlite:///{directory / 'demo.sqlite'}"
    subprocess.run([sys.executable, "-m", "baro", "demo", "--database-url", url], cwd=ROOT, check=True,
                   capture_output=True, text=True, timeout=900)
    return url


# --- AppTest -------------------------------------------------------------------------------------


def bench_apptest(database_url: str, runs: int) -> dict[str, dict[str, float]]:
    """Warm reruns of each view in-process (AppTest's own overhead included)."""
    os.environ["DATABASE_URL"] = database_url
    import streamlit.testing.v1.app_test as app_test_module
    from streamlit.runtime.pages_manager import PagesManager
    from streamlit.testing.v1 import AppTest

    class NavigationPagesManager(PagesManager):
        """As on the server after its first request: no legacy pages/ mode (tests/app/conftest.py)."""

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            PagesManager.uses_pages_directory = False

    app_test_module.PagesManager = NavigationPagesManager  # type: ignore[misc]
    out: dict[str, dict[str, float]] = {}
    for name, (script, _path, params) in VIEWS.items():
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
        at.query_params["lang"] = params["lang"]
        at.run()
        at.switch_page(script)
        for key, value in params.items():
            at.query_params[key] = value
        start = time.perf_counter()
        at.run()
        cold = (time.perf_counter() - start) * 1000
        if at.exception:
            raise RuntimeError(f"{name}: {at.exception[0].value}")
        samples = []
        for _ in range(runs):
            start = time.perf_counter()
            at.run()
            samples.append((time.perf_counter() - start) * 1000)
        out[name] = {**summarise(samples), "cold_ms": round(cold, 1)}
    return out


# --- streamlit run -------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_server(database_url: str, port: int, log: Path, extra: list[str]) -> subprocess.Popen[bytes]:
    env = {**os.environ, "DATABASE_URL": database_url}
    command = [sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless", "true",
               "--server.port", str(port), "--server.address", "127.0.0.1",
               "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none", *extra]
    with log.open("w") as handle:
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=handle, stderr=subprocess.STDOUT,
                                   stdin=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2) as response:
                if response.read().decode().strip() == "ok":
                    return process
        except OSError:
            time.sleep(0.2)
    process.terminate()
    raise RuntimeError(f"streamlit did not start:\n{log.read_text()}")


async def _rerun(ws: Any, path: str, query: str) -> tuple[float, list[str]]:
    """One script run of ``path`` (URL path) with ``query``; returns ms and any exception texts."""
    from streamlit.proto.BackMsg_pb2 import BackMsg
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    message = BackMsg()
    message.rerun_script.query_string = query
    message.rerun_script.page_name = path
    start = time.perf_counter()
    await ws.send(message.SerializeToString())
    errors: list[str] = []
    while True:
        forward = ForwardMsg()
        forward.ParseFromString(await ws.recv())
        kind = forward.WhichOneof("type")
        if kind == "delta" and forward.delta.new_element.WhichOneof("type") == "exception":
            errors.append(forward.delta.new_element.exception.message)
        if kind == "script_finished":
            return (time.perf_counter() - start) * 1000, errors


async def _bench_server(port: int, runs: int) -> dict[str, dict[str, float]]:
    from urllib.parse import urlencode

    import websockets

    out: dict[str, dict[str, float]] = {}
    for name, (_script, path, params) in VIEWS.items():
        async with websockets.connect(f"ws://127.0.0.1:{port}/_stcore/stream", subprotocols=["streamlit"],
                                      max_size=None) as ws:
            query = urlencode(params)
            cold, errors = await _rerun(ws, path, query)
            cold_again, errors_again = await _rerun(ws, path, query)  # a first run may only leave legacy mode
            if errors or errors_again:
                raise RuntimeError(f"{name}: {errors or errors_again}")
            samples = [(await _rerun(ws, path, query))[0] for _ in range(runs)]
            out[name] = {**summarise(samples), "cold_ms": round(max(cold, cold_again), 1)}
    return out


def bench_server(database_url: str, runs: int, extra: list[str]) -> dict[str, dict[str, float]]:
    port = free_port()
    log = Path(tempfile.mkdtemp(prefix="bench-pages-")) / "server.log"
    process = start_server(database_url, port, log, extra)
    try:
        return asyncio.run(_bench_server(port, runs))
    finally:
        process.terminate()
        process.wait(timeout=20)


def print_table(apptest: dict[str, dict[str, float]], server: dict[str, dict[str, float]]) -> None:
    print(f"{'page view':<24}{'AppTest median':>16}{'p90':>8}{'server median':>16}{'p90':>8}{'cold':>8}")
    for name in VIEWS:
        a, s = apptest.get(name, {}), server.get(name, {})
        print(f"{name:<24}{a.get('median_ms', float('nan')):>13.1f} ms{a.get('p90_ms', float('nan')):>8.1f}"
              f"{s.get('median_ms', float('nan')):>13.1f} ms{s.get('p90_ms', float('nan')):>8.1f}"
              f"{s.get('cold_ms', float('nan')):>8.0f}")
    print(f"target: every server median under {TARGET_MS:.0f} ms")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", help="a built demo database (default: build one in a temp dir)")
    parser.add_argument("--runs", type=int, default=20, help="warm reruns per page view")
    parser.add_argument("--skip-server", action="store_true", help="AppTest only")
    parser.add_argument("--output", default="bench_pages.json", help="file name under benchmarks/results/")
    parser.add_argument("--server-option", action="append", default=[],
                        help="extra streamlit option for the server, e.g. --server-option=--runner.postScriptGC=false")
    args = parser.parse_args()
    url = args.database_url
    build_seconds = None
    if url is None:
        start = time.perf_counter()
        url = build_demo(Path(tempfile.mkdtemp(prefix="bench-pages-")))
        build_seconds = round(time.perf_counter() - start, 1)
    load_before = os.getloadavg()[0]
    apptest = bench_apptest(url, args.runs)
    server = {} if args.skip_server else bench_server(url, args.runs, args.server_option)
    print_table(apptest, server)
    result = {
        "benchmark": "results pages rerun",
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "database_url": url if build_seconds is None else "demo (seed 7) built in a temp dir",
        "demo_build_seconds": build_seconds,
        "runs": args.runs,
        "server_options": args.server_option,
        "target_ms": TARGET_MS,
        "views": {name: {"page": script, "query": params} for name, (script, _p, params) in VIEWS.items()},
        "apptest": apptest,
        "server": server,
        "within_target": all(v["median_ms"] <= TARGET_MS for v in server.values()) if server else None,
        "load_average_before": round(load_before, 2),
        "python": platform.python_version(),
        "cpus": os.cpu_count(),
    }
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / args.output).write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
