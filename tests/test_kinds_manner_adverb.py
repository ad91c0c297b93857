"""Tests for the ``manner_adverb`` kind: a manner adverb before or after its verb."""

from __future__ import annotations

import pytest

from leaktrace.render import render_text
from leaktrace.variants.engine import find_points


def _moved(text: str) -> str | None:
    points = find_points(text, kinds=["manner_adverb"])
    assert len(points) <= 1
    return render_text(text, points, [1]) if points else None


@pytest.mark.parametrize(
    ("text", "moved"),
    [
        ("We strongly advise against paying.", "We advise strongly against paying."),
        ("We advise strongly against paying.", "We strongly advise against paying."),
        (
            "We recommend filing today, stating plainly that the delay arose from caution.",
            "We recommend filing today, plainly stating that the delay arose from caution.",
        ),
        (
            "The minister publicly stated that the plan had failed.",
            "The minister stated publicly that the plan had failed.",
        ),
        (
            "The firm has repeatedly asked for more time.",
            "The firm has asked repeatedly for more time.",
        ),
        (
            "The regulators have said publicly that payment will not help.",
            "The regulators have publicly said that payment will not help.",
        ),
        (
            "The bank had indicated informally that it would waive the covenant.",
            "The bank had informally indicated that it would waive the covenant.",
        ),
        ("We would strongly object to the proposal.", "We would object strongly to the proposal."),
        (
            "We carefully considered whether the clause applies.",
            "We considered carefully whether the clause applies.",
        ),
        (
            "Members unanimously agreed that the minutes were accurate.",
            "Members agreed unanimously that the minutes were accurate.",
        ),
        (
            "The Minister met privately with the Ambassador.",
            "The Minister privately met with the Ambassador.",
        ),
        ("They fully cooperated with the inquiry.", "They cooperated fully with the inquiry."),
        ("He referred briefly to it.", "He briefly referred to it."),
        (
            "We are actively engaging with the regulator.",
            "We are engaging actively with the regulator.",
        ),
        (
            "The Secretary of State formally objected to the proposal.",
            "The Secretary of State objected formally to the proposal.",
        ),
        (
            "We also strongly advise against paying.",  # a light adverb before the pair
            "We also advise strongly against paying.",
        ),
        # the passive with "by", for the few adverbs that read naturally after the participle
        (
            "The report was independently verified by the auditors.",
            "The report was verified independently by the auditors.",
        ),
        (
            "He has been warned repeatedly by the regulator.",
            "He has been repeatedly warned by the regulator.",
        ),
    ],
)
def test_manner_adverb_offers_both_orders(text: str, moved: str) -> None:
    assert _moved(text) == moved


def test_manner_adverb_replaces_only_the_adverb_and_verb() -> None:
    text = "Ministers privately concede that the policy failed."
    (point,) = find_points(text, kinds=["manner_adverb"])
    occ = point.occurrences[0]
    assert text[occ.start : occ.end] == "privately concede"
    assert occ.renderings == ("privately concede", "concede privately")
    assert point.labels == ("privately concede that", "concede privately that")


