"""Optional comma in a comparative correlative: "the longer we wait, the less" / "...wait the less".

In "the X-er ..., the Y-er ..." the comma between the two halves is the writer's choice when the
first half is short (Chicago §6.26; Fowler's *Modern English Usage*, s.v. "the"): "The sooner we
act, the better" and "The sooner we act the better" are both standard in formal prose. Without
a parser, we take only what we can see whole:

- the first half has a verb ("The longer the wait, the greater the cost" keeps its comma) and
  opens a clause (sentence start, or after *and*, *but*, a comma, a semicolon, a
  colon or a dash) with *the* and a comparative, then a clear subject (a nominative pronoun, a
  name, or a determiner) and at most six plain words: no punctuation, no scope word (*that*,
  *which*, *and*...), no second *the* + comparative;
- the second half is *the* + comparative followed by the end of the sentence, a subject (a
  capitalised word counts before an auxiliary: "the less Frozen will be worth"), or one
  word and a pronoun ("the more likely it is"), so it cannot be an object of the first half
  ("the longer we wait for the better offer" is never split);
- a comma is *added* only when the rest of the sentence has no comma and no further *the* +
  comparative, so we never split "The more we pay the better staff, the happier they are".

Example:
    >>> from leaktrace.variants.analysis import analyse
    >>> [p.labels for p in FINDER.find(analyse("The sooner we act, the better."))]
    [('act, the better', 'act the better')]
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from leaktrace.model import VariationPoint
from leaktrace.variants.analysis import Analysis, Tok, parts_of_speech
from leaktrace.variants.base import local_point
from leaktrace.variants.kinds._grammar import (
    AUXILIARIES,
    DETERMINERS,
    MONTHS,
    WEEKDAYS,
    clause_start,
    is_closed_class,
    is_finite_verb,
    is_name,
    spaced,
    words,
)

_COMPARATIVES = words(
    "more less fewer better worse longer shorter sooner later earlier greater higher lower "
    "larger smaller bigger faster slower harder easier further wider deeper stronger weaker"
)
# Comparatives that may take a noun before the subject: "the more money we spend".
_QUANTITY = words("more less fewer")
_SUBJECTS = words("i we you he she they it there")
_OPENERS = frozenset({"and", "but", ",", ";", ":", "–", "—"})
_SCOPE = words(
    "that which who whom whose if when because although though while whereas unless and or "
    "but nor as than so whether"
)
_NOTE = "optional comma between the halves of 'the more ..., the more ...'"


class _ComparativeComma:
    kind = "comparative_comma"
    priority = 67

    def find(self, analysis: Analysis) -> Iterable[VariationPoint]:
        for sentence in analysis.sentences():
            first = clause_start(analysis, sentence)
            begin = first - sentence[0].index if first is not None else None
            for pos, tok in enumerate(sentence):
                if tok.lower != "the" or not _comparative_at(sentence, pos):
                    continue
                if pos != begin and not (pos and sentence[pos - 1].text in _OPENERS):
                    continue
                point = _point(analysis, sentence, pos)
                if point is not None:
                    yield point


def _comparative_at(sentence: Sequence[Tok], pos: int) -> bool:
    """ "the" + comparative at ``pos``, none of it protected."""
    if pos + 1 >= len(sentence) or sentence[pos].protected:
        return False
    nxt = sentence[pos + 1]
    return nxt.lower in _COMPARATIVES and not nxt.protected and not nxt.capitalised


def _subject_at(sentence: Sequence[Tok], pos: int) -> bool:
    if pos >= len(sentence):
        return False
    tok = sentence[pos]
    if tok.protected or tok.kind not in ("word", "abbr"):
        return False
    return tok.lower in _SUBJECTS or tok.lower in DETERMINERS or _name(tok)


def _name(tok: Tok) -> bool:
    """A name in mid-sentence that is not a month, a weekday or a closed-class word."""
    return (
        is_name(tok)
        and not tok.sentence_start
        and tok.lower not in MONTHS | WEEKDAYS
        and not is_closed_class(tok.text)
    )


def _point(analysis: Analysis, sentence: Sequence[Tok], pos: int) -> VariationPoint | None:
    subject = pos + 2
    if sentence[pos + 1].lower in _QUANTITY and subject < len(sentence):
        word = sentence[subject]
        if word.kind == "word" and not is_closed_class(word.text) and not word.capitalised:
            subject += 1  # "the more money we spend"
    if not _subject_at(sentence, subject):
        return None
    for second in range(subject + 2, min(subject + 8, len(sentence) - 1)):
        tok = sentence[second]
        if tok.lower == "the" and _comparative_at(sentence, second):
            return _split(analysis, sentence, subject, second)
        if (
            tok.text == ","
            and sentence[second + 1].lower == "the"
            and _comparative_at(sentence, second + 1)
        ):
            return _split(analysis, sentence, subject, second + 1)
        if tok.kind == "punct" or tok.protected or tok.lower in _SCOPE:
            return None
    return None


def _split(
    analysis: Analysis, sentence: Sequence[Tok], subject: int, second: int
) -> VariationPoint | None:
    comma = sentence[second - 1] if sentence[second - 1].text == "," else None
    last = second - 2 if comma is not None else second - 1
    head, the = sentence[last], sentence[second]
    if not _has_verb(sentence, subject, last):
        return None  # "The longer the wait, the greater the cost" keeps its comma
    if head.kind not in ("word", "number", "abbr") or head.protected:
        return None
    if not _second_half(sentence, second + 2):
        return None
    rest = sentence[second + 2 :]
    offset = sentence[0].index
    if comma is None and any(
        t.text in ",;:" or (t.lower == "the" and _comparative_at(sentence, t.index - offset))
        for t in rest
    ):
        return None
    if comma is not None:
        if comma.protected or comma.start != head.end or not spaced(analysis, comma, the):
            return None
        start, end, renderings = comma.start, comma.end, (",", "")
    else:
        if not spaced(analysis, head, the):
            return None
        start = end = head.end
        renderings = ("", ",")
    comparative = sentence[second + 1].text
    labels = tuple(f"{head.text}{r} {the.text} {comparative}" for r in renderings)
    return local_point("comparative_comma", labels, start, end, renderings, note=_NOTE)


def _has_verb(sentence: Sequence[Tok], subject: int, last: int) -> bool:
    """The first half has a verb: an auxiliary, an inflected verb, or a pronoun's bare verb.

    After a noun subject an inflected form that may be a noun counts only as the last word
    ("the Board waits"), never inside the phrase ("the tags file" has no verb).
    """
    pronoun = sentence[subject].lower in _SUBJECTS
    half = sentence[subject + 1 : last + 1]
    for pos, t in enumerate(half):
        if t.lower in AUXILIARIES or (pronoun and "VERB" in parts_of_speech(t.lower)):
            return True
        inflected = t.kind == "word" and not t.capitalised and is_finite_verb(t.text)
        if inflected and ("NOUN" not in parts_of_speech(t.lower) or pos == len(half) - 1):
            return True
    return False


def _second_half(sentence: Sequence[Tok], pos: int) -> bool:
    """The end, a subject, or one word and a pronoun follow the second comparative."""
    if pos >= len(sentence):
        return True
    tok = sentence[pos]
    if tok.kind == "punct":
        return tok.text in ".;:!?"
    if _subject_at(sentence, pos):
        return True
    nxt = sentence[pos + 1] if pos + 1 < len(sentence) else None
    if (
        tok.capitalised
        and not is_closed_class(tok.text)
        and nxt is not None
        and nxt.lower in AUXILIARIES
        and not nxt.capitalised
    ):
        return True  # a name known as a word: "the less Frozen will be worth"
    return (
        tok.kind == "word"
        and not is_closed_class(tok.text)
        and nxt is not None
        and nxt.lower in _SUBJECTS
    )


FINDER = _ComparativeComma()
