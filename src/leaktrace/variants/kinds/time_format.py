"""The separator of clock times in British English: "09:15"/"09.15", kept throughout a copy.

New Hart's Rules, the Guardian and The Times put a full point between hours and minutes
("6.40pm", "09.15"); GOV.UK and most business writing use a colon ("6:40pm", "09:15"). Both
are British standard, so a British document's times are one document-wide point. American
English uses the colon only, and its documents are left alone.

A colon between a plausible hour and two-digit minutes is a time ("at 06:40", "by 17:00"),
unless it cites a verse or a rule ("John 3:16") or carries seconds ("12:30:45"). A full point
is read as a time only in a time's company ("at 14.30", "6.40 pm"): "rose by 2.30 per cent" is
a decimal. An author who mixes separators keeps them; headings, tables and header fields
("Date: ... 18:30") are never touched.

Example:
    >>> from leaktrace.variants.analysis import analyse
    >>> a = analyse("The alarm rang at 06:40 and the team met at 09:15 today.", "en-GB")
    >>> [(p.labels, len(p.occurrences)) for p in FINDER.find(a)]
    [(('09:15', '09.15'), 2)]
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from leaktrace.model import VariationPoint
from leaktrace.variants.analysis import Analysis
from leaktrace.variants.kinds._convention import Found, free, one_choice
from leaktrace.variants.kinds._grammar import word_set

_TIME = re.compile(
    r"(?<![\w:.,/£$€])(?P<hour>[01]?\d|2[0-3])(?P<sep>[:.])(?P<minute>[0-5]\d)(?![\w:/%]|[.,]\d)"
)
_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.]*)\s+$")
_WORD_AFTER = re.compile(r"\s*([A-Za-z][A-Za-z.]*)")
_SEPARATORS = (":", ".")


class _TimeFormat:
    kind = "time_format"
    priority = 28

    def find(self, analysis: Analysis) -> Iterable[VariationPoint]:
        if analysis.variety != "en-GB":
            return
        found: list[Found] = []
        for match in _TIME.finditer(analysis.text):
            if not _is_time(analysis, match):
                continue
            if not free(analysis, match.start(), match.end()):
                if match.group("sep") == ":":
                    return  # a fixed "18:30" in a header: a copy must not mix it with "20.00"
                continue
            sep = match.start("sep")
            found.append(Found(sep, sep + 1, _SEPARATORS.index(match.group("sep")), _SEPARATORS))
        point = one_choice(self.kind, ("09:15", "09.15"), found, "separator in clock times")
        if point is not None:
            yield point


def _is_time(analysis: Analysis, match: re.Match[str]) -> bool:
    text = analysis.text
    before = _WORD_BEFORE.search(text, max(0, match.start() - 30), match.start())
    after = _WORD_AFTER.match(text, match.end())
    word_before = before.group(1) if before else ""
    word_after = after.group(1).lower().rstrip(".") if after else ""
    if word_after in ("per", "percent", "m", "bn", "x"):
        return False  # "2.30 per cent", "£14.20m"
    if match.group("sep") == ":":
        # "John 3:16", "Article 5:12" cite a passage; "at 06:40" and "By 09:15" are times.
        return not (word_before[:1].isupper() and word_before.lower() not in _before())
    hour_style = len(match.group("hour")) == 2
    if word_after in _after() or f"{word_after}." in _after():
        return True
    return hour_style and word_before.lower() in _before()


def _before() -> frozenset[str]:
    return word_set("time_format", "before")


def _after() -> frozenset[str]:
    return word_set("time_format", "after")


FINDER = _TimeFormat()
