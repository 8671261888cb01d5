"""Wave comparisons served from the gate: each wave's released tables, compared in ``analysis``.

Why here: the pages, the CLI and tests must compare exactly the tables every other view
releases. Nothing here touches cells or respondents: it asks :func:`release_question` for the
same view in both waves and hands the released tables to ``analysis.comparison``, so a count
hidden in one wave stays hidden in the comparison.
"""

from __future__ import annotations

from collections.abc import Mapping

from analysis.comparison import (
    MEASURE_SHARE,
    AdjustedChange,
    ChangeEntry,
    ChangeRanking,
    ItemComparison,
    adjust_composition,
    comparability,
    comparable_concepts,
    compare_tables,
    default_measure,
    rank_changes,
)
from anonymity import NOT_STATED, ReleasedTable, View
from codebook import Question
from results._service import SurveySnapshot, release_question

EARLIER_WAVE = 2020
LATER_WAVE = 2023
#: Dimensions the composition adjustment and the "What changed" filter use.
ADJUSTMENT_DIMENSIONS: tuple[str, str] = ("sector", "ely_area")

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
]


def category_waves(snapshot: SurveySnapshot) -> dict[str, tuple[int, ...]]:
    """Menu categories that exist in some waves only (from the reference lists' ``waves``)."""
    found: dict[str, tuple[int, ...]] = {}
    for list_name in ("organisation_types", "ely_areas", "languages", "sectors"):
        for item in snapshot.reference.items(list_name):
            if item.waves:
                found[item.code] = tuple(item.waves)
    return found


def _questions(snapshot: SurveySnapshot, question_id: str) -> tuple[Question, Question] | None:
    verdict = comparability(snapshot.codebook, question_id)
    if not verdict.comparable:
        return None
    return snapshot.codebook.question(str(verdict.earlier)), snapshot.codebook.question(str(verdict.later))


def comparison_options(snapshot: SurveySnapshot, question_id: str) -> tuple[str, ...]:
    """Options of a choice item asked in both waves (codebook order of the later wave); others are refused."""
    pair = _questions(snapshot, question_id)
    if pair is None:
        return ()
    earlier, later = pair
    earlier_codes = set(earlier.option_codes)
    return tuple(o.code for o in later.options if o.code in earlier_codes and not o.dont_know)


def release_comparison(snapshot: SurveySnapshot, question_id: str, view: View, *, measure: str | None = None,
                       option: str | None = None, earlier_wave: int = EARLIER_WAVE,
                       later_wave: int = LATER_WAVE) -> ItemComparison:
    """One item in one view of the menu, earlier against later wave, from the released tables.

    ``question_id`` may be either wave's id of the concept. Items the crosswalk does not let
    compare come back refused with the reason, and nothing is released for them.
    """
    verdict = comparability(snapshot.codebook, question_id)
    question = snapshot.codebook.question(question_id)
    if not verdict.comparable:
        return ItemComparison(verdict.concept, verdict.flag, verdict.earlier, verdict.later, question.type,
                              measure or default_measure(question.type), option, earlier_wave, later_wave,
                              refused=verdict.refused)
    snapshot.menu.validate(view)
    earlier = release_question(snapshot, str(verdict.earlier), earlier_wave, view)
    later = release_question(snapshot, str(verdict.later), later_wave, view)
    return compare_tables(earlier, later, verdict, measure=measure, option=option,
                          category_waves=category_waves(snapshot))


def cell_views(snapshot: SurveySnapshot, view_filter: tuple[str, str] | None) -> list[View]:
    """Views whose rows are the sector × ELY area cells within ``view_filter`` (views of the menu).

    No filter: each sector broken down by ELY area. An ELY area: the area by sector. A sector:
    the sector by ELY area. Any other filter: the group by ELY area (its regional mix only).
    """
    sector, area = ADJUSTMENT_DIMENSIONS
    if view_filter is None:
        return [View((sector, value), area) for value in snapshot.menu.categories[sector]]
    if view_filter[0] == area:
        return [View(view_filter, sector)]
    return [View(view_filter, area)]


