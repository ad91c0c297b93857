"""Position of a connective adverb: "However, the Board is" / "The Board, however, is".

A linking adverb that opens a clause can equally sit after a short subject, with no change of
meaning or register: "However, the regulators have said" / "The regulators, however, have
said"; "Therefore, we recommend" / "We therefore recommend". We move only a handful of
connectives (*however*, *meanwhile*, *therefore*, *nonetheless*, *nevertheless*, *thus*) and
only across a subject we can see whole: a subject pronoun, a name of one or two words, or a
determiner with one or two lower-case words, followed at once by a finite verb. *However* and
*meanwhile* take commas on both sides in the middle; the others go unpunctuated there
("We therefore recommend"), as in most house styles. "It, however, is" and "I, however," are
stilted and never offered; "however unappealing" (no comma) is a different word.

With a bare connective the middle slot is after the first auxiliary, not before it: "Therefore,
the Board will act" / "The Board will therefore act" ("The Board therefore will act" is marked),
and the reverse move starts from that slot too ("The Board will, however, need" / "However, the
Board will need"). Before a negated auxiliary ("will not", "cannot") the adverb stays in front
of it ("We therefore cannot agree"), since "We cannot therefore agree" reads as a different
claim. *Moreover* joins the comma connectives, *accordingly* and *consequently* the bare ones.

Movements of *also*, *only* and *still* are not offered: "we also would" and "has been also"
read as marked or foreign, which is the kind of tell a leaker could spot.

Example:
    >>> from leaktrace.variants.analysis import analyse
    >>> a = analyse("However, the regulators have said so.")
    >>> [p.occurrences[0].renderings for p in FINDER.find(a)]
    [('However, the regulators', 'The regulators, however,')]
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from leaktrace.model import VariationPoint
from leaktrace.variants.analysis import Analysis, Tok, lemma, parts_of_speech
from leaktrace.variants.base import match_case, swap_point
from leaktrace.variants.kinds._grammar import (
    DETERMINERS,
    clause_start,
    is_acronym,
    is_closed_class,
    is_finite_verb,
    is_plural_noun,
    spaced,
    words,
)

_COMMA_MIDDLE = frozenset(("however", "meanwhile", "moreover"))
_BARE_MIDDLE = frozenset(
    ("therefore", "nonetheless", "nevertheless", "thus", "accordingly", "consequently")
)
# Auxiliaries after which a bare connective sits ("will therefore act", "is therefore right").
_SLOT_AUXILIARIES = words(
    "is are was were has have had will would can could should may might must shall"
)
_NEGATIONS = words("not never")
_ADVERBS = _COMMA_MIDDLE | _BARE_MIDDLE
_PRONOUNS = words("we they he she this that i it you")
_STILTED_WITH_COMMAS = frozenset(("it", "i", "you"))

_KIND = "adverb_position"
_NOTE = "position of a connective adverb"


class _AdverbPosition:
    kind = _KIND
    priority = 70

    def find(self, analysis: Analysis) -> Iterable[VariationPoint]:
        for sentence in analysis.sentences():
            first = clause_start(analysis, sentence)
            if first is None:
                continue
            pos = first - sentence[0].index
            point = _front(analysis, sentence, pos) or _middle(analysis, sentence, pos)
            if point is not None:
                yield point


def _front(analysis: Analysis, sentence: Sequence[Tok], pos: int) -> VariationPoint | None:
    """ "However, the X VERB" -> "The X, however, VERB"."""
    if pos + 3 >= len(sentence):
        return None
    adverb, comma = sentence[pos], sentence[pos + 1]
    if adverb.lower not in _ADVERBS or comma.text != "," or adverb.end != comma.start:
        return None
    if not spaced(analysis, comma, sentence[pos + 2]):
        return None
    end = _subject_end(analysis, sentence, pos + 2, adverb.lower)
    if end is None:
        return None
    subject = _text(analysis, sentence[pos + 2], sentence[end])
    moved = _decapitalise(sentence[pos + 2], subject)
    word = adverb.lower
    last = sentence[end]
    if word in _COMMA_MIDDLE:
        middle = f"{moved}, {word},"
    elif _slot_auxiliary(analysis, sentence, end + 1):
        last = sentence[end + 1]
        middle = f"{moved} {last.text} {word}"
    else:
        middle = f"{moved} {word}"
    original = _text(analysis, adverb, last)
    return swap_point(_KIND, adverb, last, original, match_case(adverb.text, middle), _NOTE)


def _slot_auxiliary(analysis: Analysis, sentence: Sequence[Tok], at: int) -> bool:
    """An auxiliary at ``at`` that a bare connective follows: "will [therefore] act".

    Not before a negation ("will not"), and *have* only before a participle ("have agreed"),
    never as a main verb ("we have therefore a choice").
    """
    if at + 1 >= len(sentence):
        return False
    aux, nxt = sentence[at], sentence[at + 1]
    if aux.lower not in _SLOT_AUXILIARIES or aux.protected or nxt.lower in _NEGATIONS:
        return False
    if not spaced(analysis, sentence[at - 1], aux) or not spaced(analysis, aux, nxt):
        return False
    return aux.lower not in ("has", "have", "had") or _participle(nxt)


def _middle(analysis: Analysis, sentence: Sequence[Tok], pos: int) -> VariationPoint | None:
    """ "The X, however, VERB" or "We therefore VERB" -> "However, the X VERB"."""
    for end in range(pos, min(pos + 3, len(sentence))):
        after = end + 1
        if after + 1 >= len(sentence):
            return None
        aux = _auxiliary_before_adverb(analysis, sentence, after)
        if aux is not None:
            after += 1
        commas = sentence[after].text == ","
        adverb = sentence[after + 1] if commas else sentence[after]
        if adverb.lower not in _ADVERBS:
            continue
        close = adverb.index - sentence[0].index + 1
        if commas and (close >= len(sentence) or sentence[close].text != ","):
            continue
        if commas and (
            adverb.end != sentence[close].start or sentence[after].start != sentence[after - 1].end
        ):
            continue
        tail = sentence[close] if commas else adverb
        if tail.index - sentence[0].index + 1 >= len(sentence):
            return None
        if _subject_end(analysis, sentence, pos, adverb.lower, commas) != end:
            return None
        subject = _text(analysis, sentence[pos], sentence[end])
        if aux is not None:
            subject = f"{subject} {aux.text}"
        front = f"{adverb.lower}, {_decapitalise(sentence[pos], subject)}"
        original = _text(analysis, sentence[pos], tail)
        return swap_point(
            _KIND, sentence[pos], tail, original, match_case(sentence[pos].text, front), _NOTE
        )
    return None


def _auxiliary_before_adverb(analysis: Analysis, sentence: Sequence[Tok], at: int) -> Tok | None:
    """The auxiliary in "The Board will therefore act" / "The Board has, however, agreed"."""
    aux = sentence[at]
    if aux.lower not in _SLOT_AUXILIARIES or aux.protected or at + 2 >= len(sentence):
        return None
    if not spaced(analysis, sentence[at - 1], aux):
        return None
    nxt = sentence[at + 1]
    if nxt.lower in _BARE_MIDDLE and spaced(analysis, aux, nxt):
        if aux.lower in ("has", "have", "had") and not _participle(sentence[at + 2]):
            return None
        return aux
    if nxt.text == "," and sentence[at + 2].lower in _COMMA_MIDDLE:
        return aux
    return None


def _participle(tok: Tok) -> bool:
    """A verb form after *have* that cannot be its object: "agreed", not "concerns" or "a"."""
    return (
        tok.kind == "word"
        and is_finite_verb(tok.text)
        and not is_closed_class(tok.text)
        and "NOUN" not in parts_of_speech(tok.lower)
    )


def _subject_end(
    analysis: Analysis, sentence: Sequence[Tok], pos: int, adverb: str, commas: bool | None = None
) -> int | None:
    """Index of a short subject's last token when a finite verb follows it (or the adverb)."""
    comma_style = adverb in _COMMA_MIDDLE if commas is None else commas
    first = sentence[pos]
    if first.protected or first.kind not in ("word", "abbr"):
        return None
    candidates: list[int] = []
    if first.lower in _PRONOUNS:
        if comma_style and first.lower in _STILTED_WITH_COMMAS:
            return None
        candidates = [pos]
    elif first.lower in DETERMINERS:
        candidates = [pos + 1, pos + 2]
    elif first.capitalised and not is_closed_class(first.text):
        if commas is not None and not is_acronym(first) and parts_of_speech(first.lower):
            return None  # "Prosecutors therefore need": a common word capitalised, not a name
        candidates = [pos, pos + 1]
    for end in candidates:
        if end + 1 >= len(sentence) or not _plain_words(analysis, sentence, pos, end, first):
            continue
        verb_pos = end + 1
        while verb_pos < len(sentence) and (
            sentence[verb_pos].lower in _ADVERBS or sentence[verb_pos].text == ","
        ):
            verb_pos += 1
        if verb_pos < len(sentence) and _finite(sentence[verb_pos], sentence[end]):
            return end
    return None


