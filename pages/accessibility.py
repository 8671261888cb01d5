"""Accessibility statement (WCAG 2.1 AA; Act on the Provision of Digital Services 306/2019).

Thin page: the statement is catalogue text in fi, sv and en; the date is when it was last
reviewed (``STATEMENT_DATE``), updated by hand with the statement. The feedback contact is a
setting (``BARO_FEEDBACK_CONTACT``): the ministry sets it; until then the statement says so.
"""

import streamlit as st

import ui

STATEMENT_DATE = {"fi": "25.11.2026", "sv": "25.11.2026", "en": "25 November 2026"}

page = ui.start_page()
t = page.t

contact = page.settings.feedback_contact or t("a11y.feedback_unset")
if contact[-1] not in ".!?":
    contact = f"{contact}."  # the statement's next sentence follows it

st.title(t("a11y.title"))
st.markdown(t("a11y.body", date=STATEMENT_DATE[page.language], contact=contact))
