"""Slides, presenter stage, file names, footers and text alternatives of exported charts.

The long chart is a wave comparison of 19 groups (seeded, ``random.Random(7)``; every group has
40 respondents in 2020 and 20 in 2023; groups 3, 9 and 15 are hidden in 2020, groups 8 and 17 in
2023), drawn by the real builder. Tests assert the geometry of what goes on a slide (image size,
pixels per row, rows per slide, which points each slide holds), not pixels of a rendering;
one test renders through kaleido to check the picture fills the slide's chart box.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import os
import random
from pathlib import Path
from typing import Any

import pandas as pd
import plotly.graph_objects as go
import pytest
from PIL import Image
from pptx import Presentation
from pptx.util import Inches

import exports
from charts import HIDDEN_MARKER, ChartTexts
from charts._comparison_charts import ComparisonTexts, build_wave_pair_figure, build_wave_pair_table
from charts._palette import MIN_FONT_SIZE
from exports import _slides
from exports._deck import table_notes
from tests.conftest import skip_or_fail
from ui.downloads import ascii_slug, chart_file_name, deck_file_name, view_slug
from ui.presenter import STAGE_MAX_HEIGHT, STAGE_SCALE, scale_figure, stage_parts

BASE = ChartTexts(
    title="Our organisation has an opportunity for dialogue with the authorities at national level.",
    subtitle="2020 n = 760 · 2023 n = 351 · all respondents · by ELY Centre area",
    hidden_note="– = number not shown, to protect respondents.", group_header="Group", n_header="n",
    answer_header="Answer", share_axis="Share of those who answered", share_header="share",
    interval_header="95 % interval", count_header="respondents", mean_axis="Mean", mean_header="Mean",
    dont_know="Don't know", positive_header="Agree (4–5)", difference_header="Difference", higher="higher",
    lower="lower",
)
TEXTS = ComparisonTexts(
    base=BASE, earlier_wave=2020, later_wave=2023, change_header="Change", unit_pp="pp", unit_points="points",
    only_later="group did not exist in 2020", only_earlier="group did not exist in 2023",
    hidden_side="change not available: not shown in both waves", supported_header="Supported?",
    supported="change supported", not_supported="not supported", adjusted_header="Adjusted",
    adjusted_legend="adjusted", raw_legend="raw", coverage_header="Coverage", flag_header="Comparability",
    item_header="Item", change_axis_pp="Change (pp)", change_axis_points="Change (points)",
)
SUMMARY = exports.SummaryTexts(
    range="{column}: highest {top} ({top_value}), lowest {bottom} ({bottom_value}); {rows} rows.",
    single="{column}: {top} {top_value}.", empty="Nothing shown.", hidden="Hidden ({marker}): {count}.",
    change="{column}: largest increase {top} ({top_value}), largest decrease {bottom} ({bottom_value}).",
    scale="on the {scale} scale highest {top} ({top_value}), lowest {bottom} ({bottom_value}).",
)
HIDDEN_2020 = {3, 9, 15}
HIDDEN_2023 = {8, 17}
GROUPS = 19


def comparison_frame(groups: int = GROUPS) -> pd.DataFrame:
    rng = random.Random(7)
    rows = []
    for i in range(groups):
        hide_e, hide_l = i in HIDDEN_2020, i in HIDDEN_2023
        e, lat = rng.uniform(0.1, 0.5), rng.uniform(0.1, 0.5)
        gone = hide_e or hide_l
        rows.append({
            "group": f"g{i}", "category": f"g{i}", "is_total": i == 0, "note": "hidden" if gone else "",
            "earlier_shown": not hide_e, "earlier_n": 40, "earlier": e, "earlier_low": e - 0.1,
            "earlier_high": e + 0.1, "later_shown": not hide_l, "later_n": 20, "later": lat,
            "later_low": lat - 0.12, "later_high": lat + 0.12, "change": math.nan if gone else lat - e,
            "change_low": math.nan if gone else lat - e - 0.15, "change_high": math.nan if gone else lat - e + 0.15,
        })
    return pd.DataFrame(rows)


def long_chart(groups: int = GROUPS) -> exports.ChartExport:
    frame = comparison_frame(groups)
    ids = [f"g{i}" for i in range(groups)]
    labels = {g: f"Area {i}" for i, g in enumerate(ids)}
    figure = build_wave_pair_figure(frame, "en", groups=ids, labels=labels, texts=TEXTS, percent=True)
    table = build_wave_pair_table(frame, "en", groups=ids, labels=labels, texts=TEXTS, percent=True)
    return exports.ChartExport(title=BASE.title, caption=BASE.subtitle, note=BASE.hidden_note, figure=figure,
                               table=table)


def fake_png(figure: go.Figure) -> bytes:
    """A blank PNG of the size kaleido would make (the figure's own size, scale 2)."""
    buffer = io.BytesIO()
    Image.new("RGB", (int(figure.layout.width) * 2, int(figure.layout.height) * 2), "white").save(buffer, "PNG")
    return buffer.getvalue()


def font_sizes(node: Any) -> list[float]:
    if isinstance(node, dict):
        own = [float(v) for k, v in node.items() if k == "size" and isinstance(v, int | float)]
        return own + [s for k, v in node.items() if k not in ("marker", "template") for s in font_sizes(v)]
    if isinstance(node, list):
        return [s for item in node for s in font_sizes(item)]
    return []


def shown_rows(figure: go.Figure) -> set[int]:
    """Rows that hold a point of any trace (wave dots sit at row ± 0.17)."""
    return {round(float(y)) for trace in figure.data if trace.y is not None for y in trace.y if y is not None}


# --- slides -----------------------------------------------------------------------------------

def test_type_on_a_slide_is_at_least_12_points() -> None:
    assert MIN_FONT_SIZE * _slides.points_per_pixel() >= 12
    part = exports.split_for_slides(long_chart().figure)[0].figure
    assert min(font_sizes(part.to_plotly_json()["layout"])) >= MIN_FONT_SIZE


def test_slide_image_has_the_chart_box_aspect() -> None:
    for chart in (long_chart(), long_chart(2)):
        for part in exports.split_for_slides(chart.figure):
            assert (part.figure.layout.width, part.figure.layout.height) == (exports.SLIDE_IMAGE_WIDTH,
                                                                             exports.SLIDE_IMAGE_HEIGHT)
            assert part.figure.layout.width / part.figure.layout.height == pytest.approx(
                _slides.BOX_WIDTH_IN / _slides.BOX_HEIGHT_IN, rel=0.01)


def test_a_long_chart_is_split_into_readable_row_windows_covering_every_row_once() -> None:
    chart = long_chart()
    assert exports.row_count(chart.figure) == GROUPS
    parts = exports.split_for_slides(chart.figure)
    assert len(parts) >= 3  # 19 rows cannot be readable on one slide
    assert [(p.part, p.parts) for p in parts] == [(i + 1, len(parts)) for i in range(len(parts))]
    assert [p.start for p in parts[1:]] == [p.stop for p in parts[:-1]]
    assert (parts[0].start, parts[-1].stop) == (0, GROUPS)
    sizes = [p.stop - p.start for p in parts]
    assert max(sizes) - min(sizes) <= 1  # shared out evenly
    for part in parts:
        margin = part.figure.layout.margin
        plot = part.figure.layout.height - margin.t - margin.b
        assert plot / (part.stop - part.start) >= _slides.MIN_ROW_PIXELS
        assert shown_rows(part.figure) == set(range(part.start, part.stop))
        assert list(part.figure.layout.yaxis.range) == [part.stop - 0.5, part.start - 0.5]
        # the legend explains every slide alike: each wave keeps its entry
        assert [t.name for t in part.figure.data if t.showlegend is not False] == ["2020", "2023"]
        for trace in part.figure.data:  # every per-point array cut alike
            if trace.customdata is not None:
                assert len(trace.customdata) == len(trace.x)
            if trace.text is not None and not isinstance(trace.text, str):
                assert len(trace.text) == len(trace.x)


def test_a_short_chart_is_one_slide_that_fills_the_box() -> None:
    parts = exports.split_for_slides(long_chart(2).figure)
    assert [(p.start, p.stop, p.parts) for p in parts] == [(0, 2, 1)]
    assert parts[0].figure.layout.title.text == ""


def test_deck_puts_each_window_on_its_own_slide_with_its_rows_in_the_notes() -> None:
    chart = long_chart()
    parts = exports.split_for_slides(chart.figure)
    data = exports.build_deck(exports.DeckTitle("Barometer", "Explorer"), [chart], footer="Source · k = 5",
                              render_png=fake_png)
    slides = list(Presentation(io.BytesIO(data)).slides)
    assert len(slides) == 1 + len(parts)
    for slide, part in zip(slides[1:], parts, strict=True):
        texts = [shape.text_frame.text for shape in slide.shapes if shape.has_text_frame]
        assert texts[0] == f"{chart.title} ({part.part}/{part.parts})"
        (picture,) = [shape for shape in slide.shapes if shape.shape_type == 13]
        # The picture fills the chart box: its full width and its full height.
        assert abs(picture.width - Inches(_slides.BOX_WIDTH_IN)) < Inches(0.02)
        assert abs(picture.height - Inches(_slides.BOX_HEIGHT_IN)) < Inches(0.02)
        notes = slide.notes_slide.notes_text_frame.text
        rows = chart.table.iloc[part.start:part.stop]
        assert [line.split(" — ")[0] for line in notes.splitlines() if " — " in line] == rows.iloc[:, 0].tolist()
        hidden_here = any(i in HIDDEN_2020 | HIDDEN_2023 for i in range(part.start, part.stop))
        assert (chart.note in texts) is hidden_here


def test_charts_that_release_nothing_are_left_out_and_the_title_slide_says_so() -> None:
    shown = long_chart(2)
    all_hidden = exports.ChartExport(title="Hidden", caption="", note=BASE.hidden_note, figure=shown.figure,
                                     table=pd.DataFrame({"Group": ["A", "B"], "n": [HIDDEN_MARKER] * 2,
                                                         "share": [HIDDEN_MARKER, ""]}))
    area_hidden = exports.ChartExport(title="Area hidden", caption="", note=BASE.hidden_note, figure=shown.figure,
                                      table=shown.table, focus_hidden=True)
    assert not exports.releases_nothing(shown)
    assert exports.releases_nothing(all_hidden) and exports.releases_nothing(area_hidden)
    title = exports.DeckTitle("Barometer", "My region", ("2023",), omitted="2 charts left out")
    data = exports.build_deck(title, [all_hidden, shown, area_hidden], footer="Source", render_png=fake_png)
    slides = list(Presentation(io.BytesIO(data)).slides)
    assert len(slides) == 2
    assert "2 charts left out" in [shape.text_frame.text for shape in slides[0].shapes][2].splitlines()
    kept = [shape.text_frame.text for shape in slides[1].shapes if shape.has_text_frame]
    assert kept[0] == shown.title
    only = exports.build_deck(title, [shown], footer="Source", render_png=fake_png)
    assert "2 charts left out" not in [s.text_frame.text for s in list(Presentation(io.BytesIO(only)).slides)[0]
                                       .shapes][2]


def test_notes_leave_the_marker_explanation_out_when_nothing_is_hidden() -> None:
    chart = long_chart()
    assert chart.note in table_notes(chart)
    assert chart.note not in table_notes(chart, chart.table.iloc[0:3])  # groups 0-2: nothing hidden


@pytest.fixture(scope="module")
def image_server() -> None:
    chromium = Path(os.environ.get("BROWSER_PATH", "/usr/bin/chromium"))
    if not chromium.exists():
        skip_or_fail(f"{chromium} not found (apt-get install chromium): kaleido needs it")
    exports.start_image_server()


def test_rendered_slide_image_is_the_box_at_twice_the_pixels(image_server: None) -> None:
    from exports._deck import render_slide_png

    part = exports.split_for_slides(long_chart().figure)[0]
    with Image.open(io.BytesIO(render_slide_png(part.figure))) as image:
        assert image.size == (2 * exports.SLIDE_IMAGE_WIDTH, 2 * exports.SLIDE_IMAGE_HEIGHT)
        assert len(image.getcolors(maxcolors=1 << 20) or []) > 10  # drawn, not blank


# --- presenter stage --------------------------------------------------------------------------

def test_stage_scales_type_and_margins_together_and_fits_the_screen() -> None:
    figure = long_chart().figure
    scaled = scale_figure(figure)
    assert scaled.layout.margin.t == round(figure.layout.margin.t * STAGE_SCALE) - round(24 * STAGE_SCALE)
    assert scaled.layout.margin.r == round(figure.layout.margin.r * STAGE_SCALE)
    assert scaled.layout.legend.font.size == pytest.approx(figure.layout.legend.font.size * STAGE_SCALE, abs=0.1)
    assert scaled.layout.height == STAGE_MAX_HEIGHT < figure.layout.height * STAGE_SCALE
    assert not scaled.layout.title.subtitle.text  # the stage's view line says it
    assert figure.layout.title.subtitle.text == BASE.subtitle  # the cached figure is untouched
    parts = stage_parts(figure)
    assert len(parts) > 1 and parts[-1].stop == GROUPS
    for part in parts:
        assert part.figure.layout.height <= STAGE_MAX_HEIGHT
        margin = part.figure.layout.margin
        assert (part.figure.layout.height - margin.t - margin.b) / (part.stop - part.start) >= \
            _slides.MIN_ROW_PIXELS * STAGE_SCALE
    short = stage_parts(long_chart(2).figure)
    assert len(short) == 1 and short[0].figure.layout.height == round(long_chart(2).figure.layout.height * STAGE_SCALE)


def test_comparison_legend_starts_at_the_figure_edge_and_notes_column_has_a_header() -> None:
    chart = long_chart()
    assert chart.figure.layout.legend.xref == "container"
    assert chart.figure.layout.legend.x == 0
    assert all(str(c).strip() for c in chart.table.columns)
    assert chart.table.columns[-1] == TEXTS.flag_header
    csv = exports.table_to_csv(chart.table, "en").decode("utf-8-sig").splitlines()[0]
    assert all(cell.strip() for cell in csv.split(","))


# --- file names and footers -------------------------------------------------------------------

@pytest.mark.parametrize(("key", "params", "expected"), [
    ("explorer", {"q": "programme_useful", "wave": "2023", "by": "ely"},
     "kumppanuusbaro-explorer-programme-useful-2023-by-ely.png"),
    ("explorer_compare_0", {"q": "coop_dialogue_national", "wave": "2020,2023", "by": "ely"},
     "kumppanuusbaro-explorer-compare-0-coop-dialogue-national-2020-2023-by-ely.png"),
    ("region_coop_grade_municipal", {"ely": "kainuu", "section": "cooperation", "wave": "2023"},
     "kumppanuusbaro-region-coop-grade-municipal-cooperation-2023-ely-kainuu.png"),
    ("explorer", {"q": "programme_useful", "wave": "2023", "sector": "third", "by": "org"},
     "kumppanuusbaro-explorer-programme-useful-2023-sector-third-by-org.png"),
])
def test_chart_file_names_carry_the_question_and_view(key: str, params: dict[str, str], expected: str) -> None:
    assert chart_file_name(key, params, "png") == expected


def test_file_names_are_ascii_and_decks_carry_page_view_and_date() -> None:
    assert ascii_slug("Mitt område · Åland") == "mitt-omrade-aland"
    name = deck_file_name("Oma alue", {"ely": "aland", "wave": "2023", "section": "cooperation"},
                          dt.date(2026, 11, 25))
    assert name == "kumppanuusbaro-oma-alue-cooperation-2023-ely-aland-2026-11-25.pptx"
    assert name.isascii()
    assert view_slug({"lang": "sv", "present": "1"}) == ""
    assert len(chart_file_name("explorer", {"q": "x" * 300}, "csv")) <= 124


def test_footer_parts_are_written_once() -> None:
    caption = "n = 345 · 2023 · all respondents · by sector"
    footer = exports.compose_footer("Source · k = 5", f"{caption} · Exported 2026-11-25", leave_out=caption)
    assert footer == "Source · k = 5 · Exported 2026-11-25"
    assert exports.compose_footer("a · b", "b · c", "a") == "a · b · c"


# --- text alternatives ------------------------------------------------------------------------

def test_summary_of_a_ranking_names_the_largest_changes_with_their_signs() -> None:
    table = pd.DataFrame({
        "Item": ["A", "B", "C", "D"],
        "2020: share (n)": ["20 % (50)", "30 % (40)", "10 % (30)", "50 % (60)"],
        "2023: share (n)": ["25 % (50)", "29 % (40)", "10 % (30)", "60 % (60)"],
        "Muutos": ["+5,4\u00a0%-yks.", "\u22120,8\u00a0%-yks.", "0,0\u00a0%-yks.", "+10,0\u00a0%-yks."],
        "Väli": ["\u22121,7 … 9,1", "\u22122,0 … 1,0", "\u22121,0 … 1,0", "2,0 … 18,0"],
        "Rakennevakioitu": ["+5,0 (…)", HIDDEN_MARKER, "+1,0 (…)", "+9,0 (…)"],
    })
    sentence = exports.summarise_table(table, "fi", "What changed", SUMMARY)
    assert sentence == ("What changed. Muutos: largest increase D (+10,0\u00a0%-yks.), largest decrease B "
                        "(\u22120,8\u00a0%-yks.). Hidden (–): 1.")


def test_summary_never_compares_means_on_different_scales() -> None:
    table = pd.DataFrame({"Item": ["Grade municipal", "Grade national", "Dialogue", "Information"],
                          "All": ["6,2", "5,5", "2,4", "3,9"]})
    scales = ["1–10", "1–10", "1–5", "1–5"]
    sentence = exports.summarise_table(table, "fi", "Heatmap", SUMMARY, row_scales=scales)
    assert sentence == ("Heatmap. All: on the 1–10 scale highest Grade municipal (6,2), lowest Grade national (5,5)."
                        " on the 1–5 scale highest Information (3,9), lowest Dialogue (2,4).")
    mixed = exports.summarise_table(table, "fi", "Heatmap", SUMMARY)  # without scales: one comparison
    assert "lowest Dialogue (2,4)" in mixed and "highest Grade municipal (6,2)" in mixed
