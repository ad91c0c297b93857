"""Tests for the ``continue_gerund`` kind: "continue to monitor" / "continue monitoring"."""

from __future__ import annotations

import pytest

from leaktrace.render import render_text
from leaktrace.variants.engine import find_points


def _other(text: str) -> str | None:
    points = find_points(text, kinds=["continue_gerund"])
    assert len(points) <= 1
    return render_text(text, points, [1]) if points else None


@pytest.mark.parametrize(
    ("text", "other"),
    [
        ("We will continue to monitor it.", "We will continue monitoring it."),
        ("We will continue monitoring it.", "We will continue to monitor it."),
        (
            "Patients should continue to attend appointments.",
            "Patients should continue attending appointments.",
        ),
        ("They continued working with the Trust.", "They continued to work with the Trust."),
        ("Prices continue to rise.", "Prices continue rising."),
        ("We want to continue working.", "We want to continue to work."),
    ],
)
def test_continue_gerund_offers_both_complements(text: str, other: str) -> None:
    assert _other(text) == other


@pytest.mark.parametrize(
    "text",
    [
        "Payments continue to date.",  # a time phrase
        "We will continue to be vigilant.",  # "continue being" is stiff
        "The rule continues to apply.",  # state verb
        "The Board continues to believe that it is right.",  # state verb
        "The continued funding of the scheme is welcome.",  # adjective
        "We will continue funding of the scheme.",  # -ing noun
        "Continuing to work is hard.",  # "continuing working"
        "We continue to Paris.",  # "to" a preposition
        "We rely on continued funding.",  # an adjective after a preposition
        "Continued funding is essential.",  # an adjective at a sentence start
        "Despite continued rising costs, we grew.",  # an adjective with no subject
    ],
)
def test_continue_gerund_skips_other_frames(text: str) -> None:
    assert _other(text) is None
