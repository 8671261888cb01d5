"""The protection step: compute every hiding pattern once when data is loaded, and store it."""

from __future__ import annotations

import dataclasses
import logging
import time
from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from anonymity import (
    REASON_COMPLEMENTARY,
    REASON_POPULATION,
    REASON_PRIMARY,
    Pattern,
    Policy,
    cells_fingerprint,
    format_key,
    protect_wave,
)
from codebook import Codebook, Reference
from data_access.protection_store import POPULATION, StoredPattern, replace_patterns
from results._service import SurveySnapshot, load_snapshot, menu_signature

_LOG = logging.getLogger(__name__)


@dataclass
class ProtectionSummary:
    """What the step did, per wave: seconds, tables, hidden groups by internal reason."""

    seconds: dict[int, float] = field(default_factory=dict)
    tables: dict[int, int] = field(default_factory=dict)
    hidden: dict[int, dict[str, int]] = field(default_factory=dict)

    def lines(self) -> list[str]:
        out = []
        for wave in sorted(self.seconds):
            reasons = self.hidden[wave]
            out.append(
                f"wave {wave}: {self.tables[wave]} tables protected in {self.seconds[wave]:.2f} s; "
                f"hidden group-instances: primary {reasons.get(REASON_PRIMARY, 0)}, "
                f"carried from the population pattern {reasons.get(REASON_POPULATION, 0)}, "
                f"complementary {reasons.get(REASON_COMPLEMENTARY, 0)}"
            )
        return out


def compute_patterns(snapshot: SurveySnapshot) -> tuple[dict[tuple[int, str], Pattern], ProtectionSummary]:
    """Every wave jointly: the Overview's pattern and each question's (see anonymity.protect_wave)."""
    policy: Policy = snapshot.policy
    patterns: dict[tuple[int, str], Pattern] = {}
    summary = ProtectionSummary()
    for wave in snapshot.waves:
        start = time.perf_counter()
        question_cells = {q.id: snapshot.cells[(wave, q.id)] for q in snapshot.released_questions(wave)}
        population_pattern, by_question = protect_wave(snapshot.cells[(wave, POPULATION)], question_cells,
                                                       snapshot.menu, policy)
        patterns[(wave, POPULATION)] = population_pattern
        reasons = population_pattern.count_by_reason()
        for question_id, pattern in by_question.items():
            patterns[(wave, question_id)] = pattern
            for reason, n in pattern.count_by_reason().items():
                reasons[reason] = reasons.get(reason, 0) + n
        summary.seconds[wave] = time.perf_counter() - start
        summary.tables[wave] = 1 + len(by_question)
        summary.hidden[wave] = reasons
    return patterns, summary


def patterns_are_current(snapshot: SurveySnapshot) -> bool:
    """True when every table has a stored pattern for the current data, menu and k."""
    return all(
        (wave, qid) in snapshot.patterns
        and snapshot.stored_k.get(wave) == snapshot.policy.k
        and snapshot.fingerprints.get((wave, qid)) == cells_fingerprint(cells)
        for (wave, qid), cells in snapshot.cells.items()
    )


def with_current_patterns(snapshot: SurveySnapshot) -> SurveySnapshot:
    """The snapshot itself when its stored patterns fit; else one with patterns computed now.

    Why: after an operator changes k (or loads data without the protection step) the app must
    keep its promise and keep working; it computes the patterns once for the process and logs
    that `python -m baro protect` would store them.
    """
    if patterns_are_current(snapshot):
        return snapshot
    _LOG.warning("stored protection patterns do not fit the data or k=%s; computing them in memory "
                 "(run `python -m baro protect` to store them)", snapshot.policy.k)
    patterns, _ = compute_patterns(snapshot)
    fingerprints = {key: cells_fingerprint(cells) for key, cells in snapshot.cells.items()}
    return dataclasses.replace(snapshot, patterns=patterns, fingerprints=fingerprints,
                               stored_k={w: snapshot.policy.k for w in snapshot.waves})


def run_protection_step(
    session: Session, codebook: Codebook, reference: Reference, policy: Policy
) -> ProtectionSummary:
    """Compute and store the patterns of every wave in the caller's transaction."""
    snapshot = load_snapshot(session, codebook, reference, policy)
    patterns, summary = compute_patterns(snapshot)
    signature = menu_signature(snapshot.menu, policy)
    for wave in snapshot.waves:
        stored = {
            qid: StoredPattern(cells_fingerprint(snapshot.cells[(w, qid)]),
                               {format_key(key): pattern.reasons[key] for key in pattern.hidden})
            for (w, qid), pattern in patterns.items() if w == wave
        }
        replace_patterns(session, wave, policy.k, signature, summary.seconds[wave], stored)
    return summary
