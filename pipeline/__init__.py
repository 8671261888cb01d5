"""Batch steps that run inside the loading transaction, after a demo build or an import.

Why one place: whichever way data enters the store, the same derived data (hiding patterns;
later the coded open answers) is computed from it before anyone can read it, in the same
transaction, so a store never holds data without its protection.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from anonymity import Policy
from codebook import load_codebook, load_reference
from results import ProtectionSummary, run_protection_step


def after_load(session: Session, policy: Policy) -> ProtectionSummary:
    """Run every post-load step in ``session``'s transaction; returns the protection summary."""
    reference = load_reference()
    codebook = load_codebook(reference=reference)
    return run_protection_step(session, codebook, reference, policy)


__all__ = ["after_load"]
