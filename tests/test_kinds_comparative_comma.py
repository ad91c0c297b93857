"""Tests for the ``comparative_comma`` kind: "the longer we wait, the less"."""

from __future__ import annotations

import pytest

from leaktrace.render import render_text
from leaktrace.variants.engine import find_points


def _other(text: str) -> str | None:
    points = find_points(text, kinds=["comparative_comma"])
    assert len(points) <= 1
    return render_text(text, points, [1]) if points else None


@pytest.mark.parametrize(
    ("text", "other"),
    [
        ("The sooner we act, the better.", "The sooner we act the better."),
        ("The sooner we act the better.", "The sooner we act, the better."),
        (
            "It is right, and the longer we wait the less Frozen will be worth.",
            "It is right, and the longer we wait, the less Frozen will be worth.",
        ),
        (
            "The longer the Board waits, the harder it gets.",
            "The longer the Board waits the harder it gets.",
        ),
        (
            "The more money we spend the more likely it is to work.",
            "The more money we spend, the more likely it is to work.",
        ),
    ],
)
def test_comparative_comma_toggles_comma(text: str, other: str) -> None:
    assert _other(text) == other


@pytest.mark.parametrize(
    "text",
    [
        "The more we pay the better staff, the happier they are.",  # a third half follows
        "The longer we wait for the better offer the less we gain.",  # "the better offer"
        "In the longer term the plan is fine.",  # not a correlative
        "It is all the better for it.",
        "The longer term plan is that we sell and the better option is to wait.",
        'He said: "The sooner we act, the better."',  # quotation
    ],
)
def test_comparative_comma_skips_other_uses(text: str) -> None:
    assert _other(text) is None


def test_comparative_comma_labels_show_both_forms() -> None:
    points = find_points("The sooner we act, the better.", kinds=["comparative_comma"])
    assert points[0].labels == ("act, the better", "act the better")


def test_comparative_comma_needs_a_verb_in_the_first_half() -> None:
    assert _other("The longer the wait, the greater the cost.") is None
    assert _other("The longer the tags file, the slower this will be.") is None
