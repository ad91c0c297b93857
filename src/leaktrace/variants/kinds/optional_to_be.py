"""Optional *to be* before an adjective: "is considered to be reasonable" / "is considered
reasonable".

Verbs of judging and seeming take an adjective complement with or without *to be*, with no
change of meaning or register: "is deemed (to be) necessary", "we consider it (to be)
appropriate", "the estimate proved (to be) optimistic", "the terms seem (to be) fair". We offer
the choice only in these frames:

* passive *considered* or *deemed* after a form of *be* (one light adverb may come between:
  "is generally considered"), or active *consider*/*deem* with *it* or *them* as object;
* *seem*, *appear* and *prove* in any form, as main verbs;
* the complement is one adjective the lexicon knows, that cannot be an adverb ("further",
  "early", "next" would change the reading: "was considered further") and is not a participle
  or an *-ing* form ("to be given", "to be undergoing"), nor a quantifier ("several", "many");
  after *considered* / *deemed* with *to be*, an article may also follow ("is deemed to be a
  party" / "is deemed a party"), but an article is never given a *to be* the author left out
  ("was considered the same day");
* the adjective stands alone, followed by punctuation or a preposition or *that* (never
  *and*, which could then join a participle to *to be*): "appears to be good news" has no
  reduced form;
* no *there* before the verb: "there seem to be several issues" has no reduced form; and
  "it seems clear that" is never given a *to be* the author left out.

The point spans the verb as well as *to be*, so that no other kind can swap the verb for one
that needs *to be* ("turned out optimistic") while this one drops it.

Example:
    >>> from leaktrace.variants.analysis import analyse
    >>> [p.labels for p in FINDER.find(analyse("The fee is considered to be reasonable."))]
    [('considered to be reasonable', 'considered reasonable')]
"""

from __future__ import annotations

from collections.abc import Iterable

from leaktrace.model import VariationPoint
from leaktrace.variants.analysis import Analysis, Tok, lemma, parts_of_speech
from leaktrace.variants.base import local_point
from leaktrace.variants.kinds._grammar import spaced, words

_JUDGING = words("considered deemed")
_JUDGING_ACTIVE = words("consider considers considering deem deems deeming")
_SEEMING = ("seem", "appear", "prove")
_BE = words("is are was were be been being")
_LIGHT_ADVERBS = words("generally widely also therefore not now still properly rightly usually")
_ACTIVE_OBJECTS = words("it them")
_QUANTIFIERS = words(
    "several many few numerous various other further more less much most own such same certain able"
)
_ARTICLES = words("a an the")


class _OptionalToBe:
    kind = "optional_to_be"
    priority = 44

    def find(self, analysis: Analysis) -> Iterable[VariationPoint]:
        for tok in analysis.tokens:
            if tok.kind != "word" or tok.protected:
                continue
            slot = _slot(analysis, tok)
            if slot is None or _after_there(analysis, tok):
                continue
            point = _point(analysis, tok, slot)
            if point is not None:
                yield point


def _slot(analysis: Analysis, verb: Tok) -> int | None:
    """Index of the token after the verb (and its object) where *to be* may stand."""
    if verb.lower in _JUDGING and _after_be(analysis, verb):
        return verb.index + 1
    if verb.lower in _JUDGING_ACTIVE or (verb.lower in _JUDGING and not _after_be(analysis, verb)):
        obj = analysis.token(verb.index + 1)
        if obj is not None and obj.lower in _ACTIVE_OBJECTS and spaced(analysis, verb, obj):
            return verb.index + 2
        return None
    if lemma(verb.lower, "VERB") in _SEEMING and not verb.lower.endswith("ing"):
        return verb.index + 1
    return None


def _after_be(analysis: Analysis, verb: Tok) -> bool:
    prev = analysis.token(verb.index - 1)
    if prev is not None and prev.lower in _LIGHT_ADVERBS:
        prev = analysis.token(prev.index - 1)
    return prev is not None and prev.sentence == verb.sentence and prev.lower in _BE


def _after_there(analysis: Analysis, verb: Tok) -> bool:
    """ "there seem to be", "there is considered to be": no reduced form exists."""
    for k in range(verb.index - 1, max(verb.index - 4, -1), -1):
        tok = analysis.tokens[k]
        if tok.sentence != verb.sentence:
            return False
        if tok.lower == "there":
            return True
    return False


def _point(analysis: Analysis, verb: Tok, slot: int) -> VariationPoint | None:
    to, be = analysis.token(slot), analysis.token(slot + 1)
    before = analysis.tokens[slot - 1]
    if to is None or to.protected or not spaced(analysis, before, to):
        return None
    head = analysis.text[verb.start : before.end]
    judging = verb.lower in _JUDGING or verb.lower in _JUDGING_ACTIVE
    if to.lower == "to" and be is not None and be.lower == "be":
        word = analysis.token(slot + 2)
        if word is None or word.protected or be.protected:
            return None
        if not spaced(analysis, to, be) or not spaced(analysis, be, word):
            return None
        if not (_complement(analysis, word) or (judging and word.lower in _ARTICLES)):
            return None
        return local_point(
            "optional_to_be",
            (f"{head} to be {word.text}", f"{head} {word.text}"),
            verb.start,
            word.start,
            (analysis.text[verb.start : word.start], analysis.text[verb.start : to.start]),
            note="optional 'to be' before a complement",
        )
    if not _complement(analysis, to) or (not judging and _after_it(analysis, verb)):
        return None  # "it seems clear that" gains nothing from "to be" but stiffness
    return local_point(
        "optional_to_be",
        (f"{head} {to.text}", f"{head} to be {to.text}"),
        verb.start,
        to.start,
        (analysis.text[verb.start : to.start], analysis.text[verb.start : to.start] + "to be "),
        note="optional 'to be' before a complement",
    )


def _after_it(analysis: Analysis, verb: Tok) -> bool:
    """*It* is the verb's subject ("It appears necessary that"); the verb's own token is not."""
    prev = analysis.token(verb.index - 1)
    return prev is not None and prev.sentence == verb.sentence and prev.lower == "it"


def _complement(analysis: Analysis, tok: Tok) -> bool:
    """A lone adjective: "appears to be good news" must keep *to be* ("appears good news")."""
    if not _adjective(tok):
        return False
    nxt = analysis.token(tok.index + 1)
    if nxt is None or nxt.sentence != tok.sentence:
        return True
    return (nxt.kind == "punct" and nxt.text in ",.;:)") or nxt.lower in _AFTER_ADJECTIVE


# Not "and"/"or": "deemed insufficient and rejected" would read "to be (insufficient and rejected)".
_AFTER_ADJECTIVE = words("to that for in of with on at by from than as enough")


def _adjective(tok: Tok) -> bool:
    """A plain adjective: not an adverb, participle, -ing form or quantifier."""
    if tok.kind != "word" or tok.capitalised or tok.lower in _QUANTIFIERS:
        return False
    if tok.lower.endswith(("ed", "ing", "en")):
        return False
    pos = parts_of_speech(tok.lower)
    return "ADJ" in pos and "ADV" not in pos


FINDER = _OptionalToBe()
