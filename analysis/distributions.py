"""Answer distributions, means and "% agree" of released tables, with their 95 % intervals.

Why a module of its own: the Question explorer, My region and the Heatmap all show the same
shares, means and intervals, and the tables behind their charts must agree with the gate's
release (``python -m baro release``). Every function here takes a :class:`ReleasedTable` (or a
frame made from one), never respondent rows, so it can only reshape protected numbers.

Definitions (the pages' method note repeats them):

- a share is a count divided by the group's base, the respondents who answered the question
  ("don't know" included; multi-select: respondents who ticked, of those who answered);
- a mean is taken over the scale answers only: "don't know" is left out and shown apart;
- "% agree" (agreement items) is the share answering 4 or 5 of the base, "don't know" included,
  so it matches the segments of the diverging bar.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

import pandas as pd

from analysis.intervals import HIGHER, LOWER, Interval, compare_intervals, mean_interval, wilson_interval
from anonymity import NOT_STATED, ReleasedRow, ReleasedTable

#: Group id of the view's whole (filtered) population in the frames below.
TOTAL = "__total__"
#: Question types with a numeric scale (a mean and its interval).
SCALE_TYPES: tuple[str, ...] = ("agreement5", "grade10")
#: Question types shown as shares of respondents per option.
CHOICE_TYPES: tuple[str, ...] = ("single", "multi")
#: Scale values counted as agreeing (and as positive on the other 5-point scales).
POSITIVE_MIN_VALUE = 4.0
#: The measures the heatmap can show.
MEASURE_MEAN = "mean"
MEASURE_POSITIVE = "positive"
MEASURES: tuple[str, ...] = (MEASURE_MEAN, MEASURE_POSITIVE)

DISTRIBUTION_COLUMNS: tuple[str, ...] = (
    "group", "category", "is_total", "hidden", "base", "option", "count", "share", "share_low",
    "share_high", "dont_know", "value",
)
SUMMARY_COLUMNS: tuple[str, ...] = (
    "group", "category", "is_total", "hidden", "population", "base", "answers", "dont_know",
    "mean", "mean_low", "mean_high", "positive", "positive_low", "positive_high",
)

__all__ = [
    "CHOICE_TYPES",
    "DISTRIBUTION_COLUMNS",
    "HIGHER",
    "LOWER",
    "MEASURES",
    "MEASURE_MEAN",
    "MEASURE_POSITIVE",
    "SCALE_TYPES",
    "SUMMARY_COLUMNS",
    "TOTAL",
    "distribution_frame",
    "heatmap_frame",
    "mark_mean_differences",
    "mark_share_differences",
    "order_groups",
    "order_heatmap_groups",
    "scale_bounds",
    "summarise_groups",
]


def _check(table: ReleasedTable) -> None:
    if not isinstance(table, ReleasedTable):
        raise TypeError("distributions are computed from the anonymity gate's released tables only")
    if table.question_type == "population":
        raise ValueError("a population table has no answers to summarise")


def scale_bounds(table: ReleasedTable) -> tuple[float, float] | None:
    """Smallest and largest scale value (``None`` for choice questions)."""
    values = [v for v in table.option_values if v is not None]
    if table.question_type not in SCALE_TYPES or not values:
        return None
    return min(values), max(values)


def _rows(table: ReleasedTable, drop_hidden_not_answered: bool) -> list[tuple[str, ReleasedRow]]:
    """(group id, row) of the total and the breakdown rows, in menu order.

    The "not answered" category is left out when it is hidden: hidden and empty look alike, and
    a row that says nothing only lengthens every chart.
    """
    rows: list[tuple[str, ReleasedRow]] = []
    if table.total is not None:
        rows.append((TOTAL, table.total))
    for row in table.rows:
        if drop_hidden_not_answered and row.category == NOT_STATED and row.hidden:
            continue
        rows.append((str(row.category), row))
    return rows


def _scale_counts(table: ReleasedTable, row: ReleasedRow) -> tuple[list[float], list[int], int]:
    """Scale values, their counts and the "don't know" count of a shown row."""
    values: list[float] = []
    counts: list[int] = []
    dont_know = 0
    for code, value in zip(table.option_codes, table.option_values, strict=True):
        count = row.count(code) or 0
        if code in table.dont_know_codes or value is None:
            dont_know += count
        else:
            values.append(float(value))
            counts.append(count)
    return values, counts, dont_know


def _positive_codes(table: ReleasedTable) -> tuple[str, ...]:
    if table.question_type != "agreement5":
        return ()
    return tuple(c for c, v in zip(table.option_codes, table.option_values, strict=True)
                 if v is not None and v >= POSITIVE_MIN_VALUE)


def summarise_groups(table: ReleasedTable, drop_hidden_not_answered: bool = True) -> pd.DataFrame:
    """One row per group (the total first, then the breakdown in menu order): :data:`SUMMARY_COLUMNS`.

    Hidden groups carry ``hidden=True`` and no numbers. ``answers`` is the base without "don't
    know" (the n of the mean). Means and "% agree" are NaN where the question has no such measure.
    A refused view (population under k) gives an empty frame.
    """
    _check(table)
    bounds = scale_bounds(table)
    positive_codes = _positive_codes(table)
    records: list[dict[str, object]] = []
    for group, row in _rows(table, drop_hidden_not_answered):
        record: dict[str, object] = {
            "group": group, "category": row.category, "is_total": group == TOTAL, "hidden": row.hidden,
            "population": row.population, "base": row.base, "answers": None, "dont_know": None,
            "mean": math.nan, "mean_low": math.nan, "mean_high": math.nan,
            "positive": math.nan, "positive_low": math.nan, "positive_high": math.nan,
        }
        if not row.hidden and row.base is not None:
            if bounds is not None:
                values, counts, dont_know = _scale_counts(table, row)
                mean = mean_interval(values, counts, bounds=bounds)
                record.update(answers=mean.n, dont_know=dont_know, mean=mean.estimate,
                              mean_low=mean.low, mean_high=mean.high)
            else:
                record.update(answers=row.base, dont_know=sum(row.count(c) or 0 for c in table.dont_know_codes))
            if positive_codes and row.base > 0:
                positive = wilson_interval(sum(row.count(c) or 0 for c in positive_codes), row.base)
                record.update(positive=positive.estimate, positive_low=positive.low, positive_high=positive.high)
        records.append(record)
    frame = pd.DataFrame.from_records(records, columns=list(SUMMARY_COLUMNS))
    for column in ("population", "base", "answers", "dont_know"):
        frame[column] = frame[column].astype("Int64")
    frame["hidden"] = frame["hidden"].astype(bool)
    frame["is_total"] = frame["is_total"].astype(bool)
    return frame


def distribution_frame(table: ReleasedTable, drop_hidden_not_answered: bool = True) -> pd.DataFrame:
    """Long frame, one row per group and option: :data:`DISTRIBUTION_COLUMNS`.

    Shares are of the group's base, each with its Wilson interval; a hidden group has one row
    per option with no numbers, so charts can mark it in its place.
    """
    _check(table)
    dont_know = set(table.dont_know_codes)
    records: list[dict[str, object]] = []
    for group, row in _rows(table, drop_hidden_not_answered):
        for code, value in zip(table.option_codes, table.option_values, strict=True):
            record: dict[str, object] = {
                "group": group, "category": row.category, "is_total": group == TOTAL, "hidden": row.hidden,
                "base": row.base, "option": code, "count": None, "share": math.nan, "share_low": math.nan,
                "share_high": math.nan, "dont_know": code in dont_know,
                "value": math.nan if value is None else float(value),
            }
            count = row.count(code)
            if not row.hidden and count is not None and row.base:
                share = wilson_interval(count, row.base)
                record.update(count=count, share=share.estimate, share_low=share.low, share_high=share.high)
            records.append(record)
    frame = pd.DataFrame.from_records(records, columns=list(DISTRIBUTION_COLUMNS))
    for column in ("base", "count"):
        frame[column] = frame[column].astype("Int64")
    for column in ("hidden", "is_total", "dont_know"):
        frame[column] = frame[column].astype(bool)
    return frame


def order_groups(summary: pd.DataFrame) -> list[str]:
    """Group ids for display: the total first, shown groups by base (largest first), hidden last.

    Ties and hidden groups keep the menu order. Hidden groups stay listed so that charts can mark
    them where they would be, never as a zero.
    """
    total = summary.loc[summary["is_total"], "group"].tolist()
    rest = summary.loc[~summary["is_total"]].reset_index(drop=True)
    shown = rest.loc[~rest["hidden"]].copy()
    shown["_position"] = shown.index
    shown = shown.sort_values(["base", "_position"], ascending=[False, True], kind="stable")
    hidden = rest.loc[rest["hidden"], "group"].tolist()
    return [str(g) for g in [*total, *shown["group"].tolist(), *hidden]]


def _interval(row: Mapping[str, object], prefix: str, n_column: str) -> Interval:
    n = row[n_column]
    return Interval(float(row[prefix]), float(row[f"{prefix}_low"]), float(row[f"{prefix}_high"]),  # type: ignore[arg-type]
                    0 if n is None or n is pd.NA else int(n))  # type: ignore[call-overload]


def mark_mean_differences(summary: pd.DataFrame, reference: str = TOTAL,
                          measure: str = MEASURE_MEAN) -> dict[str, str | None]:
    """Group id -> ``HIGHER``/``LOWER``/``None`` against ``reference`` on the mean or "% agree".

    A difference is marked only when the 95 % intervals do not overlap; hidden groups and the
    reference itself get ``None``.
    """
    if measure not in MEASURES:
        raise ValueError(f"unknown measure {measure!r}")
    n_column = "answers" if measure == MEASURE_MEAN else "base"
    by_group = {str(r["group"]): r for r in summary.to_dict("records")}
    if reference not in by_group or by_group[reference]["hidden"]:
        return {g: None for g in by_group}
    ref = _interval(by_group[reference], measure, n_column)
    marks: dict[str, str | None] = {}
    for group, row in by_group.items():
        if group == reference or row["hidden"]:
            marks[group] = None
        else:
            marks[group] = compare_intervals(_interval(row, measure, n_column), ref)
    return marks


def mark_share_differences(distribution: pd.DataFrame, group: str,
                           reference: str = TOTAL) -> dict[str, str | None]:
    """Option code -> ``HIGHER``/``LOWER``/``None``: ``group``'s share against ``reference``'s.

    Wilson intervals that do not overlap mark a difference; a hidden side marks nothing.
    """
    def shares(which: str) -> dict[str, Interval]:
        rows = distribution.loc[distribution["group"] == which]
        return {
            str(r["option"]): Interval(float(r["share"]), float(r["share_low"]), float(r["share_high"]),
                                       0 if pd.isna(r["base"]) else int(r["base"]))
            for r in rows.to_dict("records")
        }

    mine, theirs = shares(group), shares(reference)
    return {code: compare_intervals(mine[code], theirs[code]) if code in theirs else None for code in mine}


def order_heatmap_groups(frame: pd.DataFrame) -> list[str]:
    """Columns of the heatmap: the total, then groups by their base summed over the items.

    Groups hidden in every item come last (menu order); "not answered" is left out when it is
    hidden in every item, as in the other charts.
    """
    if frame.empty:
        return []
    groups = list(dict.fromkeys(frame["group"]))
    position = {g: i for i, g in enumerate(groups)}
    totals = frame.loc[frame["is_total"], "group"].unique().tolist()
    rest = frame.loc[~frame["is_total"]]
    all_hidden = rest.groupby("group", sort=False)["hidden"].all()
    bases = rest.assign(n=rest["n"].fillna(0).astype("int64")).groupby("group", sort=False)["n"].sum()
    shown = sorted((g for g in all_hidden.index if not all_hidden[g]), key=lambda g: (-int(bases[g]), position[g]))
    hidden = [g for g in groups if g in all_hidden.index and all_hidden[g] and g != NOT_STATED]
    return [*totals, *shown, *hidden]


def heatmap_frame(tables: Mapping[str, ReleasedTable], measure: str,
                  question_order: Sequence[str] | None = None) -> pd.DataFrame:
    """Long frame of items × groups for the heatmap.

    Columns: ``question_id``, ``question_type``, ``group``, ``category``, ``is_total``,
    ``hidden``, ``n``, ``value``, ``low``, ``high``, ``difference`` (value minus the total's),
    ``relative_difference`` (the difference as a share of the scale's span for means, the
    difference itself for shares, so 1–5 and 1–10 items colour alike) and ``mark`` (``HIGHER``/
    ``LOWER``/``None`` by non-overlapping intervals). ``measure="positive"`` keeps agreement
    items only (a grade has no "agree").
    """
    if measure not in MEASURES:
        raise ValueError(f"unknown measure {measure!r}")
    order = list(question_order) if question_order is not None else list(tables)
    records: list[dict[str, object]] = []
    for question_id in order:
        table = tables[question_id]
        if table.question_type not in SCALE_TYPES or table.is_refused:
            continue
        if measure == MEASURE_POSITIVE and table.question_type != "agreement5":
            continue
        summary = summarise_groups(table)
        marks = mark_mean_differences(summary, measure=measure)
        bounds = scale_bounds(table)
        span = 1.0 if measure == MEASURE_POSITIVE or bounds is None else bounds[1] - bounds[0]
        n_column = "answers" if measure == MEASURE_MEAN else "base"
        total = summary.loc[summary["is_total"]]
        total_value = float(total[measure].iloc[0]) if len(total) and not total["hidden"].iloc[0] else math.nan
        for row in summary.to_dict("records"):
            value = math.nan if row["hidden"] else float(row[measure])
            records.append({
                "question_id": question_id, "question_type": table.question_type,
                "group": row["group"], "category": row["category"], "is_total": row["is_total"],
                "hidden": row["hidden"], "n": row[n_column], "value": value,
                "low": float(row[f"{measure}_low"]), "high": float(row[f"{measure}_high"]),
                "difference": value - total_value,
                "relative_difference": (value - total_value) / span,
                "mark": marks.get(str(row["group"])),
            })
    columns = ["question_id", "question_type", "group", "category", "is_total", "hidden", "n", "value", "low",
               "high", "difference", "relative_difference", "mark"]
    frame = pd.DataFrame.from_records(records, columns=columns)
    frame["n"] = frame["n"].astype("Int64")
    frame["hidden"] = frame["hidden"].astype(bool)
    frame["is_total"] = frame["is_total"].astype(bool)
    return frame
