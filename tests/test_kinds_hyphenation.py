"""Tests for the `hyphenation` kind: curated compounds, each one copy-wide convention."""

from __future__ import annotations

import doctest

from leaktrace.model import Scope, VariationPoint
from leaktrace.render import render_text
from leaktrace.variants.engine import find_points
from leaktrace.variants.kinds import hyphenation


def _points(text: str, variety: str = "en-GB") -> list[VariationPoint]:
    return find_points(text, variety=variety, kinds=["hyphenation"])


def _copy(text: str, points: list[VariationPoint], option: int) -> str:
    assert len(points) == 1
    return render_text(text, points, [option])


def test_compound_switches_everywhere_at_once() -> None:
    text = "Policy-makers met. Two policy-makers disagreed, and one policy-maker left."
    points = _points(text)
    assert points[0].labels == ("policy-maker", "policymaker")
    assert points[0].scope is Scope.DOCUMENT and len(points[0].occurrences) == 3
    assert _copy(text, points, 1) == (
        "Policymakers met. Two policymakers disagreed, and one policymaker left."
    )


def test_decision_making_loses_its_hyphen_only_as_a_noun() -> None:
    text = "Decision-making is slow, and the decision-making body rarely meets."
    points = _points(text)
    assert len(points[0].occurrences) == 1
    assert _copy(text, points, 1) == (
        "Decision making is slow, and the decision-making body rarely meets."
    )


def test_open_compound_may_gain_a_hyphen() -> None:
    text = "Decision making in government is slow."
    points = _points(text)
    assert points[0].original == 1
    assert _copy(text, points, 0) == "Decision-making in government is slow."


def test_compound_keeps_an_author_who_mixes_forms() -> None:
    assert _points("The start-up hired staff; the startup then failed.") == []


def test_compounds_follow_the_variety() -> None:
    assert _points("A non-binding offer was made.", "en-US")[0].labels == (
        "nonbinding",
        "non-binding",
    )
    assert _points("A non-binding offer was made.", "en-GB") == []
    assert _points("The start-up failed.", "en-US") == []


def test_names_rule_the_compound_out() -> None:
    assert _points("The Fundraising Regulator reviewed our fundraising.") == []


def test_quotation_is_untouched() -> None:
    text = 'The minister called it "a ground-breaking deal", a ground-breaking step.'
    points = _points(text)
    assert _copy(text, points, 0) == (
        'The minister called it "a ground-breaking deal", a groundbreaking step.'
    )


def test_words_that_merely_contain_a_compound_are_ignored() -> None:
    assert _points("The datasets-driven review and the pre-startup phase ended.") == []


def test_hyphenation_module_example_runs() -> None:
    result = doctest.testmod(hyphenation)
    assert result.attempted > 0 and result.failed == 0


def test_predicative_well_compound_varies_everywhere_at_once() -> None:
    text = "The concern is well founded. The facts are well known, and we agree."
    points = _points(text)
    assert len(points) == 1 and len(points[0].occurrences) == 2
    assert _copy(text, points, 0) == (
        "The concern is well-founded. The facts are well-known, and we agree."
    )


def test_predicative_well_compound_loses_its_hyphen() -> None:
    text = "The grievance is probably well-founded, but we disagree."
    points = _points(text, "en-US")
    assert _copy(text, points, 1) == "The grievance is probably well founded, but we disagree."


def test_well_compound_is_kept_where_it_is_not_predicative() -> None:
    assert _points("It is a well-founded concern.") == []  # before a noun: hyphen required
    assert _points("The data is well protected by encryption.") == []  # a passive verb
    assert _points("The reasons are well understood.") == []  # not on the list
    assert _points("They are well paid. The managers are well-paid.") == []  # author mixes
