"""Counts from 10 to 99 in words or figures: "eleven days"/"11 days", kept throughout a copy.

Chicago and New Hart's Rules spell out whole numbers below one hundred in ordinary prose; AP,
the Guardian, The Times and GOV.UK set figures from 10. Both are standard in British and
American English, and a careful writer keeps one style, so the choice is one document-wide
point. It is offered only where it is safe:

- only a simple count before a plural noun ("eleven days", "31 names", "twenty-four months");
  not dates, times, money, percentages, measurements ("72 km"), labels ("item 25"), ranges
  ("10 to 20 days"), hyphenated compounds ("40-year"), quotations, headings or tables;
- never at a sentence start, where every style spells the number out;
- only when the author is consistent: a document that writes "eleven days" and "18 points",
  or has a count in this range we cannot vary ("61 of 141 seats"), or cites a legal provision
  beside one ("Under Article 33 ... within 72 hours"), keeps its numbers as written.

Example:
    >>> from leaktrace.variants.analysis import analyse
    >>> a = analyse("It took eleven days and cost us twenty-four jobs.", "en-GB")
    >>> [(p.labels, p.occurrences[1].renderings) for p in FINDER.find(a)]
    [(('in words', 'in figures'), ('twenty-four', '24'))]
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from leaktrace.model import VariationPoint
from leaktrace.variants.analysis import Analysis, Tok, lemma
from leaktrace.variants.kinds._convention import Found, free, one_choice
from leaktrace.variants.kinds._grammar import MONTHS, is_noun, word_set

_UNITS = [
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
_TENS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
_SPELLED = re.compile(
    r"(?<![\w-])(?P<number>(?:" + "|".join(_TENS) + r")(?:-(?:" + "|".join(_UNITS[:9]) + r"))?"
    r"|" + "|".join(_UNITS[9:]) + r")(?![\w-])"
)
_RANGE_WORDS = frozenset({"to", "and", "or", "-", "–", "—", "between"})


class _NumberWords:
    kind = "number_words"
    priority = 26

    def find(self, analysis: Analysis) -> Iterable[VariationPoint]:
        found: list[Found] = []
        by_start = {tok.start: tok for tok in analysis.tokens}
        for tok in analysis.tokens:
            if tok.kind == "number" and re.fullmatch(r"[1-9]\d", tok.text):
                verdict = _judge(analysis, tok, tok)
                if verdict == "block":
                    return
                if verdict == "count":
                    words = spell(int(tok.text))
                    if tok.sentence_start:
                        words = words.capitalize()  # "12 weeks of pay" -> "Twelve weeks"
                    found.append(Found(tok.start, tok.end, 1, (words, tok.text)))
        for match in _SPELLED.finditer(analysis.text):
            first = by_start.get(match.start())
            last = _last_token(analysis, first, match.end())
            if first is None or last is None:
                continue
            verdict = _judge(analysis, first, last)
            if verdict == "block":
                return
            if verdict == "count":
                value = _value(match.group())
                found.append(Found(match.start(), match.end(), 0, (match.group(), str(value))))
        point = one_choice(
            self.kind,
            ("in words", "in figures"),
            found,
            "numbers from 10 to 99 in words or figures",
        )
        if point is not None:
            yield point


def spell(value: int) -> str:
    """ "twenty-four" for 24 (10 to 99)."""
    if value < 20:
        return _UNITS[value - 1]
    tens, units = divmod(value, 10)
    return _TENS[tens - 2] + (f"-{_UNITS[units - 1]}" if units else "")


def _value(spelled: str) -> int:
    tens, _, units = spelled.partition("-")
    if tens in _TENS:
        return (_TENS.index(tens) + 2) * 10 + (_UNITS.index(units) + 1 if units else 0)
    return _UNITS.index(tens) + 1


def _last_token(analysis: Analysis, first: Tok | None, end: int) -> Tok | None:
    if first is None:
        return None
    index = first.index
    while (nxt := analysis.token(index + 1)) is not None and nxt.end <= end:
        index = nxt.index
    return analysis.token(index)


def _judge(analysis: Analysis, first: Tok, last: Tok) -> str:
    """ "count" (a point's place), "skip" (not a count in this range) or "block" (leave all)."""
    if not free(analysis, first.start, last.end):
        return "skip"
    if first.sentence_start and first.kind != "number":
        return "skip"  # "Thirty days of exclusivity": spelled out in every style
    before = analysis.token(first.index - 1)
    after = analysis.token(last.index + 1)
    if before is not None and (
        before.text in ("£", "$", "€", "#", "§", "(")
        or before.lower in word_set("number_words", "labels")
        or before.lower in MONTHS
    ):
        return "skip"  # "£40", "item 25", "June 14", "(720)"
    if after is None:
        return "skip"
    if after.start == last.end and after.text in ("-", "–", "/", ":", "%", "x"):
        return "block" if after.text in ("-", "–") else "skip"  # "40-year"; "24/41", "06:40"
    if after.lower in MONTHS or after.lower in word_set("number_words", "units"):
        return "skip"  # "20 October", "72 km", "25 per cent"
    if _in_range(analysis, first, last):
        return "block"  # "10 to 20 days": a pair we do not rewrite
    if not _plural_noun(analysis, after) or analysis.between(last, after) != " ":
        # "61 of 141 seats" is a count we cannot vary; "12. Steel" a paragraph number.
        return "skip" if first.sentence_start else "block"
    if _legal_sentence(analysis, first):
        return "block"
    return "count"


def _plural_noun(analysis: Analysis, tok: Tok) -> bool:
    if tok.kind != "word" or tok.capitalised:
        return False
    if tok.lower in word_set("number_words", "plurals"):
        return True
    base = lemma(tok.lower, "NOUN")
    return is_noun(tok.lower) and base is not None and base != tok.lower


def _in_range(analysis: Analysis, first: Tok, last: Tok) -> bool:
    """A number beside "to", "and", "–" and another number: "10 to 20", "between 12 and 14"."""
    sides = ((first.index - 1, first.index - 2), (last.index + 1, last.index + 2))
    for link_index, number_index in sides:
        link = analysis.token(link_index)
        number = analysis.token(number_index)
        if link is None or number is None or link.lower not in _RANGE_WORDS:
            continue
        if number.kind == "number" or _SPELLED.fullmatch(number.lower):
            return True
    return False


def _legal_sentence(analysis: Analysis, tok: Tok) -> bool:
    """The sentence cites a provision: "Article 33", "section 4", "Principle 11"."""
    legal = word_set("number_words", "legal")
    return any(
        t.lower in legal and (n := analysis.token(t.index + 1)) is not None and n.kind == "number"
        for t in _sentence(analysis, tok)
    )


def _sentence(analysis: Analysis, tok: Tok) -> list[Tok]:
    near = analysis.tokens[max(0, tok.index - 120) : tok.index + 120]
    return [t for t in near if t.sentence == tok.sentence]


FINDER = _NumberWords()
