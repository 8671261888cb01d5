"""The one colour palette of the dashboard.

Why fixed colours: a wave keeps its colour on every page, in exports and in screenshots, so a
reader learns it once. The colours come from the Okabe–Ito set, which stays distinguishable with
the common colour-vision deficiencies; the two wave colours also reach 3:1 contrast against the
white background (WCAG 2.1 non-text contrast).
"""

from __future__ import annotations

#: Okabe & Ito (2008), "Color Universal Design"; safe for protan, deutan and tritan vision.
OKABE_ITO: dict[str, str] = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "bluish_green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish_purple": "#CC79A7",
}

#: One colour per survey wave, fixed across the app (contrast to white: 3.9:1 and 5.2:1).
WAVE_COLOURS: dict[int, str] = {
    2020: OKABE_ITO["vermillion"],
    2023: OKABE_ITO["blue"],
}

#: Colours for further waves, in order, once the survey runs again: the remaining Okabe–Ito
#: colours that keep 3:1 against white (bluish green 3.4:1, black 21:1).
EXTRA_WAVE_COLOURS: tuple[str, ...] = (
    OKABE_ITO["bluish_green"],
    OKABE_ITO["black"],
)

#: Text and marks that must read on white (contrast over 7:1).
TEXT_COLOUR = "#1A1A1A"
#: The marker of hidden groups: neutral, never a wave colour (contrast 7:1).
HIDDEN_COLOUR = "#595959"
GRID_COLOUR = "#D9D9D9"
BACKGROUND_COLOUR = "#FFFFFF"
#: Quoted: an unquoted "Source Sans 3" is invalid CSS (a number in a family name), and the browser
#: then drops the whole font-family, so Plotly's default font was drawn instead. "Source Sans" is
#: the name Streamlit serves its font under.
FONT_FAMILY = '"Source Sans", "Source Sans Pro", "Source Sans 3", Arial, sans-serif'
#: Smallest font size of any chart text, in pixels.
MIN_FONT_SIZE = 14


def wave_colour(wave: int) -> str:
    """The colour of ``wave``; later waves (planned every two years) take the extra colours."""
    if wave in WAVE_COLOURS:
        return WAVE_COLOURS[wave]
    position = max(0, (wave - max(WAVE_COLOURS) - 1) // 2)
    return EXTRA_WAVE_COLOURS[position % len(EXTRA_WAVE_COLOURS)]
