"""Shared plumbing for the convention kinds: finding word forms, checking case, building points.

A document-wide convention (``spelling``, ``abbreviation``, ``numbers``, ``hyphenation``,
``serial_comma``) gathers every place where the author made one choice, and offers the copy one
other choice applied everywhere. Two rules keep such points safe, and they live here so that
every convention kind applies them the same way:

- an author who is *inconsistent* (writes both "judgement" and "judgment") has no convention to
  vary, so :func:`one_choice` declines the point rather than tidy the author's text;
- a capitalised form in mid-sentence is a name or a title ("World Health Organization",
  "Special Adviser"), whose spelling is never ours to change (:func:`casing`).

Example:
    >>> from leaktrace.variants.analysis import analyse
    >>> a = analyse("We organise it. The Organisation agreed.")
    >>> [(w.text, casing(a, w)) for w in scan_words(a) if w.lower.startswith("organis")]
    [('organise', 'plain'), ('Organisation', 'name')]
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Literal

from leaktrace.model import Occurrence, VariationPoint
from leaktrace.variants.analysis import Analysis, Tok
from leaktrace.variants.base import convention_point, match_case
from leaktrace.variants.kinds._grammar import (
    CONJUNCTIONS,
    DETERMINERS,
    PREPOSITIONS,
    PRONOUNS,
    words,
)

# Words joined by hyphens count as one ("co-operate"); apostrophes stay inside words.
_WORD = re.compile(r"(?<![\w-])[A-Za-z]+(?:['’][A-Za-z]+)*(?:-[A-Za-z]+)*(?![\w-])")
# Capitalised words that can open a sentence after an abbreviation's final full stop.
_SENTENCE_OPENERS = (
    DETERMINERS
    | PRONOUNS
    | CONJUNCTIONS
    | PREPOSITIONS
    | words("however there here yesterday today tomorrow nonetheless meanwhile")
)

# Capitalised words that commonly follow "U.S." or "a.m." inside a sentence.
_ATTRIBUTIVE_NAMES = words(
    "embassy treasury congress senate house president government administration army navy "
    "air marine coast department state secretary ambassador attorney supreme federal court "
    "census customs bureau agency military forces trade dollar dollars pacific "
    "eastern central mountain atlantic time"
)

Casing = Literal["plain", "name", "unsure"]


@dataclass(frozen=True)
class Word:
    """A word of the text (hyphenated compounds whole) with the token it starts on."""

    text: str
    lower: str
    start: int
    end: int
    first: Tok


@dataclass(frozen=True)
class Found:
    """One place a convention shows: ``authored`` is the index of the author's choice."""

    start: int
    end: int
    authored: int
    renderings: tuple[str, ...]


def scan_words(analysis: Analysis) -> Iterator[Word]:
    """Every word of the text, hyphenated compounds as one, with its first token."""
    by_start = {tok.start: tok for tok in analysis.tokens}
    for match in _WORD.finditer(analysis.text):
        first = by_start.get(match.start())
        if first is None:
            continue
        text = match.group()
        yield Word(text, text.lower().replace("’", "'"), match.start(), match.end(), first)


def casing(analysis: Analysis, word: Word) -> Casing:
    """How the word's capitals read: ``"plain"``, ``"name"`` or ``"unsure"``.

    Lower case, or a capital only because the word opens a sentence, is ``"plain"``. A capital
    mid-sentence or ALL CAPS is a ``"name"`` or a title, never ours to respell. A sentence-initial
    word followed by another capitalised word, perhaps after "of" or "for", is ``"unsure"``:
    "Organisation for Economic Co-operation" is a name, "Recognising Brasher's role" is not.
    """
    if len(word.text) > 1 and word.text.isupper():
        return "name"
    if not word.text[:1].isupper():
        return "plain"
    if not word.first.sentence_start:
        return "name"
    index = word.first.index
    while (tok := analysis.token(index)) is not None and tok.start < word.end:
        index += 1
    nxt = analysis.token(index)
    if nxt is not None and nxt.lower in ("of", "for", "and", "on", "in"):
        nxt = analysis.token(index + 1)
    if nxt is not None and nxt.is_word and nxt.capitalised and nxt.lower != "i":
        return "unsure"
    return "plain"


def free(analysis: Analysis, start: int, end: int) -> bool:
    """No protected span touches ``[start, end)``."""
    return not analysis.is_protected(start, max(end, start + 1))


def recased(template: str, options: Sequence[str]) -> tuple[str, ...]:
    """Every option given the capitalisation of the author's word."""
    return tuple(match_case(template, option) for option in options)


def sentence_ends_after(analysis: Analysis, tok: Tok) -> bool | None:
    """Whether a dotted abbreviation's final full stop also ends the sentence; ``None`` if unsure.

    "in the U.S. The next day": the tokenizer keeps that full stop inside ``U.S.``, so we look
    ahead. A line break, the end of the text or a capitalised function word ("The", "We") ends
    the sentence; a lower-case word, punctuation or a name the abbreviation often modifies
    ("U.S. Embassy", "9 a.m. Pacific") does not; any other capitalised word ("in the U.S.
    Officials said") could be either, and the caller should leave the convention alone.
    """
    rest = analysis.text[tok.end : tok.end + 2]
    if rest == "" or rest[:1] == "\n" or rest in (" \n", "  "):
        return True
    nxt = analysis.token(tok.index + 1)
    if nxt is None:
        return True
    if not nxt.is_word or not nxt.capitalised or nxt.start != tok.end + 1:
        return False
    if nxt.lower in _SENTENCE_OPENERS:
        return True
    if nxt.lower in _ATTRIBUTIVE_NAMES or nxt.text.isupper():
        return False
    return None


def one_choice(
    kind: str,
    labels: Sequence[str],
    found: Sequence[Found],
    note: str,
    allowed: Sequence[int] | None = None,
) -> VariationPoint | None:
    """A convention point when the author made the same choice everywhere, else ``None``.

    ``allowed`` lists the options an author may have chosen for the point to be offered at all
    (a one-way convention: "focussed" may become "focused", never the reverse).
    """
    authored = {f.authored for f in found}
    if len(authored) != 1:
        return None
    original = authored.pop()
    if allowed is not None and original not in allowed:
        return None
    occurrences = (Occurrence(f.start, f.end, f.renderings) for f in found)
    return convention_point(kind, labels, occurrences, original=original, note=note)
