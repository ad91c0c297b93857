"""Read the layout channel of a forwarded PDF exactly, from where its text is drawn.

A PDF copy that leaves as a file still holds every block's baseline to a thousandth of a point:
each block is one text object, its origin the row's baseline moved by ``±shift_pt``. This module
collects the text objects of each page (pypdf), puts each on its grid row, and reads a block as
raised or lowered when its offset from the row is close to ``shift_pt`` either way. Which page of
the document a PDF page shows is found from its words (a leaker may have kept only one page,
or reordered them), and a block is read only when its words match the layout's.

Example:
    See ``tests/test_formats_pdf_copy.py``: a copy's PDF gives back exactly its layout options.
"""

from __future__ import annotations

import io
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz

from leaktrace.layout import LayoutReading, LineBlock, Skeleton

_MIN_WORD_MATCH = 70.0
"""Fuzzy similarity (0-100) a block's words need with the layout's block to be read."""
_MIN_PAGE_MATCH = 60.0
"""Mean similarity of a page's lines with a layout page for the page to be that page."""


@dataclass(frozen=True)
class DrawnText:
    """A text object as drawn: its origin in points from the page's top-left, and its text."""

    page: int
    x: float
    y_from_top: float
    text: str


def drawn_text(data: bytes) -> list[DrawnText]:
    """Every text-showing operation of every page of a PDF, in drawing order.

    Raises:
        ValueError: the data is not a readable PDF (the caller words the error for the user).
    """
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    found: list[DrawnText] = []
    for number, page in enumerate(reader.pages, start=1):
        height = float(page.mediabox.height)
        bottom = float(page.mediabox.bottom)

        def visit(
            text: str,
            cm: Sequence[float],
            tm: Sequence[float],
            font: object,
            size: float,
            number: int = number,
            height: float = height,
            bottom: float = bottom,
        ) -> None:
            if text.strip():
                # Position in user space: the text matrix's origin through the current matrix.
                x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
                y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
                found.append(DrawnText(number, x, height - (y - bottom), text))

        page.extract_text(visitor_text=visit)
    return found


def read_pdf_layout(drawn: Sequence[DrawnText], skeleton: Skeleton) -> list[LayoutReading]:
    """The blocks of ``skeleton`` that ``drawn`` shows, read from their exact positions."""
    geometry = skeleton.geometry
    by_row: dict[tuple[int, int], list[LineBlock]] = defaultdict(list)
    for block in skeleton.blocks:
        by_row[(block.page, block.row)].append(block)
    # Group text objects into (input page, row, origin x); each origin is one block.
    objects: dict[tuple[int, int, float], list[DrawnText]] = defaultdict(list)
    offsets: dict[tuple[int, int, float], float] = {}
    for item in drawn:
        if item.text.strip() == "•":
            continue
        row = round((item.y_from_top - geometry.top_pt) / geometry.leading_pt)
        offset = item.y_from_top - geometry.baseline_from_top(row)
        if abs(offset) > 2 * geometry.shift_pt:
            continue  # not on the grid: a footer, or text this layout did not draw
        key = (item.page, row, round(item.x, 2))
        objects[key].append(item)
        offsets[key] = offset
    lines: dict[tuple[int, int], list[tuple[float, str, float]]] = defaultdict(list)
    for (page, row, x), items in objects.items():
        text = "".join(i.text for i in items)
        lines[(page, row)].append((x, text, offsets[(page, row, x)]))
    readings: list[LayoutReading] = []
    for page in sorted({page for page, _ in lines}):
        rows = {row: sorted(blocks) for (p, row), blocks in lines.items() if p == page}
        layout_page = _matching_page(rows, by_row, skeleton.pages)
        if layout_page is None:
            continue
        for row, blocks in rows.items():
            expected = by_row.get((layout_page, row), [])
            if len(blocks) != len(expected):
                continue
            for (_, text, offset), block in zip(blocks, expected, strict=True):
                if fuzz.ratio(" ".join(text.split()), " ".join(block.words)) < _MIN_WORD_MATCH:
                    continue
                if abs(abs(offset) - geometry.shift_pt) > geometry.shift_pt / 2:
                    continue
                # Raised (option 0) is nearer the top of the page: a smaller distance from it.
                readings.append(LayoutReading(block.key, 0 if offset < 0 else 1))
    return readings


def _matching_page(
    rows: dict[int, list[tuple[float, str, float]]],
    layout: dict[tuple[int, int], list[LineBlock]],
    pages: int,
) -> int | None:
    """The layout page whose lines the input page's lines match best, if they match well."""
    best, best_score = None, 0.0
    for page in range(1, pages + 1):
        scores = []
        for row, blocks in rows.items():
            expected = layout.get((page, row))
            if not expected:
                scores.append(0.0)
                continue
            seen = " ".join(" ".join(text.split()) for _, text, _ in blocks)
            wanted = " ".join(" ".join(b.words) for b in expected)
            scores.append(fuzz.ratio(seen, wanted))
        score = sum(scores) / len(scores) if scores else 0.0
        if score > best_score:
            best, best_score = page, score
    return best if best_score >= _MIN_PAGE_MATCH else None
