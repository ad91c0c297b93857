"""Tests for protected spans: what no variation point may touch, and what is still prose."""

from __future__ import annotations

from leaktrace.variants.engine import find_points
from leaktrace.variants.protect import protected_spans, soft_line_breaks


def _protected_text(text: str) -> list[str]:
    return [text[s.start : s.end] for s in protected_spans(text)]


def _reasons(text: str) -> list[str]:
    return [s.reason for s in protected_spans(text)]


WRAPPED = (
    "Dear colleagues,\n"
    "\n"
    "The committee met on Tuesday and agreed that the review should begin\n"
    "at once. We also noted that the budget had been approved by the\n"
    "finance team and that the contractor had been told about the delay.\n"
)


def test_hard_wrapped_paragraph_lines_are_prose_not_headings() -> None:
    assert protected_spans(WRAPPED) == []
    assert find_points(WRAPPED), "a wrapped paragraph must offer variation points"


def test_wrapped_line_followed_by_a_capitalised_word_is_still_prose() -> None:
    text = (
        "The auditors will report to the board in the first week of\n"
        "September, after the annual accounts have been signed off.\n"
    )
    assert protected_spans(text) == []


def test_title_block_of_short_lines_stays_protected() -> None:
    text = "Project Heron\nProposed disposal of the Frozen Division\n\nThe board met today.\n"
    assert _protected_text(text) == ["Project Heron", "Proposed disposal of the Frozen Division"]


def test_short_list_items_stay_protected() -> None:
    text = "Sites:\n- Wrexley plant\n- Lowmoor plant\n"
    assert "- Wrexley plant" in _protected_text(text)
    assert "- Lowmoor plant" in _protected_text(text)


def test_indented_code_stays_protected() -> None:
    text = "Run this:\n\n    total = sum(values)\n    print(total)\n\nThen stop.\n"
    protected = _protected_text(text)
    assert "    total = sum(values)" in protected
    assert "    print(total)" in protected


def test_indented_prose_paragraph_is_not_code() -> None:
    text = (
        "      The Licensor grants you a licence to use the work,\n"
        "      provided that you keep this notice and state the\n"
        "      changes that you made to the files.\n"
    )
    assert protected_spans(text) == []


def test_markdown_heading_table_and_quotation_stay_protected() -> None:
    text = '## Background\n\n| a | b |\n|---|---|\n\nShe said "we began early" today.\n'
    reasons = _reasons(text)
    assert "heading" in reasons
    assert "table" in reasons
    assert '"we began early"' in _protected_text(text)


def test_unwrapped_short_line_without_full_stop_is_a_heading() -> None:
    text = "Next steps\n\nWe will write to the Trust shortly.\n"
    assert _protected_text(text) == ["Next steps"]


def test_a_term_defined_in_quotes_is_protected_wherever_it_is_used() -> None:
    text = (
        'To "modify" a work means to adapt it. The term "further restrictions" applies.\n'
        "You may modify the work once; a modified work and any further restriction are void."
    )
    defined = [text[s.start : s.end] for s in protected_spans(text) if s.reason == "defined term"]
    assert defined == ["modify", "modified", "further restriction"]


def test_a_quoted_sentence_is_not_a_term() -> None:
    text = '"We will pay the fee in full," she said. We will pay later.'
    assert [s.reason for s in protected_spans(text)] == ["quotation"]


def test_a_quotation_may_run_over_a_line_break_but_not_a_blank_line() -> None:
    text = 'Such terms are "further\nrestrictions" here.\n\nHe said "yes.\n\nThen "no" again.'
    quoted = [text[s.start : s.end] for s in protected_spans(text) if s.reason == "quotation"]
    assert quoted == ['"further\nrestrictions"', '"no"']


def test_windows_line_endings_wrap_like_unix_ones() -> None:
    text = "This is a long line of prose that wraps over the\r\nnext line of the paragraph.\r\n"
    assert soft_line_breaks(text) == frozenset({text.index("\n")})
    assert '"yes\r\n\r\nand then"' not in [
        text[s.start : s.end] for s in protected_spans('He said "yes\r\n\r\nand then" again.')
    ]


def test_an_inch_mark_does_not_pair_with_a_quote_on_the_next_line() -> None:
    text = 'A 15" screen was wide and\nthe "Board" agreed to it.'
    assert '"Board"' in [text[s.start : s.end] for s in protected_spans(text)]


def test_a_quoted_function_word_is_not_a_term() -> None:
    text = 'The word "the" and "to" are short. We went to the office.'
    assert [s.reason for s in protected_spans(text)] == ["quotation", "quotation"]


def test_inflected_forms_of_a_defined_verb_are_protected() -> None:
    text = 'To "convey" means to give. It conveys and conveyed. To "propagate"; propagating it.'
    defined = [text[s.start : s.end] for s in protected_spans(text) if s.reason == "defined term"]
    assert defined == ["conveys", "conveyed", "propagating"]
