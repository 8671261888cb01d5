"""My region: an ELY coordinator's area beside the whole country, every closed question of a section.

Thin page: the area, wave and section come from the URL and the sidebar; each question's numbers
come from one released table (the whole country by ELY area), so the area and the country are
exactly what every other view shows. When the gate hides the area for some questions, one notice
at the top says for how many and why, and links once to each view that does show something
(ui.results_view.area_alternatives); the charts carry the hidden marker. With
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

areas_of = {} if state.compare else {
    question.id: rv.question_area_chart(t, language, snapshot, question, state.wave, area) for question in questions
}
hidden_questions = [q for q in questions if q.id in areas_of and areas_of[q.id][1] is not None
                    and rv.area_is_hidden(areas_of[q.id][0], area)]
if hidden_questions:
    # One notice for the page (how many questions hide the area, and why), then each view that
    # shows more, linked once to the explorer with the first hidden question it releases.
    st.info(t("region.hidden_page_notice", area=area_names[area], count=len(hidden_questions),
              total=len(questions)), icon="🔒")
    linked: dict[ui.View, str] = {}
    for question in hidden_questions:
        for alternative in rv.area_alternatives(t, snapshot, question, state.wave, area):
            linked.setdefault(alternative.view, question.id)
    for view, question_id in linked.items():
        by = t(f"results.by.{view.by}")
        label = (t("region.alternative_area", area=area_names[area], by=by) if view.filter
                 else t("region.alternative_country", by=by))
        st.page_link("pages/explorer.py", label=label, icon="➡️", query_params=explorer_link(view, question_id))

for question in () if state.compare else questions:
    table, rendered = areas_of[question.id]
    with st.container(border=True):
        if rendered is None:
            st.info(t("results.refused", k=k), icon="🔒")
            continue
        rv.render_result(t, rendered, key=f"region_{question.id}")
        if rv.area_is_hidden(table, area):
            downloads.mark_focus_hidden(f"region_{question.id}")  # the deck leaves this chart out

st.subheader(t("method.heading"))
st.markdown(t("results.method_note", k=k))
if state.compare:
    st.markdown(t("compare.method_note"))
