"""Closed word classes and small local tests shared by the syntactic kinds.

The syntactic finders (``relative``, ``pair_order``, ``intro_comma``, ``adverb_position``) have
no parser to lean on, so they agree on one small vocabulary here: determiners, pronouns,
auxiliaries, prepositions and a few predicates over tokens. Keeping it in one place means a
word added to a closed class (say, a missing auxiliary) fixes every kind at once.

Example:
    >>> from leaktrace.variants.analysis import analyse
    >>> a = analyse("2.1 At 06:40 the alarm rang.")
    >>> a.tokens[clause_start(a, a.tokens)].text
    'At'
    >>> is_finite_verb("decides"), is_finite_verb("decision")
    (True, False)
"""

from __future__ import annotations

import tomllib
from collections.abc import Sequence
from functools import cache
from importlib import resources
from typing import Any

from leaktrace.variants.analysis import Analysis, Tok, lemma, parts_of_speech


def words(text: str) -> frozenset[str]:
    """A closed word class written as one space-separated string."""
    return frozenset(text.split())


DETERMINERS = words("the a an our their his her its my your this these those")
POSSESSIVES = words("our their his her its my your")
SUBJECT_PRONOUNS = words("i we you he she it they")
OBJECT_PRONOUNS = words("me us him her them")
PRONOUNS = (
    SUBJECT_PRONOUNS
    | OBJECT_PRONOUNS
    | words(
        "it this that these those something anything nothing everything someone anyone "
        "everyone nobody somebody anybody everybody one ones what who whom whose which"
    )
)
AUXILIARIES = words(
    "is are was were be been being am has have had will would can could should may might must "
    "shall does do did isn't aren't wasn't weren't hasn't haven't hadn't won't wouldn't can't "
    "couldn't shouldn't doesn't don't didn't mustn't needn't"
)
PREPOSITIONS = words(
    "of in on at by for with from to into onto over under about against between among "
    "through during before after since until across behind beyond within without towards "
    "toward upon via per like than as around near off out up down"
)
CONJUNCTIONS = words("and or but nor so yet if because although though while whereas")
PRE_VERB_ADVERBS = words(
    "also never always now still only just often already not no longer usually rarely "
    "generally largely mostly typically normally currently increasingly simply rightly "
    "actually really certainly clearly probably quietly"
)
DEGREE_WORDS = words(
    "very more most less least so too quite rather fairly highly not no never only just "
    "as how extremely particularly especially increasingly entirely wholly partly equally "
    "broadly largely deeply"
)
MONTHS = words(
    "january february march april may june july august september october november december"
)
WEEKDAYS = words("monday tuesday wednesday thursday friday saturday sunday")
_ENUMERATOR_PUNCT = frozenset("()[]*-–—•#.:\"”’'")


def clause_start(analysis: Analysis, sentence: Sequence[Tok]) -> int | None:
    """Index of the sentence's first real word, skipping "2.1", "(a)", "4. (C)" and bullets.

    Returns ``None`` when the sentence has no word or its first word is protected.
    """
    for pos, tok in enumerate(sentence):
        if tok.is_word:
            prev = sentence[pos - 1] if pos else None
            nxt = sentence[pos + 1] if pos + 1 < len(sentence) else None
            enumerator = (
                len(tok.text) == 1
                and prev is not None
                and prev.text == "("
                and nxt is not None
                and nxt.text == ")"
            )
            if enumerator:
                continue
            return None if tok.protected else tok.index
        if tok.kind == "number" or tok.text in _ENUMERATOR_PUNCT:
            continue
        return None
    return None


def is_finite_verb(word: str) -> bool:
    """True for an auxiliary or an inflected verb form ("decides", "looked", "bought", "has").

    Past participles pass too ("known"); callers that care look at the next word.
    """
    lower = word.lower()
    if lower in AUXILIARIES:
        return True
    base = lemma(lower, "VERB")
    return base is not None and base != lower and not lower.endswith("ing")


def is_noun(word: str) -> bool:
    """True when the lexicon knows ``word`` as a common noun."""
    return "NOUN" in parts_of_speech(word)


def is_plural_noun(word: str) -> bool:
    base = lemma(word.lower(), "NOUN")
    return base is not None and base != word.lower()


def is_closed_class(word: str) -> bool:
    lower = word.lower()
    return (
        lower in DETERMINERS
        or lower in PRONOUNS
        or lower in AUXILIARIES
        or lower in PREPOSITIONS
        or lower in CONJUNCTIONS
    )


def is_acronym(tok: Tok) -> bool:
    """ "ICO", "FCA", "U.S.": all capitals, at least two letters."""
    letters = [c for c in tok.text if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def is_name(tok: Tok) -> bool:
    """A capitalised word the lexicon does not know ("Calder"), or an acronym ("NHS")."""
    return (
        tok.kind in ("word", "abbr")
        and tok.capitalised
        and (not parts_of_speech(tok.lower) or tok.text.isupper())
    )


def spaced(analysis: Analysis, left: Tok, right: Tok) -> bool:
    """True when exactly one plain space separates two adjacent tokens."""
    return analysis.between(left, right) == " "


@cache
def lexicon(name: str) -> dict[str, Any]:
    """The parsed ``variants/lexicons/<name>.toml`` data file."""
    files = resources.files("leaktrace.variants").joinpath("lexicons", f"{name}.toml")
    with files.open("rb") as handle:
        return tomllib.load(handle)


@cache
def word_set(name: str, key: str) -> frozenset[str]:
    """A lower-cased set of strings from a lexicon list."""
    return frozenset(str(item).lower() for item in lexicon(name).get(key, []))
