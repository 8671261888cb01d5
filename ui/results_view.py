"""Results pages' shared helpers: cached releases and charts, labels, captions, rendering.

Why here: the Question explorer, My region and the Heatmap show released tables as charts with
the same labels, captions and tables behind them; the pure rules live in ``analysis`` and
``charts``, and this module adds what needs Streamlit (caching, translation, widgets).

Caching: released tables and built charts are shared read-only objects (``cache_resource``), keyed
by a token of the snapshot's data and hiding patterns, so a page rerun builds nothing twice and a
new snapshot (new data, new patterns) never meets an old chart.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import pandas as pd
import streamlit as st

from analysis import (
    MEASURES,
    TOTAL,
    Alternative,
    composition_from_released,
    heatmap_frame,
    mark_absent_categories,
    order_heatmap_groups,
    releasing_alternatives,
)
from analysis.url_state import SurveyChoices
from anonymity import ReleasedTable, ReleaseError, View
from charts import (
    ChartFacts,
    ChartTexts,
    QuestionChart,
    area_chart_facts,
    build_area_chart,
    build_composition_figure,
    build_composition_table,
    build_heatmap_figure,
    build_heatmap_table,
    build_question_chart,
    chart_facts,
    format_count,
)
from codebook import Question
from results import SurveySnapshot, release_question
from ui.data import QUERY_TTL_SECONDS, get_reference, release_population
from ui.i18n import Translator, translator
from ui.language import current_language
from ui.render import label_categories, render_chart_block

_LOG = logging.getLogger(__name__)

__all__ = [
    "CompositionResult",
    "HeatmapResult",
    "area_alternatives",
    "area_is_hidden",
    "chart_texts",
    "composition_result",
    "group_labels",
    "heatmap_result",
    "option_labels",
    "positive_suffix",
    "question_area_chart",
    "question_chart",
    "release",
    "render_chart",
    "render_result",
    "snapshot_token",
    "survey_choices",
    "table_key",
]


def snapshot_token(snapshot: SurveySnapshot) -> str:
    """Identifies the snapshot's data and hiding patterns (and k) for cache keys."""
    text = repr((sorted(snapshot.fingerprints.items()), sorted(snapshot.stored_k.items()), snapshot.policy.k,
                 len(snapshot.cells)))
    return hashlib.sha256(text.encode()).hexdigest()[:24]


@st.cache_resource(ttl=QUERY_TTL_SECONDS, max_entries=8, show_spinner=False)
def _choices(token: str, measures: tuple[str, ...], _snapshot: SurveySnapshot) -> SurveyChoices:
    questions = {w: tuple(q for q in _snapshot.released_questions(w) if q.is_closed) for w in _snapshot.waves}
    # Background items describe the respondents; the results pages open on the survey's themes.
    sections = tuple(sorted((sid for sid, _ in _snapshot.codebook.sections), key=lambda sid: sid == "background"))
    return SurveyChoices(waves=_snapshot.waves, questions=questions, sections=sections, menu=_snapshot.menu,
                         measures=measures)


def survey_choices(snapshot: SurveySnapshot, measures: Sequence[str] = MEASURES) -> SurveyChoices:
    """What the URL and the sidebar may choose from (waves, released closed questions, menu)."""
    return _choices(snapshot_token(snapshot), tuple(measures), snapshot)


@st.cache_resource(ttl=QUERY_TTL_SECONDS, max_entries=4096, show_spinner=False)
def _released(token: str, question_id: str, wave: int, view: View, _snapshot: SurveySnapshot) -> ReleasedTable:
    return release_question(_snapshot, question_id, wave, view)


def release(t: Translator, snapshot: SurveySnapshot, question_id: str, wave: int, view: View) -> ReleasedTable:
    """The released table of one view, cached; a stale pattern stops the page with a message."""
    try:
        return _released(snapshot_token(snapshot), question_id, wave, view, snapshot)
    except ReleaseError:
        _LOG.exception("release refused")
        st.error(t("error.stale_protection"), icon="🛑")
        st.stop()
        raise


def option_labels(question: Question, language: str) -> dict[str, str]:
    return {o.code: o.label[language] for o in question.options}


