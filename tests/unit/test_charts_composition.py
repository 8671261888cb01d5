"""The composition chart, the table behind it, number formats and the palette, read from data.

The released table used here (k = 5) has, per wave:
    municipality 2020: 12, 2023: 1 234 (hidden in neither)
    ngo          2020: 3 (hidden),     2023: 6
    company      2020: 0 (hidden),     2023: 0 (hidden)
"""

from __future__ import annotations

import json
from typing import Any

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio
import pytest

from charts import (
    HIDDEN_MARKER,
    HIDDEN_TRACE_NAME,
    MIN_FONT_SIZE,
    OKABE_ITO,
    TEMPLATE,
    WAVE_COLOURS,
    build_composition_figure,
    build_composition_table,
    format_count,
    format_number,
    plotly_separators,
    wave_colour,
)

NBSP = "\u00a0"
LABELS = {"municipality": "kunta", "ngo": "järjestö", "company": "yritys"}


def released_table() -> pd.DataFrame:
    # the long released shape (analysis.RELEASED_COLUMNS), as the gate's tables are reshaped
    table = pd.DataFrame({
        "category": ["municipality", "municipality", "ngo", "ngo", "company", "company"],
        "wave": [2020, 2023] * 3,
        "count": pd.array([12, 1234, None, 6, None, None], dtype="Int64"),
        "hidden": [False, False, True, False, True, True],
    })
    table["label"] = table["category"].map(LABELS)
    return table


def figure(language: str = "fi") -> go.Figure:
    return build_composition_figure(
        released_table(),
        language,
        title="Vastaajat organisaation tyypin mukaan",
        axis_title="Vastaajien määrä",
        legend_title="Kyselykierros",
        hidden_note="– = lukua ei näytetä",
    )


def bar(fig: go.Figure, wave: int) -> Any:
    (trace,) = [t for t in fig.data if t.type == "bar" and t.name == str(wave)]
    return trace


def hidden_trace(fig: go.Figure) -> Any:
    (trace,) = [t for t in fig.data if t.name == HIDDEN_TRACE_NAME]
    return trace


def row_of(fig: go.Figure, y: float) -> str:
    """The category label a bar position belongs to (rows are at integer positions)."""
    ticks = dict(zip(fig.layout.yaxis.tickvals, fig.layout.yaxis.ticktext, strict=True))
    return str(ticks[round(y)])


def test_one_bar_trace_per_wave_in_the_wave_colour() -> None:
    fig = figure()
    bars = [t for t in fig.data if t.type == "bar"]
    assert [t.name for t in bars] == ["2020", "2023"]
    assert [t.marker.color for t in bars] == [WAVE_COLOURS[2020], WAVE_COLOURS[2023]]
    assert all(t.orientation == "h" for t in bars)


def test_shown_counts_are_bars_with_direct_labels_in_the_language() -> None:
    fig = figure("fi")
    b2023 = bar(fig, 2023)
    assert list(b2023.x) == [1234, 6]
    assert [row_of(fig, y) for y in b2023.y] == ["kunta", "järjestö"]
    assert list(b2023.text) == [f"1{NBSP}234", "6"]
    assert b2023.textposition == "outside"
    assert list(bar(fig, 2020).x) == [12]
    assert list(bar(figure("en"), 2023).text) == ["1,234", "6"]


def test_hidden_groups_are_marked_where_their_bar_would_be_not_drawn_as_zero() -> None:
    fig = figure()
    hidden = hidden_trace(fig)
    marked = sorted((row_of(fig, y), label) for y, label in zip(hidden.y, hidden.customdata,
                                                               strict=True))
    assert marked == [("järjestö", "järjestö 2020"), ("yritys", "yritys 2020"),
                      ("yritys", "yritys 2023")]
    assert {text.strip() for text in hidden.text} == {HIDDEN_MARKER}
    assert hidden.mode == "text"
    for wave in (2020, 2023):
        assert 0 not in list(bar(fig, wave).x)
    # The hidden marker sits exactly on the position of the wave's (missing) bar.
    ngo_2023_y = bar(fig, 2023).y[1]
    ngo_2020_y = [y for y, c in zip(hidden.y, hidden.customdata, strict=True) if c == "järjestö 2020"]
    assert ngo_2020_y[0] == pytest.approx(ngo_2023_y - (bar(fig, 2023).y[0] - bar(fig, 2020).y[0]))


def test_a_hidden_count_appears_nowhere_in_the_figure() -> None:
    spec = json.dumps(figure().to_plotly_json(), default=str)
    for trace in figure().data:
        assert 3 not in list(trace.x or [])
    assert '"3"' not in spec


def test_rows_keep_the_table_order_top_down_and_the_title_names_the_view() -> None:
    fig = figure()
    assert list(fig.layout.yaxis.ticktext) == ["kunta", "järjestö", "yritys"]
    assert fig.layout.yaxis.range == (2.5, -0.5)  # reversed: the first category on top
    assert fig.layout.title.text == "Vastaajat organisaation tyypin mukaan"
    assert fig.layout.xaxis.title.text == "Vastaajien määrä"
    assert fig.layout.legend.title.text == "Kyselykierros"
    assert fig.layout.annotations[0].text == "– = lukua ei näytetä"


