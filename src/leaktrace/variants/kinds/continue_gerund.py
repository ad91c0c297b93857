"""Infinitive or gerund after *continue*: "continue to monitor" / "continue monitoring".

*Continue* takes either complement with the same meaning and register in formal British and
American English ("we will continue to work with the Trust" / "we will continue working with
the Trust"). Verbs such as *begin*, *cease*, *propose* or *intend* are left out: with them the
two forms differ in meaning ("propose to sell" is to intend, "propose selling" to suggest) or in
naturalness ("begin understanding").

We offer the choice only where it is plain:

* *continue*, *continues* or *continued* as a verb (never *continuing*, which would give
  "continuing monitoring");
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
from leaktrace.variants.base import local_point
from leaktrace.variants.kinds._grammar import DETERMINERS, is_closed_class, spaced, words

_FORMS = words("continue continues continued")
# "be", "have", "do" and state verbs read stiffly or change sense in -ing ("the rule continues
# holding", "continues applying"); "to date" is a time phrase.
_EXCLUDED = words(
    "be have do date apply exist remain hold matter mean know seem belong need want depend "
    "consist contain include represent own require deserve understand like love hate prefer "
    "appear suffer concern involve lack believe think hope expect wish see trust regard "
    "consider feel"
)


class _ContinueGerund:
    kind = "continue_gerund"
    priority = 61

    def find(self, analysis: Analysis) -> Iterable[VariationPoint]:
        for tok in analysis.tokens:
            if tok.lower not in _FORMS or tok.protected:
                continue
            prev = analysis.token(tok.index - 1)
            if prev is not None and prev.sentence == tok.sentence and prev.lower in DETERMINERS:
                continue
            point = _infinitive(analysis, tok) or _gerund(analysis, tok)
            if point is not None:
                yield point


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
    return _point(verb, base, original, f"{verb.text} {forms[0]}")


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
    return _point(verb, ing, original, f"{verb.text} to {base}")


def _clean(analysis: Analysis, left: Tok, right: Tok) -> bool:
    return not right.protected and right.kind == "word" and spaced(analysis, left, right)


def _point(first: Tok, last: Tok, original: str, other: str) -> VariationPoint:
    return local_point(
        "continue_gerund",
        (original, other),
        first.start,
        last.end,
        (original, other),
        note="infinitive or gerund after 'continue'",
    )


FINDER = _ContinueGerund()
