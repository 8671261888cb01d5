"""Exact check of one question's pattern against everything an attacker knows at once.

Why a second, joint stage: the per-column checks of the suppression step treat every answer
column (skips, each option) on its own. Two things couple the columns: the Overview releases the
respondent count (skips + base) of groups the question may hide, and a multi-select's ticks of
an option never exceed its base in any cell. With non-negativity those couplings can pin a
small group's skips or base (found by hypothesis in sparse data). This stage models the whole
question the way the independent LP audit does (:mod:`anonymity._audit`) and answers exactly:

1. one sparse support LP over all variables finds those that are zero in every solution
   (the solutions form a polyhedron; around a solution where every other variable is positive,
   every direction of the equations' null space is feasible);
2. a quantity of a small group is then pinned exactly when its vector, restricted to the free
   variables, lies in the row space of the restricted equations. The equations of one column are
   the same shown groups each time, so each column is reduced to its null space first and only
   the coupling rows (Overview counts, pinned slacks) are tested jointly: small dense algebra.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import scipy.linalg
import scipy.sparse as sp
from scipy.optimize import linprog

_TOL = 1e-7


@dataclass(frozen=True)
class JointExposure:
    """A small group (row of ``targets``) with a quantity the released numbers pin (not zero)."""

    target: int
    quantity: str
    value: float


@dataclass(frozen=True)
class QuestionColumns:
    """One question's cell counts as the attacker models them.

    ``skip``, ``base`` and ``population`` per cell; ``options`` cells x options. For a single choice
    the options partition the base; a multi-select has a base of its own and ticks bounded by it.
    """

    skip: np.ndarray
    base: np.ndarray
    population: np.ndarray
    options: np.ndarray
    multi_select: bool

    @classmethod
    def from_counts(cls, population: np.ndarray, base: np.ndarray, categories: np.ndarray) -> QuestionColumns:
        """From the suppression step's columns (skips first, then options).

        The question type is inferred conservatively: options that add up to the base in every
        cell are modelled as a single choice, the stronger attacker (more equations).
        """
        skip = categories[:, 0].astype(float)
        options = categories[:, 1:].astype(float)
        multi = bool(np.abs(options.sum(axis=1) - base).max(initial=0.0) > 0.5)
        return cls(skip, base.astype(float), population.astype(float), options, multi)


def joint_exposures(
    columns: QuestionColumns,
    shown: np.ndarray,
    overview_only: np.ndarray,
    targets: np.ndarray,
    k: int,
) -> list[JointExposure]:
    """Small groups' quantities pinned by the question's shown groups plus the Overview's counts.

    Parameters
    ----------
    shown:
        Cell masks (groups x cells, 0/1) of the groups the question's views show: each releases
        its skips, base and every option count.
    overview_only:
        Cell masks of groups the Overview shows (their respondent count) but the question hides.
    targets:
        Cell masks of the small groups (base under k) to protect.

    The rules are the audit's: a respondent count is protected below k; a group's base, and each
    answer count of a group whose base is under k, must not be pinned unless zero; skips of a
    group of k or more are tolerated on their own (they say something only with the base).
    """
    n = len(columns.population)
    if len(targets) == 0 or n == 0:
        return []
    model = _Model.build(columns, shown, overview_only)
    zero = _always_zero(model.a_eq, model.b_eq, model.truth == 0)
    reduced = _ReducedSystem.build(model, shown, overview_only, zero)
    exposures: list[JointExposure] = []
    target_pop = targets @ columns.population
    for name, blocks in model.quantities.items():
        values = targets @ sum(model.block_truth(b) for b in blocks)
        check = values != 0
        if name == "population":
            check &= target_pop < k
        elif name == "skip":
            check &= target_pop < k
        if not check.any():
            continue
        pinned = reduced.pinned(targets[check], blocks)
        for row, is_pinned in zip(np.flatnonzero(check), pinned, strict=True):
            if is_pinned:
                exposures.append(JointExposure(int(row), name, float(values[row])))
    return exposures


@dataclass
class _Model:
    """Variables (block x cell), equations and the truth of one question."""

    n: int
    names: list[str]
    truth: np.ndarray
    a_eq: sp.csr_matrix
    b_eq: np.ndarray
    pop_blocks: list[int]
    slack_of: dict[int, int]  # option block -> its slack block (multi-select)
    base_block: int
    quantities: dict[str, list[int]]

    def block_truth(self, block: int) -> np.ndarray:
        return self.truth[block * self.n:(block + 1) * self.n]

    @classmethod
    def build(cls, columns: QuestionColumns, shown: np.ndarray, overview_only: np.ndarray) -> _Model:
        n = len(columns.population)
        n_opt = columns.options.shape[1]
        parts = [columns.skip]
        names = ["skip"]
        if columns.multi_select:
            parts.append(columns.base)
            names.append("base")
        first_option = len(parts)
        parts += [columns.options[:, j] for j in range(n_opt)]
        names += [f"option:{j}" for j in range(n_opt)]
        option_blocks = list(range(first_option, first_option + n_opt))
        slack_of: dict[int, int] = {}
        if columns.multi_select:
            for j, block in enumerate(option_blocks):
                slack_of[block] = len(parts)
                parts.append(columns.base - columns.options[:, j])
                names.append(f"slack:{j}")
        truth = np.concatenate(parts) if parts else np.zeros(0)
        base_block = 1  # a block of its own only in a multi-select (used only there)
        pop_blocks = [0, 1] if columns.multi_select else [0, *option_blocks]
        base_blocks = [1] if columns.multi_select else option_blocks
        quantities: dict[str, list[int]] = {"population": pop_blocks, "base": base_blocks, "skip": [0]}
        quantities.update({f"option:{j}": [b] for j, b in enumerate(option_blocks)})

        rows: list[sp.csr_matrix] = []
        shown_sp = sp.csr_matrix(shown.astype(float).reshape(-1, n))
        released_blocks = [0, *([1] if columns.multi_select else []), *option_blocks]
        n_vars = len(parts) * n
        for block in released_blocks:
            rows.append(_place(shown_sp, block, n, n_vars))
        if len(overview_only):
            over_sp = sp.csr_matrix(overview_only.astype(float).reshape(-1, n))
            over_rows = _place(over_sp, pop_blocks[0], n, n_vars)
            for block in pop_blocks[1:]:
                over_rows = over_rows + _place(over_sp, block, n, n_vars)
            rows.append(over_rows)
        for option_block, slack_block in slack_of.items():
            eye = sp.identity(n, format="csr")
            rows.append(_place(eye, option_block, n, n_vars) + _place(eye, slack_block, n, n_vars)
                        - _place(eye, 1, n, n_vars))
        a_eq = sp.vstack(rows, format="csr") if rows else sp.csr_matrix((0, n_vars))
        b_eq = a_eq @ truth
        return cls(n, names, truth, a_eq, b_eq, pop_blocks, slack_of, base_block, quantities)


def _place(block_rows: sp.csr_matrix, block: int, n: int, n_vars: int) -> sp.csr_matrix:
    """``block_rows`` (rows x n) as rows over all variables, in the columns of ``block``."""
    left = sp.csr_matrix((block_rows.shape[0], block * n))
    right = sp.csr_matrix((block_rows.shape[0], n_vars - (block + 1) * n))
    return sp.hstack([left, block_rows, right], format="csr")


def _always_zero(a_eq: sp.csr_matrix, b_eq: np.ndarray, candidates: np.ndarray) -> np.ndarray:
    """Variables that are zero in every non-negative solution of ``a_eq @ x = b_eq``.

    A variable in a released group whose count is zero is zero (no LP needed); the rest come from
    one LP: maximise how many candidates can be at least 1 at once in a scaled solution
    ``a_eq @ x = lam * b_eq, lam >= 1`` (divided by ``lam`` it keeps its support). Only variables
    that are zero in the truth can be pinned at zero.
    """
    n_rows, n_vars = a_eq.shape
    # rows with non-negative coefficients summing to zero (a released zero count)
    nonneg = np.asarray(a_eq.min(axis=1).todense()).ravel() >= 0
    zero_rows = (np.abs(b_eq) < 0.5) & nonneg
    result = np.zeros(n_vars, dtype=bool)
    if zero_rows.any():
        result = np.asarray(abs(a_eq[np.flatnonzero(zero_rows)]).sum(axis=0)).ravel() > 0
    keep = np.flatnonzero(~result)
    cand_local = np.flatnonzero(candidates[keep])
    m = len(cand_local)
    if m == 0:
        return result
    if not (b_eq > 0).any():
        result[keep[cand_local]] = True
        return result
    a_kept = a_eq[:, keep]
    n_kept = len(keep)
    cost = np.concatenate([np.zeros(n_kept), -np.ones(m), [0.0]])
    a_eq_full = sp.hstack([a_kept, sp.csr_matrix((n_rows, m)), sp.csr_matrix(-b_eq.reshape(-1, 1))], format="csr")
    pick = sp.csr_matrix((np.ones(m), (np.arange(m), cand_local)), shape=(m, n_kept))
    a_ub = sp.hstack([-pick, sp.identity(m, format="csr"), sp.csr_matrix((m, 1))], format="csr")
    bounds = [(0, None)] * n_kept + [(0, 1)] * m + [(1, None)]
    solution = linprog(cost, A_ub=a_ub, b_ub=np.zeros(m), A_eq=a_eq_full, b_eq=np.zeros(n_rows), bounds=bounds,
                       method="highs")
    if solution.status != 0:
        raise RuntimeError(f"joint support LP failed: {solution.message}")
    result[keep[cand_local]] = np.asarray(solution.x[n_kept:n_kept + m]) < 0.5
    return result


def _null_space(matrix: np.ndarray) -> np.ndarray:
    """Orthonormal null-space basis; falls back to the always-converging SVD driver."""
    try:
        return scipy.linalg.null_space(matrix)
    except np.linalg.LinAlgError:
        return scipy.linalg.null_space(matrix, lapack_driver="gesvd")


@dataclass
class _ReducedSystem:
    """Each released column reduced to the null space of its shown groups, plus coupling rows.

    A value ``t @ x_b`` over free cells is ``t @ x0_b + (t @ N_b) @ u_b``; it is pinned exactly
    when ``t @ N_b`` (placed at block b) lies in the row space of the coupling rows ``C``.
    """

    free: list[np.ndarray]  # per block: free cell indices
    null: list[np.ndarray]  # per block: |free| x d_b null basis
    offsets: list[int]
    coupling_basis: np.ndarray  # orthonormal rows spanning C

    @classmethod
    def build(cls, model: _Model, shown: np.ndarray, overview_only: np.ndarray, zero: np.ndarray) -> _ReducedSystem:
        n = model.n
        n_blocks = len(model.names)
        slack_blocks = set(model.slack_of.values())
        free: list[np.ndarray] = []
        null: list[np.ndarray] = []
        offsets: list[int] = []
        total = 0
        for block in range(n_blocks):
            cells = np.flatnonzero(~zero[block * n:(block + 1) * n])
            free.append(cells)
            if block in slack_blocks:
                basis = np.zeros((len(cells), 0))  # slacks only enter through pinned ones
            elif len(shown) == 0:
                basis = np.eye(len(cells))
            else:
                basis = _null_space(shown[:, cells].astype(float)) if len(cells) else np.zeros((0, 0))
            null.append(basis)
            offsets.append(total)
            total += basis.shape[1]
        system = cls(free, null, offsets, np.zeros((0, total)))
        rows: list[np.ndarray] = []
        for mask in overview_only:
            rows.append(system.vector(mask.astype(float), model.pop_blocks))
        for option_block, slack_block in model.slack_of.items():
            pinned_cells = np.setdiff1d(np.arange(n), free[slack_block])
            for cell in pinned_cells:  # this cell's ticks equal its base in every solution
                one = np.zeros(n)
                one[cell] = 1.0
                row = system.vector(one, [option_block]) - system.vector(one, [model.base_block])
                rows.append(row)
        coupling = np.array(rows).reshape(len(rows), total)
        coupling = coupling[np.abs(coupling).max(axis=1, initial=0.0) > _TOL] if len(coupling) else coupling
        if len(coupling):
            q, r, _ = scipy.linalg.qr(coupling.T, mode="economic", pivoting=True)
            diag = np.abs(np.diag(r))
            rank = int((diag > 1e-9 * max(1.0, float(diag[0]))).sum())
            system.coupling_basis = q[:, :rank].T
        return system

    def vector(self, mask: np.ndarray, blocks: list[int]) -> np.ndarray:
        """The reduced coordinates of ``mask @ x_b`` summed over ``blocks``."""
        total = sum(b.shape[1] for b in self.null)
        out = np.zeros(total)
        for block in blocks:
            basis = self.null[block]
            if basis.shape[1]:
                out[self.offsets[block]:self.offsets[block] + basis.shape[1]] += mask[self.free[block]] @ basis
        return out

    def pinned(self, targets: np.ndarray, blocks: list[int]) -> np.ndarray:
        """For each target mask: is the sum of its counts over ``blocks`` the same in every solution?"""
        total = sum(b.shape[1] for b in self.null)
        vectors = np.zeros((len(targets), total))
        for block in blocks:
            basis = self.null[block]
            if basis.shape[1]:
                part = targets[:, self.free[block]].astype(float) @ basis
                vectors[:, self.offsets[block]:self.offsets[block] + basis.shape[1]] += part
        if self.coupling_basis.shape[0]:
            vectors = vectors - (vectors @ self.coupling_basis.T) @ self.coupling_basis
        return np.linalg.norm(vectors, axis=1) < 1e-6
