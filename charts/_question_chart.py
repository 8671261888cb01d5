"""The chart that fits a question: one entry point from a released table to a figure and its table.

Why here and not in the pages: which chart a question type gets (diverging bar, grade
distribution, sorted shares; one row per group in a breakdown) is a rule of the dashboard, the
same on every page and in every export. The rule is pure and tested; pages only render the result.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from analysis.distributions import (
    TOTAL,
    distribution_frame,
    mark_mean_differences,
    mark_share_differences,
    order_groups,
    scale_bounds,
    summarise_groups,
)
from analysis.region import AREA_DIMENSION, compare_area
from anonymity import ReleasedTable
from charts._choice_charts import (
    build_group_share_figure,
    build_group_share_table,
    build_share_figure,
    build_share_table,
    sorted_options,
)
from charts._results_common import ChartTexts
from charts._scale_charts import (
    build_agreement_figure,
    build_grade_distribution_figure,
    build_mean_figure,
    build_scale_table,
)

__all__ = ["ChartFacts", "QuestionChart", "area_chart_facts", "build_area_chart", "build_question_chart",
           "chart_facts", "default_option"]


@dataclass(frozen=True)
class ChartFacts:
    """What a chart's caption states: the base n of the view's total and the hidden groups shown."""

    base: int | None
    hidden_groups: int


@dataclass(frozen=True)
class QuestionChart:
    """A figure, the table behind it (text, formatted for the language) and the groups in order."""

    figure: go.Figure
    table: pd.DataFrame
    groups: tuple[str, ...]


def chart_facts(table: ReleasedTable) -> ChartFacts:
    """Base n of the view's total (``None`` if hidden or refused) and how many drawn groups are hidden."""
    if table.is_refused:
        return ChartFacts(None, 0)
    summary = summarise_groups(table)
    total = summary.loc[summary["is_total"]]
    base = None if total.empty or bool(total["hidden"].iloc[0]) else int(total["base"].iloc[0])
    return ChartFacts(base, int(summary["hidden"].sum()))


def area_chart_facts(table: ReleasedTable, area: str, dimension: str = AREA_DIMENSION) -> ChartFacts:
    """Facts of the area-beside-country chart: the country's base n, and 1 when the area is hidden."""
    comparison = compare_area(table, area, dimension)
    total = comparison.summary.loc[comparison.summary["group"] == TOTAL]
    base = None if bool(total["hidden"].iloc[0]) else int(total["base"].iloc[0])
    return ChartFacts(base, int(comparison.summary["hidden"].sum()))


def default_option(table: ReleasedTable) -> str:
    """The option a breakdown of a choice question shows first: the most common one overall."""
    return sorted_options(distribution_frame(table), TOTAL)[0]


def build_question_chart(
    table: ReleasedTable,
    language: str,
    *,
    texts: ChartTexts,
    labels: Mapping[str, str],
    option_labels: Mapping[str, str],
    option: str | None = None,
) -> QuestionChart:
    """The chart of one released view of one question, and the table behind it.

    Without a breakdown: agreement items a diverging bar, grades their distribution, choice
    questions sorted shares. With a breakdown: one row per group (the total first, then the
    largest base first, hidden groups last and marked); choice questions show ``option``'s share
    per group (default: the most common option overall). ▲/▼ mark a group whose mean differs from
    the total by the 95 % intervals.
    """
    if table.is_refused:
        raise ValueError("a refused view has no chart; say why instead")
    summary = summarise_groups(table)
    distribution = distribution_frame(table)
    groups = order_groups(summary)
    breakdown = table.view.by is not None
    if table.question_type == "agreement5":
        marks = mark_mean_differences(summary) if breakdown else None
        figure = build_agreement_figure(distribution, summary, language, groups=groups, labels=labels,
                                        option_labels=option_labels, texts=texts, marks=marks)
        frame = build_scale_table(distribution, summary, language, groups=groups, labels=labels,
                                  option_labels=option_labels, texts=texts, marks=marks, positive=True)
    elif table.question_type == "grade10":
        marks = mark_mean_differences(summary) if breakdown else None
        bounds = scale_bounds(table)
        assert bounds is not None
        if breakdown:
            figure = build_mean_figure(summary, language, groups=groups, labels=labels, bounds=bounds,
                                       texts=texts, marks=marks)
        else:
            figure = build_grade_distribution_figure(distribution, summary, language, group=TOTAL, texts=texts,
                                                     option_labels=option_labels)
        frame = build_scale_table(distribution, summary, language, groups=groups, labels=labels,
                                  option_labels=option_labels, texts=texts, marks=marks)
    elif table.question_type in ("single", "multi"):
        if breakdown:
            chosen = option if option in table.option_codes else sorted_options(distribution, TOTAL)[0]
            figure = build_group_share_figure(distribution, language, option=chosen, groups=groups, labels=labels,
                                              texts=texts)
            frame = build_group_share_table(distribution, language, groups=groups, labels=labels,
                                            option_labels=option_labels, texts=texts)
        else:
            figure = build_share_figure(distribution, language, groups=[TOTAL], labels=labels,
                                        option_labels=option_labels, texts=texts)
            frame = build_share_table(distribution, language, groups=[TOTAL], labels=labels,
                                      option_labels=option_labels, texts=texts)
    else:
        raise ValueError(f"no chart for question type {table.question_type!r}")
    return QuestionChart(figure, frame, tuple(groups))


def build_area_chart(
    table: ReleasedTable,
    area: str,
    language: str,
    *,
    texts: ChartTexts,
    labels: Mapping[str, str],
    option_labels: Mapping[str, str],
    dimension: str = AREA_DIMENSION,
) -> QuestionChart:
    """The area beside the whole country (``table`` is the whole country by ELY area).

    ▲/▼ mark where the area differs from the whole country by the 95 % intervals (the mean of a
    scale item, each option's share of a choice question). A hidden area keeps its row with the
    hidden marker.
    """
    comparison = compare_area(table, area, dimension)
    summary, distribution, groups = comparison.summary, comparison.distribution, comparison.groups
    if table.question_type in ("agreement5", "grade10"):
        marks = mark_mean_differences(summary)
        if table.question_type == "agreement5":
            figure = build_agreement_figure(distribution, summary, language, groups=groups, labels=labels,
                                            option_labels=option_labels, texts=texts, marks=marks)
        else:
            bounds = scale_bounds(table)
            assert bounds is not None
            figure = build_mean_figure(summary, language, groups=groups, labels=labels, bounds=bounds,
                                       texts=texts, marks=marks)
        frame = build_scale_table(distribution, summary, language, groups=groups, labels=labels,
                                  option_labels=option_labels, texts=texts, marks=marks,
                                  positive=table.question_type == "agreement5")
    elif table.question_type in ("single", "multi"):
        option_marks = {} if comparison.area_hidden else mark_share_differences(distribution, area)
        figure = build_share_figure(distribution, language, groups=groups, labels=labels,
                                    option_labels=option_labels, texts=texts, marks=option_marks)
        frame = build_share_table(distribution, language, groups=groups, labels=labels,
                                  option_labels=option_labels, texts=texts, marks=option_marks)
    else:
        raise ValueError(f"no chart for question type {table.question_type!r}")
    return QuestionChart(figure, frame, tuple(groups))