def group_labels(dimension: str | None, categories: Sequence[str], language: str, total_label: str) -> dict[str, str]:
    """Group id -> display label: the total's label and each category's (capitalised) name."""
    labels = {TOTAL: total_label}
    if dimension is not None and categories:
        frame = label_categories(pd.DataFrame({"category": list(categories)}), dimension, language)
        labels.update(dict(zip(frame["category"], frame["label"], strict=True)))
    return labels


def filter_label(view_filter: tuple[str, str] | None, language: str) -> str | None:
    if view_filter is None:
        return None
    return group_labels(view_filter[0], [view_filter[1]], language, "")[view_filter[1]]


def total_label(t: Translator, view_filter: tuple[str, str] | None, language: str) -> str:
    """"All respondents", or "Uusimaa, all" under a filter (the total is the filtered population)."""
    name = filter_label(view_filter, language)
    return t("results.total") if name is None else t("results.total_filtered", group=name)


#: 5-point scales whose positive end (4–5) is not "agree": the column and measure say the scale's word.
_POSITIVE_WORDS: tuple[str, ...] = ("useful5", "good5")


def positive_suffix(scale: str | None) -> str:
    """The key suffix of a scale with its own positive word (``_useful5``), else nothing."""
    return f"_{scale}" if scale in _POSITIVE_WORDS else ""


def chart_texts(t: Translator, title: str, subtitle: str, scale: str | None = None) -> ChartTexts:
    """The chart and table texts in the page's language (``scale`` names the positive end)."""
    return ChartTexts(
        title=title, subtitle=subtitle, hidden_note=t("privacy.hidden_note"),
        group_header=t("results.group_header"), n_header="n", answer_header=t("results.answer_header"),
        share_axis=t("results.share_axis"), share_header=t("results.share_header"),
        interval_header=t("results.interval_header"), count_header=t("results.count_header"),
        mean_axis=t("results.mean_axis"), mean_header=t("results.mean_header"),
        dont_know=t("results.dont_know"), positive_header=t(f"results.positive_header{positive_suffix(scale)}"),
        difference_header=t("results.difference_header"), higher=t("results.higher"), lower=t("results.lower"),
    )


def caption(t: Translator, language: str, facts: ChartFacts, wave: int, view: View) -> str:
    """``n = 345 · 2023 · Uusimaa · by sector · 2 groups hidden to protect respondents``."""
    parts = [f"n = {format_count(facts.base, language)}", str(wave)]
    name = filter_label(view.filter, language)
    parts.append(t("results.caption_filter", group=name) if name else t("results.caption_everyone"))
    if view.by is not None:
        parts.append(t(f"results.by.{view.by}"))
    if facts.hidden_groups == 0:
        parts.append(t("results.caption_hidden_none"))
    elif facts.hidden_groups == 1:
        parts.append(t("results.caption_hidden_one"))
    else:
        parts.append(t("results.caption_hidden_many", count=facts.hidden_groups))
    return " · ".join(parts)


@dataclass(frozen=True)
class RenderedChart:
    """A chart ready to render: the figure and table, the caption, and the facts behind it."""

    chart: QuestionChart
    caption: str
    facts: ChartFacts


def _categories(table: ReleasedTable) -> list[str]:
    return [str(r.category) for r in table.rows if r.category is not None]


@st.cache_resource(ttl=QUERY_TTL_SECONDS, max_entries=512, show_spinner=False)
def _question_chart(token: str, question_id: str, wave: int, view: View, language: str, option: str | None,
                    _table: ReleasedTable, _question: Question) -> RenderedChart:
    t = translator(language)
    facts = chart_facts(_table)
    text = caption(t, language, facts, wave, view)
    labels = group_labels(view.by, _categories(_table), language, total_label(t, view.filter, language))
    title = _question.text_for(language, wave)
    if option is not None and view.by is not None and _question.type in ("single", "multi"):
        title = f"{title} — {option_labels(_question, language)[option]}"
    chart = build_question_chart(_table, language, texts=chart_texts(t, title, text, _question.scale), labels=labels,
                                 option_labels=option_labels(_question, language), option=option)
    return RenderedChart(chart, text, facts)


def question_chart(t: Translator, language: str, snapshot: SurveySnapshot, question: Question, wave: int,
                   view: View, option: str | None = None) -> tuple[ReleasedTable, RenderedChart | None]:
    """The released table of the view and its chart (``None`` when the view is refused)."""
    table = release(t, snapshot, question.id, wave, view)
    if table.is_refused:
        return table, None
    return table, _question_chart(snapshot_token(snapshot), question.id, wave, view, language, option, table,
                                  question)


