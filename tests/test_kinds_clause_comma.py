"""Tests for the ``clause_comma`` kind: optional comma at a clause boundary."""

from __future__ import annotations

import pytest

from leaktrace.render import render_text
from leaktrace.variants.engine import find_points


def _other(text: str) -> str | None:
    points = find_points(text, kinds=["clause_comma"])
    assert len(points) <= 1
    return render_text(text, points, [1]) if points else None


@pytest.mark.parametrize(
    ("text", "other"),
    [
        ("It was my call, and it was a mistake.", "It was my call and it was a mistake."),
        (
            "I was wrong about the pace, and I was slow.",
            "I was wrong about the pace and I was slow.",
        ),
        ("They were late, and they were rude.", "They were late and they were rude."),
        ("We have tried and we have failed.", "We have tried, and we have failed."),
        ("He is tired but he is honest.", "He is tired, but he is honest."),
        (
            "The plan was sound and the Trust is content.",
            "The plan was sound, and the Trust is content.",
        ),
        (
            "It is not privileged, and you should assume so.",
            "It is not privileged and you should assume so.",
        ),
    ],
)
def test_clause_comma_toggles_comma_before_and(text: str, other: str) -> None:
    assert _other(text) == other


@pytest.mark.parametrize(
    ("text", "other"),
    [
        ("If it does, I'd rather you read this.", "If it does I'd rather you read this."),
        ("If you are affected, you'll get an invite.", "If you are affected you'll get an invite."),
        ("When the vote was lost we resigned.", "When the vote was lost, we resigned."),
        ("Although it is early, we expect a result.", "Although it is early we expect a result."),
    ],
)
def test_clause_comma_toggles_comma_after_opening_clause(text: str, other: str) -> None:
    assert _other(text) == other


@pytest.mark.parametrize(
    "text",
    [
        "It will be their decision, but nobody will see it that way.",  # never drop before "but"
        "That is too many, and the Secretary will write.",  # "many and the Secretary" runs on
        "I think we should go and they should stay.",  # scope of "think"
        "We said that prices would rise and they did rise.",  # "that" clause
        "If you are affected and you don't get one, call us.",  # inside a subordinate clause
        "The CFO and the Secretary will write.",  # a compound subject, not two clauses
        "We came, we saw, and we conquered.",  # a list of clauses: the serial comma's business
        "Ask them and we will see.",  # no subject in the first clause
        "If Heron leaks before signing, Ardent will withdraw.",  # "signing Ardent" runs on
        "If we tell them, they will panic.",  # "tell them they will" is a content clause
        "If we tell you, you will know.",  # "tell you you" stumbles
        "When the fee is paid by the client in full after the review, we proceed.",  # too long
        "Gell has no staff and no Senate confirmation.",  # no second clause
    ],
)
def test_clause_comma_skips_unsafe_boundaries(text: str) -> None:
    assert _other(text) is None


def test_clause_comma_leaves_quotations_untouched() -> None:
    assert _other('He wrote: "It was my call, and it was a mistake."') is None


def test_clause_comma_keeps_sentence_start_capital() -> None:
    text = "2.1 If it does, we will act."
    assert _other(text) == "2.1 If it does we will act."


def test_clause_comma_labels_show_both_forms() -> None:
    points = find_points("It was my call, and it was a mistake.", kinds=["clause_comma"])
    assert points[0].labels == ("call, and it", "call and it")


@pytest.mark.parametrize(
    ("text", "other"),
    [
        (
            "The lease includes a break clause and the landlord is aware of it.",
            "The lease includes a break clause, and the landlord is aware of it.",
        ),
        (
            "Our policy requires two signatures and the bank has checked them.",
            "Our policy requires two signatures, and the bank has checked them.",
        ),
        (
            "The clinic was closed in the evening and visitors were turned away.",
            "The clinic was closed in the evening, and visitors were turned away.",
        ),
    ],
)
def test_clause_comma_adds_comma_after_noun_subject_clause(text: str, other: str) -> None:
    assert _other(text) == other


@pytest.mark.parametrize(
    "text",
    [
        "The lease signed in May and the deeds are both missing.",  # "signed" may be a participle
        "The lease specifies the tenant pays and the landlord is liable.",  # an embedded clause
        "The form came in May and the deeds are missing.",  # "May" is a month, not "may"
        "We kept the sandwiches and rolls were left over.",  # "rolls" may be a verb
        "The shop sells bread and cakes.",  # no second clause
    ],
)
def test_clause_comma_skips_noun_subject_run_ons(text: str) -> None:
    assert _other(text) is None


def test_clause_comma_adds_comma_before_a_bare_plural_subject() -> None:
    text = "The Trust has arrangements in place and patients should attend."
    assert _other(text) == "The Trust has arrangements in place, and patients should attend."


@pytest.mark.parametrize(
    ("text", "other"),
    [
        (
            "1. Six months in, the House has not settled down and we should stop.",
            "1. Six months in, the House has not settled down, and we should stop.",
        ),
        (
            "If Heron leaks before signing, Ardent will withdraw and Nordhavn will try again.",
            "If Heron leaks before signing, Ardent will withdraw, and Nordhavn will try again.",
        ),
        (
            "They should pick up the phone, or speak to us.",
            "They should pick up the phone or speak to us.",
        ),
        ("Pick up the phone or write to us.", "Pick up the phone, or write to us."),
        ("You can sell the shares, or retain them.", "You can sell the shares or retain them."),
    ],
)
def test_clause_comma_widened_boundaries(text: str, other: str) -> None:
    assert _other(text) == other


@pytest.mark.parametrize(
    "text",
    [
        "It crystallises a loss, it will cost us and it is an admission.",  # a list of clauses
        "We met Acme and Nordhavn will bid.",  # a name next to a name may be a pair
        "Before you can insert or delete text the cursor moves.",  # a shared object
        "You can pick up or drop off the parcel.",
        "You should not call us or write to us.",  # "not A or B" means neither
        "We should call, write, or speak.",  # a list: the serial comma's business
        "Either call us or write to us.",  # "either ... or" pairs
        "You can call us or email.",  # "email" may be a noun object
        "We need to sell the unit or close it.",  # no modal or imperative head
        "You may want to delete this file or rename it.",  # which verb does "or" join?
    ],
)
def test_clause_comma_skips_unsafe_widened_boundaries(text: str) -> None:
    assert _other(text) is None
