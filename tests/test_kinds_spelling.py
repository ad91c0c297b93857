"""Tests for the `spelling` kind: copy-wide spelling conventions, Oxford -ize included."""

from __future__ import annotations

import doctest

from leaktrace.model import Scope, VariationPoint
from leaktrace.render import render_text
from leaktrace.variants.engine import find_points
from leaktrace.variants.kinds import spelling


def _points(text: str, variety: str = "en-GB") -> list[VariationPoint]:
    return find_points(text, variety=variety, kinds=["spelling"])


def _copies(text: str, point: VariationPoint, points: list[VariationPoint]) -> list[str]:
    """Every option of ``point`` rendered, the other points left as written."""
    index = points.index(point)
    copies = []
    for option in range(point.option_count):
        choices = [p.original for p in points]
        choices[index] = option
        copies.append(render_text(text, points, choices))
    return copies


def _labels(text: str, variety: str = "en-GB") -> list[tuple[str, ...]]:
    return [p.labels for p in _points(text, variety)]


def test_oxford_switches_every_ise_word_together() -> None:
    text = (
        "We recognised the problem and will organise a review.\n\n"
        "Our organisation has prioritised it, and the Board authorised the spend."
    )
    points = _points(text)
    assert [p.labels for p in points] == [("-ise", "-ize")]
    point = points[0]
    assert point.scope is Scope.DOCUMENT and len(point.occurrences) == 5
    written, oxford = _copies(text, point, points)
    assert written == text
    assert oxford == (
        "We recognized the problem and will organize a review.\n\n"
        "Our organization has prioritized it, and the Board authorized the spend."
    )


def test_oxford_capitalises_at_sentence_start() -> None:
    text = "Organising the move was hard. We realised it late."
    points = _points(text)
    assert (
        _copies(text, points[0], points)[1] == "Organizing the move was hard. We realized it late."
    )


def test_oxford_ignores_words_that_are_always_ise() -> None:
    text = "We advise you to revise, exercise care, analyse it and comprise a surprise."
    assert _labels(text) == []


def test_oxford_is_not_offered_in_american_documents() -> None:
    assert _labels("We will organize the review and prioritize it.", "en-US") == []


def test_oxford_leaves_names_alone() -> None:
    text = "We will organise a call with the World Health Organization next week."
    points = _points(text)
    assert len(points) == 1 and len(points[0].occurrences) == 1
    assert "World Health Organization" in _copies(text, points[0], points)[1]


def test_oxford_skips_an_author_who_mixes_ise_and_ize() -> None:
    assert _labels("We organise the team and recognize the risk.") == []


def test_spelling_keeps_an_author_who_mixes_forms() -> None:
    assert _labels("Our judgement is clear. Their judgment is not.") == []


def test_judgement_only_moves_towards_the_legal_spelling() -> None:
    assert _labels("In our judgement the claim fails.") == [("judgement", "judgment")]
    assert _labels("The court's judgment was handed down.") == []


def test_learnt_varies_only_as_a_verb() -> None:
    assert _labels("Staff had learned of the plan from the press.") == [("learned", "learnt")]
    assert _labels("They learnt that it had leaked.") == [("learned", "learnt")]
    assert _labels("My learned friend disagrees.") == []
    assert _labels("She is a learned judge.") == []


def test_whilst_varies_only_as_a_conjunction() -> None:
    assert _labels("Do not comment while the inquest is ongoing.") == [("while", "whilst")]
    assert _labels("It may take a while to settle.") == []
    text = "We waited for a while, and whilst we waited, it rained."
    points = _points(text)
    assert len(points) == 1 and len(points[0].occurrences) == 1
    assert (
        _copies(text, points[0], points)[0]
        == "We waited for a while, and while we waited, it rained."
    )


def test_british_pairs_are_not_offered_in_american_documents() -> None:
    assert _labels("Do not comment while the inquest is ongoing.", "en-US") == []
    assert _labels("It was shared among the team.", "en-US") == []


def test_toward_is_american_only() -> None:
    assert _labels("We moved toward a deal.", "en-US") == [("toward", "towards")]
    assert _labels("We moved towards a deal.", "en-GB") == []


def test_convention_renders_every_occurrence_alike() -> None:
    text = "Our advisers met. The advisers agreed, and one adviser dissented."
    assert _points(text) == []  # "advisor" reads as American in a British document
    points = _points(text, "en-US")
    assert len(points) == 1 and len(points[0].occurrences) == 3
    copy = _copies(text, points[0], points)[1]
    assert copy == "Our advisors met. The advisors agreed, and one advisor dissented."


def test_a_title_rules_out_its_pair() -> None:
    assert _labels("The Special Adviser briefed our advisers.") == []


def test_protected_quotation_is_untouched() -> None:
    text = 'He said we should "organise it properly" and we will organise it.'
    points = _points(text)
    copy = _copies(text, points[0], points)[1]
    assert '"organise it properly"' in copy and "we will organize it." in copy


def test_co_operate_switches_with_its_inflections() -> None:
    text = "We will co-operate fully; co-operation is expected."
    points = _points(text)
    assert (
        _copies(text, points[0], points)[1] == "We will cooperate fully; cooperation is expected."
    )


def test_a_possible_name_at_a_sentence_start_rules_the_convention_out() -> None:
    # "Organisation for Economic Co-operation" may be a name: a copy must not respell it, and
    # must not leave it as the one -ise word among -ize ones either.
    assert _labels("Organisation for Economic Co-operation staff will organise it.") == []
    assert _labels("Recognising Brasher's role, we will organise it.") == []


def test_spelling_module_example_runs() -> None:
    result = doctest.testmod(spelling)
    assert result.attempted > 0 and result.failed == 0


def test_double_l_pairs_are_american_only() -> None:
    text = "The team traveled twice, and every box was labeled."
    assert _labels(text, "en-US") == [("traveled", "travelled"), ("labeled", "labelled")]
    assert _labels("The team travelled twice.", "en-GB") == []


def test_catalog_switches_with_its_plural_in_american_documents() -> None:
    text = "The catalog grew; older catalogs were archived."
    points = _points(text, "en-US")
    assert _copies(text, points[0], points)[1] == (
        "The catalogue grew; older catalogues were archived."
    )
    assert _labels("The catalogue grew.", "en-GB") == []


def test_sizeable_is_standard_in_both_varieties() -> None:
    assert _labels("A sizeable sum was paid.", "en-GB") == [("sizeable", "sizable")]
    assert _labels("A sizable sum was paid.", "en-US") == [("sizeable", "sizable")]
    assert _labels("The Catalog Office and a traveled road.", "en-US") == [
        ("traveled", "travelled")
    ]
