"""Capitalised short forms: "the Board"/"the board", "the Minister"/"the minister", copy-wide.

Whether an institution or a role shortened to a common noun keeps its capital is house style:
civil-service and board papers write "the Government", "the Board", "the Trust"; GOV.UK, the
Guardian, AP and Chicago write "the government", "the board", "the trust". A careful writer
picks one and keeps it, so each noun is one document-wide point, offered only when:

- the author is consistent: every short form of the noun in running prose ("the Board",
  "this Board", "Pellinor's Board", "the Board's") has the same case;
- the noun is not part of a name or a title: "Finance Committee", "Board of Trade",
  "University of Aldermoor", "Company Secretary", "Minister Vosu" are left alone, and a
  capitalised use we cannot read ("members of Council", "the full Board", "Group leverage")
  rules the noun out, since it would keep its capital while the short forms lost theirs;
- the noun is not a defined term (``(the "Company")``), whose capital carries legal meaning.

Most nouns only lose a capital: a lower-case "the group" or "the chair" is often no
institution at all. Headings, quotations and sentence-initial words are never touched.

Example:
    >>> from leaktrace.variants.analysis import analyse
    >>> a = analyse("The Board met. We asked the Board and the Finance Committee.", "en-GB")
    >>> [(p.labels, len(p.occurrences)) for p in FINDER.find(a)]
    [(('the Board', 'the board'), 2)]
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import Literal

from leaktrace.model import VariationPoint
from leaktrace.variants.analysis import Analysis, Tok
from leaktrace.variants.kinds._convention import Found, free, one_choice
from leaktrace.variants.kinds._grammar import lexicon, words

# Words after which the noun is a short form: "the Board", "this Board", "our Board".
_SHORT_FORM_AFTER = words("the this our their its his her my your")
# "Board of Trade", "Department for Education", "Committee on Standards".
_NAME_LINKS = words("of for on")

Use = Literal["short", "name", "other", "ignore"]


@dataclass(frozen=True)
class Noun:
    """A noun from the lexicon: where it varies, and whether lower case may gain a capital."""

    word: str
    varieties: frozenset[str]
    two_way: frozenset[str]


class _Capitalisation:
    kind = "capitalisation"
    priority = 22

    def find(self, analysis: Analysis) -> Iterable[VariationPoint]:
        nouns = _nouns()
        found: dict[str, list[Found]] = {}
        blocked: set[str] = set()
        for tok in analysis.tokens:
            base = _base(tok.lower)
            noun = nouns.get(base)
            if tok.kind != "word" or noun is None or analysis.variety not in noun.varieties:
                continue
            use = _use(analysis, tok)
            if use == "other" and tok.capitalised:
                blocked.add(base)  # "members of Council": a capital we would leave behind
            if use != "short":
                continue
            capital = tok.text[:1]
            forms = (capital.upper(), capital.lower())
            found.setdefault(base, []).append(
                Found(tok.start, tok.start + 1, forms.index(capital), forms)
            )
        for base, places in found.items():
            if base in blocked or _defined_term(analysis.text, base):
                continue
            noun = nouns[base]
            allowed = None if analysis.variety in noun.two_way else (0,)
            labels = (f"the {base.capitalize()}", f"the {base}")
            note = f"capitalisation of the short form {labels[0]!r}"
            point = one_choice(self.kind, labels, places, note, allowed)
            if point is not None:
                yield point


def _base(lower: str) -> str:
    """ "board's" -> "board"."""
    return lower[:-2] if lower.endswith("'s") else lower


def _use(analysis: Analysis, tok: Tok) -> Use:
    """How the noun is used: a short form, part of a name, something else, or not ours."""
    if not free(analysis, tok.start, tok.end) or tok.sentence_start:
        return "ignore"
    if len(tok.text) > 1 and tok.text.isupper():
        return "ignore"
    before = analysis.token(tok.index - 1)
    after = analysis.token(tok.index + 1)
    if _capital_word(before) and before is not None and before.lower not in _SHORT_FORM_AFTER:
        return "name"  # "Finance Committee", "Prime Minister", "Students' Union President"
    if after is not None and after.start == tok.end + 1:
        if _capital_word(after):
            return "name"  # "Minister Vosu", "Company Secretary"
        if after.lower in _NAME_LINKS and _name_follows(analysis, after):
            return "name"  # "Board of Trade", "University of Aldermoor"
    if after is not None and after.start == tok.end and after.text in ("-", "–", "/"):
        return "other"  # "Board-level", "Board/Committee"
    if before is None or analysis.between(before, tok) != " ":
        return "other"
    if before.lower in _SHORT_FORM_AFTER or (before.kind == "word" and before.lower.endswith("'s")):
        return "short"
    return "other"


def _capital_word(tok: Tok | None) -> bool:
    return tok is not None and tok.kind in ("word", "abbr") and tok.capitalised and tok.text != "I"


def _name_follows(analysis: Analysis, link: Tok) -> bool:
    """A capitalised word after "of", perhaps after "the": "of Trade", "of the Treasury"."""
    nxt = analysis.token(link.index + 1)
    if nxt is not None and nxt.lower == "the" and link.lower == "of":
        nxt = analysis.token(nxt.index + 1)
    return _capital_word(nxt)


def _defined_term(text: str, base: str) -> bool:
    """'(the "Company")' or '"Board" means': a defined term keeps its capital."""
    word = re.escape(base.capitalize())
    return re.search(rf"[\"“](?:the )?{word}[\"”]|\(the {word}\)", text) is not None


@cache
def _nouns() -> dict[str, Noun]:
    return {
        entry["word"]: Noun(
            word=entry["word"],
            varieties=frozenset(entry["varieties"]),
            two_way=frozenset(entry.get("two_way", [])),
        )
        for entry in lexicon("capitalisation")["noun"]
    }


FINDER = _Capitalisation()
