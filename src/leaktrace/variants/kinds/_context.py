"""Context tests shared by the lexical kinds (``synonym`` and ``phrase``).

Without a tagger, a lexical finder knows a word's part of speech only from its neighbours. This
module names the closed classes we rely on (determiners, auxiliaries, pronouns, number words) and
evaluates the small context language the lexicons use: a constraint is a literal word or a class
such as ``@det`` (a determiner or a possessive), ``@num`` (a number or an amount of money) or
``@np`` (a determiner-led noun phrase that is not the start of a clause), ``@npfin`` (such a
phrase that is a whole object, not followed by "to") or ``@plural`` (a plural noun).

Example:
    >>> from leaktrace.variants.analysis import analyse
    >>> a = analyse("It rose after the Board's meeting.")
    >>> matches(a, 3, ("@det",)), matches(a, 4, ("@det",)), article_for("hour")
    (True, True, 'an')
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable, Iterable
from functools import lru_cache
from importlib import resources
from typing import Any

import lemminflect

from leaktrace.variants.analysis import Analysis, Tok, parts_of_speech


def words(spaced: str) -> frozenset[str]:
    """A closed word class written as one space-separated string."""
    return frozenset(spaced.split())


DETERMINERS = words(
    "the a an this that these those our their his her its my your any some no every each "
    "all both another either neither"
)
ARTICLES = frozenset({"a", "an"})
BE = words("be is are was were been being am 's 're 'm")
HAVE = words("have has had having 've 'd")
MODALS = words(
    "will would can could should may might must shall cannot can't won't wouldn't couldn't "
    "shouldn't mustn't 'll"
)
DO = words("do does did don't doesn't didn't")
AUXILIARIES = BE | HAVE | MODALS | DO | words("isn't aren't wasn't weren't hasn't haven't hadn't")
SUBJECT_PRONOUNS = words("i we you he she it they")
OBJECT_PRONOUNS = words("me us you him her it them")
ADVERBS_BETWEEN = words(
    "not also never always already still only just now then often usually normally "
    "generally currently recently previously later subsequently then really simply clearly "
    "probably certainly actually quickly swiftly eventually ultimately finally formally "
    "informally publicly privately quietly"
)
NUMBER_WORDS = words(
    "two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty "
    "ninety hundred thousand million billion dozen half"
)
PREPOSITIONS = words(
    "of in on at to for with by from about into onto over under after before during since "
    "until through across against among between within without per via than as like"
)
CONJUNCTIONS = words("and or but nor so yet because although though while whereas if")
FUNCTION_WORDS = (
    PREPOSITIONS
    | CONJUNCTIONS
    | AUXILIARIES
    | DETERMINERS
    | words("that which who whom whose when where why how what not")
)
COMPARATIVES = words(
    "more less better worse higher lower greater larger smaller bigger cheaper faster "
    "slower longer shorter earlier later stronger weaker easier harder wider narrower "
    "deeper broader riskier safer"
)
WH_WORDS = words("whether how why what who when where which")
CURRENCY = frozenset("£$€¥")
# Words that end a determiner-led noun phrase without being part of it.
_NP_BREAK = PREPOSITIONS | CONJUNCTIONS | frozenset({"that", "which", "who", "whose", "whom"})
_CONSONANT_SOUND_VOWELS = re.compile(r"^(?:uni|use|usu|uti|uk|eu|one|once|ewe|ubiq|ura|uro)", re.I)
_VOWEL_SOUND_CONSONANTS = re.compile(r"^(?:hour|honest|honou?r|heir)", re.I)


def article_for(word: str) -> str:
    """``a`` or ``an`` before ``word``, by its first sound (spelling rules and exceptions)."""
    if _VOWEL_SOUND_CONSONANTS.match(word):
        return "an"
    if _CONSONANT_SOUND_VOWELS.match(word):
        return "a"
    return "an" if word[:1].lower() in "aeiou" else "a"


@lru_cache(maxsize=64)
def load_lexicon(name: str) -> dict[str, Any]:
    """Parse ``variants/lexicons/<name>.toml`` (packaged data, never fetched)."""
    ref = resources.files("leaktrace.variants").joinpath("lexicons", f"{name}.toml")
    return tomllib.loads(ref.read_text(encoding="utf-8"))


def load_lexicon_entries(name: str, table: str) -> list[dict[str, Any]]:
    """The ``table`` entries of ``<name>.toml`` and of every part file ``<name>-*.toml``.

    Large lexicons are split by theme (``synonyms-adverbs.toml``) so that each file stays
    reviewable on its own; the main file comes first, then the parts in name order.
    """
    folder = resources.files("leaktrace.variants").joinpath("lexicons")
    parts = sorted(
        ref.name
        for ref in folder.iterdir()
        if ref.name.startswith(f"{name}-") and ref.name.endswith(".toml")
    )
    entries: list[dict[str, Any]] = list(load_lexicon(name).get(table, []))
    for part in parts:
        entries.extend(load_lexicon(part.removesuffix(".toml")).get(table, []))
    return entries


def split_words(phrase: str) -> tuple[str, ...]:
    """The tokens of a lexicon phrase, split like the analyser splits text."""
    return tuple(re.findall(r"[A-Za-z]+(?:'[A-Za-z]+)*|\d+|[^\sA-Za-z0-9]", phrase.lower()))


def words_at(analysis: Analysis, index: int, words: tuple[str, ...]) -> bool:
    """Tokens from ``index`` spell ``words``, separated by single spaces, none protected."""
    tokens = analysis.tokens
    if index < 0 or index + len(words) > len(tokens):
        return False
    for k, word in enumerate(words):
        tok = tokens[index + k]
        if tok.lower != word or tok.protected:
            return False
        if k and analysis.between(tokens[index + k - 1], tok) != " ":
            return False
    return True


def in_compound(analysis: Analysis, tok: Tok) -> bool:
    """The word is glued to a hyphen, slash or digit: part of a compound we must not split."""
    text = analysis.text
    before = text[tok.start - 1] if tok.start > 0 else " "
    after = text[tok.end] if tok.end < len(text) else " "
    return before in "-/–_&" or after in "-/–_&" or before.isdigit() or after.isdigit()


def previous_word(analysis: Analysis, index: int, skip_adverbs: bool = True) -> Tok | None:
    """The nearest token before ``index``, stepping over light adverbs when asked."""
    k = index - 1
    while k >= 0:
        tok = analysis.tokens[k]
        if (
            skip_adverbs
            and tok.lower in ADVERBS_BETWEEN
            and tok.sentence == analysis.tokens[index].sentence
        ):
            k -= 1
            continue
        return tok
    return None


def starts_sentence(analysis: Analysis, tok: Tok) -> bool:
    """The token opens a sentence, counting one after a paragraph number ("3.2 On the facts").

    The analyser treats the number as the sentence's first token; a lexical finder that keeps the
    author's capital on every option (``match_case``) may treat the word after it as the start.
    """
    if tok.sentence_start:
        return True
    prev = analysis.token(tok.index - 1)
    return (
        prev is not None
        and prev.sentence_start
        and prev.kind == "number"
        and prev.sentence == tok.sentence
        and tok.capitalised
        and not tok.text.isupper()
    )


def is_possessive(tok: Tok) -> bool:
    return tok.kind == "word" and tok.lower.endswith("'s") and len(tok.lower) > 2


def is_number(analysis: Analysis, index: int) -> bool:
    """A figure, a currency amount, a number word, or ``a``/``an`` + unit ("a week", "an hour")."""
    tok = analysis.token(index)
    if tok is None:
        return False
    if tok.kind == "number" or tok.lower in NUMBER_WORDS:
        return True
    if tok.text in CURRENCY or tok.lower in ("usd", "gbp", "eur"):
        nxt = analysis.token(index + 1)
        return nxt is not None and nxt.kind == "number"
    if tok.lower in ARTICLES:
        nxt = analysis.token(index + 1)
        return nxt is not None and nxt.lower in (
            NUMBER_WORDS | words("week month year day hour minute third quarter fifth tenth")
        )
    return False


def is_verb(tok: Tok) -> bool:
    return (
        tok.kind == "word"
        and tok.lower not in FUNCTION_WORDS
        and "VERB" in parts_of_speech(tok.lower)
    )


def is_noun(tok: Tok) -> bool:
    if tok.kind != "word" or tok.lower in FUNCTION_WORDS:
        return False
    pos = parts_of_speech(tok.lower)
    return "NOUN" in pos or "PROPN" in pos or (not pos and tok.capitalised)


def np_clause_free(analysis: Analysis, index: int, heads: Iterable[str] = ()) -> bool:
    """A determiner at ``index`` opens a noun phrase, not a clause ("after the Board met").

    The phrase must end (punctuation, preposition, conjunction, relative) within six tokens, and
    no word after its first noun may be a possible finite verb ("before the window closes").
    """
    return np_end(analysis, index, heads) is not None


def np_end(analysis: Analysis, index: int, heads: Iterable[str] = ()) -> int | None:
    """Index of the token that closes the noun phrase opened at ``index`` (see above), or None.

    The closing token is the punctuation, preposition, conjunction or relative after the phrase
    (it may be one past the last token of the text).
    """
    tok = analysis.token(index)
    if tok is None or not (tok.lower in DETERMINERS or is_possessive(tok)):
        return None
    banned = frozenset(heads)
    if tok.lower in banned:
        return None
    for k in range(index + 1, min(index + 7, len(analysis.tokens) + 1)):
        cur = analysis.token(k)
        if cur is None or cur.sentence != tok.sentence:
            return k if k > index + 1 else None
        if (cur.kind == "punct" and cur.text not in "-–'’") or cur.lower in _NP_BREAK:
            return k if k > index + 1 else None
        if cur.lower in banned or cur.lower in AUXILIARIES or cur.lower in SUBJECT_PRONOUNS:
            return None
        pos = parts_of_speech(cur.lower)
        if pos == {"VERB"} or (k > index + 1 and "VERB" in pos and cur.lower.endswith(("s", "ed"))):
            return None
    return None


def is_plural_noun(tok: Tok) -> bool:
    """A regular plural noun ("customers"), by lemminflect's noun lemma."""
    if tok.kind != "word" or tok.protected or tok.lower in FUNCTION_WORDS:
        return False
    lemmas = lemminflect.getAllLemmas(tok.lower).get("NOUN")
    return bool(lemmas) and lemmas[0] != tok.lower and tok.lower.endswith("s")


