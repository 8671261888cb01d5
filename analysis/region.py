"""An ELY area beside the whole country, and what to offer when the gate hides the area.

Why: coordinators compare their own area with the whole country question by question. Both come
from one released table (the whole country broken down by ELY area), so the area's numbers are
exactly those any other view shows. When the gate hides the area for a question, the page must
not go blank: :func:`releasing_alternatives` ranks other views of the menu by what they show.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from analysis.distributions import TOTAL, distribution_frame, summarise_groups
from anonymity import ReleasedTable, View

AREA_DIMENSION = "ely_area"

__all__ = ["AREA_DIMENSION", "Alternative", "AreaComparison", "compare_area", "releasing_alternatives"]


@dataclass(frozen=True)
class AreaComparison:
    """The area's and the whole country's rows of one question (area first)."""

    area: str
    area_hidden: bool
    summary: pd.DataFrame
    distribution: pd.DataFrame

    @property
    def groups(self) -> list[str]:
        return [self.area, TOTAL]


def compare_area(table: ReleasedTable, area: str, dimension: str = AREA_DIMENSION) -> AreaComparison:
    """Cut the whole-country-by-area table down to the area and the whole country.

    ``table`` must be the view ``View(None, dimension)``; its total is the whole country.
    """
    if table.view != View(None, dimension):
        raise ValueError(f"expected the whole country by {dimension}, got {table.view}")
    summary = summarise_groups(table, drop_hidden_not_answered=False)
    if area not in set(summary["group"]):
        raise ValueError(f"unknown area {area!r}")
    keep = [area, TOTAL]
    summary = summary.loc[summary["group"].isin(keep)].set_index("group").loc[keep].reset_index()
    distribution = distribution_frame(table, drop_hidden_not_answered=False)
    distribution = distribution.loc[distribution["group"].isin(keep)]
    distribution = pd.concat([distribution.loc[distribution["group"] == g] for g in keep], ignore_index=True)
    area_hidden = bool(summary.loc[summary["group"] == area, "hidden"].iloc[0])
    return AreaComparison(area, area_hidden, summary, distribution)


@dataclass(frozen=True)
class Alternative:
    """A view that shows something where the area alone is hidden."""

    view: View
    shown_groups: int
    shown_base: int


def releasing_alternatives(candidates: Mapping[View, ReleasedTable]) -> list[Alternative]:
    """The candidate views that show at least one group's answers, in the candidates' order.

    The caller lists candidates by preference (the area's own breakdowns first, then the whole
    country's coarser views). A breakdown counts the groups it shows below its total (the total
    is the hidden area itself, or the whole country the page already shows); a view without a
    breakdown counts its total. Views that show nothing, and refused views, are dropped.
    """
    found: list[Alternative] = []
    for view, table in candidates.items():
        if table.is_refused:
            continue
        rows = list(table.rows) if view.by is not None else ([table.total] if table.total is not None else [])
        shown = [r for r in rows if not r.hidden and r.base]
        if shown:
            found.append(Alternative(view, len(shown), sum(int(r.base or 0) for r in shown)))
    return found
