"""The one release service: pages (through ui/), exports and the CLI get protected tables here.

It joins the store (respondents and answers, the stored hiding patterns), the menu of views and
the anonymity gate, so that every consumer releases exactly the same numbers.
"""

from results._comparison import (
    ADJUSTMENT_DIMENSIONS,
    EARLIER_WAVE,
    LATER_WAVE,
    category_waves,
    cell_views,
    comparison_options,
    release_adjusted,
    release_comparison,
    release_what_changed,
)
from results._open import (
    KEY_TERMS_LIMIT,
    QUOTE_DIMENSION,
    QUOTES_PER_THEME,
    REFUSED_KEY_TERMS,
    REFUSED_QUOTE_DIMENSION,
    REFUSED_QUOTE_GROUP,
    OpenAnswerData,
    Quote,
    ReleasedKeyTerms,
    ReleasedQuotes,
    answered_open_questions,
    load_open_answer_data,
    quotable_groups,
    release_key_terms,
    release_quotes,
    theme_ids_of,
)
from results._open_cells import NO_CONTENT, UNCODED, open_answer_codes, open_option_codes
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
    "ADJUSTMENT_DIMENSIONS",
    "EARLIER_WAVE",
    "LATER_WAVE",
    "category_waves",
    "cell_views",
    "comparison_options",
    "release_adjusted",
    "release_comparison",
    "release_what_changed",
    "KEY_TERMS_LIMIT",
    "NO_CONTENT",
    "QUOTES_PER_THEME",
    "QUOTE_DIMENSION",
    "REFUSED_KEY_TERMS",
    "REFUSED_QUOTE_DIMENSION",
    "REFUSED_QUOTE_GROUP",
    "UNCODED",
    "OpenAnswerData",
    "Quote",
    "answered_open_questions",
    "ReleasedKeyTerms",
    "ReleasedQuotes",
    "load_open_answer_data",
    "open_answer_codes",
    "open_option_codes",
    "quotable_groups",
    "release_key_terms",
    "release_quotes",
    "theme_ids_of",
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
