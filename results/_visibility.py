"""Visibility report: what each menu still shows after protection, to choose the menu by.

Protection that hides everything keeps the promise and fails the coordinators, so the menu's
dimensions and classes are chosen by measuring, per candidate menu, how many groups stay visible
overall and what each ELY coordinator can see of their own area.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from anonymity import Pattern, group_mask
from data_access.protection_store import POPULATION
from results._service import SurveySnapshot


@dataclass(frozen=True)
class VisibilityReport:
    """Figures of one menu on one wave."""

    menu_name: str
    wave: int
    views_per_question: int
    questions: int
    shown_share_one_way: float
    shown_share_two_way: float
    hidden_beyond_primary: int
    per_area: pd.DataFrame  # ely_area, population_shown, question_total_shown_share, sector_groups, org_groups

    def summary_line(self) -> str:
        outside = self.per_area.loc[~self.per_area["ely_area"].isin(["uusimaa", "not_stated"])]
        return (
            f"{self.menu_name} / {self.wave}: {self.views_per_question} views per question, "
            f"{self.questions} questions; shown groups: 1-way {self.shown_share_one_way:.0%}, "
            f"2-way {self.shown_share_two_way:.0%}; hidden beyond primary protection: "
            f"{self.hidden_beyond_primary}; ELY areas outside Uusimaa: area total shown in "
            f"{outside['question_total_shown_share'].mean():.0%} of questions, "
            f"{outside['sector_groups'].mean():.1f} sector and {outside['org_groups'].mean():.1f} "
            f"organisation-type groups visible on average"
        )


def visibility_report(snapshot: SurveySnapshot, patterns: Mapping[tuple[int, str], Pattern], wave: int,
                      menu_name: str) -> VisibilityReport:
    """Measure what the menu shows in ``wave`` under ``patterns``."""
    menu = snapshot.menu
    questions = [q.id for q in snapshot.released_questions(wave)]
    keys = menu.all_group_keys()
    one_way = [k for k in keys if len(k) == 1]
    two_way = [k for k in keys if len(k) == 2]
    nonempty = _nonempty_keys(snapshot, wave, keys)
    shown_1 = shown_2 = total_1 = total_2 = beyond = 0
    for qid in questions:
        pattern = patterns[(wave, qid)]
        shown_1 += sum(1 for k in one_way if k in nonempty and not pattern.is_hidden(k))
        shown_2 += sum(1 for k in two_way if k in nonempty and not pattern.is_hidden(k))
        total_1 += sum(1 for k in one_way if k in nonempty)
        total_2 += sum(1 for k in two_way if k in nonempty)
        beyond += sum(1 for k in pattern.hidden if pattern.reasons.get(k) == "complementary")
    beyond += sum(1 for k in patterns[(wave, POPULATION)].hidden
                  if patterns[(wave, POPULATION)].reasons.get(k) == "complementary")
    rows = []
    areas = menu.categories.get("ely_area", ())
    for area in areas:
        key = (("ely_area", area),)
        if key not in nonempty:
            continue
        area_shown = [not patterns[(wave, q)].is_hidden(key) for q in questions]
        sector_groups = _visible_children(patterns, wave, questions, key, "sector", menu.categories)
        org_groups = _visible_children(patterns, wave, questions, key, "org_type", menu.categories)
        rows.append({
            "ely_area": area,
            "population_shown": not patterns[(wave, POPULATION)].is_hidden(key),
            "question_total_shown_share": sum(area_shown) / max(1, len(area_shown)),
            "sector_groups": sector_groups,
            "org_groups": org_groups,
        })
    return VisibilityReport(
        menu_name, wave, sum(1 for _ in menu.views()), len(questions),
        shown_1 / max(1, total_1), shown_2 / max(1, total_2), beyond, pd.DataFrame(rows),
    )


def _nonempty_keys(snapshot: SurveySnapshot, wave: int, keys: list) -> set:
    cells = snapshot.cells[(wave, POPULATION)]
    return {k for k in keys if float(group_mask(cells.labels, k) @ cells.population) > 0}


def _visible_children(patterns: Mapping[tuple[int, str], Pattern], wave: int, questions: list[str],
                      area_key: tuple, dim: str, categories: Mapping[str, tuple[str, ...]]) -> float:
    """Average number of visible ``dim`` groups inside the area, over the questions."""
    if dim not in categories or not questions:
        return 0.0
    counts = []
    for q in questions:
        pattern = patterns[(wave, q)]
        counts.append(sum(1 for v in categories[dim]
                          if not pattern.is_hidden(tuple(sorted(area_key + ((dim, v),))))))
    return sum(counts) / len(counts)
