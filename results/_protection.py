"""The protection step: compute every hiding pattern once when data is loaded, and store it."""

from __future__ import annotations

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
    protect,
)
from codebook import Codebook, Reference
from data_access.protection_store import POPULATION, StoredPattern, replace_patterns
from results._service import SurveySnapshot, load_snapshot, menu_signature


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
    """Population pattern first (the Overview), then each question, carrying its hidden groups."""
    policy: Policy = snapshot.policy
    patterns: dict[tuple[int, str], Pattern] = {}
    summary = ProtectionSummary()
    for wave in snapshot.waves:
        start = time.perf_counter()
        population_cells = snapshot.cells[(wave, POPULATION)]
        population_pattern = protect(population_cells.labels, population_cells.population,
                                     population_cells.base, None, snapshot.menu, policy)
        patterns[(wave, POPULATION)] = population_pattern
        reasons = population_pattern.count_by_reason()
        tables = 1
        for question in snapshot.released_questions(wave):
            cells = snapshot.cells[(wave, question.id)]
            assert cells.categories is not None
            pattern = protect(cells.labels, cells.population, cells.base, cells.categories.to_numpy(),
                              snapshot.menu, policy, population_pattern.hidden)
            patterns[(wave, question.id)] = pattern
            for reason, n in pattern.count_by_reason().items():
                reasons[reason] = reasons.get(reason, 0) + n
            tables += 1
        summary.seconds[wave] = time.perf_counter() - start
        summary.tables[wave] = tables
        summary.hidden[wave] = reasons
    return patterns, summary


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
