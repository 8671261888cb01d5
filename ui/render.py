"""Small render helpers shared by pages: a chart with its table, labels, numbers per language.

Why: every chart on every page follows the same pattern (figure, its one-sentence text
alternative, download buttons, then its numbers one click away in an accessible HTML table), and
labels of categories come from the reference lists plus the catalogue; pages should not repeat
that. Every chart passes through :func:`render_chart_block`, which also collects it for the
page's PowerPoint deck and for presenter mode (where it is drawn by ``ui.presenter`` instead).
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

import exports
from analysis import NOT_ANSWERED, REFERENCE_LISTS
from charts import format_count
from codebook import load_codebook
from ui.data import get_reference, get_settings
from ui.downloads import chart_title, register_chart, render_chart_downloads
from ui.i18n import Translator, translate, translator
from ui.language import current_language
from ui.presenter import is_presenting

#: Plotly toolbar: keep the image download, drop selection tools that do nothing here.
PLOTLY_CONFIG: dict[str, Any] = {
    "displaylogo": False,
    "modeBarButtonsToRemove": ["select2d", "lasso2d", "zoom2d", "pan2d", "autoScale2d"],
    "responsive": True,
}

__all__ = [
    "PLOTLY_CONFIG",
    "chart_summary",
    "format_count",
    "label_categories",
    "render_chart_block",
    "render_chart_with_table",
    "summary_texts",
]

#: Remembered summaries: (table, sentence) per (id of the table, language, title). Tables behind
#: charts are cached shared objects, so a rerun finds its sentence without re-reading the table.
_SUMMARIES: dict[tuple[int, str, str], tuple[pd.DataFrame, str]] = {}
_SUMMARY_LIMIT = 2048
#: Figures without the hidden-marker note: (figure, copy) per (id of the figure, note text).
_WITHOUT_NOTE: dict[tuple[int, str], tuple[go.Figure, go.Figure]] = {}


def label_categories(table: pd.DataFrame, dimension: str, language: str) -> pd.DataFrame:
    """A copy of a released composition with a ``label`` column in ``language``."""
    reference = get_reference()
    list_name = REFERENCE_LISTS[dimension]
    not_answered = translate("dimension.not_answered", language)

    def label(code: str) -> str:
        if code == NOT_ANSWERED:
            return not_answered
        if dimension == "sector":
            return translate(f"sector_class.{code}", language)
        text = reference.label(list_name, code, language)
        # Reference labels are written to fit inside a sentence; a row label starts a line.
        return text[:1].upper() + text[1:]

    labelled = table.copy()
    labelled["label"] = [label(code) for code in table["category"]]
    return labelled


def summary_texts(t: Translator) -> exports.SummaryTexts:
    """The summary sentence's templates in the page's language."""
    return exports.SummaryTexts(range=t("a11y.summary_range"), single=t("a11y.summary_single"),
                                empty=t("a11y.summary_empty"), hidden=t("a11y.summary_hidden"),
                                change=t("a11y.summary_change"), scale=t("a11y.summary_scale"))


#: The answer scale of a mean, by question type: means are compared only within one scale.
_SCALE_OF_TYPE = {"grade10": "1–10", "agreement5": "1–5"}


@lru_cache(maxsize=4)
def _scales_by_text(language: str) -> dict[str, str]:
    """Question text (every wave's wording) -> its answer scale, for tables whose rows are items."""
    codebook = load_codebook()
    out: dict[str, str] = {}
    for question in codebook.questions:
        scale = _SCALE_OF_TYPE.get(question.type)
        if scale is None:
            continue
        for wave in (None, *question.waves):
            out[question.text_for(language, wave)] = scale
    return out


def row_scales(table: pd.DataFrame, language: str) -> list[str | None] | None:
    """Each row's answer scale when the rows are questions on different scales (the heatmap's
    items), else ``None``: the summary then compares means only within one scale."""
    if table.empty:
        return None
    known = _scales_by_text(language)
    scales = [known.get(str(label)) for label in table.iloc[:, 0]]
    return scales if len({s for s in scales if s is not None}) > 1 else None


def chart_summary(t: Translator, language: str, table: pd.DataFrame, title: str) -> str:
    """The chart's one-sentence text alternative (see ``exports.summarise_table``), remembered."""
    key = (id(table), language, title)
    known = _SUMMARIES.get(key)
    if known is not None and known[0] is table:
        return known[1]
    sentence = exports.summarise_table(table, language, title, summary_texts(t),
                                       row_scales=row_scales(table, language))
    if len(_SUMMARIES) >= _SUMMARY_LIMIT:
        _SUMMARIES.clear()
    _SUMMARIES[key] = (table, sentence)
    return sentence


def render_chart_block(
    t: Translator,
    language: str,
    figure: go.Figure,
    table: pd.DataFrame,
    *,
    caption: str,
    note: str,
    key: str,
    expander_label: str,
    table_only_when_open: bool = False,
    focus_hidden: bool = False,
) -> None:
    """A chart, its text alternative and downloads, and the table behind it in an expander.

    ``caption`` gives the base, wave and filters (empty when the page states them elsewhere);
    ``note`` explains the hidden marker, and is shown (on the page, in the figure and in every
    file) only when the table has a hidden number. With ``table_only_when_open`` the table is
    built into the page only while its expander is open (a pandas Styler costs several
    milliseconds). ``focus_hidden``: the view's own group is hidden (the deck leaves the chart out;
    ``ui.downloads.mark_focus_hidden`` does the same after the fact).
    """
    title = chart_title(figure)
    if not exports.has_hidden_cell(table):
        # Nothing hidden: the marker's explanation would only add noise, on the page and in files.
        hidden_note = t("privacy.hidden_note")
        note = _drop_note(note, hidden_note)
        figure = without_hidden_note(figure, hidden_note)
    chart = exports.ChartExport(title=title, caption=caption, note=note, figure=figure, table=table,
                                summary=chart_summary(t, language, table, title), focus_hidden=focus_hidden)
    register_chart(chart, key)
    if is_presenting():
        return  # drawn on the presenter stage, one at a time
    st.plotly_chart(figure, theme=None, key=f"{key}_chart", config=PLOTLY_CONFIG)
    st.caption(chart.summary)
    if table_only_when_open:
        expander = st.expander(expander_label, key=f"{key}_table", on_change="rerun")
        with expander:
            if expander.open:
                st.table(_right_align_numbers(table), hide_index=True)
                st.caption(_table_caption(caption, note))
    else:
        with st.expander(expander_label):
            st.table(_right_align_numbers(table), hide_index=True)
            st.caption(_table_caption(caption, note))
    render_chart_downloads(t, language, chart, key=key)


def render_chart_with_table(
    figure: go.Figure,
    table: pd.DataFrame,
    *,
    expander_label: str,
    note: str,
    key: str,
    caption: str = "",
) -> None:
    """The figure at full width, then its numbers in an expander right below it.

    ``table`` has the category in its first column and numbers (as text) in the others.

    ``theme=None`` keeps the figure's own template, so the page and exported images match.
    The table is a plain HTML table (``st.table``), which screen readers can read.
    """
    language = current_language(get_settings().default_language)
    render_chart_block(translator(language), language, figure, table, caption=caption, note=note, key=key,
                       expander_label=expander_label)


def _table_caption(caption: str, note: str) -> str:
    return ". ".join(part for part in (caption, note) if part)


def _drop_note(text: str, hidden_note: str) -> str:
    """``text`` without the hidden marker's explanation (a note may hold other sentences too)."""
    return " ".join(text.replace("<br>", " ").replace(hidden_note, " ").split())


def without_hidden_note(figure: go.Figure, hidden_note: str) -> go.Figure:
    """The figure without the hidden marker's explanation (a copy, remembered per figure).

    Chart builders write the explanation under every plot; a figure with no hidden number
    should not carry it. Figures are cached shared objects, so the copy is made once.
    """
    key = (id(figure), hidden_note)
    known = _WITHOUT_NOTE.get(key)
    if known is not None and known[0] is figure:
        return known[1]
    annotations = figure.layout.annotations
    if not any(hidden_note in (a.text or "") for a in annotations):
        result = figure
    else:
        result = go.Figure(figure)
        kept = []
        for annotation in result.layout.annotations:
            text = annotation.text or ""
            if hidden_note not in text:
                kept.append(annotation)
                continue
            rest = "<br>".join(line for line in text.split("<br>") if line.strip() and line.strip() != hidden_note)
            rest = rest.replace(hidden_note, "").strip()
            if rest:
                annotation.text = rest
                kept.append(annotation)
        result.layout.annotations = kept
    if len(_WITHOUT_NOTE) >= _SUMMARY_LIMIT:
        _WITHOUT_NOTE.clear()
    _WITHOUT_NOTE[key] = (figure, result)
    return result


def _right_align_numbers(table: pd.DataFrame) -> Any:
    """A Styler that aligns the number columns (all but the first) right, so digits line up.

    ``!important`` because st.table writes ``text-align: left`` inline on text cells.
    """
    number_columns = list(table.columns[1:])
    headers = ", ".join(f"th.col{i}" for i in range(1, len(table.columns)))
    right = "text-align: right !important"
    return table.style.set_properties(subset=number_columns, **{"text-align": "right !important"}) \
        .set_table_styles([{"selector": headers, "props": right}] if headers else [])
