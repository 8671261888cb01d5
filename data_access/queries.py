"""Read functions: take a session, return tidy pandas frames (never Streamlit, never raw rows to pages).

Each frame has one row per respondent (background) or per answer row (long form); the analysis
and anonymity packages aggregate them.
"""

from __future__ import annotations

import pandas as pd
from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from data_access import models

RESPONDENT_COLUMNS = ["respondent_id", "wave", "survey_language", "org_type", "ely_area",
                      "submitted_at"]
ANSWER_COLUMNS = ["respondent_id", "wave", "question_id", "option_code", "value_num"]
OPEN_ANSWER_COLUMNS = ["respondent_id", "wave", "survey_language", "question_id", "text"]


def load_respondents(session: Session, wave: int | None = None) -> pd.DataFrame:
    """Respondents (of ``wave``, or all) with their background as answered."""
    stmt = select(
        models.Respondent.id.label("respondent_id"),
        models.Respondent.wave,
        models.Respondent.survey_language,
        models.Respondent.org_type,
        models.Respondent.ely_area,
        models.Respondent.submitted_at,
    ).order_by(models.Respondent.id)
    if wave is not None:
        stmt = stmt.where(models.Respondent.wave == wave)
    return pd.DataFrame(session.execute(stmt).all(), columns=RESPONDENT_COLUMNS)


def _closed_answers() -> Select[tuple[int, int, str, str | None, float | None]]:
    """Answer rows with their respondent's wave, in respondent and entry order."""
    return (
        select(
            models.Answer.respondent_id,
            models.Respondent.wave,
            models.Answer.question_id,
            models.Answer.option_code,
            models.Answer.value_num,
        )
        .join(models.Respondent, models.Respondent.id == models.Answer.respondent_id)
        .order_by(models.Answer.respondent_id, models.Answer.id)
    )


def load_answers(session: Session, question_id: str, wave: int | None = None) -> pd.DataFrame:
    """Closed answers to one question in long form (a multi-select gives one row per tick)."""
    stmt = _closed_answers().where(models.Answer.question_id == question_id)
    if wave is not None:
        stmt = stmt.where(models.Respondent.wave == wave)
    return pd.DataFrame(session.execute(stmt).all(), columns=ANSWER_COLUMNS)


def load_all_answers(session: Session, wave: int) -> pd.DataFrame:
    """Every closed answer of a wave, for the batch protection step that precomputes patterns."""
    stmt = _closed_answers().where(models.Respondent.wave == wave, models.Answer.value_text.is_(None))
    return pd.DataFrame(session.execute(stmt).all(), columns=ANSWER_COLUMNS)


def load_open_answers(session: Session, question_id: str, wave: int | None = None) -> pd.DataFrame:
    """Raw open answers of one question. Only the text pipeline may call this."""
    stmt = (
        select(
            models.Answer.respondent_id,
            models.Respondent.wave,
            models.Respondent.survey_language,
            models.Answer.question_id,
            models.Answer.value_text,
        )
        .join(models.Respondent, models.Respondent.id == models.Answer.respondent_id)
        .where(models.Answer.question_id == question_id, models.Answer.value_text.is_not(None))
        .order_by(models.Answer.respondent_id)
    )
    if wave is not None:
        stmt = stmt.where(models.Respondent.wave == wave)
    return pd.DataFrame(session.execute(stmt).all(), columns=OPEN_ANSWER_COLUMNS)


def count_respondents(session: Session) -> dict[int, int]:
    """Respondents per wave; the app uses it to tell an empty store from a built one."""
    rows = session.execute(
        select(models.Respondent.wave, func.count()).group_by(models.Respondent.wave)
    ).all()
    return {int(wave): int(n) for wave, n in rows}


def data_version(session: Session) -> str:
    """A short text that changes whenever respondents, answers or hiding patterns are replaced.

    Why: the app keeps one aggregated snapshot per process and must notice a rebuilt or newly
    imported store without re-reading it. Every load runs the post-load steps in its own
    transaction, which replace the protection runs (new ``computed_at``); respondent count and
    highest id change with the data itself. Two cheap aggregate queries, no row data.
    """
    respondents = session.execute(select(func.count(), func.max(models.Respondent.id))).one()
    runs = session.execute(
        select(models.ProtectionRun.wave, models.ProtectionRun.computed_at).order_by(models.ProtectionRun.wave)
    ).all()
    parts = [f"{respondents[0]}:{respondents[1]}", *(f"{wave}@{moment.isoformat()}" for wave, moment in runs)]
    return ";".join(parts)


#: Background columns the answer counts are grouped by (every menu dimension derives from them).
BACKGROUND_COLUMNS = ["org_type", "ely_area", "survey_language"]


def count_closed_answers(session: Session, wave: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Closed answers of a wave counted in the database, by background as answered.

    Why: at 100,000 respondents a wave has millions of answer rows; moving them into pandas
    only to count them took most of the snapshot's load time. The database returns a few
    thousand counts instead, from which the cells of every question follow (results._service).

    Returns
    -------
    (options, bases)
        ``options``: org_type, ely_area, survey_language, question_id, option_code, respondents
        (distinct respondents who chose the option); ``bases``: the same without option_code,
        respondents who gave any closed answer to the question.
    """
    answer, person = models.Answer, models.Respondent
    background = [person.org_type, person.ely_area, person.survey_language]
    joined = (select().select_from(answer).join(person, person.id == answer.respondent_id)
              .where(person.wave == wave, answer.value_text.is_(None)))
    respondents = func.count(answer.respondent_id.distinct())
    options = joined.add_columns(*background, answer.question_id, answer.option_code, respondents) \
        .group_by(*background, answer.question_id, answer.option_code)
    bases = joined.add_columns(*background, answer.question_id, respondents) \
        .group_by(*background, answer.question_id)
    option_frame = pd.DataFrame(session.execute(options).all(),
                                columns=[*BACKGROUND_COLUMNS, "question_id", "option_code", "respondents"])
    base_frame = pd.DataFrame(session.execute(bases).all(), columns=[*BACKGROUND_COLUMNS, "question_id", "respondents"])
    return option_frame, base_frame
