"""Number formats: "8 per cent"/"8%" and "£410m"/"£410 million", each kept throughout a copy.

How a writer sets percentages and large sums of money is house style, chosen once per
document, and both forms below are standard in the variety they are offered for:

- **Percentages.** British style guides accept "per cent" (the FT, The Economist) and "%"
  (GOV.UK); American ones "percent" (AP until 2019) and "%" (AP since). "percent" is never
  offered in a British document, nor "per cent" in an American one.
- **Millions and billions.** "£410m" and "£2.5bn" (the FT, board papers) or "£410 million" and
  "£2.5 billion" are both British; an American "$38M" may be spelled "$38 million", but a
  spelled American sum is never abbreviated ("$38M" is informal in a formal letter).

Only numerals count ("one hundred per cent" is left alone), and nothing inside a protected
span is touched: quotations, tables, headings and references keep their form. Dates are left
alone too ("20 October" is the only British order), as are numbers spelled out in words,
whose form depends on context more than on house style.

Example:
    >>> from leaktrace.variants.analysis import analyse
    >>> a = analyse("Costs rose 8 per cent to £410m, or 2 per cent of £2.5bn.", "en-GB")
    >>> [(p.labels, len(p.occurrences)) for p in FINDER.find(a)]
    [(('per cent', '%'), 2), (('£m, £bn', '£ million, £ billion'), 2)]
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from leaktrace.model import VariationPoint
from leaktrace.variants.analysis import Analysis
from leaktrace.variants.kinds._convention import Found, free, one_choice

_PERCENT = re.compile(r"(?<=\d)(?P<mark> per cent| percent|%)(?![\w%])")
_MONEY = re.compile(
    r"(?P<currency>[£$€]|\b(?:USD|GBP|EUR) ?)(?P<amount>\d{1,3}(?:,\d{3})*(?:\.\d+)?)"
    r"(?P<scale> ?(?:m|bn|tn|M|B|BN|million|billion|trillion))(?![\w-])"
)
_PERCENT_FORMS = {"en-GB": (" per cent", "%"), "en-US": (" percent", "%")}
_SPELLED = {"m": " million", "bn": " billion", "tn": " trillion", "b": " billion"}
_ABBREVIATED = {" million": "m", " billion": "bn", " trillion": "tn"}


class _Numbers:
    kind = "numbers"
    priority = 25

    def find(self, analysis: Analysis) -> Iterable[VariationPoint]:
        for point in (_percentages(analysis), _money(analysis)):
            if point is not None:
                yield point


_GLOSS = re.compile(r"(?:per ?cent|%)\s*\(\s*[\d.,]+$", re.IGNORECASE)


def _restates_words(text: str, figure_end: int) -> bool:
    """The percentage is a figure in brackets after the same percentage in words."""
    before = text[max(0, figure_end - 40) : figure_end]
    return bool(_GLOSS.search(before))


def _percentages(analysis: Analysis) -> VariationPoint | None:
    forms = _PERCENT_FORMS.get(analysis.variety)
    if forms is None:
        return None
    found: list[Found] = []
    for match in _PERCENT.finditer(analysis.text):
        start, end = match.span("mark")
        if not free(analysis, start - 1, end):
            continue
        mark = match.group("mark")
        if mark not in forms:
            return None  # "percent" in a British document: not ours to tidy
        if _restates_words(analysis.text, match.start()):
            return None  # "fifty percent (50%)": the figure glosses the words; keep the pair
        found.append(Found(start, end, forms.index(mark), forms))
    labels = tuple(form.strip() for form in forms)
    return one_choice("numbers", labels, found, "percentage style")


def _money(analysis: Analysis) -> VariationPoint | None:
    """Abbreviated ("£410m") or spelled ("£410 million") magnitudes after a currency."""
    found: list[Found] = []
    for match in _MONEY.finditer(analysis.text):
        start, end = match.span("scale")
        if not free(analysis, match.start(), end):
            if _reference(analysis, match.start(), end):
                # "USD 4m" read as a reference code: it would stay abbreviated while the
                # document's other sums were spelled, so the copy would be inconsistent.
                return None
            continue
        scale = match.group("scale")
        if scale.lower().lstrip() in _SPELLED and not scale.startswith(" "):
            spelled = _SPELLED[scale.lower()]
            found.append(Found(start, end, 0, (scale, spelled)))
        elif scale in _ABBREVIATED:
            found.append(Found(start, end, 1, (_ABBREVIATED[scale], scale)))
        else:
            return None  # "£4 m", "$2 B": unusual forms are the author's own
    british = analysis.variety == "en-GB"
    allowed = None if british else (0,)
    labels = ("£m, £bn", "£ million, £ billion") if british else ("$M", "$ million")
    return one_choice("numbers", labels, found, "magnitude of sums of money", allowed)


def _reference(analysis: Analysis, start: int, end: int) -> bool:
    return any(
        span.reason == "reference" and span.overlaps(start, end) for span in analysis.protected
    )


FINDER = _Numbers()
