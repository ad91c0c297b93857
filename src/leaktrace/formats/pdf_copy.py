"""Typeset a recipient's copy as PDF: the copy's wording on the version's fixed layout, with the
layout channel's micro-shifts and, by default, a visible line naming the copy.

The fixed layout (:func:`leaktrace.layout.typeset`) is computed once per batch; each copy only
fills in its wording and moves each block's baseline by ``±shift_pt``
(:func:`leaktrace.formats.drawing.draw_copy`). Fonts are embedded (the Vera family shipped with
reportlab) so every viewer and rasteriser puts every glyph where this module put it. Output is
deterministic: the same copy gives the same bytes.

Example:
    >>> from leaktrace.layout import typeset
    >>> layout = typeset("He said that he would resign.", [])
    >>> writer = PdfCopyWriter(layout, title="Note")
    >>> writer.write([], {}, visible_mark="Copy 1").startswith(b"%PDF")
    True
"""

from __future__ import annotations

import io
from collections.abc import Mapping

from reportlab.lib.colors import Color
from reportlab.pdfgen.canvas import Canvas

from leaktrace.formats.drawing import FOOTER_SIZE, Choices, DrawnPage, draw_copy
from leaktrace.layout import BOLD_FONT, REGULAR_FONT, Layout, register_fonts

_FOOTER_GREY = Color(0.35, 0.35, 0.35)


class PdfCopyWriter:
    """Writes PDF copies of one version on its fixed layout (see the module docstring)."""

    def __init__(self, layout: Layout, *, title: str, subject: str = "") -> None:
        register_fonts()
        self.layout = layout
        self.title = title
        self.subject = subject

    def write(
        self,
        choices: Choices,
        layout_options: Mapping[str, int],
        *,
        visible_mark: str | None = None,
    ) -> bytes:
        """One copy: ``choices`` per point column; ``layout_options`` per block key."""
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
        for page in draw_copy(self.layout, choices, layout_options, visible_mark=visible_mark):
            self._draw_page(canvas, page)
            canvas.showPage()
        canvas.save()
        return buffer.getvalue()

    def _draw_page(self, canvas: Canvas, page: DrawnPage) -> None:
        geometry = self.layout.geometry
        height = geometry.height_pt
        for block in page.blocks:
            text = canvas.beginText(block.x, height - block.y)
            for part, bold in block.fragments:
                text.setFont(BOLD_FONT if bold else REGULAR_FONT, block.size)
                text.textOut(part)
            canvas.drawText(text)
        canvas.setFillColor(_FOOTER_GREY)
        canvas.setFont(REGULAR_FONT, FOOTER_SIZE)
        if page.footer:
            canvas.drawString(geometry.left_pt, height - page.footer_y, page.footer)
        canvas.drawRightString(
            geometry.width_pt - geometry.right_pt, height - page.footer_y, page.label
        )
        canvas.setFillColor(Color(0, 0, 0))
