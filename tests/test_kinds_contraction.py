"""Tests for the ``contraction`` kind: the register gate, both directions, and each rule."""

from __future__ import annotations

import time

from leaktrace.variants.analysis import analyse
from leaktrace.variants.engine import find_points
from leaktrace.variants.kinds.contraction import FINDER, contraction_pairs

_INFORMAL = "I'm sorry. We're late. "


def _renderings(text: str) -> list[tuple[str, ...]]:
    return [p.occurrences[0].renderings for p in find_points(text, kinds=["contraction"])]


def test_lexicon_pairs_are_lower_case_and_distinct() -> None:
    pairs = contraction_pairs()
    assert len(pairs) >= 25
    for short, (long, rule) in pairs.items():
        assert short == short.lower() and "'" in short
        assert rule in {"negative", "any", "perfect", "is"}
        assert long != short


def test_contraction_offers_nothing_in_a_formal_document() -> None:
    assert _renderings("We do not agree. It is not clear that we are late.") == []


def test_contraction_gate_ignores_quoted_contractions() -> None:
    assert _renderings("He wrote \"we're done, don't ask\". We do not agree.") == []


def test_contraction_spells_out_and_contracts() -> None:
    found = _renderings(_INFORMAL + "Please do not forward this.")
    assert ("I am", "I'm") in found and ("We are", "We're") in found
    assert ("do not", "don't") in found


def test_contraction_keeps_the_author_form_as_original() -> None:
    points = find_points(_INFORMAL + "Please do not forward this.", kinds=["contraction"])
    last = points[-1]
    assert last.occurrences[0].renderings[last.original] == "do not"
    assert points[0].occurrences[0].renderings[points[0].original] == "I'm"


def test_positive_contraction_never_ends_a_clause() -> None:
    assert ("you are", "you're") not in _renderings(_INFORMAL + "I know who you are.")
    assert ("they are", "they're") not in _renderings(_INFORMAL + "Whether they are or not.")


def test_have_contracts_only_before_a_participle() -> None:
    assert ("we have", "we've") in _renderings(_INFORMAL + "Then we have failed.")
    assert ("we have", "we've") not in _renderings(_INFORMAL + "Then we have to go.")


def test_its_is_not_read_as_it_is_before_been() -> None:
    assert ("it is", "it's") not in _renderings(_INFORMAL + "Then it's been a year.")
    assert ("it is", "it's") in _renderings(_INFORMAL + "Then it's a year.")


def test_contraction_follows_the_document_apostrophe() -> None:
    found = _renderings("I’m sorry. We’re late. Then we will go.")
    assert ("we will", "we’ll") in found


def test_finder_is_fast_on_a_long_document() -> None:
    text = " ".join([_INFORMAL + "We do not know, and it is a pity that we will go."] * 60)
    analysis = analyse(text)
    list(FINDER.find(analyse(_INFORMAL)))
    started = time.perf_counter()
    assert list(FINDER.find(analysis))
    assert time.perf_counter() - started < 0.05
