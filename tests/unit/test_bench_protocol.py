"""The benchmark scripts' pure parts: percentiles, summaries, ratios, widget choice, memory parsing, verdicts.

The benchmarks themselves (servers, sessions, minutes of load) stay out of the test suite; what
they compute from their samples is checked here, so a wrong percentile cannot pass a target.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from benchmarks._protocol import (
    Widget,
    choose_change,
    parse_cpu_seconds,
    parse_rss_kib,
    percentile,
    ratio,
    summarise,
    widget_key,
)
from benchmarks.bench_load import SessionLog, judge, read_env_file, summarise_load
from benchmarks.bench_pages import FLOOR, verdicts, with_ratios


@pytest.mark.parametrize(("samples", "q", "expected"), [
    ([5.0], 50, 5.0),
    ([1.0, 2.0, 3.0, 4.0], 50, 2.5),
    ([1.0, 2.0, 3.0, 4.0], 0, 1.0),
    ([1.0, 2.0, 3.0, 4.0], 100, 4.0),
    (list(map(float, range(1, 101))), 95, 95.05),
    ([10.0, 1.0, 7.0], 50, 7.0),  # unsorted input
])
def test_percentile_interpolates_between_closest_ranks(samples: list[float], q: float, expected: float) -> None:
    assert percentile(samples, q) == pytest.approx(expected)


@pytest.mark.parametrize(("samples", "q"), [([], 50), ([1.0], -1), ([1.0], 101)])
def test_percentile_refuses_empty_samples_and_bad_quantiles(samples: list[float], q: float) -> None:
    with pytest.raises(ValueError):
        percentile(samples, q)


def test_summarise_reports_median_tail_and_count() -> None:
    summary = summarise([float(x) for x in range(1, 21)])
    assert summary == {"median_ms": 10.5, "p90_ms": 18.1, "p95_ms": 19.1, "min_ms": 1.0, "max_ms": 20.0,
                       "runs": 20}


def test_ratio_is_relative_to_the_floor_and_refuses_a_zero_floor() -> None:
    assert ratio(90.0, 45.0) == 2.0
    assert ratio(10.0, 30.0) == 0.33
    with pytest.raises(ValueError):
        ratio(10.0, 0.0)


def test_with_ratios_and_verdicts_judge_pages_against_the_floor() -> None:
    results = with_ratios({FLOOR: {"median_ms": 20.0}, "overview": {"median_ms": 39.0},
                           "heatmap": {"median_ms": 41.0}})
    assert results["overview"]["floor_ratio"] == 1.95
    assert results["heatmap"]["floor_ratio"] == 2.05
    assert verdicts(results, large=False) == {"every_page_within_2x_floor": False, "p50_within_100_ms": True}
    assert verdicts({FLOOR: {"median_ms": 20.0, "floor_ratio": 1.0},
                     "overview": {"median_ms": 301.0, "floor_ratio": 15.05}}, large=True) == {
        "every_page_within_300_ms": False}


@pytest.mark.parametrize(("widget_id", "key"), [
    ("$$ID-2b7d1ac083914a8ee476449c14dd0924-explorer_by", "explorer_by"),
    ("$$ID-50f24a3783c1f54da3e1ce840ef8edac-sidebar_language", "sidebar_language"),
    ("$$ID-abc-explorer_filter-value", "explorer_filter-value"),
    ("no-key-widget", "no-key-widget"),
])
def test_widget_key_is_the_user_key_at_the_end_of_the_id(widget_id: str, key: str) -> None:
    assert widget_key(widget_id) == key


def test_choose_change_picks_a_listed_widget_and_a_value_it_did_not_have() -> None:
    widgets = {
        "explorer_by": Widget("explorer_by", "id-by", ("none", "sector", "org_type")),
        "explorer_wave": Widget("explorer_wave", "id-wave", ("2020", "2023")),
        "explorer_single": Widget("explorer_single", "id-single", ("only",)),
    }
    rng = random.Random(3)
    for _ in range(50):
        key, value = choose_change(widgets, ("explorer_by", "explorer_single", "absent"), {"explorer_by": "sector"},
                                   rng)
        assert key == "explorer_by"
        assert value in ("none", "org_type")
    assert choose_change(widgets, ("explorer_single", "absent"), {}, rng) is None


def test_choose_change_is_deterministic_for_a_seed() -> None:
    widgets = {k: Widget(k, f"id-{k}", tuple(f"{k}-{i}" for i in range(6))) for k in ("a", "b", "c")}
    first = [choose_change(widgets, ("a", "b", "c"), {}, random.Random(11)) for _ in range(3)]
    again = [choose_change(widgets, ("a", "b", "c"), {}, random.Random(11)) for _ in range(3)]
    assert first == again


def test_parse_rss_reads_the_vmrss_line_in_kib() -> None:
    status = "Name:\tpython\nVmPeak:\t 900000 kB\nVmRSS:\t  334512 kB\nThreads:\t9\n"
    assert parse_rss_kib(status) == 334512
    assert parse_rss_kib("Name:\tzombie\nState:\tZ (zombie)\n") == 0


def test_read_env_file_reads_what_scale_out_writes(tmp_path: Path) -> None:
    path = tmp_path / "deploy.env"
    path.write_text('DATABASE_URL=postgresql+psycopg://baro@127.0.0.1:5/baro\nAPP_PORTS="8601 8602"\n'
                    "# a comment\nPROXY_PORT=8500\n")
    assert read_env_file(path) == {"DATABASE_URL": "postgresql+psycopg://baro@127.0.0.1:5/baro",
                                   "APP_PORTS": "8601 8602", "PROXY_PORT": "8500"}


def test_summarise_load_counts_errors_lost_sessions_and_memory() -> None:
    logs = [
        SessionLog(first_load_ms=300.0, changes_ms=[10.0, 20.0, 30.0]),
        SessionLog(first_load_ms=500.0, changes_ms=[40.0], exceptions=["KeyError: 'x'"]),
        SessionLog(first_load_ms=None, lost="connect: OSError: refused"),
        SessionLog(first_load_ms=100.0, changes_ms=[1000.0], timeouts=1, lost="a run did not finish in time"),
    ]
    samples = [{"t": 0.0, "rss_mb": {"7": 300.0}}, {"t": 1.0, "rss_mb": {"7": 350.0}},
               {"t": 2.0, "rss_mb": {"7": 340.0}}]
    summary = summarise_load(logs, samples, [7], seconds=10.0, load_before=0.5, client_cpu=1.23)
    assert summary["changes"] == 5
    assert summary["changes_per_second"] == 0.5
    assert summary["errors"] == 2  # one exception, one timeout
    assert summary["lost_sessions"] == 2
    assert summary["p50_ms"] == 30.0
    assert summary["max_ms"] == 1000.0
    assert summary["first_load_p50_ms"] == 300.0
    assert summary["memory"] == {"7": {"start_mb": 300.0, "peak_mb": 350.0, "end_mb": 340.0}}


def test_judge_applies_the_issue_targets_to_the_runs_made() -> None:
    runs = {
        "single:20": {"p95_ms": 480.0, "errors": 0, "lost_sessions": 0},
        "scale_out:50": {"p95_ms": 1200.0, "errors": 0, "lost_sessions": 0},
    }
    assert judge(runs) == {"20_sessions_p95_within_500_ms_one_process": True,
                           "50_sessions_no_errors_two_processes": True,
                           "50_sessions_p95_within_1_s_two_processes": False}
    assert judge({"single:20": {"errors": 0, "lost_sessions": 0}})[
        "20_sessions_p95_within_500_ms_one_process"] is False  # no changes measured is no pass
    assert judge({})["50_sessions_no_errors_two_processes"] is None


def test_parse_cpu_seconds_counts_fields_after_the_command_name() -> None:
    # pid (comm with a space and a paren) state ppid ... utime=250 stime=50 at fields 14 and 15
    stat = "4242 (python -m (x)) S 1 4242 4242 0 -1 4194560 100 0 0 0 250 50 0 0 20 0 9 0"
    assert parse_cpu_seconds(stat, 100) == 3.0
