"""The text step in the loading transaction, the stored coded answers, and ``python -m baro themes``.

Survey: tests/open_answer_fixtures.py (46 + 17 respondents, two open questions each; a planted
name and phone number in a Finnish template answer; a markup answer from an NGO in Uusimaa).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session, sessionmaker

from anonymity import Policy, View
from baro.cli import main
from codebook import load_codebook, load_reference
from data_access import load_coded_answers, load_coding_runs, load_key_terms, models
from pipeline import after_load
from results import load_open_answer_data, load_snapshot, release_question, release_quotes
from tests.open_answer_fixtures import PAYLOAD_REDACTED, build_open_answer_database, open_answer_survey

REFERENCE = load_reference()
CODEBOOK = load_codebook(reference=REFERENCE)
OPEN_ANSWERS = 2 * (46 + 17)


def count(session: Session, table: type[models.Base]) -> int:
    return int(session.scalar(select(func.count()).select_from(table)) or 0)


def test_the_text_step_stores_redacted_coded_answers_and_protects_the_themes(database_url: str) -> None:
    factory = build_open_answer_database(database_url, open_answer_survey())
    try:
        with factory() as session:
            coded = load_coded_answers(session)
            assert len(coded) == OPEN_ANSWERS
            assert not coded["redacted_text"].str.contains("Virtanen|040 123 4567|example.invalid").any()
            assert coded["redacted_text"].str.contains(r"\[nimi\]").sum() > 0
            raw = session.scalars(select(models.Answer.value_text).where(models.Answer.value_text.like("%Virtanen%")))
            assert len(raw.all()) > 0, "the raw answer is kept for the pipeline only"
            assert PAYLOAD_REDACTED in coded["redacted_text"].tolist()
            assert int((~coded["is_substantive"]).sum()) == 7  # 5 in 2023, 2 in 2020
            runs = load_coding_runs(session)
            assert {(r.question_id, r.wave) for r in runs} == {
                (q, w) for q in ("open_benefits", "open_development", "open_participation", "open_comments")
                for w in (2020, 2023)}
            assert runs[0].analyser in ("voikko", "simplemma") and runs[0].theme_ids
            terms = load_key_terms(session, "open_benefits", 2023)
            assert len(terms) > 0 and terms["n_respondents"].min() >= 3
            protected = set(session.scalars(select(models.ProtectedTable.question_id)
                                            .where(models.ProtectedTable.wave == 2023)))
            assert {"open_benefits", "open_development"} <= protected
            snapshot = load_snapshot(session, CODEBOOK, REFERENCE, Policy())
            data = load_open_answer_data(session, REFERENCE)
        table = release_question(snapshot, "open_benefits", 2023, View())
        assert table.total is not None and (table.total.base, table.total.count("no_content")) == (41, 5)
        quotes = release_quotes(snapshot, data, "open_benefits", 2023, View(), "fi")
        assert quotes.for_theme("influence_participation")[0].text == PAYLOAD_REDACTED
    finally:
        factory.kw["bind"].dispose()


@pytest.fixture
def sqlite_store(tmp_path: Path) -> tuple[str, sessionmaker[Session]]:
    url = f"sqlite:///{tmp_path / 'store.sqlite'}"
    return url, build_open_answer_database(url, open_answer_survey())


def rows(session: Session) -> list[tuple[object, ...]]:
    coded = load_coded_answers(session)
    return sorted(map(tuple, coded.astype(str).to_numpy().tolist()))


def test_the_step_replaces_its_results_and_follows_deleted_respondents(
        sqlite_store: tuple[str, sessionmaker[Session]]) -> None:
    _, factory = sqlite_store
    with factory() as session:
        before = rows(session)
        terms_before = load_key_terms(session).to_dict("records")
    with factory() as session, session.begin():
        summary = after_load(session, Policy())
    with factory() as session:
        assert rows(session) == before and load_key_terms(session).to_dict("records") == terms_before
    coverage = {(c.question_id, c.wave): c for c in summary.themes.coverage}
    item = coverage[("open_benefits", 2023)]
    assert (item.answers, item.substantive, item.no_content, item.coded) == (46, 41, 5, 40)
    assert any(line.startswith("themes open_benefits 2023: 46 answers, 41 substantive") for line in summary.lines())
    assert any(line.startswith("wave 2023: ") and "tables protected" in line for line in summary.lines())
    with factory() as session, session.begin():
        victim = session.scalar(select(models.Respondent.id)
                                .where(models.Respondent.source_id == "o2023-ngo-uusimaa-1"))
        session.execute(delete(models.Answer).where(models.Answer.respondent_id == victim))
        session.execute(delete(models.Respondent).where(models.Respondent.id == victim))
    with factory() as session:
        assert count(session, models.CodedAnswer) == OPEN_ANSWERS - 2
        assert session.scalar(select(func.count()).select_from(models.CodedAnswerTheme)
                              .where(models.CodedAnswerTheme.respondent_id == victim)) == 0
    factory.kw["bind"].dispose()


def test_cli_prints_the_released_theme_shares(
        sqlite_store: tuple[str, sessionmaker[Session]], capsys: pytest.CaptureFixture[str]) -> None:
    url, factory = sqlite_store
    factory.kw["bind"].dispose()
    assert main(["themes", "--question", "open_benefits", "--format", "json", "--database-url", url]) == 0
    payload = json.loads(capsys.readouterr().out)
    assert payload["question"] == "open_benefits" and payload["k"] == 5
    wave_2023 = next(w for w in payload["waves"] if w["wave"] == 2023)
    assert (wave_2023["substantive"], wave_2023["no_content"], wave_2023["hidden"]) == (41, 5, False)
    themes = {t["theme"]: t for t in wave_2023["themes"]}
    assert themes["influence_participation"] == {"theme": "influence_participation",
                                                 "label": "Influence and participation", "count": 1,
                                                 "share": pytest.approx(1 / 41)}
    assert wave_2023["uncoded"]["count"] == 1

    assert main(["themes", "--question", "open_benefits", "--wave", "2023", "--filter", "org_type=company",
                 "--language", "fi", "--database-url", url]) == 0
    text = capsys.readouterr().out
    assert "2023, org_type=company: - (open answers are shown only for all respondents and by sector)" in text
    assert main(["themes", "--question", "open_benefits", "--wave", "2023", "--database-url", url]) == 0
    out = capsys.readouterr().out
    assert "more than 100 %" in out and "41 substantive answers, 5 with no content" in out

    assert main(["themes", "--question", "q_no_such", "--database-url", url]) == 2
    assert "no coded open answers" in capsys.readouterr().err
    assert main(["themes", "--question", "open_benefits", "--filter", "org_type", "--database-url", url]) == 2
    assert main(["themes", "--question", "open_benefits", "--database-url",
                 f"sqlite:///{Path(url[10:]).parent / 'missing.sqlite'}"]) == 2
    assert not (Path(url[10:]).parent / "missing.sqlite").exists()


def test_recode_codes_a_store_loaded_without_the_text_step(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    url = f"sqlite:///{tmp_path / 'bare.sqlite'}"
    factory = build_open_answer_database(url, open_answer_survey(), steps=False)
    with factory() as session:
        assert count(session, models.CodedAnswer) == 0
    factory.kw["bind"].dispose()
    assert main(["themes", "--question", "open_benefits", "--database-url", url]) == 2
    assert "--recode" in capsys.readouterr().err
    assert main(["themes", "--recode", "--database-url", url]) == 0
    assert "themes open_benefits 2023: 46 answers" in capsys.readouterr().out
    assert main(["release", "--question", "open_benefits", "--wave", "2023", "--database-url", url]) == 0
    released = json.loads(capsys.readouterr().out)
    assert released["total"]["base"] == 41 and released["total"]["options"]["no_content"]["count"] == 5
