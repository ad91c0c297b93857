"""Order of a name and its title in apposition: "the IT Director, Martin Hale, emailed" /
"Martin Hale, the IT Director, emailed".

A subject made of a role and a name in apposition, each set off by commas, may give either one
first with no change of meaning or register. We offer the swap only for a subject we can see
whole, so that a list can never be mistaken for an apposition:

* the role is "the" plus one to five words (possessives and *of* allowed: "the Trust's chief
  executive", "the Director of Strategy") and ends at a comma;
* the name is two or three capitalised words, with an optional honorific ("Dr Helen Marsh"),
  no function word ("In London" is not a name) and no acronym alone;
* the second comma is followed at once by a finite verb ("emailed", "had", "said"): that is
  what makes the pair a subject and not part of a list ("the Chair, Jo Smith, and the
  Secretary" is never touched);
* a name that comes first opens the sentence or follows a comma or *that*; a role that comes
  first may stand anywhere ("By 09:15 the CISO, Declan Roe, had confirmed").

Example:
    >>> from leaktrace.variants.analysis import analyse
    >>> a = analyse("The IT Director, Martin Hale, emailed three colleagues.")
    >>> [p.occurrences[0].renderings for p in FINDER.find(a)]
    [('The IT Director, Martin Hale', 'Martin Hale, the IT Director')]
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from leaktrace.model import VariationPoint
from leaktrace.variants.analysis import Analysis, Tok
from leaktrace.variants.base import swap_point
from leaktrace.variants.kinds._grammar import (
    clause_start,
    is_acronym,
    is_closed_class,
    is_finite_verb,
    spaced,
    words,
)

_HONORIFICS = words("mr mrs ms dr sir dame lord lady professor prof")

_KIND = "apposition_order"
_NOTE = "order of a name and its title in apposition"


class _AppositionOrder:
    kind = _KIND
    priority = 72

    def find(self, analysis: Analysis) -> Iterable[VariationPoint]:
        for sentence in analysis.sentences():
            first = clause_start(analysis, sentence)
            if first is None:
                continue
            base = sentence[0].index
            for pos in range(first - base, len(sentence)):
                point = _role_first(analysis, sentence, pos)
                if point is None and (
                    pos == first - base or sentence[pos - 1].lower in (",", "that")
                ):
                    point = _name_first(analysis, sentence, pos)
                if point is not None:
                    yield point
                    break


def _role_first(analysis: Analysis, sentence: Sequence[Tok], pos: int) -> VariationPoint | None:
    """ "the IT Director, Martin Hale, emailed" -> "Martin Hale, the IT Director, emailed"."""
    the = sentence[pos]
    if the.lower != "the" or _inside_a_phrase(sentence, pos):
        return None
    comma = _role_end(analysis, sentence, pos + 1)
    if comma is None:
        return None
    close = _name_end(analysis, sentence, comma + 1)
    if close is None or not _verb_follows(analysis, sentence, close):
        return None
    role = analysis.text[sentence[pos + 1].start : sentence[comma - 1].end]
    name = analysis.text[sentence[comma + 1].start : sentence[close - 1].end]
    original = analysis.text[the.start : sentence[close - 1].end]
    return swap_point(_KIND, the, sentence[close - 1], original, f"{name}, the {role}", _NOTE)


def _inside_a_phrase(sentence: Sequence[Tok], pos: int) -> bool:
    """ "The UK's ambassador to the US, Kim Darroch, has resigned": the role "the US" is the
    object of "to", and the name is in apposition to the whole phrase, so nothing may move."""
    if pos == 0:
        return False
    before = sentence[pos - 1]
    return before.kind == "word" and (is_closed_class(before.text) or not before.capitalised)


def _name_first(analysis: Analysis, sentence: Sequence[Tok], pos: int) -> VariationPoint | None:
    """ "Leon Brasher, the trade adviser, said" -> "The trade adviser, Leon Brasher, said"."""
    comma = _name_end(analysis, sentence, pos)
    if comma is None or comma + 1 >= len(sentence) or sentence[comma + 1].lower != "the":
        return None
    if not spaced(analysis, sentence[comma], sentence[comma + 1]):
        return None
    close = _role_end(analysis, sentence, comma + 2)
    if close is None or not _verb_follows(analysis, sentence, close):
        return None
    name = analysis.text[sentence[pos].start : sentence[comma - 1].end]
    role = analysis.text[sentence[comma + 2].start : sentence[close - 1].end]
    original = analysis.text[sentence[pos].start : sentence[close - 1].end]
    return swap_point(
        _KIND, sentence[pos], sentence[close - 1], original, f"the {role}, {name}", _NOTE
    )


def _role_end(analysis: Analysis, sentence: Sequence[Tok], pos: int) -> int | None:
    """Position of the comma closing a role of one to five words that starts at ``pos``."""
    for end in range(pos, min(pos + 6, len(sentence))):
        tok = sentence[end]
        if tok.text == ",":
            if end == pos or tok.start != sentence[end - 1].end:
                return None
            last = sentence[end - 1]
            if is_closed_class(last.text) or not spaced(analysis, tok, _next(sentence, end)):
                return None
            return end
        if tok.protected or tok.kind not in ("word", "abbr"):
            return None
        if end > pos and not spaced(analysis, sentence[end - 1], tok):
            return None
        if is_closed_class(tok.text) and tok.lower != "of" and not is_acronym(tok):
            return None  # "of" in "Director of Strategy"; "IT" is an acronym, not "it"
    return None


def _name_end(analysis: Analysis, sentence: Sequence[Tok], pos: int) -> int | None:
    """Position of the comma closing a name of two or three capitalised words at ``pos``."""
    k = pos
    if k < len(sentence) and sentence[k].lower in _HONORIFICS:
        k += 1
    start = k
    # a name has at most three words: stop at the fourth rather than scan to the next comma
    while k < len(sentence) and k - start < 4 and sentence[k].text != ",":
        tok = sentence[k]
        if tok.protected or tok.kind != "word" or not tok.capitalised or "'" in tok.lower:
            return None
        if is_closed_class(tok.text) or (is_acronym(tok) and k == start):
            return None
        if k > pos and not spaced(analysis, sentence[k - 1], tok):
            return None
        k += 1
    if not 2 <= k - start <= 3 or k >= len(sentence) or sentence[k].start != sentence[k - 1].end:
        return None
    return k


def _next(sentence: Sequence[Tok], index: int) -> Tok:
    return sentence[index + 1] if index + 1 < len(sentence) else sentence[index]


def _verb_follows(analysis: Analysis, sentence: Sequence[Tok], comma: int) -> bool:
    """A finite verb right after the closing comma: the pair is the clause's subject."""
    if comma + 1 >= len(sentence):
        return False
    verb = sentence[comma + 1]
    return (
        verb.kind == "word"
        and not verb.capitalised
        and not verb.protected
        and spaced(analysis, sentence[comma], verb)
        and is_finite_verb(verb.text)
        and not verb.lower.endswith("ing")
    )


FINDER = _AppositionOrder()
