"""Tests for the ``relative`` kind: restrictive *that* / *which* for things."""

from __future__ import annotations

import pytest

from leaktrace.render import render_text
from leaktrace.variants.engine import find_points


def _renderings(text: str, variety: str = "en-GB") -> list[str]:
    points = find_points(text, variety=variety, kinds=["relative"])
    assert len(points) <= 1
    if not points:
        return []
    return [render_text(text, points, [i]) for i in range(points[0].option_count)]


def test_relative_offers_which_for_that_in_british_english() -> None:
    text = "We should stop investing in a process that no longer decides anything."
    assert _renderings(text) == [
        text,
        "We should stop investing in a process which no longer decides anything.",
    ]


def test_relative_offers_that_for_which() -> None:
    text = "This is an administration which can be influenced."
    assert _renderings(text)[1] == "This is an administration that can be influenced."


@pytest.mark.parametrize(
    "text",
    [
        "Several decisions that looked final in February have since been reversed.",
        "It was a plan that has not worked.",
        "They were riven by feuds that are conducted through the press.",
    ],
)
def test_relative_finds_subject_relatives(text: str) -> None:
    assert len(_renderings(text)) == 2


def test_relative_american_offers_only_which_to_that() -> None:
    assert _renderings("It was a criterion that was added late.", "en-US") == []
    text = "It was a criterion which was added late."
    assert _renderings(text, "en-US")[1] == "It was a criterion that was added late."


@pytest.mark.parametrize(
    "text",
    [
        "There is a real risk that we mistake warmth for commitment.",  # content clause
        "He told the Minister that he would resign.",  # complementiser
        "She told the committee that was unacceptable.",  # demonstrative subject
        "Nobody here thought that odd.",  # demonstrative
        "We changed the rules so that costs fall.",  # so that
        "The paper, which proposed savings, was approved.",  # non-restrictive
        "It is the timeline that will define this case.",  # cleft
        "The officials that remain are loyal.",  # person: who
        "The staff that remain are loyal.",  # person: who
        "It is the only process that works.",  # only: that
        "It is the best deal that exists.",  # superlative
        "Anything that moves is taxed.",  # indefinite pronoun
        "The room in which the Board met was cold.",  # preposition
        "It is a seminar that the President occasionally reads about.",  # object relative
        "She asked the panel which was preferable.",  # interrogative
        "This is the way that works best.",  # prefers that
        "He sent the board that revised paper.",  # determiner + adjective
        "They faced the Trust that decides.",  # capitalised antecedent
        "The plan assumed sales that never came and costs that buyers refused.",  # parallel pair
    ],
)
def test_relative_skips_unsafe_contexts(text: str) -> None:
    assert _renderings(text) == []


def test_relative_leaves_quotations_untouched() -> None:
    text = 'He called it "a process that no longer decides anything" at the time.'
    assert _renderings(text) == []


def test_relative_point_is_keyed_and_labelled() -> None:
    points = find_points("It is a process that no longer decides.", kinds=["relative"])
    assert points[0].key == f"relative:{points[0].start}"
    assert points[0].labels == ("process that no", "process which no")


@pytest.mark.parametrize(
    "text",
    [
        "We sold cars and parts that had rusted.",
        "Each issuance records which points were active.",  # an indirect question
        "The team met and each member records which tasks were done.",
    ],
)
def test_relative_skips_heads_that_may_be_verbs_after_and(text: str) -> None:
    assert find_points(text, variety="en-GB", kinds=["relative"]) == []
