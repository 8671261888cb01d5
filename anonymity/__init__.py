"""The anonymity gate: every released number, chart, table, quote, export and link passes here.

Pure (standard library, numpy, pandas, scipy). The flow: aggregate respondents to cells
(:func:`build_cells`), compute the joint hiding pattern of all views once per question and wave
(:func:`protect`), store it, then serve each view with :func:`release_view`, which returns the
frozen :class:`ReleasedTable` that chart builders and exports require.
"""

from anonymity._audit import Exposure, audit_question, view_remainders
from anonymity._menu import (
    NOT_STATED,
    GroupKey,
    Menu,
    MenuError,
    View,
    format_key,
    make_key,
    parse_key,
)
from anonymity._policy import Policy, PolicyError
from anonymity._release import (
    REFUSED_SMALL_POPULATION,
    REFUSED_STALE_PATTERN,
    ReleasedRow,
    ReleasedTable,
    ReleaseError,
    cells_fingerprint,
    refuse_view,
    release_view,
)
from anonymity._suppression import (
    REASON_COMPLEMENTARY,
    REASON_EMPTY,
    REASON_POPULATION,
    REASON_PRIMARY,
    REASON_QUESTIONS,
    SKIP,
    CellTable,
    Pattern,
    build_cells,
    describable_groups,
    group_mask,
    protect,
    protect_wave,
)

__all__ = [
    "NOT_STATED",
    "REASON_COMPLEMENTARY",
    "REASON_EMPTY",
    "REASON_POPULATION",
    "REASON_PRIMARY",
    "REASON_QUESTIONS",
    "REFUSED_SMALL_POPULATION",
    "REFUSED_STALE_PATTERN",
    "SKIP",
    "CellTable",
    "Exposure",
    "GroupKey",
    "Menu",
    "MenuError",
    "Pattern",
    "Policy",
    "PolicyError",
    "ReleaseError",
    "ReleasedRow",
    "ReleasedTable",
    "View",
    "audit_question",
    "build_cells",
    "cells_fingerprint",
    "describable_groups",
    "format_key",
    "group_mask",
    "make_key",
    "parse_key",
    "protect",
    "protect_wave",
    "refuse_view",
    "release_view",
    "view_remainders",
]
