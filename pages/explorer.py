"""Question explorer: one closed question in one view of the menu (wave, one filter, one breakdown).

Thin page: the view comes from the URL (validated in analysis.url_state) and the sidebar, the
numbers from the anonymity gate, the chart from charts.build_question_chart via ui.results_view.
The wave switch also offers both waves side by side (``wave=2020,2023``): each wave's released
table of the same view, with the change and its interval (ui.comparison_view).
"""

import streamlit as st

import ui
from analysis import url_state
from analysis.url_state import DIMENSION_PARAMS, NO_BREAKDOWN, WAVES_BOTH
from ui import comparison_view as cv
from ui import results_view as rv
from ui import view_state as vs

page = ui.start_page()
language, t, k = page.language, page.t, page.settings.min_group_size

st.title(t("explorer.title"))
st.markdown(t("explorer.intro"))
snapshot = ui.require_snapshot(t)
choices = rv.survey_choices(snapshot)
parsed = vs.read_view("explorer", lambda params, memory: url_state.parse_explorer(params, choices, memory))
state = parsed.state
vs.notice_problems(parsed.problems, t)
vs.write_view("explorer", state)
codebook = snapshot.codebook


def question_text(question_id: str) -> str:
    return codebook.question(question_id).text_for(language, state.wave)


def after_wave_change(value: int | str) -> dict[str, str | None]:
    """A question not asked in the new wave gives way to its section's (or the first section's) first."""
    wave = choices.latest_wave if value == WAVES_BOTH else int(value)
    if choices.question(wave, str(state.question_id)) is None:
        return {"q": None, "option": None,
                "section": state.section if state.section in choices.sections_in(wave) else None}
    return {}


sidebar = st.sidebar
sidebar.subheader(t("view.heading"))
vs.bind_selectbox(sidebar, t("view.wave"), cv.wave_options(choices), cv.wave_value(state.wave, state.compare),
                  key="explorer_wave", param="wave", extra=after_wave_change,
                  format_func=lambda value: cv.wave_label(t, value))
vs.bind_selectbox(sidebar, t("view.section"), choices.sections_in(state.wave), state.section,
                  key="explorer_section", param="section", clears=("q", "option"),
                  format_func=lambda section: codebook.section_label(section, language))
vs.bind_selectbox(sidebar, t("view.question"), [q.id for q in choices.questions_in(state.wave, state.section)],
                  state.question_id, key="explorer_question", param="q", clears=("option",),
                  format_func=question_text)
vs.bind_filter(sidebar, t, choices, state, key_prefix="explorer",
               value_label=lambda dim, value: rv.group_labels(dim, [value], language, "")[value])
filter_dim = state.filter[0] if state.filter else None
vs.bind_selectbox(sidebar, t("view.breakdown"),
                  [NO_BREAKDOWN, *[d for d in choices.menu.dimensions if d != filter_dim]],
                  state.by or NO_BREAKDOWN, key="explorer_by", param="by",
                  encode=lambda d: d if d == NO_BREAKDOWN else DIMENSION_PARAMS[d],
                  format_func=lambda d: t("view.no_breakdown") if d == NO_BREAKDOWN else t(f"dimension.{d}"))

question = codebook.question(str(state.question_id))
option = None
if question.type in ("single", "multi") and state.by is not None:
    options = rv.option_labels(question, language)
    codes = list(options)
    if state.compare:
        codes = list(cv.comparable_options(snapshot, question.id)) or codes
    option = vs.bind_selectbox(st, t("view.option"), codes, state.option if state.option in codes else codes[0],
                               key="explorer_option", param="option", format_func=options.__getitem__)

if state.compare:
    st.subheader(t("compare.heading"))
    charts = cv.item_comparison_charts(t, language, snapshot, question, state.view, option)
    cv.render_comparison(t, language, charts, key="explorer_compare", k=k, flag=cv.flag_of(snapshot, question.id))
else:
    table, rendered = rv.question_chart(t, language, snapshot, question, state.wave, state.view, option)
    if rendered is None:
        st.info(t("results.refused", k=k), icon="🔒")
    else:
        rv.render_result(t, rendered, key="explorer")
        if rendered.facts.hidden_groups:
            st.caption(t("privacy.large_group_note"))

st.subheader(t("method.heading"))
st.markdown(t("results.method_note", k=k))
if state.compare:
    st.markdown(t("compare.method_note"))
