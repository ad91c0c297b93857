"""A document version as a token lattice: fixed tokens, and a branch wherever copies differ.

Every copy of a version is one path through its lattice. The tracer aligns leaked text against
the lattice, not against any copy, so that reading which branch the leak took never depends on
who received which option (read first, then score). The lattice also yields the shingles that
index the version for passage search: those of the author's text and of each option in its
immediate context, so a copy is found whichever options it carries.

Example:
    >>> from leaktrace.variants.engine import find_points
    >>> text = "He said that he would resign."
    >>> lattice = build_lattice(text, find_points(text))
    >>> [e.options if e.is_branch else e.norm for e in lattice.elements]
    ['he', 'said', (('that',), ()), 'he', 'would', 'resign', '.']
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from leaktrace.model import VariationPoint
from leaktrace.tokens import CASED, Token, TokenKind, tokenize


@dataclass(frozen=True)
class Element:
    """A fixed token (``options`` empty) or a branch with one token tuple per option."""

    norm: str
    kind: TokenKind
    start: int
    end: int
    point: int = -1
    occurrence: int = -1
    options: tuple[tuple[str, ...], ...] = ()

    @property
    def is_branch(self) -> bool:
        return self.point >= 0


@dataclass(frozen=True)
class Lattice:
    """The elements of a version in text order, with the points they refer to."""

    text: str
    points: tuple[VariationPoint, ...]
    elements: tuple[Element, ...]

    def original_words(self) -> list[tuple[str, int]]:
        """(word, element index) along the author's own path: what the index shingles."""
        out: list[tuple[str, int]] = []
        for index, element in enumerate(self.elements):
            if element.is_branch:
                original = self.points[element.point].original
                out.extend(
                    (norm.lstrip(CASED).lower(), index)
                    for norm in element.options[original]
                    if _is_word(norm)
                )
            elif element.kind is TokenKind.WORD:
                out.append((element.norm, index))
        return out


def build_lattice(text: str, points: Sequence[VariationPoint]) -> Lattice:
    """Cut ``text`` into tokens and turn each point occurrence into a branch."""
    tokens = tokenize(text)
    spans = sorted(
        (occ.start, occ.end, p, o)
        for p, point in enumerate(points)
        for o, occ in enumerate(point.occurrences)
    )
    elements: list[Element] = []
    cursor = 0  # index of the next token not yet emitted
    for start, end, p, o in spans:
        occ = points[p].occurrences[o]
        first = cursor
        while (
            first < len(tokens)
            and tokens[first].end <= start
            and not (start == end and tokens[first].start >= start)
        ):
            first += 1
        last = first
        while last < len(tokens) and tokens[last].start < end:
            last += 1
        if start == end:
            last = first
        covered = tokens[first:last]
        if first < cursor or (covered and covered[0].start > start and start != end):
            continue  # clashes with the previous branch: leave it to read as fixed text
        elements.extend(_fixed(tokens[cursor:first]))
        lead = text[covered[0].start : start] if covered else ""
        tail = text[end : covered[-1].end] if covered else ""
        options = tuple(
            tuple(t.norm for t in tokenize(lead + rendering + tail)) for rendering in occ.renderings
        )
        if len(set(options)) < len(set(occ.renderings)):
            # The options differ only in letter case ("the Board" / "the board"): compare with case.
            options = tuple(
                tuple(_cased(t) for t in tokenize(lead + rendering + tail))
                for rendering in occ.renderings
            )
        span_start = covered[0].start if covered else start
        span_end = covered[-1].end if covered else end
        elements.append(Element("", TokenKind.WORD, span_start, span_end, p, o, options))
        cursor = last
    elements.extend(_fixed(tokens[cursor:]))
    return Lattice(text, tuple(points), tuple(elements))


def _fixed(tokens: Sequence[Token]) -> Iterator[Element]:
    for token in tokens:
        yield Element(token.norm, token.kind, token.start, token.end)


def _is_word(norm: str) -> bool:
    return norm.lstrip(CASED)[:1].isalnum()


def _cased(token: Token) -> str:
    return CASED + token.surface if token.kind is TokenKind.WORD else token.norm
