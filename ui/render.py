"""Small render helpers shared by pages: a chart with its table, labels, numbers per language.

Why: every chart on every page follows the same pattern (figure, then its numbers one click away
in an accessible HTML table), and labels of categories come from the reference lists plus the
catalogue; pages should not repeat that.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from analysis import NOT_ANSWERED, REFERENCE_LISTS
from charts import format_count
from ui.data import get_reference
from ui.i18n import translate

#: Plotly toolbar: keep the image download, drop selection tools that do nothing here.
PLOTLY_CONFIG: dict[str, Any] = {
    "displaylogo": False,
    "modeBarButtonsToRemove": ["select2d", "lasso2d", "zoom2d", "pan2d", "autoScale2d"],
    "responsive": True,
}

__all__ = ["PLOTLY_CONFIG", "format_count", "label_categories", "render_chart_with_table"]


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


def render_chart_with_table(
    figure: go.Figure,
    table: pd.DataFrame,
    *,
    expander_label: str,
    note: str,
    key: str,
) -> None:
    """The figure at full width, then its numbers in an expander right below it.

    ``table`` has the category in its first column and numbers (as text) in the others.

    ``theme=None`` keeps the figure's own template, so the page and exported images match.
    The table is a plain HTML table (``st.table``), which screen readers can read.
    """
    st.plotly_chart(figure, theme=None, key=f"{key}_chart", config=PLOTLY_CONFIG)
    with st.expander(expander_label):
        st.table(_right_align_numbers(table), hide_index=True)
        st.caption(note)


def _right_align_numbers(table: pd.DataFrame) -> Any:
    """A Styler that aligns the number columns (all but the first) right, so digits line up.

    ``!important`` because st.table writes ``text-align: left`` inline on text cells.
    """
    number_columns = list(table.columns[1:])
    headers = ", ".join(f"th.col{i}" for i in range(1, len(table.columns)))
    right = "text-align: right !important"
    return table.style.set_properties(subset=number_columns, **{"text-align": "right !important"}) \
        .set_table_styles([{"selector": headers, "props": right}] if headers else [])
