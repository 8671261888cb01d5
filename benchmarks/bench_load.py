"""Load: N concurrent sessions changing filters on the Question explorer, one process vs the scale-out.

Run ``python benchmarks/bench_load.py`` (defaults: 20 and 50 sessions, 60 s each, against a
single Streamlit process and against ``deploy/scale_out.sh`` with two processes behind nginx,
both on the same PostgreSQL, which the script starts and stops itself). ``--soak 600`` instead
runs one long load against a single process and samples its memory (see ``--help``).

Each simulated session does what a coordinator's browser tab does, over Streamlit's own
websocket protocol (benchmarks/_protocol.py): GET the page (behind nginx this sets the routing
cookie), open the websocket, load the explorer, then repeatedly wait a think time drawn uniformly
from 0-4 s and change one sidebar control (filter dimension, filter value, breakdown, section or
question) to another of its options, timing each change until the run finished. Seeded, so two
runs make the same choices. Loopback only; sessions, duration and each wait are bounded.

Reported per target and session count: p50, p95 and max of the change latencies, changes done,
errors (exceptions shown by the app, timeouts), lost sessions (a websocket that closed or a run
that never finished), and the resident memory of every app process at start, peak and end.
Targets (issue 9): 20 sessions p95 <= 500 ms on one process; 50 sessions without errors and
p95 <= 1 s with two processes. Writes benchmarks/results/bench_load.json (or bench_soak.json).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks._protocol import (  # noqa: E402  (the path above makes the package importable)
    RESULTS,
    ROOT,
    Session,
    choose_change,
    connect,
    cpu_seconds,
    fetch_cookie,
    free_port,
    load_average,
    percentile,
    rss_mb,
    start_server,
    stop_server,
)

#: Hard limits, whatever the arguments say: this is a benchmark on loopback, not a flood.
MAX_SESSIONS = 100
MAX_SECONDS = 900
RUN_TIMEOUT_SECONDS = 30.0
#: The sidebar controls a user changes on the Question explorer (widget keys).
EXPLORER_CONTROLS = ("explorer_filter_dimension", "explorer_filter_value", "explorer_by", "explorer_section",
                     "explorer_question")
#: First view of every session; the other questions are reached through the controls.
START_QUERY = "lang=fi&q=programme_useful"
SCALE_OUT = ROOT / "deploy" / "scale_out.sh"
P95_TARGET_ONE_PROCESS_MS = 500.0
P95_TARGET_TWO_PROCESSES_MS = 1000.0


@dataclass
class SessionLog:
    """What one simulated session saw."""

    first_load_ms: float | None = None
    changes_ms: list[float] = field(default_factory=list)
    exceptions: list[str] = field(default_factory=list)
    timeouts: int = 0
    lost: str | None = None


async def simulate_session(port: int, index: int, seed: int, deadline: float, think_max: float,
                           start_delay: float) -> SessionLog:
    """One tab: open the explorer, then change controls with think times until ``deadline``."""
    rng = random.Random(f"{seed}:{index}")
    log = SessionLog()
    await asyncio.sleep(start_delay)
    try:
        cookie = await asyncio.to_thread(fetch_cookie, port)
        ws = await connect(port, cookie)
    except Exception as exc:  # the server refused or failed the connection: a lost session
        log.lost = f"connect: {type(exc).__name__}: {exc}"
        return log
    try:
        session = Session(ws)
        first = await session.rerun(page_name="explorer", query=START_QUERY, timeout=RUN_TIMEOUT_SECONDS * 4)
        log.first_load_ms = first.ms
        log.exceptions += first.exceptions
        while True:
            think = rng.uniform(0.0, think_max)
            if time.monotonic() + think >= deadline:
                break
            await asyncio.sleep(think)
            change = choose_change(session.widgets, EXPLORER_CONTROLS, session.sent, rng)
            if change is None:
                log.lost = "no control to change"
                break
            try:
                result = await session.change(*change, timeout=RUN_TIMEOUT_SECONDS)
            except TimeoutError:
                log.timeouts += 1
                log.lost = "a run did not finish in time"
                break
            log.changes_ms.append(result.ms)
            log.exceptions += result.exceptions
    except Exception as exc:  # closed websocket or protocol error: the session is lost
        log.lost = f"{type(exc).__name__}: {exc}"
    finally:
        await ws.close()
    return log


async def _sample_memory(pids: list[int], every: float, samples: list[dict[str, Any]], stop: asyncio.Event) -> None:
    start = time.monotonic()
    while not stop.is_set():
        samples.append({"t": round(time.monotonic() - start, 1), "rss_mb": {str(p): rss_mb(p) for p in pids}})
        try:
            await asyncio.wait_for(stop.wait(), timeout=every)
        except TimeoutError:
            pass


async def run_load(port: int, sessions: int, seconds: float, *, seed: int, think_max: float, pids: list[int],
                   memory_every: float = 1.0) -> dict[str, Any]:
    """``sessions`` sessions for ``seconds`` against ``port``; returns the summary (see module doc)."""
    sessions, seconds = min(sessions, MAX_SESSIONS), min(seconds, MAX_SECONDS)
    ramp = min(5.0, seconds / 4)
    deadline = time.monotonic() + seconds
    samples: list[dict[str, Any]] = []
    stop = asyncio.Event()
    sampler = asyncio.create_task(_sample_memory(pids, memory_every, samples, stop))
    cpu_before = resource.getrusage(resource.RUSAGE_SELF)
    server_cpu_before = sum(cpu_seconds(pid) for pid in pids)
    load_before = load_average()
    logs = await asyncio.gather(*(simulate_session(port, i, seed, deadline, think_max, ramp * i / sessions)
                                  for i in range(sessions)))
    stop.set()
    await sampler
    cpu_after = resource.getrusage(resource.RUSAGE_SELF)
    summary = summarise_load(logs, samples, pids, seconds=seconds, load_before=load_before,
                             client_cpu=(cpu_after.ru_utime + cpu_after.ru_stime)
                             - (cpu_before.ru_utime + cpu_before.ru_stime))
    # CPU the app processes spent per change: independent of what else loads the machine.
    server_cpu = sum(cpu_seconds(pid) for pid in pids) - server_cpu_before
    summary["server_cpu_seconds"] = round(server_cpu, 1)
    changes = summary["changes"]
    summary["server_cpu_ms_per_change"] = round(1000 * server_cpu / changes, 1) if changes else None
    if memory_every >= 10:  # a soak: keep the series to show the trend
        summary["memory_series"] = samples
    return summary


def summarise_load(logs: list[SessionLog], samples: list[dict[str, Any]], pids: list[int], *, seconds: float,
                   load_before: float, client_cpu: float) -> dict[str, Any]:
    """Latency percentiles, errors, lost sessions and per-process memory of one load run."""
    changes = [ms for log in logs for ms in log.changes_ms]
    firsts = [log.first_load_ms for log in logs if log.first_load_ms is not None]
    memory = {}
    for pid in pids:
        series = [s["rss_mb"][str(pid)] for s in samples if s["rss_mb"].get(str(pid))]
        if series:
            memory[str(pid)] = {"start_mb": series[0], "peak_mb": max(series), "end_mb": series[-1]}
    exceptions = [text for log in logs for text in log.exceptions]
    out: dict[str, Any] = {
        "sessions": len(logs),
        "seconds": seconds,
        "changes": len(changes),
        "changes_per_second": round(len(changes) / seconds, 2),
        "errors": len(exceptions) + sum(log.timeouts for log in logs),
        "exception_samples": exceptions[:3],
        "lost_sessions": sum(1 for log in logs if log.lost),
        "lost_reasons": sorted({log.lost for log in logs if log.lost})[:5],
        "first_load_p50_ms": round(percentile(firsts, 50), 1) if firsts else None,
        "first_load_max_ms": round(max(firsts), 1) if firsts else None,
        "memory": memory,
        "load_average_before": load_before,
        "load_average_after": load_average(),
        "client_cpu_seconds": round(client_cpu, 1),
    }
    if changes:
        out.update({"p50_ms": round(percentile(changes, 50), 1), "p95_ms": round(percentile(changes, 95), 1),
                    "max_ms": round(max(changes), 1)})
    return out


# --- targets -----------------------------------------------------------------------------------------


@dataclass
class Target:
    """Where the sessions connect and which processes serve them."""

    name: str
    port: int
    app_pids: list[int]


def read_env_file(path: Path) -> dict[str, str]:
    """``KEY=value`` lines (values optionally in double quotes), as deploy/scale_out.sh writes them."""
    out = {}
    for line in path.read_text().splitlines():
        if "=" in line and not line.startswith("#"):
            key, value = line.split("=", 1)
            out[key.strip()] = value.strip().strip('"')
    return out


def start_scale_out(state: Path, processes: int, options: list[str], respondents: int | None) -> dict[str, str]:
    env = {**os.environ, "BARO_DEPLOY_DIR": str(state), "APP_PROCESSES": str(processes),
           "PROXY_PORT": str(free_port()), "APP_BASE_PORT": str(free_port() + 200), "PG_PORT": str(free_port()),
           "STREAMLIT_OPTIONS": " ".join(options), "PYTHON": sys.executable}
    if respondents:
        env["DEMO_RESPONDENTS"] = str(respondents)
    subprocess.run([str(SCALE_OUT), "start"], env=env, check=True, timeout=3600)
    return read_env_file(state / "deploy.env")


def stop_scale_out(state: Path) -> None:
    subprocess.run([str(SCALE_OUT), "stop"], env={**os.environ, "BARO_DEPLOY_DIR": str(state)}, check=False,
                   timeout=120)


async def warm(port: int) -> None:
    """One session's first load, so the measured sessions do not all wait for the snapshot."""
    ws = await connect(port, await asyncio.to_thread(fetch_cookie, port))
    try:
        await Session(ws).rerun(page_name="explorer", query=START_QUERY, timeout=600)
    finally:
        await ws.close()


