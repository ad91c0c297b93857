"""WordprocessingML: walk a DOCX part's paragraphs in one fixed order and read their text.

Reading a DOCX (:mod:`leaktrace.formats.extract`) and writing a copy back into it
(:mod:`leaktrace.formats.docx_copy`) must agree on which paragraph is which and on every
character of its text. Both use this module: :func:`read_blocks` numbers the paragraphs of a part
in document order (body paragraphs, then each table row by row and cell by cell, nested tables
inside their cell), and :func:`text_units` lists the XML elements a paragraph's text comes from.

Text in text boxes, deleted revisions and field codes is not part of a paragraph's text; tabs
and line breaks read as one space, so a paragraph is always one line.

Example:
    >>> from lxml import etree
    >>> body = etree.fromstring(
    ...     f'<w:body xmlns:w="{W}"><w:p><w:r><w:t>Hi</w:t><w:tab/><w:t>there</w:t></w:r></w:p>'
    ...     '</w:body>')
    >>> [paragraph_text(p.element) for p in read_blocks(body)]
    ['Hi there']
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"

Element = Any
"""An lxml element (lxml ships no type information)."""


def w(tag: str) -> str:
    """The Clark name of a WordprocessingML tag: ``w("p")`` is ``{...main}p``."""
    return f"{{{W}}}{tag}"


_P, _TBL, _TR, _TC, _SDT, _SDT_CONTENT = (
    w("p"),
    w("tbl"),
    w("tr"),
    w("tc"),
    w("sdt"),
    w("sdtContent"),
)
_CUSTOM_XML = w("customXml")
_T = w("t")
_FLD_CHAR, _FLD_SIMPLE = w("fldChar"), w("fldSimple")
_AS_SPACE = frozenset({w("tab"), w("br"), w("cr"), w("ptab")})
_AS_HYPHEN = frozenset({w("noBreakHyphen")})
# Subtrees whose text is not the paragraph's: properties, deleted revisions, text boxes (their
# own paragraphs), and the fallback copy of drawings that old readers would show instead.
_SKIPPED = frozenset(
    {
        w("pPr"),
        w("rPr"),
        w("del"),
        w("moveFrom"),
        w("txbxContent"),
        w("delText"),
        w("instrText"),
        f"{{{_MC}}}Fallback",
    }
)
REVISIONS = (w("ins"), w("del"), w("moveFrom"), w("moveTo"))


@dataclass(frozen=True)
class Paragraph:
    """A paragraph of a part and its number in :func:`read_blocks` order."""

    index: int
    element: Element


@dataclass(frozen=True)
class Table:
    """A table: rows of cells, each cell its paragraphs (nested tables flattened in order)."""

    rows: list[list[list[Paragraph]]] = field(default_factory=list)


Block = Paragraph | Table


def read_blocks(container: Element) -> list[Block]:
    """The paragraphs and tables of ``container`` (``w:body``, ``w:hdr``, ``w:ftr``) in order."""
    counter = iter(range(1 << 62))
    return list(_blocks(container, counter))


def paragraphs(container: Element) -> list[Paragraph]:
    """Every paragraph of ``container``, numbered as :func:`read_blocks` numbers them."""
    found: list[Paragraph] = []
    for block in read_blocks(container):
        if isinstance(block, Paragraph):
            found.append(block)
        else:
            found += [p for row in block.rows for cell in row for p in cell]
    return found


def _blocks(container: Element, counter: Iterator[int]) -> Iterator[Block]:
    for child in container:
        tag = child.tag
        if tag == _P:
            yield Paragraph(next(counter), child)
        elif tag == _TBL:
            yield _table(child, counter)
        elif tag in (_SDT, _SDT_CONTENT, _CUSTOM_XML):
            inner = child.find(_SDT_CONTENT) if tag == _SDT else child
            if inner is not None:
                yield from _blocks(inner, counter)


def _table(table: Element, counter: Iterator[int]) -> Table:
    result = Table()
    for row in _children(table, _TR):
        cells: list[list[Paragraph]] = []
        for cell in _children(row, _TC):
            found: list[Paragraph] = []
            for block in _blocks(cell, counter):
                if isinstance(block, Paragraph):
                    found.append(block)
                else:
                    found += [p for r in block.rows for c in r for p in c]
            cells.append(found)
        result.rows.append(cells)
    return result


def _children(parent: Element, tag: str) -> Iterator[Element]:
    """Direct children with ``tag``, looking through content controls (``w:sdt``)."""
    for child in parent:
        if child.tag == tag:
            yield child
        elif child.tag == _SDT:
            inner = child.find(_SDT_CONTENT)
            if inner is not None:
                yield from _children(inner, tag)
        elif child.tag == _CUSTOM_XML:
            yield from _children(child, tag)


def text_units(paragraph: Element) -> list[tuple[Element, str]]:
    """The elements a paragraph's text comes from, in order, each with the text it shows.

    ``w:t`` elements show their text; tabs and breaks show one space; a non-breaking hyphen a
    hyphen. Only ``w:t`` elements are ever edited when a copy is written.
    """
    return [(element, shown) for element, shown, _ in _units(paragraph)]


def field_spans(paragraph: Element) -> list[tuple[int, int]]:
    """The ``[start, end)`` ranges of the paragraph's text that fields show (page numbers,
    dates, cross-references, tables of contents): Word may recompute them, so they never vary.
    """
    spans: list[tuple[int, int]] = []
    position = 0
    for _, shown, in_field in _units(paragraph):
        end = position + len(shown)
        if in_field and shown:
            if spans and spans[-1][1] == position:
                spans[-1] = (spans[-1][0], end)
            else:
                spans.append((position, end))
        position = end
    return spans


def _units(paragraph: Element) -> list[tuple[Element, str, bool]]:
    units: list[tuple[Element, str, bool]] = []
    _collect(paragraph, units, [0], False)
    return units


def _collect(
    element: Element, units: list[tuple[Element, str, bool]], depth: list[int], simple: bool
) -> None:
    """Append the text units under ``element``; ``depth`` counts the complex fields open."""
    for child in element:
        tag = child.tag
        if not isinstance(tag, str) or tag in _SKIPPED or tag == _P:
            continue
        in_field = simple or depth[0] > 0
        if tag == _T:
            units.append((child, child.text or "", in_field))
        elif tag in _AS_SPACE:
            units.append((child, " ", in_field))
        elif tag in _AS_HYPHEN:
            units.append((child, "-", in_field))
        elif tag == _FLD_CHAR:
            kind = child.get(w("fldCharType"))
            depth[0] += 1 if kind == "begin" else -1 if kind == "end" and depth[0] else 0
        else:
            _collect(child, units, depth, simple or tag == _FLD_SIMPLE)


def paragraph_text(paragraph: Element) -> str:
    """The text of a paragraph as one line (line breaks and tabs as spaces).

    Characters that would end the line (vertical tabs, form feeds, Unicode line separators)
    read as spaces too, one for one, so offsets stay those of the XML text.
    """
    text = "".join(piece for _, piece in text_units(paragraph))
    return _LINE_ENDS.sub(" ", text)


_LINE_ENDS = re.compile(r"[\r\n\v\f\x1c-\x1e\x85\u2028\u2029]")


def has_revisions(root: Element) -> bool:
    """Whether a part holds tracked changes (insertions, deletions or moves)."""
    return any(True for _ in root.iter(*REVISIONS))


def style_id(paragraph: Element) -> str | None:
    """The id of the paragraph's own style (``w:pStyle``), if it names one."""
    style = paragraph.find(f"{w('pPr')}/{w('pStyle')}")
    return None if style is None else style.get(w("val"))


def is_numbered(paragraph: Element) -> bool:
    """Whether the paragraph carries its own list numbering (``w:numPr``)."""
    return paragraph.find(f"{w('pPr')}/{w('numPr')}") is not None


def outline_level(paragraph: Element) -> int | None:
    """The paragraph's own outline level (0 for a top heading), if set directly."""
    level = paragraph.find(f"{w('pPr')}/{w('outlineLvl')}")
    if level is None:
        return None
    value = level.get(w("val"), "")
    return int(value) if value.isdigit() else None
