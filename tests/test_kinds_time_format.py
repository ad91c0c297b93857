"""Tests for the `time_format` kind: "09:15" or "09.15" in British documents, copy-wide."""

from __future__ import annotations

import doctest

import pytest

from leaktrace.model import VariationPoint
from leaktrace.render import render_text
from leaktrace.variants.engine import find_points
from leaktrace.variants.kinds import time_format


def _points(text: str, variety: str = "en-GB") -> list[VariationPoint]:
    return find_points(text, variety=variety, kinds=["time_format"])


def _copy(text: str, points: list[VariationPoint], option: int) -> str:
    return render_text(text, points, [option] * len(points))


def test_colons_become_full_points_together() -> None:
    text = "At 06:40 the alarm rang. By 09:15 it was clear; the call is at 17:00 today."
    points = _points(text)
    assert [(p.labels, p.original, len(p.occurrences)) for p in points] == [
        (("09:15", "09.15"), 0, 3)
    ]
    assert _copy(text, points, 1) == (
        "At 06.40 the alarm rang. By 09.15 it was clear; the call is at 17.00 today."
    )


def test_full_points_in_a_time_become_colons() -> None:
    text = "We meet at 14.30 and close at 6.40 pm."
    points = _points(text)
    assert _copy(text, points, 0) == "We meet at 14:30 and close at 6:40 pm."


@pytest.mark.parametrize(
    "text",
    [
        "Costs rose by 2.30 per cent and 14.20 in total.",  # decimals
        "See John 3:16 and Rule 12:30.",  # citations
        "It ended at 12:30:45.",  # seconds
        "We met at 09:15 and left at 11.30 am.",  # mixed separators
    ],
)
def test_non_times_and_mixed_documents_are_not_points(text: str) -> None:
    assert _points(text) == []


def test_american_documents_keep_the_colon() -> None:
    assert _points("The call is at 9:30 AM today.", "en-US") == []


def test_a_fixed_time_in_a_header_keeps_the_body_s_times_as_written() -> None:
    # The header's "18:30" is never touched, so a copy offering "20.00" below it would mix the
    # two separators on one page: the convention is not offered at all.
    text = "**Date:** Saturday, 18:30\n\nThe deadline is 20:00 tonight, as agreed with them."
    assert _points(text) == []
    assert len(_points("The deadline is 20:00 tonight, as agreed with them.")) == 1


def test_time_format_module_example_runs() -> None:
    result = doctest.testmod(time_format)
    assert result.attempted > 0 and result.failed == 0
