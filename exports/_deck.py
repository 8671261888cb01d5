"""The current view as a 16:9 PowerPoint deck: a title slide, then the charts.

Why python-pptx with hand-placed shapes: its default template is 4:3 and its placeholders do
not move when the slide is widened, so every box is positioned here for 13.33 × 7.5 inches.
Each chart slide carries its title, base line, the suppression note (only when a number on it
is hidden), the chart image at the chart box's aspect (``exports._slides``: type stays at
least 12 pt, a long chart continues on further slides marked "(1/3)"), the footer (source, k,
filters) and, in the speaker notes, the one-sentence summary and the numbers of the rows the
slide shows: what the page released, nothing more. A chart that releases nothing is left out.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go
from PIL import Image
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.util import Emu, Inches, Pt

from exports._images import figure_to_png
from exports._model import ChartExport, has_hidden_cell, releases_nothing
from exports._slides import (
    BOX_HEIGHT_IN,
    BOX_LEFT_IN,
    BOX_TOP_IN,
    BOX_WIDTH_IN,
    SLIDE_IMAGE_WIDTH,
    SlidePart,
    row_count,
    split_for_slides,
)

SLIDE_WIDTH = Inches(13.333)
SLIDE_HEIGHT = Inches(7.5)
_MARGIN = Inches(0.5)
_TEXT = RGBColor(0x1A, 0x1A, 0x1A)  # type: ignore[no-untyped-call]  # python-pptx is untyped here
_MUTED = RGBColor(0x59, 0x59, 0x59)  # type: ignore[no-untyped-call]
_BLANK_LAYOUT = 6

Renderer = Callable[[go.Figure], bytes]


@dataclass(frozen=True)
class DeckTitle:
    """The title slide: a heading, a subtitle (the page) and detail lines (wave, filters, k, date)."""

    title: str
    subtitle: str
    details: tuple[str, ...] = ()
    #: The line saying how many charts were left out because they release nothing (written by
    #: the caller, who counts them with :func:`releases_nothing`); shown only when one was.
    omitted: str = ""


def _text_box(slide, left: int, top: int, width: int, height: int, lines: Sequence[str], *,  # type: ignore[no-untyped-def]
              size: int, bold: bool = False, colour: RGBColor = _TEXT) -> None:
    frame = slide.shapes.add_textbox(left, top, width, height).text_frame
    frame.word_wrap = True
    for index, line in enumerate(lines):
        paragraph = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
        run = paragraph.add_run()
        run.text = line
        run.font.size = Pt(size)
        run.font.bold = bold
        run.font.color.rgb = colour


def _picture_box(slide, png: bytes, left: int, top: int, width: int, height: int) -> None:  # type: ignore[no-untyped-def]
    """The image as large as fits the box, keeping its aspect ratio, centred horizontally."""
    with Image.open(io.BytesIO(png)) as image:
        pixels_w, pixels_h = image.size
    scale = min(width / pixels_w, height / pixels_h)
    shown_w, shown_h = int(pixels_w * scale), int(pixels_h * scale)
    slide.shapes.add_picture(io.BytesIO(png), Emu(left + (width - shown_w) // 2), Emu(top), Emu(shown_w),
                             Emu(shown_h))


def slide_figure(chart: ChartExport) -> go.Figure:
    """The chart for one slide (the first, when it is split): the slide's size, no title."""
    return split_for_slides(_without_note(chart))[0].figure


def _without_note(chart: ChartExport) -> go.Figure:
    """The figure without its hidden-marker note: the slide writes the note as text when needed."""
    figure = go.Figure(chart.figure)
    note = " ".join(chart.note.split())
    figure.layout.annotations = [a for a in figure.layout.annotations
                                 if " ".join((a.text or "").replace("<br>", " ").split()) != note]
    return figure


def _title_size(title: str) -> int:
    """Long questions get a smaller title, so two lines fit above the base line."""
    return 24 if len(title) <= 70 else 20


def _part_table(chart: ChartExport, part: SlidePart) -> pd.DataFrame:
    """The table rows a slide shows (all of them when the table's rows are not the figure's)."""
    rows = row_count(chart.figure)
    if part.parts == 1 or rows != len(chart.table):
        return chart.table
    return chart.table.iloc[part.start:part.stop]


