"""A plain-text progress bar on stderr for long imports.

Why not tqdm: one more pinned dependency for twenty lines. The bar stays silent for the first
second, so small imports and tests print nothing, and it writes whole lines when stderr is not a
terminal (CI logs), at most every ten percent.
"""

from __future__ import annotations

import sys
import time
from typing import TextIO


class Progress:
    """Counts rows of one step (``label``); ``total`` None shows a count without a bar."""

    def __init__(self, label: str, total: int | None = None, *, stream: TextIO | None = None,
                 enabled: bool = True, delay: float = 1.0) -> None:
        self.label = label
        self.total = total
        self.stream = stream if stream is not None else sys.stderr
        self.enabled = enabled
        self.delay = delay
        self.done = 0
        self.started = time.monotonic()
        self._last_draw = 0.0
        self._last_tenth = -1
        self._drawn = False
        self._tty = bool(getattr(self.stream, "isatty", lambda: False)())

    def update(self, count: int = 1) -> None:
        self.done += count
        if not self.enabled or self.done % 500:
            return
        now = time.monotonic()
        if now - self.started < self.delay:
            return
        if self._tty:
            if now - self._last_draw >= 0.2:
                self._draw(now, end="\r")
        else:
            tenth = int(10 * self.done / self.total) if self.total else int(now - self.started) // 10
            if tenth != self._last_tenth:
                self._last_tenth = tenth
                self._draw(now, end="\n")

    def close(self) -> None:
        if self.enabled and self._drawn:
            self._draw(time.monotonic(), end="\n")

    def _draw(self, now: float, end: str) -> None:
        self._last_draw = now
        self._drawn = True
        elapsed = now - self.started
        if self.total:
            share = min(self.done / self.total, 1.0)
            filled = int(share * 30)
            bar = "#" * filled + "." * (30 - filled)
            text = (f"{self.label} [{bar}] {share:4.0%} {self.done:,}/{self.total:,} rows "
                    f"{elapsed:5.1f} s")
        else:
            text = f"{self.label}: {self.done:,} rows {elapsed:5.1f} s"
        self.stream.write(text + end)
        self.stream.flush()
