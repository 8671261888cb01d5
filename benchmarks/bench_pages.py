"""Rerun time of every page, under AppTest and against ``streamlit run``, as ms and as a multiple of the floor.

Run ``python benchmarks/bench_pages.py [--database-url URL] [--label demo] [--runs 20]``. Without
a URL a demo database is built into a temp dir first (``python -m baro demo``; ``--respondents
100000`` builds the synthetic large survey instead, which takes minutes: build it once and pass
its URL). Each page view is opened once (cold: snapshot, releases and figures are computed and
cached), then rerun ``--runs`` times; the median, p90 and p95 of the warm reruns are reported.

The floor is ``benchmarks/floor_app.py`` (an empty page with one chart) timed in the same run
the same way: each page's median is also reported as a multiple of the floor's. Targets
(issue 9): at demo size every page within 2x the floor and p50 <= 100 ms; at 100,000
respondents every page <= 300 ms.

Server timing speaks Streamlit's own websocket protocol on loopback (benchmarks/_protocol.py):
the clock stops at the ``ForwardMsg`` that says the script finished, so it includes serialising
every delta. ``--server-option=--runner.postScriptGC=false`` passes options to both servers.
Writes JSON to benchmarks/results/bench_pages_<label>.json (git-ignored) and prints a table.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks._protocol import (  # noqa: E402  (the path above makes the package importable)
    RESULTS,
    ROOT,
    Session,
    connect,
    free_port,
    load_average,
    ratio,
    start_server,
    stop_server,
    summarise,
)

FLOOR = "floor"
FLOOR_SCRIPT = ROOT / "benchmarks" / "floor_app.py"
#: Targets of issue 9.
FLOOR_RATIO_TARGET = 2.0
ONE_USER_P50_TARGET_MS = 100.0
LARGE_TARGET_MS = 300.0

#: name -> (page script, URL path, query parameters)
VIEWS: dict[str, tuple[str, str, dict[str, str]]] = {
    "overview": ("pages/overview.py", "overview", {"lang": "fi"}),
    "explorer": ("pages/explorer.py", "explorer", {"lang": "fi", "q": "programme_useful"}),
    "explorer_by_ely": ("pages/explorer.py", "explorer", {"lang": "fi", "q": "programme_useful", "by": "ely"}),
    "explorer_multi_by_org": ("pages/explorer.py", "explorer",
                              {"lang": "sv", "q": "nat_participation_forms", "by": "org"}),
    "my_region": ("pages/my_region.py", "my_region", {"lang": "fi", "ely": "pirkanmaa", "section": "national"}),
    "heatmap_by_ely": ("pages/heatmap.py", "heatmap", {"lang": "en", "by": "ely"}),
    "open_answers": ("pages/open_answers.py", "open_answers", {"lang": "fi"}),
}


def build_demo(directory: Path, respondents: int | None) -> str:
    url = f"sqlite:///{directory / 'demo.sqlite'}"
    size = [] if respondents is None else ["--respondents", str(respondents)]
    subprocess.run([sys.executable, "-m", "baro", "demo", "--database-url", url, *size], cwd=ROOT, check=True,
                   capture_output=True, text=True, timeout=3600)
    return url


# --- AppTest ---------------------------------------------------------------------------------------


def _timed_runs(run: Any, runs: int) -> tuple[float, list[float]]:
    start = time.perf_counter()
    run()
    cold = (time.perf_counter() - start) * 1000
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        run()
        samples.append((time.perf_counter() - start) * 1000)
    return cold, samples


def bench_apptest(database_url: str, runs: int, views: dict[str, tuple[str, str, dict[str, str]]]
                  ) -> dict[str, dict[str, float]]:
    """Warm reruns of the floor and each view in-process (AppTest's own overhead included)."""
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
    floor = AppTest.from_file(str(FLOOR_SCRIPT), default_timeout=60)
    cold, samples = _timed_runs(floor.run, runs)
    out[FLOOR] = {**summarise(samples), "cold_ms": round(cold, 1)}
    for name, (script, _path, params) in views.items():
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=600)
        at.query_params["lang"] = params["lang"]
        at.run()
        at.switch_page(script)
        for key, value in params.items():
            at.query_params[key] = value
        cold, samples = _timed_runs(at.run, runs)
        if at.exception:
            raise RuntimeError(f"{name}: {at.exception[0].value}")
        out[name] = {**summarise(samples), "cold_ms": round(cold, 1)}
    return out


# --- streamlit run ---------------------------------------------------------------------------------


async def _bench_floor(port: int, runs: int) -> dict[str, float]:
    ws = await connect(port)
    try:
        session = Session(ws)
        cold = (await session.rerun()).ms
        samples = [(await session.rerun()).ms for _ in range(runs)]
    finally:
        await ws.close()
    return {**summarise(samples), "cold_ms": round(cold, 1)}


async def _bench_views(port: int, runs: int, views: dict[str, tuple[str, str, dict[str, str]]]
                       ) -> dict[str, dict[str, float]]:
    out: dict[str, dict[str, float]] = {}
    for name, (_script, path, params) in views.items():
        ws = await connect(port)
        try:
            session = Session(ws)
            query = urlencode(params)
            first = await session.rerun(page_name=path, query=query)
            if first.exceptions:
                raise RuntimeError(f"{name}: {first.exceptions}")
            samples = []
            for _ in range(runs):
                result = await session.rerun()
                if result.exceptions:
                    raise RuntimeError(f"{name}: {result.exceptions}")
                samples.append(result.ms)
        finally:
            await ws.close()
        out[name] = {**summarise(samples), "cold_ms": round(first.ms, 1)}
    return out


