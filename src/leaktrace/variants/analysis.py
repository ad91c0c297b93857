"""What every finder of variation points sees: the text cut into tokens and sentences, the
spans nobody may touch, the document's variety of English, and a small part-of-speech lexicon.

leaktrace deliberately uses no statistical parser or tagger (no verified English model installs
here); finders combine closed word classes, the lemminflect lexicon and local patterns, and stay
conservative: a point we are not sure of is a point we do not offer.

Example:
    >>> a = analyse("He said that he would go. The UK and US agreed.")
    >>> [t.text for t in a.tokens[:4]]
    ['He', 'said', 'that', 'he']
    >>> a.tokens[7].text, a.tokens[7].sentence_start, a.variety
    ('The', True, 'en-GB')
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

import lemminflect

from leaktrace.model import Span
from leaktrace.variants.protect import merge_spans, protected_spans, soft_line_breaks
from leaktrace.variants.variety import detect_variety

_TOKEN = re.compile(
    r"(?P<abbr>(?:[A-Za-z]\.){2,})"
    r"|(?P<number>\d+(?:[.,]\d+)*)"
    r"|(?P<word>[A-Za-z]+(?:['’][A-Za-z]+)*)"
    r"|(?P<punct>[^\sA-Za-z0-9])"
)
_SENTENCE_END = {".", "!", "?"}
_ABBREVIATIONS_WITH_DOT = {"mr", "mrs", "ms", "dr", "st", "prof", "no", "vs", "etc", "e.g.", "i.e."}


@dataclass(frozen=True)
class Tok:
    """A token of the original text. ``kind`` is ``word``, ``number``, ``abbr`` or ``punct``."""

    index: int
    text: str
    lower: str
    kind: str
    start: int
    end: int
    sentence: int
    sentence_start: bool
    protected: bool
    space_before: bool

    @property
    def is_word(self) -> bool:
        return self.kind in ("word", "abbr")

    @property
    def capitalised(self) -> bool:
        return self.text[:1].isupper()


class SpanCover:
    """Protected spans merged and sorted, so that an overlap test is a binary search.

    A long document has thousands of protected spans (every quotation, every use of a defined
    term) and tens of thousands of tokens; testing each token against every span was quadratic.
    """

    def __init__(self, spans: Iterable[Span]) -> None:
        merged = merge_spans(spans)
        self._starts = [span.start for span in merged]
        self._ends = [span.end for span in merged]

    def overlaps(self, start: int, end: int) -> bool:
        """Some span shares at least one character with ``[start, end)``."""
        i = bisect.bisect_right(self._ends, start)
        return i < len(self._starts) and self._starts[i] < end


class Analysis:
    """A document prepared for finders. Build it with :func:`analyse`."""

    def __init__(self, text: str, tokens: list[Tok], protected: list[Span], variety: str) -> None:
        self.text = text
        self.tokens = tokens
        self.protected = protected
        self.variety = variety
        self._cover = SpanCover(protected)

    def is_protected(self, start: int, end: int) -> bool:
        return self._cover.overlaps(start, end)

    def token(self, index: int) -> Tok | None:
        """The token at ``index``, or ``None`` beyond either end."""
        if 0 <= index < len(self.tokens):
            return self.tokens[index]
        return None

    def sentences(self) -> Iterator[list[Tok]]:
        """Tokens grouped by sentence, in order."""
        current: list[Tok] = []
        for tok in self.tokens:
            if current and tok.sentence != current[0].sentence:
                yield current
                current = []
            current.append(tok)
        if current:
            yield current

    def between(self, left: Tok, right: Tok) -> str:
        """The exact text between two tokens (usually one space)."""
        return self.text[left.end : right.start]


def analyse(text: str, variety: str | None = None) -> Analysis:
    """Tokenize ``text``, split sentences, mark protected spans and detect the variety."""
    protected = protected_spans(text)
    cover = SpanCover(protected)
    soft_breaks = soft_line_breaks(text)
    raw: list[tuple[str, str, int, int]] = []
    for match in _TOKEN.finditer(text):
        kind = match.lastgroup
        assert kind is not None
        raw.append((match.group(), kind, match.start(), match.end()))
    tokens: list[Tok] = []
    sentence = 0
    start_next = True
    for index, (tok_text, kind, start, end) in enumerate(raw):
        if tokens and _line_break(text, tokens[-1].end, start, soft_breaks):
            sentence += 1
            start_next = True
        is_start = start_next and kind in ("word", "abbr", "number")
        tokens.append(
            Tok(
                index=index,
                text=tok_text,
                lower=tok_text.lower().replace("’", "'"),
                kind=kind,
                start=start,
                end=end,
                sentence=sentence,
                sentence_start=is_start,
                protected=cover.overlaps(start, end),
                space_before=start > 0 and text[start - 1].isspace(),
            )
        )
        if is_start:
            start_next = False
        if kind == "punct" and tok_text in _SENTENCE_END and _ends_sentence(raw, index):
            sentence += 1
            start_next = True
    return Analysis(text, tokens, protected, variety or detect_variety(text))


def _line_break(text: str, previous_end: int, start: int, soft: frozenset[int]) -> bool:
    """A line break between two tokens ends the sentence unless it only wraps a paragraph."""
    gap = text[previous_end:start]
    if "\n" not in gap:
        return False
    return gap.count("\n") > 1 or (previous_end + gap.index("\n")) not in soft


def _ends_sentence(raw: list[tuple[str, str, int, int]], index: int) -> bool:
    """A full stop ends a sentence unless it closes a title abbreviation such as "Mr."."""
    if raw[index][0] != ".":
        return True
    if index > 0 and raw[index - 1][0].lower() in _ABBREVIATIONS_WITH_DOT:
        return False
    if index + 1 < len(raw):
        nxt = raw[index + 1]
        if nxt[1] == "number" and nxt[2] == raw[index][3]:
            return False  # a decimal point split off
    return True


@lru_cache(maxsize=65536)
def parts_of_speech(word: str) -> frozenset[str]:
    """Universal POS tags the word can take, from lemminflect's lexicon (empty if unknown)."""
    return frozenset(lemminflect.getAllLemmas(word.lower()).keys())


@lru_cache(maxsize=65536)
def lemma(word: str, upos: str) -> str | None:
    """The lemma of ``word`` as part of speech ``upos``, or ``None`` if it cannot be that."""
    lemmas = lemminflect.getAllLemmas(word.lower(), upos=upos).get(upos)
    return lemmas[0] if lemmas else None
