"""Tests for the ``adverbial_fronting`` kind: a time adverbial at the end or the front."""

from __future__ import annotations

import pytest

from leaktrace.render import render_text
from leaktrace.variants.engine import find_points


def _moved(text: str) -> str | None:
    points = find_points(text, kinds=["adverbial_fronting"])
    assert len(points) <= 1
    return render_text(text, points, [1]) if points else None


@pytest.mark.parametrize(
    ("text", "moved"),
    [
        (
            "The legal challenge was withdrawn in July 2023.",
            "In July 2023, the legal challenge was withdrawn.",
        ),
        ("The contract was awarded on 2 May 2023.", "On 2 May 2023, the contract was awarded."),
        ("We recommend against that for now.", "For now, we recommend against that."),
        (
            "Grant Pellow runs it. Pellow called on the Ambassador on June 2.",
            "Grant Pellow runs it. On June 2, Pellow called on the Ambassador.",
        ),
        ("The committee will meet again on Monday.", "On Monday, the committee will meet again."),
        (
            "Our auditors signed the accounts yesterday.",
            "Yesterday, our auditors signed the accounts.",
        ),
        ("I signed the final version yesterday.", "Yesterday, I signed the final version."),
        ("It was quietly withdrawn in July 2023.", "In July 2023, it was quietly withdrawn."),
        ("We're closing the Denver office today.", "Today, we're closing the Denver office."),
        ("The Board will decide in early March.", "In early March, the Board will decide."),
        ("We handed it over in March.", "In March, we handed it over."),
        (
            "Prices have risen sharply since 2019. The prices.",
            "Since 2019, prices have risen sharply. The prices.",
        ),
        (
            "Brasco has been trading profitably since 2019.",
            "Since 2019, Brasco has been trading profitably.",
        ),
        (
            "4.2 The contract was awarded on 2 May 2023.",
            "4.2 On 2 May 2023, the contract was awarded.",
        ),
    ],
)
def test_adverbial_fronting_moves_adverbial_to_front(text: str, moved: str) -> None:
    assert _moved(text) == moved


@pytest.mark.parametrize(
    ("text", "moved"),
    [
        (
            "On 2 May 2023, the contract was formally awarded.",
            "The contract was formally awarded on 2 May 2023.",
        ),
        ("Today, we are laying off staff.", "We are laying off staff today."),
        ("Since January, she has been working on it.", "She has been working on it since January."),
        (
            "In July 2023, Smith's challenge was quietly withdrawn.",
            "Smith's challenge was quietly withdrawn in July 2023.",
        ),
        ("Last week the Board approved it.", "The Board approved it last week."),
    ],
)
def test_adverbial_fronting_moves_fronted_adverbial_to_end(text: str, moved: str) -> None:
    assert _moved(text) == moved


def test_adverbial_fronting_leaves_the_rest_of_the_sentence_free() -> None:
    points = find_points(
        "The legal challenge was withdrawn in July 2023.", kinds=["adverbial_fronting"]
    )
    assert [o.renderings for o in points[0].occurrences] == [
        ("The", "In July 2023, the"),
        (" in July 2023", ""),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "The meeting is on Monday.",  # the date is the complement of "be"
        "The offer closes on Friday.",  # ... of "close"
        "The vote was scheduled on Monday.",  # scheduling verbs take the time as an argument
        "We expect a decision in June.",
        "We discussed the meeting on 4 June.",  # the date may belong to the meeting
        "The Board approved the sale of the division in March.",
        "The Minister visited the hospital last week.",
        "We need a plan for now.",  # "a plan for now"
        "He said that it was withdrawn in July 2023.",  # a subordinate clause
        "We think it was withdrawn in July 2023.",  # two verbs
        "The Board decided to sell the division in March.",  # an infinitive
        "The report which we wrote was published in May.",
        "The payment was not made in June.",  # negation changes scope
        "We only decided it in June.",  # so does a focus word
        "The vote, as expected, was held on Monday.",  # inner punctuation
        '"The deal was signed in June," she said.',  # a quotation
        "Did the board approve the sale in June?",  # a question
        "Please be kind to each other today.",  # no subject
        "Agree press lines with Communications before 12 April.",
        "Yesterday the board met in Paris on Monday.",  # two time expressions
        "The director resigned on Friday.",  # too short to gain from a move
        "Rose has chaired the committee since 2019.",  # name or common word: unsure
        "In 2019 the board met again in June.",
        "There was a fire in the plant in June.",
        "We paid the vendor and they left on Monday.",  # two clauses
        "The fund will stay closed for now.",
        "On Monday, iPhone sales were quietly halted.",
        "We're closing the office on Monday.",  # the office on Monday
        "The vote was postponed until May.",  # "until" is not on the list
        "We need an answer by Friday.",  # nor is "by"
    ],
)
def test_adverbial_fronting_skips_unsafe_sentences(text: str) -> None:
    assert _moved(text) is None
