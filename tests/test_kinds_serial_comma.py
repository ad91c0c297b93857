"""Tests for the `serial_comma` kind: the Oxford comma as one convention, lists found strictly."""

from __future__ import annotations

import doctest

import pytest

from leaktrace.model import Scope, VariationPoint
from leaktrace.render import render_text
from leaktrace.variants.engine import find_points
from leaktrace.variants.kinds import serial_comma


def _points(text: str, variety: str = "en-GB") -> list[VariationPoint]:
    return find_points(text, variety=variety, kinds=["serial_comma"])


def _copies(text: str, points: list[VariationPoint]) -> list[str]:
    assert len(points) == 1
    return [render_text(text, points, [option]) for option in range(points[0].option_count)]


def test_serial_comma_added_to_every_list_together() -> None:
    text = (
        "Health data combined with names, addresses and policy details meets the test.\n\n"
        "Records include medical reports, GP correspondence or injury details."
    )
    points = _points(text)
    assert points[0].labels == ("A, B and C", "A, B, and C")
    assert points[0].scope is Scope.DOCUMENT and len(points[0].occurrences) == 2
    assert _copies(text, points)[1] == (
        "Health data combined with names, addresses, and policy details meets the test.\n\n"
        "Records include medical reports, GP correspondence, or injury details."
    )


def test_serial_comma_removed_from_every_list_together() -> None:
    text = "They offered cash, shares, and a seat on the board. We want steel, oil, and gas."
    points = _points(text, "en-US")
    assert points[0].labels == ("A, B, and C", "A, B and C")
    assert _copies(text, points)[1] == (
        "They offered cash, shares and a seat on the board. We want steel, oil and gas."
    )


def test_mixed_author_keeps_the_mix_as_one_option() -> None:
    text = (
        "We should use it on three things – steel, the drugs probe and the Arctic talks.\n\n"
        "What does not work is public criticism, appeals to the rules, or long papers."
    )
    points = _points(text)
    assert points[0].labels == ("as written", "A, B, and C", "A, B and C")
    written, serial, plain = _copies(text, points)
    assert written == text
    assert "the drugs probe, and the Arctic" in serial and "the rules, or long" in serial
    assert "the drugs probe and the Arctic" in plain and "the rules or long" in plain


@pytest.mark.parametrize(
    "text",
    [
        "In 2019, staff and managers agreed.",
        "Last year, sales and profits fell.",
        "However, costs and prices rose.",
        "It belongs to Leon Brasher, the trade adviser, and to Marty Gell.",
        "We met our largest customer, a national grocer, and its suppliers.",
        "We invited the CFO, Gareth Pyle, and the Company Secretary.",
        "If it leaks, the price and the terms will change.",
        "Closure costs of £19m, 420 redundancies, and leaves a sub-scale business.",
        "The board, which met on Monday, and the committee agreed.",
        "Enrolment was 31 per cent below budget and equivalent to £9.6m of lost income.",
        "Team, staff and managers should read this.",
        "If you need help, pull in your People partner or message me directly.",
    ],
)
def test_non_lists_are_not_points(text: str) -> None:
    assert _points(text) == []


def test_first_item_is_found_after_a_verb_and_preposition() -> None:
    text = (
        "While the review is under way, we will organise briefings for staff, unions and the press."
    )
    assert _copies(text, _points(text))[1].endswith("for staff, unions, and the press.")


def test_lists_inside_quotations_are_untouched() -> None:
    text = 'She called it "loyal, useful and careful" but we saw cost, delay and risk.'
    points = _points(text)
    assert len(points[0].occurrences) == 1
    assert _copies(text, points)[1] == (
        'She called it "loyal, useful and careful" but we saw cost, delay, and risk.'
    )


def test_serial_comma_module_example_runs() -> None:
    result = doctest.testmod(serial_comma)
    assert result.attempted > 0 and result.failed == 0
