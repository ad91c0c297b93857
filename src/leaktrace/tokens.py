"""Cut folded text into the tokens that alignment compares: words, punctuation and gaps.

Quotation marks and Markdown emphasis carry no wording and are dropped; an ellipsis or a
``[bracketed gloss]`` becomes a *gap* token, which alignment lets stand for any run of source
words (an editor's cut or paraphrase). Words are compared in lower case.

Example:
    >>> [t.norm for t in tokenize('The U.S. said [the president] ... "no".')]
    ['the', 'u.s.', 'said', '<gap>', '<gap>', 'no', '.']
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from leaktrace.normalize import FoldedText, fold


class TokenKind(StrEnum):
    WORD = "word"
    PUNCT = "punct"
    GAP = "gap"


GAP = "<gap>"
CASED = "\x01"
"""Prefix of a lattice token compared with its case: options that differ only in case."""

_TOKEN = re.compile(
    r"(?P<gap>\[[^\[\]]{0,120}\]|\.(?:\s?\.){2,})"
    r"|(?P<abbr>(?:[A-Za-z]\.){2,})"
    r"|(?P<number>\d+(?:[.,]\d+)+)"
    r"|(?P<word>[A-Za-z0-9]+(?:'[A-Za-z]+)*)"
    r"|(?P<punct>[,.;:!?()%£$€&/-])"
)


@dataclass(frozen=True)
class Token:
    """A token with its span in the text it was cut from (not the folded text)."""

    norm: str
    kind: TokenKind
    start: int
    end: int
    surface: str = ""


def tokenize(text: str) -> list[Token]:
    """Tokenize ``text`` after folding it; spans refer to ``text`` itself."""
    return tokenize_folded(fold(text))


def tokenize_folded(folded: FoldedText) -> list[Token]:
    tokens: list[Token] = []
    for match in _TOKEN.finditer(folded.text):
        group = match.lastgroup
        assert group is not None
        start, end = folded.source_span(match.start(), match.end())
        if group == "gap":
            kind, norm = TokenKind.GAP, GAP
        elif group == "punct":
            kind, norm = TokenKind.PUNCT, match.group()
        else:
            kind, norm = TokenKind.WORD, match.group().lower()
        tokens.append(Token(norm, kind, start, end, match.group()))
    return tokens


def words(tokens: list[Token]) -> list[Token]:
    """Only the word tokens: what the passage index shingles."""
    return [t for t in tokens if t.kind is TokenKind.WORD]
