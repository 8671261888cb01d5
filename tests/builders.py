"""Seeded, deterministic builders of test surveys. Tests state the group sizes they rely on.

No real personal data: every respondent here is made up from a ``random.Random(seed)``.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Mapping
from datetime import datetime, timedelta

from sqlalchemy.orm import Session, sessionmaker

from anonymity import Policy
from codebook import Codebook, Question, Reference, load_codebook, load_reference
from data_access import (
    AnswerRecord,
    RespondentRecord,
    create_engine_from_url,
    make_session_factory,
    store_codebook,
    store_respondents,
    upgrade_schema,
)
from results import run_protection_step

#: A group spec: (org_type, ely_area, survey_language) -> number of respondents.
GroupSizes = Mapping[tuple[str, str, str], int]


def answer_question(question: Question, rng: random.Random, skip_rate: float) -> list[AnswerRecord]:
    """A random answer to a closed question (or none, with probability ``skip_rate``)."""
    if rng.random() < skip_rate or not question.is_closed:
        return []
    if question.type == "multi":
        choosable = [o for o in question.options if o.code not in question.exclusive]
        ticked = [o for o in choosable if rng.random() < 0.4] or [rng.choice(choosable)]
        return [AnswerRecord(question.id, o.code) for o in ticked]
    option = rng.choice(question.options)
    return [AnswerRecord(question.id, option.code, option.value)]


def build_respondents(
    sizes: GroupSizes,
    questions: Iterable[Question],
    *,
    wave: int = 2023,
    seed: int = 42,
    skip_rate: float = 0.1,
) -> list[RespondentRecord]:
    """Respondents of ``wave`` with exactly the group sizes given, answering ``questions``."""
    rng = random.Random(seed)
    question_list = [q for q in questions if wave in q.waves]
    records: list[RespondentRecord] = []
    start = datetime(2022, 11, 4) if wave == 2023 else datetime(2020, 12, 1)
    for (org_type, ely_area, language), n in sorted(sizes.items()):
        for _ in range(n):
            answers = [a for q in question_list for a in answer_question(q, rng, skip_rate)]
            records.append(
                RespondentRecord(
                    wave=wave,
                    source_id=f"t{wave}-{len(records) + 1}",
                    survey_language=language,
                    org_type=org_type,
                    ely_area=ely_area,
                    submitted_at=start + timedelta(hours=rng.randrange(24 * 60)),
                    answers=answers,
                )
            )
    return records


def build_database(
    database_url: str,
    records: Iterable[RespondentRecord],
    codebook: Codebook | None = None,
    reference: Reference | None = None,
    policy: Policy | None = None,
    *,
    protect: bool = True,
) -> sessionmaker[Session]:
    """A migrated database holding the codebook, ``records`` and their hiding patterns.

    The protection step runs as it does after a demo build or an import, with ``policy``
    (default k=5), so releases work on the result. ``protect=False`` skips it (seconds per
    database) for tests of the store itself.
    """
    ref = reference or load_reference()
    book = codebook or load_codebook(reference=ref)
    engine = create_engine_from_url(database_url)
    upgrade_schema(engine)
    factory = make_session_factory(engine)
    with factory() as session, session.begin():
        store_codebook(session, book, ref)
        store_respondents(session, records)
        if protect:
            run_protection_step(session, book, ref, policy or Policy())
    return factory
