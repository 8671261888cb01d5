"""Quality of the theme codebook on the hand-coded gold set (tests/gold/themes_gold.yaml).

Prints the per-theme table (run with ``-s`` to see it, or ``python -m themes.evaluate``).
"""

from __future__ import annotations

from collections import Counter

import pytest

from themes import load_theme_codebook
from themes.evaluate import Evaluation, GoldItem, evaluate, format_evaluation, load_gold

MIN_MACRO_F1 = 0.85  # the issue asks for 0.8; the codebook reached 0.96 when this was written
MIN_MACRO_F1_PER_SPLIT = 0.8


@pytest.fixture(scope="module")
def gold() -> list[GoldItem]:
    return load_gold()


@pytest.fixture(scope="module")
def evaluation(gold: list[GoldItem]) -> Evaluation:
    result = evaluate(gold)
    print()
    print(format_evaluation(result, f"== gold set ({len(gold)} answers) =="))
    return result


def test_gold_set_size_and_mix(gold: list[GoldItem]) -> None:
    assert len(gold) >= 150
    assert len({item.id for item in gold}) == len(gold)
    languages = Counter(item.language for item in gold)
    assert languages["fi"] > languages["sv"] > 0 and languages["fi"] > languages["en"] > 0
    questions = Counter(item.question_id for item in gold)
    assert set(questions) == {"open_benefits", "open_development"}
    assert sum(not item.substantive for item in gold) >= 10  # non-answers
    assert sum(item.substantive and not item.themes for item in gold) >= 10  # uncoded answers
    assert sum(len(item.themes) > 1 for item in gold) >= 15  # multi-theme answers


def test_gold_themes_exist_in_the_codebook(gold: list[GoldItem]) -> None:
    codebook = load_theme_codebook()
    for item in gold:
        assert item.themes <= set(codebook.question(item.question_id).theme_ids), item.id


def test_every_required_theme_has_gold_examples(gold: list[GoldItem]) -> None:
    support = Counter((item.question_id, theme) for item in gold for theme in item.themes)
    codebook = load_theme_codebook()
    for question_id in ("open_benefits", "open_development"):
        for theme_id in codebook.question(question_id).theme_ids:
            assert support[(question_id, theme_id)] >= 8, theme_id


def test_macro_f1_on_the_gold_set(evaluation: Evaluation) -> None:
    assert evaluation.macro_f1 >= MIN_MACRO_F1
    for score in evaluation.scores:
        assert score.f1 >= 0.7, f"{score.theme_id}: F1 {score.f1:.2f}"


@pytest.mark.parametrize("split", ["dev", "holdout"])
def test_macro_f1_per_split(gold: list[GoldItem], split: str) -> None:
    subset = [item for item in gold if item.split == split]
    assert len(subset) >= 75
    assert evaluate(subset).macro_f1 >= MIN_MACRO_F1_PER_SPLIT


def test_non_answers_are_recognised_in_the_gold_set(evaluation: Evaluation) -> None:
    assert evaluation.non_answer_correct == evaluation.n_items
