"""Overview: who answered the survey, per wave and by background.

Thin page: it reads the chosen dimension, calls the analysis and chart builders, renders.
Counts under the minimum group size are hidden by ``analysis.hide_small_groups``; this page only
renders what the released table says.
"""

import streamlit as st

import ui
from analysis import hide_small_groups, summarise_composition, summarise_waves
from charts import build_composition_figure, build_composition_table

#: Breakdowns offered here. ELY areas and 2026 centres are not offered side by side: nested
#: groupings shown together reveal small groups by differencing until the anonymity gate lands.
OVERVIEW_DIMENSIONS = ("org_type", "sector", "ely_area", "survey_language")

page = ui.start_page()
language, t, k = page.language, page.t, page.settings.min_group_size

st.title(t("overview.title"))
st.markdown(t("overview.intro"))
respondents = ui.require_respondents(t)

st.subheader(t("overview.totals_heading"))
totals = hide_small_groups(summarise_waves(respondents), k)
for column, row in zip(st.columns(len(totals)), totals.to_dict("records"), strict=True):
    column.metric(
        t("overview.respondents_in_wave", wave=row["wave"]),
        ui.format_count(row["count"], language),
        border=True,
    )

st.subheader(t("overview.breakdown_heading"))
dimension = st.segmented_control(
    t("overview.dimension_label"),
    OVERVIEW_DIMENSIONS,
    format_func=lambda code: t(f"dimension.{code}"),
    default=OVERVIEW_DIMENSIONS[0],
    required=True,
    key="overview_dimension",
)
released = ui.label_categories(
    hide_small_groups(summarise_composition(respondents, dimension, ui.get_reference()), k),
    dimension,
    language,
)
figure = build_composition_figure(
    released,
    language,
    title=t(f"chart.composition_title.{dimension}"),
    axis_title=t("chart.respondents_axis"),
    legend_title=t("chart.wave_legend_title"),
    hidden_note=t("privacy.hidden_note"),
)
table = build_composition_table(
    released,
    language,
    category_header=t(f"dimension.{dimension}"),
    wave_header=lambda wave: t("overview.respondents_in_wave", wave=wave),
)
ui.render_chart_with_table(
    figure,
    table,
    expander_label=t("overview.table_expander"),
    note=t("privacy.hidden_note"),
    key="overview_composition",
)

st.subheader(t("method.heading"))
st.markdown(t("method.note", k=k))
