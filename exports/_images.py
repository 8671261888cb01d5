"""Chart images (PNG, SVG) through kaleido and one persistent headless chromium.

Why persistent: starting chromium costs about 2 s per image, a running one about 0.2 s. The
server starts on the first export (never on a page rerun) and lives for the process. kaleido
finds Debian's ``/usr/bin/chromium`` itself (or ``BROWSER_PATH``); it must never try to
download a browser, so ``kaleido.get_chrome_sync`` is not called anywhere.
"""

from __future__ import annotations

import copy
import threading
from typing import Any

import kaleido
import plotly.graph_objects as go

from exports._model import SEPARATOR

#: Width of exported images in CSS pixels (the page's chart column at a wide layout).
IMAGE_WIDTH = 1200
#: Pixel density of PNGs: sharp on slides and in print.
PNG_SCALE = 2
#: Height used when a figure does not set its own.
DEFAULT_HEIGHT = 600
#: Room below the plot for the first footer line, and for each further line.
FOOTER_PIXELS = 34
FOOTER_LINE_PIXELS = 20
#: Characters per footer line at 14 px in a 1200 px image (the footer wraps at its " · " parts).
FOOTER_LINE_CHARS = 120
_FOOTER_FONT = {"size": 14, "color": "#595959"}

_server_lock = threading.Lock()


def start_image_server() -> None:
    """Start kaleido's persistent browser once per process (later calls do nothing)."""
    with _server_lock:
        if not kaleido._global_server.is_running():  # noqa: SLF001 - kaleido has no public probe
            # mathjax=False: no MathJax from a CDN (the app is offline-clean).
            kaleido.start_sync_server(mathjax=False, silence_warnings=True)


def wrap_footer(footer: str, width: int = FOOTER_LINE_CHARS) -> list[str]:
    """The footer in lines of at most ``width`` characters, broken between its parts."""
    lines: list[str] = []
    for part in footer.split(SEPARATOR):
        if lines and len(lines[-1]) + len(SEPARATOR) + len(part) <= width:
            lines[-1] = f"{lines[-1]}{SEPARATOR}{part}"
        else:
            lines.append(part)
    return lines


def with_footer(figure: go.Figure, footer: str) -> go.Figure:
    """A copy of ``figure`` with ``footer`` written under everything else, and no hover labels.

    The page's figure is shared (cached): it is never changed in place.
    """
    copied = go.Figure(figure)
    layout = copied.layout
    bottom = layout.margin.b if layout.margin.b is not None else 80
    height = layout.height or DEFAULT_HEIGHT
    lines = wrap_footer(footer) if footer else []
    extra = FOOTER_PIXELS + FOOTER_LINE_PIXELS * (len(lines) - 1) if lines else 0
    copied.update_layout(height=height + extra, margin={"b": bottom + extra}, hovermode=False)
    if lines:
        copied.add_annotation(
            text="<br>".join(lines), xref="paper", yref="paper", x=0, y=0, yshift=-bottom - 8, xanchor="left",
            yanchor="top", showarrow=False, font=copy.deepcopy(_FOOTER_FONT), align="left",
        )
    return copied


def _render(figure: go.Figure, footer: str, image_format: str, width: int, scale: float) -> bytes:
    start_image_server()
    framed = with_footer(figure, footer)
    opts: dict[str, Any] = {"format": image_format, "width": framed.layout.width or width,
                            "height": framed.layout.height,
                            "scale": scale}
    data: bytes = kaleido.calc_fig_sync(framed, opts=opts)
    return data


def figure_to_png(figure: go.Figure, footer: str = "", *, width: int = IMAGE_WIDTH, scale: float = PNG_SCALE) -> bytes:
    """The figure as a PNG (``width`` CSS pixels wide unless the figure sets its own width,
    ``scale`` times as many device pixels)."""
    return _render(figure, footer, "png", width, scale)


def figure_to_svg(figure: go.Figure, footer: str = "", *, width: int = IMAGE_WIDTH) -> bytes:
    """The figure as an SVG document (text stays text: searchable and sharp at any size)."""
    return _render(figure, footer, "svg", width, 1)
