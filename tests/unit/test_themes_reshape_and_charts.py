"""Theme shares reshaped from released tables, and the chart builders of the Open answers page.

The released tables come from the gate test's survey (tests/unit/test_open_answers_gate.py: 45
respondents in 2023, 43 substantive answers, 2 "no content"); the chart tests use small frames
written out here.
"""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.themes import THEME_SHARE_COLUMNS, answer_counts_from_released, theme_shares_from_released
from anonymity import View
from charts import (
    HIDDEN_MARKER,
    HIDDEN_TRACE_NAME,
    KEY_TERM_COLOUR,
    build_key_terms_figure,
    build_key_terms_table,
    build_theme_share_figure,
    build_theme_share_table,
    wave_colour,
)
from results import NO_CONTENT, UNCODED, release_question
from tests.unit.test_open_answers_gate import EDUCATION, GROUPS, QUESTION, THEME_IDS, WAVE, make_snapshot


@pytest.fixture(scope="module")
def tables() -> dict[str, object]:
    snapshot, _ = make_snapshot(groups=[*GROUPS, EDUCATION])
    return {
        "all": release_question(snapshot, QUESTION, WAVE, View()),
        "education": release_question(snapshot, QUESTION, WAVE, View(("org_type", "education"))),
    }


def test_theme_shares_list_every_theme_and_uncoded_but_not_no_content(tables: dict[str, object]) -> None:
    shares = theme_shares_from_released({WAVE: tables["all"]})  # type: ignore[dict-item]
    assert tuple(shares.columns) == THEME_SHARE_COLUMNS
    assert shares["category"].tolist() == [*THEME_IDS, UNCODED]
    assert NO_CONTENT not in shares["category"].tolist()
    row = shares.set_index("category").loc["competence_training"]
    # 6 + 6 in the main groups, 3 more educational institutions with content
    assert (row["count"], row["base"]) == (15, 46)
    assert row["share"] == pytest.approx(15 / 46)
    assert shares["share"].sum() > 1, "several themes per answer"


def test_a_hidden_group_gives_no_numbers(tables: dict[str, object]) -> None:
    shares = theme_shares_from_released({WAVE: tables["education"]})  # type: ignore[dict-item]
    assert shares["hidden"].all()
    assert shares[["count", "base", "share"]].isna().all().all()
    counts = answer_counts_from_released({WAVE: tables["education"]})  # type: ignore[dict-item]
    assert counts.loc[0, "hidden"] and counts[["substantive", "no_content", "coverage"]].isna().all().all()


def test_answer_counts_and_coverage(tables: dict[str, object]) -> None:
    counts = answer_counts_from_released({WAVE: tables["all"]})  # type: ignore[dict-item]
    record = counts.to_dict("records")[0]
    assert (record["wave"], record["substantive"], record["no_content"], record["uncoded"]) == (2023, 46, 5, 4)
    assert record["coverage"] == pytest.approx(1 - 4 / 46)


def test_only_released_open_question_tables_are_reshaped(tables: dict[str, object]) -> None:
    with pytest.raises(TypeError):
        theme_shares_from_released({WAVE: object()})  # type: ignore[dict-item]
    with pytest.raises(ValueError, match="given as wave"):
        theme_shares_from_released({2020: tables["all"]})  # type: ignore[dict-item]


# --- charts -------------------------------------------------------------------------------------


def share_frame() -> pd.DataFrame:
    rows = [
        ("a", 2020, 10, 40, 0.25, False, "Alpha"), ("a", 2023, 30, 50, 0.6, False, "Alpha"),
        ("b", 2020, None, None, None, True, "<b>Beta</b>"), ("b", 2023, 20, 50, 0.4, False, "<b>Beta</b>"),
        (UNCODED, 2020, 4, 40, 0.1, False, "Other"), (UNCODED, 2023, 5, 50, 0.1, False, "Other"),
    ]
    frame = pd.DataFrame(rows, columns=[*THEME_SHARE_COLUMNS, "label"])
    frame["count"] = frame["count"].astype("Int64")
    frame["share"] = frame["share"].astype("Float64")
    return frame


@pytest.mark.parametrize(("language", "text"), [("fi", "60\u00a0% (30)"), ("en", "60% (30)")])
def test_theme_figure_draws_shares_per_wave_and_marks_hidden_groups(language: str, text: str) -> None:
    figure = build_theme_share_figure(share_frame(), language, title="T", axis_title="A", legend_title="L",
                                      note="over 100")
    bars = {trace.name: trace for trace in figure.data if trace.type == "bar"}
    assert set(bars) == {"2020", "2023"}
    assert list(bars["2023"].x) == pytest.approx([60.0, 40.0, 10.0])
    assert list(bars["2020"].x) == pytest.approx([25.0, 10.0]), "the hidden 2020 group has no bar"
    assert bars["2023"].text[0] == text
    assert bars["2023"].marker.color == wave_colour(2023)
    (hidden,) = [trace for trace in figure.data if trace.name == HIDDEN_TRACE_NAME]
    assert len(hidden.y) == 1 and hidden.text[0].endswith(HIDDEN_MARKER)
    assert hidden.customdata[0] == "&lt;b&gt;Beta&lt;/b&gt; 2020", "labels are escaped for Plotly"
    assert list(figure.layout.yaxis.ticktext) == ["Alpha", "&lt;b&gt;Beta&lt;/b&gt;", "Other"]
    assert figure.layout.annotations[0].text == "over 100"
    assert figure.layout.xaxis.range[1] > 60


def test_theme_figure_refuses_unreleased_rows() -> None:
    frame = share_frame()
    frame.loc[2, "count"] = 3
    with pytest.raises(ValueError, match="hidden row"):
        build_theme_share_figure(frame, "en", title="T", axis_title="A", legend_title="L", note="n")
    with pytest.raises(ValueError, match="label"):
        build_theme_share_figure(frame.drop(columns="label"), "en", title="T", axis_title="A", legend_title="L",
                                 note="n")


def test_theme_table_shows_share_and_count_per_wave() -> None:
    table = build_theme_share_table(share_frame(), "fi", theme_header="Teema",
                                    share_header=lambda w: f"Osuus {w}", count_header=lambda w: f"n {w}")
    assert list(table.columns) == ["Teema", "Osuus 2020", "n 2020", "Osuus 2023", "n 2023"]
    assert table.iloc[1].tolist() == ["<b>Beta</b>", HIDDEN_MARKER, HIDDEN_MARKER, "40\u00a0%", "20"]


def test_key_terms_are_bars_by_respondents_most_used_on_top() -> None:
    terms = pd.DataFrame({"term": ["koulutus", "<script>", "uusi kontakti"], "n_respondents": [7, 5, 12]})
    figure = build_key_terms_figure(terms, "fi", title="Sanat", axis_title="Vastaajat")
    (bar,) = figure.data
    assert list(bar.x) == [12, 7, 5]
    assert list(figure.layout.yaxis.ticktext) == ["uusi kontakti", "koulutus", "&lt;script&gt;"]
    assert bar.marker.color == KEY_TERM_COLOUR
    table = build_key_terms_table(terms, "en", term_header="Word", count_header="Respondents")
    assert table.to_dict("list") == {"Word": ["uusi kontakti", "koulutus", "<script>"],
                                     "Respondents": ["12", "7", "5"]}