def test_explicit_template_and_separators_per_language() -> None:
    assert fig_template_is(figure(), TEMPLATE)
    assert figure("fi").layout.separators == ", "
    assert figure("sv").layout.separators == ", "
    assert figure("en").layout.separators == ".,"


def fig_template_is(fig: go.Figure, name: str) -> bool:
    return bool(fig.layout.template == pio.templates[name])


def _font_sizes(node: Any) -> list[float]:
    sizes: list[float] = []
    if isinstance(node, dict):
        for key, value in node.items():
            if key in ("font", "textfont", "tickfont") and isinstance(value, dict):
                assert "size" in value, f"{key} without an explicit size"
                sizes.append(value["size"])
            sizes.extend(_font_sizes(value))
    elif isinstance(node, list):
        for item in node:
            sizes.extend(_font_sizes(item))
    return sizes


def test_every_font_is_at_least_14_px() -> None:
    spec = figure().to_plotly_json()
    spec["layout"].pop("template")
    sizes = _font_sizes(spec)
    assert len(sizes) >= 8
    assert min(sizes) >= MIN_FONT_SIZE == 14


def test_long_category_labels_wrap_onto_lines() -> None:
    table = released_table()
    table.loc[table["category"] == "ngo", "label"] = "organisation, förening eller stiftelse"
    fig = build_composition_figure(table, "sv", title="t", axis_title="a", legend_title="l",
                                   hidden_note="n")
    assert fig.layout.yaxis.ticktext[1] == "organisation, förening eller<br>stiftelse"
    assert fig.layout.yaxis.ticktext[0] == "kunta"


def test_height_grows_with_the_number_of_categories() -> None:
    small = figure().layout.height
    table = pd.DataFrame({"category": [f"c{i}" for i in range(18)], "wave": [2023] * 18,
                          "count": pd.array([10] * 18, dtype="Int64"), "hidden": [False] * 18})
    table["label"] = table["category"]
    big = build_composition_figure(table, "en", title="t", axis_title="a", legend_title="l",
                                   hidden_note="n").layout.height
    assert big > small + 300


def test_unreleased_or_unlabelled_tables_are_refused() -> None:
    table = released_table()
    with pytest.raises(ValueError, match="label"):
        build_composition_figure(table.drop(columns="label"), "fi", title="t", axis_title="a",
                                 legend_title="l", hidden_note="n")
    leaked = table.copy()
    leaked.loc[leaked["hidden"], "count"] = 3
    with pytest.raises(ValueError, match="hidden row still carries its count"):
        build_composition_table(leaked, "fi", category_header="c", wave_header=str)


def test_the_table_behind_the_chart_shows_the_same_numbers() -> None:
    table = build_composition_table(
        released_table(), "sv", category_header="Organisationstyp",
        wave_header=lambda wave: f"Svarande {wave}",
    )
    assert list(table.columns) == ["Organisationstyp", "Svarande 2020", "Svarande 2023"]
    assert table.to_dict("records") == [
        {"Organisationstyp": "kunta", "Svarande 2020": "12", "Svarande 2023": f"1{NBSP}234"},
        {"Organisationstyp": "järjestö", "Svarande 2020": HIDDEN_MARKER, "Svarande 2023": "6"},
        {"Organisationstyp": "yritys", "Svarande 2020": HIDDEN_MARKER,
         "Svarande 2023": HIDDEN_MARKER},
    ]


@pytest.mark.parametrize(
    ("value", "language", "decimals", "expected"),
    [
        (0, "fi", 0, "0"),
        (999, "fi", 0, "999"),
        (1234, "fi", 0, f"1{NBSP}234"),
        (1234567, "sv", 0, f"1{NBSP}234{NBSP}567"),
        (1234567, "en", 0, "1,234,567"),
        (6.75, "fi", 1, "6,8"),
        (6.75, "en", 1, "6.8"),
        (1234.5, "sv", 2, f"1{NBSP}234,50"),
        (None, "fi", 0, HIDDEN_MARKER),
        (float("nan"), "en", 1, HIDDEN_MARKER),
        (pd.NA, "sv", 0, HIDDEN_MARKER),
    ],
)
def test_numbers_are_written_as_each_language_writes_them(
    value: object, language: str, decimals: int, expected: str
) -> None:
    assert format_number(value, language, decimals) == expected


def test_unknown_language_is_refused() -> None:
    with pytest.raises(ValueError, match="de"):
        format_count(5, "de")
    assert plotly_separators("fi") == ", "


def _relative_luminance(hex_colour: str) -> float:
    def channel(c: int) -> float:
        s = c / 255
        return s / 12.92 if s <= 0.04045 else ((s + 0.055) / 1.055) ** 2.4

    r, g, b = (int(hex_colour[i:i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast_with_white(hex_colour: str) -> float:
    return 1.05 / (_relative_luminance(hex_colour) + 0.05)


def test_wave_colours_are_distinct_okabe_ito_colours_with_3_to_1_contrast() -> None:
    colours = [wave_colour(w) for w in (2020, 2023, 2025, 2027)]
    assert len(set(colours)) == len(colours)
    assert set(colours) <= set(OKABE_ITO.values())
    assert all(contrast_with_white(c) >= 3.0 for c in colours), [
        (c, round(contrast_with_white(c), 2)) for c in colours
    ]