@pytest.mark.parametrize(
    "text",
    [
        # stance, evaluative and focusing adverbs change meaning with position
        "He clearly stated that the deal was off.",
        "He obviously stated that the deal was off.",
        "She simply asked for more time.",
        "They specifically asked for a refund.",
        "I personally think that it will fail.",
        "He officially resigned for health reasons.",
        "The plan plainly fails to address that.",  # plainly as "obviously": no verb of saying
        # an object noun phrase after the verb, or the adverb at a clause end
        "We strongly advise clients to wait.",
        "They publicly criticised the decision.",
        "We formally accepted that offer yesterday.",  # demonstrative that
        "We publicly said that in May.",
        # noun/verb ambiguity without a subject pronoun, auxiliary or modal before the verb
        "The firm repeatedly calls for reform.",
        "The parties jointly work on the project.",
        "They told senior staff privately that the deal was off.",  # staff is the object
        # modified, coordinated or negated adverbs
        "We very strongly advise against paying.",
        "We most strongly advise against paying.",
        "They publicly and repeatedly stated that the plan failed.",
        "We did not formally object to the proposal.",
        # to: never split an infinitive, never move into one
        "Washington wants to say publicly that the tender was rigged.",
        "We wish strongly to object.",
        "We fully intend to appeal.",
        # be, linking verbs, adjectival participles and fixed participles
        "We are fully committed to the plan.",
        "The Committee remains firmly committed to the plan.",
        "We found the staff fully committed to the plan.",
        "The shares are publicly listed in London.",
        "Companies publicly listed in London must comply.",
        "The report was formally approved by the Board.",  # not in the passive list
        # verbs of expecting, particles, and adverbs that modify the phrase after them
        "We fully expect that they will pay.",
        "I strongly suspect that he lied.",
        "She carefully filled in the form.",
        "The committee formally took on the role.",
        "We acted fully in accordance with the rules.",
        "We acted consistently with our duties.",
        "It operates separately to the main fund.",
        "We jointly invested about £2m in the venture.",
        "We strongly feel about this.",
        # an adverb that belongs to the verb before it
        "He responded promptly explaining why the delay arose.",
        # sentence start is out of scope
        "Publicly, the Minister stated that the plan had failed.",
    ],
)
def test_manner_adverb_skips_unsafe_contexts(text: str) -> None:
    assert _moved(text) is None


def test_manner_adverb_leaves_quotations_untouched() -> None:
    assert _moved('She wrote: "We strongly advise against paying the ransom."') is None


@pytest.mark.parametrize(
    ("text", "moved"),
    [
        ("The ICO has repeatedly emphasised.", "The ICO has emphasised repeatedly."),
        ("The point has been emphasised repeatedly.", "The point has been repeatedly emphasised."),
        (
            "The flaw had been publicly disclosed, with a patch available.",
            "The flaw had been disclosed publicly, with a patch available.",
        ),
        (
            "The plan was unanimously approved by the Board.",
            "The plan was approved unanimously by the Board.",
        ),
        ("The flaw was publicly disclosed in March.", "The flaw was disclosed publicly in March."),
        (
            "The plan was carefully considered; it failed.",
            "The plan was considered carefully; it failed.",
        ),
        ("They have privately agreed.", "They have agreed privately."),
        (  # at the very end of the text (a short line alone would be read as a heading)
            "We wrote to the ICO about the breach. The ICO has repeatedly emphasised",
            "We wrote to the ICO about the breach. The ICO has emphasised repeatedly",
        ),
    ],
)
def test_manner_adverb_swaps_at_a_clause_end_after_an_auxiliary(text: str, moved: str) -> None:
    assert _moved(text) == moved


@pytest.mark.parametrize(
    ("text", "labels"),
    [
        ("The ICO has repeatedly emphasised.", ("repeatedly emphasised", "emphasised repeatedly")),
        ("We strongly advise against it.", ("strongly advise against", "advise strongly against")),
    ],
)
def test_manner_adverb_labels_leave_out_a_closing_mark(text: str, labels: tuple[str, str]) -> None:
    assert [p.labels for p in find_points(text, kinds=["manner_adverb"])] == [labels]


@pytest.mark.parametrize(
    "text",
    [
        "The report was formally approved.",  # formally = officially: not in the clause-end set
        "The shares are publicly listed.",  # a fixed participle
        "The company is privately owned.",
        "The form was quickly filled in.",  # a particle verb before "in"
        "We have fully paid.",  # fully stays out
        "The matter was publicly and repeatedly raised.",  # coordinated
        "The matter was very carefully considered.",  # modified
        "The issue was not publicly disclosed.",  # negated
        "They publicly agreed.",  # no auxiliary: the verb may be read otherwise
        "The plan was briefly described in the note about the sale.",  # a long phrase
        "The plan was publicly disclosed in, or before, March.",  # no phrase after "in"
        "The plan was publicly disclosed by those who ran it.",  # a clause follows
        "It was openly hostile.",  # an adjective, not a participle
    ],
)
def test_manner_adverb_clause_end_skips_unsafe_contexts(text: str) -> None:
    assert _moved(text) is None
