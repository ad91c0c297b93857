"""The contract between the engine and each kind of variation point.

A kind lives in its own module under :mod:`leaktrace.variants.kinds` and exposes ``FINDER``, an
object with a ``kind`` name, a ``priority`` (lower wins when two kinds claim overlapping text)
and a ``find`` method that proposes points for an :class:`Analysis`. Finders propose freely but
conservatively; the engine removes what touches protected spans, resolves overlaps, fixes
capitalisation at sentence starts and assigns stable keys.

Example:
    >>> from leaktrace.variants.analysis import analyse
    >>> a = analyse("We will begin now.")
    >>> point = local_point("synonym", ("begin", "start"), a.tokens[2].start, a.tokens[2].end,
    ...                     ("begin", "start"))
    >>> point.occurrences[0].renderings
    ('begin', 'start')
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Protocol

from leaktrace.model import Occurrence, Scope, VariationPoint
from leaktrace.variants.analysis import Analysis, Tok


class Finder(Protocol):
    """Proposes variation points of one kind."""

    kind: str
    priority: int

    def find(self, analysis: Analysis) -> Iterable[VariationPoint]: ...


def local_point(
    kind: str,
    labels: Sequence[str],
    start: int,
    end: int,
    renderings: Sequence[str],
    original: int = 0,
    note: str = "",
) -> VariationPoint:
    """A point with one occurrence replacing ``[start, end)``; key is assigned by the engine."""
    return VariationPoint(
        key="",
        kind=kind,
        labels=tuple(labels),
        occurrences=(Occurrence(start, end, tuple(renderings)),),
        original=original,
        scope=Scope.LOCAL,
        note=note,
    )


def swap_point(
    kind: str, first: Tok, last: Tok, original: str, other: str, note: str
) -> VariationPoint:
    """A point offering ``original`` or ``other`` over ``first`` to ``last``, each its own label.

    The reordering kinds (``genitive``, ``yet_position``, ``adverb_position``...) rewrite a whole
    span and label each option with its own text, so the label shows the full reordering.
    """
    return local_point(kind, (original, other), first.start, last.end, (original, other), note=note)


def convention_point(
    kind: str,
    labels: Sequence[str],
    occurrences: Iterable[Occurrence],
    original: int = 0,
    note: str = "",
) -> VariationPoint | None:
    """A document-wide convention with every place it shows, or ``None`` if it shows nowhere."""
    occ = tuple(sorted(occurrences, key=lambda o: o.start))
    if not occ:
        return None
    return VariationPoint(
        key="",
        kind=kind,
        labels=tuple(labels),
        occurrences=occ,
        original=original,
        scope=Scope.DOCUMENT,
        note=note,
    )


def match_case(template: str, word: str) -> str:
    """Give ``word`` the capitalisation pattern of ``template`` (lower, Title or UPPER)."""
    if template.isupper() and len(template) > 1:
        return word.upper()
    if template[:1].isupper():
        return word[:1].upper() + word[1:]
    return word
