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
from leaktrace.variants.kinds._grammar import is_closed_class, lexicon


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
