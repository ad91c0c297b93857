"""Tests for the ``genitive`` kind: "the Board's approval" / "the approval of the Board"."""

from __future__ import annotations

import pytest

from leaktrace.render import render_text
from leaktrace.variants.engine import find_points


def _other(text: str) -> str | None:
    points = find_points(text, kinds=["genitive"])
    assert len(points) <= 1
    return render_text(text, points, [1]) if points else None


@pytest.mark.parametrize(
    ("text", "other"),
    [
        ("We need the Board's approval.", "We need the approval of the Board."),
        ("With the consent of the Bank, we sold.", "With the Bank's consent, we sold."),
        (
            "It was brought to the Committee's attention.",
            "It was brought to the attention of the Committee.",
        ),
        ("The directors' approval is required.", "The approval of the directors is required."),
        ("The approval of the directors is required.", "The directors' approval is required."),
        ("He acted on behalf of the Board.", "He acted on the Board's behalf."),
        ("He acted on the Board's behalf.", "He acted on behalf of the Board."),
        (
            "It is the decision of the Pensions Regulator.",
            "It is the Pensions Regulator's decision.",
        ),
        (
            "We await the Board's final decision on the sale.",
            "We await the final decision of the Board on the sale.",
        ),
        ("We saw the final decision of the Board.", "We saw the Board's final decision."),
        (
            "At the discretion of the Chair, members may speak.",
            "At the Chair's discretion, members may speak.",
        ),
        (
            "We protect the rights of the parties under the contract.",
            "We protect the parties' rights under the contract.",
        ),
    ],
)
def test_genitive_alternates_in_safe_frames(text: str, other: str) -> None:
    assert _other(text) == other


@pytest.mark.parametrize(
    "text",
    [
        "The Board's approval of the plan was sought.",  # two of-phrases would stack
        "The Company's shares and assets fell.",  # "and" would change what it joins
        "The Company's customers, suppliers and staff agreed.",  # a list follows the comma
        "We need the Bank and the Board's approval.",  # a shared (group) possessor
        "We heard the Chair of the Board's view.",  # a group genitive
        "We need the approval and the consent of the Board.",  # "of" may scope over both
        "This year's results were poor.",  # not "the" + possessor
        "The day's decisions were hard.",  # a time, not a possessor
        "The views of the Board matter.",  # "Board matter" is a clause, not a possessor
        "The members of the public were told.",  # idiom
        "The members of the Court of Appeal sat.",  # possessor continues with "of"
        "The review of the Board is due.",  # "review" may be a review of the Board
        "The Board's decided to go.",  # 's is "has"
        "The Group's own policy excludes it.",  # "own" has no of-form
        "The Minister's appointment was announced.",  # subject or object reading
        "The view of the Board that it should wait.",  # "that" may attach to the Board
        "The Court's decision, which was unanimous, stands.",  # a new antecedent for "which"
        "He met the Secretary of the Treasury.",  # a title
    ],
)
def test_genitive_skips_unsafe_frames(text: str) -> None:
    assert _other(text) is None


def test_genitive_leaves_quotations_untouched() -> None:
    assert _other('She wrote: "We need the Board\'s approval."') is None
