"""The What changed page under AppTest, in every language, against the gate's ranking.

Same database as tests/app/test_wave_switch.py (its module fixtures are imported). The tables
behind the charts must show the ranking of ``results.release_what_changed`` (built from each
wave's released tables), in order, with the BH marker.
"""

# ruff: noqa: F811 - pytest fixtures imported from the wave switch tests are parameters here
from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

import results
from analysis.comparison import ranking_frame
from charts import NOT_SUPPORTED_MARK, SUPPORTED_MARK, format_change
from results import SurveySnapshot
from tests.app.test_wave_switch import (  # noqa: F401 - module fixtures shared with the wave switch tests
    BOTH,
    CODEBOOK,
    LANGUAGES,
    caches_cleared_per_module,
    comparison_app,
    comparison_database_url,
    comparison_snapshot,
    fresh_streamlit_state,
    open_page,
    texts,
)
from ui.i18n import translate

PAGE = "pages/what_changed.py"


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("params", [{}, {"sector": "public"}, {"ely": "uusimaa"}])
def test_ranking_matches_the_gates_comparison(comparison_app: AppTest, comparison_snapshot: SurveySnapshot,
                                              lang: str, params: dict[str, str]) -> None:
    at = open_page(comparison_app, PAGE, {"lang": lang, **params}, tables=("changed_pp", "changed_points"))
    assert not at.warning
    assert at.title[0].value == translate("changed.title", lang)
    assert at.query_params["wave"] == BOTH
    view_filter = None
    if params:
        ((param, value),) = params.items()
        view_filter = ("sector" if param == "sector" else "ely_area", value)
    frame = ranking_frame(results.release_what_changed(comparison_snapshot, view_filter))
    units = [u for u in ("pp", "points") if (frame["unit"] == u).any()]
    assert len(at.get("plotly_chart")) == len(units) == len(at.table)
    for table, unit in zip(at.table, units, strict=True):
        shown = table.value
        expected = frame.loc[frame["unit"] == unit]
        assert len(shown) == len(expected)
        changes = shown[translate("compare.change_header", lang)].tolist()
        assert changes == [format_change(v, lang, percent=unit == "pp", texts=texts(lang))
                           for v in expected["change"]]
        marks = shown[translate("compare.supported_header", lang)].tolist()
        assert [m.startswith(SUPPORTED_MARK) for m in marks] == expected["supported"].tolist()
        assert all(m.startswith((SUPPORTED_MARK, NOT_SUPPORTED_MARK)) for m in marks)
    notes = "\n".join(m.value for m in at.markdown)
    assert translate("compare.method_note", lang) in notes
    assert "Benjamini" in notes


@pytest.mark.parametrize("lang", LANGUAGES)
def test_options_of_one_wave_are_listed_as_not_compared(comparison_app: AppTest, lang: str) -> None:
    at = open_page(comparison_app, PAGE, {"lang": lang})
    listed = "\n".join(m.value for m in at.markdown)
    reason = translate("compare.refused.option_not_in_both", lang)
    # wellbeing services counties (2023 only) among the cooperation partners, and the new
    # structural-change need among the development needs
    for question_id, option in (("coop_partners", "wellbeing_county"), ("dev_needs", "structural_participation")):
        question = CODEBOOK.question(question_id)
        line = translate("changed.option_item", lang, option=question.option(option).label[lang],
                         question=question.text_for(lang, 2023))
        assert f"{line}: {reason}" in listed


def test_a_filter_outside_sector_and_ely_area_is_refused_with_a_notice(comparison_app: AppTest) -> None:
    at = open_page(comparison_app, PAGE, {"lang": "en", "org": "ngo"})
    assert [w.value for w in at.warning] == [translate("url.notice.unknown", "en",
                                                       what=translate("url.param.filter", "en"))]
    assert "org" not in at.query_params
    assert len(at.get("plotly_chart")) >= 1


def test_the_sidebar_filter_writes_the_url(comparison_app: AppTest) -> None:
    at = open_page(comparison_app, PAGE, {"lang": "fi"})
    assert at.selectbox(key="changed_filter_dimension").options == [
        translate("view.no_filter", "fi"), translate("dimension.sector", "fi"), translate("dimension.ely_area", "fi")]
    at.selectbox(key="changed_filter_dimension").set_value("ely_area").run()
    assert not at.exception
    assert at.query_params["ely"] == "uusimaa"
    assert at.selectbox(key="changed_filter_value").value == "uusimaa"
