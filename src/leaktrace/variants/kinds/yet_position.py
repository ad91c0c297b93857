"""Position of *yet* in a negative clause: "has not yet responded." / "has not responded yet."

After a negated auxiliary, *yet* may stand before the verb or at the end of a short clause with
no change of meaning, in formal British and American prose alike: "The Trust has not yet
responded." / "The Trust has not responded yet."; "The position is not yet clear." / "The
position is not clear yet." We move it only across what we can see whole:

* *not* (or an auxiliary ending in *n't*) comes straight before, after an auxiliary;
* between *yet* and the clause's end there are one or two verb forms ("responded", "been
  agreed") or, after a form of *be*, one adjective ("clear"), and nothing else;
* the clause ends at once with punctuation (. , ; : or a closing bracket), so no object or
  adverbial is stranded ("has not yet paid the invoice" stays as written).

Example:
    >>> from leaktrace.variants.analysis import analyse
    >>> [p.occurrences[0].renderings for p in FINDER.find(analyse("We have not yet decided."))]
    [('yet decided', 'decided yet')]
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from leaktrace.model import VariationPoint
from leaktrace.variants.analysis import Analysis, Tok, parts_of_speech
from leaktrace.variants.base import swap_point
from leaktrace.variants.kinds._grammar import AUXILIARIES, is_closed_class, spaced, words

_BE = words("is are was were be been being isn't aren't wasn't weren't")
_CLOSERS = frozenset(".,;:)")
_NOT_PREDICATES = words("there here home out in over up down back away through off on done")

_KIND = "yet_position"
_NOTE = "position of 'yet' in a negative clause"


class _YetPosition:
    kind = _KIND
    priority = 71

    def find(self, analysis: Analysis) -> Iterable[VariationPoint]:
        for tok in analysis.tokens:
            if tok.lower != "not" and not tok.lower.endswith("n't"):
                continue
            if tok.protected or not _after_auxiliary(analysis, tok):
                continue
            point = _yet_first(analysis, tok) or _yet_last(analysis, tok)
            if point is not None:
                yield point


def _after_auxiliary(analysis: Analysis, neg: Tok) -> bool:
    if neg.lower.endswith("n't"):
        return neg.lower in AUXILIARIES
    prev = analysis.token(neg.index - 1)
    return prev is not None and prev.sentence == neg.sentence and prev.lower in AUXILIARIES


def _be_before(analysis: Analysis, neg: Tok) -> bool:
    if neg.lower in _BE:
        return True
    prev = analysis.token(neg.index - 1)
    return neg.lower == "not" and prev is not None and prev.lower in _BE


def _yet_first(analysis: Analysis, neg: Tok) -> VariationPoint | None:
    """ "not yet responded." -> "not responded yet."."""
    yet = analysis.token(neg.index + 1)
    if yet is None or yet.lower != "yet" or yet.protected or not spaced(analysis, neg, yet):
        return None
    body = _body(analysis, yet.index + 1, _be_before(analysis, neg))
    if body is None:
        return None
    words_ = analysis.text[body[0].start : body[-1].end]
    original = analysis.text[yet.start : body[-1].end]
    return swap_point(_KIND, yet, body[-1], original, f"{words_} {yet.text}", _NOTE)


def _yet_last(analysis: Analysis, neg: Tok) -> VariationPoint | None:
    """ "not responded yet." -> "not yet responded."."""
    body = _body(analysis, neg.index + 1, _be_before(analysis, neg), until_yet=True)
    if body is None:
        return None
    yet = analysis.tokens[body[-1].index + 1]
    words_ = analysis.text[body[0].start : body[-1].end]
    original = analysis.text[body[0].start : yet.end]
    return swap_point(_KIND, body[0], yet, original, f"{yet.text} {words_}", _NOTE)


def _body(
    analysis: Analysis, start: int, after_be: bool, until_yet: bool = False
) -> Sequence[Tok] | None:
    """One or two verb forms (or one adjective after *be*) from ``start`` to the clause's end.

    With ``until_yet`` the words must be followed by *yet* and then the end of the clause.
    """
    body: list[Tok] = []
    k = start
    while True:
        tok = analysis.token(k)
        if tok is None or len(body) > 2:
            return None
        if until_yet and tok.lower == "yet":
            break
        if tok.kind == "punct" and not until_yet:
            if tok.text not in _CLOSERS or tok.start != analysis.tokens[k - 1].end:
                return None
            break
        plain = not (
            tok.protected or tok.kind != "word" or tok.capitalised or is_closed_class(tok.text)
        )
        if not plain and not (tok.lower in ("been", "be") and not body):
            return None
        if not spaced(analysis, analysis.tokens[k - 1], tok):
            return None
        body.append(tok)
        k += 1
    if not 1 <= len(body) <= 2 or not _verbal(body, after_be):
        return None
    if until_yet:
        yet = analysis.tokens[k]
        closer = analysis.token(k + 1)
        if yet.protected or not spaced(analysis, body[-1], yet):
            return None
        if closer is None or closer.text not in _CLOSERS or closer.start != yet.end:
            return None
    return body


def _verbal(body: Sequence[Tok], after_be: bool) -> bool:
    """ "responded", "been agreed", or (after *be*) "clear"."""
    last = body[-1]
    pos = parts_of_speech(last.lower)
    if len(body) == 2 and body[0].lower not in ("been", "be"):
        return False
    if "VERB" in pos and not last.lower.endswith("ing"):
        return True
    # "not there yet" / "not yet there" is marked: places and particles are not adjectives here
    if last.lower in _NOT_PREDICATES or is_closed_class(last.text):
        return False
    return after_be and len(body) == 1 and "ADJ" in pos


FINDER = _YetPosition()
