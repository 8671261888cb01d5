"""The current view as a 16:9 PowerPoint deck: a title slide, then one slide per chart.

Why python-pptx with hand-placed shapes: its default template is 4:3 and its placeholders do
not move when the slide is widened, so every box is positioned here for 13.33 × 7.5 inches.
Each chart slide carries its title, base line, the suppression note, the chart image, the
footer (source, k, filters) and, in the speaker notes, the one-sentence summary and the numbers
of the table behind the chart: what the page released, nothing more.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import plotly.graph_objects as go
from PIL import Image
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.util import Emu, Inches, Pt

from exports._images import figure_to_png
from exports._model import ChartExport

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
    """The chart for a slide: the slide itself carries the title, base line and note as text.

    A copy without the figure's own title, subtitle and hidden-marker note, with the top margin
    that held the title mostly given back (legends above the plot keep their room).
    """
    figure = go.Figure(chart.figure)
    top = figure.layout.margin.t if figure.layout.margin.t is not None else 100
    figure.update_layout(title={"text": "", "subtitle": {"text": ""}}, margin={"t": max(50, top - 80)},
                         height=(figure.layout.height or 500) - min(80, max(0, top - 50)))
    kept = [a for a in figure.layout.annotations if (a.text or "") != chart.note]
    figure.layout.annotations = kept
    return figure


def _title_size(title: str) -> int:
    """Long questions get a smaller title, so two lines fit above the base line."""
    return 24 if len(title) <= 70 else 20


def table_notes(chart: ChartExport) -> str:
    """Speaker notes: the summary, then the table's rows as ``header: value`` lines."""
    lines = [chart.summary] if chart.summary else []
    lines.append(chart.caption)
    header = [str(c) for c in chart.table.columns]
    for row in chart.table.itertuples(index=False):
        cells = [str(v) for v in row]
        lines.append(f"{cells[0]} — " + "; ".join(f"{h}: {v}" for h, v in zip(header[1:], cells[1:], strict=True)
                                                 if v.strip()))
    lines.append(chart.note)
    return "\n".join(line for line in lines if line)


def build_deck(title: DeckTitle, charts: Sequence[ChartExport], *, footer: str,
               render_png: Renderer | None = None) -> bytes:
    """The deck as PPTX bytes (title slide + one slide per chart, in the page's order)."""
    render = render_png or (lambda figure: figure_to_png(figure, "", scale=2))
    deck = Presentation()
    deck.slide_width, deck.slide_height = SLIDE_WIDTH, SLIDE_HEIGHT
    content_width = SLIDE_WIDTH - 2 * _MARGIN
    layout = deck.slide_layouts[_BLANK_LAYOUT]

    first = deck.slides.add_slide(layout)
    _text_box(first, _MARGIN, Inches(2.0), content_width, Inches(1.2), [title.title], size=40, bold=True)
    _text_box(first, _MARGIN, Inches(3.3), content_width, Inches(0.7), [title.subtitle], size=24)
    _text_box(first, _MARGIN, Inches(4.2), content_width, Inches(2.2), list(title.details), size=18, colour=_MUTED)
    _text_box(first, _MARGIN, SLIDE_HEIGHT - Inches(0.6), content_width, Inches(0.4), [footer], size=11,
              colour=_MUTED)

    for chart in charts:
        slide = deck.slides.add_slide(layout)
        _text_box(slide, _MARGIN, Inches(0.25), content_width, Inches(0.95), [chart.title],
                  size=_title_size(chart.title), bold=True)
        _text_box(slide, _MARGIN, Inches(1.25), content_width, Inches(0.4), [chart.caption], size=14,
                  colour=_MUTED)
        top, bottom = Inches(1.7), SLIDE_HEIGHT - Inches(1.05)
        _picture_box(slide, render(slide_figure(chart)), _MARGIN, top, content_width, bottom - top)
        _text_box(slide, _MARGIN, SLIDE_HEIGHT - Inches(1.0), content_width, Inches(0.4), [chart.note], size=12,
                  colour=_MUTED)
        _text_box(slide, _MARGIN, SLIDE_HEIGHT - Inches(0.6), content_width, Inches(0.4), [footer], size=11,
                  colour=_MUTED)
        slide.notes_slide.notes_text_frame.text = table_notes(chart)

    buffer = io.BytesIO()
    deck.save(buffer)
    return buffer.getvalue()
