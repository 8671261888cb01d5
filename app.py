"""Router and frame of the dashboard: page config, language switch, navigation, current page.

Run with ``streamlit run app.py``. Every page is registered here explicitly (``pages/`` is not
auto-discovered), and every text comes from the catalogue in the chosen language.
"""

import streamlit as st

import ui

ui.leave_legacy_pages_mode()  # the first run after start-up; see ui/frame.py
st.set_page_config(page_title="Kumppanuusbaro", page_icon="📊", layout="wide")

settings = ui.get_settings()
# The name goes above the switch, but its language is known only once the switch has run.
sidebar_header = st.sidebar.container()
language = ui.render_language_switch(settings.default_language)
t = ui.translator(language)
sidebar_header.markdown(f"### {t('app.name')}")
sidebar_header.caption(t("app.tagline"))

pages = [
    st.Page("pages/overview.py", title=t("nav.overview"), icon="📊", url_path="overview",
            default=True),
    st.Page("pages/explorer.py", title=t("nav.explorer"), icon="🔎", url_path="explorer"),
    # url_path = the file's name: a deep link that is a fresh server's first request is resolved
    # in Streamlit's legacy pages/ mode, by file name (see ui/frame.py).
    st.Page("pages/my_region.py", title=t("nav.my_region"), icon="📍", url_path="my_region"),
    st.Page("pages/heatmap.py", title=t("nav.heatmap"), icon="🟧", url_path="heatmap"),
    st.Page("pages/what_changed.py", title=t("nav.what_changed"), icon="📈", url_path="what_changed"),
    st.Page("pages/open_answers.py", title=t("nav.open_answers"), icon="💬", url_path="open_answers"),
    st.Page("pages/method.py", title=t("nav.method"), icon="📐", url_path="method"),
    st.Page("pages/accessibility.py", title=t("nav.accessibility"), icon="♿", url_path="accessibility"),
]
page = st.navigation(pages, position="sidebar")
st.set_page_config(page_title=f"{page.title} · {t('app.name')}")
with ui.frame_running(page.title):
    page.run()