def _finite(verb: Tok, head: Tok) -> bool:
    """A finite verb; a bare form ("need") counts after a plural pronoun or plural noun."""
    if (
        verb.capitalised
        or verb.kind != "word"
        or (is_closed_class(verb.text) and not is_finite_verb(verb.text))
    ):
        return False
    if is_finite_verb(verb.text):
        return True
    plural = head.lower in ("we", "they", "you") or is_plural_noun(head.text)
    return plural and lemma(verb.lower, "VERB") == verb.lower


def _plain_words(
    analysis: Analysis, sentence: Sequence[Tok], pos: int, end: int, first: Tok
) -> bool:
    words = sentence[pos + 1 : end + 1]
    for left, tok in zip(sentence[pos:end], words, strict=True):
        if tok.protected or tok.kind not in ("word", "abbr") or not spaced(analysis, left, tok):
            return False
        if is_closed_class(tok.text) or tok.lower in _ADVERBS or is_finite_verb(tok.text):
            return False
        if first.lower in DETERMINERS - {"the"} and tok.capitalised and not is_acronym(tok):
            return False  # "the Board" is a name; "our Board" or "this Friday" may not be
        if first.capitalised and first.lower not in DETERMINERS and not tok.capitalised:
            return False
    return True


def _decapitalise(first: Tok, text: str) -> str:
    """Lower-case a moved subject's first letter unless it is a name, an acronym or "I"."""
    if first.lower in DETERMINERS or first.lower in _PRONOUNS - {"i"}:
        return text[:1].lower() + text[1:]
    return text


def _text(analysis: Analysis, first: Tok, last: Tok) -> str:
    return analysis.text[first.start : last.end]


FINDER = _AdverbPosition()
