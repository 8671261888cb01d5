"""Shared plumbing of the benchmarks: Streamlit's websocket protocol, servers, percentiles, memory.

Why one module: the page benchmark, the load benchmark and the soak all speak to ``streamlit run``
the way a browser does (a ``BackMsg`` with ``rerun_script`` over ``/_stcore/stream``, timed until
the ``ForwardMsg`` that says the script finished), start servers the same way and summarise
latencies with the same percentiles. The pure parts (percentiles, summaries, widget choice,
/proc parsing) are unit-tested in tests/unit/test_bench_protocol.py.

Loopback only: every URL here is built from 127.0.0.1 and a port.
"""

from __future__ import annotations

import asyncio
import math
import os
import random
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results"
LOOPBACK = "127.0.0.1"
#: Streamlit's ScriptFinishedStatus: the run stopped because another run (st.rerun) follows.
FINISHED_EARLY_FOR_RERUN = 2
#: Options every benchmarked server gets (as `make run`, plus no file watcher).
BASE_SERVER_OPTIONS = ("--server.headless", "true", "--server.address", LOOPBACK,
                       "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none")


# --- numbers ---------------------------------------------------------------------------------------


def percentile(samples: Sequence[float], q: float) -> float:
    """The ``q``-th percentile (0-100) by linear interpolation between closest ranks (numpy's default).

    Raises ``ValueError`` on an empty sample: a benchmark that measured nothing must not report 0.
    """
    if not samples:
        raise ValueError("percentile of an empty sample")
    if not 0.0 <= q <= 100.0:
        raise ValueError(f"q={q} is not in [0, 100]")
    ordered = sorted(samples)
    position = (len(ordered) - 1) * q / 100.0
    low, high = math.floor(position), math.ceil(position)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def summarise(samples: Sequence[float]) -> dict[str, float]:
    """Median, p90, p95, min and max in ms (one decimal) and the number of samples."""
    return {"median_ms": round(percentile(samples, 50), 1), "p90_ms": round(percentile(samples, 90), 1),
            "p95_ms": round(percentile(samples, 95), 1), "min_ms": round(min(samples), 1),
            "max_ms": round(max(samples), 1), "runs": len(samples)}


def ratio(value_ms: float, floor_ms: float) -> float:
    """``value_ms`` as a multiple of the floor page's time (two decimals)."""
    if floor_ms <= 0:
        raise ValueError("the floor must be positive")
    return round(value_ms / floor_ms, 2)


# --- processes -------------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((LOOPBACK, 0))
        return int(sock.getsockname()[1])


def parse_rss_kib(status_text: str) -> int:
    """The ``VmRSS`` line of ``/proc/<pid>/status`` in KiB (0 when absent, e.g. a zombie)."""
    for line in status_text.splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def rss_mb(pid: int) -> float:
    """Resident memory of one process in MB (0 when it is gone)."""
    try:
        return round(parse_rss_kib(Path(f"/proc/{pid}/status").read_text()) / 1024, 1)
    except OSError:
        return 0.0


def parse_cpu_seconds(stat_text: str, ticks_per_second: int) -> float:
    """User + system CPU time of a process from the text of ``/proc/<pid>/stat``.

    The command name (field 2) is in parentheses and may contain spaces, so fields are counted
    after the last ``)``: utime and stime are fields 14 and 15 of the whole line.
    """
    fields = stat_text.rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / ticks_per_second


def cpu_seconds(pid: int) -> float:
    """CPU time a process has used so far (0 when it is gone)."""
    try:
        return parse_cpu_seconds(Path(f"/proc/{pid}/stat").read_text(), os.sysconf("SC_CLK_TCK"))
    except OSError:
        return 0.0


