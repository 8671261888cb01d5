"""Write paths of the survey store: the codebook and respondents with their answers.

Callers own the session and the transaction, so an import or a demo build commits once or not
at all.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from codebook import Codebook, Reference
from data_access import models


@dataclass(frozen=True)
class AnswerRecord:
    """One row of the long answer table, before it gets a respondent's database id."""

    question_id: str
    option_code: str | None = None
    value_num: float | None = None
    value_text: str | None = None


@dataclass(frozen=True)
class RespondentRecord:
    """A respondent with the background as answered and the answers in long form."""

    wave: int
    source_id: str
    survey_language: str
    org_type: str | None
    ely_area: str | None
    submitted_at: datetime | None
    answers: Sequence[AnswerRecord] = field(default_factory=tuple)


def store_codebook(session: Session, codebook: Codebook, reference: Reference) -> None:
    """Insert or refresh waves, questions and options from the validated codebook."""
    for wave in reference.waves:
        fieldwork = _fieldwork(wave.code, reference)
        session.merge(models.Wave(code=int(wave.code), fieldwork_start=fieldwork[0],
                                  fieldwork_end=fieldwork[1]))
    for question in codebook.questions:
        session.merge(
            models.Question(
                id=question.id,
                section=question.section,
                type=question.type,
                concept=codebook.concept_of(question.id).id,
                text_fi=question.text["fi"],
                text_sv=question.text["sv"],
                text_en=question.text["en"],
                codebook_version=codebook.version,
            )
        )
        for wave in question.waves:
            session.merge(models.QuestionWave(question_id=question.id, wave=wave))
        for position, option in enumerate(question.options):
            session.merge(
                models.Option(
                    question_id=question.id,
                    code=option.code,
                    position=position,
                    dont_know=option.dont_know,
                    label_fi=option.label["fi"],
                    label_sv=option.label["sv"],
                    label_en=option.label["en"],
                )
            )
    session.flush()



def _fieldwork(code: str, reference: Reference) -> tuple[date | None, date | None]:
    known = {"2020": (date(2020, 12, 1), date(2021, 1, 31)),
             "2023": (date(2022, 11, 4), date(2023, 2, 24))}
    return known.get(str(code), (None, None))


def store_respondents(session: Session, respondents: Iterable[RespondentRecord]) -> int:
    """Bulk-insert respondents and their answers; returns how many respondents were written.

    Re-importing a respondent (same wave and source id) replaces the earlier copy, which makes
    imports idempotent.
    """
    count = 0
    batch: list[RespondentRecord] = []
    for record in respondents:
        batch.append(record)
        if len(batch) >= 2000:
            count += _store_batch(session, batch)
            batch = []
    if batch:
        count += _store_batch(session, batch)
    return count


def _store_batch(session: Session, batch: list[RespondentRecord]) -> int:
    for wave in {r.wave for r in batch}:
        source_ids = [r.source_id for r in batch if r.wave == wave]
        existing = session.scalars(
            select(models.Respondent.id).where(
                models.Respondent.wave == wave, models.Respondent.source_id.in_(source_ids)
            )
        ).all()
        if existing:
            session.execute(delete(models.Answer).where(models.Answer.respondent_id.in_(existing)))
            session.execute(delete(models.Respondent).where(models.Respondent.id.in_(existing)))
    rows = [
        {"wave": r.wave, "source_id": r.source_id, "survey_language": r.survey_language,
         "org_type": r.org_type, "ely_area": r.ely_area, "submitted_at": r.submitted_at}
        for r in batch
    ]
    ids = session.scalars(
        insert(models.Respondent).returning(models.Respondent.id, sort_by_parameter_order=True),
        rows,
    ).all()
    answer_rows = [
        {"respondent_id": rid, "question_id": a.question_id, "option_code": a.option_code,
         "value_num": a.value_num, "value_text": a.value_text}
        for rid, record in zip(ids, batch, strict=True)
        for a in record.answers
    ]
    if answer_rows:
        # Core insert of the table: one executemany for the whole batch. The ORM's bulk path
        # splits rows by which columns are NULL, i.e. thousands of tiny statements per batch.
        session.execute(insert(models.Base.metadata.tables["answers"]), answer_rows)
    return len(batch)
