"""Tests for the `ranges` kind: "£2m–£6m" or "£2m to £6m", one style throughout a copy."""

from __future__ import annotations

import doctest

from leaktrace.model import Scope, VariationPoint
from leaktrace.render import render_text
from leaktrace.variants.engine import find_points
from leaktrace.variants.kinds import ranges


def _points(text: str) -> list[VariationPoint]:
    return find_points(text, kinds=["ranges"])


def _copy(text: str, points: list[VariationPoint], option: int) -> str:
    return render_text(text, points, [option] * len(points))


def test_ranges_of_money_switch_together() -> None:
    text = "A realistic range is £2m–£6m.\n\nOffers came in at £120m–£135m, unfunded."
    points = _points(text)
    assert [(p.labels, p.scope, len(p.occurrences)) for p in points] == [
        (("£2m–£6m", "£2m to £6m"), Scope.DOCUMENT, 2)
    ]
    assert _copy(text, points, 1) == (
        "A realistic range is £2m to £6m.\n\nOffers came in at £120m to £135m, unfunded."
    )


def test_decimal_dollar_ranges_are_ranges() -> None:
    text = "We would expect to land around $43.75–$44.25."
    assert _copy(text, _points(text), 1) == "We would expect to land around $43.75 to $44.25."


def test_between_and_from_are_never_followed_by_to() -> None:
    assert _points("The fine will be between £2m–£6m.") == []
    assert _points("Prices went from $1–$2 overnight.") == []


def test_only_unspaced_en_dashes_between_sums_of_one_currency() -> None:
    assert _points("It was £2m – £6m, a parenthesis.") == []
    assert _points("It was £2m-£6m.") == []
    assert _points("It was £2m–$6m.") == []
    assert _points("See pages 10–15 and the 2024–25 accounts.") == []


def test_an_author_who_writes_to_keeps_every_range() -> None:
    assert _points("A range of £2m–£6m, later cut £3m to £1m.") == []


def test_quotations_are_untouched() -> None:
    assert _points('He said "£2m–£6m" on the call.') == []


def test_docstring_example() -> None:
    assert doctest.testmod(ranges).failed == 0
