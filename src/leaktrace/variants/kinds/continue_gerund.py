"""Infinitive or gerund after *continue*: "continue to monitor" / "continue monitoring".

*Continue* takes either complement with the same meaning and register in formal British and
American English ("we will continue to work with the Trust" / "we will continue working with
the Trust"). Verbs such as *begin*, *cease*, *propose* or *intend* are left out: with them the
two forms differ in meaning ("propose to sell" is to intend, "propose selling" to suggest) or in
naturalness ("begin understanding").

We offer the choice only where it is plain:

* *continue*, *continues* or *continued* as a verb (never *continuing*, which would give
  "continuing monitoring"): after a subject, an auxiliary or (for *continue*) *to*, never at a
  sentence start or after a preposition or a determiner, where *continued* is an adjective
  ("rely on continued funding" must not become "continued to fund");
* after *to*, a verb's base form that is not *be*, *have*, *do* or a state verb ("continue
  being", "continues applying", "continues holding" are stiff or change sense) and not "to
  date", a time phrase;
* without *to*, an *-ing* form whose lemma is a verb, that is not itself followed by *of* (a
  noun: "continue funding of the scheme") and not *being*/*having*.

The point spans *continue* too, so that no other kind can swap it for a verb that takes only
one of the forms ("keep to monitor") while this one changes the form.

Example:
    >>> from leaktrace.variants.analysis import analyse
    >>> a = analyse("We will continue to monitor it.")
    >>> [p.occurrences[0].renderings for p in FINDER.find(a)]
    [('continue to monitor', 'continue monitoring')]
"""

from __future__ import annotations

from collections.abc import Iterable

import lemminflect

from leaktrace.model import VariationPoint
from leaktrace.variants.analysis import Analysis, Tok, lemma, parts_of_speech
from leaktrace.variants.base import swap_point
from leaktrace.variants.kinds._grammar import (
    AUXILIARIES,
    PRE_VERB_ADVERBS,
    SUBJECT_PRONOUNS,
    is_closed_class,
    is_noun,
    spaced,
    words,
)

_FORMS = words("continue continues continued")
# "be", "have", "do" and state verbs read stiffly or change sense in -ing ("the rule continues
# holding", "continues applying"); "to date" is a time phrase.
_EXCLUDED = words(
    "be have do date apply exist remain hold matter mean know seem belong need want depend "
    "consist contain include represent own require deserve understand like love hate prefer "
    "appear suffer concern involve lack believe think hope expect wish see trust regard "
    "consider feel"
)
_RELATIVES = words("who which that")
_KIND = "continue_gerund"
_NOTE = "infinitive or gerund after 'continue'"


class _ContinueGerund:
    kind = _KIND
    priority = 61

    def find(self, analysis: Analysis) -> Iterable[VariationPoint]:
        for tok in analysis.tokens:
            if tok.lower not in _FORMS or tok.protected or not _verb_context(analysis, tok):
                continue
            point = _infinitive(analysis, tok) or _gerund(analysis, tok)
            if point is not None:
                yield point


def _verb_context(analysis: Analysis, verb: Tok) -> bool:
    """*Continue* is a verb here: a subject, an auxiliary or (before *continue*) *to* precedes it.

    At a sentence start or after a preposition or a determiner, *continued* is an adjective
    ("rely on continued funding", "Continued funding is essential", "Despite continued rising
    costs"), and changing its complement would give "continued to fund".
    """
    k = verb.index - 1
    prev = analysis.token(k)
    while prev is not None and prev.sentence == verb.sentence and prev.lower in PRE_VERB_ADVERBS:
        k -= 1
        prev = analysis.token(k)
    if prev is None or prev.sentence != verb.sentence or prev.kind != "word":
        return False
    word = prev.lower
    if word == "to":
        return verb.lower == "continue"  # the infinitive marker: "to continue working"
    if word in AUXILIARIES or word in SUBJECT_PRONOUNS or word in _RELATIVES:
        return True
    if is_closed_class(word):
        return False  # a preposition, a determiner, a conjunction
    return is_noun(word) or (prev.capitalised and not prev.sentence_start)


def _infinitive(analysis: Analysis, verb: Tok) -> VariationPoint | None:
    """ "continue to monitor" -> "continue monitoring"."""
    to, base = analysis.token(verb.index + 1), analysis.token(verb.index + 2)
    if to is None or base is None or to.lower != "to":
        return None
    if not _clean(analysis, verb, to) or not _clean(analysis, to, base):
        return None
    if base.capitalised or is_closed_class(base.text) or base.lower in _EXCLUDED:
        return None
    if "VERB" not in parts_of_speech(base.lower) or lemma(base.lower, "VERB") != base.lower:
        return None
    forms = lemminflect.getInflection(base.lower, "VBG")
    if not forms:
        return None
    original = analysis.text[verb.start : base.end]
    return swap_point(_KIND, verb, base, original, f"{verb.text} {forms[0]}", _NOTE)


def _gerund(analysis: Analysis, verb: Tok) -> VariationPoint | None:
    """ "continue monitoring" -> "continue to monitor"."""
    ing = analysis.token(verb.index + 1)
    if ing is None or not _clean(analysis, verb, ing) or not ing.lower.endswith("ing"):
        return None
    if ing.capitalised or is_closed_class(ing.text):
        return None
    base = lemma(ing.lower, "VERB")
    if base is None or base == ing.lower or base in _EXCLUDED:
        return None
    if lemminflect.getInflection(base, "VBG")[:1] != (ing.lower,):
        return None
    after = analysis.token(ing.index + 1)
    if after is not None and after.lower == "of":
        return None
    original = analysis.text[verb.start : ing.end]
    return swap_point(_KIND, verb, ing, original, f"{verb.text} to {base}", _NOTE)


def _clean(analysis: Analysis, left: Tok, right: Tok) -> bool:
    return not right.protected and right.kind == "word" and spaced(analysis, left, right)


FINDER = _ContinueGerund()