def table_notes(chart: ChartExport, table: pd.DataFrame | None = None) -> str:
    """Speaker notes: the summary, then the table's rows as ``header: value`` lines."""
    shown = chart.table if table is None else table
    lines = [chart.summary] if chart.summary else []
    lines.append(chart.caption)
    header = [str(c) for c in shown.columns]
    for row in shown.itertuples(index=False):
        cells = [str(v) for v in row]
        lines.append(f"{cells[0]} — " + "; ".join(f"{h}: {v}" for h, v in zip(header[1:], cells[1:], strict=True)
                                                 if v.strip()))
    if has_hidden_cell(shown):
        lines.append(chart.note)
    return "\n".join(line for line in lines if line)


def render_slide_png(figure: go.Figure) -> bytes:
    """A slide image: the figure's own size (the slide image's), twice as many device pixels."""
    return figure_to_png(figure, "", width=SLIDE_IMAGE_WIDTH, scale=2)


def _add_chart_slides(deck, layout, chart: ChartExport, render: Renderer, footer: str) -> int:  # type: ignore[no-untyped-def]
    content_width = SLIDE_WIDTH - 2 * _MARGIN
    parts = split_for_slides(_without_note(chart))
    for part in parts:
        slide = deck.slides.add_slide(layout)
        title = chart.title if part.parts == 1 else f"{chart.title} ({part.part}/{part.parts})"
        _text_box(slide, _MARGIN, Inches(0.2), content_width, Inches(0.95), [title], size=_title_size(title),
                  bold=True)
        _text_box(slide, _MARGIN, Inches(1.15), content_width, Inches(0.4), [chart.caption], size=14,
                  colour=_MUTED)
        _picture_box(slide, render(part.figure), Inches(BOX_LEFT_IN), Inches(BOX_TOP_IN), Inches(BOX_WIDTH_IN),
                     Inches(BOX_HEIGHT_IN))
        table = _part_table(chart, part)
        if has_hidden_cell(table):
            _text_box(slide, _MARGIN, Inches(6.62), content_width, Inches(0.35), [chart.note], size=12,
                      colour=_MUTED)
        _text_box(slide, _MARGIN, SLIDE_HEIGHT - Inches(0.5), content_width, Inches(0.4), [footer], size=11,
                  colour=_MUTED)
        slide.notes_slide.notes_text_frame.text = table_notes(chart, table)
    return len(parts)


def build_deck(title: DeckTitle, charts: Sequence[ChartExport], *, footer: str,
               render_png: Renderer | None = None) -> bytes:
    """The deck as PPTX bytes: a title slide, then each chart on one slide or more, in page order.

    Charts that release nothing (:func:`releases_nothing`) are left out; the title slide then
    adds ``title.omitted``.
    """
    render = render_png or render_slide_png
    deck = Presentation()
    deck.slide_width, deck.slide_height = SLIDE_WIDTH, SLIDE_HEIGHT
    content_width = SLIDE_WIDTH - 2 * _MARGIN
    layout = deck.slide_layouts[_BLANK_LAYOUT]
    kept = [chart for chart in charts if not releases_nothing(chart)]
    details = list(title.details)
    if len(kept) < len(charts) and title.omitted:
        details.append(title.omitted)

    first = deck.slides.add_slide(layout)
    _text_box(first, _MARGIN, Inches(2.0), content_width, Inches(1.2), [title.title], size=40, bold=True)
    _text_box(first, _MARGIN, Inches(3.3), content_width, Inches(0.7), [title.subtitle], size=24)
    _text_box(first, _MARGIN, Inches(4.2), content_width, Inches(2.2), details, size=18, colour=_MUTED)
    _text_box(first, _MARGIN, SLIDE_HEIGHT - Inches(0.6), content_width, Inches(0.4), [footer], size=11,
              colour=_MUTED)

    for chart in kept:
        _add_chart_slides(deck, layout, chart, render, footer)

    buffer = io.BytesIO()
    deck.save(buffer)
    return buffer.getvalue()
