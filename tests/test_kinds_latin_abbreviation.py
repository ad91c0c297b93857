"""Tests for the `latin_abbreviation` kind: "e.g."/"i.e." may be spelled out, never the reverse."""

from __future__ import annotations

import doctest

from leaktrace.variants.engine import find_points
from leaktrace.variants.kinds import latin_abbreviation


def _renderings(text: str) -> list[tuple[str, ...]]:
    points = find_points(text, kinds=["latin_abbreviation"])
    return [p.occurrences[0].renderings for p in points]


def test_ie_before_a_comma_becomes_that_is() -> None:
    assert _renderings("Until the budget -- i.e., late September -- she waits.") == [
        ("i.e.", "that is")
    ]


def test_eg_becomes_for_example_with_or_without_a_comma() -> None:
    assert _renderings("Some regulators (e.g. the ICO) object.") == [("e.g.", "for example")]
    assert _renderings("Some regulators, e.g., the ICO, object.") == [("e.g.", "for example")]


def test_ie_without_a_comma_is_left_alone() -> None:
    assert _renderings("The budget (i.e. late September) is due.") == []


def test_spelled_forms_are_never_abbreviated() -> None:
    assert _renderings("Some regulators, for example the ICO, object.") == []
    assert _renderings("That is, late September.") == []


def test_quotations_and_sentence_ends_are_left_alone() -> None:
    assert _renderings('He wrote "e.g. the ICO" in the margin.') == []
    assert _renderings("We list some, i.e.") == []


def test_docstring_example() -> None:
    assert doctest.testmod(latin_abbreviation).failed == 0
