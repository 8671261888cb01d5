"""Overview: who answered the survey, per wave and by background.

Thin page: it reads the chosen dimension, asks the anonymity gate for the released respondent
counts of each wave, reshapes and draws them. Hidden groups come marked from the gate.
"""

import streamlit as st

import ui
from analysis import composition_from_released, mark_absent_categories, totals_from_released
from charts import build_composition_figure, build_composition_table

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
composition = ui.label_categories(
    mark_absent_categories(composition_from_released(released(ui.View(None, dimension))), ui.get_reference(),
                           dimension),
    dimension, language)
figure = build_composition_figure(
    composition,
    language,
    title=t(f"chart.composition_title.{dimension}"),
    axis_title=t("chart.respondents_axis"),
    legend_title=t("chart.wave_legend_title"),
    hidden_note=t("privacy.hidden_note"),
    absent_text=t("overview.not_in_wave"),
)
table = build_composition_table(
    composition,
    language,
    category_header=t(f"dimension.{dimension}"),
    wave_header=lambda wave: t("overview.respondents_in_wave", wave=wave),
    absent_text=t("overview.not_in_wave"),
)
ui.render_chart_with_table(
    figure,
    table,
    expander_label=t("overview.table_expander"),
    note=t("privacy.hidden_note"),
    key="overview_composition",
)
if bool((composition["hidden"] & ~composition["absent"]).any()):
    st.caption(t("privacy.large_group_note"))

st.subheader(t("method.heading"))
st.markdown(t("method.note", k=k))
