"""Wave comparisons on the pages: cached releases, labelled charts, the adjustment's summary.

Why here: the explorer, My region and What changed show the same comparison charts with the
same texts; the arithmetic is in ``analysis.comparison``, the releases in ``results``, the
figures in ``charts``; this module adds what needs Streamlit (caching, translation, rendering).
"""

from __future__ import annotations

import logging
import math
from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd
import streamlit as st

import results
from analysis import TOTAL
from analysis.comparison import (
    MEASURE_MEAN,
    MEASURE_SHARE,
    AdjustedChange,
    ChangeRanking,
    ItemComparison,
    comparability,
    comparison_frame,
    measures_of,
    ranking_frame,
)
from analysis.url_state import WAVES_BOTH, SurveyChoices
from anonymity import ReleaseError, View
from charts import (
    ComparisonTexts,
    build_change_ranking_figure,
    build_change_ranking_table,
    build_wave_pair_figure,
    build_wave_pair_table,
    format_change,
    format_count,
    format_percent,
)
from codebook import Question
from results import SurveySnapshot
from ui.data import QUERY_TTL_SECONDS
from ui.i18n import Translator, translator
from ui.results_view import (
    chart_texts,
    filter_label,
    group_labels,
    option_labels,
    positive_suffix,
    render_chart,
    snapshot_token,
)
from ui.results_view import total_label as results_total_label

_LOG = logging.getLogger(__name__)

__all__ = [
    "ComparisonChart",
    "RankingResult",
    "comparable_options",
    "comparison_texts",
    "flag_of",
    "item_comparison_charts",
    "region_comparison_charts",
    "render_comparison",
    "wave_label",
    "wave_value",
    "wave_options",
    "what_changed_result",
]


def wave_options(choices: SurveyChoices) -> list[int | str]:
    """The wave switch: each wave (latest first) and, with two waves, both side by side.

    Waves stay numbers (as the one-wave selectbox had them); "both" is :data:`WAVES_BOTH`.
    """
    options: list[int | str] = list(sorted(choices.waves, reverse=True))
    if len(choices.waves) > 1:
        options.append(WAVES_BOTH)
    return options


def comparable_options(snapshot: SurveySnapshot, question_id: str) -> tuple[str, ...]:
    """Options of a choice item asked in both waves (the option switch in the comparison)."""
    return results.comparison_options(snapshot, question_id)


def flag_of(snapshot: SurveySnapshot, question_id: str) -> str | None:
    """The crosswalk's comparability flag of a comparable item (``None`` otherwise)."""
    verdict = comparability(snapshot.codebook, question_id)
    return verdict.flag if verdict.comparable else None


def wave_label(t: Translator, value: int | str) -> str:
    return t("compare.wave_both") if value == WAVES_BOTH else str(value)


def wave_value(state_wave: int, compare: bool) -> int | str:
    """The wave switch's value for a view state."""
    return WAVES_BOTH if compare else state_wave


def comparison_texts(t: Translator, title: str, subtitle: str, scale: str | None = None) -> ComparisonTexts:
    return ComparisonTexts(
        base=chart_texts(t, title, subtitle, scale), earlier_wave=results.EARLIER_WAVE, later_wave=results.LATER_WAVE,
        change_header=t("compare.change_header"), unit_pp=t("compare.unit_pp"), unit_points=t("compare.unit_points"),
        only_later=t("compare.only_later"), only_earlier=t("compare.only_earlier"),
        hidden_side=t("compare.hidden_side"), supported_header=t("compare.supported_header"),
        supported=t("compare.supported"), not_supported=t("compare.not_supported"),
        adjusted_header=t("compare.adjusted_header"), adjusted_legend=t("compare.adjusted_legend"),
        raw_legend=t("compare.raw_legend"), coverage_header=t("compare.coverage_header"),
        flag_header=t("compare.flag_header"), item_header=t("compare.item_header"),
        change_axis_pp=t("compare.change_axis_pp"), change_axis_points=t("compare.change_axis_points"),
    )


def _stop_on_stale(t: Translator) -> None:
    _LOG.exception("release refused")
    st.error(t("error.stale_protection"), icon="🛑")
    st.stop()


@dataclass(frozen=True)
class ComparisonChart:
    """A comparison chart ready to render (or the reason it is refused), with its adjustment."""

    figure: object | None
    table: pd.DataFrame | None
    caption: str
    frame: pd.DataFrame | None
    refused: str | None = None
    adjusted: AdjustedChange | None = None
    percent: bool = True


def _measure_text(t: Translator, measure: str, scale: str | None = None) -> str:
    """"agree (4–5)", or the scale's own positive word ("useful (4–5)"); "mean"."""
    if measure == "positive":
        return t(f"compare.measure.positive{positive_suffix(scale)}")
    return t(f"compare.measure.{measure}")


