"""The joint stage on hand-made cases: what the Overview's counts add to a question's equations."""

from __future__ import annotations

import numpy as np
import pytest

from anonymity._joint import QuestionColumns, joint_exposures

# Two cells: c1 with 5 respondents, c2 with 2 (a small group for k = 3). Single choice, options a, b.
POPULATION = np.array([5.0, 2.0])
TOTAL = np.array([[1.0, 1.0]])
C1 = np.array([[1.0, 0.0]])
C2 = np.array([[0.0, 1.0]])
NONE = np.zeros((0, 2))


def columns(skip: list[float], a: list[float], b: list[float]) -> QuestionColumns:
    options = np.column_stack([a, b])
    base = options.sum(axis=1)
    return QuestionColumns.from_counts(POPULATION, base, np.column_stack([skip, options]))


@pytest.mark.parametrize(
    ("case", "counts", "overview_only", "expected"),
    [
        # Nobody skipped (the total's skips are 0, so every cell's are) and the Overview shows c1's
        # count: c1's base is 5, so c2's base (2) and its population follow from the total.
        ("overview pins base via zero skips", ([0, 0], [3, 1], [2, 1]), C1, {"base", "population"}),
        # Without the Overview's count of c1 the same question pins nothing of c2.
        ("question alone", ([0, 0], [3, 1], [2, 1]), NONE, set()),
        # Skips in both cells: the Overview's count of c1 leaves c2's base between 0 and 2.
        ("skips leave room", ([2, 1], [2, 1], [1, 0]), C1, {"population"}),
        # Everyone chose a: option b is pinned at zero everywhere, which is tolerated.
        ("zero counts tolerated", ([2, 1], [3, 1], [0, 0]), C1, {"population"}),
    ],
)
def test_joint_exposures_of_a_small_cell(case: str, counts: tuple[list[float], list[float], list[float]],
                                         overview_only: np.ndarray, expected: set[str]) -> None:
    found = joint_exposures(columns(*counts), TOTAL, overview_only, C2, k=3)
    assert {e.quantity for e in found} == expected, case
    assert all(e.target == 0 for e in found)


def test_pinned_values_are_the_true_ones() -> None:
    found = {e.quantity: e.value for e in joint_exposures(columns([0, 0], [3, 1], [2, 1]), TOTAL, C1, C2, k=3)}
    assert found == {"base": 2.0, "population": 2.0}


def test_multi_select_is_recognised_and_ticks_bounded_by_the_base() -> None:
    # c2: one respondent ticked both options; the options do not add up to the base
    multi = QuestionColumns.from_counts(POPULATION, np.array([4.0, 1.0]), np.array([[1, 3, 2], [1, 1, 1]], float))
    assert multi.multi_select
    # the total's skips (2) leave each cell's skips open: nothing of c2 is pinned by the question
    assert joint_exposures(multi, TOTAL, NONE, C2, k=3) == []
