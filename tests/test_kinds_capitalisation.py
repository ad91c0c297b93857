"""Tests for the `capitalisation` kind: capitalised short forms ("the Board") kept copy-wide."""

from __future__ import annotations

import doctest

from leaktrace.model import Scope, VariationPoint
from leaktrace.render import render_text
from leaktrace.variants.engine import find_points
from leaktrace.variants.kinds import capitalisation


def _points(text: str, variety: str = "en-GB") -> list[VariationPoint]:
    return find_points(text, variety=variety, kinds=["capitalisation"])


def _copy(text: str, points: list[VariationPoint], option: int) -> str:
    return render_text(text, points, [option] * len(points))


def test_short_forms_lose_their_capital_together() -> None:
    text = "The Board met on Monday. We asked the Board and this Board's chair to agree."
    points = _points(text)
    assert [p.labels for p in points] == [("the Board", "the board")]
    assert points[0].scope is Scope.DOCUMENT and len(points[0].occurrences) == 3
    assert _copy(text, points, 1) == (
        "The board met on Monday. We asked the board and this board's chair to agree."
    )


def test_sentence_initial_nouns_keep_their_case_and_do_not_count() -> None:
    text = "Board members met. The Committee agreed, and the Committee minuted it."
    points = _points(text)
    assert [p.labels for p in points] == [("the Committee", "the committee")]
    assert _copy(text, points, 1).startswith("Board members met. The committee agreed")


def test_names_and_titles_are_left_alone() -> None:
    text = (
        "The Finance Committee wrote to the Board of Trade, and Minister Vosu told the "
        "Minister's office that the Minister would reply."
    )
    points = _points(text)
    assert [p.labels for p in points] == [("the Minister", "the minister")]
    copy = _copy(text, points, 1)
    assert "Finance Committee" in copy and "Board of Trade" in copy and "Minister Vosu" in copy
    assert "the minister's office that the minister would" in copy


def test_an_inconsistent_author_keeps_both_cases() -> None:
    assert _points("We told the Board, and his board agreed.") == []


def test_a_capital_we_cannot_read_rules_the_noun_out() -> None:
    assert _points("The paper goes to the Council and then to members of Council.") == []
    assert _points("We cut Group leverage, and the Group gains.") == []


def test_lower_case_gains_a_capital_only_for_two_way_nouns() -> None:
    points = _points("We think the government will act, and the government agrees.")
    assert [(p.labels, p.original) for p in points] == [(("the Government", "the government"), 1)]
    assert _points("The ransomware group said the group would publish.") == []
    assert _points("We think the government will act.", "en-US") == []


def test_defined_terms_keep_their_capital() -> None:
    assert _points('Pellinor Ltd (the "Company") is a client; the Company will pay.') == []


def test_quotations_and_headings_are_not_touched() -> None:
    text = '## The Board\n\nHe said "the Board will decide" and the Board did.'
    points = _points(text)
    assert len(points) == 1 and len(points[0].occurrences) == 1
    assert _copy(text, points, 1) == (
        '## The Board\n\nHe said "the Board will decide" and the board did.'
    )


def test_state_department_cables_keep_the_department() -> None:
    assert _points("We recommend the Department decline.", "en-US") == []


def test_capitalisation_module_example_runs() -> None:
    result = doctest.testmod(capitalisation)
    assert result.attempted > 0 and result.failed == 0


def test_a_capital_in_a_fixed_line_rules_the_noun_out() -> None:
    text = (
        "**Q: Will the Minister resign?**\n\n"
        "A: The Minister has no plans to. We expect the Minister to stay in post.\n"
    )
    assert _points(text) == []


def test_a_timeline_row_keeps_the_board_capitalised() -> None:
    text = "The Board met in May.\n\n- 3 July – Board sign-off of the budget\n\nThe Board agreed."
    assert _points(text) == []


def test_the_prime_minister_keeps_the_president_capitalised() -> None:
    assert _points("The envoy said the President had called the Prime Minister twice.") == []
    points = _points("Prime Minister Vell said the President had called.")
    assert [p.labels for p in points] == [("the President", "the president")]


def test_all_short_forms_change_case_together() -> None:
    text = "The Committee heard that the University had agreed; the Committee approved."
    points = _points(text)
    assert len(points) == 1 and len(points[0].occurrences) == 3
    assert _copy(text, points, 1) == (
        "The committee heard that the university had agreed; the committee approved."
    )


def test_one_pinned_capital_keeps_every_short_form() -> None:
    text = "Ms Reid (Chair) opened. The Chair said the University would agree to it."
    assert _points(text) == []
