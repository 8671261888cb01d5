"""Exports of what a page shows: CSV/XLSX parse back to the table, images decode, the deck opens.

The tables come from the real gate (tests/released_tables.py): agreement answers by region,
where east (3 respondents) is under k = 5 and south (8) is hidden to protect it. South's real
shares (1, 2, 2, 2, 1 of 8) must appear in no file.
"""

from __future__ import annotations

import io
import os
import xml.etree.ElementTree as ET
from pathlib import Path

import pandas as pd
import pytest
from PIL import Image
from pptx import Presentation

import exports
from charts import HIDDEN_MARKER, ChartTexts, build_question_chart
from exports._images import wrap_footer
from exports._tables import XLSX_HEADER_ROW, csv_trailer_lines
from tests.conftest import skip_or_fail
from tests.released_tables import agreement_table

TEXTS = ChartTexts(
    title="Is the programme useful?", subtitle="n = 33 · 2023 · by region · 2 groups hidden",
    hidden_note="– = number not shown, to protect respondents.", group_header="Group", n_header="n",
    answer_header="Answer", share_axis="Share", share_header="share", interval_header="95 % interval",
    count_header="respondents", mean_axis="Mean", mean_header="Mean", dont_know="Don't know",
    positive_header="Agree (4–5)", difference_header="Difference", higher="higher", lower="lower",
)
AGREE_LABELS = {"1": "Strongly disagree", "2": "Disagree", "3": "Neither", "4": "Agree", "5": "Strongly agree",
                "dk": "Don't know"}
GROUP_LABELS = {"_total": "All", "north": "North", "south": "South", "west": "West", "east": "East",
                "not_answered": "No answer"}
FOOTER = ("Source: Partnership barometer · Groups of fewer than 5 respondents are not shown (–)",
          "n = 33 · 2023 · by region · Exported 2026-11-25")
SUMMARY = exports.SummaryTexts(
    range="{column}: highest {top} ({top_value}), lowest {bottom} ({bottom_value}); {rows} rows.",
    single="{column}: {top} {top_value}.", empty="Nothing shown.", hidden="Hidden numbers ({marker}): {count}.")
#: South's shares if they leaked (1, 2, 2, 2, 1 of 8 in fi/sv and en writing).
SOUTH_SHARES = ("13 %", "25 %", "12.5", "12,5", "13%", "25%")


def chart(language: str = "fi") -> exports.ChartExport:
    from analysis import TOTAL

    labels = {TOTAL if key == "_total" else key: value for key, value in GROUP_LABELS.items()}
    built = build_question_chart(agreement_table(), language, texts=TEXTS, labels=labels, option_labels=AGREE_LABELS)
    return exports.ChartExport(title=TEXTS.title, caption=TEXTS.subtitle, note=TEXTS.hidden_note,
                               figure=built.figure, table=built.table,
                               summary=exports.summarise_table(built.table, language, TEXTS.title, SUMMARY))


def south(frame: pd.DataFrame) -> list[object]:
    return frame.set_index(frame.columns[0]).loc["South"].tolist()


@pytest.mark.parametrize(("language", "text", "expected"), [
    ("fi", "1\u00a0234", 1234), ("fi", "3,2", 3.2), ("fi", "45\u00a0%", 45), ("sv", "12,5\u00a0%", 12.5),
    ("en", "1,234", 1234), ("en", "12.5%", 12.5), ("en", "3.0", 3.0),
])
def test_plain_numbers_become_numbers(language: str, text: str, expected: float) -> None:
    frame = pd.DataFrame({"Group": ["A", "B"], "x": [text, HIDDEN_MARKER]})
    numbers = exports.table_to_numbers(frame, language)
    column = numbers.columns[1]
    assert column == ("x (%)" if "%" in text else "x")
    assert numbers[column].tolist() == [expected, HIDDEN_MARKER]


def test_compound_cells_stay_text_as_shown() -> None:
    table = chart("fi").table
    numbers = exports.table_to_numbers(table, "fi")
    assert numbers["Mean"].tolist() == table["Mean"].tolist()  # "3,2 (2,9–3,6)" is not one number
    assert numbers["n"].tolist()[0] == 33
    assert "Neither (%)" in numbers.columns


@pytest.mark.parametrize(("language", "sep", "decimal"), [("fi", ";", ","), ("sv", ";", ","), ("en", ",", ".")])
def test_csv_parses_back_to_the_released_table(language: str, sep: str, decimal: str) -> None:
    item = chart(language)
    data = exports.table_to_csv(item.table, language, title=item.title, footer_lines=FOOTER)
    assert data.startswith(b"\xef\xbb\xbf")
    text = data.decode("utf-8-sig")
    assert text.splitlines()[0].split(sep)[:2] == ["Group", "n"]
    assert FOOTER[0] in text and FOOTER[1] in text
    parsed = pd.read_csv(io.BytesIO(data), sep=sep, decimal=decimal, encoding="utf-8-sig", dtype=object,
                         skipfooter=csv_trailer_lines(item.title, FOOTER), engine="python", keep_default_na=False)
    expected = exports.table_to_numbers(item.table, language)
    assert list(parsed.columns) == list(expected.columns)
    assert parsed["n"].tolist() == [str(v) for v in expected["n"]]
    mean_all = parsed.set_index("Group").loc["All", "Mean"]
    assert mean_all == item.table.set_index("Group").loc["All", "Mean"]
    assert south(parsed)[:-1] == [HIDDEN_MARKER] * (len(parsed.columns) - 2)
    assert not any(share in text for share in SOUTH_SHARES)
    assert "8" not in [cell.strip() for cell in south(parsed)]


