"""Method: who was asked and how, fieldwork, responses per wave, protection, changes, themes.

Thin page: texts come from the catalogue; the responses per wave come from the gate's released
respondent counts (the same numbers as the Overview), the changes between waves from the
codebook's crosswalk, and the coding frame's version from the theme codebook.
"""

from collections import Counter

import pandas as pd
import streamlit as st

import ui
from analysis import totals_from_released
from charts import HIDDEN_MARKER

page = ui.start_page()
language, t = page.language, page.t
k, quote_k = page.settings.min_group_size, page.settings.min_quote_group_size

st.title(t("method.title"))
st.markdown(t("method.intro"))

st.header(t("method.who_heading"))
st.markdown(t("method.who_body"))
st.header(t("method.fieldwork_heading"))
st.markdown(t("method.fieldwork_body"))

snapshot = ui.require_snapshot(t)
st.header(t("method.responses_heading"))
totals = totals_from_released({wave: ui.release_population(t, snapshot, wave, ui.View()) for wave in snapshot.waves})
st.table(pd.DataFrame({
    t("method.wave_header"): [str(row["wave"]) for row in totals.to_dict("records")],
    t("method.respondents_header"): [ui.format_count(row["count"], language) for row in totals.to_dict("records")],
}), hide_index=True)
st.caption(t("method.responses_caption"))

st.header(t("method.anonymity_heading"))
st.markdown(t("method.anonymity_body", k=k, quote_k=quote_k))
st.header(t("method.hidden_heading"))
st.markdown(t("method.hidden_body", marker=HIDDEN_MARKER, k=k))

st.header(t("method.changes_heading"))
flags = Counter(concept.comparability for concept in snapshot.codebook.concepts)
st.markdown(t("method.changes_body", same=flags["same"], changed=flags["wording_changed"] + flags["scale_changed"],
              new=flags["new_in_2023"], dropped=flags["dropped_after_2020"]))

st.header(t("method.themes_heading"))
st.markdown(t("method.themes_body", version=ui.get_theme_codebook().version))
st.markdown(t("method.note", k=k))
