"""Storage of hiding patterns: computed once when data is loaded, served to every view.

Only hidden groups are stored (every other group of the menu is shown); the reason column is for
audits and tests, never for readers.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from data_access import models

#: question_id of the population (respondent counts) pattern.
POPULATION = ""


@dataclass(frozen=True)
class StoredPattern:
    """The hidden groups of one question and wave, with the fingerprint of the data they fit."""

    fingerprint: str
    hidden: Mapping[str, str]  # group key text -> internal reason


@dataclass(frozen=True)
class StoredRun:
    wave: int
    k: int
    menu_signature: str
    computed_at: datetime
    seconds: float
    patterns: Mapping[str, StoredPattern]


def replace_patterns(session: Session, wave: int, k: int, menu_signature: str, seconds: float,
                     patterns: Mapping[str, StoredPattern]) -> None:
    """Replace the stored patterns of ``wave`` (caller commits, in the same transaction as the data)."""
    for table in (models.HiddenGroup, models.ProtectedTable, models.ProtectionRun):
        session.execute(delete(table).where(table.wave == wave))
    session.add(models.ProtectionRun(wave=wave, k=k, menu_signature=menu_signature,
                                     computed_at=datetime.now(), seconds=seconds))
    session.execute(insert(models.ProtectedTable), [
        {"wave": wave, "question_id": qid, "fingerprint": p.fingerprint} for qid, p in patterns.items()
    ])
    rows = [{"wave": wave, "question_id": qid, "group_key": key, "reason": reason}
            for qid, p in patterns.items() for key, reason in p.hidden.items()]
    if rows:
        session.execute(insert(models.HiddenGroup), rows)
    session.flush()


def load_runs(session: Session) -> dict[int, StoredRun]:
    """Every stored run with its patterns, by wave."""
    runs = session.scalars(select(models.ProtectionRun)).all()
    out: dict[int, StoredRun] = {}
    for run in runs:
        tables = session.scalars(select(models.ProtectedTable).where(models.ProtectedTable.wave == run.wave)).all()
        hidden: dict[str, dict[str, str]] = {t.question_id: {} for t in tables}
        for row in session.execute(
            select(models.HiddenGroup.question_id, models.HiddenGroup.group_key, models.HiddenGroup.reason)
            .where(models.HiddenGroup.wave == run.wave)
        ):
            hidden.setdefault(row.question_id, {})[row.group_key] = row.reason
        patterns = {t.question_id: StoredPattern(t.fingerprint, hidden[t.question_id]) for t in tables}
        out[run.wave] = StoredRun(run.wave, run.k, run.menu_signature, run.computed_at, run.seconds, patterns)
    return out
