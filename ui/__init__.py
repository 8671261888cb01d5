"""The presentation layer's helpers: the only Streamlit-aware code besides app.py and pages/.

Pages import from here: cached loaders, the language switch, translations and render helpers.
"""

from anonymity import View
from ui.data import (
    QUERY_MAX_ENTRIES,
    QUERY_TTL_SECONDS,
    StoreUnavailableError,
    get_reference,
    get_session_factory,
    get_settings,
    release_or_stop,
    release_population,
    release_question,
    require_snapshot,
)
from ui.frame import PageContext, frame_running, leave_legacy_pages_mode, start_page
from ui.i18n import MissingTranslationError, load_catalogue, translate, translator
from ui.language import (
    LANGUAGE_KEY,
    LANGUAGE_QUERY_PARAM,
    current_language,
    render_language_switch,
    resolve_language,
)
from ui.open_answers import (
    ANSWER_LANGUAGES,
    coded_waves,
    default_term_language,
    get_theme_codebook,
    group_label,
    label_themes,
    open_questions,
    release_key_terms,
    release_quotes,
    render_quote,
    require_open_answer_data,
    view_options,
)
from ui.render import PLOTLY_CONFIG, format_count, label_categories, render_chart_with_table

__all__ = [
    "ANSWER_LANGUAGES",
    "coded_waves",
    "default_term_language",
    "get_theme_codebook",
    "group_label",
    "label_themes",
    "open_questions",
    "release_key_terms",
    "release_quotes",
    "render_quote",
    "require_open_answer_data",
    "view_options",
    "LANGUAGE_KEY",
    "LANGUAGE_QUERY_PARAM",
    "PLOTLY_CONFIG",
    "QUERY_MAX_ENTRIES",
    "QUERY_TTL_SECONDS",
    "MissingTranslationError",
    "PageContext",
    "StoreUnavailableError",
    "current_language",
    "format_count",
    "frame_running",
    "get_reference",
    "get_session_factory",
    "get_settings",
    "label_categories",
    "leave_legacy_pages_mode",
    "load_catalogue",
    "render_chart_with_table",
    "render_language_switch",
    "View",
    "release_or_stop",
    "release_population",
    "release_question",
    "require_snapshot",
    "resolve_language",
    "start_page",
    "translate",
    "translator",
]
