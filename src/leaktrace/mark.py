"""Recipe: a document version + recipients + the key -> each recipient's copy.

Choices come from :mod:`leaktrace.codes`, one column per point; a point the author vetoed keeps
the author's wording in every copy. :class:`CopyRenderer` precomputes the text between points so
that rendering ten thousand copies of a long document takes well under a second.

Example:
    >>> from leaktrace.variants.engine import find_points
    >>> text = "He said that he would resign."
    >>> points = find_points(text)
    >>> matrix = option_matrix(bytes(32), "memo", 1, points, {p.key for p in points},
    ...                        np.array([1, 2, 3]))
    >>> renderer = CopyRenderer(text, points)
    >>> sorted({renderer.render(row) for row in matrix})
    ['He said he would resign.', 'He said that he would resign.']
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

import numpy as np
import numpy.typing as npt

from leaktrace import codes
from leaktrace.model import VariationPoint


def option_matrix(
    code_key: bytes,
    document: str,
    version: int,
    points: Sequence[VariationPoint],
    active: Collection[str],
    numbers: npt.NDArray[np.int64],
) -> npt.NDArray[np.uint8]:
    """Options of every recipient (rows) at every point (columns)."""
    matrix = np.empty((numbers.size, len(points)), dtype=np.uint8)
    for column, point in enumerate(points):
        if point.key in active:
            matrix[:, column] = codes.choose_options(
                code_key, document, version, point.key, point.option_count, numbers
            )
        else:
            matrix[:, column] = point.original
    return matrix


class CopyRenderer:
    """Renders copies of one text fast: fixed segments are cut once, options looked up per copy."""

    def __init__(self, text: str, points: Sequence[VariationPoint]) -> None:
        places = sorted(
            (occ.start, occ.end, column, occ.renderings)
            for column, point in enumerate(points)
            for occ in point.occurrences
        )
        self._segments: list[str] = []
        self._places: list[tuple[int, tuple[str, ...]]] = []
        cursor = 0
        for start, end, column, renderings in places:
            self._segments.append(text[cursor:start])
            self._places.append((column, renderings))
            cursor = end
        self._tail = text[cursor:]

    def render(self, choices: Sequence[int] | npt.NDArray[np.uint8]) -> str:
        pieces: list[str] = []
        for segment, (column, renderings) in zip(self._segments, self._places, strict=True):
            pieces.append(segment)
            pieces.append(renderings[choices[column]])
        pieces.append(self._tail)
        return "".join(pieces)
