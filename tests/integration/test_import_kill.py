"""Killing the import process in the middle of writing leaves the database as it was.

The import runs in a subprocess against a SQLite file. A test-only environment variable makes it
pause inside its write transaction after the first batch of respondents has been written; the test
waits for that moment, checks that SQLite's rollback journal exists (writing has begun), kills the
process with SIGKILL and compares the database with its state before the import.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml

from codebook import Codebook, Reference
from importer import TEST_PAUSE_ENV, TEST_PAUSE_MARKER, build_mapping, write_exports
from tests.builders import build_database, build_respondents

PROJECT = Path(__file__).resolve().parent.parent.parent
TABLES = ("waves", "questions", "question_waves", "options", "respondents", "answers")


def _dump(path: Path) -> dict[str, list[tuple[object, ...]]]:
    with sqlite3.connect(path) as connection:
        return {table: connection.execute(f"SELECT * FROM {table} ORDER BY rowid").fetchall()
                for table in TABLES}


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_killed_import_leaves_the_database_unchanged(tmp_path: Path, codebook: Codebook,
                                                     reference: Reference) -> None:
    # 3,000 respondents in the export: the pause comes after 2,500, past the first batch of 2,000.
    sizes = {("municipality", "uusimaa", "fi"): 2000, ("ngo", "pirkanmaa", "sv"): 700,
             ("company", "lappi", "en"): 300}
    records = build_respondents(sizes, codebook.questions, wave=2023, seed=11)
    paths = write_exports(records, codebook, reference, tmp_path / "exports", formats=("csv",))
    mapping = tmp_path / "mapping.yaml"
    mapping.write_text(yaml.safe_dump(build_mapping(codebook, reference, 2023),
                                      allow_unicode=True), encoding="utf-8")
    # The store already holds 40 of these respondents, with other answers (seed 5): the killed
    # import had deleted and rewritten them inside its transaction.
    earlier = build_respondents({("municipality", "uusimaa", "fi"): 40}, codebook.questions,
                                wave=2023, seed=5)
    database = tmp_path / "store.sqlite"
    factory = build_database(f"sqlite:///{database}", earlier, codebook, reference, protect=False)
    factory.kw["bind"].dispose()
    before = _dump(database)
    assert len(before["respondents"]) == 40

    env = dict(os.environ, **{TEST_PAUSE_ENV: "120"})
    process = subprocess.Popen(
        [sys.executable, "-m", "baro", "import", "--mapping", str(mapping), "--database-url",
         f"sqlite:///{database}", "--no-progress", *map(str, paths)],
        cwd=PROJECT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert process.stderr is not None
        deadline = time.monotonic() + 240
        lines: list[str] = []
        while time.monotonic() < deadline:
            line = process.stderr.readline()
            if not line:
                break
            lines.append(line)
            if TEST_PAUSE_MARKER in line:
                break
        assert lines and TEST_PAUSE_MARKER in lines[-1], "".join(lines)
        # Writing has begun: SQLite keeps the pages it changed in the rollback journal.
        journal = database.with_name(database.name + "-journal")
        assert journal.exists() and journal.stat().st_size > 0
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(timeout=30)
    assert process.returncode == -signal.SIGKILL
    # Opening the database rolls the hot journal back.
    assert _dump(database) == before
    with sqlite3.connect(database) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert not database.with_name(database.name + "-journal").exists()
