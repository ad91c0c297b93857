"""Tests for the ``adverb_position`` kind: where a connective adverb sits."""

from __future__ import annotations

import pytest

from leaktrace.render import render_text
from leaktrace.variants.engine import find_points


def _moved(text: str) -> str | None:
    points = find_points(text, kinds=["adverb_position"])
    assert len(points) <= 1
    return render_text(text, points, [1]) if points else None


@pytest.mark.parametrize(
    ("text", "moved"),
    [
        ("However, the regulators have said so.", "The regulators, however, have said so."),
        ("The regulators, however, have said so.", "However, the regulators have said so."),
        ("However, we need more time.", "We, however, need more time."),
        ("However, Brasher will block it.", "Brasher, however, will block it."),
        ("Therefore, we recommend a counter.", "We therefore recommend a counter."),
        ("We therefore recommend a counter.", "Therefore, we recommend a counter."),
        (
            "The tender committee nonetheless scored it higher.",
            "Nonetheless, the tender committee scored it higher.",
        ),
        ("Meanwhile, the board is divided.", "The board, meanwhile, is divided."),
        ("It therefore follows that we lose.", "Therefore, it follows that we lose."),
        # a bare connective sits after the first auxiliary, and moves back from there
        ("Therefore, the regulators will act.", "The regulators will therefore act."),
        ("The regulators will therefore act.", "Therefore, the regulators will act."),
        ("Therefore, the risk is high.", "The risk is therefore high."),
        ("Therefore, we have agreed.", "We have therefore agreed."),
        ("We have therefore agreed.", "Therefore, we have agreed."),
        ("Therefore, we have a choice.", "We therefore have a choice."),  # main-verb have
        ("Therefore, we will not act.", "We therefore will not act."),  # before a negation
        ("The Board has, however, agreed.", "However, the Board has agreed."),
        ("However, the Government has refused.", "The Government, however, has refused."),
        ("Moreover, the Board has agreed.", "The Board, moreover, has agreed."),
        ("Accordingly, we recommend approval.", "We accordingly recommend approval."),
        ("Consequently, the Company will pay.", "The Company will consequently pay."),
    ],
)
def test_adverb_position_moves_connective(text: str, moved: str) -> None:
    assert _moved(text) == moved


def test_adverb_position_capitalises_after_paragraph_number() -> None:
    text = "5.1 However, the board is divided."
    assert _moved(text) == "5.1 The board, however, is divided."


@pytest.mark.parametrize(
    "text",
    [
        "However, it is late.",  # "It, however, is" is stilted
        "However, I disagree.",
        "However unappealing, we must engage.",  # concessive, not a connective
        "However: the rules differ.",
        "However, if the deal fails, we lose.",  # no subject follows
        "However, the very large and complicated plan failed.",  # subject too long
        "We also need more time.",  # also is never moved
        "Prosecutors therefore need a vote.",  # capitalised common word, not a name
        "He said, however, that it failed.",  # not a subject + verb
        "We have therefore a choice.",  # have as a main verb: no auxiliary slot
        "We will not therefore act.",  # after a negation the scope changes
        "However, our Board will act.",  # a capital after "our" may not be a name
    ],
)
def test_adverb_position_skips_unsafe_sentences(text: str) -> None:
    assert _moved(text) is None


def test_adverb_position_leaves_quotations_untouched() -> None:
    assert _moved('"However, the regulators have said so," she wrote.') is None