def noun_subject(analysis: Analysis, index: int) -> str:
    """The kind of subject that ends before ``index``: "name", "plural", "noun" or "".

    Without a tagger this is a local guess, used only to re-inflect a verb in the tag the author
    wrote: a capitalised word in mid-sentence (a name: "Frozen needs"), or a noun after a
    determiner and at most two modifiers ("the Trust requires", "our two largest customers
    need"). Pronouns, possessives and anything after a preposition are not subjects here.
    """
    prev = previous_word(analysis, index)
    if prev is None or prev.kind != "word" or prev.sentence != analysis.tokens[index].sentence:
        return ""
    if prev.lower in FUNCTION_WORDS or is_possessive(prev) or prev.lower in OBJECT_PRONOUNS:
        return ""
    if prev.capitalised and not prev.sentence_start and not prev.text.isupper():
        before = analysis.token(prev.index - 1)
        if before is not None and before.lower in PREPOSITIONS:
            return ""
        return "name"
    if not is_noun(prev):
        return ""
    for k in range(prev.index - 1, max(prev.index - 4, -1), -1):
        cur = analysis.tokens[k]
        if cur.sentence != prev.sentence or cur.kind == "punct":
            return ""
        if cur.lower in DETERMINERS or is_possessive(cur):
            return "plural" if is_plural_noun(prev) else "noun"
        if cur.lower in FUNCTION_WORDS:
            return ""
    return ""


