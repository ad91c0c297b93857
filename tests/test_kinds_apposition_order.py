"""Tests for the ``apposition_order`` kind: "the IT Director, Martin Hale," / "Martin Hale, the
IT Director,"."""

from __future__ import annotations

import pytest

from leaktrace.render import render_text
from leaktrace.variants.analysis import Tok, analyse
from leaktrace.variants.engine import find_points
from leaktrace.variants.kinds.apposition_order import _name_end


def _other(text: str) -> str | None:
    points = find_points(text, kinds=["apposition_order"])
    assert len(points) <= 1
    return render_text(text, points, [1]) if points else None


@pytest.mark.parametrize(
    ("text", "other"),
    [
        (
            "The IT Director, Martin Hale, emailed three colleagues.",
            "Martin Hale, the IT Director, emailed three colleagues.",
        ),
        (
            "At 22:14, the IT Director, Martin Hale, emailed them.",
            "At 22:14, Martin Hale, the IT Director, emailed them.",
        ),
        ("Leon Brasher, the trade adviser, said no.", "The trade adviser, Leon Brasher, said no."),
        (
            "In March, Dr Helen Marsh, the Director of Strategy, resigned.",
            "In March, the Director of Strategy, Dr Helen Marsh, resigned.",
        ),
        (
            "The Trust's chief executive, Jo Smith, has resigned.",
            "Jo Smith, the Trust's chief executive, has resigned.",
        ),
        (
            "We understand that Jo Smith, the Chair, has resigned.",
            "We understand that the Chair, Jo Smith, has resigned.",
        ),
    ],
)
def test_apposition_order_swaps_subject_pairs(text: str, other: str) -> None:
    assert _other(text) == other


@pytest.mark.parametrize(
    "text",
    [
        "We met the Chair, Jo Smith, and the Secretary.",  # may be a list
        # the name is in apposition to "The UK's ambassador to the US", not to "the US"
        "The UK's ambassador to the US, Kim Darroch, has resigned.",
        "Present were Mr A, the Chair, Jo Smith, the Secretary, and Ann Lee.",  # a list
        "He wrote to the Chair, Jo Smith, yesterday.",  # no verb after: not sure of the frame
        "The ICO, the FCA, and the PRA were told.",  # no name
        "In London, the Minister said yes.",  # no apposition
        "The Chair, Jo Smith, speaking for the Board, agreed.",  # -ing, not a finite verb
    ],
)
def test_apposition_order_skips_other_frames(text: str) -> None:
    assert _other(text) is None


class _Recording(list[Tok]):
    """A sentence that notes every position read, to bound how far a scan looks."""

    def __init__(self, tokens: list[Tok]) -> None:
        super().__init__(tokens)
        self.read: set[int] = set()

    def __getitem__(self, index: int) -> Tok:  # type: ignore[override]
        self.read.add(index)
        return super().__getitem__(index)


def test_apposition_order_name_scan_stops_after_four_words() -> None:
    words = " ".join(["Alpha", "Beta", "Gamma", "Delta", "Epsilon", "Zeta", "Eta", "Theta"])
    analysis = analyse(f"Dr {words} Iota, the Chair, said no.")
    sentence = _Recording(list(analysis.tokens))
    assert _name_end(analysis, sentence, 0) is None
    assert max(sentence.read) <= 5  # the honorific and four words, never up to the comma
