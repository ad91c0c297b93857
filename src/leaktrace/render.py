"""Write a copy: the original text with one option chosen at every variation point.

:class:`CopyRenderer` cuts the text between points once, so that rendering ten thousand copies of
a long document takes well under a second; :func:`render_text` renders one.

Example:
    >>> from leaktrace.variants.engine import find_points
    >>> text = "He said that he would resign."
    >>> points = find_points(text)
    >>> render_text(text, points, [1])
    'He said he would resign.'
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from leaktrace.model import VariationPoint


def render_text(text: str, points: Sequence[VariationPoint], choices: Sequence[int]) -> str:
    """Apply ``choices[i]`` (an option index) to ``points[i]``; points must not overlap."""
    if len(points) != len(choices):
        raise ValueError(f"{len(points)} points but {len(choices)} choices")
    return CopyRenderer(text, points).render(choices)


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