def matches(
    analysis: Analysis, index: int, specs: Iterable[str], heads: Iterable[str] = ()
) -> bool:
    """Whether the token at ``index`` satisfies any of ``specs`` (literals or ``@classes``).

    A missing token (start or end of text) counts as ``@punct``.
    """
    tok = analysis.token(index)
    for spec in specs:
        if not spec.startswith("@"):
            if tok is not None and tok.lower == spec:
                return True
        elif _CLASS_TESTS[spec](analysis, index, tok, tuple(heads)):
            return True
    return False


def _punct(analysis: Analysis, index: int, tok: Tok | None, heads: tuple[str, ...]) -> bool:
    return tok is None or tok.kind == "punct"


def _det(analysis: Analysis, index: int, tok: Tok | None, heads: tuple[str, ...]) -> bool:
    return tok is not None and (tok.lower in DETERMINERS or is_possessive(tok))


def _comparative(analysis: Analysis, index: int, tok: Tok | None, heads: tuple[str, ...]) -> bool:
    return tok is not None and tok.lower in COMPARATIVES


def _np(analysis: Analysis, index: int, tok: Tok | None, heads: tuple[str, ...]) -> bool:
    return np_clause_free(analysis, index, heads)


def _npfin(analysis: Analysis, index: int, tok: Tok | None, heads: tuple[str, ...]) -> bool:
    """A noun phrase that is a complete object: not followed by "to" ("expect them to go")."""
    end = np_end(analysis, index, heads)
    if end is None:
        return False
    closing = analysis.token(end)
    return closing is None or closing.lower not in ("to", "as")


def _plural(analysis: Analysis, index: int, tok: Tok | None, heads: tuple[str, ...]) -> bool:
    return tok is not None and is_plural_noun(tok)


def _num(analysis: Analysis, index: int, tok: Tok | None, heads: tuple[str, ...]) -> bool:
    return is_number(analysis, index)


def _noun(analysis: Analysis, index: int, tok: Tok | None, heads: tuple[str, ...]) -> bool:
    return tok is not None and is_noun(tok)


def _verb(analysis: Analysis, index: int, tok: Tok | None, heads: tuple[str, ...]) -> bool:
    return tok is not None and is_verb(tok)


def _ing(analysis: Analysis, index: int, tok: Tok | None, heads: tuple[str, ...]) -> bool:
    return tok is not None and tok.lower.endswith("ing") and is_verb(tok)


def _in(words: frozenset[str]) -> ClassTest:
    def test(analysis: Analysis, index: int, tok: Tok | None, heads: tuple[str, ...]) -> bool:
        return tok is not None and tok.lower in words

    return test


ClassTest = Callable[[Analysis, int, "Tok | None", tuple[str, ...]], bool]
_CLASS_TESTS: dict[str, ClassTest] = {
    "@punct": _punct,
    "@det": _det,
    "@np": _np,
    "@npfin": _npfin,
    "@plural": _plural,
    "@num": _num,
    "@noun": _noun,
    "@verb": _verb,
    "@ing": _ing,
    "@cmp": _comparative,
    "@pron": _in(SUBJECT_PRONOUNS | OBJECT_PRONOUNS),
    "@subj": _in(SUBJECT_PRONOUNS),
    "@be": _in(BE),
    "@aux": _in(AUXILIARIES),
    "@wh": _in(WH_WORDS),
}
CLASSES = frozenset(_CLASS_TESTS)
