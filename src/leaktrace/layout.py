"""The page layout of typeset copies, and the invisible layout channel it carries.

A PDF copy is typeset on a fixed grid: A4, one font size, every text line on a *row* of the grid.
Line breaks are computed once per document version with every variation point at its *widest*
option, so every copy breaks its lines in the same places whatever its wording: a line of one
copy holds the same words as that line of any other copy, and its row is the same. That makes
the layout of a picture of any copy comparable with the layout of every other.

The layout channel (after Brassil et al., 1995). Each line is cut at a word boundary near its
middle into two *blocks*. A block's baseline is moved up (option 0) or down (option 1) by
``shift_pt`` (1/200 inch, see :data:`DEFAULT_GEOMETRY`), as chosen for the recipient by the key,
exactly like a two-option variation point whose key is ``layout:<layout id>:<page>.<row>.<side>``;
the layout id is a hash of the skeleton, so two batches typeset differently (another veto, an
author's new alternative) never share a key. Two copies side by side at normal size look alike
(the step between two blocks of a line is at most 0.72 pt, at a word space); a page image at
100 dpi or better shows it to a sub-pixel baseline measurement (:mod:`leaktrace.layout_read`).
Because the layout points are scored by the same code and the same statistic as the text's
points, their evidence adds up with the text's under the same guarantee.

:func:`typeset` computes the layout of a version (:class:`Layout`, the same for every copy);
:meth:`Layout.skeleton` is what a reader needs to read the channel back (which words sit on which
row, and each block's key). The batch records the scheme in its active-points list as
``@layout:pdf/1:<layout id>`` beside its layout keys, so a trace knows which batches carry the
channel and can typeset the same layout again from the version's text and the batch's points.

Example:
    >>> from leaktrace.variants.engine import find_points
    >>> text = "# Note\\n\\nHe said that he would resign before the vote on Tuesday."
    >>> layout = typeset(text, find_points(text))
    >>> [(b.page, b.row, b.side, b.words) for b in layout.skeleton().blocks][:2]
    [(1, 0, 0, ('Note',)), (1, 2, 0, ('He', 'said', 'that', 'he', 'would', 'resign'))]
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cache, cached_property

import numpy as np
import numpy.typing as npt
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from leaktrace import codes
from leaktrace.model import VariationPoint

LAYOUT_PREFIX = "layout:"
"""Prefix of every layout point key."""
LAYOUT_MARK = "@layout:"
"""Prefix of the entry recording a batch's layout scheme in its active-points list."""
LAYOUT_SCHEME = "pdf/1"
"""The only layout scheme so far: the grid of :data:`DEFAULT_GEOMETRY` and this module's rules."""
LAYOUT_OPTIONS = 2
BOLD_MARK = "**"

REGULAR_FONT = "LeaktraceSans"
BOLD_FONT = "LeaktraceSans-Bold"


