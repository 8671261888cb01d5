"""The batch step: a frame of open answers in, frames of results out (pure pandas, no database).

Why frames: the loader stores them as they are (one row per answer, one row per answer and
theme, one row per key term), and the page only ever reads stored results, never raw text.
"""

from __future__ import annotations

import logging
import time
from collections import defaultdict
from dataclasses import dataclass

import pandas as pd

from themes._analyser import AnswerAnalysis, TextAnalyser, default_analyser

LOGGER = logging.getLogger(__name__)

INPUT_COLUMNS: tuple[str, ...] = ("respondent_id", "wave", "survey_language", "question_id", "text")
ANSWER_COLUMNS: tuple[str, ...] = (
    "respondent_id", "wave", "question_id", "survey_language", "language", "language_source",
    "is_substantive", "redacted_text", "redaction_count", "redaction_kinds", "themes", "n_themes",
    "terms",
)
THEME_COLUMNS: tuple[str, ...] = ("respondent_id", "wave", "question_id", "theme_id")
KEY_TERM_COLUMNS: tuple[str, ...] = (
    "question_id", "wave", "language", "kind", "term", "n_respondents",
)
#: Key terms used by fewer respondents are dropped: rare words identify people.
DEFAULT_KEY_TERM_MIN_RESPONDENTS = 3


@dataclass(frozen=True)
class PipelineResult:
    """Results of :func:`run_pipeline`.

    Attributes
    ----------
    answers
        One row per input answer, columns ``ANSWER_COLUMNS``: detected ``language`` and its
        ``language_source``, ``is_substantive`` (False for non-answers), ``redacted_text``,
        ``redaction_count`` and ``redaction_kinds`` (comma-separated), ``themes`` (tuple of ids in
        codebook order), ``n_themes`` and ``terms`` (content lemmas, space-separated). No raw text.
    answer_themes
        One row per answer and theme (``THEME_COLUMNS``); uncoded answers have no row.
    key_terms
        Lemmas (``kind == "lemma"``) and bigrams (``kind == "bigram"``) by number of respondents
        per question, wave and answer language (``KEY_TERM_COLUMNS``), most used first.
    codebook_version
        Version of ``assets/themes.yaml`` the themes were coded with.
    voikko
        Whether Finnish was analysed with voikko (False: simplemma fallback).
    seconds
        Wall time of the run.
    """

    answers: pd.DataFrame
    answer_themes: pd.DataFrame
    key_terms: pd.DataFrame
    codebook_version: str
    voikko: bool
    seconds: float


def run_pipeline(
    frame: pd.DataFrame,
    analyser: TextAnalyser | None = None,
    key_term_min_respondents: int = DEFAULT_KEY_TERM_MIN_RESPONDENTS,
) -> PipelineResult:
    """Code, redact and summarise open answers.

    Parameters
    ----------
    frame
        Open answers with columns ``respondent_id, wave, survey_language, question_id, text``
        (as returned by ``data_access.load_open_answers``); several questions may be mixed.
    analyser
        The analyser to use; default the shared one over ``assets/themes.yaml``.
    key_term_min_respondents
        Key terms used by fewer respondents (per question, wave and language) are left out.

    Returns
    -------
    PipelineResult
        Frames ready to store; see :class:`PipelineResult`.

    Raises
    ------
    ValueError
        When columns are missing.
    KeyError
        When a question has no themes in the codebook.
    """
    missing = [c for c in INPUT_COLUMNS if c not in frame.columns]
    if missing:
        raise ValueError(f"open answers need columns {list(INPUT_COLUMNS)}; missing {missing}")
    analyser = analyser if analyser is not None else default_analyser()
    started = time.perf_counter()
    for question_id in frame["question_id"].drop_duplicates():
        analyser.codebook.question(str(question_id))
    rows: list[dict[str, object]] = []
    theme_rows: list[dict[str, object]] = []
    analyses: list[tuple[dict[str, object], AnswerAnalysis]] = []
    for record in frame.loc[:, list(INPUT_COLUMNS)].itertuples(index=False):
        respondent_id, wave, survey_language, question_id, text = record
        result = analyser.analyse(text, str(question_id), _language(survey_language))
        key = {"respondent_id": respondent_id, "wave": wave, "question_id": question_id}
        rows.append({
            **key,
            "survey_language": survey_language,
            "language": result.language,
            "language_source": result.language_source,
            "is_substantive": result.is_substantive,
            "redacted_text": result.redacted_text,
            "redaction_count": sum(result.redaction_counts.values()),
            "redaction_kinds": ",".join(sorted(result.redaction_counts)),
            "themes": result.themes,
            "n_themes": len(result.themes),
            "terms": " ".join(result.terms),
        })
        theme_rows += [{**key, "theme_id": theme_id} for theme_id in result.themes]
        analyses.append((key, result))
    answers = pd.DataFrame(rows, columns=list(ANSWER_COLUMNS))
    answers["is_substantive"] = answers["is_substantive"].astype(bool)
    answer_themes = pd.DataFrame(theme_rows, columns=list(THEME_COLUMNS))
    key_terms = _key_terms(analyses, key_term_min_respondents)
    seconds = time.perf_counter() - started
    LOGGER.info("coded %d open answers in %.2f s (codebook %s, voikko %s)",
                len(answers), seconds, analyser.codebook.version, analyser.has_voikko)
    return PipelineResult(answers, answer_themes, key_terms, analyser.codebook.version,
                          analyser.has_voikko, seconds)


def _language(value: object) -> str | None:
    return str(value) if isinstance(value, str) and value else None


def _key_terms(
    analyses: list[tuple[dict[str, object], AnswerAnalysis]], min_respondents: int
) -> pd.DataFrame:
    """Respondents per lemma and bigram; each respondent counts once per term."""
    users: dict[tuple[object, object, str, str, str], set[object]] = defaultdict(set)
    for key, result in analyses:
        if not result.is_substantive:
            continue
        group = (key["question_id"], key["wave"], result.language)
        for kind, items in (("lemma", result.terms), ("bigram", result.bigrams)):
            for term in set(items):
                users[(*group, kind, term)].add(key["respondent_id"])
    rows = [
        {"question_id": q, "wave": w, "language": lang, "kind": kind, "term": term,
         "n_respondents": len(people)}
        for (q, w, lang, kind, term), people in users.items()
        if len(people) >= min_respondents
    ]
    table = pd.DataFrame(rows, columns=list(KEY_TERM_COLUMNS))
    if table.empty:
        return table
    return table.sort_values(
        ["question_id", "wave", "language", "kind", "n_respondents", "term"],
        ascending=[True, True, True, True, False, True],
    ).reset_index(drop=True)
