"""Contractions in an informal document: "don't"/"do not", "we're"/"we are", "can't"/"cannot".

A contraction is a choice of register, so it is offered only where the author has already made
that choice: a document with at least :data:`MIN_CONTRACTIONS` contractions outside quotations
(a staff email, a chatty cover note) may have any of them spelt out and any contractible pair
contracted; a board paper or a legal memo written without them gets none. The pairs come from
``lexicons/contractions.toml`` and each is offered only where both spellings are grammatical:

* a positive contraction ("we're", "I'll", "it's") never ends a clause ("as it is." cannot be
  "as it's.") and never stands before a coordinator or "than" ("whether they are or not");
* "have" contracts only as an auxiliary, before a past participle ("we've failed", never
  "we've to go"); "it's"/"there's" are read as "is" only when no participle follows ("it's been"
  is "it has");
* the apostrophe follows the document's own habit (straight or curly).

Example:
    >>> from leaktrace.variants.analysis import analyse
    >>> text = "I'm sorry. We're late. Please do not forward this."
    >>> [p.occurrences[0].renderings for p in FINDER.find(analyse(text))][-1]
    ('do not', "don't")
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache

import lemminflect

from leaktrace.model import VariationPoint
from leaktrace.variants.analysis import Analysis, Tok
from leaktrace.variants.base import local_point, match_case
from leaktrace.variants.kinds._context import load_lexicon, split_words, words, words_at

MIN_CONTRACTIONS = 2
"""Contractions the author must have written (outside quotations) before any is offered."""

_NOT_BEFORE_POSITIVE = words("and or but nor than as so if because when where whether")


@lru_cache(maxsize=1)
def contraction_pairs() -> dict[str, tuple[str, str]]:
    """Contracted form (straight apostrophe, lower case) -> (expanded form, rule)."""
    raw = load_lexicon("contractions")["pair"]
    return {str(p["short"]): (str(p["long"]), str(p.get("rule", "any"))) for p in raw}


@lru_cache(maxsize=1)
def _expansions() -> dict[tuple[str, ...], str]:
    """Expanded words -> contracted form, for the contracting direction."""
    return {split_words(long): short for short, (long, _rule) in contraction_pairs().items()}


@lru_cache(maxsize=4096)
def _is_participle(word: str) -> bool:
    """``word`` can be a past participle ("failed", "been", "spent")."""
    for lemma in lemminflect.getAllLemmas(word).get("VERB", ()):
        if word in lemminflect.getInflection(lemma, tag="VBN"):
            return True
    return False


def _allowed(analysis: Analysis, last: int, rule: str) -> bool:
    """The context after the pair lets both spellings stand (see the module docstring)."""
    nxt = analysis.token(last + 1)
    if rule == "negative":
        return True
    if nxt is None or nxt.kind != "word" or nxt.lower in _NOT_BEFORE_POSITIVE:
        return False
    if rule == "perfect":
        return _is_participle(nxt.lower)
    if rule == "is":
        return not _is_participle(nxt.lower) or nxt.lower.endswith(("ing",))
    return True


def _apostrophe(analysis: Analysis) -> str:
    for tok in analysis.tokens:
        if tok.kind == "word" and "’" in tok.text:
            return "’"
        if tok.kind == "word" and "'" in tok.text:
            return "'"
    return "'"


class _Contraction:
    kind = "contraction"
    priority = 64

    def find(self, analysis: Analysis) -> Iterable[VariationPoint]:
        pairs = contraction_pairs()
        authored = [t for t in analysis.tokens if t.lower in pairs and not t.protected]
        if len(authored) < MIN_CONTRACTIONS:
            return
        yield from self._spelt_out(analysis, pairs)
        yield from self._contractible(analysis, _apostrophe(analysis))

    def _spelt_out(
        self, analysis: Analysis, pairs: dict[str, tuple[str, str]]
    ) -> Iterator[VariationPoint]:
        for i, tok in enumerate(analysis.tokens):
            if tok.protected or tok.lower not in pairs:
                continue
            long, rule = pairs[tok.lower]
            if _allowed(analysis, i, rule):
                yield _point(tok.text, match_case(tok.text, long), tok, tok, author_short=True)

    def _contractible(self, analysis: Analysis, mark: str) -> Iterator[VariationPoint]:
        tokens = analysis.tokens
        pairs = contraction_pairs()
        starts = _expansions_by_first_word()
        for i, tok in enumerate(tokens):
            for spelt, short in starts.get(tok.lower, ()):
                last = i + len(spelt) - 1
                if not words_at(analysis, i, spelt) or not _allowed(
                    analysis, last, pairs[short][1]
                ):
                    continue
                authored = analysis.text[tok.start : tokens[last].end]
                short_form = match_case(authored, short).replace("'", mark)
                yield _point(authored, short_form, tok, tokens[last], author_short=False)


@lru_cache(maxsize=1)
def _expansions_by_first_word() -> dict[str, list[tuple[tuple[str, ...], str]]]:
    index: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for spelt, short in _expansions().items():
        index.setdefault(spelt[0], []).append((spelt, short))
    return index


def _point(
    long_or_short: str, other: str, first: Tok, last: Tok, author_short: bool
) -> VariationPoint:
    """Options are always (long, short); ``author_short`` says which one the author wrote."""
    long, short = (other, long_or_short) if author_short else (long_or_short, other)
    return local_point(
        "contraction",
        (long.lower(), short.lower().replace("’", "'")),
        first.start,
        last.end,
        (long, short),
        original=1 if author_short else 0,
        note="contraction, offered because the author contracts elsewhere",
    )


FINDER = _Contraction()
