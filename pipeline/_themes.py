"""The text step: code every stored open answer with the theme codebook and store the results.

Why in the loading transaction: the protection step builds the gate's cells of the open
questions from these codes, and pages read only the redacted texts written here; loading data
and coding it must land together or not at all.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field

import pandas as pd
from sqlalchemy.orm import Session

from codebook import Codebook
from data_access import (
    CodingRun,
    count_respondents,
    load_open_answers,
    replace_coded_answers,
    stored_question_ids,
)
from themes import INPUT_COLUMNS, PipelineResult, TextAnalyser, default_analyser, run_pipeline

_LOG = logging.getLogger(__name__)


@dataclass(frozen=True)
class QuestionCoverage:
    """How much of one open question and wave the codebook covers."""

    question_id: str
    wave: int
    answers: int
    substantive: int
    coded: int

    @property
    def no_content(self) -> int:
        return self.answers - self.substantive

    @property
    def coverage(self) -> float | None:
        """Share of substantive answers with at least one theme (None without answers)."""
        return self.coded / self.substantive if self.substantive else None


@dataclass
class ThemeStepSummary:
    """What the text step did: time, codebook version, analyser and coverage per question and wave."""

    seconds: float = 0.0
    codebook_version: str = ""
    voikko: bool = False
    coverage: list[QuestionCoverage] = field(default_factory=list)

    def lines(self) -> list[str]:
        analyser = "voikko" if self.voikko else "simplemma (voikko missing)"
        total = sum(c.answers for c in self.coverage)
        out = [f"themes: {total} open answers coded in {self.seconds:.2f} s "
               f"(codebook {self.codebook_version}, Finnish with {analyser})"]
        for item in self.coverage:
            share = "-" if item.coverage is None else f"{item.coverage:.0%}"
            out.append(f"themes {item.question_id} {item.wave}: {item.answers} answers, "
                       f"{item.substantive} substantive, {item.no_content} no content; "
                       f"coverage {share} ({item.coded} with a theme)")
        return out


def run_theme_step(session: Session, codebook: Codebook,
                   analyser: TextAnalyser | None = None) -> ThemeStepSummary:
    """Code the open answers of every wave in ``session``'s transaction and replace the stored codes.

    Every open question of the questionnaire (and of the store) that has themes in
    ``assets/themes.yaml`` is coded; one without themes is skipped with a warning (its answers
    then reach no page at all).
    """
    started = time.perf_counter()
    analyser = analyser if analyser is not None else default_analyser()
    theme_book = analyser.codebook
    waves = set(count_respondents(session))
    in_store = stored_question_ids(session)
    results: list[PipelineResult] = []
    runs: list[CodingRun] = []
    for question in codebook.questions:
        if question.type != "open" or question.id not in in_store:
            continue
        if question.id not in theme_book.questions:
            _LOG.warning("open question %s has no themes in the theme codebook; its answers are not coded",
                         question.id)
            continue
        frame = load_open_answers(session, question.id).loc[:, list(INPUT_COLUMNS)]
        result = run_pipeline(frame, analyser)
        results.append(result)
        theme_ids = theme_book.question(question.id).theme_ids
        analyser_name = "voikko" if result.voikko else "simplemma"
        runs += [CodingRun(wave, question.id, result.codebook_version, theme_ids, analyser_name, result.seconds)
                 for wave in sorted(waves & set(question.waves))]
    summary = ThemeStepSummary(codebook_version=theme_book.version, voikko=analyser.has_voikko)
    if results:
        answers = pd.concat([r.answers for r in results], ignore_index=True)
        answer_themes = pd.concat([r.answer_themes for r in results], ignore_index=True)
        key_terms = pd.concat([r.key_terms for r in results], ignore_index=True)
    else:
        answers = answer_themes = key_terms = pd.DataFrame()
    replace_coded_answers(session, answers, answer_themes, key_terms, runs)
    summary.coverage = [_coverage(answers, run.question_id, run.wave) for run in runs]
    summary.seconds = time.perf_counter() - started
    return summary


def _coverage(answers: pd.DataFrame, question_id: str, wave: int) -> QuestionCoverage:
    if answers.empty:
        return QuestionCoverage(question_id, wave, 0, 0, 0)
    rows = answers[(answers["question_id"] == question_id) & (answers["wave"] == wave)]
    substantive = rows[rows["is_substantive"]]
    return QuestionCoverage(question_id, wave, len(rows), len(substantive),
                            int((substantive["n_themes"] > 0).sum()))
