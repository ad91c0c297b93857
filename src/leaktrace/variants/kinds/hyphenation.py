"""Hyphenation of compounds: "decision-making"/"decision making", "policy-maker"/"policymaker".

Many compounds are standard open, hyphenated and closed at once, and which one a document uses
is house style, kept throughout. We vary only compounds on a curated list
(``lexicons/hyphenation.toml``), never by rule: whether a hyphen is *required* depends on
grammar ("long-term plans" but "in the long term"), and a rule would get that wrong where a list
simply leaves such compounds out. Each compound is its own document-wide point.

Where the hyphen would be required before a noun, the entry is marked ``context = "noun"``: the
compound varies only where no noun follows ("decision making is slow"), and keeps its hyphen in
"decision-making body", as every style guide asks. A capitalised form mid-sentence is a name
("the Fundraising Regulator") and rules the compound out for the document; an author who mixes
forms keeps them.

One rule sits beside the list: a dictionary *well-* adjective after a linking verb, closing its
clause ("the concern is well founded" / "well-founded"), is one more document-wide choice; the
attributive "a well-founded concern" keeps its hyphen.

Example:
    >>> from leaktrace.variants.analysis import analyse
    >>> a = analyse("Decision-making is slow, and the decision-making body meets rarely.")
    >>> [(p.labels, p.occurrences[0].renderings) for p in FINDER.find(a)]
    [(('decision-making', 'decision making'), ('Decision-making', 'Decision making'))]
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from leaktrace.model import VariationPoint
from leaktrace.variants.analysis import Analysis, Tok, parts_of_speech
from leaktrace.variants.kinds._convention import Found, Word, casing, free, one_choice, recased
from leaktrace.variants.kinds._grammar import is_closed_class, lexicon, word_set, words


@dataclass(frozen=True)
class Compound:
    """One entry of the lexicon: its forms, row by row, and where it may vary."""

    rows: tuple[tuple[str, ...], ...]
    varieties: frozenset[str]
    noun_only: bool

    @property
    def labels(self) -> tuple[str, ...]:
        return self.rows[0]


class _Hyphenation:
    kind = "hyphenation"
    priority = 35

    def find(self, analysis: Analysis) -> Iterable[VariationPoint]:
        pattern, forms = _table(analysis.variety)
        if pattern is None:
            return
        by_start = {tok.start: tok for tok in analysis.tokens}
        found: dict[Compound, list[Found]] = {}
        blocked: set[Compound] = set()
        for match in pattern.finditer(analysis.text):
            first = by_start.get(match.start())
            if first is None:
                continue
            text = match.group()
            compound, row, option = forms[text.lower()]
            word = Word(text, text.lower(), match.start(), match.end(), first)
            if casing(analysis, word) != "plain":
                blocked.add(compound)
                continue
            if not free(analysis, word.start, word.end):
                continue
            if compound.noun_only and _noun_follows(analysis, word.end):
                continue
            renderings = recased(text, compound.rows[row])
            found.setdefault(compound, []).append(Found(word.start, word.end, option, renderings))
        for compound, places in found.items():
            if compound in blocked:
                continue
            note = f"hyphenation of {compound.labels[0]}"
            point = one_choice(self.kind, compound.labels, places, note)
            if point is not None:
                yield point
        point = one_choice(
            self.kind,
            ("predicative well-known", "predicative well known"),
            list(_predicative_well(analysis)),
            "hyphen in a well- compound after the verb",
        )
        if point is not None:
            yield point


# Verbs after which "well known" / "well-known" is a predicative adjective: "is well founded".
_LINKING = words(
    "is are was were be been being seem seems seemed appear appears appeared remain remains "
    "remained become becomes became look looks looked"
)
_HEDGES = words("probably clearly generally widely also still now already not")
_CLOSERS = frozenset(".,;:!?)–—")
_WELL = "predicative_well"


def _predicative_well(analysis: Analysis) -> Iterable[Found]:
    """ "The concern is well founded." / "...is well-founded.": one document-wide choice.

    Chicago and the Oxford Guide to Style hyphenate a *well-* compound before a noun ("a
    well-founded concern", never varied) and accept either form after a linking verb, where it
    closes the clause: the next token is punctuation or *and*/*but*, so "is well protected by
    encryption" (a passive verb with its agent) is never touched.
    """
    tokens = analysis.tokens
    for i, tok in enumerate(tokens[:-2]):
        if tok.lower != "well" or tok.protected or tok.text != "well":
            continue
        gap = analysis.text[tok.end : tokens[i + 1].start]
        if tokens[i + 1].text == "-" and tokens[i + 1].end == tokens[i + 2].start and gap == "":
            participle, authored = tokens[i + 2], 0
        elif gap == " " and tokens[i + 1].kind == "word":
            participle, authored = tokens[i + 1], 1
        else:
            continue
        if participle.protected or participle.lower not in word_set("hyphenation", _WELL):
            continue
        if not _closes_clause(analysis, participle) or not _linking_before(analysis, i):
            continue
        forms = (f"well-{participle.text}", f"well {participle.text}")
        yield Found(tok.start, participle.end, authored, forms)


def _closes_clause(analysis: Analysis, word: Tok) -> bool:
    """Punctuation, *and* or *but*, or the end of the sentence follows ``word``."""
    after = analysis.token(word.index + 1)
    if after is None or after.sentence != word.sentence:
        return True
    if analysis.text[word.end : after.start] not in ("", " ") or after.text == "-":
        return False
    return after.text in _CLOSERS or after.lower in ("and", "but")


def _linking_before(analysis: Analysis, index: int) -> bool:
    """A linking verb just before, perhaps after a hedging adverb ("is probably well founded")."""
    prev = analysis.token(index - 1)
    if prev is not None and prev.lower in _HEDGES:
        prev = analysis.token(index - 2)
    return prev is not None and prev.lower in _LINKING and not prev.protected


def _noun_follows(analysis: Analysis, end: int) -> bool:
    """A word that may be a noun follows at once: the compound modifies it."""
    nxt = _token_at_or_after(analysis, end)
    if nxt is None or not nxt.is_word or analysis.text[end : nxt.start] != " ":
        return False
    if is_closed_class(nxt.text):
        return False
    tags = parts_of_speech(nxt.lower)
    return not tags or bool(tags & {"NOUN", "ADJ", "PROPN"})


def _token_at_or_after(analysis: Analysis, offset: int) -> Tok | None:
    for tok in analysis.tokens:
        if tok.start >= offset:
            return tok
    return None


@cache
def _compounds() -> tuple[Compound, ...]:
    return tuple(
        Compound(
            rows=tuple(tuple(row) for row in entry["forms"]),
            varieties=frozenset(entry["varieties"]),
            noun_only=entry.get("context") == "noun",
        )
        for entry in lexicon("hyphenation")["compound"]
    )


@cache
def _table(variety: str) -> tuple[re.Pattern[str] | None, dict[str, tuple[Compound, int, int]]]:
    """One pattern for every form standard in ``variety``, and form -> (compound, row, option)."""
    forms: dict[str, tuple[Compound, int, int]] = {}
    for compound in _compounds():
        if variety in compound.varieties:
            for row, spellings in enumerate(compound.rows):
                for option, form in enumerate(spellings):
                    forms[form] = (compound, row, option)
    if not forms:
        return None, forms
    alternatives = "|".join(re.escape(form) for form in sorted(forms, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])", re.IGNORECASE), forms


FINDER = _Hyphenation()