def bench_server(database_url: str, runs: int, options: list[str],
                 views: dict[str, tuple[str, str, dict[str, str]]]) -> dict[str, Any]:
    """Floor and app servers with the same options; warm reruns of each over the websocket."""
    logs = Path(tempfile.mkdtemp(prefix="bench-pages-"))
    floor_port, app_port = free_port(), free_port()
    floor = start_server(FLOOR_SCRIPT, floor_port, logs / "floor.log", options=options)
    try:
        floor_result = asyncio.run(_bench_floor(floor_port, runs))
    finally:
        stop_server(floor)
    app = start_server(ROOT / "app.py", app_port, logs / "app.log", database_url=database_url, options=options)
    try:
        view_results = asyncio.run(_bench_views(app_port, runs, views))
    finally:
        stop_server(app)
    shutil.rmtree(logs, ignore_errors=True)  # kept only when something failed
    return {FLOOR: floor_result, **view_results}


def with_ratios(results: dict[str, dict[str, float]]) -> dict[str, dict[str, float]]:
    """Each entry plus ``floor_ratio``: its median as a multiple of the floor's median."""
    floor = results[FLOOR]["median_ms"]
    return {name: {**values, "floor_ratio": ratio(values["median_ms"], floor)} for name, values in results.items()}


def verdicts(server: dict[str, dict[str, float]], large: bool) -> dict[str, bool]:
    """Issue 9's targets for this size, each True when met (only the pages, not the floor)."""
    pages = {name: v for name, v in server.items() if name != FLOOR}
    if large:
        return {"every_page_within_300_ms": all(v["median_ms"] <= LARGE_TARGET_MS for v in pages.values())}
    return {"every_page_within_2x_floor": all(v["floor_ratio"] <= FLOOR_RATIO_TARGET for v in pages.values()),
            "p50_within_100_ms": all(v["median_ms"] <= ONE_USER_P50_TARGET_MS for v in pages.values())}


def format_table(apptest: dict[str, dict[str, float]], server: dict[str, dict[str, float]]) -> str:
    nan = float("nan")
    lines = [f"{'page view':<24}{'AppTest p50':>12}{'x floor':>8}{'server p50':>12}{'p95':>8}{'x floor':>8}"
             f"{'cold':>8}"]
    for name in [FLOOR, *[n for n in server or apptest if n != FLOOR]]:
        a, s = apptest.get(name, {}), server.get(name, {})
        lines.append(f"{name:<24}{a.get('median_ms', nan):>9.1f} ms{a.get('floor_ratio', nan):>8.2f}"
                     f"{s.get('median_ms', nan):>9.1f} ms{s.get('p95_ms', nan):>8.1f}"
                     f"{s.get('floor_ratio', nan):>8.2f}{s.get('cold_ms', nan):>8.0f}")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", help="a built database (default: build the demo in a temp dir)")
    parser.add_argument("--respondents", type=int, help="build a demo of this size (with no --database-url)")
    parser.add_argument("--label", default=None, help="names the JSON file (default: demo, or the size)")
    parser.add_argument("--large", action="store_true",
                        help="judge against the 100,000-respondent target (300 ms) instead of the demo's")
    parser.add_argument("--runs", type=int, default=20, help="warm reruns per page view")
    parser.add_argument("--skip-server", action="store_true", help="AppTest only")
    parser.add_argument("--skip-apptest", action="store_true", help="server only")
    parser.add_argument("--view", action="append", choices=sorted(VIEWS), help="only these views (repeatable)")
    parser.add_argument("--server-option", action="append", default=[],
                        help="extra streamlit option for both servers "
                             "(e.g. --server-option=--runner.postScriptGC=false)")
    args = parser.parse_args()
    views = {name: VIEWS[name] for name in (args.view or VIEWS)}
    url, build_seconds = args.database_url, None
    if url is None:
        start = time.perf_counter()
        url = build_demo(Path(tempfile.mkdtemp(prefix="bench-pages-")), args.respondents)
        build_seconds = round(time.perf_counter() - start, 1)
    label = args.label or ("demo" if args.respondents is None else f"{args.respondents}")
    large = args.large or (args.respondents or 0) >= 100_000
    load_before = load_average()
    apptest = {} if args.skip_apptest else with_ratios(bench_apptest(url, args.runs, views))
    load_between = load_average()
    server = {} if args.skip_server else with_ratios(bench_server(url, args.runs, args.server_option, views))
    print(format_table(apptest, server))
    judged = verdicts(server, large) if server else {}
    print(f"targets ({'100k' if large else 'demo'}): {judged}; load average before {load_before}, "
          f"between {load_between}, after {load_average()}")
    result = {
        "benchmark": "page reruns",
        "label": label,
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "database": url if build_seconds is None else f"built in a temp dir ({args.respondents or 'demo'})",
        "demo_build_seconds": build_seconds,
        "runs": args.runs,
        "server_options": args.server_option,
        "views": {name: {"page": script, "query": params} for name, (script, _p, params) in views.items()},
        "apptest": apptest,
        "server": server,
        "targets": judged,
        "load_average": {"before": load_before, "between": load_between, "after": load_average()},
        "python": platform.python_version(),
        "cpus": os.cpu_count(),
    }
    RESULTS.mkdir(parents=True, exist_ok=True)
    out = RESULTS / f"bench_pages_{label}.json"
    out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {out.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
