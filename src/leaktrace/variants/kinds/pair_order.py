"""Order of a symmetric pair: "the UK and US" / "the US and UK", "fair and open" / "open and fair".

When two short conjuncts of the same kind are joined by *and* or *or* and nothing orders them,
a writer puts either first; a copy may swap them. Nothing else moves, so a swap cannot change
agreement or scope, provided we are strict about what counts as a pair:

- both conjuncts are one word of the same shape: places and nationalities ("European and
  British steel"), organisation acronyms ("ICO and FCA notifications"), plain adjectives
  ("reasonable and fair"), -ly adverbs, or plain nouns of the same number ("credit and
  identity monitoring"); or two nouns each with the same determiner ("the bank or the
  regulator");
- nothing scopes over the left conjunct alone: the word before it must be a determiner, a
  preposition, a copula (for adjectives) or the start of the clause, never an adverb or an
  adjective ("very rich and famous", "affected staff and students");
- nothing attaches to the right conjunct alone: what follows is punctuation, a head noun, a
  verb or a preposition other than *of*;
- not a fixed binomial ("law and order"), not a sequence, rank or time order ("first and
  second", "rise and fall", "spring and summer"), not names that contain *and* ("England and
  Wales"), not role acronyms ("the CEO and CFO" follows rank), not a list of three, not where
  *former*, *latter* or *respectively* refers back to the order.

Articles stay right: "the UK and US" shares one article and swaps to "the US and UK";
"Canada and the UK" swaps to "the UK and Canada". At a sentence start the word that moves
back is lower-cased unless it is a name; the engine capitalises the new first word.

Example:
    >>> from leaktrace.variants.analysis import analyse
    >>> a = analyse("The tariff on European and British steel was announced.")
    >>> [p.occurrences[0].renderings for p in FINDER.find(a)]
    [('European and British', 'British and European')]
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from leaktrace.model import VariationPoint
from leaktrace.variants.analysis import Analysis, Tok, lemma, parts_of_speech
from leaktrace.variants.base import local_point
from leaktrace.variants.kinds._grammar import (
    AUXILIARIES,
    DEGREE_WORDS,
    DETERMINERS,
    MONTHS,
    PREPOSITIONS,
    WEEKDAYS,
    clause_start,
    is_acronym,
    is_closed_class,
    is_noun,
    is_plural_noun,
    spaced,
    word_set,
    words,
)

_LEXICON = "pair_order"
_COPULAS = words(
    "is are was were be been being remain remains remained seem seems seemed become becomes "
    "became appear appears appeared look looks looked sound sounds proved prove proves"
)
_NOUN_LEFT = (DETERMINERS - {"a", "an"}) | {"both", "between", "either", "whether"} | PREPOSITIONS
_ADJ_LEFT = _NOUN_LEFT | _COPULAS
_RIGHT_PUNCT = frozenset(",.;:)–—!?")
_BACK_REFERENCES = words("former latter respectively")
_UNITS = {"place", "adjective", "adverb", "noun"}
# Determiner-like words that open the next noun phrase rather than end a conjunct:
# "software and other kinds" is not the pair "software"/"other".
_NOT_CONJUNCTS = words(
    "other another such any same own certain various several many few much more most less least "
    "further additional following former latter only whole entire every each all some both "
    "either neither"
)


class _PairOrder:
    kind = "pair_order"
    priority = 50

    def find(self, analysis: Analysis) -> Iterable[VariationPoint]:
        sentences = list(analysis.sentences())
        for number, sentence in enumerate(sentences):
            following = sentences[number + 1] if number + 1 < len(sentences) else []
            if any(t.lower in _BACK_REFERENCES for t in [*sentence, *following]):
                continue
            first = clause_start(analysis, sentence)
            for pos, tok in enumerate(sentence):
                if tok.lower not in ("and", "or") or tok.protected:
                    continue
                point = _pair_at(analysis, sentence, pos, first)
                if point is not None:
                    yield point


def _pair_at(
    analysis: Analysis, sentence: Sequence[Tok], conj: int, first: int | None
) -> VariationPoint | None:
    if conj < 1 or conj + 1 >= len(sentence):
        return None
    left, right = sentence[conj - 1], sentence[conj + 1]
    if not (spaced(analysis, left, sentence[conj]) and spaced(analysis, sentence[conj], right)):
        return None
    spans = _place_pair(sentence, conj) or _two_word_pair(sentence, conj)
    spans = spans or _one_word_pair(sentence, conj, first)
    if spans is None:
        return None
    (x_first, x_last), (y_first, y_last) = spans
    words = [t for t in sentence[x_first : y_last + 1] if t.lower not in ("and", "or", "the")]
    if not _free(analysis, sentence[x_first : y_last + 1]) or _blocked(words, sentence[conj]):
        return None
    x_tok, y_tok = sentence[x_first], sentence[y_first]
    x_text = analysis.text[x_tok.start : sentence[x_last].end]
    y_text = analysis.text[y_tok.start : sentence[y_last].end]
    middle = analysis.text[sentence[x_last].end : y_tok.start]
    if x_tok.index == first and x_tok.capitalised and not _is_name(x_tok):
        # The first word moves back: lower-case it and give the new first word its capital.
        x_text = x_text[:1].lower() + x_text[1:]
        y_text = y_text[:1].upper() + y_text[1:]
    original = analysis.text[x_tok.start : sentence[y_last].end]
    return local_point(
        "pair_order",
        (original, f"{y_text}{middle}{x_text}"),
        x_tok.start,
        sentence[y_last].end,
        (original, f"{y_text}{middle}{x_text}"),
        note="order of a symmetric coordinated pair",
    )


def _place_pair(sentence: Sequence[Tok], conj: int) -> tuple[tuple[int, int], ...] | None:
    """Places, nationalities and organisation acronyms, with their articles kept right."""
    x = conj - 1
    y = conj + 1
    y_article = sentence[y].lower == "the" and y + 1 < len(sentence)
    if y_article:
        y += 1
    if not (_place_like(sentence[x]) and _place_like(sentence[y])):
        return None
    after = sentence[y + 1] if y + 1 < len(sentence) else None
    if after is not None and after.kind == "word" and after.capitalised:
        return None  # part of a longer name: "Finance and Resources Committee"
    x_first = x
    b = x - 1
    if b >= 0 and sentence[b].lower == "the":
        attributive = after is not None and after.kind == "word" and is_noun(after.lower)
        nationality = _nationality(sentence[x]) or _nationality(sentence[y])
        shares = y_article or _takes_article(sentence[y]) or attributive or nationality
        if not shares:
            x_first = x - 1  # "the UK and Canada" -> "Canada and the UK"
        b -= 1
    if b >= 0 and _capital_word(sentence[b]):
        return None
    if b >= 1 and sentence[b].lower in ("of", "for") and _capital_word(sentence[b - 1]):
        return None  # a title: "Ministry of Trade and Industry"
    return (x_first, x), (conj + 1, y)


def _two_word_pair(sentence: Sequence[Tok], conj: int) -> tuple[tuple[int, int], ...] | None:
    """ "the bank or the regulator": the same determiner before two plain nouns."""
    if conj < 2 or conj + 2 >= len(sentence):
        return None
    det_x, x, det_y, y = (
        sentence[conj - 2],
        sentence[conj - 1],
        sentence[conj + 1],
        sentence[conj + 2],
    )
    if det_x.lower != det_y.lower or det_x.lower not in DETERMINERS - {"a", "an"}:
        return None
    if not (_plain_noun(x) and _plain_noun(y)) or is_plural_noun(x.text) != is_plural_noun(y.text):
        return None
    if not _right_ok(sentence, conj + 3, "noun") or _head_noun_follows(sentence, conj + 3):
        return None
    return (conj - 2, conj - 1), (conj + 1, conj + 2)


def _one_word_pair(
    sentence: Sequence[Tok], conj: int, first: int | None
) -> tuple[tuple[int, int], ...] | None:
    x, y = sentence[conj - 1], sentence[conj + 1]
    shape = _shape(x, x.index == first)
    if shape is None or shape != _shape(y, False):
        return None
    if shape == "noun" and is_plural_noun(x.text) != is_plural_noun(y.text):
        return None
    before = sentence[conj - 2] if conj >= 2 else None
    if x.index == first:
        pass
    elif before is None:
        return None
    elif before.lower in ("a", "an"):
        if shape != "adjective" or not _article(x.lower) == before.lower == _article(y.lower):
            return None
    elif shape == "adverb":
        if before.lower in DEGREE_WORDS or before.lower.endswith("ly") or before.text == ",":
            return None
    elif before.lower not in (_ADJ_LEFT if shape == "adjective" else _NOUN_LEFT):
        return None
    if not _right_ok(sentence, conj + 2, shape):
        return None
    return (conj - 1, conj - 1), (conj + 1, conj + 1)


def _shape(tok: Tok, initial: bool) -> str | None:
    """ "adjective", "adverb" or "noun" for a plain lower-case word; ``None`` otherwise."""
    if tok.kind != "word" or (tok.capitalised and not initial):
        return None
    word = tok.lower
    if is_closed_class(word) or word in _NOT_CONJUNCTS or "'" in word or len(word) < 3:
        return None
    tags = parts_of_speech(word)
    verb = lemma(word, "VERB")
    if verb is not None and verb != word and word.endswith(("ed", "en", "ing")):
        return None  # participles often encode sequence: "arrested and charged"
    if word.endswith("ly") and "ADV" in tags:
        return "adverb"
    if "ADJ" in tags and not word.endswith("ing"):
        return "adjective"
    if "NOUN" in tags and not word.endswith("ing"):
        return "noun"
    return None


def _plain_noun(tok: Tok) -> bool:
    return _shape(tok, False) == "noun"


def _right_ok(sentence: Sequence[Tok], pos: int, shape: str) -> bool:
    """What follows the pair attaches to both conjuncts or to none."""
    if pos >= len(sentence):
        return True
    after = sentence[pos]
    if after.text in _RIGHT_PUNCT:
        return True
    if after.kind != "word" or after.lower in ("and", "or", "of", "that", "which", "who", "'s"):
        return False
    if shape == "adverb":
        return after.lower not in DEGREE_WORDS and not after.lower.endswith("ly")
    if shape == "noun":
        # A preposition or auxiliary after two nouns attaches to both ("the bank or the regulator
        # in London"), except "to", which may complement the right one alone ("use or inability
        # to use"). A noun after them may be a compound with the right one ("author or copyright
        # holder"), which no local rule can tell from a shared head ("credit and identity
        # monitoring"), so that case is left alone.
        return after.lower != "to" and (after.lower in AUXILIARIES or after.lower in PREPOSITIONS)
    return _head_noun_follows(sentence, pos)


def _head_noun_follows(sentence: Sequence[Tok], pos: int) -> bool:
    if pos >= len(sentence):
        return False
    after = sentence[pos]
    return (
        after.kind == "word"
        and not after.capitalised
        and not is_closed_class(after.text)
        and is_noun(after.lower)
    )


def _blocked(words: Sequence[Tok], conj: Tok) -> bool:
    """Fixed binomials, sequences and ranks, numbers, months and weekdays."""
    lowers = [w.lower for w in words]
    if len(set(lowers)) < len(lowers) or any(w.kind == "number" for w in words):
        return True
    sequence = word_set(_LEXICON, "sequence")
    if any(w in sequence or w in MONTHS or w in WEEKDAYS for w in lowers):
        return True
    if any(w in word_set(_LEXICON, "role_acronyms") for w in lowers):
        return True
    fixed = word_set(_LEXICON, "fixed")
    first, last = lowers[0], lowers[-1]
    return any(
        f"{a} {c} {b}" in fixed for a, b in ((first, last), (last, first)) for c in ("and", "or")
    )


def _free(analysis: Analysis, tokens: Sequence[Tok]) -> bool:
    return not any(t.protected for t in tokens) and not analysis.is_protected(
        tokens[0].start, tokens[-1].end
    )


def _place_like(tok: Tok) -> bool:
    if tok.protected or "'" in tok.text:
        return False
    if is_acronym(tok):
        return tok.lower not in word_set(_LEXICON, "role_acronyms")
    return tok.capitalised and (
        tok.lower in word_set(_LEXICON, "places")
        or tok.lower in word_set(_LEXICON, "places_with_article")
        or _nationality(tok)
    )


def _nationality(tok: Tok) -> bool:
    return tok.capitalised and tok.lower in word_set(_LEXICON, "nationalities")


def _takes_article(tok: Tok) -> bool:
    return is_acronym(tok) or tok.lower in word_set(_LEXICON, "places_with_article")


def _is_name(tok: Tok) -> bool:
    return _place_like(tok) or is_acronym(tok)


def _capital_word(tok: Tok) -> bool:
    return tok.kind == "word" and tok.capitalised and not tok.sentence_start


def _article(word: str) -> str:
    """The indefinite article a careful writer uses before ``word`` (conservative guess)."""
    if word.startswith(("eu", "uni", "use", "usu", "one", "once")):
        return "a"
    if word.startswith(("hour", "honest", "honour", "honor", "heir")):
        return "an"
    return "an" if word[:1] in "aeiou" else "a"


FINDER = _PairOrder()
