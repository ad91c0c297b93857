from __future__ import annotations

from leaktrace.tokens import TokenKind, tokenize


def test_tokenize_words_punctuation_and_gaps() -> None:
    tokens = tokenize("The U.S. rose 2.5% ... [the president] said.")
    assert [t.norm for t in tokens] == [
        "the",
        "u.s.",
        "rose",
        "2.5",
        "%",
        "<gap>",
        "<gap>",
        "said",
        ".",
    ]
    assert tokens[5].kind is TokenKind.GAP


def test_tokenize_spans_point_into_original_text() -> None:
    text = "\u201cHello\u201d, world"
    tokens = tokenize(text)
    assert [text[t.start : t.end] for t in tokens] == ["Hello", ",", "world"]
