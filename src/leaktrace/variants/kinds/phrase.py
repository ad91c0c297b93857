"""Multiword equivalents: "for example"/"for instance", "about"/"roughly" £29m, "all (of) the".

Fixed phrases vary as freely as single words and survive retyping just as well, but each is safe
only in one kind of context: "in addition" is a connective only at the start of a sentence,
"whether" becomes "if" only in an indirect question, "over" means "more than" only before a
figure and not in "over three years". The sets live in ``lexicons/phrases.toml`` and its part
files (``phrases-*.toml``); every set names one of the rules below, and a rule is written once
here, reviewed once, and reused.

Example:
    >>> from leaktrace.variants.analysis import analyse
    >>> [p.labels for p in FINDER.find(analyse("Each of us paid about £40m."))]
    [('about', 'around', 'roughly', 'approximately')]
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

import lemminflect

from leaktrace.model import VariationPoint
from leaktrace.variants.analysis import Analysis, Tok, parts_of_speech
from leaktrace.variants.base import local_point, match_case
from leaktrace.variants.kinds._context import (
    AUXILIARIES,
    BE,
    CONJUNCTIONS,
    DETERMINERS,
    FUNCTION_WORDS,
    HAVE,
    OBJECT_PRONOUNS,
    PREPOSITIONS,
    SUBJECT_PRONOUNS,
    in_compound,
    is_number,
    is_verb,
    load_lexicon_entries,
    matches,
    previous_word,
    split_words,
    starts_sentence,
    words,
    words_at,
)


@dataclass(frozen=True)
class PhraseSet:
    """Equivalent wordings and the name of the rule that says where they are equivalent."""

    options: tuple[str, ...]
    rule: str
    one_way: bool = False
    context: str = ""


def phrase_sets() -> tuple[PhraseSet, ...]:
    """Every set of ``lexicons/phrases.toml`` and its part files, in file order."""
    return tuple(_parse(raw) for raw in load_lexicon_entries("phrases", "set"))


def _parse(raw: dict[str, Any]) -> PhraseSet:
    rule = str(raw["rule"])
    if rule not in RULES:
        raise ValueError(f"phrases.toml: unknown rule {rule!r}; expected one of {sorted(RULES)}")
    return PhraseSet(
        options=tuple(str(o) for o in raw["options"]),
        rule=rule,
        one_way=bool(raw.get("one_way", False)),
        context=str(raw.get("context", "")),
    )


# A rule sees the analysis, the matched tokens [first, last] and which option matched.
Rule = Callable[[Analysis, int, int, str], bool]

# Verbs after which "around" is a preposition ("land at about"), not "about" = approximately.
_GOVERNS_AROUND = words(
    "land hover settle stand sit stay remain trade fluctuate float stabilise stabilize "
    "level peak bottom plateau close open price centre center"
)
_GOVERNS_ABOUT = words(
    "talk speak think know worry concern care hear learn ask tell say complain write read "
    "forget remember information data detail question story news report article argument "
    "debate discussion uncertain sure certain clear right wrong unsure happy angry anxious "
    "concerned worried serious honest open candid curious decision decide argue joke bring "
    "come set go how what travel walk move spread run wander tour look turn drive fly sail "
    "circle revolve centre center build base organise organize structure arrange gather "
    "hang stand sit lie work get way all"
)
_OVER_PREVIOUS = words("for by to of at with from in and is are was were be been")
_NEGATORS = words("no not any little far much nothing none a the")
_WHETHER_HEADS = words(
    "know ask see wonder check decide confirm establish determine clear unclear sure doubt "
    "consider enquire inquire question assess examine investigate verify uncertain unsure "
    "depend matter"
)
_UPON_HEADS = words(
    "rely depend insist agree impose contingent conditional dependent reliant incumbent"
)
_DAY_WORDS = words("day morning afternoon evening")
_CLAUSE_END = frozenset(".;!)")


def _lemmas(word: str) -> set[str]:
    return {lemma for lemmas in lemminflect.getAllLemmas(word).values() for lemma in lemmas} | {
        word
    }


def _anywhere(a: Analysis, first: int, last: int, option: str) -> bool:
    return True


def _initial_comma(a: Analysis, first: int, last: int, option: str) -> bool:
    nxt = a.token(last + 1)
    return starts_sentence(a, a.tokens[first]) and nxt is not None and nxt.text == ","


def _before_np(a: Analysis, first: int, last: int, option: str) -> bool:
    return matches(a, last + 1, ("@np", "@ing"))


def _before_ing(a: Analysis, first: int, last: int, option: str) -> bool:
    return matches(a, last + 1, ("@ing",))


def _before_infinitive(a: Analysis, first: int, last: int, option: str) -> bool:
    """Before a bare verb ("refused to comment"), not a noun phrase ("refused to non-members")."""
    nxt = a.token(last + 1)
    if nxt is None or nxt.kind != "word" or nxt.protected or not is_verb(nxt):
        return False
    return nxt.lower in lemminflect.getAllLemmas(nxt.lower).get("VERB", ())


def _before_number(a: Analysis, first: int, last: int, option: str) -> bool:
    nxt = a.token(last + 1)
    if not is_number(a, last + 1) or nxt is None or nxt.lower == "one":
        return False
    prev = a.token(first - 1)
    at_start = starts_sentence(a, a.tokens[first])
    if option in ("about", "around"):
        if at_start:
            return True
        if prev is None or prev.kind != "word":
            return prev is not None and prev.text in ",(–:"
        if option == "around" and _lemmas(prev.lower) & _GOVERNS_AROUND:
            return False  # "land around $44", "hover around 3%": "around" is the preposition
        return not (_lemmas(prev.lower) & _GOVERNS_ABOUT) and parts_of_speech(prev.lower) != {
            "NOUN"
        }
    if option in ("over", "under"):
        return at_start or (
            prev is not None and (prev.lower in _OVER_PREVIOUS or prev.text in ",(–:")
        )
    if option in ("only", "just"):
        return prev is None or (prev.lower not in DETERMINERS and prev.lower not in ("not", "if"))
    if option in ("more than", "less than"):
        return at_start or prev is None or prev.lower not in _NEGATORS
    if option == "close to":
        return not _year_or_clock(a, nxt) and (
            at_start or (prev is not None and (prev.lower in _OVER_PREVIOUS or prev.text in ",(–:"))
        )
    return True


def _whether(a: Analysis, first: int, last: int, option: str) -> bool:
    tok = a.tokens[first]
    if starts_sentence(a, tok) or matches(a, last + 1, ("to", "or", "@punct")):
        return False
    prev = a.token(first - 1)
    if prev is not None and prev.lower in OBJECT_PRONOUNS:
        prev = a.token(first - 2)
    if prev is None or prev.kind != "word" or not (_lemmas(prev.lower) & _WHETHER_HEADS):
        return False
    for k in range(last + 1, min(last + 16, len(a.tokens))):
        cur = a.tokens[k]
        if cur.kind == "punct" and cur.text in ".;:!?":
            break
        if cur.lower == "or":
            return False
    return True


def _of_determiner(a: Analysis, first: int, last: int, option: str) -> bool:
    det = a.token(last + 1)
    if det is None or det.lower not in DETERMINERS - {
        "a",
        "an",
        "all",
        "both",
        "any",
        "no",
        "some",
    }:
        return False
    prev = a.token(first - 1)
    if prev is not None and (prev.lower in ("a", "an", "at", "and", "or") or prev.kind == "number"):
        return False  # "some or all of the work": "some or all the work" drops a needed "of"
    if option == "both":
        stop = min(last + 6, len(a.tokens))
        return not any(a.tokens[k].lower in ("and", "or") for k in range(last + 1, stop))
    return True


def _clause_end(a: Analysis, first: int, last: int, option: str) -> bool:
    nxt = a.token(last + 1)
    prev = a.token(first - 1)
    if nxt is None or nxt.text not in _CLAUSE_END or prev is None or prev.kind != "word":
        return False
    if option == "too":
        return prev.lower not in {"me", "far", "much", "all", "only", "one", "not", "is", "was"}
    if option == "as well":
        return prev.lower not in {"might", "may", "just", "could"}
    if option == "so far":
        return not (_lemmas(prev.lower) & {"go", "come", "not", "thus"})
    if option == "to date":
        return prev.lower not in {"up", "bring", "brought", "keep", "kept"}
    if option in ("privately", "in private"):
        return prev.lower not in _OWNERSHIP
    return True


# "privately owned", "educated privately": after these the adverb names a sector, not a setting.
_OWNERSHIP = words("owned held funded financed listed traded educated run")


# Heads that are also nouns: an adjective only after a form of "be" ("is contingent on").
_NOUN_HEADS = words("contingent dependent")
# Participles after which the preposition may be stranded: "can be relied upon."
_STRANDED_UPON = words("relied depended agreed insisted")


def _after_verb(a: Analysis, first: int, last: int, option: str) -> bool:
    prev = a.token(first - 1)
    if prev is None or prev.kind != "word" or not (_lemmas(prev.lower) & _UPON_HEADS):
        return False
    if prev.lower in _NOUN_HEADS and not matches(a, first - 2, ("@be",)):
        return False  # "the Welsh contingent on Anglesey" is a noun, not "contingent on"
    if matches(a, last + 1, ("@det", "@noun", "@pron", "@ing")):
        return True
    nxt = a.token(last + 1)
    return prev.lower in _STRANDED_UPON and (nxt is None or nxt.text in ",.;)")


def _plural_noun(a: Analysis, first: int, last: int, option: str) -> bool:
    nxt = a.token(last + 1)
    if nxt is None or nxt.kind != "word" or nxt.protected:
        return False
    lemma = lemminflect.getAllLemmas(nxt.lower).get("NOUN")
    return bool(lemma) and lemma[0] != nxt.lower and nxt.lower.endswith("s")


def _adverbial(a: Analysis, first: int, last: int, option: str) -> bool:
    nxt = a.token(last + 1)
    if nxt is None or nxt.kind == "punct":
        return nxt is None or nxt.text in ",.;"
    return nxt.lower in AUXILIARIES or (is_verb(nxt) and "ADJ" not in parts_of_speech(nxt.lower))


# Present and infinitive "be" only: "was able to" reports success ("managed to"), which "was in a
# position to" does not.
_PRESENT_BE = words("is are am be")


def _after_be(a: Analysis, first: int, last: int, option: str) -> bool:
    """After present or infinitive "be", over "not" and light adverbs ("is not in a position")."""
    prev = previous_word(a, first)
    return (
        prev is not None and prev.sentence == a.tokens[first].sentence and prev.lower in _PRESENT_BE
    )


def _next_day(a: Analysis, first: int, last: int, option: str) -> bool:
    nxt = a.token(last + 1)
    return nxt is not None and nxt.lower in _DAY_WORDS


_BODIES = words(
    "board boards committee committees council councils commission cabinet trustee trustees "
    "panel executive members directors governors senate court meeting minister ministers "
    "secretary chair chairman subcommittee sub-committee shareholders partners"
)
_NOT_BEFORE_MOST = words("the at a an very for by this that these those its their our his her")


def _body_subject(a: Analysis, first: int, last: int, option: str) -> bool:
    """A board-paper request ("The Board is asked to") whose subject is a deciding body."""
    prev = a.token(first - 1)
    return prev is not None and prev.lower in _BODIES


def _before_punct(a: Analysis, first: int, last: int, option: str) -> bool:
    nxt = a.token(last + 1)
    prev = a.token(first - 1)
    return (nxt is None or nxt.text in ",.;:)") and prev is not None and prev.kind == "word"


def _number_or_punct(a: Analysis, first: int, last: int, option: str) -> bool:
    nxt = a.token(last + 1)
    return nxt is None or nxt.text in ",.;:)" or is_number(a, last + 1)


def _after_punct(a: Analysis, first: int, last: int, option: str) -> bool:
    """At the start of a clause: after punctuation (or at the start of the text)."""
    prev = a.token(first - 1)
    return prev is None or (prev.kind == "punct" and prev.text in ",;:(–—")


def _most_plural(a: Analysis, first: int, last: int, option: str) -> bool:
    """Quantifier "most" before a plural noun, not the superlative ("the most", "at most")."""
    prev = a.token(first - 1)
    if prev is not None and prev.lower in _NOT_BEFORE_MOST:
        return False
    nxt = a.token(last + 1)
    if nxt is None or (nxt.capitalised and not starts_sentence(a, a.tokens[first])):
        return False
    return _plural_noun(a, first, last, option) and "ADJ" not in parts_of_speech(nxt.lower)


_RATE_UNITS = words(
    "m bn k million billion thousand hundred percent cent times twice once hours days weeks "
    "points jobs people staff roles units tonnes barrels"
)


# After a rate the clause goes on; these words show a span or a point in time instead
# ("in 2019 a week before the vote", "three and a quarter", "a share of the proceeds").
_NOT_AFTER_RATE = words("of before after later earlier ago and or from since into")


def _after_amount(a: Analysis, first: int, last: int, option: str) -> bool:
    """A rate after an amount ("£410m a year", "40 percent a year"), not a span ("about a week").

    Not after a year or a clock time ("In 2019 a week later", "at 17:00 an hour"), and not
    before a word that makes the phrase a span or a part ("a year of growth", "a share of").
    """
    prev = a.token(first - 1)
    nxt = a.token(last + 1)
    if prev is None or (nxt is not None and nxt.lower in _NOT_AFTER_RATE):
        return False
    if prev.kind == "number":
        return not _year_or_clock(a, prev)
    if prev.lower in ("twice", "once"):
        return True
    before = a.token(first - 2)
    glued = before is not None and before.kind == "number" and before.end == prev.start
    return prev.lower in _RATE_UNITS and (
        glued or is_number(a, first - 2) or prev.lower == "percent"
    )


_SPAN_PREPOSITIONS = words("within for after than about around approximately roughly nearly almost")
_NOT_AFTER_SPAN = words("or and to of")


def _span(a: Analysis, first: int, last: int, option: str) -> bool:
    """A length of time after a preposition of extent ("within a day", "longer than a page").

    Not a rate ("twice a week"), not a part ("a week of talks") and not one end of a range or
    an alternative ("for a year or two", "a week to ten days").
    """
    prev = a.token(first - 1)
    nxt = a.token(last + 1)
    if prev is None or prev.lower not in _SPAN_PREPOSITIONS:
        return False
    return nxt is None or nxt.lower not in _NOT_AFTER_SPAN


def _year_or_clock(a: Analysis, tok: Tok) -> bool:
    """ "2019" (a year) or the minutes of "17:00" (a time of day)."""
    if len(tok.text) == 4 and tok.text.isdigit() and tok.text[:2] in ("19", "20"):
        return True
    before = a.token(tok.index - 1)
    return before is not None and before.text in ":." and before.end == tok.start


def _free_adverbial(a: Analysis, first: int, last: int, option: str) -> bool:
    """A self-contained adverbial, not the head of a longer phrase ("in their view of the market").

    The next token must not be a preposition: "in the circumstances of the case", "as far as
    possible from the site" and "make sure of" are left alone.
    """
    nxt = a.token(last + 1)
    return nxt is None or nxt.lower not in PREPOSITIONS


_WH_CLAUSE = words("whether what how why who when where which if")


def _before_wh(a: Analysis, first: int, last: int, option: str) -> bool:
    """Before an indirect question ("find out whether"), where "establish" is the same verb."""
    return matches(a, last + 1, tuple(_WH_CLAUSE))


def _after_comma_np(a: Analysis, first: int, last: int, option: str) -> bool:
    """After a comma, bracket or dash and before a noun phrase (", together with the auditors").

    Not "go along with the plan" (agree) or "brought the teams together with" (an adverb).
    """
    prev = a.token(first - 1)
    return prev is not None and prev.text in ",(–—" and matches(a, last + 1, ("@np",))


def _parenthetical(a: Analysis, first: int, last: int, option: str) -> bool:
    """Set off by commas, or opening a sentence before a comma ("Our view, put plainly, is")."""
    nxt = a.token(last + 1)
    if nxt is None or nxt.text != ",":
        return False
    prev = a.token(first - 1)
    return starts_sentence(a, a.tokens[first]) or (prev is not None and prev.text in ",(–—")


# A following "of", "with" or "to" makes the phrase part of a longer one ("in parallel with").
_BOUND_PREPOSITIONS = words("of with to")


def _adverbial_end(a: Analysis, first: int, last: int, option: str) -> bool:
    """Ending its phrase: before punctuation, a conjunction or a free preposition ("under", "by").

    "in parallel under Principle 11" is varied; "in parallel with X" and "in parallel lines" are
    not.
    """
    nxt = a.token(last + 1)
    if nxt is None or nxt.kind == "punct":
        return True
    if nxt.lower in _BOUND_PREPOSITIONS:
        return False
    return nxt.lower in PREPOSITIONS or nxt.lower in CONJUNCTIONS


def _not_after_noun(a: Analysis, first: int, last: int, option: str) -> bool:
    """Temporal "on/upon" after a verb, adjective or punctuation ("payable on completion").

    After a noun "on" may mean "about" ("guidance on termination"), which "upon" does not.
    """
    prev = a.token(first - 1)
    if prev is None or prev.kind == "punct":
        return True
    return prev.kind == "word" and "NOUN" not in parts_of_speech(prev.lower)


# "so far more than doubled", "by far more than": here "far" is not a degree word.
_NOT_BEFORE_FAR = words("so thus by how as too")


def _degree_far(a: Analysis, first: int, last: int, option: str) -> bool:
    """ "far/much more than" as a degree phrase, not "so far" + "more than"."""
    prev = a.token(first - 1)
    return prev is None or prev.lower not in _NOT_BEFORE_FAR


# Plurals without -s that count people: "a handful of people", "a small number of staff".
_PEOPLE = words("people staff personnel police")


def _count_noun(a: Analysis, first: int, last: int, option: str) -> bool:
    """Before a plural noun or a collective of people, never a mass noun ("a handful of sand")."""
    nxt = a.token(last + 1)
    if nxt is not None and nxt.lower in _PEOPLE and not nxt.protected:
        return True
    return _plural_noun(a, first, last, option)


# "such as if", "the same as if": there "as" belongs to the word before and "if" is a condition.
_AS_IF_BLOCKERS = words("such same")


def _as_if(a: Analysis, first: int, last: int, option: str) -> bool:
    """Comparative "as if/as though", not "as" + "if" ("the same as if we had paid")."""
    prev = a.token(first - 1)
    return prev is None or prev.lower not in _AS_IF_BLOCKERS


def _before_object(a: Analysis, first: int, last: int, option: str) -> bool:
    """Before a noun phrase or -ing clause, but not one opened by "that" (a content clause).

    "take into account the risk" is varied; "take into account that costs rise" is not, since
    "take account of that costs rise" is ungrammatical.
    """
    return matches(a, last + 1, ("@np",), heads=("that",)) or matches(a, last + 1, ("@ing",))


_PLAY = words("play plays played playing")


def _after_play(a: Analysis, first: int, last: int, option: str) -> bool:
    """After a form of "play" ("played a key role in"), where "part" and "role" are one sense."""
    prev = a.token(first - 1)
    return prev is not None and prev.lower in _PLAY


# Things one carries out, conducts or undertakes alike: "carry out an instruction" is obeying it,
# which "conduct" is not, so the object (or the passive subject) must be one of these.
_ACTIVITIES = words(
    "review reviews audit audits investigation investigations inquiry inquiries enquiry "
    "enquiries assessment assessments analysis analyses evaluation evaluations inspection "
    "inspections survey surveys study studies check checks test tests testing search searches "
    "consultation consultations research examination examinations appraisal appraisals "
    "diligence experiment experiments interview interviews"
)
# Determiners and "of" may sit between a passive subject's head and the verb ("a review of the
# contract was carried out"); any other function word ends the search.
_SUBJECT_LINKS = words("of the a an this that these those our their its his her any further")


# Time words that may follow an object noun phrase ("conduct a full review next year").
_TIME_AFTER_OBJECT = words("next last this each every today tomorrow yesterday")


def _activity_object(a: Analysis, start: int) -> bool:
    """The noun phrase from ``start`` ends, within five words, on an activity noun."""
    head: Tok | None = None
    for k in range(start, start + 6):
        tok = a.token(k)
        if tok is None or tok.kind == "punct" or tok.lower in PREPOSITIONS | CONJUNCTIONS:
            return head is not None and head.lower in _ACTIVITIES
        if head is not None and head.lower in _ACTIVITIES and tok.lower in _TIME_AFTER_OBJECT:
            return True
        if tok.lower in ("that", "which", "who") or tok.lower in AUXILIARIES:
            return head is not None and head.lower in _ACTIVITIES
        if tok.kind != "word" or tok.lower in SUBJECT_PRONOUNS or tok.protected:
            return False
        if head is not None and parts_of_speech(tok.lower) == {"VERB"}:
            return False
        head = tok
    return False


def _activity_subject(a: Analysis, be: int) -> bool:
    """The passive subject before ``be`` is an activity ("the audit was", "a review of X was")."""
    k = be - 1
    tok = a.token(k)
    if tok is not None and tok.lower in ("that", "which"):
        before = a.token(k - 1)
        return before is not None and before.lower in _ACTIVITIES
    for k in range(be - 1, max(be - 7, -1), -1):
        tok = a.tokens[k]
        if tok.kind != "word" or tok.sentence != a.tokens[be].sentence:
            return False
        if tok.lower == "of":
            before = a.token(k - 1)
            return before is not None and before.lower in _ACTIVITIES
        if k == be - 1 and tok.lower in _ACTIVITIES:
            return True
        if tok.lower in FUNCTION_WORDS and tok.lower not in _SUBJECT_LINKS:
            return False
    return False


def _activity(a: Analysis, first: int, last: int, option: str) -> bool:
    """ "carry out/conduct/undertake" with an activity as object or as passive subject."""
    if _activity_object(a, last + 1):
        return True
    prev = previous_word(a, first)
    return prev is not None and prev.lower in BE and _activity_subject(a, prev.index)


def _activity_participle(a: Analysis, first: int, last: int, option: str) -> bool:
    """Participle after be/have ("has carried out an audit", "an audit was conducted")."""
    prev = previous_word(a, first)
    if prev is None or prev.sentence != a.tokens[first].sentence:
        return False
    return prev.lower in BE | HAVE and _activity(a, first, last, option)


def _activity_past(a: Analysis, first: int, last: int, option: str) -> bool:
    """Simple past with an activity object ("we carried out an audit"), not after be/have."""
    prev = previous_word(a, first)
    if prev is not None and prev.lower in BE | HAVE:
        return False
    return _activity_object(a, last + 1)


RULES: dict[str, Rule] = {
    "free_adverbial": _free_adverbial,
    "parenthetical": _parenthetical,
    "adverbial_end": _adverbial_end,
    "after_play": _after_play,
    "not_after_noun": _not_after_noun,
    "degree_far": _degree_far,
    "count_noun": _count_noun,
    "as_if": _as_if,
    "before_object": _before_object,
    "before_wh": _before_wh,
    "after_comma_np": _after_comma_np,
    "activity": _activity,
    "activity_participle": _activity_participle,
    "activity_past": _activity_past,
    "span": _span,
    "after_amount": _after_amount,
    "body_subject": _body_subject,
    "before_punct": _before_punct,
    "number_or_punct": _number_or_punct,
    "after_punct": _after_punct,
    "most_plural": _most_plural,
    "anywhere": _anywhere,
    "initial_comma": _initial_comma,
    "before_np": _before_np,
    "before_ing": _before_ing,
    "before_infinitive": _before_infinitive,
    "before_number": _before_number,
    "whether": _whether,
    "of_determiner": _of_determiner,
    "clause_end": _clause_end,
    "after_verb": _after_verb,
    "plural_noun": _plural_noun,
    "adverbial": _adverbial,
    "next_day": _next_day,
    "after_be": _after_be,
}


_Entry = tuple[PhraseSet, int, tuple[str, ...]]


def _index(sets: Iterable[PhraseSet]) -> dict[tuple[str, str], list[_Entry]]:
    """(first word, second word or "") -> (set, option, words), longest phrases first.

    Keyed on two words because hundreds of sets start with "in", "on" or "at": looking up the
    pair keeps the finder's work per token small (built once, at import).
    """
    index: dict[tuple[str, str], list[_Entry]] = {}
    for phrase_set in sets:
        for n, option in enumerate(phrase_set.options):
            if phrase_set.one_way and n:
                continue
            words = split_words(option)
            key = (words[0], words[1] if len(words) > 1 else "")
            index.setdefault(key, []).append((phrase_set, n, words))
    for entries in index.values():
        entries.sort(key=lambda entry: -len(entry[2]))
    return index


_INDEX = _index(phrase_sets())
_FIRST_WORDS = frozenset(first for first, _ in _INDEX)


def _entries(analysis: Analysis, i: int) -> list[_Entry]:
    """Every phrase that may start at token ``i``, longest first."""
    word = analysis.tokens[i].lower
    following = analysis.token(i + 1)
    pair = _INDEX.get((word, following.lower), []) if following is not None else []
    return pair + _INDEX.get((word, ""), [])


class _Phrase:
    kind = "phrase"
    priority = 55

    def find(self, analysis: Analysis) -> Iterable[VariationPoint]:
        busy_until = -1
        for i, tok in enumerate(analysis.tokens):
            if i <= busy_until or tok.kind != "word" or tok.lower not in _FIRST_WORDS:
                continue
            if _frozen(analysis, tok):
                continue
            for phrase_set, n, spelt in _entries(analysis, i):
                last = i + len(spelt) - 1
                if not words_at(analysis, i, spelt) or in_compound(analysis, analysis.tokens[last]):
                    continue
                if not RULES[phrase_set.rule](analysis, i, last, phrase_set.options[n]):
                    continue
                yield _point(analysis, i, last, phrase_set, n)
                busy_until = last
                break


def _frozen(analysis: Analysis, tok: Tok) -> bool:
    if tok.text.isupper() and len(tok.text) > 1:
        return True
    return (tok.capitalised and not starts_sentence(analysis, tok)) or in_compound(analysis, tok)


def _point(
    analysis: Analysis, first: int, last: int, phrase_set: PhraseSet, n: int
) -> VariationPoint:
    start, end = analysis.tokens[first].start, analysis.tokens[last].end
    authored = analysis.text[start:end]
    renderings = [match_case(authored, option) for option in phrase_set.options]
    renderings[n] = authored
    return local_point(
        "phrase",
        phrase_set.options,
        start,
        end,
        renderings,
        original=n,
        note=f"{phrase_set.rule}: {phrase_set.context}",
    )


FINDER = _Phrase()
