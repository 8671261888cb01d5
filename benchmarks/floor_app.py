"""The framework's floor: an otherwise empty Streamlit page that draws one small Plotly chart.

Why: a rerun of any page costs Streamlit's own work (script run, deltas, serialising a figure,
the websocket) before the app does anything. The benchmarks time this page in the same run as
the dashboard's pages and report each page as a multiple of it (target: within 2x).
Run with ``streamlit run benchmarks/floor_app.py``; it reads no data. It gets the same process
tuning as the dashboard (TCP_NODELAY, frozen heap; see ui/data.py), so the ratio compares the
app's own work and not the tuning.
"""

import plotly.graph_objects as go
import streamlit as st

from ui.data import freeze_heap_once, tune_server_process

tune_server_process()
freeze_heap_once()

figure = go.Figure(go.Bar(x=[f"group {i}" for i in range(10)], y=[12, 30, 25, 8, 17, 22, 9, 14, 27, 19]))
figure.update_layout(title="Floor", height=360, template="plotly_white")
st.plotly_chart(figure, theme=None, key="floor_chart")