def _value_range(question: Question, measure: str) -> list[float]:
    if measure != MEASURE_MEAN:
        return [0.0, 1.0]
    values = [o.value for o in question.options if o.value is not None]
    return [float(min(values)), float(max(values))]


def _flag_text(t: Translator, flag: str | None) -> str:
    return t("compare.flag_note", flag=t(f"compare.flag.{flag}")) if flag else ""


def _order(frame: pd.DataFrame) -> list[str]:
    """Total first, then groups shown in the later wave by n, then the rest (menu order)."""
    total = frame.loc[frame["is_total"], "group"].tolist()
    rest = frame.loc[~frame["is_total"]].reset_index(drop=True)
    shown = rest.loc[rest["later_shown"] | rest["earlier_shown"]].copy()
    shown["_n"] = shown["later_n"].fillna(0).astype("int64")
    shown["_pos"] = shown.index
    shown = shown.sort_values(["later_shown", "_n", "_pos"], ascending=[False, False, True])
    hidden = [g for g in rest["group"] if g not in set(shown["group"]) and g != "not_answered"]
    return [str(g) for g in [*total, *shown["group"].tolist(), *hidden]]


def _caption(t: Translator, language: str, item: ItemComparison, view: View) -> str:
    total = item.total
    name = filter_label(view.filter, language)
    where = t("results.caption_filter", group=name) if name else t("results.caption_everyone")
    if view.by is not None:
        where = f"{where} · {t(f'results.by.{view.by}')}"
    return t("compare.caption", earlier=item.earlier_wave, later=item.later_wave,
             n_earlier=format_count(None if total is None or not total.earlier.shown else total.earlier.n, language),
             n_later=format_count(None if total is None or not total.later.shown else total.later.n, language),
             view=where, flag=t(f"compare.flag.{item.flag}"))


def _chart(t: Translator, language: str, question: Question, frame: pd.DataFrame, groups: Sequence[str],
           labels: dict[str, str], title: str, caption_text: str, measure: str) -> tuple[object, pd.DataFrame]:
    percent = measure != MEASURE_MEAN
    texts = comparison_texts(t, title, caption_text, question.scale)
    figure = build_wave_pair_figure(frame, language, groups=groups, labels=labels, texts=texts, percent=percent,
                                    value_range=_value_range(question, measure))
    table = build_wave_pair_table(frame, language, groups=groups, labels=labels, texts=texts, percent=percent)
    return figure, table


@st.cache_resource(ttl=QUERY_TTL_SECONDS, max_entries=512, show_spinner=False)
def _item_charts(token: str, question_id: str, view: View, option: str | None, language: str,
                 _snapshot: SurveySnapshot) -> list[ComparisonChart]:
    t = translator(language)
    question = _snapshot.codebook.question(question_id)
    verdict = comparability(_snapshot.codebook, question_id)
    if not verdict.comparable:
        return [ComparisonChart(None, None, "", None, refused=verdict.refused)]
    title = question.text_for(language, results.LATER_WAVE)
    charts: list[ComparisonChart] = []
    if question.type in ("single", "multi"):
        codes = results.comparison_options(_snapshot, question_id)
        labels_of = option_labels(question, language)
        if view.by is None:
            items = {code: results.release_comparison(_snapshot, question_id, view, measure=MEASURE_SHARE,
                                                      option=code) for code in codes}
            first = next(iter(items.values()))
            if first.refused is not None:
                return [ComparisonChart(None, None, "", None, refused=first.refused)]
            frames = []
            for code, item in items.items():
                frame = comparison_frame(item)
                frame = frame.loc[frame["is_total"]].assign(group=code, category=code, is_total=False)
                frames.append(frame)
            frame = pd.concat(frames, ignore_index=True)
            frame = frame.sort_values("later", ascending=False, na_position="last", kind="stable")
            groups = frame["group"].tolist()
            caption_text = _caption(t, language, first, view)
            figure, table = _chart(t, language, question, frame, groups, labels_of, title, caption_text,
                                   MEASURE_SHARE)
            table = table.rename(columns={t("results.group_header"): t("results.answer_header")})
            charts.append(ComparisonChart(figure, table, caption_text, frame, None, None, True))
            return charts
        chosen = option if option in codes else (codes[0] if codes else None)
        item = results.release_comparison(_snapshot, question_id, view, measure=MEASURE_SHARE, option=chosen)
        targets = [(item, MEASURE_SHARE, f"{title} — {labels_of[chosen]}" if chosen else title)]
    else:
        targets = []
        for measure in measures_of(question.type):
            item = results.release_comparison(_snapshot, question_id, view, measure=measure)
            suffix = f" — {_measure_text(t, measure, question.scale)}" if question.type == "agreement5" else ""
            targets.append((item, measure, f"{title}{suffix}"))
    for item, measure, chart_title in targets:
        if item.refused is not None:
            charts.append(ComparisonChart(None, None, "", None, refused=item.refused))
            continue
        frame = comparison_frame(item)
        groups = _order(frame)
        categories = [g for g in groups if g != TOTAL]
        labels = group_labels(view.by, categories, language, results_total_label(t, view.filter, language))
        caption_text = _caption(t, language, item, view)
        figure, table = _chart(t, language, question, frame, groups, labels, chart_title, caption_text, measure)
        total = item.total
        adjusted = None
        if total is not None and total.change is not None:
            adjusted = results.release_adjusted(_snapshot, question_id, view.filter, measure=measure,
                                                option=item.option, earlier_total_n=total.earlier.n,
                                                later_total_n=total.later.n)
        charts.append(ComparisonChart(figure, table, caption_text, frame, None, adjusted, measure != MEASURE_MEAN))
    return charts


