"""Open answers in Finnish, Swedish and English: non-answers, language, lemmas, redaction, themes.

Why a package of its own: the coding frame (``assets/themes.yaml``) is applied the same way by
the batch step that fills the database, by tests and by analysts in notebooks. Pure: no
Streamlit, no SQLAlchemy; the loader stores the frames that :func:`run_pipeline` returns.
"""

from __future__ import annotations

from themes._analyser import AnswerAnalysis, TextAnalyser, default_analyser
from themes._language import LanguageGuess
from themes._lemmatise import SUPPORTED_LANGUAGES, Analysis, Lemmatiser
from themes._loader import (
    DEFAULT_THEMES,
    ThemeCodebookError,
    load_theme_codebook,
    parse_theme_codebook,
)
from themes._model import Matcher, QuestionThemes, Rule, Theme, ThemeCodebook
from themes._pipeline import (
    ANSWER_COLUMNS,
    INPUT_COLUMNS,
    KEY_TERM_COLUMNS,
    THEME_COLUMNS,
    PipelineResult,
    run_pipeline,
)
from themes._redact import PLACEHOLDERS, Redaction, RedactionSpan, Redactor, is_valid_hetu
from themes._summary import NO_CONTENT, SUMMARY_COLUMNS, UNCODED, summarise_themes


def code_answer(text: str, question_id: str, language: str | None = None) -> set[str]:
    """Code one open answer with the theme codebook.

    The answer is normalised, checked for non-answers ("eos", "-", "vet inte" get no themes),
    split into words, lemmatised (voikko for Finnish, simplemma otherwise) and matched against
    the rules of ``question_id`` in ``assets/themes.yaml`` for the answer's language.

    Parameters
    ----------
    text
        The answer as the respondent wrote it.
    question_id
        An open question with themes in the codebook, e.g. ``"open_benefits"``.
    language
        "fi", "sv" or "en". ``None`` (or anything else) detects the language among the three,
        falling back to Finnish when the answer is too short to tell.

    Returns
    -------
    set of str
        Theme ids; empty when no theme applies ("other / uncoded") or for non-answers.

    Raises
    ------
    KeyError
        When ``question_id`` has no themes in the codebook.

    Examples
    --------
    >>> sorted(code_answer("Saimme uusia kontakteja ja hyviä käytäntöjä.", "open_benefits", "fi"))
    ['good_practices', 'new_partners_contacts']
    """
    return default_analyser().code(text, question_id, language)


def redact_text(text: str, language: str) -> str:
    """``text`` with names, e-mails, URLs, phone numbers, identity codes, IBANs and
    organisation names replaced by placeholders in ``language`` ("[nimi]", "[namn]", "[name]")."""
    return default_analyser().redact(text, language).text


__all__ = [
    "ANSWER_COLUMNS",
    "DEFAULT_THEMES",
    "INPUT_COLUMNS",
    "KEY_TERM_COLUMNS",
    "NO_CONTENT",
    "PLACEHOLDERS",
    "SUMMARY_COLUMNS",
    "SUPPORTED_LANGUAGES",
    "THEME_COLUMNS",
    "UNCODED",
    "Analysis",
    "AnswerAnalysis",
    "LanguageGuess",
    "Lemmatiser",
    "Matcher",
    "PipelineResult",
    "QuestionThemes",
    "Redaction",
    "RedactionSpan",
    "Redactor",
    "Rule",
    "TextAnalyser",
    "Theme",
    "ThemeCodebook",
    "ThemeCodebookError",
    "code_answer",
    "default_analyser",
    "is_valid_hetu",
    "load_theme_codebook",
    "parse_theme_codebook",
    "redact_text",
    "run_pipeline",
    "summarise_themes",
]
