"""A recipient's copy as HTML: the typeset pages as SVG, so a screenshot carries the layout marks.

A browser reflows ordinary HTML to the window's width, which would scatter any layout mark. The
copy is therefore drawn as one SVG per page from the same drawing as the PDF
(:func:`leaktrace.formats.drawing.draw_copy`): same font (embedded), same line breaks, same
per-block micro-shifts. The text stays selectable and searchable. The reader portal shows the
pages inline (:func:`svg_page`, styled by the portal's stylesheet); :class:`HtmlCopyWriter`
writes a standalone file with its font embedded.

Example:
    >>> from leaktrace.layout import typeset
    >>> layout = typeset("He said that he would resign.", [])
    >>> html = HtmlCopyWriter(layout, title="Note").write([], {}, visible_mark=None)
    >>> b"<svg" in html and b"resign." in html
    True
"""

from __future__ import annotations

import base64
from collections.abc import Mapping
from functools import cache
from html import escape
from pathlib import Path

import reportlab

from leaktrace.formats.drawing import FOOTER_SIZE, Choices, DrawnPage, draw_copy
from leaktrace.layout import Layout, PageGeometry

FONT_FAMILY = "LeaktraceSans"
FONT_FILES = {"regular": "Vera.ttf", "bold": "VeraBd.ttf"}
"""The embedded fonts, from the Vera family that reportlab ships (Bitstream Vera licence)."""


def font_path(weight: str) -> Path:
    """Where the font file of ``weight`` (``regular`` or ``bold``) lies."""
    return Path(reportlab.__file__).parent / "fonts" / FONT_FILES[weight]


def svg_page(page: DrawnPage, geometry: PageGeometry) -> str:
    """One page as SVG markup (every text escaped), for a stylesheet that sets the font family
    (:data:`FONT_FAMILY`), ``white-space: pre`` and ``font-kerning: none`` on ``svg.lt-page``."""
    width, height = geometry.width_pt, geometry.height_pt
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="lt-page" viewBox="0 0 {width:.2f} '
        f'{height:.2f}" role="img" aria-label="{escape(page.label)}">',
        f'<rect width="{width:.2f}" height="{height:.2f}" fill="#fff"/>',
    ]
    for block in page.blocks:
        runs = "".join(
            f'<tspan font-weight="bold">{escape(text)}</tspan>' if bold else escape(text)
            for text, bold in block.fragments
        )
        parts.append(
            f'<text x="{block.x:.3f}" y="{block.y:.3f}" font-size="{block.size:g}">{runs}</text>'
        )
    footer_y = f"{page.footer_y:.3f}"
    if page.footer:
        parts.append(
            f'<text x="{geometry.left_pt:.3f}" y="{footer_y}" font-size="{FOOTER_SIZE:g}" '
            f'fill="#595959">{escape(page.footer)}</text>'
        )
    parts.append(
        f'<text x="{width - geometry.right_pt:.3f}" y="{footer_y}" font-size="{FOOTER_SIZE:g}" '
        f'fill="#595959" text-anchor="end">{escape(page.label)}</text>'
    )
    parts.append("</svg>")
    return "".join(parts)


@cache
def _embedded_fonts() -> str:
    faces = []
    for weight, css_weight in (("regular", "normal"), ("bold", "bold")):
        data = base64.b64encode(font_path(weight).read_bytes()).decode("ascii")
        faces.append(
            f"@font-face{{font-family:{FONT_FAMILY};font-weight:{css_weight};"
            f"src:url(data:font/ttf;base64,{data}) format('truetype')}}"
        )
    return "".join(faces)


_PAGE_STYLE = (
    "body{margin:0;background:#e8e8e8}"
    "svg.lt-page{display:block;width:min(100%,820px);height:auto;margin:16px auto;"
    "box-shadow:0 1px 4px rgba(0,0,0,.25)}"
    f"svg.lt-page text{{font-family:{FONT_FAMILY};white-space:pre;font-kerning:none;"
    # Unhinted glyphs: a block's shift shows as a grey-level change, not a whole-pixel jump.
    "text-rendering:geometricPrecision}"
)


class HtmlCopyWriter:
    """Writes standalone HTML copies of one version on its fixed layout."""

    def __init__(self, layout: Layout, *, title: str) -> None:
        self.layout = layout
        self.title = title

    def write(
        self, choices: Choices, layout_options: Mapping[str, int], *, visible_mark: str | None
    ) -> bytes:
        pages = draw_copy(self.layout, choices, layout_options, visible_mark=visible_mark)
        body = "\n".join(svg_page(page, self.layout.geometry) for page in pages)
        document = (
            '<!doctype html>\n<html lang="en"><head><meta charset="utf-8">'
            f"<title>{escape(self.title)}</title>"
            f"<style>{_embedded_fonts()}{_PAGE_STYLE}</style></head>\n<body>\n{body}\n</body></html>\n"
        )
        return document.encode("utf-8")
