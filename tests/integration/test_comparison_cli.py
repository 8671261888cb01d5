"""``python -m baro release --compare`` and the gate on comparison views of a real store.

The survey has the AppTest group sizes (tests/app/conftest.py: 2023 58 respondents, 2020 21) with
seeded answers. For every view of the menu of a comparable item the comparison is checked
against the two waves' released tables: a row hidden in either wave has no change and no
numbers on its hidden side, and every shown number is the released table's.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

import results
from analysis.comparison import MEASURE_MEAN, MEASURE_POSITIVE
from anonymity import Policy, View
from baro.cli import main
from codebook import load_codebook, load_reference
from data_access import create_engine_from_url, make_session_factory
from results import SurveySnapshot, load_snapshot, release_question
from tests.app.conftest import SIZES_2020, SIZES_2023
from tests.builders import build_database, build_respondents

REFERENCE = load_reference()
CODEBOOK = load_codebook(reference=REFERENCE)


@pytest.fixture(scope="module")
def database_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('compare') / 'survey.sqlite'}"
    records = [*build_respondents(SIZES_2020, CODEBOOK.questions, wave=2020, seed=220),
               *build_respondents(SIZES_2023, CODEBOOK.questions, wave=2023, seed=223)]
    build_database(url, records, codebook=CODEBOOK)
    return url


@pytest.fixture(scope="module")
def snapshot(database_url: str) -> Iterator[SurveySnapshot]:
    engine = create_engine_from_url(database_url)
    with make_session_factory(engine)() as session:
        yield load_snapshot(session, CODEBOOK, REFERENCE, Policy())
    engine.dispose()


def run_cli(capsys: pytest.CaptureFixture[str], database_url: str, *args: str) -> tuple[int, str, str]:
    code = main(["release", *args, "--database-url", database_url])
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.mark.parametrize("question_id", ["dialogue_national", "coop_grade_regional"])
def test_every_comparison_view_keeps_each_waves_hidden_values(snapshot: SurveySnapshot, question_id: str) -> None:
    measures = [MEASURE_POSITIVE, MEASURE_MEAN] if question_id == "dialogue_national" else [MEASURE_MEAN]
    checked = hidden_seen = 0
    for view in snapshot.menu.views():
        earlier = release_question(snapshot, question_id, 2020, view)
        later = release_question(snapshot, question_id, 2023, view)
        for measure in measures:
            item = results.release_comparison(snapshot, question_id, view, measure=measure)
            if earlier.is_refused or later.is_refused:
                assert item.refused == "view_refused" and item.rows == ()
                continue
            tables = {2020: earlier, 2023: later}
            for row in item.rows:
                for side, wave in ((row.earlier, 2020), (row.later, 2023)):
                    table = tables[wave]
                    source = table.total if row.category is None else next(
                        r for r in table.rows if r.category == row.category)
                    assert source is not None
                    if source.hidden:
                        hidden_seen += 1
                        assert not side.shown and side.n is None and side.estimate is None
                        assert row.change is None
                    elif side.shown and measure == MEASURE_POSITIVE:
                        assert side.n == source.base
                checked += 1
    assert checked > 100 and hidden_seen > 10


def test_release_compare_json_matches_the_released_tables(capsys: pytest.CaptureFixture[str], database_url: str,
                                                           snapshot: SurveySnapshot) -> None:
    code, out, err = run_cli(capsys, database_url, "--question", "dialogue_national", "--wave", "2020",
                             "--wave", "2023", "--compare", "--by", "sector", "--measure", "positive")
    assert (code, err) == (0, "")
    payload = json.loads(out)
    assert payload["comparability"] == "same" and payload["waves"] == [2020, 2023]
    view = View(None, "sector")
    tables = {w: release_question(snapshot, "dialogue_national", w, view) for w in (2020, 2023)}
    for row in payload["rows"]:
        for wave in (2020, 2023):
            table = tables[wave]
            source = table.total if set(row["group"]) == set() else next(
                r for r in table.rows if r.category == row["group"]["sector"])
            assert source is not None
            if source.hidden:
                assert row[str(wave)] is None and row["change"] is None
            else:
                assert row[str(wave)]["n"] == source.base
                agree = (source.count("4") or 0) + (source.count("5") or 0)
                assert row[str(wave)]["value"] == pytest.approx(agree / int(source.base or 1))
    total = payload["rows"][0]
    if total["change"] is not None:
        assert total["change"]["estimate"] == pytest.approx(total["2023"]["value"] - total["2020"]["value"])
        assert total["change"]["method"] == "newcombe_wilson"


def test_release_compare_refuses_new_items_and_one_wave(capsys: pytest.CaptureFixture[str],
                                                        database_url: str) -> None:
    code, out, _ = run_cli(capsys, database_url, "--question", "programme_useful", "--compare")
    payload = json.loads(out)  # an agreement item: % agree and the mean, both refused
    assert code == 0 and [item["refused"] for item in payload] == ["new_in_2023", "new_in_2023"]
    assert all(item["rows"] == [] for item in payload)
    code, _, err = run_cli(capsys, database_url, "--question", "dialogue_national", "--wave", "2023", "--compare")
    assert code == 2 and "--wave 2020 --wave 2023" in err


def test_release_compare_all_items_csv(capsys: pytest.CaptureFixture[str], database_url: str,
                                       tmp_path: Path) -> None:
    code, out, err = run_cli(capsys, database_url, "--question", "all", "--compare", "--format", "csv")
    assert (code, err) == (0, "")
    lines = out.strip().splitlines()
    header = lines[0].split(",")
    assert header[:3] == ["concept", "question_id", "earlier_question"]
    assert {"change", "change_low", "change_high", "supported", "adjusted_change"} <= set(header)
    assert len(lines) > 5
