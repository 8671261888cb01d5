"""Independent audit of hiding patterns by linear programming over everything released.

Why a second implementation: the suppression step uses rank tests and one support LP per count
column; this audit re-derives, for every small group, the minimum and maximum of its size, base,
skips and answer counts that are consistent with ALL released numbers of a question (its own
views plus the population counts of the Overview) and non-negativity, as tau-Argus and
GaussSuppression do. Tests run it on random populations; the report runs it on the demo data.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy.optimize import linprog
from scipy.sparse import lil_matrix

from anonymity._menu import GroupKey, Menu
from anonymity._suppression import SKIP, Pattern, describable_groups, group_mask


@dataclass(frozen=True)
class Exposure:
    """A protected quantity of a small group that the released numbers pin down exactly."""

    group: GroupKey
    quantity: str
    value: float


def shown_masks(labels: pd.DataFrame, menu: Menu, pattern: Pattern) -> list[np.ndarray]:
    """Cell indicators of every distinct group the pattern shows."""
    rows: dict[bytes, np.ndarray] = {}
    for key in menu.all_group_keys():
        if not pattern.is_hidden(key):
            mask = group_mask(labels, key)
            if mask.any():
                rows.setdefault(mask.tobytes(), mask)
    return list(rows.values())


def view_remainders(labels: pd.DataFrame, menu: Menu, pattern: Pattern) -> list[tuple[GroupKey, np.ndarray]]:
    """For each view with a shown total: the cells of its hidden rows (derivable as a difference)."""
    out: dict[bytes, tuple[GroupKey, np.ndarray]] = {}
    for view in menu.views():
        if view.by is None or pattern.is_hidden(view.filter_key):
            continue
        rest = group_mask(labels, view.filter_key)
        for key in menu.group_keys(view):
            if not pattern.is_hidden(key):
                rest = rest & ~group_mask(labels, key)
        if rest.any():
            out.setdefault(rest.tobytes(), (view.filter_key + (("remainder_of", str(view.by)),), rest))
    return list(out.values())


def audit_question(
    labels: pd.DataFrame,
    population: np.ndarray,
    categories: pd.DataFrame | None,
    multi_select: bool,
    menu: Menu,
    question_pattern: Pattern | None,
    population_pattern: Pattern,
    k: int,
) -> list[Exposure]:
    """Exact LP audit of one question (or, with ``categories=None``, of the population counts).

    Variables per cell: skips and option counts (single choice: options partition the base;
    multi-select: a base variable and a tick count per option bounded by it). Equations: each
    group shown in the question's views releases its population, base, skips and option counts;
    each group shown in the Overview releases its population. A small group (population 1..k-1,
    or base under k) is exposed when one of its quantities has equal LP minimum and maximum and
    that value is not zero (a shown group with no answers in a category says so of all its parts),
    and the skip count of a group of k or more, which says something only together with its base
    (checked itself; "all of them skipped" is like a shown group all in one option).
    """
    n = len(labels)
    pop_rows = shown_masks(labels, menu, population_pattern)
    if categories is None:
        names = ["population"]
        blocks = {"population": 0}
        n_vars = n
        quantity_cols: dict[str, list[int]] = {"population": [0]}
        truth = population.copy()
    else:
        options = [c for c in categories.columns if c != SKIP]
        names = [SKIP] + (["__base__"] if multi_select else []) + options
        blocks = {name: i for i, name in enumerate(names)}
        n_vars = n * len(names)
        truth = np.concatenate([categories[SKIP].to_numpy(float)]
                               + ([population - categories[SKIP].to_numpy(float)] if multi_select else [])
                               + [categories[o].to_numpy(float) for o in options])
        base_parts = ["__base__"] if multi_select else options
        quantity_cols = {"population": [blocks[SKIP]] + [blocks[p] for p in base_parts],
                         "base": [blocks[p] for p in base_parts], SKIP: [blocks[SKIP]]}
        quantity_cols.update({o: [blocks[o]] for o in options})

    def row_for(mask: np.ndarray, cols: Sequence[int]) -> np.ndarray:
        row = np.zeros(n_vars)
        for col in cols:
            row[col * n:(col + 1) * n] = mask
        return row

    eq_rows = [row_for(m, quantity_cols["population"]) for m in pop_rows]
    targets: list[tuple[GroupKey, np.ndarray]] = describable_groups(labels, menu.dimensions)
    if categories is not None and question_pattern is not None:
        for mask in shown_masks(labels, menu, question_pattern):
            eq_rows += [row_for(mask, cols) for cols in quantity_cols.values()]
        targets = targets + view_remainders(labels, menu, question_pattern)
    else:
        targets = targets + view_remainders(labels, menu, population_pattern)
    a_eq = np.array(eq_rows).reshape(len(eq_rows), n_vars)
    b_eq = a_eq @ truth
    a_ub = None
    if multi_select and categories is not None:
        a_ub_l = lil_matrix((n * (len(names) - 2), n_vars))
        r = 0
        for name in names[2:]:
            for c in range(n):
                a_ub_l[r, blocks[name] * n + c] = 1.0
                a_ub_l[r, blocks["__base__"] * n + c] = -1.0
                r += 1
        a_ub = a_ub_l.toarray()
    exposures: list[Exposure] = []
    base_cells = population if categories is None else (
        truth[blocks["__base__"] * n:(blocks["__base__"] + 1) * n] if multi_select
        else population - categories[SKIP].to_numpy(float))
    for key, mask in targets:
        pop = float(mask @ population)
        if pop == 0 or (categories is None and pop >= k) or (categories is not None and float(mask @ base_cells) >= k):
            continue
        pop_low, pop_high = _range(a_eq, b_eq, a_ub, row_for(mask.astype(float), quantity_cols["population"]))
        population_pinned = pop_high - pop_low < 0.5
        for name, cols in quantity_cols.items():
            if name == "population":
                if pop < k and population_pinned:
                    exposures.append(Exposure(key, name, pop))
                continue  # a population of k or more may be shown (the Overview does)
            target = row_for(mask.astype(float), cols)
            value = float(target @ truth)
            if value == 0:
                continue  # a zero count is tolerated (a shown group with none says so of its parts)
            if name == SKIP and pop >= k:
                continue  # skips of a group of k or more: only with its base (checked) would they say more
            low, high = _range(a_eq, b_eq, a_ub, target)
            if high - low < 0.5:
                exposures.append(Exposure(key, name, value))
    return exposures


def _range(a_eq: np.ndarray, b_eq: np.ndarray, a_ub: np.ndarray | None, target: np.ndarray) -> tuple[float, float]:
    """Min and max of ``target @ x`` subject to the released equations and x >= 0."""
    b_ub = None if a_ub is None else np.zeros(a_ub.shape[0])
    lo = linprog(target, A_ub=a_ub, b_ub=b_ub, A_eq=a_eq, b_eq=b_eq, bounds=(0, None), method="highs")
    hi = linprog(-target, A_ub=a_ub, b_ub=b_ub, A_eq=a_eq, b_eq=b_eq, bounds=(0, None), method="highs")
    low = float(lo.fun) if lo.status == 0 else 0.0
    high = float(-hi.fun) if hi.status == 0 else float("inf")
    return low, high
