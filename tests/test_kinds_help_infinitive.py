"""Tests for the ``help_infinitive`` kind: optional *to* after *help*."""

from __future__ import annotations

import pytest

from leaktrace.render import render_text
from leaktrace.variants.engine import find_points


def _other(text: str) -> str | None:
    points = find_points(text, kinds=["help_infinitive"])
    assert len(points) <= 1
    return render_text(text, points, [1]) if points else None


@pytest.mark.parametrize(
    ("text", "other"),
    [
        ("This will help to reduce costs.", "This will help reduce costs."),
        ("This will help reduce costs.", "This will help to reduce costs."),
        ("It helped us to meet the deadline.", "It helped us meet the deadline."),
        ("We want to help the Board to decide.", "We want to help the Board decide."),
        ("We want to help the new Board to decide.", "We want to help the new Board decide."),
        ("They will help to fund the scheme.", "They will help fund the scheme."),
        ("Measures that help ensure safety work.", "Measures that help to ensure safety work."),
        ("The change is helping to improve morale.", "The change is helping improve morale."),
    ],
)
def test_help_infinitive_offers_to(text: str, other: str) -> None:
    assert _other(text) == other


@pytest.mark.parametrize(
    "text",
    [
        "Advice and help to staff is available.",  # noun help
        "Call the help desk.",  # compound
        "We can help staff with this.",  # staff is the object
        "They gave help to businesses.",  # noun help, "to" a preposition
        "It is a help to know.",  # noun help
        "It helps to know the facts.",  # "it" anticipates the infinitive
        "It would help to have the figures.",
        "This helped them to safety.",  # "to" a preposition
        "It helped us meet the deadline.",  # meet is also a noun: bare form left alone
    ],
)
def test_help_infinitive_skips_other_frames(text: str) -> None:
    assert _other(text) is None
