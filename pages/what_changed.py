"""What changed: every comparable item's change from 2020 to 2023, ranked, with intervals.

Thin page: the filter (one value of sector or ELY area) comes from the URL and the sidebar; the
ranking, Benjamini–Hochberg and the composition adjustment come from results.release_what_changed
through ui.comparison_view, built only from each wave's released tables.
"""

import streamlit as st

import ui
from analysis import url_state
from analysis.url_state import CHANGE_FILTER_DIMENSIONS
from ui import comparison_view as cv
from ui import results_view as rv
from ui import view_state as vs

page = ui.start_page()
language, t, k = page.language, page.t, page.settings.min_group_size

st.title(t("changed.title"))
st.markdown(t("changed.intro"))
snapshot = ui.require_snapshot(t)
choices = rv.survey_choices(snapshot)
if len(choices.waves) < 2:
    st.info(t("compare.refused.new_in_2023"), icon="ℹ️")
    st.stop()
parsed = vs.read_view("what_changed", lambda params, memory: url_state.parse_what_changed(params, choices, memory))
state = parsed.state
vs.notice_problems(parsed.problems, t)
vs.write_view("what_changed", state)

sidebar = st.sidebar
sidebar.subheader(t("view.heading"))
vs.bind_filter(sidebar, t, choices, state, key_prefix="changed", dimensions=CHANGE_FILTER_DIMENSIONS,
               value_label=lambda dim, value: rv.group_labels(dim, [value], language, "")[value])

result = cv.what_changed_result(t, language, snapshot, state.filter)
if not result.parts:
    st.info(t("changed.none"), icon="ℹ️")
for unit, figure, table in result.parts:
    rv.render_chart(t, figure, table, result.caption, key=f"changed_{unit}")

if result.not_compared:
    st.subheader(t("changed.not_compared_heading"))
    st.markdown("\n".join(f"- {line}" for line in result.not_compared))
st.caption(t("changed.new_items", count=result.new_items))

st.subheader(t("method.heading"))
st.markdown(t("changed.method_note", q=cv.format_percent(result.ranking.fdr.q, language),
              level=cv.fdr_level_text(result, language)))
st.markdown(t("compare.method_note"))
st.markdown(t("results.method_note", k=k))