@st.cache_resource(ttl=QUERY_TTL_SECONDS, max_entries=512, show_spinner=False)
def _area_chart(token: str, question_id: str, wave: int, area: str, language: str, _table: ReleasedTable,
                _question: Question) -> RenderedChart:
    t = translator(language)
    facts = area_chart_facts(_table, area)
    area_name = group_labels("ely_area", [area], language, "")[area]
    parts = [t("region.caption", area=area_name, wave=wave,
               n=format_count(facts.base, language))]
    parts.append(t("results.caption_area_hidden") if facts.hidden_groups else t("results.caption_hidden_none"))
    text = " · ".join(parts)
    labels = {TOTAL: t("region.whole_country"), area: area_name}
    texts = chart_texts(t, _question.text_for(language, wave), text, _question.scale)
    chart = build_area_chart(_table, area, language, texts=texts, labels=labels,
                             option_labels=option_labels(_question, language))
    return RenderedChart(chart, text, facts)


def question_area_chart(t: Translator, language: str, snapshot: SurveySnapshot, question: Question, wave: int,
                        area: str) -> tuple[ReleasedTable, RenderedChart | None]:
    """The question's whole country by ELY area, and the area-beside-country chart."""
    table = release(t, snapshot, question.id, wave, View(None, "ely_area"))
    if table.is_refused:
        return table, None
    return table, _area_chart(snapshot_token(snapshot), question.id, wave, area, language, table, question)


def area_is_hidden(table: ReleasedTable, area: str) -> bool:
    return any(r.hidden for r in table.rows if r.category == area)


def table_key(key: str) -> str:
    """Session key of the expander holding the table behind chart ``key`` (tests open it with it)."""
    return f"{key}_table"


def render_chart(t: Translator, figure: object, table: pd.DataFrame, caption_text: str, *, key: str) -> None:
    """The chart, then the table behind it one click away (an expander), with the caption.

    Drawn by ``ui.render.render_chart_block`` (text alternative, downloads, presenter mode).
    The table is built into the page only while its expander is open: a pandas Styler costs
    several milliseconds per table, and My region shows a dozen charts per rerun.
    """
    language = current_language()
    render_chart_block(t, language, figure, table, caption=caption_text,  # type: ignore[arg-type]
                       note=t("privacy.hidden_note"), key=key, expander_label=t("results.table_expander"),
                       table_only_when_open=True)


def render_result(t: Translator, rendered: RenderedChart, *, key: str) -> None:
    """:func:`render_chart` for a question's chart."""
    render_chart(t, rendered.chart.figure, rendered.chart.table, rendered.caption, key=key)


@dataclass(frozen=True)
class HeatmapResult:
    """The heatmap's figure and table, the items and groups in order, and its caption."""

    figure: object
    table: pd.DataFrame
    items: tuple[str, ...]
    groups: tuple[str, ...]
    caption: str
    hidden_cells: int


@st.cache_resource(ttl=QUERY_TTL_SECONDS, max_entries=128, show_spinner=False)
def _heatmap(token: str, wave: int, view: View, measure: str, question_ids: tuple[str, ...], language: str,
             _tables: Mapping[str, ReleasedTable], _questions: Mapping[str, Question]) -> HeatmapResult | None:
    t = translator(language)
    frame = heatmap_frame(_tables, measure, question_ids)
    if frame.empty:
        return None
    items = tuple(dict.fromkeys(frame["question_id"]))
    groups = tuple(order_heatmap_groups(frame))
    labels = group_labels(view.by, [g for g in groups if g != TOTAL], language, total_label(t, view.filter, language))
    item_labels = {qid: _questions[qid].text_for(language, wave) for qid in items}
    hidden_cells = int(frame.loc[frame["group"].isin(groups), "hidden"].sum())
    percent = measure == "positive"
    name = filter_label(view.filter, language)
    text = " · ".join([
        str(wave),
        t("results.caption_filter", group=name) if name else t("results.caption_everyone"),
        t(f"results.by.{view.by}"),
        t("heatmap.caption_hidden", count=hidden_cells),
    ])
    by = t(f"results.by.{view.by}")
    if percent:
        title, colour_title = t("heatmap.chart_title_positive", by=by), t("heatmap.colour_title_positive")
    else:
        title, colour_title = t("heatmap.chart_title_mean", by=by), t("heatmap.colour_title_mean")
    texts = chart_texts(t, title, text)
    figure = build_heatmap_figure(frame, language, items=items, groups=groups, item_labels=item_labels,
                                  group_labels=labels, percent=percent, texts=texts, colour_title=colour_title)
    table = build_heatmap_table(frame, language, items=items, groups=groups, item_labels=item_labels,
                                group_labels=labels, percent=percent, item_header=t("heatmap.item_header"))
    return HeatmapResult(figure, table, items, groups, text, hidden_cells)


