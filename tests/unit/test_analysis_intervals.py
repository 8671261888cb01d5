"""Wilson and t intervals and the difference rule, against values computed by hand.

Hand computations (z = 1.959964, z² = 3.841459):
- Wilson 5/10: centre 0.5, half 1.96·√(0.025 + 0.0096037)/1.384146 = 0.263406 -> 0.2366–0.7634.
- Wilson 0/10: high = (z²/n)/(1 + z²/n) = 0.384146/1.384146 = 0.2775.
- Wilson 1/5: centre (0.2 + 0.384146)/1.768292 = 0.330345, half 0.294143 -> 0.0362–0.6245.
- Wilson 6/10: 0.3127–0.8318; 0/12: high 0.320122/1.320122 = 0.2425.
- Mean of 1, 2, 3 (one answer each): 2, s = 1, t(0.975, 2) = 4.302653, half 2.484138.
- Mean of 5×3 and 5×4: 3.5, s² = 2.5/9 = 0.277778, se 0.166667, t(0.975, 9) = 2.262157, half 0.377026.
"""

from __future__ import annotations

import math

import pytest

from analysis.intervals import HIGHER, LOWER, Z_95, Interval, compare_intervals, mean_interval, wilson_interval


@pytest.mark.parametrize(
    ("count", "n", "share", "low", "high"),
    [
        (5, 10, 0.5, 0.2366, 0.7634),
        (0, 10, 0.0, 0.0, 0.2775),
        (10, 10, 1.0, 0.7225, 1.0),
        (1, 5, 0.2, 0.0362, 0.6245),
        (6, 10, 0.6, 0.3127, 0.8318),
        (0, 12, 0.0, 0.0, 0.2425),
    ],
)
def test_wilson_interval_matches_hand_computed_values(count: int, n: int, share: float, low: float,
                                                      high: float) -> None:
    interval = wilson_interval(count, n)
    assert interval.estimate == pytest.approx(share)
    assert interval.low == pytest.approx(low, abs=5e-5)
    assert interval.high == pytest.approx(high, abs=5e-5)
    assert interval.n == n


def test_wilson_of_nobody_has_no_share_and_bad_counts_raise() -> None:
    empty = wilson_interval(0, 0)
    assert math.isnan(empty.estimate) and not empty.has_interval
    with pytest.raises(ValueError, match="out of range"):
        wilson_interval(6, 5)
    with pytest.raises(ValueError, match="out of range"):
        wilson_interval(-1, 5)


def test_the_95_quantile_is_the_normal_one() -> None:
    from scipy import stats

    assert Z_95 == pytest.approx(float(stats.norm.ppf(0.975)), abs=1e-12)
    wider = wilson_interval(5, 10, confidence=0.99)
    assert wider.low < 0.2366 and wider.high > 0.7634


@pytest.mark.parametrize(
    ("values", "counts", "bounds", "mean", "low", "high", "n"),
    [
        ((1, 2, 3), (1, 1, 1), None, 2.0, 2.0 - 2.484138, 2.0 + 2.484138, 3),
        ((1, 2, 3), (1, 1, 1), (1.0, 5.0), 2.0, 1.0, 2.0 + 2.484138, 3),
        ((1, 2, 3, 4, 5), (0, 0, 5, 5, 0), (1.0, 5.0), 3.5, 3.5 - 0.377026, 3.5 + 0.377026, 10),
        ((1, 2, 3, 4, 5), (0, 0, 12, 0, 0), (1.0, 5.0), 3.0, 3.0, 3.0, 12),
    ],
)
def test_t_interval_of_a_mean_from_counts(values: tuple[float, ...], counts: tuple[int, ...],
                                          bounds: tuple[float, float] | None, mean: float, low: float,
                                          high: float, n: int) -> None:
    interval = mean_interval(values, counts, bounds=bounds)
    assert interval.estimate == pytest.approx(mean)
    assert interval.low == pytest.approx(low, abs=1e-5)
    assert interval.high == pytest.approx(high, abs=1e-5)
    assert interval.n == n


def test_a_mean_of_one_answer_has_no_interval_and_of_none_no_mean() -> None:
    one = mean_interval((1, 2), (0, 1))
    assert one.estimate == 2 and one.n == 1 and not one.has_interval
    assert math.isnan(mean_interval((1, 2), (0, 0)).estimate)
    with pytest.raises(ValueError, match="length"):
        mean_interval((1, 2), (1,))
    with pytest.raises(ValueError, match="negative"):
        mean_interval((1, 2), (1, -1))


@pytest.mark.parametrize(
    ("group", "reference", "expected"),
    [
        (Interval(4.2, 4.0, 4.4), Interval(3.8, 3.7, 3.9), HIGHER),
        (Interval(3.2, 3.0, 3.4), Interval(3.8, 3.7, 3.9), LOWER),
        (Interval(4.0, 3.8, 4.2), Interval(3.8, 3.7, 3.9), None),  # overlapping: no claim
        (Interval(4.0, 3.9, 4.1), Interval(3.8, 3.7, 3.9), None),  # touching ends overlap
        (Interval(4.0, math.nan, math.nan), Interval(3.8, 3.7, 3.9), None),  # no interval, no claim
    ],
)
def test_a_difference_is_marked_only_when_intervals_do_not_overlap(group: Interval, reference: Interval,
                                                                   expected: str | None) -> None:
    assert compare_intervals(group, reference) == expected
