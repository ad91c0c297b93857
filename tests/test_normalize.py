from __future__ import annotations

from leaktrace.normalize import fold


def test_fold_removes_format_characters_and_confusables() -> None:
    text = "the \u0430ssessment\u200b was\u00ad inept"
    assert fold(text).text == "the assessment was inept"


def test_fold_straightens_quotes_and_dashes() -> None:
    assert fold("\u201cdone\u201d \u2013 it\u2019s").text == '"done" - it\'s'


def test_fold_joins_line_break_hyphenation_and_collapses_space() -> None:
    folded = fold("pharma-\nceutical   exports\n\nrose")
    assert folded.text == "pharmaceutical exports rose"


def test_fold_maps_back_to_source_offsets() -> None:
    text = "a\u200bb  \u201cquote\u201d"
    folded = fold(text)
    start = folded.text.index("quote")
    assert folded.source_span(start, start + 5) == (text.index("quote"), text.index("quote") + 5)
