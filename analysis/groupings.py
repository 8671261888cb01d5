"""Derived groupings and the menu of views the anonymity gate protects.

Why here: respondents store their background as answered (organisation type, ELY area, survey
language); the sector and the 2026 centre are derived from the reference lists. The menu's
dimensions and classes were chosen from the gate's visibility report (see docs/anonymity.md):
ELY areas but not the 2026 centres beside them (nested regional groupings difference against
each other), and sectors in three classes, companies folded into "other" (a tiny private class
dragged a second class into hiding).
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from anonymity import NOT_STATED, Menu
from codebook import Reference

#: Menu dimension -> respondent column it is read from.
DIMENSION_SOURCES: dict[str, str] = {
    "sector": "org_type",
    "org_type": "org_type",
    "ely_area": "ely_area",
    "centre": "ely_area",
    "language": "survey_language",
}

#: The dimensions offered by the dashboard, in menu order.
MENU_DIMENSIONS: tuple[str, ...] = ("sector", "org_type", "ely_area", "language")

#: Sector classes of the menu: companies join "other" (see the module docstring).
MENU_SECTOR_CLASSES: dict[str, str] = {
    "public": "public",
    "third_sector": "third_sector",
    "private": "other",
    "other": "other",
}


def sector_classes(reference: Reference, merge: Mapping[str, str] | None = None) -> dict[str, str]:
    """Organisation type -> menu sector class."""
    classes = MENU_SECTOR_CLASSES if merge is None else merge
    return {code: classes[reference.sector_of(code)] for code in reference.codes("organisation_types")}


def derive_dimensions(respondents: pd.DataFrame, reference: Reference,
                      dimensions: tuple[str, ...] = MENU_DIMENSIONS,
                      merge: Mapping[str, str] | None = None) -> pd.DataFrame:
    """Respondent id, wave and one column per menu dimension (missing values as NOT_STATED)."""
    out = pd.DataFrame({"respondent_id": respondents["respondent_id"].to_numpy(),
                        "wave": respondents["wave"].to_numpy()})
    sector_map = sector_classes(reference, merge)
    centre_map = {code: reference.centre_of(code) for code in reference.codes("ely_areas")}
    for dim in dimensions:
        source = respondents[DIMENSION_SOURCES[dim]].astype("object")
        if dim == "sector":
            source = source.map(sector_map)
        elif dim == "centre":
            source = source.map(centre_map)
        out[dim] = source.where(source.notna(), NOT_STATED).astype(str).to_numpy()
    return out


def build_menu(reference: Reference, dimensions: tuple[str, ...] = MENU_DIMENSIONS,
               merge: Mapping[str, str] | None = None) -> Menu:
    """The menu with every category of each dimension in reference order, NOT_STATED last."""
    classes = MENU_SECTOR_CLASSES if merge is None else merge
    lists = {
        "sector": tuple(dict.fromkeys(classes[c] for c in reference.codes("sectors"))),
        "org_type": reference.codes("organisation_types"),
        "ely_area": reference.codes("ely_areas"),
        "centre": reference.codes("centres"),
        "language": reference.codes("languages"),
    }
    return Menu(dimensions, {d: tuple(lists[d]) + (NOT_STATED,) for d in dimensions})
