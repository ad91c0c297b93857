"""Where every piece of a typeset copy goes on its page: one drawing for PDF and HTML alike.

:func:`draw_copy` places each block of a copy's lines (its wording, its bold runs, its layout
shift) and the footer, in points from the page's top-left corner. The PDF writer and the HTML
(SVG) writer both draw from it, so a screenshot of the reader portal shows exactly the layout
of the PDF copy, layout marks included, and one reader reads both.

Example:
    >>> from leaktrace.layout import typeset
    >>> layout = typeset("He said that he would resign.", [])
    >>> page = draw_copy(layout, [], {}, visible_mark=None)[0]
    >>> [(round(b.x, 1), round(b.y, 1), b.fragments) for b in page.blocks]
    [(72.0, 84.0, (('He said that he', False),)), (159.6, 84.0, (('would resign.', False),))]
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from leaktrace.layout import BOLD_MARK, Layout, text_width

FOOTER_SIZE = 8.0

Choices = Sequence[int] | npt.NDArray[np.uint8]


@dataclass(frozen=True)
class DrawnBlock:
    """Text drawn from ``(x, y)``: ``y`` is the baseline, in points below the page's top."""

    x: float
    y: float
    fragments: tuple[tuple[str, bool], ...]
    """(text, bold) runs, drawn one after the other."""
    size: float


@dataclass(frozen=True)
class DrawnPage:
    """One page: its blocks, its footer line (left, may be empty) and page label (right)."""

    number: int
    blocks: tuple[DrawnBlock, ...]
    footer: str
    label: str
    footer_y: float


def draw_copy(
    layout: Layout,
    choices: Choices,
    layout_options: Mapping[str, int],
    *,
    visible_mark: str | None,
) -> list[DrawnPage]:
    """Every page of one copy: ``choices`` per point column of the layout's points;
    ``layout_options`` per block key (0 raises the block by ``shift_pt``, 1 lowers it; a block
    without an entry stays on its row)."""
    geometry = layout.geometry
    size = geometry.font_size_pt
    space = text_width(" ", False, size)[0]
    pages = max(layout.pages, 1)
    drawn: dict[int, list[DrawnBlock]] = {page: [] for page in range(1, pages + 1)}
    for line in layout.lines:
        baseline = geometry.baseline_from_top(line.row)
        x = geometry.left_pt + line.indent_pt
        bold = line.bold
        if line.bullet:
            drawn[line.page].append(
                DrawnBlock(geometry.left_pt + 3.0, baseline, (("•", False),), size)
            )
        for side, units in enumerate(line.blocks):
            text = " ".join(layout.unit_text(unit, choices) for unit in units)
            option = layout_options.get(layout.block_key(line.page, line.row, side))
            y = baseline
            if option is not None:
                y += -geometry.shift_pt if option == 0 else geometry.shift_pt
            if side:
                x += space
            width, _ = text_width(text, bold, size)
            fragments, bold = _fragments(text, bold)
            drawn[line.page].append(DrawnBlock(x, y, fragments, size))
            x += width
    footer_y = geometry.height_pt - geometry.bottom_pt / 2
    return [
        DrawnPage(page, tuple(blocks), visible_mark or "", f"Page {page} of {pages}", footer_y)
        for page, blocks in drawn.items()
    ]


def _fragments(text: str, bold: bool) -> tuple[tuple[tuple[str, bool], ...], bool]:
    """Split ``text`` at its ``**`` marks into (text, bold) runs; the bold state after it."""
    runs = []
    for index, part in enumerate(text.split(BOLD_MARK)):
        if index:
            bold = not bold
        if part:
            runs.append((part, bold))
    return tuple(runs), bold
