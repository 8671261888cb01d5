"""Numbers as each language writes them.

Why here: chart labels and the tables behind the charts must show the same digits, and both are
built in this pure package. Finnish and Swedish write a decimal comma and a space between
thousands (a no-break space, so a number never wraps); English a decimal point and a comma.
"""

from __future__ import annotations

import pandas as pd

#: The one public marker of a number that is not shown (hidden or empty group).
HIDDEN_MARKER = "–"

_NO_BREAK_SPACE = "\u00a0"
_SEPARATORS: dict[str, tuple[str, str]] = {
    "fi": (",", _NO_BREAK_SPACE),
    "sv": (",", _NO_BREAK_SPACE),
    "en": (".", ","),
}


def plotly_separators(language: str) -> str:
    """Plotly's ``layout.separators`` (decimal mark, then thousands mark) for ``language``."""
    decimal, thousands = _SEPARATORS[language]
    return decimal + (" " if thousands == _NO_BREAK_SPACE else thousands)


def format_number(value: object, language: str, decimals: int = 0) -> str:
    """``value`` with the language's separators; ``None``, NaN and NA become :data:`HIDDEN_MARKER`."""
    if value is None or bool(pd.isna(value)):
        return HIDDEN_MARKER
    try:
        decimal, thousands = _SEPARATORS[language]
    except KeyError:
        raise ValueError(f"unknown language {language!r}") from None
    text = f"{float(value):,.{decimals}f}"  # type: ignore[arg-type]
    return text.replace(",", "\0").replace(".", decimal).replace("\0", thousands)


def format_count(value: object, language: str) -> str:
    """A respondent count (whole number) or the hidden marker."""
    return format_number(value, language, decimals=0)
