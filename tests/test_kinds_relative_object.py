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


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "He has an affection for Britain, an asset we have not yet fully spent.",
            ("", "that ", "which "),
        ),
        ("We met in Leeds, a town we know well.", ("", "that ", "which ")),
        ("Option D leaves a business we would still want to sell.", ("", "that ", "which ")),
        ("The plan costs a fortune we cannot afford.", ("", "that ", "which ")),
        ("We should use the ones we already have.", ("", "that ")),
        ("We should use the ones that we already have.", ("that ", "")),
        ("We kept the one we liked.", ("", "that ")),
    ],
)
def test_relative_object_widened_placements(text: str, expected: tuple[str, ...]) -> None:
    points = find_points(text, variety="en-GB", kinds=["relative_object"])
    assert [p.occurrences[0].renderings for p in points] == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "We reassured the market we would act.",  # object + content clause
        "We reassured the market that we would act.",
        "We signalled to the market we would act.",
        "We confirmed to the bank we had paid.",
        "We made it clear to the bank we would pay.",
        "She proved to the court she had paid.",
        "It was such a mess we had to leave.",  # a result clause
        "We gave an undertaking we would repay.",  # content nouns
        "We issued a denial we had erred.",
        "He said the ones we have are fine.",  # a verb of saying before *ones*
        "We agree to nothing until the ones we already have produce results.",  # no gap
        "He left early, a sign we had failed.",  # content noun in apposition
        "He has an affection for Britain, an asset we have spent money on since.",  # not closed
        "In a sense we have failed.",  # fronted adverbial, no comma
        "The trees shed leaves a gardener we know collects.",  # "leaves" is a noun here
    ],
)
def test_relative_object_widening_keeps_content_clauses_out(text: str) -> None:
    assert find_points(text, variety="en-GB", kinds=["relative_object"]) == []


@pytest.mark.parametrize(
    "text",
    [
        "Give notice with each copy of the code that the Library is used in it.",  # no gap
        "It bears a notice placed by the holder saying it can be copied under the terms.",
        "We keep a record the machine was repaired with the parts.",  # passive, no gap
    ],
)
def test_relative_object_needs_a_real_gap(text: str) -> None:
    assert find_points(text, variety="en-GB", kinds=["relative_object"]) == []


def test_relative_object_passive_with_a_stranded_preposition() -> None:
    text = "We read the code that the Library is used in."
    points = find_points(text, variety="en-GB", kinds=["relative_object"])
    assert [p.occurrences[0].renderings for p in points] == [("that ", "which ", "")]
