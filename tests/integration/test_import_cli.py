"""``python -m baro import``: exit codes, the problem list, dry run, drafting, protection."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
import yaml

from baro.cli import main

DATA = Path(__file__).resolve().parent.parent / "data" / "import"
GOOD = [str(DATA / n) for n in ("wave2023_fi.csv", "wave2023_sv.csv",
                                "wave2023_en_single_header.csv")]
MAPPING = str(DATA / "mapping.yaml")


def count(database: Path, table: str) -> int:
    with sqlite3.connect(database) as connection:
        value: int = connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    return value


def test_import_then_reimport(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    database = tmp_path / "store.sqlite"
    args = ["import", "--wave", "2023", "--mapping", MAPPING, "--database-url",
            f"sqlite:///{database}", "--no-progress", *GOOD]
    assert main(args) == 0
    out = capsys.readouterr().out
    assert "Wave 2023: imported 8 respondents with 37 answers (6 open answers)" in out
    assert "personal data left out: IP Address, Email Address" in out
    assert "protection: wave 2023:" in out
    assert (count(database, "respondents"), count(database, "answers")) == (8, 37)
    assert main(args) == 0
    assert "already in the store and replaced: 8" in capsys.readouterr().out
    assert (count(database, "respondents"), count(database, "answers")) == (8, 37)


def test_validation_errors_exit_2_with_every_problem(tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    database = tmp_path / "store.sqlite"
    code = main(["import", "--mapping", MAPPING, "--database-url", f"sqlite:///{database}",
                 str(DATA / "bad_values.csv"), str(DATA / "damaged_hash_dates.csv")])
    assert code == 2
    err = capsys.readouterr().err.splitlines()
    assert err[:5] == [
        "error: bad_values.csv, row 3, column L (Mikä on asemanne organisaatiossa? / Response): "
        "not an option of role: 'Pomo' (add it under 'values' in the mapping if it is a known "
        "label)",
        "error: bad_values.csv, row 4, column P (Millaisen arvosanan (1–10) antaisitte koto... / "
        "Response): value out of range: '11' (the scale of coop_grade_municipal runs 1..10)",
        "error: bad_values.csv, row 5, column N (Vuoropuhelu viranomaisten kanssa / kunnan "
        "tasolla): not an option of dialogue_municipal: 'Samaa mieltä' (add it under 'values' "
        "in the mapping if it is a known label)",
        "error: bad_values.csv, row 6, column Q (Mihin kumppanuusohjelman valtakunnalliseen... / "
        "Koulutukset ja osaamisen kehittä...): not an option of nat_participation_forms: "
        "'kyllä?' in the column of option 'trainings' (a ticked box holds the option's label)",
        "error: damaged_hash_dates.csv, row 4, column D (End Date): Excel shows '#####' here: "
        "the value was lost when the file was saved from a too narrow column; export from "
        "SurveyMonkey again",
    ]
    assert err[-2:] == ["5 error(s), 0 warning(s)", "5 error(s) found; nothing was imported"]
    assert count(database, "respondents") == 0


def test_mapping_errors_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["import", "--wave", "2020", "--mapping", MAPPING, "--database-url",
                 f"sqlite:///{tmp_path / 's.sqlite'}", *GOOD]) == 2
    assert "the mapping is for wave 2023 but --wave 2020 was given" in capsys.readouterr().err


def test_dry_run_creates_no_database(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    database = tmp_path / "never.sqlite"
    assert main(["import", "--dry-run", "--mapping", MAPPING, "--database-url",
                 f"sqlite:///{database}", *GOOD]) == 0
    out = capsys.readouterr().out
    assert "Wave 2023: would import 8 respondents" in out
    assert "coop_grade_municipal     6" in out
    assert not database.exists()


def test_draft_mapping_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    output = tmp_path / "draft.yaml"
    assert main(["import", "--draft-mapping", "--no-codebook", "--wave", "2023",
                 str(DATA / "new_survey_fi.csv"), "--output", str(output)]) == 0
    err = capsys.readouterr().err
    skeleton = tmp_path / "draft_codebook_skeleton.yaml"
    assert f"codebook skeleton (10 questions) written to {skeleton}" in err
    text = output.read_text(encoding="utf-8")
    assert text.startswith("# Drafted by `python -m baro import --draft-mapping`")
    assert yaml.safe_load(text)["columns"][0] == {"header": "Organisaation tyyppi",
                                                 "question": "org_type"}
    # The drafted pair imports the new survey as it stands.
    database = tmp_path / "new.sqlite"
    assert main(["import", "--mapping", str(output), "--codebook", str(skeleton),
                 "--database-url", f"sqlite:///{database}", str(DATA / "new_survey_fi.csv")]) == 0
    assert count(database, "respondents") == 5


def test_draft_mapping_to_stdout(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["import", "--draft-mapping", *GOOD[:2]]) == 0
    captured = capsys.readouterr()
    document = yaml.safe_load(captured.out)
    assert document["files"] == {"wave2023_fi.csv": "fi", "wave2023_sv.csv": "sv"}
    assert "2 question(s) are not in the codebook" in captured.err


def test_the_protection_step_runs_by_default(tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    database = tmp_path / "store.sqlite"
    assert main(["import", "--mapping", MAPPING, "--database-url",
                 f"sqlite:///{database}", "--no-progress", *GOOD]) == 0
    out = capsys.readouterr().out
    assert "protection: wave 2023:" in out
    assert "run `python -m baro protect`" not in out
    assert count(database, "protection_runs") == 1


def test_no_protect_leaves_the_step_to_the_operator(tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    database = tmp_path / "store.sqlite"
    assert main(["import", "--no-protect", "--mapping", MAPPING, "--database-url",
                 f"sqlite:///{database}", "--no-progress", *GOOD]) == 0
    assert "run `python -m baro protect`" in capsys.readouterr().out
    assert count(database, "protection_runs") == 0


def test_open_answers_are_redacted_by_default(tmp_path: Path) -> None:
    text = (DATA / "wave2023_fi.csv").read_text(encoding="utf-8-sig")
    export = tmp_path / "wave2023_fi.csv"
    export.write_text(text.replace("Enemmän yhteisiä tapaamisia.",
                                   "Soittakaa 040 123 4567 tai kirjoittakaa anna@example.fi."),
                      encoding="utf-8")
    database = tmp_path / "store.sqlite"
    assert main(["import", "--mapping", MAPPING, "--database-url",
                 f"sqlite:///{database}", "--no-progress", str(export)]) == 0
    with sqlite3.connect(database) as connection:
        texts = [t for (t,) in connection.execute(
            "SELECT value_text FROM answers WHERE value_text IS NOT NULL ORDER BY id")]
    assert len(texts) == 3
    assert texts[0].startswith("Soittakaa [")
    assert "4567" not in texts[0] and "example.fi" not in texts[0]
    assert texts[2] == "Lisää koulutusta ruotsiksi."