def test_xlsx_parses_back_with_numbers_as_numbers() -> None:
    item = chart("fi")
    data = exports.table_to_xlsx(item.table, "fi", title=item.title, caption=item.caption, footer_lines=FOOTER)
    parsed = pd.read_excel(io.BytesIO(data), header=XLSX_HEADER_ROW - 1, nrows=len(item.table))
    expected = exports.table_to_numbers(item.table, "fi")
    assert list(parsed.columns) == list(expected.columns)
    assert parsed["n"].tolist() == [33, 12, 10, HIDDEN_MARKER, HIDDEN_MARKER]
    assert parsed["Neither (%)"].tolist()[:3] == [52, 100, 20]
    assert south(parsed)[:9] == [HIDDEN_MARKER] * 9
    whole = [str(cell) for cell in pd.read_excel(io.BytesIO(data), header=None).to_numpy().ravel()]
    assert item.title in whole and FOOTER[0] in whole
    assert not any(share in cell for cell in whole for share in SOUTH_SHARES)


def test_summary_names_highest_and_lowest_and_hidden_numbers() -> None:
    item = chart("en")
    # The rightmost column of numbers is "Agree (4–5)": North 60 %, West 0 %.
    assert item.summary.startswith("Is the programme useful? Agree (4–5): highest North (60% (31–83%))")
    assert "lowest West (0% (0–24%))" in item.summary
    assert item.summary.endswith("Hidden numbers (–): 18.")
    empty = pd.DataFrame({"Group": ["A"], "n": [HIDDEN_MARKER]})
    assert exports.summarise_table(empty, "en", "T", SUMMARY) == "T. Nothing shown. Hidden numbers (–): 1."


def test_footer_goes_on_a_copy_of_the_figure() -> None:
    item = chart("fi")
    before = item.figure.to_json()
    framed = exports.with_footer(item.figure, "Source · k = 5")
    assert item.figure.to_json() == before
    assert framed.layout.hovermode is False
    assert framed.layout.annotations[-1].text == "Source · k = 5"
    assert framed.layout.height == item.figure.layout.height + 34


@pytest.fixture(scope="module")
def image_server() -> None:
    chromium = Path(os.environ.get("BROWSER_PATH", "/usr/bin/chromium"))
    if not chromium.exists():
        skip_or_fail(f"{chromium} not found (apt-get install chromium): kaleido needs it")
    exports.start_image_server()


def test_png_and_svg_decode_and_carry_the_footer(image_server: None) -> None:
    item = chart("fi")
    footer = exports.compose_footer(*FOOTER)
    png = exports.figure_to_png(item.figure, footer)
    with Image.open(io.BytesIO(png)) as image:
        assert image.format == "PNG"
        lines = wrap_footer(footer)
        assert len(lines) == 2  # the long footer wraps between its parts
        assert image.size == (2400, (item.figure.layout.height + 34 + 20) * 2)
        assert len(image.getcolors(maxcolors=1 << 20) or []) > 10  # drawn, not blank
    svg = exports.figure_to_svg(item.figure, footer)
    root = ET.fromstring(svg)
    assert root.tag.endswith("svg")
    texts = " ".join(t for t in root.itertext())
    assert "Is the programme useful?" in texts and "Source: Partnership barometer" in texts
    assert "Exported 2026-11-25" in texts
    assert not any(share in texts for share in SOUTH_SHARES)


def test_deck_has_a_title_slide_and_one_slide_per_chart_with_numbers_in_the_notes(image_server: None) -> None:
    first, second = chart("fi"), chart("fi")
    title = exports.DeckTitle("Kumppanuusbaro", "Question explorer", ("2023 · Uusimaa", "k = 5", "2026-11-25"))
    data = exports.build_deck(title, [first, second], footer=exports.compose_footer(*FOOTER))
    deck = Presentation(io.BytesIO(data))
    assert (deck.slide_width, deck.slide_height) == (12192000, 6858000) or \
        abs(deck.slide_width / deck.slide_height - 16 / 9) < 0.01
    slides = list(deck.slides)
    assert len(slides) == 3

    def texts(slide: object) -> list[str]:
        return [shape.text_frame.text for shape in slide.shapes if shape.has_text_frame]  # type: ignore[attr-defined]

    assert texts(slides[0])[:3] == ["Kumppanuusbaro", "Question explorer", "2023 · Uusimaa\nk = 5\n2026-11-25"]
    for slide in slides[1:]:
        shown = texts(slide)
        assert shown[:2] == [first.title, first.caption]
        assert first.note in shown and exports.compose_footer(*FOOTER) in shown
        assert sum(1 for shape in slide.shapes if shape.shape_type == 13) == 1  # one picture
        notes = slide.notes_slide.notes_text_frame.text
        assert "All — n: 33" in notes
        assert f"South — n: {HIDDEN_MARKER}" in notes
        assert not any(share in notes for share in SOUTH_SHARES)
