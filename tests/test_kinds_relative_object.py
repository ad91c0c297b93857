"""Tests for the ``relative_object`` kind: *that* / *which* / nothing in object relatives."""

from __future__ import annotations

import pytest

from leaktrace.render import render_text
from leaktrace.variants.engine import find_points


def _all(text: str, variety: str = "en-GB") -> list[str]:
    points = find_points(text, variety=variety, kinds=["relative_object"])
    assert len(points) <= 1
    if not points:
        return []
    return [render_text(text, points, [i]) for i in range(points[0].option_count)]


def test_relative_object_offers_three_forms_in_british_english() -> None:
    assert _all("It was driven by a forecast I signed.")[1:] == []  # forecast may take a clause
    assert _all("We bought a machine that the firm can repair in a day.") == [
        "We bought a machine that the firm can repair in a day.",
        "We bought a machine which the firm can repair in a day.",
        "We bought a machine the firm can repair in a day.",
    ]


def test_relative_object_inserts_that_after_pronoun_subject() -> None:
    assert _all("It puts us in a process we want to respect.", "en-US") == [
        "It puts us in a process we want to respect.",
        "It puts us in a process that we want to respect.",
    ]


def test_relative_object_american_never_offers_which() -> None:
    rendered = _all("We bought a machine that the firm can repair.", "en-US")
    assert rendered == [
        "We bought a machine that the firm can repair.",
        "We bought a machine the firm can repair.",
    ]


@pytest.mark.parametrize(
    "text",
    [
        "There is a real risk that we mistake warmth for commitment.",  # content clause
        "They gave notice that we terminate.",  # content noun
        "The arrangement that we meet weekly holds.",  # -ment noun, sentence-initial
        "Last week we agreed.",  # time noun
        "After the meeting we went to London.",  # fronted adverbial
        "He told the press that we would go.",  # complementiser
        "We bought a machine that the firm repairs machines with.",  # object present
        "The officials that we met were kind.",  # person
        "We bought the machine, which we repair.",  # non-restrictive
    ],
)
def test_relative_object_skips_unsafe_contexts(text: str) -> None:
    assert _all(text) == []


def test_relative_object_leaves_quotations_untouched() -> None:
    assert _all('He said it was "a machine that the firm can repair" at best.') == []


def test_relative_object_superlative_offers_no_which() -> None:
    text = "1.4 The single most damaging document we have seen is the email."
    points = find_points(text, variety="en-GB", kinds=["relative_object"])
    assert [p.occurrences[0].renderings for p in points] == [("", "that ")]


def test_relative_object_written_that_after_comma() -> None:
    text = "We offer support, plus a report that I will send to every investor."
    points = find_points(text, variety="en-GB", kinds=["relative_object"])
    assert [p.occurrences[0].renderings for p in points] == [("that ", "which ", "")]


@pytest.mark.parametrize(
    "text",
    [
        "This week we agreed.",  # a time adverbial, not an antecedent
        "The suggestion that we resign was rejected.",  # a content clause
        "The document we signed.",  # no main verb after a clause-initial subject
    ],
)
def test_relative_object_skips_new_unsafe_cases(text: str) -> None:
    assert find_points(text, variety="en-GB", kinds=["relative_object"]) == []


def test_relative_object_only_offers_that_or_nothing() -> None:
    points = find_points(
        "We need the only machine that we can repair.", variety="en-GB", kinds=["relative_object"]
    )
    assert [p.occurrences[0].renderings for p in points] == [("that ", "")]


@pytest.mark.parametrize(
    "text",
    [
        "It is a hazard the HSE has often flagged.",
        "We bought a machine the Audit Committee had approved.",
        "Staff were hired because of a plan we made.",  # "because of" is a preposition
    ],
)
def test_relative_object_inserts_pronoun_before_named_subject(text: str) -> None:
    points = find_points(text, variety="en-GB", kinds=["relative_object"])
    assert [p.occurrences[0].renderings for p in points] == [("", "that ", "which ")]


@pytest.mark.parametrize(
    "text",
    [
        "We want the system the Trust has ordered to work.",  # the object follows
        "In the end the Board had agreed.",  # a fronted adverbial
        "We bought a machine the engineers had approved.",  # not a name: may be a new clause
        "We emailed the department the Board had agreed.",  # a content clause
        "He bought the car because he wanted it.",  # "because" opens a clause
    ],
)
def test_relative_object_skips_unsafe_named_subjects(text: str) -> None:
    assert find_points(text, variety="en-GB", kinds=["relative_object"]) == []


def test_relative_object_keeps_that_where_the_head_could_read_as_a_verb() -> None:
    text = "We fought the rent rises that the landlord had imposed."  # "rises the landlord"
    points = find_points(text, variety="en-GB", kinds=["relative_object"])
    assert [p.occurrences[0].renderings for p in points] == [("that ", "which ")]
    text = "We fought the rent rises that we had accepted."  # "we" cannot be an object
    points = find_points(text, variety="en-GB", kinds=["relative_object"])
    assert [p.occurrences[0].renderings for p in points] == [("that ", "which ", "")]


@pytest.mark.parametrize(
    "text",
    [
        "The firm reports that we left.",  # "reports" is the verb, "that" its complementiser
        "Our team notes that we left early.",
    ],
)
def test_relative_object_skips_reporting_verbs_that_look_like_nouns(text: str) -> None:
    assert find_points(text, variety="en-GB", kinds=["relative_object"]) == []


def test_relative_object_keeps_a_plural_noun_after_a_determiner() -> None:
    points = find_points(
        "We read the reports that we received.", variety="en-GB", kinds=["relative_object"]
    )
    assert [p.occurrences[0].renderings for p in points] == [("that ", "which ", "")]
