"""Tests for the ``sentence_split`` kind: a semicolon or a full stop between two clauses."""

from __future__ import annotations

import pytest

from leaktrace.render import render_text
from leaktrace.variants.engine import find_points


def _other(text: str) -> str | None:
    points = find_points(text, kinds=["sentence_split"])
    assert len(points) <= 1
    return render_text(text, points, [1]) if points else None


@pytest.mark.parametrize(
    ("text", "other"),
    [
        (
            "One patient died; the inquest has not concluded.",
            "One patient died. The inquest has not concluded.",
        ),
        ("The plan failed; it was too ambitious.", "The plan failed. It was too ambitious."),
        ("The plan failed; we lost.", "The plan failed. We lost."),
        ("They resigned; their deputies took over.", "They resigned. Their deputies took over."),
        ("The plan failed; there was no money left.", "The plan failed. There was no money left."),
        ("The plan failed; this is the risk.", "The plan failed. This is the risk."),
        ("This is bad; we lost.", "This is bad. We lost."),
        ("The plan failed; these risks are real.", "The plan failed. These risks are real."),
        ("The plan failed; costs have risen.", "The plan failed. Costs have risen."),
        (
            "Much of it is persuasive; some of it is speculation.",
            "Much of it is persuasive. Some of it is speculation.",
        ),
        (
            "The deal is done; however, the price may still change.",
            "The deal is done. However, the price may still change.",
        ),
        (
            "Ms Reed resigned; Mr Osei stayed on.",
            "Ms Reed resigned. Mr Osei stayed on.",
        ),
        (
            "The Union (UC) holds 61 seats; it depends on two partners.",
            "The Union (UC) holds 61 seats. It depends on two partners.",
        ),
        (
            "- Sales is being folded into Core; the leads will share details.",
            "- Sales is being folded into Core. The leads will share details.",
        ),
        (
            "The review is due in May; the deficit is running high.",
            "The review is due in May. The deficit is running high.",
        ),
    ],
)
def test_sentence_split_offers_full_stop(text: str, other: str) -> None:
    assert _other(text) == other


def test_sentence_split_spans_semicolon_and_next_word() -> None:
    points = find_points(
        "One patient died; the inquest has not concluded.", kinds=["sentence_split"]
    )
    assert points[0].occurrences[0].renderings == ("; the", ". The")


@pytest.mark.parametrize(
    "text",
    [
        "The Board should (a) decline the offer; (b) authorise the CFO to negotiate.",  # list
        "We visited Paris, France; Rome, Italy; and Madrid, Spain.",  # a series
        "Three options remain: sell; close; or wait.",  # after a colon
        "Financing: fully committed; no financing condition.",  # fragments
        "Four weeks of due diligence; no financing condition.",
        "Strong results across the region; the team delivered.",  # no verb on the left
        "The deal is done; however the price may still change.",  # no comma after however
        "The deal is done; therefore we will proceed.",  # not offered
        "The deal is done; and we will proceed.",  # a conjunction opens the right side
        "The deal is done; but the price may change.",
        "If the deal fails; we lose.",  # a subordinate clause on the left
        "The bureaucracy is thin; 41 per cent of posts remain unfilled.",  # a figure would open
        "The plan failed; at the Pentagon the figure is lower.",  # no subject first
        "Sales rose; iPhone sales fell.",  # no capital reads right
        "We met the Chair (who was late; she apologised) and left.",  # inside brackets
        "(The plan failed; we lost) and then left.",
        'He said "we are done; it is over" and left.',  # a quotation
        "It is late; the meeting, which was long, has ended.",  # no verb in reach
        "The plan failed; staff need more support.",  # "need" may be a noun
        "# The plan failed; we lost.",  # a heading
        "| The plan failed; we lost. |",  # a table
        "(a) note the three proposals received;\n(b) approve exclusivity; and",  # list items
        "The plan failed; we lost",  # no full stop: not a finished sentence
    ],
)
def test_sentence_split_skips_unsafe_semicolons(text: str) -> None:
    assert _other(text) is None
