"""The released-table type: the only input chart builders, exports and the CLI accept.

A :class:`ReleasedTable` can only be made by :func:`release_view`, which applies the stored
hiding pattern; its rows carry values for shown groups and one public marker for hidden and
empty groups alike (telling them apart would tell an attacker which hidden groups are small).
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from anonymity._menu import GroupKey, Menu, View, format_key, make_key
from anonymity._policy import Policy
from anonymity._suppression import CellTable, Pattern, group_mask

_RELEASE_TOKEN = object()

#: Refusal codes a page translates into a sentence; the detail stays internal.
REFUSED_SMALL_POPULATION = "population_under_k"
REFUSED_STALE_PATTERN = "pattern_out_of_date"


class ReleaseError(ValueError):
    """A release was requested that the gate cannot serve (outside the menu, stale pattern)."""


@dataclass(frozen=True)
class ReleasedRow:
    """One group of a released table; every number is ``None`` when the group is hidden."""

    key: GroupKey
    category: str | None
    hidden: bool
    population: int | None
    base: int | None
    counts: tuple[tuple[str, int], ...] | None

    def count(self, code: str) -> int | None:
        if self.counts is None:
            return None
        return dict(self.counts)[code]

    def share(self, code: str) -> float | None:
        """Share of the answering base (multi-select: of respondents, not of ticks)."""
        count = self.count(code)
        if count is None or not self.base:
            return None
        return count / self.base


@dataclass(frozen=True)
class ReleasedTable:
    """A protected table of one view: the whole filtered population and its breakdown rows."""

    question_id: str | None
    question_type: str
    wave: int
    view: View
    option_codes: tuple[str, ...]
    option_values: tuple[float | None, ...]
    dont_know_codes: tuple[str, ...]
    total: ReleasedRow | None
    rows: tuple[ReleasedRow, ...]
    k: int
    refused: str | None = None
    _token: object = field(default=None, repr=False, compare=False)

    def __post_init__(self) -> None:
        if self._token is not _RELEASE_TOKEN:
            raise TypeError("ReleasedTable is made only by anonymity.release_view")

    @property
    def hidden_count(self) -> int:
        """How many groups this view hides (the total counts when it is hidden)."""
        rows = list(self.rows) + ([self.total] if self.total is not None else [])
        return sum(1 for r in rows if r.hidden)

    @property
    def is_refused(self) -> bool:
        return self.refused is not None

    def to_frame(self) -> pd.DataFrame:
        """Long table: one row per group and option, numbers as nullable integers."""
        records = []
        for row in ([self.total] if self.total else []) + list(self.rows):
            for code in self.option_codes or ("",):
                records.append({
                    "group": format_key(row.key), "category": row.category, "hidden": row.hidden,
                    "population": row.population, "base": row.base, "option": code or None,
                    "count": row.count(code) if code else None,
                    "share": row.share(code) if code else None,
                })
        frame = pd.DataFrame.from_records(records)
        for col in ("population", "base", "count"):
            if col in frame:
                frame[col] = frame[col].astype("Int64")
        return frame


def cells_fingerprint(cells: CellTable) -> str:
    """Hash of the cell counts a pattern was computed from; a release checks it still matches."""
    digest = hashlib.sha256()
    digest.update(pd.util.hash_pandas_object(cells.labels, index=False).values.tobytes())
    digest.update(cells.population.astype(np.int64).tobytes())
    if cells.categories is not None:
        digest.update(",".join(map(str, cells.categories.columns)).encode())
        digest.update(cells.categories.to_numpy().astype(np.int64).tobytes())
    return digest.hexdigest()[:32]


def release_view(
    cells: CellTable,
    view: View,
    pattern: Pattern,
    menu: Menu,
    policy: Policy,
    *,
    wave: int,
    question_id: str | None = None,
    question_type: str = "population",
    option_codes: Sequence[str] = (),
    option_values: Sequence[float | None] = (),
    dont_know_codes: Sequence[str] = (),
) -> ReleasedTable:
    """Release one view of the menu under ``pattern``.

    A view whose filtered population is under k releases nothing but the refusal code. Every
    category of the breakdown is listed; hidden and empty groups carry the same marker.
    """
    menu.validate(view)
    filter_mask = group_mask(cells.labels, view.filter_key)
    common = dict(question_id=question_id, question_type=question_type, wave=wave, view=view,
                  option_codes=tuple(option_codes), option_values=tuple(option_values),
                  dont_know_codes=tuple(dont_know_codes), k=policy.k, _token=_RELEASE_TOKEN)
    if float(filter_mask @ cells.population) < policy.k:
        return ReleasedTable(total=None, rows=(), refused=REFUSED_SMALL_POPULATION, **common)
    total = _row(cells, view.filter_key, None, pattern, option_codes)
    rows: tuple[ReleasedRow, ...] = ()
    if view.by is not None:
        rows = tuple(
            _row(cells, make_key(view.filter_key + ((view.by, value),)), value, pattern, option_codes)
            for value in menu.categories[view.by]
        )
    return ReleasedTable(total=total, rows=rows, **common)


def _row(cells: CellTable, key: GroupKey, category: str | None, pattern: Pattern,
         option_codes: Sequence[str]) -> ReleasedRow:
    mask = group_mask(cells.labels, key)
    population = int(mask @ cells.population)
    if pattern.is_hidden(key) or population == 0:
        return ReleasedRow(key, category, True, None, None, None)
    base = int(mask @ cells.base)
    counts = None
    if cells.categories is not None:
        counts = tuple((code, int(mask @ cells.categories[code].to_numpy())) for code in option_codes)
    return ReleasedRow(key, category, False, population, base, counts)




def refuse_view(released: ReleasedTable, view: View, reason: str) -> ReleasedTable:
    """A refusal of ``view`` for the question of ``released``: its metadata, no number at all.

    Why: a layer above the gate may narrow the menu for some questions (open answers are offered
    for all respondents and sectors only); its refusals are still released tables, so charts and
    exports treat them like the gate's own, and no caller copies the gate's token by hand.
    """
    return dataclasses.replace(released, view=view, total=None, rows=(), refused=reason)
