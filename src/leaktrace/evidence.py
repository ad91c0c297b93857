"""The accusation rule: exact tail probabilities for innocent recipients.

An innocent recipient's options are derived from the key independently of the leak (see
:mod:`leaktrace.codes`), and the tracer reads the leak before it looks at anybody's options. So,
given which points were read and what was read there, an innocent's number of matching points is
a sum of independent Bernoulli variables with known success probabilities ``p_i`` (at most
``match_probability(q_i)``): a Poisson-binomial law, whatever editing or collusion produced the
leak. The chance that an innocent matches ``m`` or more points is its upper tail, computed here
exactly by dynamic programming; the chance that *any* of ``n`` innocents does is at most ``n``
times that (union bound). A recipient is named only when that bound is at most the level.

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
