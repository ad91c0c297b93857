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
- no verb of saying or asking earlier in the sentence ("told the Board that we"), nor a verb
  that takes an object and a clause ("reassured the market we would act", "made it clear to
  the bank we had paid"), nor *so*/*such* ("such a mess we had to leave" is a result clause);
- the antecedent is none of the further nouns that take a content clause listed in
  ``_CONTENT_NOUNS`` ("an undertaking we would repay", "a denial we had erred");
- where the author wrote no pronoun, the subject is a personal pronoun ("a machine we repair")
  or *the* and a name closed by an auxiliary ("a factor the ICO has emphasised").

Three placements are allowed beyond an object after a plain finite verb: after a verb that may
also read as a plural noun but is followed at once by *a*/*an* ("Option D leaves a business we
would still want to sell": a noun is not followed by an article); an indefinite noun phrase in
apposition just after a comma whose relative clause ends the sentence or the apposition ("...
for Britain, an asset we have not yet fully spent."); and *the ones* / *the one*, which may
refer to people, so only *that* and nothing are offered ("the ones we already have").

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
    words,
)
from leaktrace.variants.kinds.complementiser import BRIDGE_VERBS, WHETHER_VERBS
from leaktrace.variants.kinds.relative import clause_verb_before, noun_phrase_ok, thing_noun

_CONTENT_NOUNS = words(
    "undertaking undertakings denial denials demand demands proposal proposals opinion "
    "opinions position stance policy faith trust wish dream desire hunch inkling clue story "
    "charge charges thesis caveat wager oath rationale pretext ruling "
    "holding ultimatum mandate law gamble bargain practice custom norm premise"
)
"""Nouns that take a content clause, beyond the shared lists ("the position that we would
not pay"): after them *that* is a conjunction, so it may be neither dropped nor made *which*."""
_OBJECT_CLAUSE_VERBS = words(
    "tell inform advise remind persuade convince notify satisfy teach assure reassure warn "
    "show promise ask bet email brief guarantee signal indicate confirm explain prove "
    "demonstrate write say state mention admit concede confide report announce disclose "
    "reveal pledge vow swear undertake certify represent warrant acknowledge suggest "
    "stress emphasise emphasize insist argue claim caution alert"
)
"""Verbs that take a content clause after an object or a *to* phrase ("reassured the market
we would act", "confirmed to the bank we had paid")."""
_CLAUSE_ADJECTIVES = words("clear plain known sure certain")
""""made it clear to the bank we had paid": an adjective that introduces a content clause."""
_RESULT_WORDS = frozenset(("so", "such"))
_ONES = frozenset(("one", "ones"))
_APPOSITION_END = frozenset(".;,)–—")
_BE = words("is are was were be been being am")
_OBJECT_WORDS = words("it them him her us me this these those")
_LEXICAL_AUXILIARIES = words("have has had do does did")
_TRAILING_ADVERBS = words("well again often later before already too once twice since")
"""Adverbs that may close a relative clause after its verb ("a city we know well.")."""
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
    if which_ok is None and _ones_ok(sentence, pos - 1):
        which_ok = False  # "the ones we have": perhaps people, so never *which*
    if which_ok is None or (written == "which" and not which_ok):
        return None
    verb_end = _subject_end(sentence, subject)
    if verb_end is None or not _gap_follows(sentence, verb_end):
        return None
    placed = _after_finite_verb(sentence, pos - 1) or _clause_initial(sentence, pos - 1)
    if not written and not placed and _appositive(sentence, pos - 1):
        end = verb_end + 1
        if end < len(sentence) and (
            _adverb(sentence[end]) or sentence[end].lower in _TRAILING_ADVERBS
        ):
            end += 1  # "a city we know well."
        after = sentence[end].text if end < len(sentence) else "."
        if after not in _APPOSITION_END:
            return None  # the relative clause must close the apposition
        return _render(analysis, sentence, pos, written, which_ok)
    if not written and not _after_finite_verb(sentence, pos - 1):
        # A clause-initial subject ("The document we have seen is"): the main verb must follow
        # at once, or "This week we agreed." would become "This week that we agreed."
        main = sentence[verb_end + 1] if verb_end + 1 < len(sentence) else None
        if main is None or main.lower not in AUXILIARIES:
            return None
    if written and not spaced(analysis, tok, sentence[subject]):
        return None
    return _render(analysis, sentence, pos, written, which_ok)


def _render(
    analysis: Analysis, sentence: Sequence[Tok], pos: int, written: str, which_ok: bool
) -> VariationPoint:
    """The point itself: the author's form first, then *that*, *which* (where allowed), nothing."""
    tok, head = sentence[pos], sentence[pos - 1]
    subject = pos + 1 if written else pos
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
    if noun.lower.endswith("ing") and "VERB" in parts_of_speech(noun.lower):
        return None  # "a notice placed by the holder saying it can be": a participle
    persons = word_set("relative", "persons")
    content = word_set("relative", "content_nouns") | word_set("relative", "object_extra_nouns")
    if not thing_noun(noun, persons, content):
        return None
    base = lemma(noun.lower, "NOUN") or noun.lower
    abstract = noun.lower.endswith(_ABSTRACT_SUFFIXES) or base.endswith(_ABSTRACT_SUFFIXES)
    abstract = abstract and noun.lower not in word_set("relative", "concrete_suffix_nouns")
    if base in content or (abstract and written != "which") or clause_verb_before(sentence, head):
        return None
    if noun.lower in _CONTENT_NOUNS or base in _CONTENT_NOUNS or _clause_context(sentence, head):
        return None
    if _verb_reading(sentence, head, sentence[head]) and lemma(noun.lower, "VERB") in (
        BRIDGE_VERBS | WHETHER_VERBS
    ):
        return None  # "The firm reports that we left": a verb and its content clause
    which_ok = noun_phrase_ok(sentence, head)
    if not which_ok and not noun_phrase_ok(sentence, head, that_only=True):
        return None
    placed = _after_finite_verb(sentence, head) or _clause_initial(sentence, head)
    return which_ok if written or placed or _appositive(sentence, head) else None


def _ones_ok(sentence: Sequence[Tok], head: int) -> bool:
    """ "the ones we already have", "the one we chose": *the*, at most one adjective, *one(s)*.

    *One* may stand for a person, so the caller offers only *that* and nothing; the shared
    lists keep *one(s)* out of :func:`_antecedent_ok` for that reason.
    """
    noun = sentence[head]
    if noun.lower not in _ONES or noun.protected or _clause_context(sentence, head):
        return False
    for opener in (head - 1, head - 2):
        if opener < 0:
            return False
        if sentence[opener].lower == "the":
            middle = sentence[opener + 1 : head]
            plain = all(_modifier(t) and t.kind == "word" and not t.capitalised for t in middle)
            placed = _after_finite_verb(sentence, head) or _clause_initial(sentence, head)
            return plain and placed and not clause_verb_before(sentence, head)
    return False


def _appositive(sentence: Sequence[Tok], head: int) -> bool:
    """ ", an asset we have not yet fully spent.": *a*/*an* and a short phrase after a comma.

    A noun phrase in apposition is not followed by a new clause, so the pronoun after it opens
    a relative; the caller also requires the relative clause to end the sentence or the
    apposition. Only the indefinite article counts: after a comma, "the" may open a fronted
    adverbial's noun phrase or a new subject.
    """
    for pos in range(head - 1, max(head - 4, 0), -1):
        tok = sentence[pos]
        if tok.lower in ("a", "an"):
            return sentence[pos - 1].text == "," and all(
                _modifier(t) and not t.capitalised for t in sentence[pos + 1 : head]
            )
        if tok.kind != "word" or tok.capitalised or is_closed_class(tok.text):
            return False
    return False


def _clause_context(sentence: Sequence[Tok], head: int) -> bool:
    """A word before the noun that may introduce a content or result clause after it."""
    for pos in range(head):
        tok = sentence[pos]
        if tok.lower in _RESULT_WORDS:
            return True
        previous = sentence[pos - 1].lower if pos else ""
        if tok.lower in _CLAUSE_ADJECTIVES and (
            previous == "it" or previous in AUXILIARIES or lemma(previous, "VERB") in ("make", "be")
        ):
            return True  # "made it clear", "it is plain", "was made known"
        if tok.kind != "word" or tok.capitalised or previous in DETERMINERS:
            continue  # "the report", "our claim": a noun
        if lemma(tok.lower, "VERB") in _OBJECT_CLAUSE_VERBS:
            return True
    return False


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
            if "NOUN" not in parts_of_speech(tok.lower) or tok.lower in AUXILIARIES:
                return True
            return _verb_before_article(sentence, pos)
    return False


def _verb_before_article(sentence: Sequence[Tok], pos: int) -> bool:
    """ "Option D leaves a business": a verb/noun word followed at once by *a*/*an*.

    A noun does not take an article straight after it, so the word is the verb; unless a
    determiner or preposition before it makes it a noun ("the costs a ..." cannot arise).
    """
    tok = sentence[pos]
    if pos + 1 >= len(sentence) or sentence[pos + 1].lower not in ("a", "an"):
        return False
    before = sentence[pos - 1] if pos else None
    if before is None or before.lower in DETERMINERS or before.lower in PREPOSITIONS:
        return False
    return tok.lower.endswith("s")


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
    closed = pos < len(sentence) and sentence[pos].text in _GAP_PUNCT
    if closed and sentence[pos - 1].lower in _LEXICAL_AUXILIARIES:
        return pos - 1  # "the ones we already have.": *have* is the verb itself
    if pos >= len(sentence):
        return None
    passive = any(t.lower in _BE for t in sentence[subject + 1 : pos])
    passive = passive and not sentence[pos].lower.endswith("ing")  # "are acting on": progressive
    if passive and not _stranded(sentence, pos):
        return None  # "the code that the Library is used in it": no gap in a passive
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
    return (
        tok.lower in AUXILIARIES or tok.lower in PRE_VERB_ADVERBS or tok.lower in ("yet", "cannot")
    )


def _adverb(tok: Tok) -> bool:
    """ "personally", "quietly": an -ly adverb inside the verb group."""
    return tok.lower.endswith("ly") and parts_of_speech(tok.lower) == {"ADV"}


def _finite_for(verb: Tok, subject: Tok) -> bool:
    if is_finite_verb(verb.text):
        return True
    plural = subject.lower in ("i", "we", "you", "they")
    return plural and lemma(verb.lower, "VERB") == verb.lower


def _stranded(sentence: Sequence[Tok], verb: int) -> bool:
    """ "the code the Library is used in.": a preposition closes the clause after the verb."""
    if verb + 2 >= len(sentence):
        return False
    prep, after = sentence[verb + 1], sentence[verb + 2]
    return prep.lower in PREPOSITIONS and after.text in _GAP_PUNCT


def _gap_follows(sentence: Sequence[Tok], verb: int) -> bool:
    """The verb's object is missing: punctuation or a preposition comes next.

    An adverb may come first if the clause then ends ("a city we know well."); no object can
    stand after it there.
    """
    if verb + 1 >= len(sentence):
        return True
    nxt = sentence[verb + 1]
    after = sentence[verb + 2] if verb + 2 < len(sentence) else None
    if (_adverb(nxt) or nxt.lower in _TRAILING_ADVERBS) and (
        after is None or after.text in _GAP_PUNCT
    ):
        return True  # "a city we know well.": an adverb, then the clause ends
    if nxt.text in _GAP_PUNCT or nxt.lower in AUXILIARIES:
        return True  # "...document we have seen is": the main clause's verb follows the gap
    if after is not None and after.lower in _OBJECT_WORDS:
        return False  # "used in it": the preposition has its object
    return nxt.lower in PREPOSITIONS and nxt.lower not in ("that", "than", "like")


FINDER = _ObjectRelative()
