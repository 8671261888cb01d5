"""Joint primary and complementary suppression over every view of the menu.

Why joint: the views of one question and wave share respondents, so a group hidden in one table
can be computed from two others. All released numbers are sums over *cells* (the finest cross of
the menu's dimensions), so the released equations of every view together form one linear system
per answer category. A small group is protected when its indicator is not in the row space of
the shown groups (rank test), no view's hidden remainder is small, and no answer count becomes
exact once the zeros the shown groups reveal are taken into account.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from itertools import combinations

import numpy as np
import pandas as pd
import scipy.linalg
from scipy.optimize import linprog
from threadpoolctl import threadpool_limits

from anonymity._joint import QuestionColumns, joint_exposures
from anonymity._menu import NOT_STATED, GroupKey, Menu, make_key
from anonymity._policy import Policy

_EPS = 1e-7

#: Internal reasons, for tests and audits only; readers see one public marker.
REASON_EMPTY = "empty"
REASON_PRIMARY = "primary"
REASON_POPULATION = "population"
REASON_COMPLEMENTARY = "complementary"
#: A population count hidden because a question of the wave hides the group (see protect_wave).
REASON_QUESTIONS = "hidden_in_questions"


@dataclass(frozen=True)
class Pattern:
    """The hiding decision for every group of the menu, for one question (or the population)."""

    hidden: frozenset[GroupKey]
    reasons: Mapping[GroupKey, str] = field(default_factory=dict)

    def is_hidden(self, key: GroupKey) -> bool:
        return key in self.hidden

    def count_by_reason(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for reason in self.reasons.values():
            out[reason] = out.get(reason, 0) + 1
        return out


@dataclass(frozen=True)
class CellTable:
    """Respondents aggregated to the finest cells of the menu's dimensions.

    ``labels`` has one row per non-empty cell (a column per dimension); ``population`` counts its
    respondents; ``categories`` has a column per answer category of one question (``None`` for the
    population-only table), where ``__skip__`` counts those who did not answer.
    """

    labels: pd.DataFrame
    population: np.ndarray
    base: np.ndarray
    categories: pd.DataFrame | None = None


SKIP = "__skip__"


def prepare_respondents(respondents: pd.DataFrame, menu: Menu) -> pd.DataFrame:
    """Respondent id plus one string column per menu dimension, missing values as NOT_STATED."""
    frame = respondents[["respondent_id", *menu.dimensions]].copy()
    for dim in menu.dimensions:
        frame[dim] = frame[dim].astype("object").where(frame[dim].notna(), NOT_STATED).astype(str)
    return frame


def build_cells(respondents: pd.DataFrame, menu: Menu, answers: pd.DataFrame | None = None,
                option_codes: Sequence[str] = ()) -> CellTable:
    """Aggregate respondents (and one question's long-form answers) to cells."""
    people = prepare_respondents(respondents, menu)
    dims = list(menu.dimensions)
    cell_of = people.groupby(dims, sort=True).ngroup()
    labels = people[dims].assign(_cell=cell_of.values).drop_duplicates("_cell").sort_values("_cell")
    labels = labels.drop(columns="_cell").reset_index(drop=True)
    n_cells = len(labels)
    population = np.bincount(cell_of.values, minlength=n_cells).astype(float)
    if answers is None:
        return CellTable(labels, population, population.copy(), None)
    cell_by_id = pd.Series(cell_of.values, index=people["respondent_id"].values)
    answered = answers.loc[answers["respondent_id"].isin(cell_by_id.index)]
    distinct = answered.drop_duplicates(["respondent_id", "option_code"])
    base_ids = answered["respondent_id"].drop_duplicates()
    base = np.bincount(cell_by_id.loc[base_ids.values].values, minlength=n_cells).astype(float)
    columns: dict[str, np.ndarray] = {SKIP: population - base}
    for code in option_codes:
        ids = distinct.loc[distinct["option_code"] == code, "respondent_id"].values
        columns[code] = np.bincount(cell_by_id.loc[ids].values, minlength=n_cells).astype(float)
    return CellTable(labels, population, base, pd.DataFrame(columns))


def group_mask(labels: pd.DataFrame, key: GroupKey) -> np.ndarray:
    """Which cells belong to the group ``key``."""
    mask = np.ones(len(labels), dtype=bool)
    for dim, value in key:
        mask &= labels[dim].to_numpy() == value
    return mask


def describable_groups(labels: pd.DataFrame, dimensions: Sequence[str]) -> list[tuple[GroupKey, np.ndarray]]:
    """Every non-empty group the dimensions can describe, alone or intersected (not the total)."""
    groups: dict[bytes, tuple[GroupKey, np.ndarray]] = {}
    for size in range(1, len(dimensions) + 1):
        for dims in combinations(dimensions, size):
            by: str | list[str] = dims[0] if size == 1 else list(dims)
            for values, index in labels.groupby(by, sort=True).indices.items():
                vals = values if isinstance(values, tuple) else (values,)
                mask = np.zeros(len(labels), dtype=bool)
                mask[np.asarray(index)] = True
                groups.setdefault(mask.tobytes(), (make_key(list(zip(dims, vals, strict=True))), mask))
    return list(groups.values())


@dataclass
class _System:
    """Unique released groups (by cell set) and what hides them."""

    keys: list[list[GroupKey]]
    masks: np.ndarray  # n_groups x n_cells, float
    tier: np.ndarray  # 0 = two-way, 1 = one-way, 2 = the total: cheaper to hide first
    hidden: np.ndarray
    reason: list[str]


def _build_system(labels: pd.DataFrame, menu: Menu) -> tuple[_System, dict[GroupKey, int]]:
    by_mask: dict[bytes, int] = {}
    keys: list[list[GroupKey]] = []
    masks: list[np.ndarray] = []
    tiers: list[int] = []
    index_of: dict[GroupKey, int] = {}
    for key in menu.all_group_keys():
        mask = group_mask(labels, key)
        sig = mask.tobytes()
        tier = {0: 2, 1: 1}.get(len(key), 0)
        if sig not in by_mask:
            by_mask[sig] = len(keys)
            keys.append([])
            masks.append(mask)
            tiers.append(tier)
        idx = by_mask[sig]
        keys[idx].append(key)
        tiers[idx] = max(tiers[idx], tier)
        index_of[key] = idx
    n = len(keys)
    system = _System(keys, np.array(masks, dtype=float).reshape(n, len(labels)), np.array(tiers),
                     np.zeros(n, dtype=bool), [""] * n)
    return system, index_of


@dataclass(frozen=True)
class _Structure:
    """What depends only on the cells and the menu: shared by every question of a wave."""

    keys: list[list[GroupKey]]
    masks: np.ndarray
    tier: np.ndarray
    describable: np.ndarray
    children: list[tuple[int, list[int]]]


_STRUCTURES: dict[tuple[object, ...], _Structure] = {}


def _structure(labels: pd.DataFrame, menu: Menu) -> _Structure:
    """Group masks, describable groups and view children of these cells (cached, small LRU)."""
    cache_key = (tuple(map(tuple, labels.to_numpy().tolist())), menu.dimensions,
                 tuple(sorted((d, tuple(v)) for d, v in menu.categories.items())))
    found = _STRUCTURES.get(cache_key)
    if found is None:
        system, index_of = _build_system(labels, menu)
        groups = describable_groups(labels, menu.dimensions)
        describable = np.array([m for _, m in groups], dtype=float).reshape(len(groups), len(labels))
        found = _Structure(system.keys, system.masks, system.tier, describable, _view_children(menu, index_of))
        if len(_STRUCTURES) >= 8:
            _STRUCTURES.pop(next(iter(_STRUCTURES)))
        _STRUCTURES[cache_key] = found
    return found


def _view_children(menu: Menu, index_of: Mapping[GroupKey, int]) -> list[tuple[int, list[int]]]:
    out: list[tuple[int, list[int]]] = []
    for view in menu.views():
        if view.by is None:
            continue
        parent = index_of[view.filter_key]
        children = sorted({index_of[k] for k in menu.group_keys(view)})
        out.append((parent, children))
    return out


def _choose_to_hide(system: _System, shown_idx: np.ndarray, y: np.ndarray, null_norm: np.ndarray,
                    base: np.ndarray) -> int | None:
    """The shown group to hide next so that a target leaves the span of the shown groups.

    Candidates are the groups the target's representation uses. The whole population is hidden
    only when nothing else is used; otherwise groups used by every representation (hiding one
    surely helps) come first, then two-way before one-way groups, then the smallest base.
    """
    used = np.abs(y) > _EPS
    if not used.any():
        return None
    # a group outside every left null vector is used by every representation
    essential = used & (null_norm < _EPS) if null_norm.size else used
    candidates = [int(g) for g in np.flatnonzero(used)]
    not_total = [g for g in candidates if system.tier[shown_idx[g]] < 2]
    pool = not_total or candidates
    best = min(pool, key=lambda g: (not essential[g], system.tier[shown_idx[g]], base[shown_idx[g]], g))
    return int(shown_idx[best])


def _svd(matrix: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Economy SVD; LAPACK's divide-and-conquer driver can fail to converge on large 0/1 matrices,
    so the slower, always-converging QR-iteration driver is the fallback."""
    try:
        return np.linalg.svd(matrix, full_matrices=False)
    except np.linalg.LinAlgError:
        return scipy.linalg.svd(matrix, full_matrices=False, lapack_driver="gesvd")


def _span_violations(m_shown: np.ndarray, targets: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Which targets lie in the row space of ``m_shown``, their coefficients, and per shown group
    the norm of its row in the left null space (zero: every representation uses the group).

    A pivoted QR answers the membership question; the SVD (for the coefficients and the null-space
    norms that guide what to hide) is computed only when some target is exposed. The economy SVD
    suffices: the full U is orthogonal, so a row's null-space norm is sqrt(1 - |row of U_r|^2).
    """
    if m_shown.shape[0] == 0 or len(targets) == 0:
        return np.zeros(len(targets), dtype=bool), np.zeros((len(targets), 0)), np.zeros((0, 0))
    if m_shown.shape[1] == 0:  # no free cells: every target is the empty combination
        return np.ones(len(targets), dtype=bool), np.zeros((len(targets), 0)), np.zeros((0, 0))
    q, r, _ = scipy.linalg.qr(m_shown.T, mode="economic", pivoting=True)
    diag = np.abs(np.diag(r))
    rank = int((diag > 1e-9 * max(1.0, diag[0] if diag.size else 1.0)).sum())
    basis = q[:, :rank]
    resid = targets - (targets @ basis) @ basis.T
    in_span = np.linalg.norm(resid, axis=1) < 1e-6
    if not in_span.any():
        return in_span, np.zeros((len(targets), 0)), np.zeros((0, 0))
    u, s, vt = _svd(m_shown)
    rank = int((s > _EPS * max(1.0, s[0])).sum())
    basis = vt[:rank]
    # Minimum-norm coefficients y with y @ m_shown = target, via the SVD.
    coeff = (targets @ basis.T) / s[:rank] @ u[:, :rank].T
    null_norm = np.sqrt(np.clip(1.0 - (u[:, :rank] ** 2).sum(axis=1), 0.0, None))
    if rank >= m_shown.shape[0]:
        null_norm = np.zeros(0)
    return in_span, coeff, null_norm


def protect(
    labels: pd.DataFrame,
    population: np.ndarray,
    base: np.ndarray,
    categories: np.ndarray | None,
    menu: Menu,
    policy: Policy,
    initially_hidden: frozenset[GroupKey] = frozenset(),
    overview: Pattern | None = None,
) -> Pattern:
    """Compute the hiding pattern of every group of the menu.

    Parameters
    ----------
    labels, population, base:
        The cells (from :func:`build_cells`); for the population pattern ``base`` is ``population``.
    categories:
        Cells x answer categories (skips included), or ``None`` for the population pattern.
    initially_hidden:
        Groups hidden elsewhere that must stay hidden here (the population pattern's groups).
    overview:
        The Overview's pattern: the respondent counts it shows are known to an attacker too, so a
        question's pattern is checked jointly with them (see :mod:`anonymity._joint`).
    """
    # Small dense problems: one BLAS thread is ~50x faster than several fighting for 2 cores.
    with threadpool_limits(limits=1):
        return _protect(labels, population, base, categories, menu, policy, initially_hidden, overview)


def _protect(
    labels: pd.DataFrame,
    population: np.ndarray,
    base: np.ndarray,
    categories: np.ndarray | None,
    menu: Menu,
    policy: Policy,
    initially_hidden: frozenset[GroupKey],
    overview: Pattern | None = None,
) -> Pattern:
    k = policy.k
    structure = _structure(labels, menu)
    system = _System(structure.keys, structure.masks, structure.tier,
                     np.zeros(len(structure.keys), dtype=bool), [""] * len(structure.keys))
    g_pop = system.masks @ population
    g_base = system.masks @ base
    for i in range(len(system.keys)):
        if g_pop[i] == 0:
            system.hidden[i], system.reason[i] = True, REASON_EMPTY
        elif g_base[i] < k:
            system.hidden[i], system.reason[i] = True, REASON_PRIMARY
        elif any(key in initially_hidden for key in system.keys[i]):
            system.hidden[i], system.reason[i] = True, REASON_POPULATION
    sens_masks = structure.describable
    s_pop = sens_masks @ population
    s_base = sens_masks @ base
    sensitive = (s_pop > 0) & (s_base < k)
    targets = sens_masks[sensitive]
    children = structure.children
    # fixed for the whole loop: the joint stage's model of the question and the Overview's groups
    columns = None if categories is None else np.column_stack([base, categories])
    question_columns = None if categories is None else QuestionColumns.from_counts(population, base, categories)
    overview_shown = _overview_shown(system, overview, g_pop)
    for _ in range(10_000):
        changed = _hide_span_violations(system, targets, g_base)
        changed |= _hide_small_remainders(system, children, g_pop, g_base, k)
        if not changed and columns is not None and question_columns is not None:
            changed = _hide_pinned_counts(system, targets, columns, g_base, False, population, k)
            if not changed:
                changed = _hide_pinned_counts(system, targets, columns, g_base, True, population, k)
            if not changed:
                changed = _hide_joint_exposures(system, targets, question_columns, overview_shown, g_base, k)
        if not changed:
            break
    hidden: set[GroupKey] = set()
    reasons: dict[GroupKey, str] = {}
    for i, keys in enumerate(system.keys):
        if system.hidden[i]:
            for key in keys:
                hidden.add(key)
                reasons[key] = system.reason[i]
    return Pattern(frozenset(hidden), reasons)


def _hide(system: _System, index: int) -> None:
    system.hidden[index] = True
    system.reason[index] = REASON_COMPLEMENTARY


def _hide_span_violations(system: _System, targets: np.ndarray, g_base: np.ndarray) -> bool:
    shown_idx = np.flatnonzero(~system.hidden)
    if len(targets) == 0 or len(shown_idx) == 0:
        return False
    in_span, coeff, null_norm = _span_violations(system.masks[shown_idx], targets)
    chosen: set[int] = set()
    for row in np.flatnonzero(in_span):
        pick = _choose_to_hide(system, shown_idx, coeff[row], null_norm, g_base)
        if pick is not None:
            chosen.add(pick)
    for index in chosen:
        _hide(system, index)
    return bool(chosen)


def _hide_small_remainders(system: _System, children: Sequence[tuple[int, list[int]]],
                           g_pop: np.ndarray, g_base: np.ndarray, k: int) -> bool:
    """A shown parent minus its shown children is a group too: it must not be small."""
    changed = False
    for parent, kids in children:
        if system.hidden[parent]:
            continue
        shown = [c for c in kids if not system.hidden[c]]
        rest_pop = g_pop[parent] - sum(g_pop[c] for c in shown)
        rest_base = g_base[parent] - sum(g_base[c] for c in shown)
        if rest_pop > 0 and rest_base < k and shown:
            pick = min(shown, key=lambda c: (g_base[c], c))
            _hide(system, pick)
            changed = True
    return changed


def always_zero_cells(a_eq: np.ndarray, b_eq: np.ndarray, candidates: np.ndarray | None = None) -> np.ndarray:
    """Cells that are zero in every non-negative solution of ``a_eq @ x = b_eq``.

    One linear programme finds them all: maximise the number of cells that can be at least 1
    at once in a scaled solution (the solutions form a convex cone, so every cell that can be
    positive in some solution is positive in one common solution). Around such a solution every
    direction of the null space is feasible, so after dropping these cells a rank test is exact
    under non-negativity. ``candidates`` limits the search to cells that are zero in the true
    data (a cell with a positive true count is never pinned at zero).
    """
    n_rows, n = a_eq.shape
    cand = np.ones(n, dtype=bool) if candidates is None else candidates
    result_mask = np.zeros(n, dtype=bool)
    m = int(cand.sum())
    if n == 0 or m == 0:
        return result_mask
    if not (b_eq > 0).any():
        return cand.copy()
    # variables: x (n), t (m), lam (1); minimise -sum(t); t_j <= x_c for candidate cell c
    cost = np.concatenate([np.zeros(n), -np.ones(m), [0.0]])
    a_eq_full = np.hstack([a_eq, np.zeros((n_rows, m)), -b_eq.reshape(-1, 1)])
    pick = np.zeros((m, n))
    pick[np.arange(m), np.flatnonzero(cand)] = 1.0
    a_ub = np.hstack([-pick, np.eye(m), np.zeros((m, 1))])
    bounds = [(0, None)] * n + [(0, 1)] * m + [(1, None)]
    result = linprog(cost, A_ub=a_ub, b_ub=np.zeros(m), A_eq=a_eq_full, b_eq=np.zeros(n_rows),
                     bounds=bounds, method="highs")
    if result.status != 0:
        raise RuntimeError(f"support LP failed: {result.message}")
    result_mask[np.flatnonzero(cand)] = np.asarray(result.x[n:n + m] < 0.5)
    return result_mask


def _smallest_overlapping(system: _System, shown_idx: np.ndarray, target: np.ndarray,
                          base: np.ndarray) -> int | None:
    """The shown group (the total last) with the smallest base that overlaps ``target``."""
    overlapping = [int(g) for g in shown_idx if (system.masks[g] * target).any()]
    if not overlapping:
        return None
    return min(overlapping, key=lambda g: (system.tier[g] == 2, base[g], g))


def _overview_shown(system: _System, overview: Pattern | None, g_pop: np.ndarray) -> np.ndarray:
    """Which groups' respondent counts the Overview shows (none known without its pattern)."""
    if overview is None:
        return np.zeros(len(system.keys), dtype=bool)
    return np.array([g_pop[i] > 0 and not any(overview.is_hidden(key) for key in keys)
                     for i, keys in enumerate(system.keys)], dtype=bool)


def _hide_joint_exposures(system: _System, targets: np.ndarray, columns: QuestionColumns,
                          overview_shown: np.ndarray, g_base: np.ndarray, k: int) -> bool:
    """The exact joint stage: hide one more shown group for each small group still pinned."""
    shown_idx = np.flatnonzero(~system.hidden)
    overview_only = system.masks[overview_shown & system.hidden]
    exposures = joint_exposures(columns, system.masks[shown_idx], overview_only, targets, k)
    chosen: set[int] = set()
    for target in sorted({e.target for e in exposures}):
        pick = _smallest_overlapping(system, shown_idx, targets[target], g_base)
        if pick is not None:
            chosen.add(pick)
    for index in chosen:
        _hide(system, index)
    return bool(chosen)


def _hide_pinned_counts(system: _System, targets: np.ndarray, columns: np.ndarray,
                        g_base: np.ndarray, exact: bool, population: np.ndarray, k: int) -> bool:
    """Under non-negativity some counts are exact although not in the span; hide until none is.

    ``columns`` holds the base, then the skips, then one column per option. A small group is
    exposed when a count of it is pinned at a non-zero value. A count pinned at zero is
    tolerated (a shown group with no such answers says so of all its parts), and so is "all of
    a group of k or more skipped" (like a shown group whose answers all fall in one option).

    With ``exact=False`` only the cells of shown groups with a zero count are taken as pinned
    at zero (cheap); with ``exact=True`` one support LP per column finds every such cell.
    """
    shown_idx = np.flatnonzero(~system.hidden)
    if len(targets) == 0 or len(shown_idx) == 0:
        return False
    masks = system.masks[shown_idx]
    n_targets, n_columns = len(targets), columns.shape[1]
    pinned = np.zeros((n_targets, n_columns), dtype=bool)
    solved: dict[int, tuple[np.ndarray, np.ndarray, np.ndarray]] = {}
    plain = _span_violations(masks, targets)
    by_zero_cells: dict[bytes, tuple[np.ndarray, np.ndarray, np.ndarray]] = {}
    for a in range(n_columns):
        column = columns[:, a]
        group_counts = masks @ column
        if exact:
            zero_cells = always_zero_cells(masks, group_counts, column == 0)
        else:
            zero_rows = group_counts == 0
            zero_cells = masks[zero_rows].max(axis=0) > 0 if zero_rows.any() else np.zeros(masks.shape[1], bool)
        if not zero_cells.any():
            solved[a] = plain
            pinned[:, a] = plain[0]
        else:
            free = ~zero_cells
            signature = zero_cells.tobytes()
            if signature not in by_zero_cells:  # columns with the same zero cells share one answer
                by_zero_cells[signature] = _span_violations(masks[:, free], targets[:, free])
            solved[a] = by_zero_cells[signature]
            pinned[:, a] = solved[a][0] | ~targets[:, free].any(axis=1)
    values = targets @ columns
    exposed = (pinned & (values > 0)).any(axis=1)
    # "Everyone in a group of k or more skipped" is the same kind of fact as a shown group whose
    # answers all fall in one option: tolerated (the base is then zero, so nothing else is pinned).
    all_skipped = (values[:, 0] == 0) & (targets @ population >= k)
    exposed &= ~(all_skipped & ~(pinned[:, 2:] & (values[:, 2:] > 0)).any(axis=1))
    chosen: set[int] = set()
    for row in np.flatnonzero(exposed):
        col = next(c for c in range(n_columns) if pinned[row, c] and values[row, c] > 0)
        in_span, coeff, null_norm = solved[col]
        if coeff.shape[1] and in_span[row] and np.abs(coeff[row]).max() > _EPS:
            pick = _choose_to_hide(system, shown_idx, coeff[row], null_norm, g_base)
        else:
            pick = _smallest_overlapping(system, shown_idx, targets[row], g_base)
        if pick is not None:
            chosen.add(pick)
    for index in chosen:
        _hide(system, index)
    return bool(chosen)




def protect_wave(
    population_cells: CellTable,
    question_cells: Mapping[str, CellTable],
    menu: Menu,
    policy: Policy,
) -> tuple[Pattern, dict[str, Pattern]]:
    """Patterns of one wave: the respondent counts (Overview) and every question, jointly.

    First the population pattern, then each question starting from it (a group hidden in the
    Overview is hidden in every question). Each question's pattern is exact for everything its
    views release together with the Overview's respondent counts (the joint stage); the
    Overview's pattern is exact for the respondent counts.
    """
    first = protect(population_cells.labels, population_cells.population, population_cells.base, None, menu,
                    policy)
    questions: dict[str, Pattern] = {}
    for question_id, cells in question_cells.items():
        assert cells.categories is not None
        questions[question_id] = protect(cells.labels, cells.population, cells.base, cells.categories.to_numpy(),
                                         menu, policy, first.hidden, overview=first)
    return first, questions