def judge(results: dict[str, dict[str, Any]]) -> dict[str, bool | None]:
    """Issue 9's load targets from the runs that were made (None when the run was not made)."""
    one20 = results.get("single:20")
    two50 = results.get("scale_out:50")
    return {
        "20_sessions_p95_within_500_ms_one_process":
            None if one20 is None else one20.get("p95_ms", float("inf")) <= P95_TARGET_ONE_PROCESS_MS,
        "50_sessions_no_errors_two_processes":
            None if two50 is None else two50["errors"] == 0 and two50["lost_sessions"] == 0,
        "50_sessions_p95_within_1_s_two_processes":
            None if two50 is None else two50.get("p95_ms", float("inf")) <= P95_TARGET_TWO_PROCESSES_MS,
    }


def print_runs(results: dict[str, dict[str, Any]]) -> None:
    print(f"{'target:sessions':<18}{'changes':>8}{'p50':>8}{'p95':>8}{'max':>8}{'errors':>7}{'lost':>6}"
          f"{'RSS start/peak/end MB per process':>40}{'CPU ms/change':>14}{'load':>6}")
    for name, r in results.items():
        memory = " ".join(f"{m['start_mb']:.0f}/{m['peak_mb']:.0f}/{m['end_mb']:.0f}" for m in r["memory"].values())
        print(f"{name:<18}{r['changes']:>8}{r.get('p50_ms', float('nan')):>8.0f}{r.get('p95_ms', float('nan')):>8.0f}"
              f"{r.get('max_ms', float('nan')):>8.0f}{r['errors']:>7}{r['lost_sessions']:>6}{memory:>40}"
              f"{r.get('server_cpu_ms_per_change') or float('nan'):>14.0f}{r['load_average_before']:>6.1f}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, action="append", help="session counts (default 20 and 50)")
    parser.add_argument("--seconds", type=float, default=60.0, help="length of each load run (max 900)")
    parser.add_argument("--think-max", type=float, default=4.0, help="think time is uniform in [0, this] s")
    parser.add_argument("--seed", type=int, default=9)
    parser.add_argument("--targets", default="single,scale_out", help="comma list of single, scale_out")
    parser.add_argument("--processes", type=int, default=2, help="app processes behind nginx")
    parser.add_argument("--respondents", type=int, help="demo size built into PostgreSQL (default: the demo)")
    parser.add_argument("--server-option", action="append", default=[], help="extra option for every app process")
    parser.add_argument("--soak", type=float, default=None, metavar="SECONDS",
                        help="instead: one run of --sessions (default 20) for SECONDS against a single process "
                             "on --database-url (or the demo in PostgreSQL), memory sampled every 10 s")
    parser.add_argument("--database-url", help="with --soak: the store to serve")
    parser.add_argument("--deploy-env", type=Path,
                        help="use a running deploy/scale_out.sh (its deploy.env) instead of starting one")
    args = parser.parse_args()
    targets = [t.strip() for t in args.targets.split(",") if t.strip()]
    counts = args.sessions or ([20] if args.soak else [20, 50])
    state = Path(tempfile.mkdtemp(prefix="bench-load-"))
    state.chmod(0o755)  # as root, PostgreSQL runs as the postgres user and must enter it
    results: dict[str, dict[str, Any]] = {}
    deploy: dict[str, str] = {}
    single = None
    try:
        if args.soak and args.database_url:
            database_url = args.database_url
        elif args.deploy_env:
            deploy = read_env_file(args.deploy_env)
            database_url = deploy["DATABASE_URL"]
        else:
            deploy = start_scale_out(state / "deploy", args.processes, args.server_option, args.respondents)
            database_url = deploy["DATABASE_URL"]
        if args.soak or "single" in targets:
            port = free_port()
            single = start_server(ROOT / "app.py", port, state / "single.log", database_url=database_url,
                                  options=args.server_option)
            asyncio.run(warm(port))
            if args.soak:
                results[f"single:{counts[0]}"] = asyncio.run(run_load(
                    port, counts[0], min(args.soak, MAX_SECONDS), seed=args.seed, think_max=args.think_max,
                    pids=[single.pid], memory_every=10.0))
            else:
                for n in counts:
                    results[f"single:{n}"] = asyncio.run(run_load(port, n, args.seconds, seed=args.seed,
                                                                  think_max=args.think_max, pids=[single.pid]))
            stop_server(single)
            single = None
        if not args.soak and "scale_out" in targets:
            proxy = int(deploy["PROXY_PORT"])
            for app_port in deploy["APP_PORTS"].split():
                asyncio.run(warm(int(app_port)))
            pids = [int(p) for p in deploy["APP_PIDS"].split()]
            for n in counts:
                results[f"scale_out:{n}"] = asyncio.run(run_load(proxy, n, args.seconds, seed=args.seed,
                                                                 think_max=args.think_max, pids=pids))
    finally:
        if single is not None:
            stop_server(single)
        if deploy and not args.deploy_env:
            stop_scale_out(state / "deploy")
    shutil.rmtree(state, ignore_errors=True)
    print_runs(results)
    judged = {} if args.soak else judge(results)
    if judged:
        print(f"targets: {judged}")
    result = {
        "benchmark": "soak" if args.soak else "load",
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "database": "given" if args.database_url else f"demo in PostgreSQL ({args.respondents or 'calibrated size'})",
        "think_time_s": [0, args.think_max],
        "seconds_per_run": args.soak or args.seconds,
        "processes_behind_nginx": args.processes,
        "server_options": args.server_option,
        "seed": args.seed,
        "runs": results,
        "targets": judged,
        "python": platform.python_version(),
        "cpus": os.cpu_count(),
    }
    RESULTS.mkdir(parents=True, exist_ok=True)
    out = RESULTS / ("bench_soak.json" if args.soak else "bench_load.json")
    out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {out.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