def item_comparison_charts(t: Translator, language: str, snapshot: SurveySnapshot, question: Question, view: View,
                           option: str | None = None) -> list[ComparisonChart]:
    """The comparison charts of one question in one view (one per measure; refused ones carry the reason)."""
    try:
        return _item_charts(snapshot_token(snapshot), question.id, view, option, language, snapshot)
    except ReleaseError:
        _stop_on_stale(t)
        raise


@st.cache_resource(ttl=QUERY_TTL_SECONDS, max_entries=512, show_spinner=False)
def _region_charts(token: str, question_id: str, area: str, language: str,
                   _snapshot: SurveySnapshot) -> list[ComparisonChart]:
    """The area and the whole country, both waves; a choice item shows the area's options."""
    t = translator(language)
    question = _snapshot.codebook.question(question_id)
    verdict = comparability(_snapshot.codebook, question_id)
    if not verdict.comparable:
        return [ComparisonChart(None, None, "", None, refused=verdict.refused)]
    if question.type in ("single", "multi"):
        return _item_charts(token, question_id, View(("ely_area", area), None), None, language, _snapshot)
    area_name = group_labels("ely_area", [area], language, "")[area]
    measure = measures_of(question.type)[0]
    area_item = results.release_comparison(_snapshot, question_id, View(("ely_area", area), None), measure=measure)
    country_item = results.release_comparison(_snapshot, question_id, View(None, None), measure=measure)
    if country_item.refused is not None:
        return [ComparisonChart(None, None, "", None, refused=country_item.refused)]
    country = comparison_frame(country_item)
    if area_item.refused is None:
        area_frame = comparison_frame(area_item).assign(group=area, category=area, is_total=False)
    else:  # the area is too small in a wave: hidden on both sides, like any hidden group
        area_frame = country.assign(group=area, category=area, is_total=False, note="hidden", earlier_shown=False,
                                    later_shown=False, earlier_n=pd.NA, later_n=pd.NA)
        for column in ("earlier", "earlier_low", "earlier_high", "later", "later_low", "later_high", "change",
                       "change_low", "change_high", "p_value"):
            area_frame[column] = math.nan
    frame = pd.concat([area_frame, country], ignore_index=True)
    labels = {area: area_name, TOTAL: t("region.whole_country")}
    title = question.text_for(language, results.LATER_WAVE)
    if question.type == "agreement5":
        title = f"{title} — {_measure_text(t, measure, question.scale)}"
    caption_text = " · ".join([t("region.caption", area=area_name, wave=f"{results.EARLIER_WAVE}–{results.LATER_WAVE}",
                                 n=format_count(country_item.total.later.n if country_item.total else None,
                                                language)),
                               t(f"compare.flag.{country_item.flag}")])
    figure, table = _chart(t, language, question, frame, [area, TOTAL], labels, title, caption_text, measure)
    return [ComparisonChart(figure, table, caption_text, frame, None, None, measure != MEASURE_MEAN)]


def region_comparison_charts(t: Translator, language: str, snapshot: SurveySnapshot, question: Question,
                             area: str) -> list[ComparisonChart]:
    """My region in both waves: the area beside the whole country (choice items: the area's options)."""
    try:
        return _region_charts(snapshot_token(snapshot), question.id, area, language, snapshot)
    except ReleaseError:
        _stop_on_stale(t)
        raise


def adjusted_summary(t: Translator, language: str, adjusted: AdjustedChange | None, percent: bool) -> str | None:
    """The composition-adjusted change in one sentence (or the reason there is none)."""
    if adjusted is None:
        return None
    if adjusted.refused is not None:
        return t(f"compare.refused.{adjusted.refused}", k="")
    texts = comparison_texts(t, "", "")
    change = adjusted.change
    interval = (f"{format_change(change.low, language, percent=percent, texts=texts)} … "
                f"{format_change(change.high, language, percent=percent, texts=texts)}")
    raw = format_change(adjusted.later - adjusted.earlier_raw, language, percent=percent, texts=texts)
    return t("compare.adjusted_summary", change=format_change(change.estimate, language, percent=percent, texts=texts),
             interval=interval, cells=adjusted.cells_used,
             coverage_later=format_percent(adjusted.coverage_later, language),
             coverage_earlier=format_percent(adjusted.coverage_earlier, language), raw=raw)