def heatmap_result(t: Translator, language: str, snapshot: SurveySnapshot, questions: Sequence[Question],
                   wave: int, view: View, measure: str) -> HeatmapResult | None:
    """Items × groups of one breakdown (``None`` when no item has the measure or the view is refused)."""
    tables = {q.id: release(t, snapshot, q.id, wave, view) for q in questions}
    if not tables or any(table.is_refused for table in tables.values()):
        return None
    return _heatmap(snapshot_token(snapshot), wave, view, measure, tuple(tables), language, tables,
                    {q.id: q for q in questions})


@st.cache_resource(ttl=QUERY_TTL_SECONDS, max_entries=1024, show_spinner=False)
def _alternatives(token: str, question_id: str, wave: int, area: str,
                  _snapshot: SurveySnapshot) -> list[Alternative]:
    candidates = [View(("ely_area", area), by) for by in ("sector", "language", "org_type")]
    candidates.append(View(None, "sector"))
    tables = {view: _released(token, question_id, wave, view, _snapshot) for view in candidates}
    return releasing_alternatives(tables)


def area_alternatives(t: Translator, snapshot: SurveySnapshot, question: Question, wave: int,
                      area: str) -> list[Alternative]:
    """Views that show something of this question where the area alone is hidden.

    Candidates, by preference: the area broken down by sector, survey language and organisation
    type, then the whole country by sector (the coarse view the menu was chosen to keep visible).
    """
    try:
        return _alternatives(snapshot_token(snapshot), question.id, wave, area, snapshot)
    except ReleaseError:
        _LOG.exception("release refused")
        st.error(t("error.stale_protection"), icon="🛑")
        st.stop()
        raise


@dataclass(frozen=True)
class CompositionResult:
    """The Overview's breakdown: the labelled released composition, its figure and table.

    Shared by every session (cached): never change ``figure`` or the frames in place.
    ``large_group_note``: some existing group is hidden, so the page explains that a large group
    can be hidden to protect a smaller one.
    """

    composition: pd.DataFrame
    figure: object
    table: pd.DataFrame
    large_group_note: bool


@st.cache_resource(ttl=QUERY_TTL_SECONDS, max_entries=64, show_spinner=False)
def _composition(token: str, dimension: str, language: str,
                 _tables: Mapping[int, ReleasedTable]) -> CompositionResult:
    t = translator(language)
    composition = label_categories(
        mark_absent_categories(composition_from_released(_tables), get_reference(), dimension), dimension, language)
    figure = build_composition_figure(
        composition, language,
        title=t(f"chart.composition_title.{dimension}"),
        axis_title=t("chart.respondents_axis"),
        legend_title=t("chart.wave_legend_title"),
        hidden_note=t("privacy.hidden_note"),
        absent_text=t("overview.not_in_wave"),
    )
    table = build_composition_table(
        composition, language,
        category_header=t(f"dimension.{dimension}"),
        wave_header=lambda wave: t("overview.respondents_in_wave", wave=wave),
        absent_text=t("overview.not_in_wave"),
    )
    large_group_note = bool((composition["hidden"] & ~composition["absent"]).any())
    return CompositionResult(composition, figure, table, large_group_note)


def composition_result(t: Translator, language: str, snapshot: SurveySnapshot, dimension: str) -> CompositionResult:
    """Who answered, by ``dimension``, in every wave: released by the gate, built once per
    snapshot, dimension and language (the Overview rebuilt it on every rerun: half its time)."""
    tables = {wave: release_population(t, snapshot, wave, View(None, dimension)) for wave in snapshot.waves}
    return _composition(snapshot_token(snapshot), dimension, language, tables)
