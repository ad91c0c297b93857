"""Semicolon or full stop between two clauses: "One patient died; the inquest" / "... died. The".

Two independent clauses may be joined by a semicolon or written as two sentences; the meaning
and the register are the same, and careful writers go both ways (Oxford Guide to Style §5.8,
Chicago §6.57). We offer the choice only where both sides are plainly whole clauses: the left
side has a subject and a finite verb, and the right side opens like a sentence (a subject
pronoun, "there" with a form of *be*, a determiner, or a name) and reaches a finite verb within
a few words. A connective adverb with its comma ("; however, we") becomes ". However, we".

Semicolons that separate the items of a list are never touched: the sentence may hold only one
semicolon, nothing before it may be introduced by a colon or left inside brackets, and the right
side may not open with a conjunction ("; and", "; or", "; but") or a list marker. Headings and
tables are protected by the engine; a bullet counts only when both sides are whole clauses.

Example:
    >>> from leaktrace.variants.analysis import analyse
    >>> a = analyse("One patient died; the inquest has not concluded.")
    >>> [p.occurrences[0].renderings for p in FINDER.find(a)]
    [('; the', '. The')]
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from leaktrace.model import VariationPoint
from leaktrace.variants.analysis import Analysis, Tok, parts_of_speech
from leaktrace.variants.base import local_point
from leaktrace.variants.kinds._grammar import (
    AUXILIARIES,
    DETERMINERS,
    PRE_VERB_ADVERBS,
    PREPOSITIONS,
    SUBJECT_PRONOUNS,
    clause_start,
    is_acronym,
    is_finite_verb,
    spaced,
    words,
)

# Connective adverbs that open the right side with their own comma: "; however, X".
_CONNECTIVES = words(
    "however meanwhile nevertheless nonetheless instead moreover furthermore consequently "
    "otherwise indeed similarly conversely"
)
# Determiners and quantifiers that open a noun-phrase subject.
_SUBJECT_DETERMINERS = DETERMINERS | words(
    "some no many most each every both neither either several few much all another one two "
    "three four five six seven eight nine ten"
)
# A left side opening with one of these is a subordinate clause, not a sentence.
_SUBORDINATORS = words(
    "if when whenever although though because while whereas unless whether once until and or "
    "but nor so yet which who whom whose"
)
_SENTENCE_END = frozenset(".!?")
_DEMONSTRATIVES = words("this that these those")
# Words that end a subject before any verb: "; at the Pentagon", "; the rest and".
_BREAKS = (PREPOSITIONS - {"of"}) | words("and or but that which who")
_MAX_SUBJECT = 6


class _SentenceSplit:
    kind = "sentence_split"
    priority = 62

    def find(self, analysis: Analysis) -> Iterable[VariationPoint]:
        for sentence in analysis.sentences():
            marks = [i for i, tok in enumerate(sentence) if tok.text == ";"]
            if len(marks) != 1:
                continue  # none, or a series "X; Y; and Z"
            first = clause_start(analysis, sentence)
            if first is None:
                continue
            point = _split(analysis, sentence, first - sentence[0].index, marks[0])
            if point is not None:
                yield point


def _split(
    analysis: Analysis, sentence: Sequence[Tok], start: int, mark: int
) -> VariationPoint | None:
    semicolon = sentence[mark]
    if semicolon.protected or mark + 2 >= len(sentence) or mark <= start:
        return None
    if sentence[-1].text not in _SENTENCE_END or sentence[-1].protected:
        return None
    left, right = sentence[start:mark], sentence[mark + 1 : -1]
    if sentence[mark - 1].end != semicolon.start or not spaced(analysis, semicolon, right[0]):
        return None
    if not _whole_left(left) or not _balanced(right) or any(t.text in ";:" for t in right):
        return None
    opener = right[0]
    if opener.protected or not opener.is_word:
        return None
    if opener.lower in ("namely", "i.e") or (
        opener.lower == "that" and len(right) > 1 and right[1].lower == "is"
    ):
        return None  # "; that is, when ...": what follows restates, it is not a sentence
    body = right
    if opener.lower in _CONNECTIVES:
        if len(right) < 3 or right[1].text != "," or right[1].start != opener.end:
            return None
        body = right[2:]
    if not _clause_opening(body):
        return None
    capital = opener.text[:1].upper() + opener.text[1:]
    original = analysis.text[semicolon.start : opener.end]
    gap = analysis.between(semicolon, opener)
    return local_point(
        "sentence_split",
        (original, f".{gap}{capital}"),
        semicolon.start,
        opener.end,
        (original, f".{gap}{capital}"),
        note="semicolon or full stop between two clauses",
    )


def _whole_left(left: Sequence[Tok]) -> bool:
    """The left side is a sentence: no list set up by a colon, no open bracket, a finite verb."""
    if left[0].lower in _SUBORDINATORS or not left[0].is_word:
        return False
    if any(tok.text == ":" for tok in left) or not _balanced(left):
        return False
    return any(_predicate(left, k) for k in range(1, len(left)))


def _balanced(tokens: Sequence[Tok]) -> bool:
    """Every bracket opened in ``tokens`` is closed there, and none is closed that was not."""
    depth = 0
    for tok in tokens:
        depth += {"(": 1, "[": 1, ")": -1, "]": -1}.get(tok.text, 0)
        if depth < 0:
            return False
    return depth == 0


def _predicate(tokens: Sequence[Tok], k: int) -> bool:
    """The token at ``k`` is a finite verb with something subject-like right before it."""
    tok, prev = tokens[k], tokens[k - 1]
    if tok.kind != "word" or tok.capitalised or not is_finite_verb(tok.text):
        return False
    if prev.lower in _DEMONSTRATIVES and tok.lower in AUXILIARIES:
        return True  # "this is", "that was": a pronoun, not a determiner
    if prev.lower in DETERMINERS or prev.lower in PREPOSITIONS or prev.kind == "punct":
        return prev.text == ")"  # "Civic Union (UC) holds"
    if tok.lower in AUXILIARIES or "NOUN" not in parts_of_speech(tok.lower):
        return True
    return prev.lower in SUBJECT_PRONOUNS or prev.lower in PRE_VERB_ADVERBS


def _clause_opening(body: Sequence[Tok]) -> bool:
    """The right side opens like a sentence and reaches a finite verb after a short subject."""
    if len(body) < 2:
        return False
    head = body[0]
    if head.protected or head.kind != "word":
        return False
    if head.text[:1].islower() and any(c.isupper() for c in head.text[1:]):
        return False  # "iPhone": no capital we could give it reads right
    if head.lower in SUBJECT_PRONOUNS or head.lower == "there":
        return _verb_within(body, 1, 2, head.lower == "there")
    if head.lower in _DEMONSTRATIVES:
        return _verb_within(body, 1, _MAX_SUBJECT, False)  # "; this is", "; these risks are"
    if head.lower in _SUBJECT_DETERMINERS and not head.capitalised:
        return _verb_within(body, 2, _MAX_SUBJECT, False)
    if not head.capitalised and "NOUN" in parts_of_speech(head.lower):
        nxt = body[1]  # a bare noun subject: "; revenue fell", "; costs have risen"
        return nxt.kind == "word" and (
            nxt.lower in AUXILIARIES
            or (is_finite_verb(nxt.text) and "NOUN" not in parts_of_speech(nxt.lower))
        )
    if head.capitalised and (is_acronym(head) or not parts_of_speech(head.lower)):
        return _verb_within(body, 1, 4, False)
    return False


def _verb_within(body: Sequence[Tok], first: int, last: int, there: bool) -> bool:
    for k in range(first, min(last + 1, len(body))):
        tok = body[k]
        if tok.kind == "punct" and tok.text not in "-'’":
            return False
        if tok.lower in PRE_VERB_ADVERBS:
            continue  # "; he also has", "; it just seems"
        if there:
            return tok.lower in AUXILIARIES
        if _predicate(body, k):
            return True
        if tok.lower in _BREAKS:
            return False
    return False


FINDER = _SentenceSplit()
