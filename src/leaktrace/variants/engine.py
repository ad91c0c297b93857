"""Find a document's variation points: run every kind, keep what is safe, key what is kept.

The engine is the one place that decides which proposals survive:

1. nothing inside a protected span (quotations, headers, markings, code, URLs, the author's own
   fixed spans) is kept;
2. when proposals overlap, the kind with the lower ``priority`` wins, then the earlier start;
   a convention loses only the occurrences that clash, a local point is dropped whole;
3. at a sentence start every option is capitalised like the author's text;
4. each point gets a key ``<kind>:<offset>`` that is stable for the document version, so that
   vetoes and the code derivation can refer to it.

Example:
    >>> points = find_points("He said that he would resign.")
    >>> [(p.kind, p.labels) for p in points]
    [('complementiser', ('said that he', 'said he'))]
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Iterable, Sequence
from dataclasses import replace
from functools import lru_cache

from leaktrace.model import Occurrence, Scope, Span, VariationPoint
from leaktrace.variants import kinds as kinds_package
from leaktrace.variants.analysis import Analysis, analyse
from leaktrace.variants.base import Finder, match_case


@lru_cache(maxsize=1)
def finders() -> tuple[Finder, ...]:
    """Every finder in :mod:`leaktrace.variants.kinds`, in priority order."""
    found: list[Finder] = []
    for info in pkgutil.iter_modules(kinds_package.__path__):
        module = importlib.import_module(f"{kinds_package.__name__}.{info.name}")
        finder = getattr(module, "FINDER", None)
        if finder is not None:
            found.append(finder)
    return tuple(sorted(found, key=lambda f: (f.priority, f.kind)))


def find_points(
    text: str,
    *,
    variety: str | None = None,
    fixed: Sequence[Span] = (),
    kinds: Iterable[str] | None = None,
) -> list[VariationPoint]:
    """All variation points of ``text``, sorted by position, keyed and ready to issue.

    ``fixed`` are extra spans the author protected; ``kinds`` restricts the kinds run.
    """
    analysis = analyse(text, variety)
    if fixed:
        analysis = Analysis(text, analysis.tokens, [*analysis.protected, *fixed], analysis.variety)
    wanted = set(kinds) if kinds is not None else None
    proposals: list[tuple[int, VariationPoint]] = []
    for finder in finders():
        if wanted is not None and finder.kind not in wanted:
            continue
        for point in finder.find(analysis):
            proposals.append((finder.priority, point))
    return _select(analysis, proposals)


def _select(
    analysis: Analysis, proposals: list[tuple[int, VariationPoint]]
) -> list[VariationPoint]:
    taken: list[tuple[int, int]] = []
    kept: list[VariationPoint] = []
    ordered = sorted(proposals, key=lambda item: (item[0], item[1].start))
    for _priority, point in ordered:
        if len(set(point.labels)) < 2 or len(point.labels) > 255:
            continue
        occurrences = [
            occ
            for occ in point.occurrences
            if _valid(analysis, occ) and not any(a < occ.end and occ.start < b for a, b in taken)
        ]
        if point.scope is Scope.LOCAL and len(occurrences) != len(point.occurrences):
            continue
        if not occurrences:
            continue
        occurrences = [_capitalise(analysis, occ, point.original) for occ in occurrences]
        if not any(len(set(o.renderings)) > 1 for o in occurrences):
            continue
        taken.extend((o.start, o.end) for o in occurrences)
        kept.append(
            replace(
                point, occurrences=tuple(occurrences), key=f"{point.kind}:{occurrences[0].start}"
            )
        )
    return sorted(kept, key=lambda p: p.start)


def _valid(analysis: Analysis, occ: Occurrence) -> bool:
    if not 0 <= occ.start <= occ.end <= len(analysis.text):
        return False
    if analysis.is_protected(occ.start, max(occ.end, occ.start + 1)):
        return False
    return all(r is not None for r in occ.renderings)


def _capitalise(analysis: Analysis, occ: Occurrence, original: int) -> Occurrence:
    """At a sentence start, every option starts with a capital like the author's text."""
    authored = occ.renderings[original]
    if not authored[:1].isupper() or not _at_sentence_start(analysis, occ.start):
        return occ
    fixed = tuple(match_case(authored[:1], r[:1]) + r[1:] if r else r for r in occ.renderings)
    return replace(occ, renderings=fixed)


def _at_sentence_start(analysis: Analysis, offset: int) -> bool:
    for tok in analysis.tokens:
        if tok.start == offset:
            return tok.sentence_start
        if tok.start > offset:
            break
    return False
