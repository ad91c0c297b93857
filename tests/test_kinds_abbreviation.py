"""Tests for the `abbreviation` kind: US/U.S., Mr/Mr., am/a.m. and e.g. as copy-wide styles."""

from __future__ import annotations

import doctest

from leaktrace.model import Scope, VariationPoint
from leaktrace.render import render_text
from leaktrace.variants.engine import find_points
from leaktrace.variants.kinds import abbreviation


def _points(text: str, variety: str) -> list[VariationPoint]:
    return find_points(text, variety=variety, kinds=["abbreviation"])


def _copies(text: str, point: VariationPoint, points: list[VariationPoint]) -> list[str]:
    index = points.index(point)
    copies = []
    for option in range(point.option_count):
        choices = [p.original for p in points]
        choices[index] = option
        copies.append(render_text(text, points, choices))
    return copies


def test_british_documents_may_drop_stops_from_us() -> None:
    text = "The U.S. team met the UK side. Any U.S. commitment may be withdrawn."
    points = _points(text, "en-GB")
    assert [p.labels for p in points] == [("U.S., UK", "US, UK")]
    assert points[0].scope is Scope.DOCUMENT and len(points[0].occurrences) == 2
    assert _copies(text, points[0], points)[1] == (
        "The US team met the UK side. Any US commitment may be withdrawn."
    )


def test_british_documents_never_gain_stops() -> None:
    assert _points("The US team met the UK side.", "en-GB") == []


def test_american_documents_may_use_either_style_throughout() -> None:
    text = "Coverage in the U.S. and equivalent arrangements in the UK."
    points = _points(text, "en-US")
    assert [p.labels for p in points] == [("U.S., UK", "US, UK", "U.S., U.K.")]
    assert _copies(text, points[0], points)[1:] == [
        "Coverage in the US and equivalent arrangements in the UK.",
        "Coverage in the U.S. and equivalent arrangements in the U.K.",
    ]


def test_country_stops_respect_the_end_of_a_sentence() -> None:
    text = "The deal was signed in the U.S. The UK followed."
    points = _points(text, "en-US")
    assert _copies(text, points[0], points)[1] == "The deal was signed in the US. The UK followed."
    text = "The deal was signed in the US. It followed."
    points = _points(text, "en-US")
    assert _copies(text, points[0], points)[1] == "The deal was signed in the U.S. It followed."


def test_us_as_a_shouted_pronoun_is_left_alone() -> None:
    assert _points("If in doubt, please LET US KNOW before Friday.", "en-US") == []


def test_titles_move_only_to_the_varietys_own_form() -> None:
    text = "Mr. Hale emailed Dr. Roe."
    points = _points(text, "en-GB")
    assert _copies(text, points[0], points)[1] == "Mr Hale emailed Dr Roe."
    assert _points("Mr Hale emailed Dr Roe.", "en-GB") == []
    assert _points("Mr. Hale emailed Dr. Roe.", "en-US") == []
    text = "Mr Hale emailed Dr Roe."
    points = _points(text, "en-US")
    assert _copies(text, points[0], points)[1] == "Mr. Hale emailed Dr. Roe."


def test_american_times_switch_between_am_and_a_m() -> None:
    text = "If you hear nothing by 9:30 AM Pacific, relax. We meet at 11 AM."
    points = _points(text, "en-US")
    assert [p.labels for p in points] == [("AM", "a.m.")]
    assert _copies(text, points[0], points)[1] == (
        "If you hear nothing by 9:30 a.m. Pacific, relax. We meet at 11 a.m."
    )


def test_british_times_switch_between_9am_and_9_a_m() -> None:
    text = "The call is at 9am and the board at 4.30pm."
    points = _points(text, "en-GB")
    assert _copies(text, points[0], points)[1] == "The call is at 9 a.m. and the board at 4.30 p.m."


def test_am_the_verb_is_not_a_time() -> None:
    assert _points("I am 40 and I am tired.", "en-GB") == []


def test_bare_eg_may_gain_its_stops() -> None:
    text = "Some costs, eg rent, are fixed."
    points = _points(text, "en-GB")
    assert _copies(text, points[0], points)[1] == "Some costs, e.g. rent, are fixed."


def test_quotations_keep_their_abbreviations() -> None:
    text = 'He said "the U.S. will act" but the U.S. did not.'
    points = _points(text, "en-GB")
    assert len(points[0].occurrences) == 1
    assert _copies(text, points[0], points)[1] == 'He said "the U.S. will act" but the US did not.'


def test_an_unclear_sentence_end_leaves_the_convention_alone() -> None:
    # "U.S. Officials" may be a new sentence or a name: no copy should guess.
    assert _points("The talks moved to the U.S. Officials said little.", "en-US") == []
    text = "He briefed the U.S. Embassy and the U.S. Treasury."
    points = _points(text, "en-GB")
    assert _copies(text, points[0], points)[1] == "He briefed the US Embassy and the US Treasury."


def test_abbreviation_module_example_runs() -> None:
    result = doctest.testmod(abbreviation)
    assert result.attempted > 0 and result.failed == 0
