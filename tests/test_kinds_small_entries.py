"""Tests for small phrase entries: contingent/dependent on/upon after be, look/seem + adjective."""

from __future__ import annotations

import pytest

from leaktrace.variants.engine import find_points


def _renderings(text: str, kind: str) -> list[tuple[str, ...]]:
    points = find_points(text, variety="en-GB", kinds=[kind])
    return [p.occurrences[0].renderings for p in points]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Payment is contingent on Frozen achieving growth.", ("contingent on", "contingent upon")),
        ("The award is contingent upon approval.", ("contingent on", "contingent upon")),
        ("The plan is dependent upon Heron closing.", ("dependent on", "dependent upon")),
        ("Funding will be dependent on Ministers agreeing.", ("dependent on", "dependent upon")),
    ],
)
def test_contingent_and_dependent_after_be(text: str, expected: tuple[str, ...]) -> None:
    assert _renderings(text, "phrase") == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "The Welsh contingent on Anglesey left early.",  # the noun, not after be
        "A contingent on Anglesey left early.",
        "She has a dependent on Medicaid.",  # the noun
    ],
)
def test_contingent_and_dependent_skip_nouns(text: str) -> None:
    # only these two-word sets are checked: the older on/upon set has its own rule
    assert [r for r in _renderings(text, "phrase") if len(r[0].split()) == 2] == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Decisions that looked final have reversed.", ("looked final", "seemed final")),
        ("A settlement now looks likely.", ("looks likely", "seems likely")),
        ("It seems unlikely to pass.", ("looks unlikely", "seems unlikely")),
        ("They may look premature.", ("look premature", "seem premature")),
        ("A vote seemed inevitable.", ("looked inevitable", "seemed inevitable")),
    ],
)
def test_look_seem_before_a_predicative_adjective(text: str, expected: tuple[str, ...]) -> None:
    assert _renderings(text, "phrase") == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "She looked tired after the meeting.",  # appearance, not judgement
        "The building looks good.",
        "The offer looks fragile.",  # could be literal: left out
        "He looked doubtful.",  # a face: left out
        "She looked certain colleagues in the eye.",  # "certain" opens a noun phrase
        "We will look at the final figures.",  # look at
        "They look for likely buyers.",  # next word not an adjective of the list
        "The outcome is looking likely.",  # -ing form never offered
    ],
)
def test_look_seem_skips_other_uses(text: str) -> None:
    found = _renderings(text, "phrase") + _renderings(text, "synonym")
    assert [r for r in found if "look" in r[0] or "seem" in r[0]] == []
