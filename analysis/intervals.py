"""95 % intervals for released shares and means, and the rule that marks a difference.

Why these methods: the barometer's groups are small (often 5–30 answers), where the textbook
normal interval for a share collapses to zero width at 0 % or 100 % and leaves [0, 1]. The Wilson
score interval stays inside [0, 1] and keeps close to its nominal coverage at small n. Means of
1–5 and 1–10 scales use the t distribution with n − 1 degrees of freedom, computed from the
released answer counts (each count is a number of respondents giving that scale value).

A difference between a group and the whole country is marked only when the two 95 % intervals do
not overlap. That is conservative (two intervals can overlap while a two-sample test still
rejects), and it suits the comparison at hand: the area is part of the whole country, so the
samples are not independent and a plain two-sample test would be wrong. The method note on the
pages says so. The sample is self-selected and unweighted: the intervals describe the
uncertainty of these answers, not of all actors in the field.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from scipy import stats

#: Confidence level of every interval in the dashboard.
CONFIDENCE = 0.95
#: Standard normal quantile of the two-sided 95 % level (scipy.stats.norm.ppf(0.975)).
Z_95 = 1.959963984540054

HIGHER = "higher"
LOWER = "lower"


@dataclass(frozen=True)
class Interval:
    """A point estimate with its interval; ``low``/``high`` are NaN when none can be computed."""

    estimate: float
    low: float
    high: float
    n: int = 0

    @property
    def has_interval(self) -> bool:
        return not (math.isnan(self.low) or math.isnan(self.high))


def _z(confidence: float) -> float:
    if confidence == CONFIDENCE:
        return Z_95
    return float(stats.norm.ppf(0.5 + confidence / 2))


def wilson_interval(count: int, n: int, confidence: float = CONFIDENCE) -> Interval:
    """The share ``count / n`` with its Wilson score interval.

    Raises ``ValueError`` for a count outside ``0..n``; ``n == 0`` gives NaN everywhere (there is
    no share of nobody).
    """
    if n < 0 or count < 0 or count > n:
        raise ValueError(f"count {count} out of range for n {n}")
    if n == 0:
        return Interval(math.nan, math.nan, math.nan, 0)
    z = _z(confidence)
    share = count / n
    z2n = z * z / n
    denominator = 1 + z2n
    centre = (share + z2n / 2) / denominator
    half = z * math.sqrt(share * (1 - share) / n + z2n / (4 * n)) / denominator
    # Rounding can push an end a hair past the share at 0 or n; the interval always holds it.
    return Interval(share, max(0.0, min(centre - half, share)), min(1.0, max(centre + half, share)), n)


def mean_interval(
    values: Sequence[float],
    counts: Sequence[int],
    confidence: float = CONFIDENCE,
    bounds: tuple[float, float] | None = None,
) -> Interval:
    """Mean of a scale from answer counts, with a t-based interval.

    ``values[i]`` is the scale value answered ``counts[i]`` times ("don't know" is left out by
    the caller). With fewer than two answers there is no interval (NaN ends). ``bounds`` clips
    the interval to the scale (a mean of a 1–5 scale cannot leave 1–5).
    """
    if len(values) != len(counts):
        raise ValueError("values and counts differ in length")
    if any(c < 0 for c in counts):
        raise ValueError("a count is negative")
    n = int(sum(counts))
    if n == 0:
        return Interval(math.nan, math.nan, math.nan, 0)
    mean = sum(v * c for v, c in zip(values, counts, strict=True)) / n
    if n < 2:
        return Interval(mean, math.nan, math.nan, n)
    variance = sum(c * (v - mean) ** 2 for v, c in zip(values, counts, strict=True)) / (n - 1)
    half = float(stats.t.ppf(0.5 + confidence / 2, n - 1)) * math.sqrt(variance / n)
    low, high = mean - half, mean + half
    if bounds is not None:
        low, high = max(low, bounds[0]), min(high, bounds[1])
    return Interval(mean, low, high, n)


def compare_intervals(group: Interval, reference: Interval) -> str | None:
    """``HIGHER``/``LOWER`` when ``group``'s interval lies wholly above/below ``reference``'s.

    ``None`` when they overlap or either has no interval: no difference is claimed then.
    """
    if not (group.has_interval and reference.has_interval):
        return None
    if group.low > reference.high:
        return HIGHER
    if group.high < reference.low:
        return LOWER
    return None
