"""Tests for the `number_words` kind: counts from 10 to 99 in words or figures, copy-wide."""

from __future__ import annotations

import doctest

import pytest

from leaktrace.model import VariationPoint
from leaktrace.render import render_text
from leaktrace.variants.engine import find_points
from leaktrace.variants.kinds import number_words


def _points(text: str, variety: str = "en-GB") -> list[VariationPoint]:
    return find_points(text, variety=variety, kinds=["number_words"])


def _copy(text: str, points: list[VariationPoint], option: int) -> str:
    return render_text(text, points, [option] * len(points))


def test_figures_become_words_together() -> None:
    text = "We would sell in 18 months. The list has 31 names and 24 people."
    points = _points(text)
    assert [(p.labels, p.original, len(p.occurrences)) for p in points] == [
        (("in words", "in figures"), 1, 3)
    ]
    assert _copy(text, points, 0) == (
        "We would sell in eighteen months. The list has thirty-one names and twenty-four people."
    )


def test_words_become_figures() -> None:
    text = "The notice took eleven days and cost forty jobs."
    points = _points(text, "en-US")
    assert _copy(text, points, 1) == "The notice took 11 days and cost 40 jobs."


def test_a_figure_opening_a_sentence_is_spelled_with_a_capital() -> None:
    text = "Staff get:\n\n- 12 weeks of base pay, plus two weeks for every full year of service\n"
    text += "We fill the 11 roles at offer stage."
    copy = _copy(text, _points(text, "en-US"), 0)
    assert copy.startswith("Staff get:\n\n- Twelve weeks of base pay")
    assert copy.endswith("the eleven roles at offer stage.")


def test_a_word_opening_a_sentence_is_left_alone() -> None:
    text = "Thirty days is too long. Give them 14 days."
    points = _points(text)
    assert _copy(text, points, 0) == "Thirty days is too long. Give them fourteen days."


@pytest.mark.parametrize(
    "text",
    [
        "It took eleven days and 18 points.",  # mixed styles
        "It holds 61 of 141 seats and took 19 days.",  # a count we cannot vary
        "Under Article 33 a controller must notify within 72 hours; the 72 hours passed.",
        "It runs for 10 to 20 days.",  # a range
        "The 40-year concession ran for 12 months.",  # a hyphenated compound
    ],
)
def test_unsafe_documents_keep_their_numbers(text: str) -> None:
    assert _points(text) == []


def test_dates_money_percentages_and_labels_are_not_counts() -> None:
    text = 'On 20 October, £40 and 25 per cent under item 25, "42 days" later: 14 months.'
    points = _points(text)
    assert len(points) == 1 and len(points[0].occurrences) == 1
    assert _copy(text, points, 0).endswith('"42 days" later: fourteen months.')


def test_spell_writes_compound_numbers_with_a_hyphen() -> None:
    assert [number_words.spell(n) for n in (10, 19, 20, 42, 99)] == [
        "ten",
        "nineteen",
        "twenty",
        "forty-two",
        "ninety-nine",
    ]


def test_number_words_module_example_runs() -> None:
    result = doctest.testmod(number_words)
    assert result.attempted > 0 and result.failed == 0
