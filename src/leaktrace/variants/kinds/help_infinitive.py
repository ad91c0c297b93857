"""Optional *to* after the verb *help*: "help to reduce costs" / "help reduce costs".

*Help* takes either a bare or a *to*-infinitive, with or without an object ("helped us to
meet" / "helped us meet"), in British and American formal usage alike, and the choice changes
neither meaning nor register. We offer it only where *help* is surely the verb and the word
after the (possible) *to* is surely a bare verb:

* *help* itself follows *to*, a modal, a subject pronoun, a relative (*that*, *which*, *who*)
  or an adverb that sits before verbs (*also*, *further*); *helps*, *helped* and *helping* follow
  anything but a determiner, a preposition or *of* ("the helping hand", "with help");
* with no object, *it* is not the subject: "it helps to know the facts" anticipates the
  infinitive, and "it helps know" is not English;
* the object, if any, is an object pronoun or a determiner with one or two plain words
  ("help the Board to decide");
* after *to* comes a word that is a verb in its base form (never "to safety", "to customers");
  where the author wrote no *to*, the word must be a verb that is not also a noun, so "help desk",
  "help line" and "help staff" are left alone.

The point spans *help* and its object as well as *to*, so that no other kind can change *help*
into a verb that needs its *to* ("assist us to meet") while this one drops it.

Example:
    >>> from leaktrace.variants.analysis import analyse
    >>> [p.labels for p in FINDER.find(analyse("This will help to reduce costs."))]
    [('help to reduce', 'help reduce')]
"""

from __future__ import annotations

from collections.abc import Iterable

from leaktrace.model import VariationPoint
from leaktrace.variants.analysis import Analysis, Tok, lemma, parts_of_speech
from leaktrace.variants.base import local_point
from leaktrace.variants.kinds._grammar import (
    DETERMINERS,
    OBJECT_PRONOUNS,
    PREPOSITIONS,
    is_closed_class,
    spaced,
    words,
)

_FORMS = words("help helps helped helping")
_BEFORE_BARE_HELP = words(
    "to will would can could should may might must shall we they you i that which who also not"
)
_OBJECTS = OBJECT_PRONOUNS | words("you it")


class _HelpInfinitive:
    kind = "help_infinitive"
    priority = 42

    def find(self, analysis: Analysis) -> Iterable[VariationPoint]:
        for tok in analysis.tokens:
            if tok.lower not in _FORMS or tok.protected or not _is_verb_help(analysis, tok):
                continue
            point = _point(analysis, tok)
            if point is not None:
                yield point


def _is_verb_help(analysis: Analysis, help_: Tok) -> bool:
    prev = analysis.token(help_.index - 1)
    if prev is None or prev.sentence != help_.sentence or prev.kind != "word":
        return False
    if help_.lower == "help":
        return prev.lower in _BEFORE_BARE_HELP
    return prev.lower not in DETERMINERS and prev.lower not in PREPOSITIONS


def _point(analysis: Analysis, help_: Tok) -> VariationPoint | None:
    after = _after_object(analysis, help_.index + 1)
    if after is None or (after == help_.index + 1 and _dummy_it(analysis, help_)):
        return None
    to = analysis.token(after)
    if to is None or to.protected or not spaced(analysis, analysis.tokens[after - 1], to):
        return None
    prefix = analysis.text[help_.start : to.start].rstrip()
    if to.lower == "to":
        verb = analysis.token(after + 1)
        if verb is None or verb.protected or not spaced(analysis, to, verb):
            return None
        if not _bare_verb(verb, strict=False):
            return None
        return local_point(
            "help_infinitive",
            (f"{prefix} to {verb.text}", f"{prefix} {verb.text}"),
            help_.start,
            verb.start,
            (analysis.text[help_.start : verb.start], analysis.text[help_.start : to.start]),
            note="optional 'to' after 'help'",
        )
    if not _bare_verb(to, strict=True):
        return None
    return local_point(
        "help_infinitive",
        (f"{prefix} {to.text}", f"{prefix} to {to.text}"),
        help_.start,
        to.start,
        (analysis.text[help_.start : to.start], analysis.text[help_.start : to.start] + "to "),
        note="optional 'to' after 'help'",
    )


def _dummy_it(analysis: Analysis, help_: Tok) -> bool:
    """ "It helps to know the facts": *it* anticipates the infinitive, which needs its *to*."""
    for k in (help_.index - 1, help_.index - 2):
        tok = analysis.token(k)
        if tok is not None and tok.sentence == help_.sentence and tok.lower == "it":
            return True
    return False


def _after_object(analysis: Analysis, index: int) -> int | None:
    """Index just past the object of *help* (or ``index`` itself when there is none)."""
    tok = analysis.token(index)
    if tok is None or tok.protected or tok.kind != "word":
        return None
    if tok.lower in _OBJECTS:
        return index + 1
    if tok.lower not in DETERMINERS:
        return index
    for size in (1, 2):
        nxt = analysis.token(index + size + 1)
        plain = [analysis.token(index + k) for k in range(1, size + 1)]
        if any(p is None or p.kind != "word" or is_closed_class(p.text) for p in plain):
            return None
        if nxt is not None and nxt.lower == "to":
            return index + size + 1
    return None


def _bare_verb(tok: Tok, strict: bool) -> bool:
    """A verb's base form; with ``strict``, one the lexicon does not also know as a noun."""
    if tok.kind != "word" or tok.capitalised or is_closed_class(tok.text):
        return False
    pos = parts_of_speech(tok.lower)
    if "VERB" not in pos or lemma(tok.lower, "VERB") != tok.lower:
        return False
    return not strict or pos == {"VERB"}


FINDER = _HelpInfinitive()