def wait_healthy(port: int, timeout: float = 90.0, path: str = "/_stcore/health") -> None:
    """Poll the health endpoint until it answers ``ok``."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://{LOOPBACK}:{port}{path}", timeout=2) as response:
                if response.read().decode().strip() == "ok":
                    return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"no healthy server on port {port} after {timeout:.0f} s")


def start_server(script: Path, port: int, log: Path, *, database_url: str | None = None,
                 options: Sequence[str] = ()) -> subprocess.Popen[bytes]:
    """``streamlit run script`` on loopback; returns once it is healthy."""
    env = dict(os.environ)
    if database_url is not None:
        env["DATABASE_URL"] = database_url
    command = [sys.executable, "-m", "streamlit", "run", str(script), *BASE_SERVER_OPTIONS,
               "--server.port", str(port), *options]
    with log.open("w") as handle:
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=handle, stderr=subprocess.STDOUT,
                                   stdin=subprocess.DEVNULL)
    try:
        wait_healthy(port)
    except RuntimeError:
        process.terminate()
        raise RuntimeError(f"streamlit did not start:\n{log.read_text()}") from None
    return process


def stop_server(process: subprocess.Popen[bytes]) -> None:
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=10)


def load_average() -> float:
    return round(os.getloadavg()[0], 2)


# --- the websocket protocol ------------------------------------------------------------------------


@dataclass
class Widget:
    """A selectbox-like widget seen in the deltas: its id and the labels the browser would send."""

    key: str
    id: str
    options: tuple[str, ...]


@dataclass
class RunResult:
    """One script run as the client saw it."""

    ms: float
    exceptions: list[str]
    messages: int


@dataclass
class Session:
    """One browser tab's conversation with the server, without the browser.

    It remembers what a browser remembers between runs: the query string the server last wrote
    (``page_info_changed``), the current page's script hash (``navigation``) and the widgets of
    the last run, so a widget change is sent like the browser sends it.
    """

    ws: Any
    query: str = ""
    page_hash: str = ""
    widgets: dict[str, Widget] = field(default_factory=dict)
    sent: dict[str, str] = field(default_factory=dict)

    async def rerun(self, *, page_name: str = "", query: str | None = None,
                    widget_states: Mapping[str, str] | None = None, timeout: float = 60.0) -> RunResult:
        """Send one ``rerun_script`` and wait for the run (and any ``st.rerun`` it asked for) to end."""
        from streamlit.proto.BackMsg_pb2 import BackMsg
        from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

        message = BackMsg()
        message.rerun_script.query_string = self.query if query is None else query
        message.rerun_script.page_name = page_name
        if not page_name and self.page_hash:
            message.rerun_script.page_script_hash = self.page_hash
        for widget_id, value in (widget_states or {}).items():
            message.rerun_script.widget_states.widgets.add(id=widget_id, string_value=value)
        start = time.perf_counter()
        await self.ws.send(message.SerializeToString())
        exceptions: list[str] = []
        widgets: dict[str, Widget] = {}
        count = 0
        async with asyncio.timeout(timeout):
            while True:
                forward = ForwardMsg()
                forward.ParseFromString(await self.ws.recv())
                count += 1
                kind = forward.WhichOneof("type")
                if kind == "delta":
                    element = forward.delta.new_element
                    element_type = element.WhichOneof("type")
                    if element_type == "exception":
                        exceptions.append(element.exception.message)
                    elif element_type == "selectbox":
                        box = element.selectbox
                        key = widget_key(box.id)
                        widgets[key] = Widget(key, box.id, tuple(box.options))
                elif kind == "page_info_changed":
                    self.query = forward.page_info_changed.query_string
                elif kind == "navigation":
                    self.page_hash = forward.navigation.page_script_hash
                elif kind == "new_session":
                    self.page_hash = forward.new_session.page_script_hash or self.page_hash
                elif kind == "script_finished" and forward.script_finished != FINISHED_EARLY_FOR_RERUN:
                    break
        self.widgets = widgets
        return RunResult((time.perf_counter() - start) * 1000, exceptions, count)

    async def change(self, key: str, value: str, timeout: float = 60.0) -> RunResult:
        """Pick ``value`` in the widget whose key is ``key`` (as a user does in the sidebar)."""
        widget = self.widgets[key]
        self.sent[key] = value
        return await self.rerun(widget_states={widget.id: value}, timeout=timeout)


def widget_key(widget_id: str) -> str:
    """The user key of a widget id (``$$ID-<hash>-explorer_by`` -> ``explorer_by``)."""
    parts = widget_id.split("-", 2)
    return parts[2] if len(parts) == 3 and parts[0] == "$$ID" else widget_id


def choose_change(widgets: Mapping[str, Widget], keys: Sequence[str], sent: Mapping[str, str],
                  rng: random.Random) -> tuple[str, str] | None:
    """A filter change a user might make: one of ``keys`` present on the page, a value it did not have.

    Returns ``None`` when no listed widget has a second option.
    """
    candidates = [widgets[k] for k in keys if k in widgets and len(widgets[k].options) > 1]
    if not candidates:
        return None
    widget = rng.choice(candidates)
    options = [o for o in widget.options if o != sent.get(widget.key)] or list(widget.options)
    return widget.key, rng.choice(options)


async def connect(port: int, cookie: str | None = None) -> Any:
    """A websocket to ``/_stcore/stream`` with Streamlit's subprotocol (optionally a cookie)."""
    import websockets

    headers = {"Cookie": cookie} if cookie else None
    return await websockets.connect(f"ws://{LOOPBACK}:{port}/_stcore/stream", subprotocols=["streamlit"],
                                    max_size=None, additional_headers=headers, open_timeout=30,
                                    ping_interval=None)


def fetch_cookie(port: int, path: str = "/") -> str | None:
    """GET the app page as a browser does first; returns the ``name=value`` pairs it set (or None).

    Behind the scale-out proxy this is the routing cookie that keeps the tab on one app process.
    """
    request = urllib.request.Request(f"http://{LOOPBACK}:{port}{path}")
    with urllib.request.urlopen(request, timeout=30) as response:
        response.read()
        cookies = [header.split(";", 1)[0] for header in response.headers.get_all("Set-Cookie") or []]
    return "; ".join(cookies) or None
