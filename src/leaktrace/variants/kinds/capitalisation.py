"""Capitalised short forms: "the Board"/"the board", "the Minister"/"the minister", copy-wide.

Whether an institution or a role shortened to a common noun keeps its capital is house style:
civil-service and board papers write "the Government", "the Board", "the Trust"; GOV.UK, the
Guardian, AP and Chicago write "the government", "the board", "the trust". A careful writer
picks one and keeps it for every such noun, so the choice is one document-wide point (all the
capitals go together: never "the Committee" beside "the university"), offered only when:

- the author is consistent: every short form of the noun in running prose ("the Board",
  "this Board", "Pellinor's Board", "the Board's") has the same case;
- the noun is not part of a name or a title: "Finance Committee", "Board of Trade",
  "University of Aldermoor", "Company Secretary", "Minister Vosu" are left alone, and a
  capitalised use we cannot read ("members of Council", "the full Board", "Group leverage")
  rules the noun out, since it would keep its capital while the short forms lost theirs;
- the noun is not a defined term (``(the "Company")``), whose capital carries legal meaning;
- no capital we may not touch would be left behind: a capitalised use in the author's own
  fixed lines (a "**Q: Did the Minister ...?**" header, a "17 June – Board approval" timeline
  row, an attendance list's "(Chair, lay member)") rules the noun out, as in running prose.
  Quotations (someone else's words) and headings in title case ("## The President") do not;
- no companion title keeps its capital beside it: a telegram that writes "the Prime Minister"
  (a title British official prose always capitalises) keeps "the President" too, so a copy
  never reads "the president told the Prime Minister" (``blocked_by`` in the lexicon).

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

from leaktrace.model import Occurrence, VariationPoint
from leaktrace.variants.analysis import Analysis, Tok
from leaktrace.variants.base import convention_point
from leaktrace.variants.kinds._convention import Found, free
from leaktrace.variants.kinds._grammar import lexicon, words

# Words after which the noun is a short form: "the Board", "this Board", "our Board".
_SHORT_FORM_AFTER = words("the this our their its his her my your")
# "Board of Trade", "Department for Education", "Committee on Standards".
_NAME_LINKS = words("of for on")

Use = Literal["short", "name", "other", "ignore", "fixed"]


@dataclass(frozen=True)
class Noun:
    """A noun from the lexicon: where it varies, and whether lower case may gain a capital."""

    word: str
    varieties: frozenset[str]
    two_way: frozenset[str]
    blocked_by: tuple[str, ...] = ()


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
            if use in ("other", "fixed") and tok.capitalised:
                blocked.add(base)  # "members of Council": a capital we would leave behind
            if use != "short":
                continue
            capital = tok.text[:1]
            forms = (capital.upper(), capital.lower())
            found.setdefault(base, []).append(
                Found(tok.start, tok.start + 1, forms.index(capital), forms)
            )
        kept: dict[str, int] = {}  # noun -> the case its author wrote (0 capital, 1 lower)
        for base, places in found.items():
            noun = nouns[base]
            authored = {f.authored for f in places}
            pinned = (
                len(authored) != 1
                or base in blocked
                or _defined_term(analysis.text, base)
                or any(_short_title(analysis.text, title) for title in noun.blocked_by)
            )
            if pinned:
                if 0 in authored:
                    return  # a capital that stays: lowering the others would mix two styles
                continue
            kept[base] = authored.pop()
        point = _house_style(self.kind, analysis, nouns, found, kept)
        if point is not None:
            yield point


def _house_style(
    kind: str,
    analysis: Analysis,
    nouns: dict[str, Noun],
    found: dict[str, list[Found]],
    kept: dict[str, int],
) -> VariationPoint | None:
    """One point for the whole document: every capital lowered together, or (two-way nouns
    only) every lower case capitalised together, so that a copy never reads "the Committee"
    beside "the university"."""
    capitals = sorted(base for base, case in kept.items() if case == 0)
    lowers = sorted(base for base, case in kept.items() if case == 1)
    if capitals:
        moving, original = capitals, 0
    elif lowers and all(analysis.variety in nouns[base].two_way for base in lowers):
        moving, original = lowers, 1
    else:
        return None
    occurrences = [Occurrence(f.start, f.end, f.renderings) for base in moving for f in found[base]]
    if capitals and lowers:
        labels: tuple[str, str] = ("as written", "short forms in lower case")
    else:
        labels = (
            ", ".join(f"the {base.capitalize()}" for base in moving),
            ", ".join(f"the {base}" for base in moving),
        )
    note = f"capitalisation of the short forms {', '.join(moving)}"
    return convention_point(kind, labels, occurrences, original=original, note=note)


def _base(lower: str) -> str:
    """ "board's" -> "board"."""
    return lower[:-2] if lower.endswith("'s") else lower


def _use(analysis: Analysis, tok: Tok) -> Use:
    """How the noun is used: a short form, part of a name, something else, or not ours."""
    if tok.sentence_start or (len(tok.text) > 1 and tok.text.isupper()):
        return "ignore"
    if not free(analysis, tok.start, tok.end):
        if not tok.capitalised or _exempt_fixed(analysis, tok) or _shape(analysis, tok) == "name":
            return "ignore"
        return "fixed"  # a capital in a header line or a table row that no copy may change
    return _shape(analysis, tok)


def _shape(analysis: Analysis, tok: Tok) -> Use:
    """How a noun outside the fixed spans reads: a short form, part of a name, or other."""
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


def _exempt_fixed(analysis: Analysis, tok: Tok) -> bool:
    """A fixed capital that says nothing about house style: a quotation or a title-case heading."""
    for span in analysis.protected:
        if span.start <= tok.start < span.end and span.reason == "quotation":
            return True
    text = analysis.text
    line_start = text.rfind("\n", 0, tok.start) + 1
    line_end = text.find("\n", tok.start)
    line = text[line_start : line_end if line_end != -1 else len(text)].strip()
    if line.startswith("#"):
        return True  # a Markdown heading: ours never to read as prose
    long_words = [w for w in re.findall(r"[A-Za-z]+", line) if len(w) > 3]
    return bool(long_words) and all(w[:1].isupper() for w in long_words)


def _capital_word(tok: Tok | None) -> bool:
    return tok is not None and tok.kind in ("word", "abbr") and tok.capitalised and tok.text != "I"


def _name_follows(analysis: Analysis, link: Tok) -> bool:
    """A capitalised word after "of", perhaps after "the": "of Trade", "of the Treasury"."""
    nxt = analysis.token(link.index + 1)
    if nxt is not None and nxt.lower == "the" and link.lower == "of":
        nxt = analysis.token(nxt.index + 1)
    return _capital_word(nxt)


def _short_title(text: str, title: str) -> bool:
    """ "the Prime Minister" as a short form, not "Prime Minister Brancu" before a name."""
    return re.search(rf"\b[Tt]he {re.escape(title)}\b(?!\s+[A-Z])", text) is not None


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
            blocked_by=tuple(entry.get("blocked_by", [])),
        )
        for entry in lexicon("capitalisation")["noun"]
    }


FINDER = _Capitalisation()
