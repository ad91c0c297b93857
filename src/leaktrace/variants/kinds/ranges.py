"""Ranges of money: "£2m–£6m" / "£2m to £6m", one style kept throughout a copy.

New Hart's Rules (§4.11.2) and the Chicago Manual of Style (§6.78) both set a range as two
figures joined by an en dash, and both allow, or prefer in running prose, the word *to*
instead. The meaning is the same and a careful writer keeps one style, so the choice is one
document-wide point. The choice also survives retyping: the dash becomes a hyphen, the word
stays a word.

It is offered only where it cannot misread:

- both ends are sums with the same currency sign ("£120m–£135m", "$43.75–$44.25"), joined by an
  unspaced en dash; hyphens ("2024-25"), spaced dashes (a parenthesis), years, clause numbers and
  bare figures ("pages 10–15", "Articles 33–34") are left alone;
- never after *between* or *from*, which want *and*/*to* and would read "between £2m to £6m";
- an author who already writes a range with *to* ("£2m to £6m") keeps every range as written,
  since that "to" may just as well be a change ("cut the fee £2m to £1m").

Example:
    >>> from leaktrace.variants.analysis import analyse
    >>> a = analyse("A realistic range is £2m–£6m; we would land around $43.75–$44.25.")
    >>> [(p.labels, len(p.occurrences)) for p in FINDER.find(a)]
    [(('£2m–£6m', '£2m to £6m'), 2)]
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from leaktrace.model import VariationPoint
from leaktrace.variants.analysis import Analysis
from leaktrace.variants.kinds._convention import Found, free, one_choice

_SUM = r"[£$€]\d{1,3}(?:,\d{3})*(?:\.\d+)?(?:m|bn|k|M|B|K)?"
_RANGE = re.compile(rf"(?<![\w.,–-])(?P<low>{_SUM})(?P<dash>–)(?P<high>{_SUM})(?![\w–-]|[.,]\d)")
_WORDED = re.compile(rf"(?<![\w.,–-]){_SUM} to {_SUM}(?![\w–-]|[.,]\d)")
_WORD_BEFORE = re.compile(r"([A-Za-z]+)\s+$")
_NOT_AFTER = frozenset({"between", "from"})
_FORMS = ("–", " to ")


class _Ranges:
    kind = "ranges"
    priority = 30

    def find(self, analysis: Analysis) -> Iterable[VariationPoint]:
        text = analysis.text
        if any(free(analysis, m.start(), m.end()) for m in _WORDED.finditer(text)):
            return
        found: list[Found] = []
        for match in _RANGE.finditer(text):
            if match.group("low")[0] != match.group("high")[0]:
                continue
            if not free(analysis, match.start(), match.end()):
                continue
            before = _WORD_BEFORE.search(text, max(0, match.start() - 20), match.start())
            if before is not None and before.group(1).lower() in _NOT_AFTER:
                continue
            dash = match.start("dash")
            found.append(Found(dash, dash + 1, 0, _FORMS))
        point = one_choice(self.kind, ("£2m–£6m", "£2m to £6m"), found, "style of ranges of money")
        if point is not None:
            yield point


FINDER = _Ranges()
