"""2020 against 2023: changes with 95 % intervals, built only from the two waves' released tables.

Why a module of its own: the two barometers differ in more than time (790 against 375
respondents, another mix of organisations and regions, reworded items, new classes), so a
comparison must say how comparable an item is, refuse what is not comparable, and never
release anything the gate did not release in each wave. Every function here takes
:class:`ReleasedTable` objects (one per wave) and reads only their shown rows:

- a change exists only where a group is shown in **both** waves; a group hidden in either wave
  keeps the hidden marker on that side and has no change, so no hidden count can be recovered
  from a change value; no pooled (two-wave) total is ever formed;
- a change of a share (% agree, the share choosing an option) is in percentage points with
  Newcombe's hybrid Wilson score interval (Newcombe 1998, method 10), which stays sensible at
  small n and near 0 % or 100 % where the Wald interval fails;
- a change of a mean (1–5 or 1–10 scale, "don't know" left out) is in points with Welch's t
  interval (unequal variances, Welch–Satterthwaite degrees of freedom);
- the two waves are independent samples (different fieldwork, no panel), so these
  two-sample methods apply, unlike the area-against-country comparison of ``intervals``;
- the p-value of a share's change inverts Newcombe's interval (the largest confidence level
  whose interval still holds zero), so a test and its interval never disagree;
- :func:`benjamini_hochberg` controls the false discovery rate over the items of the "What
  changed" page, with false-coverage-rate adjusted intervals (Benjamini & Yekutieli 2005).

Composition adjustment (:func:`adjust_composition`) re-weights 2020 to 2023's mix of cells
(sector × ELY area) by post-stratification over the cells shown in both waves' tables.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import pandas as pd
from scipy import stats

from analysis.distributions import POSITIVE_MIN_VALUE, TOTAL
from analysis.intervals import CONFIDENCE, wilson_interval
from anonymity import GroupKey, ReleasedRow, ReleasedTable
from codebook import Codebook, Concept

#: A change of a share (percentage points) and of a mean (points).
MEASURE_SHARE = "share"
MEASURE_POSITIVE = "positive"
MEASURE_MEAN = "mean"
CHANGE_MEASURES: tuple[str, ...] = (MEASURE_POSITIVE, MEASURE_SHARE, MEASURE_MEAN)
#: Question types a comparison can count.
COMPARED_TYPES: tuple[str, ...] = ("single", "multi", "agreement5", "grade10")

METHOD_NEWCOMBE = "newcombe_wilson"
METHOD_WELCH = "welch_t"
METHOD_NORMAL = "normal"

#: Why an item or a view is not compared (the pages translate each into a sentence).
REFUSED_NEW = "new_in_2023"
REFUSED_DROPPED = "dropped_after_2020"
REFUSED_NOT_CLOSED = "not_closed"
REFUSED_NOT_IN_CROSSWALK = "not_in_crosswalk"
REFUSED_OPTION = "option_not_in_both"
REFUSED_VIEW = "view_refused"
REFUSED_NO_COMMON_CELLS = "no_common_cells"
REFUSAL_REASONS: tuple[str, ...] = (REFUSED_NEW, REFUSED_DROPPED, REFUSED_NOT_CLOSED, REFUSED_NOT_IN_CROSSWALK,
                                    REFUSED_OPTION, REFUSED_VIEW, REFUSED_NO_COMMON_CELLS)

#: Why one side of a row has no value.
NOTE_HIDDEN = "hidden"
NOTE_ONLY_LATER = "only_later"
NOTE_ONLY_EARLIER = "only_earlier"

#: Default false discovery rate of the "What changed" page.
FDR = 0.05

__all__ = [
    "CHANGE_MEASURES",
    "COMPARED_TYPES",
    "FDR",
    "MEASURE_MEAN",
    "MEASURE_POSITIVE",
    "MEASURE_SHARE",
    "METHOD_NEWCOMBE",
    "METHOD_NORMAL",
    "METHOD_WELCH",
    "NOTE_HIDDEN",
    "NOTE_ONLY_EARLIER",
    "NOTE_ONLY_LATER",
    "REFUSAL_REASONS",
    "REFUSED_DROPPED",
    "REFUSED_NEW",
    "REFUSED_NOT_CLOSED",
    "REFUSED_NOT_IN_CROSSWALK",
    "REFUSED_NO_COMMON_CELLS",
    "REFUSED_OPTION",
    "REFUSED_VIEW",
    "AdjustedChange",
    "Comparability",
    "Difference",
    "FdrResult",
    "ItemComparison",
    "SideValue",
    "ChangeRow",
    "ChangeEntry",
    "ChangeRanking",
    "RANKING_COLUMNS",
    "adjust_composition",
    "rank_changes",
    "ranking_frame",
    "benjamini_hochberg",
    "comparability",
    "comparable_concepts",
    "compare_tables",
    "comparison_frame",
    "default_measure",
    "measures_of",
    "newcombe_difference",
    "scale_moments",
    "welch_difference",
]


# --- arithmetic ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Difference:
    """Later minus earlier, its interval and two-sided p-value; NaN where none can be computed."""

    estimate: float
    low: float
    high: float
    p_value: float
    method: str

    @property
    def has_interval(self) -> bool:
        return not (math.isnan(self.low) or math.isnan(self.high))

    def excludes_zero(self) -> bool:
        return self.has_interval and (self.low > 0 or self.high < 0)


def _nan_difference(method: str, estimate: float = math.nan) -> Difference:
    return Difference(estimate, math.nan, math.nan, math.nan, method)


def _newcombe_bounds(count_a: int, n_a: int, count_b: int, n_b: int, confidence: float) -> tuple[float, float]:
    a = wilson_interval(count_a, n_a, confidence)
    b = wilson_interval(count_b, n_b, confidence)
    d = b.estimate - a.estimate
    low = d - math.sqrt((b.estimate - b.low) ** 2 + (a.high - a.estimate) ** 2)
    high = d + math.sqrt((b.high - b.estimate) ** 2 + (a.estimate - a.low) ** 2)
    return low, high


def newcombe_difference(count_a: int, n_a: int, count_b: int, n_b: int,
                        confidence: float = CONFIDENCE) -> Difference:
    """``count_b/n_b − count_a/n_a`` (later minus earlier) with Newcombe's hybrid Wilson interval.

    Newcombe (1998), "Interval estimation for the difference between independent proportions",
    method 10: the ends combine each share's Wilson score limits. The p-value is the smallest
    ``1 − confidence`` at which the interval leaves out zero (found by bisection).
    """
    if n_a <= 0 or n_b <= 0:
        return _nan_difference(METHOD_NEWCOMBE)
    d = count_b / n_b - count_a / n_a
    low, high = _newcombe_bounds(count_a, n_a, count_b, n_b, confidence)
    return Difference(d, low, high, _newcombe_p_value(count_a, n_a, count_b, n_b, d), METHOD_NEWCOMBE)


def _newcombe_p_value(count_a: int, n_a: int, count_b: int, n_b: int, d: float) -> float:
    if d == 0:
        return 1.0

    def holds_zero(alpha: float) -> bool:
        low, high = _newcombe_bounds(count_a, n_a, count_b, n_b, 1 - alpha)
        return low <= 0 <= high

    lo, hi = 1e-15, 1.0 - 1e-12  # alpha: intervals widen as alpha shrinks
    if not holds_zero(lo):
        return lo
    for _ in range(80):
        mid = math.sqrt(lo * hi) if hi / lo > 10 else (lo + hi) / 2
        if holds_zero(mid):
            lo = mid
        else:
            hi = mid
    return hi


def scale_moments(values: Sequence[float], counts: Sequence[int]) -> tuple[float, float, int]:
    """Mean, sample variance (n − 1) and n of scale answers given as counts per value."""
    if len(values) != len(counts):
        raise ValueError("values and counts differ in length")
    n = int(sum(counts))
    if n == 0:
        return math.nan, math.nan, 0
    mean = sum(v * c for v, c in zip(values, counts, strict=True)) / n
    if n < 2:
        return mean, math.nan, n
    variance = sum(c * (v - mean) ** 2 for v, c in zip(values, counts, strict=True)) / (n - 1)
    return mean, variance, n


def welch_difference(mean_a: float, var_a: float, n_a: int, mean_b: float, var_b: float, n_b: int,
                     confidence: float = CONFIDENCE) -> Difference:
    """``mean_b − mean_a`` with Welch's t interval and test (unequal variances).

    Degrees of freedom by Welch–Satterthwaite. Fewer than two answers on a side: no interval.
    Both variances zero: the difference is certain (interval of width zero; p 0 or 1).
    """
    if n_a < 2 or n_b < 2:
        return _nan_difference(METHOD_WELCH, mean_b - mean_a if n_a and n_b else math.nan)
    d = mean_b - mean_a
    se_a, se_b = var_a / n_a, var_b / n_b
    se2 = se_a + se_b
    if se2 == 0:
        return Difference(d, d, d, 1.0 if d == 0 else 0.0, METHOD_WELCH)
    df = se2 ** 2 / ((se_a ** 2) / (n_a - 1) + (se_b ** 2) / (n_b - 1))
    se = math.sqrt(se2)
    q = float(stats.t.ppf(0.5 + confidence / 2, df))
    p = float(2 * stats.t.sf(abs(d) / se, df))
    return Difference(d, d - q * se, d + q * se, p, METHOD_WELCH)


def _normal_difference(d: float, variance: float, confidence: float = CONFIDENCE) -> Difference:
    if math.isnan(d) or math.isnan(variance):
        return _nan_difference(METHOD_NORMAL, d)
    if variance == 0:
        return Difference(d, d, d, 1.0 if d == 0 else 0.0, METHOD_NORMAL)
    se = math.sqrt(variance)
    z = float(stats.norm.ppf(0.5 + confidence / 2))
    return Difference(d, d - z * se, d + z * se, float(2 * stats.norm.sf(abs(d) / se)), METHOD_NORMAL)


@dataclass(frozen=True)
class FdrResult:
    """Benjamini–Hochberg over ``m`` changes.

    ``supported[i]`` is whether change ``i`` is a discovery at false discovery rate ``q``;
    ``adjusted`` are BH-adjusted p-values; ``confidence`` is the level of the false-coverage-rate
    adjusted intervals, ``1 − R·q/m`` (``1 − q/m`` when nothing is discovered), under which the
    interval of every discovery leaves out zero.
    """

    supported: tuple[bool, ...]
    adjusted: tuple[float, ...]
    confidence: float
    q: float


def benjamini_hochberg(p_values: Sequence[float], q: float = FDR) -> FdrResult:
    """Benjamini & Hochberg (1995) step-up procedure; NaN p-values are never discoveries."""
    indexed = [(p, i) for i, p in enumerate(p_values) if not math.isnan(p)]
    m = len(indexed)
    supported = [False] * len(p_values)
    adjusted = [math.nan] * len(p_values)
    if m == 0:
        return FdrResult(tuple(supported), tuple(adjusted), 1 - q, q)
    indexed.sort()
    cutoff = 0
    for rank, (p, _) in enumerate(indexed, start=1):
        if p <= rank * q / m:
            cutoff = rank
    running = 1.0
    for rank in range(m, 0, -1):
        p, i = indexed[rank - 1]
        running = min(running, p * m / rank)
        adjusted[i] = running
        supported[i] = rank <= cutoff
    confidence = 1 - max(cutoff, 1) * q / m
    return FdrResult(tuple(supported), tuple(adjusted), confidence, q)


# --- comparability ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Comparability:
    """The crosswalk's verdict on one item: its concept, flag and each wave's question id."""

    concept: str | None
    flag: str | None
    earlier: str | None
    later: str | None
    refused: str | None

    @property
    def comparable(self) -> bool:
        return self.refused is None


def comparability(codebook: Codebook, question_id: str) -> Comparability:
    """Whether ``question_id`` (either wave's id) can be compared across waves, and why not."""
    try:
        concept = codebook.concept_of(question_id)
    except KeyError:
        return Comparability(None, None, None, None, REFUSED_NOT_IN_CROSSWALK)
    refused: str | None = None
    if concept.comparability == REFUSED_NEW or not concept.wave_2020:
        refused = REFUSED_NEW
    elif concept.comparability == REFUSED_DROPPED or not concept.wave_2023:
        refused = REFUSED_DROPPED
    elif not concept.comparable:
        refused = REFUSED_NOT_IN_CROSSWALK
    elif codebook.question(question_id).type not in COMPARED_TYPES:
        refused = REFUSED_NOT_CLOSED
    return Comparability(concept.id, concept.comparability, concept.wave_2020, concept.wave_2023, refused)


def comparable_concepts(codebook: Codebook) -> list[Concept]:
    """Concepts asked in both waves with a comparable flag and a closed (counted) type."""
    return [c for c in codebook.concepts
            if c.comparable and c.wave_2023 and comparability(codebook, c.wave_2023).comparable]


def measures_of(question_type: str) -> tuple[str, ...]:
    """Measures a change of this question type can be given in."""
    if question_type == "agreement5":
        return (MEASURE_POSITIVE, MEASURE_MEAN)
    if question_type == "grade10":
        return (MEASURE_MEAN,)
    return (MEASURE_SHARE,)


def default_measure(question_type: str) -> str:
    return measures_of(question_type)[0]


# --- one item, one view, two waves ------------------------------------------------------------


@dataclass(frozen=True)
class SideValue:
    """One wave's value of a group: ``None`` numbers when hidden, absent or not in that wave."""

    wave: int
    shown: bool
    exists: bool
    n: int | None = None
    count: int | None = None
    estimate: float | None = None
    low: float | None = None
    high: float | None = None
    variance: float | None = None


@dataclass(frozen=True)
class ChangeRow:
    """A group's value in each wave and, when shown in both, the change with its interval."""

    group: str
    category: str | None
    key: GroupKey
    earlier: SideValue
    later: SideValue
    change: Difference | None
    note: str | None


@dataclass(frozen=True)
class ItemComparison:
    """One item in one view of the menu, 2020 against 2023."""

    concept: str | None
    flag: str | None
    earlier_question: str | None
    later_question: str | None
    question_type: str
    measure: str
    option: str | None
    earlier_wave: int
    later_wave: int
    rows: tuple[ChangeRow, ...] = ()
    refused: str | None = None

    @property
    def total(self) -> ChangeRow | None:
        return next((r for r in self.rows if r.group == TOTAL), None)


def _positive_codes(table: ReleasedTable) -> tuple[str, ...]:
    return tuple(c for c, v in zip(table.option_codes, table.option_values, strict=True)
                 if v is not None and v >= POSITIVE_MIN_VALUE)


def _side(table: ReleasedTable, row: ReleasedRow | None, measure: str, option: str | None, exists: bool,
          bounds: tuple[float, float] | None) -> SideValue:
    """A wave's value of one row, read from the released numbers only."""
    if row is None or row.hidden or not exists or not row.base:
        return SideValue(table.wave, False, exists)
    if measure == MEASURE_MEAN:
        pairs = [(float(v), row.count(c) or 0) for c, v in zip(table.option_codes, table.option_values, strict=True)
                 if v is not None and c not in table.dont_know_codes]
        mean, variance, n = scale_moments([v for v, _ in pairs], [c for _, c in pairs])
        if n == 0:
            return SideValue(table.wave, False, exists)
        low = high = math.nan
        if n >= 2:
            half = float(stats.t.ppf(0.5 + CONFIDENCE / 2, n - 1)) * math.sqrt(variance / n)
            low, high = mean - half, mean + half
            if bounds is not None:
                low, high = max(low, bounds[0]), min(high, bounds[1])
        return SideValue(table.wave, True, exists, n, None, mean, low, high, variance)
    codes = _positive_codes(table) if measure == MEASURE_POSITIVE else (str(option),)
    count = sum(row.count(c) or 0 for c in codes)
    interval = wilson_interval(count, row.base)
    share = count / row.base
    return SideValue(table.wave, True, exists, row.base, count, share, interval.low, interval.high,
                     share * (1 - share))


def _num(value: float | None) -> float:
    """A side's number, NaN where there is none (hidden sides never reach arithmetic)."""
    return math.nan if value is None else float(value)


def _change(earlier: SideValue, later: SideValue, measure: str) -> Difference | None:
    if not (earlier.shown and later.shown):
        return None
    assert earlier.n is not None and later.n is not None
    if measure == MEASURE_MEAN:
        return welch_difference(_num(earlier.estimate), _num(earlier.variance), earlier.n,
                                _num(later.estimate), _num(later.variance), later.n)
    assert earlier.count is not None and later.count is not None
    return newcombe_difference(earlier.count, earlier.n, later.count, later.n)


def _bounds(table: ReleasedTable) -> tuple[float, float] | None:
    values = [v for v in table.option_values if v is not None]
    return (min(values), max(values)) if values and table.question_type in ("agreement5", "grade10") else None


def compare_tables(
    earlier: ReleasedTable,
    later: ReleasedTable,
    verdict: Comparability,
    *,
    measure: str | None = None,
    option: str | None = None,
    category_waves: Mapping[str, tuple[int, ...]] | None = None,
) -> ItemComparison:
    """The same view of one item in two waves, group by group (the total first).

    ``verdict`` comes from :func:`comparability`; a refused verdict, a refused view (population
    under k in either wave), a measure the type lacks or an option not asked in both waves gives
    a refused comparison with no rows. ``category_waves`` names categories that exist in some
    waves only (e.g. wellbeing services counties, 2023 only): their other side is marked
    :data:`NOTE_ONLY_LATER` / :data:`NOTE_ONLY_EARLIER` instead of hidden.
    """
    for table in (earlier, later):
        if not isinstance(table, ReleasedTable):
            raise TypeError("comparisons are built from the anonymity gate's released tables only")
    if earlier.view != later.view:
        raise ValueError(f"the two waves' views differ: {earlier.view} and {later.view}")
    question_type = later.question_type
    chosen = measure or default_measure(question_type)
    common = dict(concept=verdict.concept, flag=verdict.flag, earlier_question=verdict.earlier,
                  later_question=verdict.later, question_type=question_type, measure=chosen, option=option,
                  earlier_wave=earlier.wave, later_wave=later.wave)
    if verdict.refused is not None:
        return ItemComparison(**common, refused=verdict.refused)  # type: ignore[arg-type]
    if chosen not in measures_of(question_type) or earlier.question_type != question_type:
        raise ValueError(f"measure {chosen!r} does not fit question type {question_type!r}")
    if chosen == MEASURE_SHARE and (option is None or option not in earlier.option_codes
                                    or option not in later.option_codes):
        return ItemComparison(**common, refused=REFUSED_OPTION)  # type: ignore[arg-type]
    if earlier.is_refused or later.is_refused:
        return ItemComparison(**common, refused=REFUSED_VIEW)  # type: ignore[arg-type]
    waves_of = dict(category_waves or {})
    bounds = _bounds(later)
    rows: list[ChangeRow] = []
    earlier_rows = {r.category: r for r in earlier.rows}
    pairs: list[tuple[str, ReleasedRow | None, ReleasedRow | None]] = [(TOTAL, earlier.total, later.total)]
    pairs += [(str(r.category), earlier_rows.get(r.category), r) for r in later.rows]
    for group, before, after in pairs:
        in_waves = waves_of.get(group)
        exists_before = in_waves is None or earlier.wave in in_waves
        exists_after = in_waves is None or later.wave in in_waves
        side_before = _side(earlier, before, chosen, option, exists_before, bounds)
        side_after = _side(later, after, chosen, option, exists_after, bounds)
        note = None
        if not exists_before:
            note = NOTE_ONLY_LATER
        elif not exists_after:
            note = NOTE_ONLY_EARLIER
        elif not (side_before.shown and side_after.shown):
            note = NOTE_HIDDEN
        key = after.key if after is not None else (before.key if before is not None else ())
        category = None if group == TOTAL else group
        rows.append(ChangeRow(group, category, key, side_before, side_after, _change(side_before, side_after, chosen),
                              note))
    return ItemComparison(**common, rows=tuple(rows))  # type: ignore[arg-type]


COMPARISON_COLUMNS: tuple[str, ...] = (
    "group", "category", "is_total", "note",
    "earlier_shown", "earlier_n", "earlier", "earlier_low", "earlier_high",
    "later_shown", "later_n", "later", "later_low", "later_high",
    "change", "change_low", "change_high", "p_value",
)


def comparison_frame(item: ItemComparison) -> pd.DataFrame:
    """One row per group: each wave's value and interval, and the change (NaN where not shown).

    Shares stay shares (0–1; the change in share units, ×100 for percentage points).
    """
    records: list[dict[str, object]] = []
    for row in item.rows:
        record: dict[str, object] = {"group": row.group, "category": row.category, "is_total": row.group == TOTAL,
                                     "note": row.note}
        for prefix, side in (("earlier", row.earlier), ("later", row.later)):
            record[f"{prefix}_shown"] = side.shown
            record[f"{prefix}_n"] = side.n
            record[prefix] = math.nan if side.estimate is None else side.estimate
            record[f"{prefix}_low"] = math.nan if side.low is None else side.low
            record[f"{prefix}_high"] = math.nan if side.high is None else side.high
        change = row.change
        record.update(change=math.nan if change is None else change.estimate,
                      change_low=math.nan if change is None else change.low,
                      change_high=math.nan if change is None else change.high,
                      p_value=math.nan if change is None else change.p_value)
        records.append(record)
    frame = pd.DataFrame.from_records(records, columns=list(COMPARISON_COLUMNS))
    for column in ("earlier_n", "later_n"):
        frame[column] = frame[column].astype("Int64")
    for column in ("earlier_shown", "later_shown", "is_total"):
        frame[column] = frame[column].astype(bool)
    return frame


# --- composition adjustment -------------------------------------------------------------------


@dataclass(frozen=True)
class AdjustedChange:
    """2020 post-stratified to 2023's mix of the cells shown in both waves, beside the raw change.

    ``later`` is 2023 over those cells; ``earlier_adjusted`` is Σ w·(2020 cell value) with w the
    cells' 2023 shares; ``change`` their difference with a normal interval (weights taken as
    fixed). ``coverage_*`` is the share of each wave's answers (of the view's total) the used
    cells hold; ``None`` when the total is not known.
    """

    measure: str
    option: str | None
    later: float
    earlier_adjusted: float
    earlier_raw: float
    change: Difference
    cells_used: int
    cells_shown_later: int
    coverage_later: float | None
    coverage_earlier: float | None
    refused: str | None = None
    cell_keys: tuple[GroupKey, ...] = field(default=(), repr=False)


def _cell_sides(tables: Sequence[ReleasedTable], measure: str, option: str | None) -> dict[GroupKey, SideValue]:
    sides: dict[GroupKey, SideValue] = {}
    for table in tables:
        if table.is_refused:
            continue
        bounds = _bounds(table)
        for row in table.rows:
            side = _side(table, row, measure, option, True, bounds)
            if side.shown:
                sides[row.key] = side
    return sides


def adjust_composition(
    earlier_cells: Sequence[ReleasedTable],
    later_cells: Sequence[ReleasedTable],
    *,
    measure: str,
    option: str | None = None,
    earlier_total_n: int | None = None,
    later_total_n: int | None = None,
    confidence: float = CONFIDENCE,
) -> AdjustedChange:
    """Post-stratify the earlier wave to the later wave's mix over cells shown in both.

    ``*_cells`` are released tables whose breakdown rows are the cells (e.g. each ELY area by
    sector); a cell counts only when its row is shown in both waves (and, for means, has two or
    more scale answers in each). Weights are the later wave's n per cell (answers for means,
    base for shares) over the used cells. Only released numbers enter; hidden cells are left out,
    so the result is a function of what each wave already shows.
    """
    before = _cell_sides(earlier_cells, measure, option)
    after = _cell_sides(later_cells, measure, option)
    usable = [key for key in after if key in before
              and (measure != MEASURE_MEAN or ((before[key].n or 0) >= 2 and (after[key].n or 0) >= 2))]
    usable.sort()
    nan = math.nan
    if not usable:
        return AdjustedChange(measure, option, nan, nan, nan, _nan_difference(METHOD_NORMAL), 0, len(after),
                              None, None, REFUSED_NO_COMMON_CELLS)
    n_after = {key: int(after[key].n or 0) for key in usable}
    n_before = {key: int(before[key].n or 0) for key in usable}
    total_after = sum(n_after.values())
    weights = {key: n_after[key] / total_after for key in usable}
    later_value = sum(weights[k] * _num(after[k].estimate) for k in usable)
    earlier_adjusted = sum(weights[k] * _num(before[k].estimate) for k in usable)
    earlier_raw = sum(n_before[k] * _num(before[k].estimate) for k in usable) / sum(n_before.values())
    variance = sum(weights[k] ** 2 * (_num(after[k].variance) / n_after[k] + _num(before[k].variance) / n_before[k])
                   for k in usable)
    change = _normal_difference(later_value - earlier_adjusted, variance, confidence)
    coverage_later = total_after / later_total_n if later_total_n else None
    coverage_earlier = sum(n_before.values()) / earlier_total_n if earlier_total_n else None
    return AdjustedChange(measure, option, later_value, earlier_adjusted, earlier_raw, change, len(usable),
                          len(after), coverage_later, coverage_earlier, None, tuple(usable))


# --- the "What changed" ranking -----------------------------------------------------------------


@dataclass(frozen=True)
class ChangeEntry:
    """One item (and option) of the ranking: its comparison of the view's total, and the adjustment."""

    concept: str
    question_id: str
    earlier_question: str
    flag: str
    question_type: str
    measure: str
    option: str | None
    comparison: ItemComparison
    adjusted: AdjustedChange | None

    @property
    def change(self) -> Difference | None:
        total = self.comparison.total
        return None if total is None else total.change

    @property
    def unit(self) -> str:
        """``"points"`` for means, ``"pp"`` (percentage points) for shares."""
        return "points" if self.measure == MEASURE_MEAN else "pp"


@dataclass(frozen=True)
class ChangeRanking:
    """Every comparable item's change in one filter, ranked, with BH over the items compared.

    ``entries`` hold the items with a change (shown in both waves), largest rise first within
    each unit; ``fdr`` is Benjamini–Hochberg over their raw changes and ``fdr_adjusted`` over
    the composition-adjusted ones (aligned with ``entries``); ``not_compared`` the items whose
    view is hidden or refused in a wave, or whose option was not asked in both waves.
    """

    entries: tuple[ChangeEntry, ...]
    fdr: FdrResult
    fdr_adjusted: FdrResult
    not_compared: tuple[ChangeEntry, ...]


def rank_changes(entries: Sequence[ChangeEntry], q: float = FDR) -> ChangeRanking:
    """Split entries into compared and not compared, rank them and apply BH to both families."""
    compared = [e for e in entries if e.change is not None and not math.isnan(e.change.estimate)]
    missing = tuple(e for e in entries if e not in compared)
    compared.sort(key=lambda e: (e.unit != "pp", -float(e.change.estimate)))  # type: ignore[union-attr]
    fdr = benjamini_hochberg([float(e.change.p_value) for e in compared], q)  # type: ignore[union-attr]
    fdr_adjusted = benjamini_hochberg(
        [math.nan if e.adjusted is None or e.adjusted.refused else e.adjusted.change.p_value for e in compared], q)
    return ChangeRanking(tuple(compared), fdr, fdr_adjusted, missing)


RANKING_COLUMNS: tuple[str, ...] = (
    "concept", "question_id", "earlier_question", "flag", "question_type", "measure", "option", "unit",
    "earlier_n", "earlier", "later_n", "later", "change", "change_low", "change_high", "p_value",
    "p_adjusted", "supported", "fcr_low", "fcr_high",
    "adjusted_change", "adjusted_low", "adjusted_high", "adjusted_supported", "coverage_later",
    "coverage_earlier", "cells_used",
)


def ranking_frame(ranking: ChangeRanking) -> pd.DataFrame:
    """One row per compared item in rank order (:data:`RANKING_COLUMNS`).

    ``fcr_low``/``fcr_high`` is the interval at the BH (false-coverage-rate adjusted)
    confidence level; ``supported`` whether BH counts the change as a discovery.
    """
    records: list[dict[str, object]] = []
    for position, entry in enumerate(ranking.entries):
        total = entry.comparison.total
        assert total is not None and total.change is not None
        change = total.change
        fcr = _fcr_interval(entry, ranking.fdr.confidence)
        adjusted = entry.adjusted
        usable = adjusted is not None and adjusted.refused is None
        records.append({
            "concept": entry.concept, "question_id": entry.question_id, "earlier_question": entry.earlier_question,
            "flag": entry.flag, "question_type": entry.question_type, "measure": entry.measure,
            "option": entry.option, "unit": entry.unit,
            "earlier_n": total.earlier.n, "earlier": total.earlier.estimate,
            "later_n": total.later.n, "later": total.later.estimate,
            "change": change.estimate, "change_low": change.low, "change_high": change.high,
            "p_value": change.p_value, "p_adjusted": ranking.fdr.adjusted[position],
            "supported": ranking.fdr.supported[position], "fcr_low": fcr[0], "fcr_high": fcr[1],
            "adjusted_change": adjusted.change.estimate if usable else math.nan,  # type: ignore[union-attr]
            "adjusted_low": adjusted.change.low if usable else math.nan,  # type: ignore[union-attr]
            "adjusted_high": adjusted.change.high if usable else math.nan,  # type: ignore[union-attr]
            "adjusted_supported": ranking.fdr_adjusted.supported[position],
            "coverage_later": adjusted.coverage_later if usable else math.nan,  # type: ignore[union-attr]
            "coverage_earlier": adjusted.coverage_earlier if usable else math.nan,  # type: ignore[union-attr]
            "cells_used": adjusted.cells_used if usable else 0,  # type: ignore[union-attr]
        })
    frame = pd.DataFrame.from_records(records, columns=list(RANKING_COLUMNS))
    for column in ("earlier_n", "later_n", "cells_used"):
        frame[column] = frame[column].astype("Int64")
    return frame


def _fcr_interval(entry: ChangeEntry, confidence: float) -> tuple[float, float]:
    """The total's change interval at the false-coverage-rate adjusted level."""
    total = entry.comparison.total
    assert total is not None
    before, after = total.earlier, total.later
    if entry.measure == MEASURE_MEAN:
        diff = welch_difference(_num(before.estimate), _num(before.variance), int(before.n or 0),
                                _num(after.estimate), _num(after.variance), int(after.n or 0), confidence)
    else:
        diff = newcombe_difference(int(before.count or 0), int(before.n or 0), int(after.count or 0),
                                   int(after.n or 0), confidence)
    return diff.low, diff.high
