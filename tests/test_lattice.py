from __future__ import annotations

from leaktrace.lattice import build_lattice
from leaktrace.model import Occurrence, VariationPoint


def test_build_lattice_branches_expand_to_whole_tokens() -> None:
    text = "Costs rose £410m last year."
    start = text.index("m last")
    point = VariationPoint(
        "n:1", "numbers", ("m", " million"), (Occurrence(start, start + 1, ("m", " million")),)
    )
    lattice = build_lattice(text, [point])
    branch = next(e for e in lattice.elements if e.is_branch)
    assert branch.options == (("410m",), ("410", "million"))


def test_build_lattice_original_words_follow_the_author() -> None:
    text = "He said that he left."
    start = text.index("that ")
    point = VariationPoint("c:1", "c", ("that", ""), (Occurrence(start, start + 5, ("that ", "")),))
    lattice = build_lattice(text, [point])
    assert [w for w, _ in lattice.original_words()] == ["he", "said", "that", "he", "left"]
