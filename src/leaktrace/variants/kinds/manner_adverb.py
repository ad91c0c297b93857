"""Position of a manner adverb next to its verb: "We strongly advise against" / "We advise strongly
against".

A manner adverb in *-ly* may sit just before its verb or just after it when the verb is followed
at once by its complement, with no change of meaning or register in formal prose: "The Minister
publicly stated that" / "The Minister stated publicly that"; "The firm has repeatedly asked for" /
"The firm has asked repeatedly for". We offer the swap only where it is safe:

* a closed list of manner adverbs whose sense does not move with them (*publicly*, *formally*,
  *repeatedly*...), each with the complements after which both orders read naturally; stance,
  focusing and evaluative adverbs (*clearly*, *plainly* as "obviously", *simply*, *only*,
  *officially*, *personally*, *specifically*) are never moved, nor adverbs that can modify a
  following phrase (*directly in front*, *immediately after*, *fully in line with*, *consistently
  with*, *separately to*). *Plainly* and *candidly* move only next to a verb of saying, where
  they describe the manner of speaking;
* across one lexical verb, never *be*, *have*, *do*, a linking verb (*remain committed to*), a
  phrasal verb whose particle could be read ("filled in the form"), a verb of wanting or
  expecting ("fully expect that"), or a participle fixed with its adverb ("publicly listed");
* the verb is followed at once by *that* opening a clause (never demonstrative *that*), by
  *whether*, *how*, *why* or *when*, or by one of a few prepositions (*against*, *for*, *to*,
  *with*, *on*, *about*, *in*); *to* only before a noun phrase, never an infinitive ("wish to
  go"), and *about* never before a number ("invested about £2m"). So no object noun phrase is
  ever crossed and no adverb ends up at a clause end;
* the context shows a verb: a form that is also a noun ("calls", "request") counts only after a
  subject pronoun, an auxiliary or a modal; a participle after *have*; an *-ing* form after a
  comma or a preposition ("stating plainly that"); nothing after *to* ("to strongly advise" is a
  split infinitive and out of scope), a determiner or an *-ed*/*-ing* word whose adverb it might
  be ("responded promptly explaining why");
* the adverb is neither modified ("very strongly", "most strongly") nor coordinated ("publicly and
  repeatedly"), nor next to a negation ("did not formally object"), and never at a sentence start;
* after a form of *be* only a progressive ("are actively engaging with") or a passive with *by*
  and an adverb that reads naturally after the participle (*independently*, *jointly*,
  *separately*, *repeatedly*: "was verified independently by"). *Formally*, *publicly* and
  *fully* stay out of the passive: "was approved formally by", "was funded publicly by" and "was
  funded fully by" read as marked or change the fixed sense of "publicly funded".

A second, narrower rule covers the clause end, after an auxiliary: "The ICO has repeatedly
emphasised." / "has emphasised repeatedly."; "had been publicly disclosed, with" / "had been
disclosed publicly, with". The participle must follow *have* or a form of *be* (so no object
can be crossed and no bare noun or adjective is read as the verb), and be followed at once by
``.``, ``;``, ``,`` or ``)``, or by *by* or *in*, a short noun phrase (three words at most) and
one of those marks ("was unanimously approved by the Board."). Only adverbs in
``_CLAUSE_END`` move there: those whose sense is the same on both sides of a participle.
*Formally* ("formally charged" = officially), *fully*, *firmly* ("firmly established"),
*strongly*, *actively*, *consistently*, *plainly* and *candidly* stay out; so do every verb in
``_NEVER_VERBS`` ("publicly listed", "privately owned") and particle verbs before *in*.

Example:
    >>> from leaktrace.variants.analysis import analyse
    >>> find = lambda text: [p.labels for p in FINDER.find(analyse(text))]
    >>> find("We strongly advise against paying.")
    [('strongly advise against', 'advise strongly against')]
    >>> find("The firm has asked repeatedly for more time.")
    [('asked repeatedly for', 'repeatedly asked for')]
    >>> find("We recommend filing today, stating plainly that the delay arose from caution.")
    [('stating plainly that', 'plainly stating that')]
    >>> find("He clearly stated that the deal was off.")  # a stance adverb
    []
    >>> find("We strongly advise clients to wait.")  # an object in between
    []
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable

import lemminflect

from leaktrace.model import VariationPoint
from leaktrace.variants.analysis import Analysis, Tok, lemma, parts_of_speech
from leaktrace.variants.base import local_point
from leaktrace.variants.kinds._context import BE
from leaktrace.variants.kinds._grammar import (
    DETERMINERS,
    MONTHS,
    OBJECT_PRONOUNS,
    PREPOSITIONS,
    SUBJECT_PRONOUNS,
    WEEKDAYS,
    spaced,
    words,
)

_THAT = "that"
_WH = "wh"
_ALL_PREPS = ("against", "for", "to", "with", "on", "about", "in")


def _allowed(spec: str) -> frozenset[str]:
    """A complement set: "that", "wh" and prepositions; "preps" means all seven prepositions."""
    items = spec.split()
    if "preps" in items:
        items = [i for i in items if i != "preps"] + list(_ALL_PREPS)
    return frozenset(items)


# Each adverb with the complements after which both orders read naturally in formal prose.
# Curated for this kind from formal British and American usage (adverb position as described in
# the Cambridge Grammar of the English Language, ch. 8): every adverb was tried in both orders
# with several verbs per complement ("object strongly to", "called publicly for", "agreed
# unanimously that"). A complement is left out wherever one order is marked: "feel strongly
# about" / "strongly feel about", "acted fully in accordance with" / "fully acted in accordance
# with", "operates separately to" / "separately operates to".
_ADVERBS: dict[str, frozenset[str]] = {
    "strongly": _allowed("that against for to with on in"),
    "plainly": _allowed("that wh"),  # with verbs of saying only
    "candidly": _allowed("that wh about to with"),  # with verbs of saying only
    "publicly": _allowed("that wh preps"),
    "privately": _allowed("that wh preps"),
    "openly": _allowed("that against for to with on about"),
    "formally": _allowed("that wh against for to with on about"),
    "informally": _allowed("that wh against for to with on about"),
    "expressly": _allowed("that for to against with on"),
    "explicitly": _allowed("that wh for to against with on about"),
    "repeatedly": _allowed("that wh preps"),
    "firmly": _allowed("that against to"),
    "fully": _allowed("with to"),
    "carefully": _allowed("that wh against for to with on about"),
    "jointly": _allowed("that wh for to on in against about"),
    "separately": _allowed("that wh with on for about"),
    "independently": _allowed("that wh on"),
    "urgently": _allowed("that for to with on about"),
    "promptly": _allowed("that for to with on about"),
    "briefly": _allowed("that wh for to with on about in"),
    "consistently": _allowed("that for against"),
    "unanimously": _allowed("that for against to on in"),
    "verbally": _allowed("that to"),
    "orally": _allowed("that to"),
    "emphatically": _allowed("that against"),
    "vigorously": _allowed("that for against"),
    "forcefully": _allowed("that for against"),
    "unequivocally": _allowed("that against"),
    "categorically": _allowed("that"),
    "vehemently": _allowed("that against with"),
    "swiftly": _allowed("that for to with on against"),
    "quickly": _allowed("that for to with on against"),
    "regularly": _allowed("that preps"),
    "frequently": _allowed("that preps"),
    "actively": _allowed("for against to with on in"),
    "constructively": _allowed("to with on"),
    "collectively": _allowed("that for to on"),
    "individually": _allowed("to with"),
    "extensively": _allowed("with on about"),
}
# Adverbs that describe a manner of speaking only next to a verb of saying; elsewhere they read
# as stance ("The plan plainly fails" = obviously).
_SPEECH_ONLY = frozenset(("plainly", "candidly"))
_SPEECH_VERBS = words(
    "say state explain admit acknowledge warn write speak confirm concede reply respond declare "
    "announce answer"
)
# Adverbs that read the same before or after a participle at a clause end ("has repeatedly
# emphasised." / "has emphasised repeatedly."; "was independently verified." / "was verified
# independently."), tried with several participles after have and be (same sources as above).
_CLAUSE_END = words(
    "publicly privately openly explicitly expressly repeatedly carefully jointly separately "
    "independently promptly swiftly quickly briefly unanimously verbally orally regularly "
    "frequently extensively collectively individually vigorously emphatically categorically "
    "unequivocally vehemently"
)
_CLAUSE_END_MARKS = frozenset(".;,)")
_CLAUSE_END_PREPS = words("by in")
# Adverbs that read naturally after a passive participle before "by".
_PASSIVE_BY = frozenset(("independently", "jointly", "separately", "repeatedly"))
_WH_WORDS = words("whether how why when")

_HAVE = words("has have had i've we've you've they've")
_MODALS = words(
    "will would can could should may might must shall do does did i'll we'll you'll they'll "
    "he'll she'll it'll i'd we'd you'd they'd he'd she'd"
)
_RELATIVES = words("who which that")
_COORDINATORS = words("and or but nor")
_NEGATIONS = words("not never no")
# Adverbs that may stand between the context word and the pair: "we also formally agreed".
_LIGHT = words("also therefore thus now then still already further again since both all")
# Words that modify or coordinate the adverb, or scope over it: "very strongly", "not formally".
_MODIFIERS = words(
    "very more most less least so too quite rather fairly highly extremely particularly "
    "especially increasingly equally as how not never no"
)
# Verbs never moved across: be, have, do, linking verbs, verbs of wanting and expecting (after
# which "fully expect that" / "expect fully that" jars), and participles fixed with the adverb.
_NEVER_VERBS = words(
    "be have do get go come become seem appear remain look sound stay keep prove grow rest stand "
    "lie sit expect hope wish want intend suspect doubt prefer need plan list trade fund own "
    "quote finance float run manage"
)
# Verbs whose "in", "on" or "about" may be a particle ("filled in the form", "took on the role",
# "brought about change"): the adverb cannot go between verb and particle.
_PARTICLE_VERBS = words(
    "take bring put fill hand call carry pass turn switch set give send hold pull pick let lock "
    "build factor phase rope weigh step sign log check drop break cut pay try move lay cash buy "
    "sell write key type count pencil usher"
)
_PARTICLES = words("in on about")
_LINKING = words("remain seem appear become look sound stay prove feel get grow keep")


class _MannerAdverb:
    kind = "manner_adverb"
    priority = 72

    def find(self, analysis: Analysis) -> Iterable[VariationPoint]:
        tokens = analysis.tokens
        for first, second in itertools.pairwise(tokens):
            if first.lower in _ADVERBS:
                adverb, verb = first, second
            elif second.lower in _ADVERBS:
                verb, adverb = first, second
            else:
                continue
            comp = analysis.token(second.index + 1)  # None at the end of the text
            swappable = comp is not None and _swappable(analysis, adverb, verb, comp)
            if swappable or _clause_end(analysis, adverb, verb):
                yield _point(first, second, comp)


def _clause_end(analysis: Analysis, adverb: Tok, verb: Tok) -> bool:
    """ "has repeatedly emphasised." / "has emphasised repeatedly.": see the module docstring."""
    first, last = sorted((adverb, verb), key=lambda t: t.index)
    if adverb.lower not in _CLAUSE_END or not _plain(analysis, first, last):
        return False
    before = analysis.token(first.index - 1)
    if before is None or before.sentence != first.sentence or before.protected:
        return False
    if before.lower not in BE | _HAVE or not _participle(verb):
        return False
    if "NOUN" in parts_of_speech(verb.lower) and not verb.lower.endswith("ed"):
        return False
    base = lemma(verb.lower, "VERB") or verb.lower
    if (
        base in _NEVER_VERBS
        or base in _LINKING
        or not _unmodified(analysis, before, adverb is first)
    ):
        return False
    return _ends_after(analysis, last, base)


def _ends_after(analysis: Analysis, last: Tok, base: str) -> bool:
    """A mark next, or *by*/*in* and at most three noun-phrase words, then a mark."""
    nxt = analysis.token(last.index + 1)
    if nxt is None or nxt.sentence != last.sentence:
        return nxt is None
    if nxt.kind == "punct":
        return nxt.text in _CLAUSE_END_MARKS and _mark_attached(analysis, last, nxt)
    if nxt.lower not in _CLAUSE_END_PREPS or nxt.text != nxt.lower:
        return False
    if nxt.lower == "in" and base in _PARTICLE_VERBS:
        return False  # "was quickly filled in"
    for k in range(nxt.index + 1, nxt.index + 5):
        tok = analysis.token(k)
        if tok is None or tok.sentence != nxt.sentence:
            return False
        if k > nxt.index + 1 and tok.kind == "punct":
            return tok.text in _CLAUSE_END_MARKS
        if not _phrase_word(tok, k == nxt.index + 1):
            return False
    return False


def _phrase_word(tok: Tok, first: bool) -> bool:
    """A word of a short noun phrase: a determiner first, then nouns, names, numbers."""
    if tok.protected or tok.kind not in ("word", "number", "abbr"):
        return False
    if tok.kind != "word":
        return True
    if first and (tok.lower in DETERMINERS or tok.lower in OBJECT_PRONOUNS):
        return True
    if tok.lower in DETERMINERS:
        return False
    pos = parts_of_speech(tok.lower)
    return tok.capitalised or "NOUN" in pos or "ADJ" in pos


def _mark_attached(analysis: Analysis, left: Tok, mark: Tok) -> bool:
    """The mark follows the word at once ("disclosed," not "disclosed -")."""
    return left.end == mark.start


def _swappable(analysis: Analysis, adverb: Tok, verb: Tok, comp: Tok) -> bool:
    first = min(adverb, verb, key=lambda t: t.index)
    if not _plain(analysis, first, comp):
        return False
    before = analysis.token(first.index - 1)
    if before is None or before.sentence != first.sentence or before.protected:
        return False
    form = _verb_form(verb)
    if form is None:
        return False
    base = lemma(verb.lower, "VERB") or verb.lower
    if base in _NEVER_VERBS:
        return False
    if adverb.lower in _SPEECH_ONLY and base not in _SPEECH_VERBS:
        return False
    if not _unmodified(analysis, before, adverb is first):
        return False
    found = _context(analysis, before)
    if found is None:
        return False
    context, head = found
    if context == "noun" and not _subject_like(analysis, head):
        return False
    if context == "be":
        return _after_be(analysis, adverb, verb, comp, form)
    if comp.lower == "by" or not _complement(analysis, adverb, base, comp):
        return False
    return _verb_here(verb, form, context)


def _plain(analysis: Analysis, first: Tok, last: Tok) -> bool:
    """Three lower-case words in one sentence, single-spaced, none protected."""
    toks = analysis.tokens[first.index : last.index + 1]
    for left, tok in itertools.pairwise(toks):
        if not spaced(analysis, left, tok):
            return False
    return all(
        t.kind == "word" and not t.protected and t.text == t.lower and t.sentence == first.sentence
        for t in toks
    )


def _verb_form(verb: Tok) -> str | None:
    """ "base", "s", "past" (past tense or participle), "ing", or None if not a verb form."""
    word = verb.lower
    if verb.kind != "word" or "VERB" not in parts_of_speech(word) or word in _ADVERBS:
        return None
    base = lemma(word, "VERB")
    if base is None:
        return None
    if base == word:
        return "base"
    if word.endswith("ing"):
        return "ing"
    past = {*lemminflect.getInflection(base, "VBD"), *lemminflect.getInflection(base, "VBN")}
    if word in past:
        return "past"
    if word.endswith("s"):
        return "s"
    return None


def _participle(verb: Tok) -> bool:
    base = lemma(verb.lower, "VERB")
    return base is not None and verb.lower in lemminflect.getInflection(base, "VBN")


def _unmodified(analysis: Analysis, before: Tok, adverb_first: bool) -> bool:
    """Nothing modifies, coordinates or negates the adverb: "most strongly", "and repeatedly"."""
    if before.lower in _MODIFIERS or _ly_adverb(before):
        return False
    if adverb_first and before.lower in _COORDINATORS:
        ahead = analysis.token(before.index - 1)
        if ahead is not None and _ly_adverb(ahead):
            return False
    return True


def _ly_adverb(tok: Tok) -> bool:
    """An adverb in -ly ("publicly", "early"), not a verb or noun such as "apply" or "family"."""
    if not tok.lower.endswith("ly"):
        return False
    pos = parts_of_speech(tok.lower)
    return tok.lower in _ADVERBS or "ADV" in pos or not pos


def _context(analysis: Analysis, before: Tok) -> tuple[str, Tok] | None:
    """What the word before the pair says about the verb: its class and the word, or None.

    Light adverbs ("also", "therefore") are stepped over, up to two of them.
    """
    tok: Tok | None = before
    for _ in range(3):
        if tok is None or tok.sentence != before.sentence:
            return None
        if tok.lower not in _LIGHT:
            break
        tok = analysis.token(tok.index - 1)
    else:
        return None
    if tok is None or tok.sentence != before.sentence:
        return None
    label = _class_of(tok)
    return None if label is None else (label, tok)


def _class_of(tok: Tok) -> str | None:
    word = tok.lower
    if tok.kind == "punct":
        return "comma" if tok.text in ",–—" else None
    if tok.kind != "word" or word in _NEGATIONS or word == "to":
        return None
    for label, members in _CLASSES:
        if word in members:
            return label
    if word in DETERMINERS or word in OBJECT_PRONOUNS:
        return None
    if word.endswith(("ed", "ing")) or _ly_adverb(tok) or lemma(word, "VERB") in _LINKING:
        return None  # "responded promptly explaining", "remains firmly committed"
    pos = parts_of_speech(word)
    if "NOUN" in pos or "PROPN" in pos or (not pos and tok.capitalised):
        return "noun"
    return None


_CLASSES = (
    ("be", BE),
    ("have", _HAVE),
    ("modal", _MODALS),
    ("subject", SUBJECT_PRONOUNS),
    ("relative", _RELATIVES),
    ("coordinator", _COORDINATORS),
    ("preposition", PREPOSITIONS),
)
# Words after which a noun phrase is a subject, not an object: "When the Board formally agreed".
_CLAUSE_OPENERS = (
    _COORDINATORS
    | _RELATIVES
    | words(
        "when while whereas although though because since if unless after before until once where "
        "as so"
    )
)


def _subject_like(analysis: Analysis, head: Tok) -> bool:
    """The noun before the pair ends a subject: its phrase opens a clause, not an object.

    "told senior staff privately that" and "kept the team firmly committed to" have an object
    (with a predicate) before the adverb; we walk back over the noun phrase and require a clause
    boundary, a preposition or an auxiliary before it.
    """
    k = head.index
    for _ in range(8):
        tok = analysis.token(k)
        if tok is None or tok.sentence != head.sentence:
            return True
        if tok.kind == "punct":
            return tok.text not in "-–—'’"
        word = tok.lower
        if k < head.index and (
            word in _CLAUSE_OPENERS or word in BE | _HAVE | _MODALS or word in PREPOSITIONS
        ):
            if word != "of":
                return True
            owner = analysis.token(k - 1)  # "the Secretary of State publicly stated"
            return owner is not None and _subject_like(analysis, owner)
        if word in DETERMINERS or word.endswith("'s") or tok.kind == "number":
            k -= 1
            continue
        pos = parts_of_speech(word)
        noun_like = "NOUN" in pos or "ADJ" in pos or "PROPN" in pos or tok.capitalised
        if not noun_like or _verb_form(tok) == "past":
            return False
        k -= 1
    return False


def _verb_here(verb: Tok, form: str, context: str) -> bool:
    """Whether the context shows ``verb`` is a verb in the form the context needs."""
    pos = parts_of_speech(verb.lower)
    ambiguous = "NOUN" in pos or "ADJ" in pos
    if context == "have":
        return _participle(verb) and "NOUN" not in pos
    if context == "modal":
        return form == "base"
    if context in ("comma", "preposition"):
        return form == "ing"
    if form == "ing":
        return False  # "the minister, briefly speaking"; -ing needs be, a comma or a preposition
    if context == "subject":
        return form in ("base", "s", "past")
    # after a noun, a relative or a coordinator the verb must be unmistakable, and an -ed form
    # must not be an adjective ("found the staff fully committed to", "trained and fully
    # committed to")
    if context in ("noun", "coordinator") and form == "past" and "ADJ" in pos:
        return False
    if form == "past" and verb.lower.endswith("ed"):
        return True
    return form in ("base", "s", "past") and not ambiguous


def _after_be(analysis: Analysis, adverb: Tok, verb: Tok, comp: Tok, form: str) -> bool:
    """A progressive ("are actively engaging with") or a passive with *by* from a short list."""
    if form == "ing":
        base = lemma(verb.lower, "VERB") or verb.lower
        return (
            "ADJ" not in parts_of_speech(verb.lower)
            and "NOUN" not in parts_of_speech(verb.lower)
            and comp.lower != "by"
            and _complement(analysis, adverb, base, comp)
        )
    if comp.lower != "by" or adverb.lower not in _PASSIVE_BY or not _participle(verb):
        return False
    after = analysis.token(comp.index + 1)
    return (
        after is not None
        and after.kind == "word"
        and after.sentence == comp.sentence
        and after.lower not in MONTHS | WEEKDAYS
        and (
            after.lower in DETERMINERS
            or after.capitalised
            or "NOUN" in parts_of_speech(after.lower)
        )
    )


def _complement(analysis: Analysis, adverb: Tok, base: str, comp: Tok) -> bool:
    """The verb's complement opens at ``comp`` and the adverb may stand on either side of it."""
    allowed = _ADVERBS[adverb.lower]
    word = comp.lower
    after = analysis.token(comp.index + 1)
    if after is None or after.sentence != comp.sentence or not after.is_word:
        return False
    if word == "that":
        return _THAT in allowed and _clause_after(analysis, comp.index + 1)
    if word in _WH_WORDS:
        return _WH in allowed
    if word not in allowed or word not in _ALL_PREPS:
        return False
    if word in _PARTICLES and base in _PARTICLE_VERBS:
        return False
    if word == "to":
        return _noun_phrase_start(after)
    if word == "about":
        return after.kind == "word" and after.lower not in _NUMBER_WORDS
    return True


_NUMBER_WORDS = words(
    "one two three four five six seven eight nine ten eleven twelve twenty thirty forty fifty "
    "hundred thousand million billion half a an"
)


_TO_OBJECTS = words("all each it you")


def _noun_phrase_start(tok: Tok) -> bool:
    """ "to the Minister", "to them", "to Parliament", "to members": never an infinitive."""
    if tok.lower in DETERMINERS or tok.lower in OBJECT_PRONOUNS or tok.lower in _TO_OBJECTS:
        return True
    if tok.capitalised and not tok.sentence_start:
        return True
    pos = parts_of_speech(tok.lower)
    if "NOUN" in pos and "VERB" not in pos:  # "to members", "to shareholders"
        return True
    return tok.lower.endswith("ing") and lemma(tok.lower, "VERB") not in (None, tok.lower)


def _clause_after(analysis: Analysis, index: int) -> bool:
    """A subject then a finite verb from ``index``: "that the delay arose", "that we will"."""
    first = analysis.token(index)
    if first is None or first.protected or not first.is_word:
        return False
    if first.lower in SUBJECT_PRONOUNS - {"you"} or first.lower == "there":
        return _finite(analysis.token(index + 1))
    if first.lower in DETERMINERS - {"this", "these", "those"}:
        for k in range(index + 1, index + 5):
            tok = analysis.token(k)
            if tok is None or tok.sentence != first.sentence or not tok.is_word:
                return False
            if k > index + 1 and _finite(tok):
                return True
        return False
    if (first.capitalised and not first.text.isupper()) or first.kind == "abbr":
        for k in range(index + 1, index + 4):
            tok = analysis.token(k)
            if tok is None or not tok.is_word:
                return False
            if _finite(tok):
                return True  # "that Ms Lloyd reported", "that the ICO has"
            if not tok.capitalised:
                return False
    if not first.capitalised and "NOUN" in parts_of_speech(first.lower):
        nxt = analysis.token(index + 1)  # "that payment will", "that staff had"
        return nxt is not None and nxt.lower in BE | _HAVE | _MODALS
    if first.text.isupper() and len(first.text) > 1:
        nxt = analysis.token(index + 1)
        return nxt is not None and nxt.lower in BE | _HAVE | _MODALS
    return False


def _finite(tok: Tok | None) -> bool:
    """An auxiliary or a past-tense or -s verb form that is not also a plain noun."""
    if tok is None or tok.kind != "word":
        return False
    if tok.lower in BE | _HAVE | _MODALS:
        return True
    base = lemma(tok.lower, "VERB")
    if base is None or base == tok.lower or tok.lower.endswith("ing"):
        return False
    return "NOUN" not in parts_of_speech(tok.lower) or tok.lower.endswith("ed")


def _point(first: Tok, second: Tok, comp: Tok | None) -> VariationPoint:
    """The pair swapped; labels show the complement word ("against"), never a closing mark."""
    original = f"{first.text} {second.text}"
    other = f"{second.text} {first.text}"
    tail = f" {comp.text}" if comp is not None and comp.kind != "punct" else ""
    return local_point(
        "manner_adverb",
        (f"{original}{tail}", f"{other}{tail}"),
        first.start,
        second.end,
        (original, other),
        note="position of a manner adverb next to its verb",
    )


FINDER = _MannerAdverb()
