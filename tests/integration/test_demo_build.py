"""Build the demo database on SQLite, read it back, and prove that seed 7 always builds the same.

Every test builds into its own file under ``tmp_path`` (about 1.5 s per build).
"""

from __future__ import annotations

import sqlite3
import statistics
from datetime import datetime
from pathlib import Path

import pytest

from baro.cli import main
from data_access import (
    AnswerRecord,
    RespondentRecord,
    count_respondents,
    create_engine_from_url,
    load_answers,
    load_open_answers,
    load_respondents,
    make_session_factory,
    store_respondents,
)
from data_access.demo import build_demo_database

TABLES = ("waves", "questions", "question_waves", "options", "respondents", "answers")


def _url(path: Path) -> str:
    return f"sqlite:///{path}"


def _dump(path: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table, in primary-key order."""
    with sqlite3.connect(path) as connection:
        return {table: connection.execute(f"SELECT * FROM {table} ORDER BY rowid").fetchall()
                for table in TABLES}


@pytest.fixture(scope="module")
def seed7_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "seed7.sqlite"
    assert build_demo_database(_url(path), seed=7) == {2020: 792, 2023: 375}
    return path


def test_demo_database_reads_back_through_the_read_functions(seed7_path: Path) -> None:
    engine = create_engine_from_url(_url(seed7_path))
    factory = make_session_factory(engine)
    with factory() as session:
        assert count_respondents(session) == {2020: 792, 2023: 375}
        respondents = load_respondents(session, wave=2023)
        assert len(respondents) == 375
        assert (respondents["ely_area"] == "uusimaa").sum() == 118
        assert set(respondents["survey_language"]) == {"fi", "sv", "en"}
        grades = load_answers(session, "coop_grade_municipal", wave=2020)
        assert statistics.mean(grades["value_num"]) == pytest.approx(6.8, abs=0.15)
        forms = load_answers(session, "nat_participation_forms", wave=2023)
        per_respondent = forms.groupby("respondent_id")["option_code"].apply(set)
        assert per_respondent.map(len).max() >= 3  # multi-select: one row per tick
        assert not any("none" in codes and len(codes) > 1 for codes in per_respondent)
        texts = load_open_answers(session, "open_development", wave=2023)
        assert 0.40 * 375 <= len(texts) <= 0.60 * 375
        assert texts["text"].str.len().median() > 40
    engine.dispose()


def test_two_builds_with_seed_7_are_identical_and_a_rebuild_changes_nothing(
        seed7_path: Path, tmp_path: Path) -> None:
    other = tmp_path / "again.sqlite"
    build_demo_database(_url(other), seed=7)
    first, second = _dump(seed7_path), _dump(other)
    assert len(first["answers"]) > 30000
    for table in TABLES:
        assert first[table] == second[table], table
    build_demo_database(_url(other), seed=7)
    assert _dump(other) == first


def test_rebuild_replaces_another_seeds_demo_and_keeps_imported_respondents(
        seed7_path: Path, tmp_path: Path) -> None:
    path = tmp_path / "mixed.sqlite"
    url = _url(path)
    build_demo_database(url, seed=8)
    seed8 = _dump(path)
    assert seed8["answers"] != _dump(seed7_path)["answers"]
    assert seed8["questions"] == _dump(seed7_path)["questions"]
    engine = create_engine_from_url(url)
    factory = make_session_factory(engine)
    imported = RespondentRecord(wave=2023, source_id="sm-123", survey_language="fi",
                                org_type="ngo", ely_area="lappi",
                                submitted_at=datetime(2023, 1, 10, 12, 0),
                                answers=[AnswerRecord("role", "expert")])
    with factory() as session, session.begin():
        store_respondents(session, [imported])
    build_demo_database(url, seed=7)
    with factory() as session:
        assert count_respondents(session) == {2020: 792, 2023: 376}
        kept = load_respondents(session, wave=2023)
        assert (kept["ely_area"] == "lappi").sum() == 9 + 1
    engine.dispose()
    rebuilt = _dump(path)["respondents"]
    demo_rows = [row[1:] for row in rebuilt if str(row[2]).startswith("demo-")]
    assert demo_rows == [row[1:] for row in _dump(seed7_path)["respondents"]]
    assert [row[2] for row in rebuilt if not str(row[2]).startswith("demo-")] == ["sm-123"]


def test_command_line_builds_and_reports(tmp_path: Path, capsys: pytest.CaptureFixture[str]
                                         ) -> None:
    path = tmp_path / "cli.sqlite"
    assert main(["demo", "--seed", "7", "--database-url", _url(path)]) == 0
    out = capsys.readouterr().out
    assert "seed 7" in out and "2020: 792 respondents" in out and "2023: 375 respondents" in out
    assert len(_dump(path)["respondents"]) == 792 + 375
