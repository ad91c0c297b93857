"""Optional comma at a clause boundary: "It was my call, and it was a mistake" / "...call and it".

Two boundaries take a comma at the writer's choice (Oxford Guide to Style §4.2.2, Chicago
§6.22 and §6.31, when the clauses are short and nothing can be misread):

- before *and* joining two independent clauses, each with its own subject and finite verb:
  "I was wrong about the pace, and I was slow to admit it" / "...pace and I was slow";
  before *but* the comma is near-universal, so we only ever *add* it where an author left it
  out, never take it away;
- after a short opening subordinate clause: "If it does, I'd rather" / "If it does I'd rather".

The risk is a garden path or a change of scope, so we insist on a visible structure:

- the second clause opens with a nominative pronoun (*I, we, he, she, they*) and a finite verb,
  which cannot run on from what precedes; *it*, *you*, *there* and short determiner-led noun
  phrases ("and the Trust is") are accepted only where a comma is *added* or, for *it/you/there*,
  where an auxiliary follows at once;
- a bare plural opens the second clause only where a comma is added and an auxiliary follows
  ("and patients should");
- the first clause has a subject and a finite verb, no comma, and nothing that would make the
  second clause fall under it: no *that*, *which*, *if*, *when*, no verb of saying or thinking
  ("I think we should go and they should stay" is never touched); a noun-phrase subject counts
  only with one unmistakable present-tense verb and no other verb ("The contract includes
  remedies for late delivery and the Trust is pursuing them");
- an opening subordinate clause is at most eight words, has a finite verb and no verb of saying
  ("If we tell them they will..." could be "tell them that they will").

Example:
    >>> from leaktrace.variants.analysis import analyse
    >>> [p.labels for p in FINDER.find(analyse("It was my call, and it was a mistake."))]
    [('call, and it', 'call and it')]
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
    clause_start,
    is_closed_class,
    is_finite_verb,
    is_name,
    is_noun,
    spaced,
    words,
)
from leaktrace.variants.kinds.complementiser import BRIDGE_VERBS, WHETHER_VERBS

_NOMINATIVE = words("i we he she they")
_WEAK_SUBJECTS = words("it you there")
_CONTRACTION_TAILS = ("'m", "'re", "'ve", "'ll", "'d", "'s")
_STRONG_AUX = AUXILIARIES - words("be been being") | words("cannot")
_SUBORDINATORS = words("if when once unless although though while whilst because")
_SCOPE_WORDS = words(
    "that which who whom whose if when whenever because although though while whilst whereas "
    "unless once until where whether and or but nor as than so"
)
_CLAUSE_BREAKS = frozenset(';:–—()[]"“”')
_NOTE_AND = "optional comma before 'and' joining two clauses"
_NOTE_INTRO = "optional comma after a short opening clause"
_NOTE_OR = "optional comma before 'or' joining two verb phrases"
_COUNT_WORDS = words("one two three four five six seven eight nine ten twelve a few several")
_OBJECTS = words("me us him her them it you")
_OR_MODALS = words("should must can could will would may might shall")
_OR_BLOCKERS = words("not never no nor either whether neither cannot")


class _ClauseComma:
    kind = "clause_comma"
    priority = 66

    def find(self, analysis: Analysis) -> Iterable[VariationPoint]:
        for sentence in analysis.sentences():
            point = _after_opening_clause(analysis, sentence)
            if point is not None:
                yield point
            for pos, tok in enumerate(sentence):
                if tok.lower in ("and", "but") and not tok.protected and pos >= 3:
                    point = _before_conjunction(analysis, sentence, pos)
                    if point is not None:
                        yield point
                elif tok.lower == "or" and not tok.protected and pos >= 3:
                    point = _before_or(analysis, sentence, pos)
                    if point is not None:
                        yield point


def _before_conjunction(
    analysis: Analysis, sentence: Sequence[Tok], conj: int
) -> VariationPoint | None:
    """ ", and we have failed" / " and we have failed"; " but he has" -> ", but he has"."""
    tok = sentence[conj]
    comma = sentence[conj - 1] if sentence[conj - 1].text == "," else None
    last = conj - 2 if comma is not None else conj - 1
    if comma is not None and tok.lower == "but":
        return None  # the comma before "but" is near-universal: never remove it
    if (
        last < 1
        or sentence[last].kind not in ("word", "number", "abbr")
        or sentence[last].protected
    ):
        return None
    if not _second_clause(sentence, conj + 1, adding=comma is None):
        return None
    if not _first_clause(sentence, last):
        return None
    after = sentence[conj + 1]
    return _comma_point(analysis, sentence, last, comma, tok, after, _NOTE_AND)


def _second_clause(sentence: Sequence[Tok], pos: int, adding: bool) -> bool:
    """A subject and a finite verb start at ``pos``: "we have", "it was", "the Trust is"."""
    if pos >= len(sentence) or sentence[pos].protected:
        return False
    first = sentence[pos]
    if _contracted_subject(first):
        return first.lower.split("'")[0] in _NOMINATIVE or adding
    if first.lower in _NOMINATIVE:
        return _finite_at(sentence, pos + 1, first)
    if first.lower in _WEAK_SUBJECTS:
        nxt = sentence[pos + 1] if pos + 1 < len(sentence) else None
        return nxt is not None and (
            nxt.lower in _STRONG_AUX or (adding and _finite_at(sentence, pos + 1, first))
        )
    if adding and is_name(first) and not first.text.isupper():  # "and Nordhavn will"
        nxt = sentence[pos + 1] if pos + 1 < len(sentence) else None
        before = sentence[pos - 2] if pos >= 2 else None
        return (
            nxt is not None
            and nxt.lower in _STRONG_AUX
            and not nxt.capitalised
            and before is not None
            and not before.capitalised
        )
    if adding and _bare_plural(first):  # "and patients should", "and costs have"
        nxt = sentence[pos + 1] if pos + 1 < len(sentence) else None
        return nxt is not None and nxt.lower in _STRONG_AUX and not nxt.capitalised
    if adding and first.lower in DETERMINERS and first.lower not in ("his", "her"):
        for k in range(pos + 1, min(pos + 4, len(sentence))):
            tok = sentence[k]
            if tok.lower in _STRONG_AUX:
                return k > pos + 1
            if tok.kind != "word" or is_closed_class(tok.text) or tok.lower.endswith("ing"):
                return False
            if is_finite_verb(tok.text) and not is_noun(tok.lower):
                return False
    return False


def _bare_plural(tok: Tok) -> bool:
    """A lower-case plural that can only be a noun: "patients", "costs" is also a verb."""
    base = lemma(tok.lower, "NOUN")
    return (
        tok.kind == "word"
        and not tok.capitalised
        and tok.lower.endswith("s")
        and base is not None
        and base != tok.lower
        and parts_of_speech(tok.lower) == {"NOUN"}
    )


def _contracted_subject(tok: Tok) -> bool:
    """ "we'll", "I'm", "they've", "it's": a subject pronoun fused with its auxiliary."""
    head, _, tail = tok.lower.partition("'")
    return bool(tail) and f"'{tail}" in _CONTRACTION_TAILS and head in _NOMINATIVE | _WEAK_SUBJECTS


def _finite_at(sentence: Sequence[Tok], pos: int, subject: Tok) -> bool:
    """A finite verb at ``pos``, perhaps after one adverb ("we also have", "I never said")."""
    if pos < len(sentence) and sentence[pos].lower in PRE_VERB_ADVERBS:
        pos += 1
    if pos >= len(sentence):
        return False
    verb = sentence[pos]
    if verb.kind != "word" or verb.capitalised:
        return False
    if verb.lower in _STRONG_AUX:
        return True
    if is_closed_class(verb.text):
        return False
    if is_finite_verb(verb.text):
        return "NOUN" not in parts_of_speech(verb.lower) or verb.lower.endswith("ed")
    plural = subject.lower in ("i", "we", "you", "they")
    return plural and lemma(verb.lower, "VERB") == verb.lower and not is_noun(verb.lower)


def _first_clause(sentence: Sequence[Tok], last: int) -> bool:
    """The clause before the conjunction has its own subject and finite verb, and no scope word."""
    begin = last
    while begin > 0 and sentence[begin - 1].text not in _CLAUSE_BREAKS:
        begin -= 1
    begin = _after_opener(sentence, begin, last)
    clause = [t for t in sentence[begin : last + 1] if t.is_word or t.text in ",."]
    if not clause or len(clause) > 25 or any(t.text in ",." for t in clause):
        return False
    if any(t.lower in _SCOPE_WORDS or _bridge(t) for t in clause):
        return False
    for pos, tok in enumerate(clause):
        if _contracted_subject(tok) or (
            tok.lower in _STRONG_AUX and not (pos and tok.capitalised)  # "in May", not "may"
        ):
            return True
        if (
            pos
            and (clause[pos - 1].lower in _NOMINATIVE | _WEAK_SUBJECTS)
            and _finite_at(clause, pos, clause[pos - 1])
        ):
            return True
    return _noun_subject_clause(clause)


def _after_opener(sentence: Sequence[Tok], begin: int, last: int) -> int:
    """Skip a short opener and its comma at the sentence start: "Six months in, the House has".

    The opener is at most six words: a subordinate clause ("If Heron leaks before signing,"),
    whose condition covers both joined clauses with or without the comma, or a phrase that
    opens with a preposition or a number and has no verb, pronoun, unknown word or scope word.
    Anything else is left in place, and its comma rejects the clause.
    """
    commas = [k for k in range(begin, last + 1) if sentence[k].text == ","]
    if len(commas) != 1 or any(t.is_word for t in sentence[:begin]):
        return begin
    words_at = [k for k in range(begin, commas[0]) if sentence[k].is_word]
    if not words_at:
        return begin
    opener = list(sentence[words_at[0] : commas[0]])
    if not 1 <= len(opener) <= 6 or any(not (t.is_word or t.kind == "number") for t in opener):
        return begin
    if any(t.protected for t in opener):
        return begin
    head, rest = opener[0], opener[1:]
    if head.lower in _SUBORDINATORS:
        if any(t.lower in _SCOPE_WORDS or _bridge(t) for t in rest):
            return begin
        return commas[0] + 1
    if not (head.lower in PREPOSITIONS or head.kind == "number" or head.lower in _COUNT_WORDS):
        return begin  # "It crystallises a loss, it will..." is a clause, not an opener
    if any(
        t.lower in _SCOPE_WORDS
        or (is_closed_class(t.text) and t.lower not in PREPOSITIONS | DETERMINERS)
        or is_finite_verb(t.text)
        or _verb_like(t)
        or (t.kind == "word" and not parts_of_speech(t.lower) and not t.capitalised)
        for t in opener
    ):
        return begin
    return commas[0] + 1


def _before_or(analysis: Analysis, sentence: Sequence[Tok], conj: int) -> VariationPoint | None:
    """ "They should pick up the phone, or speak to us" / "...phone or speak to us".

    Two verb phrases under one modal or one imperative, the second opened by a bare verb that
    cannot be a noun ("speak", not "call"), so "or" cannot be joining two objects. The first
    part has no other comma (a list of three is the serial comma's business), no negation
    ("not A or B" means neither) and no *either* or *whether* that would pair with the *or*.
    """
    comma = sentence[conj - 1] if sentence[conj - 1].text == "," else None
    last = conj - 2 if comma is not None else conj - 1
    after = sentence[conj + 1] if conj + 1 < len(sentence) else None
    if after is None or after.protected or not _bare_verb(after):
        return None
    if sentence[last].kind not in ("word", "number", "abbr") or sentence[last].protected:
        return None
    begin = last
    while begin > 0 and sentence[begin - 1].text not in _CLAUSE_BREAKS:
        begin -= 1
    part = [t for t in sentence[begin : last + 1] if t.kind != "punct" or t.text in ",."]
    if not 2 <= len(part) <= 14 or any(t.text in ",." for t in part):
        return None
    if any(t.lower in _SCOPE_WORDS or t.lower in _OR_BLOCKERS or _bridge(t) for t in part):
        return None
    if any(t.lower.endswith("n't") or t.lower == "to" for t in part):
        return None  # "want to delete this file or rename it": which verb does "or" join?
    if not _verb_phrase_head(part):
        return None
    tok = sentence[conj]
    return _comma_point(analysis, sentence, last, comma, tok, after, _NOTE_OR)


def _bare_verb(tok: Tok) -> bool:
    """ "speak", "write": a base-form verb the lexicon knows only as a verb."""
    return (
        tok.kind == "word"
        and not tok.capitalised
        and parts_of_speech(tok.lower) == {"VERB"}
        and lemma(tok.lower, "VERB") == tok.lower
        and not is_closed_class(tok.text)
    )


def _verb_phrase_head(part: Sequence[Tok]) -> bool:
    """An imperative ("Pick up the phone") or subject + modal + verb, and what the verb takes.

    The verb must have its own complement before the *or*, ending in a noun, pronoun, number
    or adverb, so the *or* cannot share an object: "you can insert or delete text" is never
    split, nor "pick up or drop off the parcel".
    """
    first, verb = part[0], None
    if first.capitalised and first.sentence_start and _base_verb(first):
        verb = 0  # an imperative at the start of the sentence
    elif len(part) > 2 and part[1].lower in _OR_MODALS:
        if first.lower not in _NOMINATIVE | _WEAK_SUBJECTS - {"there"}:
            return False
        verb = 2
        if part[verb].lower in PRE_VERB_ADVERBS:
            verb += 1
        if verb >= len(part) or not _base_verb(part[verb]):
            return False
    if verb is None or len(part) - verb < 2:
        return False
    tail = part[-1]
    return not (
        tail.lower in PREPOSITIONS
        or (is_closed_class(tail.text) and tail.lower not in _OBJECTS)
        or parts_of_speech(tail.lower) == {"VERB"}
    )


def _base_verb(tok: Tok) -> bool:
    """A word the lexicon knows as a verb, in its base form ("pick", "call")."""
    return (
        tok.kind == "word"
        and "VERB" in parts_of_speech(tok.lower)
        and lemma(tok.lower, "VERB") == tok.lower
        and not is_closed_class(tok.text)
    )


def _noun_subject_clause(clause: Sequence[Tok]) -> bool:
    """ "The contract includes remedies": a short noun-phrase subject and one present-tense verb.

    The verb must be an unmistakable finite form ("includes", never "signed", which may be a
    participle: "The contract signed in May and the plans are late"), and no other verb may
    stand in the clause, so nothing after the verb can be a clause of its own that the
    conjunction would extend ("The rule specifies the buyer pays and the seller is liable").
    """
    if not clause or not (clause[0].lower in DETERMINERS or is_name(clause[0])):
        return False
    verbs = [pos for pos, tok in enumerate(clause) if _present_verb(tok)]
    if len(verbs) != 1 or not 1 <= verbs[0] <= 4:
        return False
    subject = clause[1 : verbs[0]] if clause[0].lower in DETERMINERS else clause[: verbs[0]]
    if not subject or any(is_closed_class(t.text) or t.kind != "word" for t in subject):
        return False
    if not (is_noun(subject[-1].lower) or is_name(subject[-1])):
        return False
    return not any(
        pos != verbs[0] and t.kind == "word" and not t.capitalised and _verb_like(t)
        for pos, t in enumerate(clause)
    )


def _present_verb(tok: Tok) -> bool:
    """ "includes", "requires": a third-person present verb that cannot be a noun."""
    return (
        tok.kind == "word"
        and not tok.capitalised
        and tok.lower.endswith("s")
        and parts_of_speech(tok.lower) == {"VERB"}
        and is_finite_verb(tok.text)
    )


def _verb_like(tok: Tok) -> bool:
    """Any word that might be a verb other than a plain noun plural ("remedies" is not)."""
    if tok.lower in AUXILIARIES or tok.lower.endswith("ing"):
        return True
    tags = parts_of_speech(tok.lower)
    if "VERB" not in tags:
        return False
    return tags == {"VERB"} or tok.lower.endswith("ed") or not is_noun(tok.lower)


def _bridge(tok: Tok) -> bool:
    base = lemma(tok.lower, "VERB")
    return base is not None and (base in BRIDGE_VERBS or base in WHETHER_VERBS)


def _after_opening_clause(analysis: Analysis, sentence: Sequence[Tok]) -> VariationPoint | None:
    """ "If it does, I'd rather" / "If it does I'd rather"."""
    first = clause_start(analysis, sentence)
    if first is None:
        return None
    start = first - sentence[0].index
    if sentence[start].lower not in _SUBORDINATORS:
        return None
    for k in range(start + 3, min(start + 10, len(sentence) - 1)):
        tok = sentence[k]
        if tok.text == ",":
            return _opening_point(analysis, sentence, start, k, k + 1)
        if not tok.is_word or tok.protected:
            return None
        if _opens_main_clause(sentence, k) and _opening_ok(sentence, start, k):
            return _opening_point(analysis, sentence, start, k, k)
    return None


def _opens_main_clause(sentence: Sequence[Tok], k: int) -> bool:
    """A nominative pronoun (or "I'd", "we'll") and its finite verb, not run on from before."""
    tok, before = sentence[k], sentence[k - 1]
    if before.lower in DETERMINERS or before.lower in PREPOSITIONS or before.lower in AUXILIARIES:
        return False
    if _contracted_subject(tok):
        return tok.lower.split("'")[0] in _NOMINATIVE
    return tok.lower in _NOMINATIVE and _finite_at(sentence, k + 1, tok)


def _opening_ok(sentence: Sequence[Tok], start: int, end: int) -> bool:
    """The opening clause (``start`` up to ``end``) is short, plain and has a finite verb."""
    clause = sentence[start + 1 : end]
    if not 2 <= len(clause) <= 8 or any(not t.is_word or t.protected for t in clause):
        return False
    if any(t.lower in _SCOPE_WORDS or _bridge(t) for t in clause):
        return False
    subject = clause[0]
    if _contracted_subject(subject):
        return True
    return any(
        t.lower in _STRONG_AUX or (i and _finite_at(clause, i, clause[i - 1]))
        for i, t in enumerate(clause)
    )


def _opening_point(
    analysis: Analysis, sentence: Sequence[Tok], start: int, boundary: int, main: int
) -> VariationPoint | None:
    last, subject = sentence[boundary - 1], sentence[main]
    if subject.protected or main >= len(sentence) or not _opening_ok(sentence, start, boundary):
        return None
    if boundary != main:  # a comma was written: the main clause must not run on without it
        comma = sentence[boundary]
        if comma.protected or comma.start != last.end or not spaced(analysis, comma, subject):
            return None
        if subject.lower in _WEAK_SUBJECTS and (
            is_finite_verb(last.text) or lemma(last.lower, "VERB") == last.lower
        ):
            return None  # "If we tell you, you will": "tell you you" would stumble
        if not (_opens_main_clause(sentence, main) or _weak_main(sentence, main)):
            return None
        start_at, end_at, renderings = comma.start, comma.end, (",", "")
    else:
        if not spaced(analysis, last, subject):
            return None
        start_at = end_at = last.end
        renderings = ("", ",")
    labels = tuple(f"{last.text}{r} {subject.text}" for r in renderings)
    return local_point("clause_comma", labels, start_at, end_at, renderings, note=_NOTE_INTRO)


def _weak_main(sentence: Sequence[Tok], k: int) -> bool:
    """ "you'll get", "it will", "you are": a weak subject pronoun with an auxiliary."""
    tok = sentence[k]
    if _contracted_subject(tok):
        return True
    nxt = sentence[k + 1] if k + 1 < len(sentence) else None
    return tok.lower in _WEAK_SUBJECTS - {"there"} and nxt is not None and nxt.lower in _STRONG_AUX


def _comma_point(
    analysis: Analysis,
    sentence: Sequence[Tok],
    last: int,
    comma: Tok | None,
    tok: Tok,
    after: Tok,
    note: str,
) -> VariationPoint | None:
    """The comma (or its absence) between the first clause's last word and the conjunction."""
    if comma is not None:
        if comma.protected or comma.start != sentence[last].end or not spaced(analysis, comma, tok):
            return None
        start, end, renderings = comma.start, comma.end, (",", "")
    else:
        if not spaced(analysis, sentence[last], tok):
            return None
        start = end = sentence[last].end
        renderings = ("", ",")
    if not spaced(analysis, tok, after):
        return None
    head = sentence[last].text
    labels = tuple(f"{head}{r} {tok.text} {after.text}" for r in renderings)
    return local_point("clause_comma", labels, start, end, renderings, note=note)


FINDER = _ClauseComma()
