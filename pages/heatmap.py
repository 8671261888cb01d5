"""Heatmap: every agreement and grade item × the groups of one breakdown, to spot where a group differs.

Thin page: the view (wave, section, one filter, the breakdown, mean or "% agree") comes from the
URL and the sidebar; the cells are released tables reshaped by analysis.heatmap_frame and drawn by
charts.build_heatmap_figure (via ui.results_view.heatmap_result).
"""

import streamlit as st

import ui
from analysis import url_state
from analysis.url_state import ALL_SECTIONS, DIMENSION_PARAMS
from ui import results_view as rv
from ui import view_state as vs

page = ui.start_page()
language, t, k = page.language, page.t, page.settings.min_group_size
SCALE_TYPES = ("agreement5", "grade10")

st.title(t("heatmap.title"))
st.markdown(t("heatmap.intro"))
snapshot = ui.require_snapshot(t)
choices = rv.survey_choices(snapshot)
parsed = vs.read_view("heatmap", lambda params, memory: url_state.parse_heatmap(params, choices, memory))
state = parsed.state
vs.notice_problems(parsed.problems, t)
vs.write_view("heatmap", state)
codebook = snapshot.codebook

sidebar = st.sidebar
sidebar.subheader(t("view.heading"))
vs.bind_selectbox(sidebar, t("view.wave"), list(choices.waves), state.wave, key="heatmap_wave", param="wave")
vs.bind_selectbox(sidebar, t("view.section"), [ALL_SECTIONS, *choices.sections_in(state.wave, SCALE_TYPES)],
                  state.section, key="heatmap_section", param="section",
                  format_func=lambda s: t("view.all_sections") if s == ALL_SECTIONS else codebook.section_label(s,
                                                                                                                language))
vs.bind_selectbox(sidebar, t("view.measure"), list(choices.measures), state.measure, key="heatmap_measure",
                  param="measure", format_func=lambda m: t(f"measure.{m}"), kind="segmented_control")
vs.bind_filter(sidebar, t, choices, state, key_prefix="heatmap",
               value_label=lambda dim, value: rv.group_labels(dim, [value], language, "")[value])
filter_dim = state.filter[0] if state.filter else None
vs.bind_selectbox(sidebar, t("view.breakdown"), [d for d in choices.menu.dimensions if d != filter_dim],
                  state.by, key="heatmap_by", param="by", encode=DIMENSION_PARAMS.__getitem__,
                  format_func=lambda d: t(f"dimension.{d}"))

section = None if state.section == ALL_SECTIONS else state.section
questions = choices.questions_in(state.wave, section, SCALE_TYPES)
result = rv.heatmap_result(t, language, snapshot, questions, state.wave, state.view, str(state.measure))
if result is None:
    st.info(t("heatmap.none", k=k), icon="ℹ️")
else:
    rv.render_chart(t, result.figure, result.table, result.caption, key="heatmap")

st.subheader(t("method.heading"))
st.markdown(t("results.method_note", k=k))
