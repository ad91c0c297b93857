"""Write a copy: the original text with one option chosen at every variation point.

Example:
    >>> from leaktrace.variants.engine import find_points
    >>> text = "He said that he would resign."
    >>> points = find_points(text)
    >>> render_text(text, points, [1])
    'He said he would resign.'
"""

from __future__ import annotations

from collections.abc import Sequence

from leaktrace.model import VariationPoint


def render_text(text: str, points: Sequence[VariationPoint], choices: Sequence[int]) -> str:
    """Apply ``choices[i]`` (an option index) to ``points[i]``; points must not overlap."""
    if len(points) != len(choices):
        raise ValueError(f"{len(points)} points but {len(choices)} choices")
    edits: list[tuple[int, int, str]] = []
    for point, choice in zip(points, choices, strict=True):
        for occ in point.occurrences:
            edits.append((occ.start, occ.end, occ.renderings[choice]))
    edits.sort()
    pieces: list[str] = []
    cursor = 0
    for start, end, replacement in edits:
        pieces.append(text[cursor:start])
        pieces.append(replacement)
        cursor = end
    pieces.append(text[cursor:])
    return "".join(pieces)
