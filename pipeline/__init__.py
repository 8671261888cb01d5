"""Batch steps that run inside the loading transaction, after a demo build or an import.

Why one place: whichever way data enters the store, the same derived data (coded open answers,
then the hiding patterns, which cover the open questions' themes too) is computed from it before
anyone can read it, in the same transaction, so a store never holds data without its protection.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from anonymity import Policy
from codebook import load_codebook, load_reference
from pipeline._themes import QuestionCoverage, ThemeStepSummary, run_theme_step
from results import ProtectionSummary, run_protection_step


@dataclass(frozen=True)
class PostLoadSummary:
    """What the post-load steps did: the text step, then the protection step."""

    themes: ThemeStepSummary
    protection: ProtectionSummary

    def lines(self) -> list[str]:
        """The protection step's lines as before (callers prefix them), then the text step's."""
        return self.protection.lines() + self.themes.lines()


def after_load(session: Session, policy: Policy) -> PostLoadSummary:
    """Run every post-load step in ``session``'s transaction: code the open answers, then protect."""
    reference = load_reference()
    codebook = load_codebook(reference=reference)
    themes = run_theme_step(session, codebook)
    protection = run_protection_step(session, codebook, reference, policy)
    return PostLoadSummary(themes, protection)


__all__ = ["PostLoadSummary", "QuestionCoverage", "ThemeStepSummary", "after_load", "run_theme_step"]
