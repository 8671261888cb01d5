"""My region: an ELY coordinator's area beside the whole country, every closed question of a section.

Thin page: the area, wave and section come from the URL and the sidebar; each question's numbers
come from one released table (the whole country by ELY area), so the area and the country are
exactly what every other view shows. When the gate hides the area for a question, the page says
so and links to the views that do show something (ui.results_view.area_alternatives). With
both waves (``wave=2020,2023``) each question shows the area and the country in 2020 and 2023,
with the change where both waves show the group (ui.comparison_view).
"""

import streamlit as st

import ui
from analysis import url_state
from ui import comparison_view as cv
from ui import downloads
from ui import results_view as rv
from ui import view_state as vs

page = ui.start_page()
language, t, k = page.language, page.t, page.settings.min_group_size

st.title(t("region.title"))
st.markdown(t("region.intro"))
snapshot = ui.require_snapshot(t)
choices = rv.survey_choices(snapshot)
parsed = vs.read_view("region", lambda params, memory: url_state.parse_region(params, choices, memory))
state = parsed.state
vs.notice_problems(parsed.problems, t)
vs.write_view("region", state)
codebook = snapshot.codebook
area = state.filter[1] if state.filter else choices.areas()[0]
area_names = rv.group_labels("ely_area", list(choices.areas()), language, "")

sidebar = st.sidebar
sidebar.subheader(t("view.heading"))
vs.bind_selectbox(sidebar, t("view.area"), list(choices.areas()), area, key="region_area",
                  param=url_state.PARAM_AREA, format_func=area_names.__getitem__)
vs.bind_selectbox(sidebar, t("view.wave"), cv.wave_options(choices), cv.wave_value(state.wave, state.compare),
                  key="region_wave", param="wave", format_func=lambda value: cv.wave_label(t, value))
vs.bind_selectbox(sidebar, t("view.section"), choices.sections_in(state.wave), state.section,
                  key="region_section", param="section",
                  format_func=lambda section: codebook.section_label(section, language))

wave_text = cv.wave_label(t, cv.wave_value(state.wave, state.compare))
st.header(f"{area_names[area]} · {codebook.section_label(str(state.section), language)} · {wave_text}")
questions = choices.questions_in(state.wave, state.section)
st.caption(t("region.legend", count=len(questions)))


def explorer_link(view: ui.View, question_id: str) -> dict[str, str]:
    params = url_state.state_to_params(url_state.ViewState(state.wave, None, question_id, view.filter, view.by))
    return {"lang": language, **params}


for question in questions if state.compare else ():
    with st.container(border=True):
        charts = cv.region_comparison_charts(t, language, snapshot, question, area)
        if any(chart.refused for chart in charts):
            st.markdown(f"**{question.text_for(language, state.wave)}**")
        cv.render_comparison(t, language, charts, key=f"region_compare_{question.id}", k=k,
                             flag=cv.flag_of(snapshot, question.id), show_adjusted=False)

for question in () if state.compare else questions:
    table, rendered = rv.question_area_chart(t, language, snapshot, question, state.wave, area)
    with st.container(border=True):
        if rendered is None:
            st.info(t("results.refused", k=k), icon="🔒")
            continue
        rv.render_result(t, rendered, key=f"region_{question.id}")
        if rv.area_is_hidden(table, area):
            downloads.mark_focus_hidden(f"region_{question.id}")  # the deck leaves this chart out
            st.info(t("region.hidden_notice", area=area_names[area]), icon="🔒")
            for alternative in rv.area_alternatives(t, snapshot, question, state.wave, area):
                by = t(f"results.by.{alternative.view.by}")
                label = (t("region.alternative_area", area=area_names[area], by=by) if alternative.view.filter
                         else t("region.alternative_country", by=by))
                shown = (t("region.groups_shown_one") if alternative.shown_groups == 1
                         else t("region.groups_shown", count=alternative.shown_groups))
                st.page_link("pages/explorer.py", label=f"{label} ({shown})", icon="➡️",
                             query_params=explorer_link(alternative.view, question.id))

st.subheader(t("method.heading"))
st.markdown(t("results.method_note", k=k))
if state.compare:
    st.markdown(t("compare.method_note"))
