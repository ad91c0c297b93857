"""Tests for the ``optional_to_be`` kind: "considered (to be) reasonable"."""

from __future__ import annotations

import pytest

from leaktrace.render import render_text
from leaktrace.variants.engine import find_points


def _other(text: str) -> str | None:
    points = find_points(text, kinds=["optional_to_be"])
    assert len(points) <= 1
    return render_text(text, points, [1]) if points else None


@pytest.mark.parametrize(
    ("text", "other"),
    [
        ("The fee is considered to be reasonable.", "The fee is considered reasonable."),
        ("The fee is considered reasonable.", "The fee is considered to be reasonable."),
        (
            "The fee is generally considered to be reasonable in scope.",
            "The fee is generally considered reasonable in scope.",
        ),
        ("We consider it to be necessary.", "We consider it necessary."),
        ("The Board considered it urgent.", "The Board considered it to be urgent."),
        ("He shall be deemed to be a party.", "He shall be deemed a party."),
        ("The estimate proved to be optimistic.", "The estimate proved optimistic."),
        ("The estimate proved optimistic.", "The estimate proved to be optimistic."),
        ("It appears to be unlikely that they will.", "It appears unlikely that they will."),
    ],
)
def test_optional_to_be_offers_to_be(text: str, other: str) -> None:
    assert _other(text) == other


@pytest.mark.parametrize(
    "text",
    [
        "The paper was considered the same day.",  # no "to be" for an article the author left out
        "The item was considered further.",  # adverb, not a complement
        "There seem to be several issues.",  # existential "there"
        "There is considered to be a risk.",
        "Notice is deemed to be given.",  # participle
        "This appears to be good news.",  # the adjective starts a noun phrase
        "This appears to be a breach.",  # article after a verb of seeming
        "It seems clear that we lost.",  # "it seems to be clear that" is stiff
        "It appears necessary that we act.",  # "it" before the verb: see the docstring
        "We will consider it carefully.",
        "The offer was deemed insufficient and rejected.",  # "and" would join "rejected"
        "The meeting was considered open.",  # -en forms are left alone
    ],
)
def test_optional_to_be_skips_other_frames(text: str) -> None:
    assert _other(text) is None
