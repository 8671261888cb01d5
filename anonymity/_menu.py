"""The menu of views: the only tables the dashboard, exports, links and the CLI may release.

A view is one wave and one question (or the respondents themselves), the whole population or one
value of one dimension (the filter), broken down by at most one other dimension. Keeping the menu
this small is what makes joint protection of all views possible.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass

#: Group keys are sorted ((dimension, value), ...) tuples; () is the whole population.
GroupKey = tuple[tuple[str, str], ...]

#: Category used for respondents whose background value is missing.
NOT_STATED = "not_answered"


class MenuError(ValueError):
    """A request outside the menu (unknown dimension or value, two filters, same dimension twice)."""


@dataclass(frozen=True)
class View:
    """One table of the menu."""

    filter: tuple[str, str] | None = None
    by: str | None = None

    @property
    def filter_key(self) -> GroupKey:
        return () if self.filter is None else (self.filter,)


@dataclass(frozen=True)
class Menu:
    """Dimensions offered, each with its categories in display order (empty ones included)."""

    dimensions: tuple[str, ...]
    categories: Mapping[str, tuple[str, ...]]

    def __post_init__(self) -> None:
        for dim in self.dimensions:
            if dim not in self.categories:
                raise MenuError(f"dimension {dim!r} has no category list")

    def validate(self, view: View) -> View:
        """Return ``view`` if it is on the menu, else raise :class:`MenuError` with the reason."""
        if view.filter is not None:
            dim, value = view.filter
            if dim not in self.dimensions:
                raise MenuError(f"unknown filter dimension {dim!r}; choose from {', '.join(self.dimensions)}")
            if value not in self.categories[dim]:
                raise MenuError(f"unknown value {value!r} for {dim}; choose from {', '.join(self.categories[dim])}")
        if view.by is not None:
            if view.by not in self.dimensions:
                raise MenuError(f"unknown breakdown {view.by!r}; choose from {', '.join(self.dimensions)}")
            if view.filter is not None and view.filter[0] == view.by:
                raise MenuError(f"cannot filter and break down by the same dimension {view.by!r}")
        return view

    def views(self) -> Iterator[View]:
        """Every view of the menu for one question and wave."""
        filters: list[tuple[str, str] | None] = [None]
        filters += [(d, v) for d in self.dimensions for v in self.categories[d]]
        for flt in filters:
            yield View(flt, None)
            for by in self.dimensions:
                if flt is None or flt[0] != by:
                    yield View(flt, by)

    def group_keys(self, view: View) -> list[GroupKey]:
        """Keys of the rows of ``view`` (every category of the breakdown, in order)."""
        base = view.filter_key
        if view.by is None:
            return [base]
        return [make_key(base + ((view.by, value),)) for value in self.categories[view.by]]

    def all_group_keys(self) -> list[GroupKey]:
        """Every group any view of the menu can show: the total, 1-way and 2-way groups."""
        keys: list[GroupKey] = [()]
        for i, d1 in enumerate(self.dimensions):
            for v1 in self.categories[d1]:
                keys.append(((d1, v1),))
                for d2 in self.dimensions[i + 1:]:
                    for v2 in self.categories[d2]:
                        keys.append(make_key(((d1, v1), (d2, v2))))
        return keys


def make_key(pairs: Sequence[tuple[str, str]]) -> GroupKey:
    """Canonical group key: sorted by dimension name."""
    return tuple(sorted(pairs))


def format_key(key: GroupKey) -> str:
    """Stable text form used in storage and JSON: ``dim=value|dim=value`` (empty for the total)."""
    return "|".join(f"{d}={v}" for d, v in key)


def parse_key(text: str) -> GroupKey:
    if not text:
        return ()
    return make_key([tuple(part.split("=", 1)) for part in text.split("|")])  # type: ignore[misc]