@dataclass(frozen=True)
class PageGeometry:
    """The page grid, in PostScript points (1/72 inch). Rows are counted from the top."""

    width_pt: float
    height_pt: float
    left_pt: float
    top_pt: float
    leading_pt: float
    shift_pt: float
    font_size_pt: float
    right_pt: float = 72.0
    bottom_pt: float = 78.0

    @property
    def text_width_pt(self) -> float:
        return self.width_pt - self.left_pt - self.right_pt

    @property
    def rows(self) -> int:
        """Rows per page: the last row's baseline stays above the bottom margin."""
        return int((self.height_pt - self.bottom_pt - self.top_pt) // self.leading_pt) + 1

    def baseline_from_top(self, row: int) -> float:
        """Where row ``row``'s baseline sits below the top edge when no shift applies."""
        return self.top_pt + row * self.leading_pt


# The shift: Brassil et al. shifted whole lines by 1/300 inch for 300 dpi print. Here the
# shift is 1/200 inch (0.36 pt) because viewers and rasterisers (poppler, browsers with hinting)
# put each line on a whole pixel: at 100 dpi a shift of half a pixel or more still moves a
# snapped block to the next pixel row, so every block of a screenshot can be read. A smaller
# shift leaves most blocks of a 100 dpi screenshot unreadable (bench/results/pages.md).
DEFAULT_GEOMETRY = PageGeometry(
    width_pt=595.28,
    height_pt=841.89,
    left_pt=72.0,
    top_pt=84.0,
    leading_pt=15.0,
    shift_pt=72.0 / 200.0,
    font_size_pt=11.0,
)


@dataclass(frozen=True)
class LineBlock:
    """One block of a typeset line: its layout point key and the words it holds as written."""

    key: str
    page: int
    row: int
    side: int
    words: tuple[str, ...]


@dataclass(frozen=True)
class Skeleton:
    """What a reader needs to read the layout channel: every block, in page and row order."""

    geometry: PageGeometry
    pages: int
    blocks: tuple[LineBlock, ...]
    layout_id: str = ""

    def block_keys(self) -> list[str]:
        return [block.key for block in self.blocks]

    @property
    def mark(self) -> str:
        """The active-points entry that records this layout for a batch."""
        return f"{LAYOUT_MARK}{LAYOUT_SCHEME}:{self.layout_id}"


@dataclass(frozen=True)
class LayoutReading:
    """A block read from a page: ``option`` 0 (raised) or 1 (lowered). Made from the page
    alone, never from any recipient's data, so an innocent's chance of matching stays exact."""

    key: str
    option: int


LayoutReader = Callable[[Skeleton], Sequence[LayoutReading]]
"""Reads the blocks of one skeleton from whatever surfaced (a page image, a PDF)."""


@dataclass(frozen=True)
class Piece:
    """Part of a block: fixed text (``slot == -1``) or the occurrence ``slot`` of a point."""

    text: str
    slot: int = -1


@dataclass(frozen=True)
class Slot:
    """A point occurrence on the page: the point's column and the occurrence's renderings."""

    column: int
    renderings: tuple[str, ...]
    original: int


@dataclass(frozen=True)
class TypesetLine:
    """A line on the grid: one or two blocks, each a run of pieces; units joined by a space."""

    page: int
    row: int
    indent_pt: float
    bullet: bool
    heading: bool
    bold: bool
    """Whether the line starts in bold (a ``**`` pair may span a line break)."""
    blocks: tuple[tuple[tuple[Piece, ...], ...], ...]
    """Blocks, each a tuple of units, each unit a tuple of pieces (a word with its points)."""


@dataclass(frozen=True)
class Layout:
    """The layout of one document version, shared by all its typeset copies."""

    geometry: PageGeometry
    pages: int
    lines: tuple[TypesetLine, ...]
    slots: tuple[Slot, ...]

    @cached_property
    def layout_id(self) -> str:
        """Twelve hex digits of SHA-256 over the geometry and every block's place and words."""
        digest = hashlib.sha256(repr(self.geometry).encode())
        for line in self.lines:
            for side, units in enumerate(line.blocks):
                text = " ".join(self.unit_text(unit, None) for unit in units)
                digest.update(f"{line.page}.{line.row}.{side}\x1f{text}\x1e".encode())
        return digest.hexdigest()[:12]

    def block_key(self, page: int, row: int, side: int) -> str:
        return f"{LAYOUT_PREFIX}{self.layout_id}:{page}.{row}.{side}"

    def skeleton(self) -> Skeleton:
        blocks = []
        for line in self.lines:
            for side, units in enumerate(line.blocks):
                text = " ".join(self.unit_text(unit, None) for unit in units)
                words = tuple(text.replace(BOLD_MARK, "").split())
                if words:
                    key = self.block_key(line.page, line.row, side)
                    blocks.append(LineBlock(key, line.page, line.row, side, words))
        return Skeleton(self.geometry, self.pages, tuple(blocks), self.layout_id)

    def unit_text(
        self, unit: Sequence[Piece], choices: Sequence[int] | npt.NDArray[np.uint8] | None
    ) -> str:
        """A unit's text with ``choices`` (option per point column), or as the author wrote it."""
        parts = []
        for piece in unit:
            if piece.slot < 0:
                parts.append(piece.text)
            else:
                slot = self.slots[piece.slot]
                option = slot.original if choices is None else int(choices[slot.column])
                parts.append(slot.renderings[option])
        return "".join(parts)


def is_layout_key(key: str) -> bool:
    return key.startswith(LAYOUT_PREFIX)


def point_scheme(batch_scheme: codes.Scheme, key: str) -> codes.Scheme:
    """The code a point of a batch is derived with: the batch's, except for layout points,
    which always use the uniform code (each block up or down with chance one half).

    Why: a layout mark is read from one page of one copy; blending the layout of several copies
    would mean redrawing a page, so the collusion-secure code buys little there, while for a
    single leaker the uniform code gives about 1.4 times the evidence per block (1 bit against
    the biased code's 0.7). Innocents are protected the same under either code: the bound uses
    each point's exact chance of matching (docs/design.md, section 3b).
    """
    return codes.Scheme.UNIFORM if is_layout_key(key) else batch_scheme


def layout_ids(active: Iterable[str]) -> list[str]:
    """The layout ids an active-points list records (none for a batch typeset without one).

    Raises:
        ValueError: a layout scheme this version of leaktrace does not know.
    """
    found = []
    for entry in active:
        if entry.startswith(LAYOUT_MARK):
            scheme, _, layout_id = entry[len(LAYOUT_MARK) :].rpartition(":")
            if scheme != LAYOUT_SCHEME:
                raise ValueError(
                    f"unknown layout scheme {scheme!r} in a batch's active points; this batch "
                    "was issued by a newer leaktrace: upgrade to trace it"
                )
            found.append(layout_id)
    return found


@cache
def register_fonts() -> tuple[str, str]:
    """Register the embedded fonts once (Bitstream Vera, shipped with reportlab): every viewer and
    rasteriser then draws the same glyphs at the same places."""
    pdfmetrics.registerFont(TTFont(REGULAR_FONT, "Vera.ttf"))
    pdfmetrics.registerFont(TTFont(BOLD_FONT, "VeraBd.ttf"))
    return REGULAR_FONT, BOLD_FONT


def text_width(text: str, bold: bool, size: float) -> tuple[float, bool]:
    """Width of ``text`` whose ``**`` marks toggle bold, starting in state ``bold``; end state."""
    register_fonts()
    width = 0.0
    for index, part in enumerate(text.split(BOLD_MARK)):
        if index:
            bold = not bold
        if part:
            width += pdfmetrics.stringWidth(part, BOLD_FONT if bold else REGULAR_FONT, size)
    return width, bold


def typeset(
    text: str,
    points: Sequence[VariationPoint],
    geometry: PageGeometry = DEFAULT_GEOMETRY,
) -> Layout:
    """Break ``text`` into lines and pages, every point at its widest option (see module doc)."""
    slots: list[Slot] = []
    starts: list[tuple[int, int, int]] = []  # (start, end, slot index)
    for column, point in enumerate(points):
        for occurrence in point.occurrences:
            starts.append((occurrence.start, occurrence.end, len(slots)))
            slots.append(Slot(column, occurrence.renderings, point.original))
    starts.sort()
    size = geometry.font_size_pt
    space, _ = text_width(" ", False, size)
    lines: list[TypesetLine] = []
    page, row = 1, 0
    pending_blank = False
    offset = 0
    cursor = 0  # index into starts
    for raw in text.split("\n"):
        line_start, line_end = offset, offset + len(raw)
        offset = line_end + 1
        while cursor < len(starts) and starts[cursor][0] < line_start:
            cursor += 1
        if not raw.strip():
            pending_blank = bool(lines)
            continue
        heading, bullet, content_start = _line_kind(raw, line_start)
        here = []
        while cursor < len(starts) and starts[cursor][0] < line_end:
            here.append(starts[cursor])
            cursor += 1
        units = _units(text, content_start, line_end, here)
        indent = 14.0 if bullet else 0.0
        wrapped = _wrap(units, slots, geometry.text_width_pt - indent, space, size, heading)
        if pending_blank:
            row += 1
        # A heading never ends a page, and a short paragraph is not split across two.
        keep = 2 if heading else (len(wrapped) if len(wrapped) <= 3 else 2)
        if (row > 0 and row + keep > geometry.rows) or row >= geometry.rows:
            page, row = page + 1, 0
        for index, (bold, line_units) in enumerate(wrapped):
            if row >= geometry.rows:
                page, row = page + 1, 0
            blocks = _split(line_units, slots, size, space, bold)
            lines.append(
                TypesetLine(page, row, indent, bullet and index == 0, heading, bold, blocks)
            )
            row += 1
        pending_blank = False
    return Layout(geometry, page if lines else 0, tuple(lines), tuple(slots))


def _line_kind(raw: str, line_start: int) -> tuple[bool, bool, int]:
    """(heading, bullet, offset where the drawn text starts) of a source line."""
    stripped = raw.lstrip()
    lead = len(raw) - len(stripped)
    if stripped.startswith("#"):
        hashes = len(stripped) - len(stripped.lstrip("#"))
        rest = stripped[hashes:]
        return True, False, line_start + lead + hashes + (len(rest) - len(rest.lstrip()))
    if stripped[:2] in ("- ", "* ", "• "):
        return False, True, line_start + lead + 2
    return False, False, line_start + lead


Unit = tuple[Piece, ...]


def _units(
    text: str, start: int, end: int, occurrences: Sequence[tuple[int, int, int]]
) -> list[Unit]:
    """The line's unbreakable units: words of fixed text, glued to any point they touch."""
    pieces: list[Piece] = []
    cursor = start
    for occ_start, occ_end, slot in occurrences:
        if occ_start < cursor or occ_end > end:
            continue  # overlapping or crossing the line end: cannot happen for valid points
        if occ_start > cursor:
            pieces.append(Piece(text[cursor:occ_start]))
        pieces.append(Piece("", slot))
        cursor = occ_end
    if cursor < end:
        pieces.append(Piece(text[cursor:end]))
    units: list[Unit] = []
    current: list[Piece] = []
    for piece in pieces:
        if piece.slot >= 0:
            current.append(piece)
            continue
        parts = piece.text.replace("\t", " ").split(" ")
        for index, part in enumerate(parts):
            if index and current:
                units.append(tuple(current))
                current = []
            if part:
                current.append(Piece(part))
    if current:
        units.append(tuple(current))
    return units


def _unit_width(unit: Unit, slots: Sequence[Slot], size: float, bold: bool) -> tuple[float, bool]:
    """Widest width of ``unit`` over every option of its points, and the bold state after it."""
    width = 0.0
    for piece in unit:
        if piece.slot < 0:
            w, bold = text_width(piece.text, bold, size)
            width += w
        else:
            slot = slots[piece.slot]
            widths = [text_width(r, bold, size) for r in slot.renderings]
            width += max(w for w, _ in widths)
            bold = widths[slot.original][1]
    return width, bold


def _wrap(
    units: Sequence[Unit],
    slots: Sequence[Slot],
    available: float,
    space: float,
    size: float,
    heading: bool,
) -> list[tuple[bool, list[Unit]]]:
    """Greedy line filling; each line with the bold state it starts in."""
    lines: list[tuple[bool, list[Unit]]] = []
    current: list[Unit] = []
    width = 0.0
    bold = heading
    start_bold = bold
    for unit in units:
        before = bold
        w, bold = _unit_width(unit, slots, size, bold)
        extra = w if not current else space + w
        if current and width + extra > available:
            lines.append((start_bold, current))
            current, width, start_bold = [unit], w, before
        else:
            current.append(unit)
            width += extra
    if current:
        lines.append((start_bold, current))
    return lines


def _split(
    units: Sequence[Unit], slots: Sequence[Slot], size: float, space: float, bold: bool
) -> tuple[tuple[Unit, ...], ...]:
    """Cut a line into two blocks at the unit boundary nearest the middle of its width."""
    if len(units) < 2:
        return (tuple(units),)
    widths = []
    for unit in units:
        w, bold = _unit_width(unit, slots, size, bold)
        widths.append(w)
    total = sum(widths) + space * (len(units) - 1)
    best, best_gap, running = 1, float("inf"), 0.0
    for index in range(1, len(units)):
        running += widths[index - 1] + (space if index > 1 else 0.0)
        gap = abs(running - total / 2)
        if gap < best_gap:
            best, best_gap = index, gap
    return (tuple(units[:best]), tuple(units[best:]))
