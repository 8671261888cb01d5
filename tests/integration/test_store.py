"""The store on SQLite and PostgreSQL: migrations both ways, writes, every read function.

Groups relied on (``survey_sizes`` below): 2023 has 6 + 3 + 2 = 11 respondents in three groups,
2020 has 4 + 1 = 5. Two 2023 respondents and one 2020 respondent carry open answers.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable

import pandas as pd
import pytest
from sqlalchemy import func, inspect, select
from sqlalchemy.orm import Session, sessionmaker

from codebook import Codebook
from data_access import (
    AnswerRecord,
    RespondentRecord,
    count_respondents,
    create_engine_from_url,
    downgrade_schema,
    load_all_answers,
    load_answers,
    load_open_answers,
    load_respondents,
    models,
    store_respondents,
    upgrade_schema,
)
from data_access.queries import ANSWER_COLUMNS, OPEN_ANSWER_COLUMNS, RESPONDENT_COLUMNS
from tests.builders import GroupSizes, build_respondents

SIZES_2023: GroupSizes = {
    ("municipality", "uusimaa", "fi"): 6,
    ("ngo", "uusimaa", "sv"): 3,
    ("company", "kainuu", "fi"): 2,
}
SIZES_2020: GroupSizes = {
    ("municipality", "pirkanmaa", "fi"): 4,
    ("religious", "lappi", "en"): 1,
}
TABLES = {"waves", "questions", "question_waves", "options", "respondents", "answers"}
#: (wave, index in build order) -> open answer. The builder orders groups by their key, so index 0
#: of 2023 is a Kainuu company (fi), index 9 an Uusimaa NGO (sv), index 4 of 2020 the one
#: Lapland religious community (en).
OPEN_TEXTS = {
    ("2023", 0): "Uusia kumppaneita ja paljon tietoa koulutuksista.",
    ("2023", 9): "Vi fick nya kontakter i regionen.",
    ("2020", 4): "We hope to learn good practices.",
}


@pytest.fixture
def survey_sizes() -> GroupSizes:
    return SIZES_2023


@pytest.fixture
def protect_store() -> bool:
    """The store's own tests do not need hiding patterns (they cost seconds per database)."""
    return False


@pytest.fixture
def survey_records(codebook: Codebook) -> list[RespondentRecord]:
    """Both waves, with open answers added to three stated respondents."""
    records = build_respondents(SIZES_2023, codebook.questions, wave=2023, seed=11) + (
        build_respondents(SIZES_2020, codebook.questions, wave=2020, seed=12)
    )
    by_wave: dict[str, list[RespondentRecord]] = {"2023": [], "2020": []}
    for record in records:
        by_wave[str(record.wave)].append(record)
    result: list[RespondentRecord] = []
    for wave, wave_records in by_wave.items():
        for index, record in enumerate(wave_records):
            text = OPEN_TEXTS.get((wave, index))
            if text is not None:
                extra = AnswerRecord("open_benefits", value_text=text)
                record = dataclasses.replace(record, answers=[*record.answers, extra])
            result.append(record)
    return result


def _source_ids(session: Session) -> dict[int, tuple[int, str]]:
    rows = session.execute(
        select(models.Respondent.id, models.Respondent.wave, models.Respondent.source_id)
    ).all()
    return {rid: (wave, source_id) for rid, wave, source_id in rows}


def _answer_tuples(records: Iterable[RespondentRecord], question_id: str | None,
                   wave: int | None) -> list[tuple[int, str, str, str | None, float | None]]:
    return sorted(
        (r.wave, r.source_id, a.question_id, a.option_code, a.value_num)
        for r in records
        if wave is None or r.wave == wave
        for a in r.answers
        if (question_id is None or a.question_id == question_id) and a.value_text is None
    )


def _frame_tuples(frame: pd.DataFrame, ids: dict[int, tuple[int, str]]) -> list[tuple]:
    out = []
    for row in frame.itertuples(index=False):
        wave, source_id = ids[int(row.respondent_id)]
        assert int(row.wave) == wave
        value = None if pd.isna(row.value_num) else float(row.value_num)
        option = None if pd.isna(row.option_code) else str(row.option_code)
        out.append((wave, source_id, str(row.question_id), option, value))
    return sorted(out)


def test_migrations_upgrade_downgrade_and_upgrade_again(database_url: str) -> None:
    engine = create_engine_from_url(database_url)
    try:
        upgrade_schema(engine)
        at_head = set(inspect(engine).get_table_names())
        assert TABLES <= at_head
        assert set(models.Base.metadata.tables) <= at_head  # every model has its migration
        downgrade_schema(engine)
        assert set(inspect(engine).get_table_names()) <= {"alembic_version"}
        upgrade_schema(engine)
        upgrade_schema(engine)  # a second upgrade at head changes nothing
        assert set(inspect(engine).get_table_names()) == at_head
        indexes = {ix["name"] for ix in inspect(engine).get_indexes("respondents")}
        assert {"ix_respondents_wave_org_type", "ix_respondents_wave_ely_area"} <= indexes
    finally:
        engine.dispose()


