"""Latin abbreviations spelled out: "i.e., late September" / "that is, late September".

Chicago (§6.51, §10.42) and New Hart's Rules (§3.2) both keep "e.g." and "i.e." for notes and
parentheses and prefer "for example" and "that is" in running prose; the spelled-out form is
therefore correct wherever the abbreviation is, and means exactly the same. The reverse is not
true ("that is" is also a pronoun and a verb), so the point is one way: an author's "e.g." may
become "for example", an author's "for example" is left alone (the ``phrase`` kind already
varies it with "for instance").

We refuse what could misread: "i.e." becomes "that is" only before a comma ("that is late
September" would read as a clause); an abbreviation that opens a sentence, is capitalised or
sits in a quotation, heading or table is left as written.

Example:
    >>> from leaktrace.variants.analysis import analyse
    >>> a = analyse("She gave him until the budget -- i.e., late September -- to act.")
    >>> [p.occurrences[0].renderings for p in FINDER.find(a)]
    [('i.e.', 'that is')]
"""

from __future__ import annotations

from collections.abc import Iterable

from leaktrace.model import VariationPoint
from leaktrace.variants.analysis import Analysis
from leaktrace.variants.base import local_point

_SPELLED = {"e.g.": "for example", "i.e.": "that is"}
_NEEDS_COMMA = frozenset({"i.e."})


class _LatinAbbreviation:
    kind = "latin_abbreviation"
    priority = 50

    def find(self, analysis: Analysis) -> Iterable[VariationPoint]:
        for tok in analysis.tokens:
            if tok.kind != "abbr" or tok.text not in _SPELLED or tok.protected:
                continue
            if tok.sentence_start:
                continue
            nxt = analysis.token(tok.index + 1)
            if nxt is None or nxt.protected:
                continue
            comma = nxt.text == "," and nxt.start == tok.end
            if tok.text in _NEEDS_COMMA and not comma:
                continue
            after = analysis.token(nxt.index + 1) if comma else nxt
            if after is None or not (after.is_word or after.kind == "number"):
                continue
            if after.sentence != tok.sentence:
                continue
            yield local_point(
                self.kind,
                (tok.text, _SPELLED[tok.text]),
                tok.start,
                tok.end,
                (tok.text, _SPELLED[tok.text]),
                note="Latin abbreviation spelled out in running prose",
            )


FINDER = _LatinAbbreviation()
