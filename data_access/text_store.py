"""Storage of the coded open answers: written by the text pipeline, read by the release service.

Why a module of its own: the raw open answers (``answers.value_text``) are read only by the
pipeline (``queries.load_open_answers``); everything here holds results that are safe to keep
for display: the redacted text, detected language, the substance flag, themes and key terms.
The caller owns the transaction, so a load commits its data and their coding together.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

import pandas as pd
from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from data_access import models

CODED_ANSWER_COLUMNS = ["respondent_id", "wave", "question_id", "language", "is_substantive",
                        "redacted_text", "themes"]
ANSWER_FLAG_COLUMNS = ["respondent_id", "question_id", "is_substantive"]
ANSWER_THEME_COLUMNS = ["respondent_id", "question_id", "theme_id"]
KEY_TERM_COLUMNS = ["question_id", "wave", "language", "kind", "term", "n_respondents"]

_TABLES = (models.CodedAnswerTheme, models.CodedAnswer, models.KeyTerm, models.ThemeCodingRun)
_BATCH = 2_000


@dataclass(frozen=True)
class CodingRun:
    """How one open question of one wave was coded."""

    wave: int
    question_id: str
    codebook_version: str
    theme_ids: tuple[str, ...]
    analyser: str
    seconds: float
    coded_at: datetime | None = None


def replace_coded_answers(
    session: Session,
    answers: pd.DataFrame,
    answer_themes: pd.DataFrame,
    key_terms: pd.DataFrame,
    runs: Sequence[CodingRun],
) -> None:
    """Replace every stored coding with these frames (the caller commits).

    Parameters
    ----------
    answers
        ``themes.PipelineResult.answers`` (only its redacted text is stored, never raw text).
    answer_themes, key_terms
        ``PipelineResult.answer_themes`` and ``.key_terms``.
    runs
        One record per coded (wave, question).
    """
    for table in _TABLES:
        session.execute(delete(table))
    answer_rows = [
        {"respondent_id": int(r.respondent_id), "question_id": str(r.question_id), "wave": int(r.wave),
         "language": str(r.language), "language_source": str(r.language_source),
         "is_substantive": bool(r.is_substantive), "redacted_text": str(r.redacted_text),
         "redaction_count": int(r.redaction_count)}
        for r in answers.itertuples(index=False)
    ]
    theme_rows = [
        {"respondent_id": int(r.respondent_id), "question_id": str(r.question_id), "theme_id": str(r.theme_id)}
        for r in answer_themes.itertuples(index=False)
    ]
    term_rows = [
        {"question_id": str(r.question_id), "wave": int(r.wave), "language": str(r.language),
         "kind": str(r.kind), "term": str(r.term)[:200], "n_respondents": int(r.n_respondents)}
        for r in key_terms.itertuples(index=False)
    ]
    now = datetime.now()
    run_rows = [
        {"wave": run.wave, "question_id": run.question_id, "codebook_version": run.codebook_version,
         "theme_ids": ",".join(run.theme_ids), "analyser": run.analyser,
         "coded_at": run.coded_at or now, "seconds": run.seconds}
        for run in runs
    ]
    for table, rows in ((models.CodedAnswer, answer_rows), (models.CodedAnswerTheme, theme_rows),
                        (models.KeyTerm, term_rows), (models.ThemeCodingRun, run_rows)):
        for start in range(0, len(rows), _BATCH):
            session.execute(insert(table), rows[start:start + _BATCH])
    session.flush()


def stored_question_ids(session: Session) -> set[str]:
    """Ids of the questions in the store (a store may hold another questionnaire than the default)."""
    return set(session.scalars(select(models.Question.id)))


def load_coded_answers(session: Session, question_id: str | None = None,
                       wave: int | None = None) -> pd.DataFrame:
    """Coded answers with their REDACTED text and themes (a tuple per answer, codebook order lost).

    Columns ``CODED_ANSWER_COLUMNS``; one row per respondent and question.
    """
    stmt = select(
        models.CodedAnswer.respondent_id, models.CodedAnswer.wave, models.CodedAnswer.question_id,
        models.CodedAnswer.language, models.CodedAnswer.is_substantive, models.CodedAnswer.redacted_text,
    ).order_by(models.CodedAnswer.question_id, models.CodedAnswer.respondent_id)
    if question_id is not None:
        stmt = stmt.where(models.CodedAnswer.question_id == question_id)
    if wave is not None:
        stmt = stmt.where(models.CodedAnswer.wave == wave)
    frame = pd.DataFrame(session.execute(stmt).all(), columns=CODED_ANSWER_COLUMNS[:-1])
    theme_stmt = select(models.CodedAnswerTheme.respondent_id, models.CodedAnswerTheme.question_id,
                        models.CodedAnswerTheme.theme_id)
    if question_id is not None:
        theme_stmt = theme_stmt.where(models.CodedAnswerTheme.question_id == question_id)
    themes: dict[tuple[int, str], list[str]] = {}
    for respondent_id, qid, theme_id in session.execute(theme_stmt):
        themes.setdefault((int(respondent_id), str(qid)), []).append(str(theme_id))
    frame["themes"] = [tuple(sorted(themes.get((int(r), str(q)), ())))
                       for r, q in zip(frame["respondent_id"], frame["question_id"], strict=True)]
    frame["is_substantive"] = frame["is_substantive"].astype(bool)
    return frame


def load_answer_flags(session: Session, wave: int) -> pd.DataFrame:
    """Which respondents of ``wave`` answered which open question, and with content or not."""
    stmt = (select(models.CodedAnswer.respondent_id, models.CodedAnswer.question_id,
                   models.CodedAnswer.is_substantive)
            .where(models.CodedAnswer.wave == wave)
            .order_by(models.CodedAnswer.question_id, models.CodedAnswer.respondent_id))
    frame = pd.DataFrame(session.execute(stmt).all(), columns=ANSWER_FLAG_COLUMNS)
    frame["is_substantive"] = frame["is_substantive"].astype(bool)
    return frame


def load_answer_themes(session: Session, wave: int) -> pd.DataFrame:
    """The themes of the coded answers of ``wave``, one row per respondent, question and theme."""
    stmt = (select(models.CodedAnswerTheme.respondent_id, models.CodedAnswerTheme.question_id,
                   models.CodedAnswerTheme.theme_id)
            .join(models.CodedAnswer, (models.CodedAnswer.respondent_id == models.CodedAnswerTheme.respondent_id)
                  & (models.CodedAnswer.question_id == models.CodedAnswerTheme.question_id))
            .where(models.CodedAnswer.wave == wave)
            .order_by(models.CodedAnswerTheme.question_id, models.CodedAnswerTheme.respondent_id))
    return pd.DataFrame(session.execute(stmt).all(), columns=ANSWER_THEME_COLUMNS)


def load_key_terms(session: Session, question_id: str | None = None, wave: int | None = None) -> pd.DataFrame:
    """Stored key terms (already without the rarest), most used first."""
    stmt = select(models.KeyTerm.question_id, models.KeyTerm.wave, models.KeyTerm.language,
                  models.KeyTerm.kind, models.KeyTerm.term, models.KeyTerm.n_respondents)
    if question_id is not None:
        stmt = stmt.where(models.KeyTerm.question_id == question_id)
    if wave is not None:
        stmt = stmt.where(models.KeyTerm.wave == wave)
    stmt = stmt.order_by(models.KeyTerm.question_id, models.KeyTerm.wave, models.KeyTerm.language,
                         models.KeyTerm.n_respondents.desc(), models.KeyTerm.term)
    return pd.DataFrame(session.execute(stmt).all(), columns=KEY_TERM_COLUMNS)


def load_coding_runs(session: Session) -> list[CodingRun]:
    """Every stored coding run, by wave and question."""
    rows = session.scalars(select(models.ThemeCodingRun)
                           .order_by(models.ThemeCodingRun.wave, models.ThemeCodingRun.question_id)).all()
    return [
        CodingRun(wave=r.wave, question_id=r.question_id, codebook_version=r.codebook_version,
                  theme_ids=tuple(t for t in r.theme_ids.split(",") if t), analyser=r.analyser,
                  seconds=r.seconds, coded_at=r.coded_at)
        for r in rows
    ]
