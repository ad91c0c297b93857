"""Restrictive relative *that* / *which* for things: "a process that decides" / "which decides".

British usage accepts either pronoun in a restrictive relative clause about a thing (Fowler,
the Oxford Guide to Style); American style guides (Chicago, AP) ask for *that*. So in en-GB we
offer both whichever the author wrote, and in en-US only where the author wrote *which*: a copy
may then read *that*, never the other way round.

We take only *subject* relatives, where the pronoun is followed at once by a finite verb
("that no longer decides", "which has not materialised"): with the verb right there, *that*
cannot be the complementiser of a content clause ("the risk that we mistake"), which needs a
subject of its own. Everything that could make *that* a demonstrative or a complementiser, or
make *which* wrong or interrogative, is skipped:

- a comma, dash or bracket before it (non-restrictive: ", which" is never touched);
- a preposition before it ("in which", "of which");
- people ("the officials that/who"), capitalised names, pronouns ("anything that");
- nouns that take content clauses or prefer *that* ("the fact", "the way", "the time");
- *only*, *all*, *every*, *any*, *no*, *same*, ordinals and superlatives in the noun phrase
  ("the only process that", "the best stick that"), where *which* would jar;
- another relative *that* or *which* after a noun in the same sentence ("growth that has not
  come and price rises that buyers refused"), whose pronoun would no longer match;
- a verb of saying, thinking or asking earlier in the sentence ("told the Board that is",
  "asked the panel which was"), and clefts ("It is the timeline that will define").

Example:
    >>> from leaktrace.variants.analysis import analyse
    >>> text = "We should stop investing in a process that no longer decides anything."
    >>> [p.labels for p in FINDER.find(analyse(text))]
    [('process that no', 'process which no')]
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from leaktrace.model import VariationPoint
from leaktrace.variants.analysis import Analysis, Tok, lemma, parts_of_speech
from leaktrace.variants.base import local_point
from leaktrace.variants.kinds._grammar import (
    DETERMINERS,
    PRE_VERB_ADVERBS,
    PREPOSITIONS,
    is_acronym,
    is_closed_class,
    is_finite_verb,
    is_noun,
    spaced,
    word_set,
    words,
)

_QUANTIFIERS = words(
    "several many some few two three four five six seven eight nine ten both other various "
    "certain numerous"
)
_THAT_ONLY = words(
    "only all every any no none same first second third last next final such so little much nothing"
)
_SUPERLATIVE = words("most least worst")
# "so much money that", "such a risk that", "nothing that": a result clause or a pronoun.
_NEVER = words("so such much little nothing none no")
# Verbs that take an object *and* a content clause or an indirect question: after one of
# these, "told the Board that is" may be "told the Board [that] that is", and "asked the panel
# which was" is a question. Verbs that take only one of the two ("assumed volume growth that
# has not materialised") cannot make *that* a complementiser after their object.
_CLAUSE_VERBS = words(
    "tell inform advise remind persuade convince notify satisfy teach assure warn show promise "
    "ask bet email message brief"
)


class _Relative:
    kind = "relative"
    priority = 45

    def find(self, analysis: Analysis) -> Iterable[VariationPoint]:
        persons = word_set("relative", "persons")
        content = word_set("relative", "content_nouns")
        for sentence in analysis.sentences():
            for pos, tok in enumerate(sentence):
                if tok.lower not in ("that", "which") or tok.protected or pos < 2:
                    continue
                if analysis.variety == "en-US" and tok.lower == "that":
                    continue
                head = sentence[pos - 1]
                if not spaced(analysis, head, tok) or not thing_noun(head, persons, content):
                    continue
                if not noun_phrase_ok(sentence, pos - 1):
                    continue
                if not _verb_follows(analysis, sentence, pos + 1):
                    continue
                if clause_verb_before(sentence, pos - 1):
                    continue
                if _parallel_relative(analysis, sentence, pos, persons, content):
                    continue
                after = sentence[pos + 1]
                options = ("that", "which") if tok.lower == "that" else ("which", "that")
                yield local_point(
                    self.kind,
                    tuple(f"{head.text} {word} {after.text}" for word in options),
                    tok.start,
                    tok.end,
                    options,
                    note="restrictive relative pronoun for a thing",
                )


def _parallel_relative(
    analysis: Analysis,
    sentence: Sequence[Tok],
    pos: int,
    persons: frozenset[str],
    content: frozenset[str],
) -> bool:
    """Another relative *that*/*which* after a noun in the sentence: "growth that has not come
    and price rises that buyers refused". Changing one pronoun would leave the pair unmatched.
    """
    for other, tok in enumerate(sentence):
        if other == pos or other < 1 or tok.lower not in ("that", "which"):
            continue
        head = sentence[other - 1]
        if spaced(analysis, head, tok) and thing_noun(head, persons, content):
            return True
    return False


def thing_noun(tok: Tok, persons: frozenset[str], content: frozenset[str]) -> bool:
    """A lower-case common noun that names a thing and takes no content clause.

    Shared with :mod:`relative_object`, like :func:`noun_phrase_ok` and
    :func:`clause_verb_before`.
    """
    if tok.kind != "word" or tok.capitalised or tok.protected or is_closed_class(tok.text):
        return False
    if not is_noun(tok.lower) or "ADV" in parts_of_speech(tok.lower):
        return False
    base = lemma(tok.lower, "NOUN") or tok.lower
    if tok.lower in persons or base in persons or tok.lower in content or base in content:
        return False
    exceptions = word_set("relative", "person_suffix_exceptions")
    suffixes = tuple(word_set("relative", "person_suffixes"))
    return base in exceptions or not tok.lower.endswith(suffixes)


def noun_phrase_ok(sentence: Sequence[Tok], head: int, that_only: bool = False) -> bool:
    """The antecedent is a short noun phrase opened by a determiner, quantifier or preposition.

    Words between the opener and the head must be lower-case content words (adjectives or
    nouns); any word that makes *that* the only natural choice rules the point out, unless
    ``that_only`` says the caller will not offer *which* ("the most damaging document").
    """
    for pos in range(head - 1, max(head - 6, -1), -1):
        tok = sentence[pos]
        if _hyphen_inside(sentence, pos) or (is_acronym(tok) and not tok.protected):
            continue  # "a sub-scale business", "an OACP process"
        if tok.lower in _THAT_ONLY or tok.lower in _SUPERLATIVE or tok.lower.endswith("est"):
            if that_only and tok.lower not in _NEVER:
                continue
            return False
        if tok.lower in DETERMINERS or tok.lower in _QUANTIFIERS or tok.kind == "number":
            return that_only or not _before_is(sentence, pos, _THAT_ONLY)
        if tok.lower in PREPOSITIONS:
            return True
        if pos < head - 1 and _object_verb(tok):
            return True  # a bare object: "has assumed volume growth that"
        if tok.kind != "word" or tok.capitalised or is_closed_class(tok.text):
            return False
    return False


def _object_verb(tok: Tok) -> bool:
    """A lower-case finite lexical verb that cannot be a noun ("assumed", "bought")."""
    return (
        tok.kind == "word"
        and not tok.capitalised
        and not is_closed_class(tok.text)
        and is_finite_verb(tok.text)
        and "NOUN" not in parts_of_speech(tok.lower)
        and "ADJ" not in parts_of_speech(tok.lower)
    )


def _hyphen_inside(sentence: Sequence[Tok], pos: int) -> bool:
    """A hyphen joining two words with no spaces: part of one modifier."""
    tok = sentence[pos]
    if tok.text != "-" or pos == 0 or pos + 1 >= len(sentence):
        return False
    return sentence[pos - 1].end == tok.start and tok.end == sentence[pos + 1].start


def _before_is(sentence: Sequence[Tok], pos: int, words: frozenset[str]) -> bool:
    return pos > 0 and sentence[pos - 1].lower in words


def _verb_follows(analysis: Analysis, sentence: Sequence[Tok], start: int) -> bool:
    """A finite verb follows, perhaps after adverbs ("that no longer decides")."""
    pos = start
    while pos < len(sentence) and sentence[pos].lower in PRE_VERB_ADVERBS | {"longer"}:
        pos += 1
    if pos >= len(sentence) or pos > start + 2:
        return False
    verb = sentence[pos]
    if verb.kind != "word" or verb.capitalised or not is_finite_verb(verb.text):
        return False
    if not verb.lower.endswith("s") and pos + 1 < len(sentence):
        # "sent the Board that revised paper": an -ed adjective before a noun is not a verb.
        nxt = sentence[pos + 1]
        tags = parts_of_speech(nxt.lower)
        if nxt.kind == "word" and tags in ({"NOUN"}, {"NOUN", "VERB"}):
            return False
    return pos == start or spaced(analysis, sentence[start - 1], sentence[start])


def clause_verb_before(sentence: Sequence[Tok], head: int) -> bool:
    """A verb of saying or asking, or a cleft "it is", earlier in the sentence."""
    for pos in range(head):
        tok = sentence[pos]
        if tok.lower == "it" and pos + 2 < len(sentence):
            cleft = sentence[pos + 1].lower in ("is", "was") and sentence[pos + 2].lower not in (
                "a",
                "an",
            )
            if cleft:  # "It is the timeline that will define"; "It is a process that" is not
                return True
        if tok.kind != "word":
            continue
        if lemma(tok.lower, "VERB") in _CLAUSE_VERBS and not _noun_use(sentence, pos):
            return True
    return False


def _noun_use(sentence: Sequence[Tok], pos: int) -> bool:
    """ "the report", "our view": a verb-like word used as a noun after a determiner."""
    return pos > 0 and sentence[pos - 1].lower in DETERMINERS


FINDER = _Relative()
