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
- where the author wrote no pronoun, the subject is a personal pronoun ("a machine we repair")
  or *the* and a name closed by an auxiliary ("a factor the ICO has emphasised").

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
    MONTHS,
    PRE_VERB_ADVERBS,
    PREPOSITIONS,
    SUBJECT_PRONOUNS,
    WEEKDAYS,
    is_closed_class,
    is_finite_verb,
    spaced,
    word_set,
)
from leaktrace.variants.kinds.complementiser import BRIDGE_VERBS, WHETHER_VERBS
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
    if not written and tok.lower not in SUBJECT_PRONOUNS and not _named_subject(sentence, pos):
        return None
    which_ok = _antecedent_ok(sentence, pos - 1, written)
    if which_ok is None or (written == "which" and not which_ok):
        return None
    verb_end = _subject_end(sentence, subject)
    if verb_end is None or not _gap_follows(sentence, verb_end):
        return None
    if not written and not _after_finite_verb(sentence, pos - 1):
        # A clause-initial subject ("The document we have seen is"): the main verb must follow
        # at once, or "This week we agreed." would become "This week that we agreed."
        main = sentence[verb_end + 1] if verb_end + 1 < len(sentence) else None
        if main is None or main.lower not in AUXILIARIES:
            return None
    if written and not spaced(analysis, tok, sentence[subject]):
        return None
    options = ["that ", "which ", ""] if analysis.variety != "en-US" and which_ok else ["that ", ""]
    if written == "which" and analysis.variety == "en-US":
        options = ["which ", "that ", ""]
    if written and _verb_reading(sentence, pos - 1, sentence[subject]):
        options.remove("")
    authored = f"{written} " if written else ""
    renderings = (authored, *(option for option in options if option != authored))
    follow = sentence[subject].text
    labels = tuple(f"{head.text} {r}{follow}" for r in renderings)
    start = tok.start
    end = sentence[subject].start
    return local_point(
        "relative_object", labels, start, end, renderings, note="object relative pronoun"
    )


def _antecedent_ok(sentence: Sequence[Tok], head: int, written: str) -> bool | None:
    """A thing noun in a short noun phrase; see the module docstring for each condition.

    An author's *which* is a relative pronoun whatever the noun, so abstract nouns pass then;
    and a written pronoun cannot be misread as a new clause, so the noun phrase may stand
    anywhere ("..., plus an alumni list that I will send").
    """
    noun = sentence[head]
    persons = word_set("relative", "persons")
    content = word_set("relative", "content_nouns") | word_set("relative", "object_extra_nouns")
    if not thing_noun(noun, persons, content):
        return None
    base = lemma(noun.lower, "NOUN") or noun.lower
    abstract = noun.lower.endswith(_ABSTRACT_SUFFIXES) or base.endswith(_ABSTRACT_SUFFIXES)
    abstract = abstract and noun.lower not in word_set("relative", "concrete_suffix_nouns")
    if base in content or (abstract and written != "which") or clause_verb_before(sentence, head):
        return None
    if _verb_reading(sentence, head, sentence[head]) and lemma(noun.lower, "VERB") in (
        BRIDGE_VERBS | WHETHER_VERBS
    ):
        return None  # "The firm reports that we left": a verb and its content clause
    which_ok = noun_phrase_ok(sentence, head)
    if not which_ok and not noun_phrase_ok(sentence, head, that_only=True):
        return None
    placed = _after_finite_verb(sentence, head) or _clause_initial(sentence, head)
    return which_ok if written or placed else None


def _clause_initial(sentence: Sequence[Tok], head: int) -> bool:
    """The noun phrase opens the sentence with a determiner: "The single most damaging document"."""
    first = next((i for i, t in enumerate(sentence) if t.is_word), head)
    if sentence[first].lower not in DETERMINERS or head - first > 4:
        return False
    return all(t.kind == "word" and not t.capitalised for t in sentence[first + 1 : head + 1])


def _after_finite_verb(sentence: Sequence[Tok], head: int) -> bool:
    """A finite verb stands earlier in the same stretch of clause (no comma in between)."""
    for pos in range(head - 1, -1, -1):
        tok = sentence[pos]
        if tok.lower == "because" and pos + 1 < len(sentence) and sentence[pos + 1].lower == "of":
            continue  # "because of" is a preposition, not a new clause
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
        for _ in range(2):  # "the President", "our two customers", "our two largest customers"
            verb_next = pos < len(sentence) and (
                _verbish(sentence[pos]) or is_finite_verb(sentence[pos].text)
            )
            if pos >= len(sentence) or verb_next or not _modifier(sentence[pos - 1]):
                break
            pos += 1
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


def _verb_reading(sentence: Sequence[Tok], head: int, subject: Tok) -> bool:
    """ "price increases that our customers": without *that*, "increases" would read as a verb.

    A head that may be a present-tense verb, after a word that may be its subject, must keep its
    pronoun unless the relative clause opens with a subject pronoun ("increases we refused").
    """
    noun, before = sentence[head], sentence[head - 1]
    if subject.lower in SUBJECT_PRONOUNS or not noun.lower.endswith("s"):
        return False
    if "VERB" not in parts_of_speech(noun.lower):
        return False
    return before.kind == "word" and not is_closed_class(before.text)


def _named_subject(sentence: Sequence[Tok], pos: int) -> bool:
    """ "the ICO has", "the Audit Committee will": *the*, a one- or two-word name, an auxiliary.

    With no pronoun written, a noun-phrase subject is safe only when it cannot run on from the
    antecedent: a capitalised name mid-sentence, closed at once by an auxiliary.
    """
    if sentence[pos].lower != "the":
        return False
    for end in (pos + 2, pos + 3):
        if end >= len(sentence):
            return False
        name = sentence[end - 1]
        if name.kind not in ("word", "abbr") or not name.capitalised or name.protected:
            return False
        if name.lower in MONTHS | WEEKDAYS:
            return False
        if sentence[end].lower in AUXILIARIES and not sentence[end].capitalised:
            return True
    return False


def _modifier(tok: Tok) -> bool:
    """A word that may stand inside a subject noun phrase before its head."""
    return tok.kind in ("word", "number") and not tok.protected and not is_closed_class(tok.text)


def _verbish(tok: Tok) -> bool:
    return tok.lower in AUXILIARIES or tok.lower in PRE_VERB_ADVERBS or tok.lower == "yet"


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
    if nxt.text in _GAP_PUNCT or nxt.lower in AUXILIARIES:
        return True  # "...document we have seen is": the main clause's verb follows the gap
    return nxt.lower in PREPOSITIONS and nxt.lower not in ("that", "than", "like")


FINDER = _ObjectRelative()
