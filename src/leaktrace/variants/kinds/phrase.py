"""Multiword equivalents: "for example"/"for instance", "about"/"roughly" £29m, "all (of) the".

Fixed phrases vary as freely as single words and survive retyping just as well, but each is safe
only in one kind of context: "in addition" is a connective only at the start of a sentence,
"whether" becomes "if" only in an indirect question, "over" means "more than" only before a
figure and not in "over three years". The sets live in ``lexicons/phrases.toml``; every set names
one of the rules below, and a rule is written once here, reviewed once, and reused.

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
    DETERMINERS,
    OBJECT_PRONOUNS,
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
    """Every set of ``lexicons/phrases.toml``, in file order."""
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
    "rely depend base insist agree impose contingent conditional dependent reliant incumbent"
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
    if prev is not None and (prev.lower in ("a", "an", "at", "and") or prev.kind == "number"):
        return False
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


# Participles after which the preposition may be stranded: "can be relied upon."
_STRANDED_UPON = words("relied depended agreed insisted")


def _after_verb(a: Analysis, first: int, last: int, option: str) -> bool:
    prev = a.token(first - 1)
    if prev is None or prev.kind != "word" or not (_lemmas(prev.lower) & _UPON_HEADS):
        return False
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


RULES: dict[str, Rule] = {
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


def _index(sets: Iterable[PhraseSet]) -> dict[str, list[tuple[PhraseSet, int, tuple[str, ...]]]]:
    """First word -> (set, option, words), longest phrases first (built once, at import)."""
    index: dict[str, list[tuple[PhraseSet, int, tuple[str, ...]]]] = {}
    for phrase_set in sets:
        for n, option in enumerate(phrase_set.options):
            if phrase_set.one_way and n:
                continue
            words = split_words(option)
            index.setdefault(words[0], []).append((phrase_set, n, words))
    for entries in index.values():
        entries.sort(key=lambda entry: -len(entry[2]))
    return index


_INDEX = _index(phrase_sets())


class _Phrase:
    kind = "phrase"
    priority = 55

    def find(self, analysis: Analysis) -> Iterable[VariationPoint]:
        busy_until = -1
        for i, tok in enumerate(analysis.tokens):
            if i <= busy_until or tok.kind != "word" or tok.lower not in _INDEX:
                continue
            if _frozen(analysis, tok):
                continue
            for phrase_set, n, spelt in _INDEX[tok.lower]:
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
