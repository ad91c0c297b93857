"""Recipe: a document version + recipients + the key -> each recipient's copy.

Choices come from :mod:`leaktrace.codes`, one column per point, under the code scheme recorded
in the batch's active-points list (:func:`leaktrace.codes.scheme_of`: a list without a scheme
entry is a uniform-code batch; new batches record the collusion-secure ``tardos/2``); a point the
author vetoed keeps the author's wording in every copy. :class:`~leaktrace.render.CopyRenderer`
turns a row of choices into the copy's text.

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
from leaktrace.render import CopyRenderer

__all__ = ["CopyRenderer", "layout_option_matrix", "option_matrix"]


def option_matrix(
    code_key: bytes,
    document: str,
    version: int,
    points: Sequence[VariationPoint],
    active: Collection[str],
    numbers: npt.NDArray[np.int64],
) -> npt.NDArray[np.uint8]:
    """Options of every recipient (rows) at every point (columns).

    ``active`` is the batch's active-points list, scheme entry included
    (:func:`leaktrace.codes.with_scheme`); without one the uniform code is used.

    Raises:
        ValueError: ``active`` records an unknown code scheme.
    """
    scheme = codes.scheme_of(active)
    recipients = codes.Recipients.of(numbers)  # prepared once for every point
    matrix = np.empty((numbers.size, len(points)), dtype=np.uint8)
    for column, point in enumerate(points):
        if point.key in active:
            matrix[:, column] = codes.options(
                scheme, code_key, document, version, point.key, point.option_count, recipients
            )
        else:
            matrix[:, column] = point.original
    return matrix


def layout_option_matrix(
    code_key: bytes,
    document: str,
    version: int,
    keys: Sequence[str],
    active: Collection[str],
    numbers: npt.NDArray[np.int64],
) -> npt.NDArray[np.uint8]:
    """Options of every recipient (rows) at every layout point ``keys`` (columns): 0 raises a
    block, 1 lowers it; each point under :func:`leaktrace.layout.point_scheme`."""
    from leaktrace.layout import LAYOUT_OPTIONS, point_scheme

    scheme = codes.scheme_of(active)
    matrix = np.empty((numbers.size, len(keys)), dtype=np.uint8)
    for column, key in enumerate(keys):
        matrix[:, column] = codes.options(
            point_scheme(scheme, key), code_key, document, version, key, LAYOUT_OPTIONS, numbers
        )
    return matrix
