"""Undo what retyping, pasting and publishing do to text, keeping a map back to the input.

A leak reaches us pasted into a CMS, retyped by a journalist or run through a word processor.
Before we compare it with stored documents we fold away what those steps change and what carries
no wording: Unicode compatibility forms (NFKC), format characters (zero-width spaces, soft
hyphens, bidi marks), look-alike letters from other scripts, curly quotes and dash styles,
line-break hyphenation and runs of whitespace. Every character of the result remembers the
offset of the input character it came from, so passages can be shown in the input as it was.

Example:
    >>> folded = fold("Said \u201cthe U\u200b.S.\u201d \u2014 sic")
    >>> folded.text
    'Said "the U.S." - sic'
    >>> folded.source_span(10, 14)  # "U.S." spans the zero-width space in the input
    (10, 15)
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# Latin look-alikes from other scripts (Unicode TR39 confusables restricted to letters that
# occur in English text). NFKC already handles fullwidth and mathematical alphanumerics.
_CONFUSABLES = {
    # Cyrillic
    "а": "a",
    "в": "b",
    "е": "e",
    "ѕ": "s",
    "і": "i",
    "ј": "j",
    "к": "k",
    "м": "m",
    "н": "h",
    "о": "o",
    "р": "p",
    "с": "c",
    "т": "t",
    "у": "y",
    "х": "x",
    "ԁ": "d",
    "ԛ": "q",
    "ԝ": "w",
    "һ": "h",
    "ӏ": "l",
    "ɡ": "g",
    "А": "A",
    "В": "B",
    "Е": "E",
    "Ѕ": "S",
    "І": "I",
    "Ј": "J",
    "К": "K",
    "М": "M",
    "Н": "H",
    "О": "O",
    "Р": "P",
    "С": "C",
    "Т": "T",
    "У": "Y",
    "Х": "X",
    "Ԛ": "Q",
    "Ԝ": "W",
    # Greek
    "α": "a",
    "ο": "o",
    "ν": "v",
    "ι": "i",
    "κ": "k",
    "ρ": "p",
    "τ": "t",
    "υ": "u",
    "χ": "x",
    "Α": "A",
    "Β": "B",
    "Ε": "E",
    "Ζ": "Z",
    "Η": "H",
    "Ι": "I",
    "Κ": "K",
    "Μ": "M",
    "Ν": "N",
    "Ο": "O",
    "Ρ": "P",
    "Τ": "T",
    "Υ": "Y",
    "Χ": "X",
    # Armenian and others
    "օ": "o",
    "ս": "u",
    "հ": "h",
    "ո": "n",
    "ց": "g",
    # Quotes, primes and apostrophes
    "\u2018": "'",
    "\u2019": "'",
    "\u201a": "'",
    "\u201b": "'",
    "\u2032": "'",
    "\u02bc": "'",
    "`": "'",
    "\u00b4": "'",
    "\u201c": '"',
    "\u201d": '"',
    "\u201e": '"',
    "\u201f": '"',
    "\u2033": '"',
    "\u00ab": '"',
    "\u00bb": '"',
    "\u2039": "'",
    "\u203a": "'",
    # Dashes and minus signs
    "\u2010": "-",
    "\u2011": "-",
    "\u2012": "-",
    "\u2013": "-",
    "\u2014": "-",
    "\u2015": "-",
    "\u2212": "-",
    "\ufe58": "-",
    "\ufe63": "-",
    "\uff0d": "-",
    # Ellipsis (NFKC makes it three dots already; kept for clarity)
    "\u2026": "...",
}


@dataclass(frozen=True)
class FoldedText:
    """Folded text plus, for each of its characters, the input offset it came from."""

    text: str
    origins: tuple[int, ...]
    source_length: int

    def source_offset(self, index: int) -> int:
        """Input offset of folded character ``index`` (``len(text)`` maps to the input's end)."""
        if index >= len(self.origins):
            return self.source_length
        return self.origins[index]

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """Input span covering folded characters ``[start, end)``."""
        if end <= start:
            at = self.source_offset(start)
            return at, at
        return self.source_offset(start), self.origins[end - 1] + 1


def fold(text: str) -> FoldedText:
    """Fold ``text`` the way the tracer compares it; see the module docstring."""
    out: list[str] = []
    origins: list[int] = []
    for index, char in enumerate(text):
        category = unicodedata.category(char)
        if category == "Cf":
            continue
        folded = unicodedata.normalize("NFKC", char)
        for piece in folded:
            piece = _CONFUSABLES.get(piece, piece)
            for ch in piece:
                if ch in "\r\n\t\f\v\u00a0\u2028\u2029" or unicodedata.category(ch) == "Zs":
                    ch = "\n" if ch in "\r\n\u2028\u2029" else " "
                out.append(ch)
                origins.append(index)
    return _collapse(out, origins, len(text))


_BREAK_HYPHEN = re.compile(r"(?<=[a-z])-\n(?=[a-z])")


def _collapse(chars: list[str], origins: list[int], source_length: int) -> FoldedText:
    """Join words split by a hyphen at a line break, then collapse whitespace runs to one space."""
    joined = "".join(chars)
    keep = [True] * len(chars)
    for match in _BREAK_HYPHEN.finditer(joined):
        keep[match.start()] = False
        keep[match.start() + 1] = False
    text_out: list[str] = []
    origin_out: list[int] = []
    previous_space = True
    for char, origin, kept in zip(chars, origins, keep, strict=True):
        if not kept:
            continue
        if char in " \n":
            if previous_space:
                continue
            char = " "
            previous_space = True
        else:
            previous_space = False
        text_out.append(char)
        origin_out.append(origin)
    if text_out and text_out[-1] == " ":
        text_out.pop()
        origin_out.pop()
    return FoldedText("".join(text_out), tuple(origin_out), source_length)
