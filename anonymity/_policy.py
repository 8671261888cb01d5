"""The anonymity policy: thresholds every release is checked against."""

from __future__ import annotations

from dataclasses import dataclass

#: Below this, a threshold no longer protects anyone; start-up refuses it.
ABSOLUTE_MIN_K = 3


class PolicyError(ValueError):
    """The thresholds are unsafe; the message names the setting."""


@dataclass(frozen=True)
class Policy:
    """k for numbers and the (higher) k for open-answer quotes.

    Parameters
    ----------
    k:
        Minimum answering base of a shown group (numbers, charts, exports).
    quote_k:
        Minimum answering base of a group whose open answers may be quoted.
    """

    k: int = 5
    quote_k: int = 10

    def __post_init__(self) -> None:
        if self.k < ABSOLUTE_MIN_K:
            raise PolicyError(f"minimum group size k={self.k} is below {ABSOLUTE_MIN_K}")
        if self.quote_k < self.k:
            raise PolicyError(f"quote threshold {self.quote_k} is below the number threshold {self.k}")
