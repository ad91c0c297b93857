"""Tests for the ``yet_position`` kind: "has not yet responded." / "has not responded yet."."""

from __future__ import annotations

import pytest

from leaktrace.render import render_text
from leaktrace.variants.engine import find_points


def _other(text: str) -> str | None:
    points = find_points(text, kinds=["yet_position"])
    assert len(points) <= 1
    return render_text(text, points, [1]) if points else None


@pytest.mark.parametrize(
    ("text", "other"),
    [
        ("The Trust has not yet responded.", "The Trust has not responded yet."),
        ("We have not decided yet.", "We have not yet decided."),
        ("The position is not yet clear.", "The position is not clear yet."),
        ("The terms have not yet been agreed.", "The terms have not been agreed yet."),
        ("The terms have not been agreed yet.", "The terms have not yet been agreed."),
        ("The Trust hasn't responded yet.", "The Trust hasn't yet responded."),
        ("A decision is not yet possible.", "A decision is not possible yet."),
        (
            "The rules do not yet exist; we will draft them.",
            "The rules do not exist yet; we will draft them.",
        ),
    ],
)
def test_yet_position_moves_yet(text: str, other: str) -> None:
    assert _other(text) == other


@pytest.mark.parametrize(
    "text",
    [
        "It has not yet paid the invoice.",  # an object would be stranded
        "We are not there yet.",  # "not yet there" is marked
        "It is not ideal, yet we must act.",  # conjunction "yet"
        "We have not yet fully spent it.",  # an adverb and an object
        "Have you not yet decided?",  # a question
        "Yet the Board has not decided.",  # no "not yet"
        "This is not yet a law.",  # a noun phrase complement
    ],
)
def test_yet_position_skips_other_frames(text: str) -> None:
    assert _other(text) is None
