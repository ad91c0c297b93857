"""The accusation rule: exact tail probabilities for innocent recipients.

An innocent recipient's options are derived from the key independently of the leak (see
:mod:`leaktrace.codes`), and the tracer reads the leak before it looks at anybody's options. So,
given which points were read and what was read there, an innocent's number of matching points is
a sum of independent Bernoulli variables with known success probabilities ``p_i`` (at most
``match_probability(q_i)``): a Poisson-binomial law, whatever editing or collusion produced the
leak. The chance that an innocent matches ``m`` or more points is its upper tail, computed here
exactly by dynamic programming; the chance that *any* of ``n`` innocents does is at most ``n``
times that (union bound). A recipient is named only when that bound is at most the level.

For the collusion-secure code the statistic is the symmetric Tardos score (see
:func:`score_weights`): a *weighted* count of matching points with integer weights fixed by the
points read, never by any recipient. :func:`weighted_upper_tail` gives its exact upper tail for an
innocent, so the same rule (union bound over the copies considered) applies unchanged.

Example:
    >>> tail = upper_tail([0.5] * 34)
    >>> float(tail[34]) == 0.5 ** 34
    True
    >>> accusation_bound(tail, 34, 10_000) < 1e-6
    True
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import numpy.typing as npt


def upper_tail(probabilities: Sequence[float]) -> npt.NDArray[np.float64]:
    """``tail[m] = P(S >= m)`` for ``S`` a sum of independent Bernoulli(``p_i``), m = 0..k."""
    distribution = np.zeros(len(probabilities) + 1)
    distribution[0] = 1.0
    for i, p in enumerate(probabilities):
        if not 0.0 <= p <= 1.0:
            raise ValueError(f"probability {p} outside [0, 1]")
        upto = i + 2
        shifted = distribution[: upto - 1] * p
        distribution[:upto] *= 1.0 - p
        distribution[1:upto] += shifted
    tail = np.cumsum(distribution[::-1])[::-1]
    return np.minimum(tail, 1.0)


def accusation_bound(tail: npt.NDArray[np.float64], matches: int, population: int) -> float:
    """Upper bound on the chance that any of ``population`` innocents matches ``matches`` points."""
    return min(1.0, population * float(tail[matches]))


def log10_bound(tail: npt.NDArray[np.float64], matches: int, population: int) -> float:
    """``log10`` of :func:`accusation_bound`, exact even far below float precision of 1."""
    value = float(tail[matches])
    if value <= 0.0:
        return -math.inf
    return min(0.0, math.log10(population) + math.log10(value))


def bits_of_evidence(probabilities: Sequence[float]) -> float:
    """Evidence a perfect reading of these points carries: ``sum(-log2 p_i)``."""
    return float(sum(-math.log2(p) for p in probabilities))


WEIGHT_UNIT = 4
"""Integer weight units per unit of symmetric score: a point read with match chance 1/2 weighs 8."""
_MIN_PROBABILITY = 1 / 256


def score_weights(probabilities: Sequence[float]) -> npt.NDArray[np.int64]:
    """Integer weights of the symmetric Tardos score, one per point read.

    The q-ary symmetric score of Skoric, Katzenbeisser and Celik gives a recipient
    ``sqrt((1 - p) / p)`` at a point where their option is the one read (chance ``p`` for an
    innocent) and ``-sqrt(p / (1 - p))`` where it is not; with an option *set* read, ``p`` is the
    chance of holding any option of the set. Per point the two values differ by
    ``1 / sqrt(p (1 - p))``, so the score is, up to a constant shared by everyone, the weighted
    count ``sum_i w_i [match_i]``. The weights are rounded to integers (``WEIGHT_UNIT`` per unit)
    so that the innocents' law of *this* statistic is computed exactly; the rounding is part of
    the test's definition, not an approximation of its tail.
    """
    p = np.clip(np.asarray(probabilities, dtype=np.float64), _MIN_PROBABILITY, 1 - _MIN_PROBABILITY)
    return np.maximum(np.rint(WEIGHT_UNIT / np.sqrt(p * (1 - p))), 1).astype(np.int64)


def weighted_upper_tail(
    probabilities: Sequence[float], weights: Sequence[int] | npt.NDArray[np.int64]
) -> npt.NDArray[np.float64]:
    """``tail[s] = P(W >= s)``, ``W = sum_i w_i B_i`` with independent ``B_i ~ Bernoulli(p_i)``.

    Exact dynamic programming over the integer values ``0 .. sum(w)`` (all terms are
    non-negative, so there is no cancellation and tiny tails keep their relative precision).
    With ``w_i = 1`` it equals :func:`upper_tail`.

    Example:
        >>> weighted_upper_tail([0.5, 0.5], [1, 2]).tolist()
        [1.0, 0.75, 0.5, 0.25]
    """
    if len(probabilities) != len(weights):
        raise ValueError("one weight per probability")
    total = int(np.sum(weights)) if len(weights) else 0
    distribution = np.zeros(total + 1)
    distribution[0] = 1.0
    reach = 0
    for p, w in zip(probabilities, weights, strict=True):
        if not 0.0 <= p <= 1.0:
            raise ValueError(f"probability {p} outside [0, 1]")
        w = int(w)
        if w < 1:
            raise ValueError(f"weight {w} must be a positive integer")
        shifted = distribution[: reach + 1] * p
        distribution[: reach + 1] *= 1.0 - p
        distribution[w : w + reach + 1] += shifted
        reach += w
    tail = np.cumsum(distribution[::-1])[::-1]
    return np.minimum(tail, 1.0)


def log10_bounds(tail: npt.NDArray[np.float64], population: int) -> npt.NDArray[np.float64]:
    """:func:`log10_bound` for every score value at once (``-inf`` where the tail underflows)."""
    with np.errstate(divide="ignore"):
        values = math.log10(max(population, 1)) + np.log10(tail)
    return np.minimum(values, 0.0)
