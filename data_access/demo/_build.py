"""Build the demo database: schema, codebook and the seeded respondents in one transaction.

Why one transaction: a half-built demo database (codebook without respondents, one wave only)
would look like real data with gaps; either the whole rebuild lands or nothing changes.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from codebook import load_codebook, load_reference
from data_access import models
from data_access.demo._generator import SOURCE_PREFIX, generate_demo_respondents
from data_access.demo._parameters import DemoParameters
from data_access.engine import create_engine_from_url, make_session_factory, upgrade_schema
from data_access.store import store_codebook, store_respondents


def build_demo_database(database_url: str, seed: int = 7,
                        params: DemoParameters | None = None,
                        after_load: Callable[[Session], object] | None = None) -> dict[int, int]:
    """Migrate ``database_url`` and replace its demo respondents with those of ``seed``.

    Earlier demo respondents (source ids ``demo-...``) and their answers are deleted first, so
    rebuilding with the same seed gives the same database; imported respondents are kept.

    ``after_load`` runs inside the same transaction once the data is stored (the command line
    passes the protection step, so the store never holds data without its hiding patterns).

    Returns
    -------
    dict[int, int]
        Demo respondents written per wave.
    """
    reference = load_reference()
    codebook = load_codebook(reference=reference)
    records = generate_demo_respondents(seed, params, codebook=codebook, reference=reference)
    engine = create_engine_from_url(database_url)
    try:
        upgrade_schema(engine)
        factory = make_session_factory(engine)
        with factory() as session, session.begin():
            demo_ids = select(models.Respondent.id).where(
                models.Respondent.source_id.like(f"{SOURCE_PREFIX}%"))
            session.execute(delete(models.Answer).where(
                models.Answer.respondent_id.in_(demo_ids)))
            session.execute(delete(models.Respondent).where(
                models.Respondent.source_id.like(f"{SOURCE_PREFIX}%")))
            store_codebook(session, codebook, reference)
            store_respondents(session, records)
            if after_load is not None:
                after_load(session)
    finally:
        engine.dispose()
    counts: dict[int, int] = {}
    for record in records:
        counts[record.wave] = counts.get(record.wave, 0) + 1
    return dict(sorted(counts.items()))
