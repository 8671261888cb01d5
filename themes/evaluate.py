"""Measure the theme codebook against a hand-coded gold set: per-theme precision, recall, F1.

Run ``python -m themes.evaluate`` (add ``--errors`` to list disagreements). Why a module and not
only a test: analysts who change ``assets/themes.yaml`` need the numbers, not just pass/fail.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from themes._analyser import TextAnalyser, default_analyser
from themes._text import normalise_text

DEFAULT_GOLD = Path(__file__).resolve().parent.parent / "tests" / "gold" / "themes_gold.yaml"


@dataclass(frozen=True)
class GoldItem:
    """One hand-coded answer."""

    id: str
    question_id: str
    language: str
    split: str
    text: str
    themes: frozenset[str]
    substantive: bool = True


@dataclass(frozen=True)
class ThemeScore:
    question_id: str
    theme_id: str
    tp: int
    fp: int
    fn: int

    @property
    def support(self) -> int:
        return self.tp + self.fn

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0 if not self.fn else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(frozen=True)
class Evaluation:
    """Scores of one run over a set of gold items."""

    scores: tuple[ThemeScore, ...]
    n_items: int
    non_answer_correct: int
    exact_matches: int
    errors: tuple[tuple[GoldItem, frozenset[str]], ...] = field(default=())

    @property
    def macro_f1(self) -> float:
        scored = [s for s in self.scores if s.support or s.fp]
        return sum(s.f1 for s in scored) / len(scored) if scored else 0.0

    @property
    def micro_f1(self) -> float:
        tp = sum(s.tp for s in self.scores)
        fp = sum(s.fp for s in self.scores)
        fn = sum(s.fn for s in self.scores)
        return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def load_gold(path: Path | str = DEFAULT_GOLD) -> list[GoldItem]:
    """The gold items of a YAML file (see ``tests/gold/themes_gold.yaml``)."""
    with open(path, encoding="utf-8") as handle:
        raw = yaml.safe_load(handle)
    return [
        GoldItem(str(item["id"]), str(item["q"]), str(item["lang"]), str(item.get("split", "dev")),
                 normalise_text(item["text"]), frozenset(item.get("themes") or ()),
                 bool(item.get("substantive", True)))
        for item in raw["items"]
    ]


def evaluate(items: Iterable[GoldItem], analyser: TextAnalyser | None = None) -> Evaluation:
    """Code every item (language detected, questionnaire language as fallback) and score it."""
    analyser = analyser if analyser is not None else default_analyser()
    items = list(items)
    counts: dict[tuple[str, str], list[int]] = {}
    for question_id in sorted({i.question_id for i in items}):
        for theme_id in analyser.codebook.question(question_id).theme_ids:
            counts[(question_id, theme_id)] = [0, 0, 0]
    non_answer_correct = exact = 0
    errors = []
    for item in items:
        result = analyser.analyse(item.text, item.question_id, item.language)
        predicted = frozenset(result.themes)
        non_answer_correct += result.is_substantive == item.substantive
        exact += predicted == item.themes
        if predicted != item.themes:
            errors.append((item, predicted))
        for theme_id in predicted | item.themes:
            cell = counts.setdefault((item.question_id, theme_id), [0, 0, 0])
            if theme_id in predicted and theme_id in item.themes:
                cell[0] += 1
            elif theme_id in predicted:
                cell[1] += 1
            else:
                cell[2] += 1
    scores = tuple(ThemeScore(q, t, *c) for (q, t), c in counts.items())
    return Evaluation(scores, len(items), non_answer_correct, exact, tuple(errors))


def format_evaluation(evaluation: Evaluation, title: str = "") -> str:
    """A plain-text table of per-theme precision, recall and F1."""
    lines = [title] if title else []
    lines.append(f"{'question':<17} {'theme':<36} {'n':>3} {'tp':>3} {'fp':>3} {'fn':>3}"
                 f" {'prec':>5} {'rec':>5} {'F1':>5}")
    for s in evaluation.scores:
        lines.append(f"{s.question_id:<17} {s.theme_id:<36} {s.support:>3} {s.tp:>3} {s.fp:>3}"
                     f" {s.fn:>3} {s.precision:>5.2f} {s.recall:>5.2f} {s.f1:>5.2f}")
    n = evaluation.n_items
    lines.append(f"macro F1 {evaluation.macro_f1:.3f} | micro F1 {evaluation.micro_f1:.3f} | "
                 f"exact theme sets {evaluation.exact_matches}/{n} | "
                 f"non-answer flag right {evaluation.non_answer_correct}/{n}")
    return "\n".join(lines)


def format_errors(evaluation: Evaluation) -> str:
    lines = []
    for item, predicted in evaluation.errors:
        missing = sorted(item.themes - predicted)
        extra = sorted(predicted - item.themes)
        lines.append(f"{item.id} [{item.split}] missing={missing} extra={extra}: {item.text}")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", default=str(DEFAULT_GOLD), help="gold set YAML")
    parser.add_argument("--errors", action="store_true", help="list every disagreement")
    parser.add_argument("--no-voikko", action="store_true",
                        help="measure the simplemma fallback used when voikko is missing")
    args = parser.parse_args(argv)
    items = load_gold(args.gold)
    analyser = TextAnalyser(use_voikko=False) if args.no_voikko else default_analyser()
    print(f"codebook {analyser.codebook.version}; voikko {analyser.has_voikko}; "
          f"{len(items)} gold answers")
    for name, subset in (("all", items),
                         ("dev", [i for i in items if i.split == "dev"]),
                         ("holdout", [i for i in items if i.split == "holdout"])):
        if not subset:
            continue
        evaluation = evaluate(subset, analyser)
        print()
        print(format_evaluation(evaluation, f"== {name} ({len(subset)} answers) =="))
        if args.errors and name != "all":
            print(format_errors(evaluation))
    return 0


if __name__ == "__main__":
    sys.exit(main())
