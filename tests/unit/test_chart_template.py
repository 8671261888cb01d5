"""The shared figure start (charts._template.new_figure): same template, no sharing, validation kept."""

from __future__ import annotations

import plotly.graph_objects as go
import plotly.io as pio
import pytest

from charts._template import TEMPLATE, new_figure


def registry_template_json() -> dict[str, object]:
    spec: dict[str, object] = go.Figure(layout={"template": TEMPLATE}).to_plotly_json()["layout"]["template"]
    return spec


def test_new_figure_carries_the_registered_template_exactly() -> None:
    figure = new_figure()
    assert figure.to_plotly_json()["layout"]["template"] == registry_template_json()
    assert figure.layout.template == pio.templates[TEMPLATE]
    assert figure.data == ()


def test_figures_never_share_the_template() -> None:
    first = new_figure()
    first.update_layout(template_layout_paper_bgcolor="#ff0000")
    first.layout.template.layout.font.size = 99
    second = new_figure()
    assert second.layout.template.layout.paper_bgcolor == "white"
    assert second.layout.template.layout.font.size is None
    assert second.to_plotly_json()["layout"]["template"] == registry_template_json()


def test_properties_set_after_the_start_are_still_validated() -> None:
    figure = new_figure([go.Bar(x=[1, 2], y=[3, 4])], {"height": 300})
    assert figure.layout.height == 300
    assert figure.layout.title.text is None
    with pytest.raises(ValueError, match="titel"):
        figure.update_layout(titel="typo")
    with pytest.raises(ValueError):
        figure.update_layout(height="tall")
    with pytest.raises(ValueError):
        figure.add_trace({"type": "bar", "bogus": 1})
    with pytest.raises(ValueError):
        new_figure(layout={"heigth": 300})
