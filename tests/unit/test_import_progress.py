"""The plain-text progress bar: silent at first, whole lines when stderr is not a terminal."""

from __future__ import annotations

import io

from importer._progress import Progress


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_log_lines_at_each_tenth() -> None:
    stream = io.StringIO()
    bar = Progress("writing x.csv", 10_000, stream=stream, delay=0.0)
    for _ in range(10_000):
        bar.update()
    bar.close()
    lines = stream.getvalue().splitlines()
    assert lines[0].startswith("writing x.csv [#....") and "500/10,000 rows" in lines[0]
    assert [line.split("]")[1].split("%")[0].strip() for line in lines[:-1]] == [
        "5", "10", "20", "30", "40", "50", "60", "70", "80", "90", "100"]
    assert "[##############################] 100% 10,000/10,000 rows" in lines[-1]


def test_terminal_redraws_one_line() -> None:
    stream = _Terminal()
    bar = Progress("checking x.csv", None, stream=stream, delay=0.0)
    for _ in range(1000):
        bar.update()
    bar.close()
    text = stream.getvalue()
    assert text.startswith("checking x.csv: 500 rows")
    assert text.endswith("\n") and "\r" in text


def test_short_runs_print_nothing() -> None:
    stream = io.StringIO()
    bar = Progress("writing x.csv", 5_000, stream=stream)  # default: silent for the first second
    for _ in range(5_000):
        bar.update()
    bar.close()
    assert stream.getvalue() == ""


def test_disabled_prints_nothing() -> None:
    stream = io.StringIO()
    bar = Progress("x", 1000, stream=stream, enabled=False, delay=0.0)
    for _ in range(1000):
        bar.update()
    bar.close()
    assert stream.getvalue() == ""
