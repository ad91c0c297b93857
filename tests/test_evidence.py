from __future__ import annotations

import itertools
import math

import pytest

from leaktrace.evidence import accusation_bound, bits_of_evidence, log10_bound, upper_tail


def test_upper_tail_matches_brute_force() -> None:
    probabilities = [0.5, 1 / 3, 0.25, 0.5, 0.2]
    tail = upper_tail(probabilities)
    for m in range(len(probabilities) + 1):
        exact = 0.0
        for outcome in itertools.product([0, 1], repeat=len(probabilities)):
            if sum(outcome) >= m:
                exact += math.prod(
                    p if o else 1 - p for p, o in zip(probabilities, outcome, strict=False)
                )
        assert tail[m] == pytest.approx(exact, rel=1e-12)


def test_upper_tail_of_nothing_is_certain() -> None:
    assert upper_tail([]).tolist() == [1.0]


def test_accusation_bound_applies_union_bound() -> None:
    tail = upper_tail([0.5] * 10)
    assert accusation_bound(tail, 10, 1000) == pytest.approx(1000 / 1024)
    assert accusation_bound(tail, 0, 1000) == 1.0
    assert log10_bound(tail, 10, 1000) == pytest.approx(math.log10(1000 / 1024))


def test_upper_tail_rejects_bad_probability() -> None:
    with pytest.raises(ValueError):
        upper_tail([1.5])


def test_bits_of_evidence() -> None:
    assert bits_of_evidence([0.5, 0.25]) == pytest.approx(3.0)
