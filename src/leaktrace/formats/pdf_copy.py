"""Typeset a recipient's copy as PDF: the copy's wording on the version's fixed layout, with the
layout channel's micro-shifts and, by default, a visible line naming the copy.

The fixed layout (:func:`leaktrace.layout.typeset`) is computed once per batch; each copy only
fills in its wording and moves each block's baseline by ``±shift_pt``. Fonts are embedded (the
Vera family shipped with reportlab) so every viewer and rasteriser puts every glyph where this
module put it. Output is deterministic: the same copy gives the same bytes.

Example:
    >>> from leaktrace.layout import typeset
    >>> layout = typeset("He said that he would resign.", [])
    >>> writer = PdfCopyWriter(layout, title="Note")
    >>> writer.write([], {}, visible_mark="Copy 1").startswith(b"%PDF")
    True
"""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence

import numpy as np
import numpy.typing as npt
from reportlab.lib.colors import Color
from reportlab.pdfgen.canvas import Canvas

from leaktrace.layout import (
    BOLD_FONT,
    BOLD_MARK,
    REGULAR_FONT,
    Layout,
    TypesetLine,
    register_fonts,
    text_width,
)

_MARK_GREY = Color(0.35, 0.35, 0.35)
_MARK_SIZE = 8.0

Choices = Sequence[int] | npt.NDArray[np.uint8]


class PdfCopyWriter:
    """Writes PDF copies of one version on its fixed layout (see the module docstring)."""

    def __init__(self, layout: Layout, *, title: str, subject: str = "") -> None:
        register_fonts()
        self.layout = layout
        self.title = title
        self.subject = subject
        self._space = text_width(" ", False, layout.geometry.font_size_pt)[0]

    def write(
        self,
        choices: Choices,
        layout_options: Mapping[str, int],
        *,
        visible_mark: str | None = None,
    ) -> bytes:
        """One copy: ``choices`` per point column; ``layout_options`` per block key (0 raises
        the block by ``shift_pt``, 1 lowers it; a block without an entry stays on its row)."""
        geometry = self.layout.geometry
        buffer = io.BytesIO()
        canvas = Canvas(
            buffer,
            pagesize=(geometry.width_pt, geometry.height_pt),
            invariant=True,
            pageCompression=1,
        )
        canvas.setTitle(self.title)
        if self.subject:
            canvas.setSubject(self.subject)
        canvas.setCreator("leaktrace")
        pages = max(self.layout.pages, 1)
        by_page: dict[int, list[TypesetLine]] = {}
        for line in self.layout.lines:
            by_page.setdefault(line.page, []).append(line)
        for page in range(1, pages + 1):
            for line in by_page.get(page, []):
                self._draw_line(canvas, line, choices, layout_options)
            self._draw_footer(canvas, page, pages, visible_mark)
            canvas.showPage()
        canvas.save()
        return buffer.getvalue()

    def _draw_line(
        self,
        canvas: Canvas,
        line: TypesetLine,
        choices: Choices,
        layout_options: Mapping[str, int],
    ) -> None:
        geometry = self.layout.geometry
        size = geometry.font_size_pt
        baseline = geometry.height_pt - geometry.baseline_from_top(line.row)
        x = geometry.left_pt + line.indent_pt
        bold = line.bold
        if line.bullet:
            canvas.setFont(REGULAR_FONT, size)
            canvas.drawString(geometry.left_pt + 3.0, baseline, "•")
        for side, units in enumerate(line.blocks):
            text = " ".join(self.layout.unit_text(unit, choices) for unit in units)
            option = layout_options.get(self.layout.block_key(line.page, line.row, side))
            y = baseline
            if option is not None:
                y += geometry.shift_pt if option == 0 else -geometry.shift_pt
            if side:
                x += self._space
            x, bold = self._draw_text(canvas, x, y, text, bold, size)

    @staticmethod
    def _draw_text(
        canvas: Canvas, x: float, y: float, text: str, bold: bool, size: float
    ) -> tuple[float, bool]:
        """Draw ``text`` from (x, y), ``**`` toggling bold; return the end x and bold state."""
        obj = canvas.beginText(x, y)
        width, _ = text_width(text, bold, size)
        for index, part in enumerate(text.split(BOLD_MARK)):
            if index:
                bold = not bold
            if part:
                obj.setFont(BOLD_FONT if bold else REGULAR_FONT, size)
                obj.textOut(part)
        canvas.drawText(obj)
        return x + width, bold

    def _draw_footer(self, canvas: Canvas, page: int, pages: int, visible_mark: str | None) -> None:
        geometry = self.layout.geometry
        y = geometry.bottom_pt / 2
        canvas.setFillColor(_MARK_GREY)
        canvas.setFont(REGULAR_FONT, _MARK_SIZE)
        if visible_mark:
            canvas.drawString(geometry.left_pt, y, visible_mark)
        canvas.drawRightString(geometry.width_pt - geometry.right_pt, y, f"Page {page} of {pages}")
        canvas.setFillColor(Color(0, 0, 0))
