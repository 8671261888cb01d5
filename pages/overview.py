"""Overview: who answered the survey, per wave and by background.

Thin page: it reads the chosen dimension, asks the anonymity gate for the released respondent
counts of each wave, reshapes and draws them. Hidden groups come marked from the gate.
"""

import streamlit as st

import ui
from analysis import totals_from_released
from ui import results_view as rv

page = ui.start_page()
language, t, k = page.language, page.t, page.settings.min_group_size

st.title(t("overview.title"))
st.markdown(t("overview.intro"))
snapshot = ui.require_snapshot(t)
waves = snapshot.waves


def released(view: ui.View) -> dict:
    return {wave: ui.release_population(t, snapshot, wave, view) for wave in waves}


st.subheader(t("overview.totals_heading"))
totals = totals_from_released(released(ui.View()))
for column, row in zip(st.columns(len(totals)), totals.to_dict("records"), strict=True):
    column.metric(
        t("overview.respondents_in_wave", wave=row["wave"]),
        ui.format_count(row["count"], language),
        border=True,
    )

st.subheader(t("overview.breakdown_heading"))
dimension = st.segmented_control(
    t("overview.dimension_label"),
    snapshot.menu.dimensions,
    format_func=lambda code: t(f"dimension.{code}"),
    default="org_type",
    required=True,
    key="overview_dimension",
)
result = rv.composition_result(t, language, snapshot, dimension)  # cached, shared: read only
ui.render_chart_with_table(
    result.figure,
    result.table,
    expander_label=t("overview.table_expander"),
    note=t("privacy.hidden_note"),
    key="overview_composition",
)
if result.large_group_note:
    st.caption(t("privacy.large_group_note"))

st.subheader(t("method.heading"))
st.markdown(t("method.note", k=k))
