"""Tests for the ``complementiser`` kind: optional *that*, and *whether* / *if*."""

from __future__ import annotations

import pytest

from leaktrace.render import render_text
from leaktrace.variants.engine import find_points


def _other(text: str) -> str | None:
    points = find_points(text, kinds=["complementiser"])
    assert len(points) <= 1
    return render_text(text, points, [1]) if points else None


@pytest.mark.parametrize(
    ("text", "other"),
    [
        ("He said that he would resign.", "He said he would resign."),
        ("She said he would come.", "She said that he would come."),
        ("They believe the customer will consent.", "They believe that the customer will consent."),
        (
            "The study suggests the data relates to them.",
            "The study suggests that the data relates to them.",
        ),
        ("He said recruitment agents had lied.", "He said that recruitment agents had lied."),
        ("A contact told us the inquiry is slow.", "A contact told us that the inquiry is slow."),
        ("They confirmed that they would attend.", "They confirmed they would attend."),
        ("The officer said that the review will end.", "The officer said the review will end."),
        ("The paper asked whether we would comment.", "The paper asked if we would comment."),
    ],
)
def test_complementiser_offers_both_forms(text: str, other: str) -> None:
    assert _other(text) == other


@pytest.mark.parametrize(
    "text",
    [
        "Nobody thought that odd.",
        "He told the Minister the deal had failed.",  # object, not subject
        "The staff told my Counsellor the following day that they knew.",
        "As he said he would, he resigned.",  # "as" clause
        "He noted that staff had learned of it.",  # "noted staff" would garden-path
        "He noted that Harrowgate Homes had called.",  # "noted Harrowgate Homes"
        "Our budget should assume that any grant may be cut.",  # "assume any grant"
        "The auditors confirmed that the figures were right.",  # "confirmed the figures"
        "She asked that the Department issue a statement.",  # subjunctive
        "They asked whether we would stay or go.",  # whether ... or
        "He said publicly that payment is unlawful.",  # adverb between
    ],
)
def test_complementiser_skips_unsafe_contexts(text: str) -> None:
    assert _other(text) is None


def test_complementiser_leaves_quotations_untouched() -> None:
    assert _other('She wrote: "He said that he would resign."') is None


def test_complementiser_capitalises_whether_at_sentence_start() -> None:
    text = "Asked whether she would resign, she laughed."
    assert _other(text) == "Asked if she would resign, she laughed."


@pytest.mark.parametrize(
    ("text", "other"),
    [
        ("We note they have not replied.", "We note that they have not replied."),
        ("I hope that we can settle.", "I hope we can settle."),
        ("They fear they will lose the vote.", "They fear that they will lose the vote."),
        ("We estimate it will cost more.", "We estimate that it will cost more."),
        ("This means we must wait.", "This means that we must wait."),
        ("None of this means we should panic.", "None of this means that we should panic."),
        ("We would hope that they will agree.", "We would hope they will agree."),
        ("It shows we were right.", "It shows that we were right."),
        ("We also find they were careless.", "We also find that they were careless."),
    ],
)
def test_complementiser_after_noun_like_verbs_with_pronoun_subject(text: str, other: str) -> None:
    assert _other(text) == other


@pytest.mark.parametrize(
    "text",
    [
        "The notes they wrote were lost.",  # a noun with an object relative
        "The means we used were fair.",
        "By this means we can win.",  # "this means" after a preposition is a noun phrase
        "The hope they had was gone.",
        "We find the report was wrong.",  # "find the report" would garden-path
        "I fear that the Board will refuse.",  # only pronoun clauses after these verbs
        "What it means we cannot say.",  # a fronted object
    ],
)
def test_complementiser_skips_noun_like_forms(text: str) -> None:
    assert _other(text) is None