def _release_all(snapshot: SurveySnapshot, question_id: str, wave: int, views: list[View]) -> list[ReleasedTable]:
    return [release_question(snapshot, question_id, wave, view) for view in views]


def release_adjusted(snapshot: SurveySnapshot, question_id: str, view_filter: tuple[str, str] | None, *,
                     measure: str, option: str | None = None, earlier_total_n: int | None = None,
                     later_total_n: int | None = None) -> AdjustedChange | None:
    """2020 post-stratified to the 2023 mix of sector × ELY area cells shown in both waves.

    ``None`` when the item cannot be compared at all.
    """
    pair = _questions(snapshot, question_id)
    if pair is None:
        return None
    earlier, later = pair
    views = cell_views(snapshot, view_filter)
    return adjust_composition(_release_all(snapshot, earlier.id, EARLIER_WAVE, views),
                              _release_all(snapshot, later.id, LATER_WAVE, views),
                              measure=measure, option=option, earlier_total_n=earlier_total_n,
                              later_total_n=later_total_n)


def _entries_for(snapshot: SurveySnapshot, question_id: str, view: View,
                 cells: Mapping[int, list[ReleasedTable]]) -> list[ChangeEntry]:
    verdict = comparability(snapshot.codebook, question_id)
    later = snapshot.codebook.question(str(verdict.later))
    earlier_table = release_question(snapshot, str(verdict.earlier), EARLIER_WAVE, view)
    later_table = release_question(snapshot, later.id, LATER_WAVE, view)
    waves = category_waves(snapshot)
    if later.type in ("single", "multi"):
        codes = [o.code for o in later.options if not o.dont_know]
        targets: list[tuple[str, str | None]] = [(MEASURE_SHARE, code) for code in codes]
    else:
        targets = [(default_measure(later.type), None)]
    entries: list[ChangeEntry] = []
    for measure, option in targets:
        item = compare_tables(earlier_table, later_table, verdict, measure=measure, option=option,
                              category_waves=waves)
        adjusted: AdjustedChange | None = None
        total = item.total
        if item.refused is None and total is not None and total.change is not None:
            adjusted = adjust_composition(cells[EARLIER_WAVE], cells[LATER_WAVE], measure=measure, option=option,
                                          earlier_total_n=total.earlier.n, later_total_n=total.later.n)
        entries.append(ChangeEntry(str(verdict.concept), later.id, str(verdict.earlier), str(verdict.flag),
                                   later.type, measure, option, item, adjusted))
    return entries


def release_what_changed(snapshot: SurveySnapshot, view_filter: tuple[str, str] | None = None,
                         q: float = 0.05) -> ChangeRanking:
    """Every comparable item's change in one filter (one value of sector or ELY area, or none).

    Agreement items by "% agree", grades by their mean, choice items per option asked in both
    waves (options of one wave only are listed as not compared). BH at false discovery rate
    ``q`` over the items with a change.
    """
    view = snapshot.menu.validate(View(view_filter, None))
    if view_filter is not None and view_filter[1] == NOT_STATED:
        raise ValueError("the 'not answered' group is not a filter of the comparison")
    views = cell_views(snapshot, view_filter)
    entries: list[ChangeEntry] = []
    for concept in comparable_concepts(snapshot.codebook):
        earlier_id, later_id = str(concept.wave_2020), str(concept.wave_2023)
        if (EARLIER_WAVE, earlier_id) not in snapshot.cells or (LATER_WAVE, later_id) not in snapshot.cells:
            continue
        if snapshot.codebook.question(later_id).section == "background":
            continue  # background items describe who answered, not results of the programme
        cells = {EARLIER_WAVE: _release_all(snapshot, earlier_id, EARLIER_WAVE, views),
                 LATER_WAVE: _release_all(snapshot, later_id, LATER_WAVE, views)}
        entries.extend(_entries_for(snapshot, later_id, view, cells))
    return rank_changes(entries, q)