def test_codebook_is_stored(session_factory: sessionmaker[Session], codebook: Codebook) -> None:
    with session_factory() as session:
        stored = session.scalar(select(func.count()).select_from(models.Question))
        options = session.scalar(select(func.count()).select_from(models.Option))
        waves = set(session.scalars(select(models.Wave.code)))
    assert stored == len(codebook.questions)
    assert options == sum(len(q.options) for q in codebook.questions)
    assert waves == {2020, 2023}


def test_load_respondents_has_the_stated_groups(session_factory: sessionmaker[Session]) -> None:
    with session_factory() as session:
        frame_2023 = load_respondents(session, wave=2023)
        everyone = load_respondents(session)
        counts = count_respondents(session)
    assert list(frame_2023.columns) == RESPONDENT_COLUMNS
    groups = frame_2023.groupby(["org_type", "ely_area", "survey_language"]).size().to_dict()
    assert groups == dict(SIZES_2023)
    assert set(frame_2023["wave"]) == {2023}
    assert frame_2023["submitted_at"].notna().all()
    assert len(everyone) == 16
    assert everyone.groupby("wave").size().to_dict() == {2020: 5, 2023: 11}
    assert counts == {2020: 5, 2023: 11}


@pytest.mark.parametrize("question_id", ["coop_grade_municipal", "dialogue_municipal", "role"])
def test_load_answers_returns_every_stored_answer(
    session_factory: sessionmaker[Session],
    survey_records: list[RespondentRecord],
    question_id: str,
) -> None:
    with session_factory() as session:
        ids = _source_ids(session)
        both = load_answers(session, question_id)
        only_2023 = load_answers(session, question_id, wave=2023)
    assert list(both.columns) == ANSWER_COLUMNS
    expected = _answer_tuples(survey_records, question_id, None)
    assert len(expected) > 5  # the builder's seed gives this question real answers
    assert _frame_tuples(both, ids) == expected
    assert _frame_tuples(only_2023, ids) == _answer_tuples(survey_records, question_id, 2023)


def test_multi_select_gives_one_row_per_tick(
    session_factory: sessionmaker[Session],
    survey_records: list[RespondentRecord],
    codebook: Codebook,
) -> None:
    multi = next(q for q in codebook.questions_in_wave(2023) if q.type == "multi")
    with session_factory() as session:
        ids = _source_ids(session)
        frame = load_answers(session, multi.id, wave=2023)
    expected = _answer_tuples(survey_records, multi.id, 2023)
    assert _frame_tuples(frame, ids) == expected
    per_respondent = frame.groupby("respondent_id").size()
    assert per_respondent.max() > 1  # several ticks of one respondent are several rows


def test_load_all_answers_is_every_closed_answer_of_the_wave(
    session_factory: sessionmaker[Session], survey_records: list[RespondentRecord]
) -> None:
    with session_factory() as session:
        ids = _source_ids(session)
        frame = load_all_answers(session, 2020)
    assert list(frame.columns) == ANSWER_COLUMNS
    assert _frame_tuples(frame, ids) == _answer_tuples(survey_records, None, 2020)


def test_load_open_answers_returns_the_texts(session_factory: sessionmaker[Session]) -> None:
    with session_factory() as session:
        ids = _source_ids(session)
        both = load_open_answers(session, "open_benefits")
        only_2023 = load_open_answers(session, "open_benefits", wave=2023)
        none = load_open_answers(session, "open_development")
    assert list(both.columns) == OPEN_ANSWER_COLUMNS
    got = sorted(
        (ids[int(r.respondent_id)][0], r.survey_language, r.text) for r in both.itertuples()
    )
    assert got == sorted([
        (2023, "fi", OPEN_TEXTS[("2023", 0)]),
        (2023, "sv", OPEN_TEXTS[("2023", 9)]),
        (2020, "en", OPEN_TEXTS[("2020", 4)]),
    ])
    assert len(only_2023) == 2
    assert set(only_2023["wave"]) == {2023}
    assert none.empty and list(none.columns) == OPEN_ANSWER_COLUMNS


def test_restoring_the_same_source_ids_replaces_them(
    session_factory: sessionmaker[Session], survey_records: list[RespondentRecord]
) -> None:
    with session_factory() as session:
        answers_before = session.scalar(select(func.count()).select_from(models.Answer))
    changed = [
        dataclasses.replace(r, org_type="education") if r.source_id == "t2023-1" else r
        for r in survey_records
    ]
    for _round in range(2):
        with session_factory() as session, session.begin():
            assert store_respondents(session, changed) == 16
    with session_factory() as session:
        counts = count_respondents(session)
        answers_after = session.scalar(select(func.count()).select_from(models.Answer))
        frame = load_respondents(session, wave=2023)
    assert counts == {2020: 5, 2023: 11}
    assert answers_after == answers_before
    assert (frame["org_type"] == "education").sum() == 1
