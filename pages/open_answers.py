"""Open answers: themes of each open question by wave, key terms and redacted example quotes.

Thin page: it reads the chosen question, group and wave from the URL (validated in
analysis.url_state, so a view can be shared and a bad link ends in a notice and the default),
asks the gate (through ``ui``) for the released theme counts, key terms and quotes, and draws
them. Groups are all respondents and the sectors only (results.OPEN_DIMENSIONS). Quotes are
redacted text drawn as plain text; the raw answers never reach this page.
"""

import streamlit as st

import ui
from analysis import url_state
from charts import HIDDEN_MARKER, format_count, format_number
from ui import open_answers as oa
from ui import view_state as vs

page = ui.start_page()
language, t = page.language, page.t
k, quote_k = page.settings.min_group_size, page.settings.min_quote_group_size


def percent(share: object) -> str:
    """A share as the language writes a percentage; the hidden marker when not released."""
    number = format_number(None if share is None else share * 100, language)  # type: ignore[operator]
    return number if number == HIDDEN_MARKER else t("open.percent", value=number)


st.title(t("open.title"))
st.markdown(t("open.intro"))
snapshot = ui.require_snapshot(t)
questions = ui.open_questions(snapshot)
if not questions:
    st.info(t("open.not_coded"), icon="ℹ️")
    st.stop()
data = ui.require_open_answer_data(t)
book = ui.get_theme_codebook()

waves_of = {qid: ui.coded_waves(snapshot, qid) for qid in questions}
parsed = vs.read_view("open_answers",
                      lambda params, memory: url_state.parse_open_answers(params, waves_of, snapshot.menu, memory))
state = parsed.state
vs.notice_problems(parsed.problems, t)
vs.write_view("open_answers", state)
question_id, group = str(state.question_id), state.filter
waves = waves_of[question_id]

question_column, group_column = st.columns(2)
vs.bind_selectbox(question_column, t("open.question_label"), questions, question_id, key="open_question",
                  param="q", format_func=lambda qid: snapshot.codebook.question(qid).text_for(language),
                  extra=lambda qid: {} if state.wave in waves_of[qid] else {"wave": None})
# "All respondents" is a value of its own: a selectbox shows None as "no choice yet".
group_options = [vs.NO_FILTER, *[option for option in ui.view_options(snapshot) if option is not None]]
vs.bind_selectbox(group_column, t("open.group_label"), group_options, group or vs.NO_FILTER, key="open_group",
                  param="", format_func=lambda option: ui.group_label(None if option == vs.NO_FILTER else option,
                                                                      language),
                  extra=lambda option: {"sector": None if option == vs.NO_FILTER else option[1]})
group_name = ui.group_label(group, language)
view = ui.View(group, None)
tables = {wave: oa.release_open_themes(t, snapshot, question_id, wave, view) for wave in waves}
if any(oa.refused_as_not_offered(table) for table in tables.values()):
    st.info(t("open.themes_refused"), icon="🔒")
    st.stop()
themes_chart = oa.theme_chart(snapshot, question_id, view, language, tables)  # cached, shared: read only
counts = themes_chart.counts

metric_columns = iter(st.columns(2 * len(waves)))
for row in counts.to_dict("records"):
    next(metric_columns).metric(t("open.substantive_in_wave", wave=row["wave"]),
                                format_count(row["substantive"], language), border=True)
    next(metric_columns).metric(t("open.no_content_in_wave", wave=row["wave"]),
                                format_count(row["no_content"], language), border=True)
st.caption(t("open.counts_note"))

st.subheader(t("open.themes_heading"))
ui.render_chart_with_table(themes_chart.figure, themes_chart.table, expander_label=t("open.table_expander"),
                           note=f"{t('open.shares_note')} {t('privacy.hidden_note')}", key="open_themes")
uncoded = ", ".join(f"{row['wave']}: {percent(None if row['hidden'] else 1 - row['coverage'])}"
                    for row in counts.to_dict("records"))
st.markdown(t("open.uncoded_line", shares=uncoded))

st.subheader(t("open.terms_heading_all"))
if group is not None:
    st.caption(t("open.terms_group_note"))
wave_column, language_column = st.columns(2)
wave = vs.bind_selectbox(wave_column, t("open.wave_label"), waves, state.wave, key="open_wave", param="wave",
                         kind="segmented_control")
term_language = language_column.segmented_control(
    t("open.answer_language_label"), ui.ANSWER_LANGUAGES, required=True,
    default=ui.default_term_language(t, snapshot, data, question_id, wave, language),
    format_func=lambda code: t(f"open.language.{code}"), key=f"open_terms_language_{question_id}_{wave}",
)
terms = ui.release_key_terms(t, snapshot, data, question_id, wave, term_language)
if terms.refused:
    st.info(t("open.terms_refused", quote_k=quote_k))
elif not terms.terms:
    st.info(t("open.terms_none", k=k))
else:
    terms_chart = oa.key_terms_chart(snapshot, data, terms, language)  # cached, shared: read only
    ui.render_chart_with_table(terms_chart.figure, terms_chart.table, expander_label=t("open.terms_table_expander"),
                               note=t("open.terms_note", k=k), key="open_terms")

st.subheader(t("open.quotes_heading"))
quotes = ui.release_quotes(t, snapshot, data, question_id, wave, view, language)
if quotes.refused_for_dimension:
    st.info(t("open.quotes_other_dimension"))
elif quotes.refused:
    st.info(t("open.quotes_small_group", quote_k=quote_k))
elif not quotes.quotes:
    st.info(t("open.quotes_none"))
else:
    st.caption(t("open.quotes_note", wave=wave, group=group_name))
    labels = book.labels(question_id, language) if question_id in book.questions else {}
    for theme_id, items in quotes.quotes:
        st.markdown(f"**{labels.get(theme_id, theme_id)}**")
        for quote in items:
            other_language = quote.language != language
            ui.render_quote(quote, t("open.quote_caption", language=t(f"open.language.{quote.language}"))
                            if other_language else None)

st.subheader(t("method.heading"))
whole_counts = counts if group is None else oa.answer_counts(
    snapshot, question_id, ui.View(),
    {w: oa.release_open_themes(t, snapshot, question_id, w, ui.View()) for w in waves})
coverage = ", ".join(f"{row['wave']}: {percent(row['coverage'])}" for row in whole_counts.to_dict("records"))
run = data.run(question_id, waves[-1])
st.markdown(t(
    "open.method",
    version=run.codebook_version if run else book.version,
    analyser=t(f"open.analyser.{run.analyser if run else 'voikko'}"),
    coverage=coverage, k=k, quote_k=quote_k,
))
if question_id in book.questions:
    with st.expander(t("open.definitions_expander")):
        for theme in book.question(question_id).themes:
            st.markdown(f"**{theme.label[language]}**: {theme.description[language]}")
