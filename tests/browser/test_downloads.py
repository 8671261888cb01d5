"""Every download button gives a file that opens and holds what the page shows.

On the Question explorer broken down by ELY area (the gate hides some areas): PNG and SVG
decode; CSV and XLSX parse back to the table behind the chart as the page draws it (hidden
cells as the marker, no other number); the sidebar's PowerPoint opens with a title slide and
one slide per chart, the table's numbers in the notes.
"""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
from pathlib import Path

import pandas as pd
from PIL import Image
from playwright.sync_api import Page, expect
from pptx import Presentation

import exports
from charts import HIDDEN_MARKER
from exports._tables import XLSX_HEADER_ROW
from tests.browser.conftest import StreamlitServer, open_app, save_screenshot, wait_for_app_idle

CHART_SVG = '[data-testid="stPlotlyChart"] svg.main-svg'
NBSP = "\u00a0"


def download(page: Page, selector: str, target: Path) -> Path:
    with page.expect_download(timeout=60_000) as info:
        page.locator(selector).get_by_role("button").click()
    path = target / info.value.suggested_filename
    info.value.save_as(path)
    return path


def shown_table(page: Page) -> pd.DataFrame:
    """The table behind the chart as the page draws it (text, as in the HTML table)."""
    page.get_by_test_id("stExpander").get_by_text("Näytä luvut taulukkona").click()
    table = page.get_by_test_id("stTable")
    expect(table).to_be_visible()
    wait_for_app_idle(page)
    header = [c.strip() for c in table.locator("thead th").all_text_contents()]
    rows = [[c.strip() for c in row.locator("th, td").all_text_contents()] for row in table.locator("tbody tr").all()]
    if len(header) == len(rows[0]) + 1:  # a blank index header
        header = header[1:]
    return pd.DataFrame(rows, columns=header)


def same_cell(parsed: object, expected: object) -> bool:
    if isinstance(expected, int | float):
        return abs(float(str(parsed).replace(",", ".")) - float(expected)) < 1e-9
    blank = parsed is None or (isinstance(parsed, float) and pd.isna(parsed))  # an empty XLSX cell
    return ("" if blank else str(parsed).strip()) == str(expected).strip()


def test_every_download_opens_and_matches_the_page(page: Page, streamlit_server: StreamlitServer,
                                                   tmp_path: Path) -> None:
    open_app(page, "/explorer", lang="fi", wave="2023", q="programme_useful", by="ely")
    page.wait_for_selector(CHART_SVG)
    wait_for_app_idle(page)
    page.get_by_test_id("stExpander").get_by_text("Lataa kuvio tai luvut").click()
    page.wait_for_selector(".st-key-explorer_download_png button")
    wait_for_app_idle(page)
    files = {ext: download(page, f".st-key-explorer_download_{ext}", tmp_path) for ext in ("png", "svg", "csv", "xlsx")}
    assert {path.suffix for path in files.values()} == {".png", ".svg", ".csv", ".xlsx"}
    # The name says which question, wave and breakdown (ASCII only).
    assert {path.stem for path in files.values()} == {"kumppanuusbaro-explorer-programme-useful-2023-by-ely"}

    with Image.open(files["png"]) as image:
        assert image.format == "PNG" and image.size[0] == 2400
    svg_text = " ".join(ET.parse(files["svg"]).getroot().itertext())
    assert "Lähde: Kumppanuusbaro" in svg_text and "k" in svg_text

    table = shown_table(page)
    expected = exports.table_to_numbers(table, "fi")
    assert (table.iloc[:, 1:] == HIDDEN_MARKER).to_numpy().any(), "the view hides some areas"
    csv = pd.read_csv(files["csv"], sep=";", encoding="utf-8-sig", dtype=object, keep_default_na=False,
                      skipfooter=5, engine="python")
    assert list(csv.columns) == list(expected.columns)
    assert len(csv) == len(expected)
    for column in expected.columns:
        assert all(same_cell(p, e) for p, e in zip(csv[column], expected[column], strict=True)), column
    assert files["csv"].read_bytes().startswith(b"\xef\xbb\xbf")

    xlsx = pd.read_excel(files["xlsx"], header=XLSX_HEADER_ROW - 1, nrows=len(expected), dtype=object)
    assert list(xlsx.columns) == list(expected.columns)
    for column in expected.columns[1:]:
        assert all(same_cell(p, e) for p, e in zip(xlsx[column], expected[column], strict=True)), column
    # A hidden area: its n is the marker, and so is every other number of its row.
    hidden_rows = table[table.iloc[:, 1] == HIDDEN_MARKER].iloc[:, 0].tolist()
    assert hidden_rows, "at least one area is hidden"
    for frame in (csv, xlsx):
        rows = frame.set_index(frame.columns[0])
        for area in hidden_rows:
            assert {str(v) for v in rows.loc[area].tolist() if str(v).strip() not in ("", "nan")} == {HIDDEN_MARKER}

    deck_path = download(page, ".st-key-page_download_pptx", tmp_path)
    assert deck_path.name.startswith("kumppanuusbaro-kysymykset-programme-useful-2023-by-ely-")
    assert deck_path.name.isascii()
    deck = Presentation(io.BytesIO(deck_path.read_bytes()))
    slides = list(deck.slides)
    assert len(slides) >= 2  # a title slide, then the chart (over several slides when it has many rows)
    assert abs(deck.slide_width / deck.slide_height - 16 / 9) < 0.01
    notes = "\n".join(slide.notes_slide.notes_text_frame.text for slide in slides[1:])
    for area in hidden_rows:
        line = next(line for line in notes.splitlines() if line.startswith(f"{area} — "))
        values = [part.split(": ", 1)[1] for part in line.split(" — ", 1)[1].split("; ")]
        assert set(values) == {HIDDEN_MARKER}, line  # blank cells are left out of the notes
    first_row = table.iloc[0]
    assert f"{first_row.iloc[0]} — {table.columns[1]}: {first_row.iloc[1]}".replace(NBSP, " ") in notes.replace(
        NBSP, " ")
    save_screenshot(page, "downloads-explorer-fi-by-ely")
