"""The one release service: pages (through ui/), exports and the CLI get protected tables here.

It joins the store (respondents and answers, the stored hiding patterns), the menu of views and
the anonymity gate, so that every consumer releases exactly the same numbers.
"""

from results._protection import (
    ProtectionSummary,
    compute_patterns,
    patterns_are_current,
    run_protection_step,
    with_current_patterns,
)
from results._service import (
    SurveySnapshot,
    load_snapshot,
    menu_signature,
    release_population,
    release_question,
    snapshot_from_frames,
)

__all__ = [
    "ProtectionSummary",
    "SurveySnapshot",
    "compute_patterns",
    "load_snapshot",
    "menu_signature",
    "patterns_are_current",
    "release_population",
    "release_question",
    "run_protection_step",
    "snapshot_from_frames",
    "with_current_patterns",
]
