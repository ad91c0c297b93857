"""Object relatives: "a machine that we repair" / "a machine we repair" / "which we repair".

When a restrictive relative clause has its own subject, English lets the writer use *that*,
use nothing, or (in British English, for things) use *which*: "a quota arrangement that the
President can present" / "...arrangement the President can present" / "...arrangement which
the President can present". All three are standard in formal prose; American style guides
frown on restrictive *which*, so in en-US we offer *that* and nothing (and keep an author's
*which* as one option).

The danger is a content clause, where *that* is not a pronoun and may not be dropped or
changed: "the risk that we mistake warmth for commitment", "the notice that we terminate".
We therefore insist on all of these:

- the antecedent is a thing noun that takes no content clause (a lexicon list plus the
  suffixes *-tion*, *-sion*, *-ment*, *-ance*, *-ence*, *-ity*, *-ness*, *-ism*), never a
  person, a time ("Last week we agreed") or an indefinite pronoun;
- the noun phrase stands after a finite verb in the same clause, so it is an object or a
  complement, not a fronted adverbial ("After the meeting we went home");
- the clause visibly lacks its object: subject, optional auxiliaries and adverbs, a verb, then
  a preposition or punctuation ("can present as", "signed.", "want to sell");
- no verb of saying or asking earlier in the sentence ("told the Board that we");
- where the author wrote no pronoun, the subject is a personal pronoun ("a machine we repair").

Example:
    >>> from leaktrace.variants.analysis import analyse
    >>> a = analyse("We bought a machine we can repair.", variety="en-GB")
    >>> [p.occurrences[0].renderings for p in FINDER.find(a)]
    [('', 'that ', 'which ')]
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from leaktrace.model import VariationPoint
from leaktrace.variants.analysis import Analysis, Tok, lemma, parts_of_speech
from leaktrace.variants.base import local_point
from leaktrace.variants.kinds._grammar import (
    AUXILIARIES,
    DETERMINERS,
    PRE_VERB_ADVERBS,
    PREPOSITIONS,
    SUBJECT_PRONOUNS,
    is_closed_class,
    is_finite_verb,
    spaced,
    word_set,
)
from leaktrace.variants.kinds.relative import clause_verb_before, noun_phrase_ok, thing_noun

_ABSTRACT_SUFFIXES = ("tion", "sion", "ment", "ance", "ence", "ity", "ness", "ism")
_BOUNDARIES = frozenset(",;:–—()")
_GAP_PUNCT = frozenset(".,;:)–—")


class _ObjectRelative:
    kind = "relative_object"
    priority = 46

    def find(self, analysis: Analysis) -> Iterable[VariationPoint]:
        for sentence in analysis.sentences():
            for pos in range(2, len(sentence) - 2):
                point = _point_at(analysis, sentence, pos)
                if point is not None:
                    yield point


def _point_at(analysis: Analysis, sentence: Sequence[Tok], pos: int) -> VariationPoint | None:
    tok, head = sentence[pos], sentence[pos - 1]
    written = tok.lower if tok.lower in ("that", "which") else ""
    subject = pos + 1 if written else pos
    if tok.protected or sentence[subject].protected or not spaced(analysis, head, tok):
        return None
    if not written and tok.lower not in SUBJECT_PRONOUNS:
        return None
    if not _antecedent_ok(sentence, pos - 1):
        return None
    verb_end = _subject_end(sentence, subject)
    if verb_end is None or not _gap_follows(sentence, verb_end):
        return None
    if written and not spaced(analysis, tok, sentence[subject]):
        return None
    options = ["that ", "which ", ""] if analysis.variety != "en-US" else ["that ", ""]
    if written == "which" and analysis.variety == "en-US":
        options = ["which ", "that ", ""]
    authored = f"{written} " if written else ""
    renderings = (authored, *(option for option in options if option != authored))
    follow = sentence[subject].text
    labels = tuple(f"{head.text} {r}{follow}" for r in renderings)
    start = tok.start
    end = sentence[subject].start
    return local_point(
        "relative_object", labels, start, end, renderings, note="object relative pronoun"
    )


def _antecedent_ok(sentence: Sequence[Tok], head: int) -> bool:
    noun = sentence[head]
    persons = word_set("relative", "persons")
    content = word_set("relative", "content_nouns") | word_set("relative", "object_extra_nouns")
    if not thing_noun(noun, persons, content) or noun.lower.endswith(_ABSTRACT_SUFFIXES):
        return False
    base = lemma(noun.lower, "NOUN") or noun.lower
    if base.endswith(_ABSTRACT_SUFFIXES) or base in content:
        return False
    if not noun_phrase_ok(sentence, head) or clause_verb_before(sentence, head):
        return False
    return _after_finite_verb(sentence, head)


def _after_finite_verb(sentence: Sequence[Tok], head: int) -> bool:
    """A finite verb stands earlier in the same stretch of clause (no comma in between)."""
    for pos in range(head - 1, -1, -1):
        tok = sentence[pos]
        if tok.text in _BOUNDARIES or tok.lower in ("and", "or", "but", "if", "when", "because"):
            return False
        if tok.kind == "word" and not tok.capitalised and is_finite_verb(tok.text):
            return "NOUN" not in parts_of_speech(tok.lower) or tok.lower in AUXILIARIES
    return False


def _subject_end(sentence: Sequence[Tok], subject: int) -> int | None:
    """Index of the relative clause's lexical verb, after a short subject and auxiliaries."""
    first = sentence[subject]
    if first.lower in SUBJECT_PRONOUNS:
        pos = subject + 1
    elif first.lower in DETERMINERS and first.lower not in ("a", "an"):
        pos = subject + 2
        verb_next = pos < len(sentence) and (
            _verbish(sentence[pos]) or is_finite_verb(sentence[pos].text)
        )
        if pos < len(sentence) and not verb_next:
            pos += 1  # "the President", "our two customers"
    elif first.capitalised and not parts_of_speech(first.lower):
        pos = subject + 1
    else:
        return None
    if pos >= len(sentence) or sentence[pos - 1].protected:
        return None
    auxiliaries = 0
    while pos < len(sentence) and (_verbish(sentence[pos]) or _adverb(sentence[pos])):
        auxiliaries += sentence[pos].lower in AUXILIARIES
        pos += 1
    if pos >= len(sentence):
        return None
    verb = sentence[pos]
    if verb.kind != "word" or verb.capitalised or is_closed_class(verb.text):
        return None
    if "VERB" not in parts_of_speech(verb.lower):
        return None
    if not auxiliaries and not _finite_for(verb, first):
        return None
    return pos


def _verbish(tok: Tok) -> bool:
    return tok.lower in AUXILIARIES or tok.lower in PRE_VERB_ADVERBS


def _adverb(tok: Tok) -> bool:
    """ "personally", "quietly": an -ly adverb inside the verb group."""
    return tok.lower.endswith("ly") and parts_of_speech(tok.lower) == {"ADV"}


def _finite_for(verb: Tok, subject: Tok) -> bool:
    if is_finite_verb(verb.text):
        return True
    plural = subject.lower in ("i", "we", "you", "they")
    return plural and lemma(verb.lower, "VERB") == verb.lower


def _gap_follows(sentence: Sequence[Tok], verb: int) -> bool:
    """The verb's object is missing: punctuation or a preposition comes next."""
    if verb + 1 >= len(sentence):
        return True
    nxt = sentence[verb + 1]
    if nxt.text in _GAP_PUNCT:
        return True
    return nxt.lower in PREPOSITIONS and nxt.lower not in ("that", "than", "like")


FINDER = _ObjectRelative()