def render_comparison(t: Translator, language: str, charts: Sequence[ComparisonChart], *, key: str, k: int,
                      flag: str | None = None, show_adjusted: bool = True) -> None:
    """Each chart with its table one click away; refusals as a sentence; the adjustment under it."""
    if flag:
        st.caption(_flag_text(t, flag))
    for position, chart in enumerate(charts):
        if chart.refused is not None or chart.figure is None or chart.table is None:
            st.info(t(f"compare.refused.{chart.refused}", k=k), icon="ℹ️")
            continue
        render_chart(t, chart.figure, chart.table, chart.caption, key=f"{key}_{position}")
        summary = adjusted_summary(t, language, chart.adjusted, chart.percent) if show_adjusted else None
        if summary:
            st.markdown(summary)


# --- What changed -------------------------------------------------------------------------------


@dataclass(frozen=True)
class RankingResult:
    """The What changed page's charts and tables (per unit), and what was not compared."""

    ranking: ChangeRanking
    frame: pd.DataFrame
    parts: tuple[tuple[str, object, pd.DataFrame], ...]
    not_compared: tuple[str, ...]
    caption: str
    new_items: int


def _item_label(snapshot: SurveySnapshot, t: Translator, language: str, question_id: str, measure: str,
                option: str | None) -> str:
    question = snapshot.codebook.question(question_id)
    text = question.text_for(language, results.LATER_WAVE)
    if option is not None:
        return t("changed.option_item", question=text, option=question.option(option).label[language])
    return text


@st.cache_resource(ttl=QUERY_TTL_SECONDS, max_entries=64, show_spinner=False)
def _what_changed(token: str, view_filter: tuple[str, str] | None, language: str,
                  _snapshot: SurveySnapshot) -> RankingResult:
    t = translator(language)
    ranking = results.release_what_changed(_snapshot, view_filter)
    frame = ranking_frame(ranking)
    name = filter_label(view_filter, language)
    where = t("results.caption_filter", group=name) if name else t("results.caption_everyone")
    supported = int(frame["supported"].sum()) if len(frame) else 0
    caption_text = t("changed.caption", view=where, count=len(frame), supported=supported,
                     q=format_percent(ranking.fdr.q, language))
    parts: list[tuple[str, object, pd.DataFrame]] = []
    titles = {"pp": t("changed.chart_title_pp"), "points": t("changed.chart_title_points")}
    for unit, percent in (("pp", True), ("points", False)):
        part = frame.loc[frame["unit"] == unit].reset_index(drop=True)
        if part.empty:
            continue
        labels = [_item_label(_snapshot, t, language, r["question_id"], r["measure"],
                              None if pd.isna(r["option"]) else r["option"]) for r in part.to_dict("records")]
        texts = comparison_texts(t, titles[unit], caption_text)
        figure = build_change_ranking_figure(part, language, item_labels=labels, texts=texts, percent=percent)
        table = build_change_ranking_table(part, language, item_labels=labels,
                                           flag_labels=[t(f"compare.flag.{f}") for f in part["flag"]],
                                           texts=texts, percent=percent)
        parts.append((unit, figure, table))
    not_compared = []
    for entry in ranking.not_compared:
        label = _item_label(_snapshot, t, language, entry.question_id, entry.measure, entry.option)
        reason = entry.comparison.refused
        why = t(f"compare.refused.{reason}", k=_snapshot.policy.k) if reason else t("changed.not_compared_hidden")
        not_compared.append(f"{label}: {why}")
    new_items = sum(1 for c in _snapshot.codebook.concepts
                    if c.comparability == "new_in_2023" and c.wave_2023
                    and _snapshot.codebook.question(c.wave_2023).is_closed)
    return RankingResult(ranking, frame, tuple(parts), tuple(not_compared), caption_text, new_items)


def what_changed_result(t: Translator, language: str, snapshot: SurveySnapshot,
                        view_filter: tuple[str, str] | None) -> RankingResult:
    """Every comparable item's change under one filter, ranked, with its charts and tables."""
    try:
        return _what_changed(snapshot_token(snapshot), view_filter, language, snapshot)
    except ReleaseError:
        _stop_on_stale(t)
        raise


def fdr_level_text(result: RankingResult, language: str) -> str:
    level = result.ranking.fdr.confidence
    return format_percent(level, language, decimals=1) if not math.isnan(level) else ""
