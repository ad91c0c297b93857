"""Write a recipient's copy as DOCX: the author's own file with the copy's wording put back in.

For a version read from a DOCX, the copy is that very file: only the ``w:t`` text of paragraphs
that hold a changed variation point is edited, and every other byte of the package (styles,
numbering, tables, headers and footers, sections, pictures, properties) is copied unchanged.
Within a paragraph, the run where a point starts takes the new wording, and later runs the point
covered lose the characters it covered, so each word keeps the formatting it had (a bold name
stays bold). Paragraphs are found again by the ranges the reader recorded
(:mod:`leaktrace.formats.extract`), numbered by :mod:`leaktrace.formats.wordml`.

For any other source (text, markdown, PDF, HTML, e-mail) a clean DOCX is built from the copy's
text: ``#`` lines as headings, ``- `` lines as bulleted items, ``|`` rows as a table.

:class:`DocxCopyWriter` parses the template once, so writing hundreds of copies of a batch costs
one XML copy and one ZIP per copy.

Example:
    >>> from leaktrace.variants.engine import find_points
    >>> text = "He said that he would resign."
    >>> writer = DocxCopyWriter(None, text, find_points(text))
    >>> writer.write([1])[:2]
    b'PK'
"""

from __future__ import annotations

import copy
import json
import re
import zipfile
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from io import BytesIO
from typing import Any

import numpy as np
import numpy.typing as npt

from leaktrace.errors import InputError
from leaktrace.formats import wordml
from leaktrace.model import VariationPoint
from leaktrace.render import CopyRenderer
from leaktrace.store.records import SourceFile

Choices = Sequence[int] | npt.NDArray[np.uint8]
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
_HEADING = re.compile(r"^(#{1,6})\s+(.*)$")
_ITEM = re.compile(r"^\s*[-*•]\s+(.*)$")
_RULE_CELL = re.compile(r"^:?-{2,}:?$")
_SPECIAL = re.compile(r"^\s*(?:#{1,6}\s|[-*•]\s|\|)")


def docx_copy(
    source: SourceFile | None,
    text: str,
    points: Sequence[VariationPoint],
    choices: Choices,
) -> bytes:
    """One recipient's copy as DOCX bytes (for many copies, use :class:`DocxCopyWriter`).

    Raises:
        InputError: the stored source DOCX cannot be read.
    """
    return DocxCopyWriter(source, text, points).write(choices)


class DocxCopyWriter:
    """Writes DOCX copies of one version: ``write(choices)`` gives one recipient's file.

    ``choices[i]`` is the option chosen at ``points[i]`` (a row of
    :func:`leaktrace.mark.option_matrix`), exactly as :class:`leaktrace.render.CopyRenderer`
    takes them, and the copy's text is the text that renderer writes. A writer keeps parsed
    state between copies: use one per batch and per thread.

    Example:
        >>> from leaktrace.variants.engine import find_points
        >>> text = "We said that the plan would begin soon."
        >>> writer = DocxCopyWriter(None, text, find_points(text))
        >>> len(writer.unplaced)
        0

    Raises:
        InputError: the stored source DOCX cannot be read.
    """

    def __init__(
        self, source: SourceFile | None, text: str, points: Sequence[VariationPoint]
    ) -> None:
        self._impl: _IntoOriginal | _FromText
        if source is not None and source.suffix == ".docx" and source.structure_json:
            self._impl = _IntoOriginal(source, text, points)
        else:
            self._impl = _FromText(text, points, one_paragraph_per_line=source is not None)

    @property
    def unplaced(self) -> tuple[str, ...]:
        """Keys of points with an occurrence outside any paragraph of the source DOCX: copies
        keep the author's wording there. Always empty for documents leaktrace read itself."""
        return self._impl.unplaced

    def write(self, choices: Choices) -> bytes:
        """The DOCX bytes of the copy with ``choices``."""
        return self._impl.write(choices)


@dataclass(frozen=True)
class _Edit:
    column: int
    part: int
    paragraph: int
    start: int  # in the paragraph's text
    end: int
    original: str
    renderings: tuple[str, ...]


class _IntoOriginal:
    """Copies written into the author's DOCX, editing only the text of changed paragraphs."""

    def __init__(self, source: SourceFile, text: str, points: Sequence[VariationPoint]) -> None:
        etree = _lxml()
        structure = json.loads(source.structure_json or "{}")
        self._names: list[str] = [name.lstrip("/") for name in structure["parts"]]
        try:
            with zipfile.ZipFile(BytesIO(source.data)) as package:
                self._entries = [(info, package.read(info)) for info in package.infolist()]
            contents = dict((info.filename, data) for info, data in self._entries)
            self._roots = [etree.fromstring(contents[name]) for name in self._names]
        except (zipfile.BadZipFile, KeyError, ValueError, OSError, etree.XMLSyntaxError):
            raise InputError(
                f"the stored source file {source.filename} cannot be read as DOCX; add the "
                "document again"
            ) from None
        entries = sorted(structure["paragraphs"], key=lambda e: e[3])
        starts = [entry[3] for entry in entries]
        edits: list[_Edit] = []
        unplaced: list[str] = []
        for column, point in enumerate(points):
            for occ in point.occurrences:
                at = bisect_right(starts, occ.start) - 1
                if at < 0 or not entries[at][3] <= occ.start <= occ.end <= entries[at][4]:
                    unplaced.append(point.key)
                    continue
                part, number, offset, begin, _ = entries[at]
                local = occ.start - begin + offset
                edits.append(
                    _Edit(
                        column,
                        part,
                        number,
                        local,
                        local + occ.end - occ.start,
                        text[occ.start : occ.end],
                        occ.renderings,
                    )
                )
        self._edits = edits
        self.unplaced = tuple(dict.fromkeys(unplaced))

    def write(self, choices: Choices) -> bytes:
        etree = _lxml()
        changes: dict[int, dict[int, list[tuple[int, int, str]]]] = defaultdict(
            lambda: defaultdict(list)
        )
        for edit in self._edits:
            new = edit.renderings[choices[edit.column]]
            if new != edit.original:
                changes[edit.part][edit.paragraph].append((edit.start, edit.end, new))
        replaced: dict[str, bytes] = {}
        for part, by_paragraph in changes.items():
            root = copy.deepcopy(self._roots[part])
            body = root.find(wordml.w("body"))
            found = wordml.paragraphs(root if body is None else body)
            for number, edits in by_paragraph.items():
                _apply(found[number].element, edits)
            replaced[self._names[part]] = etree.tostring(
                root, xml_declaration=True, encoding="UTF-8", standalone=True
            )
        out = BytesIO()
        with zipfile.ZipFile(out, "w") as package:
            for info, data in self._entries:
                package.writestr(info, replaced.get(info.filename, data))
        return out.getvalue()


def _apply(paragraph: Any, edits: list[tuple[int, int, str]]) -> None:
    """Put each ``(start, end, new)`` into the paragraph's runs, right to left."""
    units = wordml.text_units(paragraph)
    spans: list[tuple[Any, int, int, bool]] = []
    position = 0
    for element, shown in units:
        spans.append((element, position, len(shown), element.tag == wordml.w("t")))
        position += len(shown)
    texts = [s for s in spans if s[3]]
    if not texts:
        return
    for start, end, new in sorted(edits, reverse=True):
        anchor = _anchor(texts, start, end)
        element, a_start, a_len, _ = anchor
        current = element.text or ""
        cut_from = min(max(start - a_start, 0), a_len)
        cut_to = max(min(max(end - a_start, 0), a_len), cut_from)
        _set_text(element, current[:cut_from] + new + current[cut_to:])
        for other in spans:
            element, u_start, u_len, is_text = other
            if other is anchor or u_len == 0 or not (u_start < end and start < u_start + u_len):
                continue
            if is_text:
                current = element.text or ""
                low = min(max(start - u_start, 0), u_len)
                high = min(max(end - u_start, 0), u_len)
                _set_text(element, current[:low] + current[high:])
            elif element.getparent() is not None:
                element.getparent().remove(element)


def _anchor(
    texts: list[tuple[Any, int, int, bool]], start: int, end: int
) -> tuple[Any, int, int, bool]:
    """The run text that takes a point's new wording: the one where the point starts (for an
    insertion, the one it follows), else the nearest before it, else the first."""
    for unit in texts:
        _, u_start, u_len, _ = unit
        if start < end and u_start <= start < u_start + u_len:
            return unit
        if start == end and (u_start < start <= u_start + u_len or start == u_start == 0):
            return unit
    before = [unit for unit in texts if unit[1] + unit[2] <= start]
    return before[-1] if before else texts[0]


def _set_text(element: Any, text: str) -> None:
    element.text = text
    if text[:1].isspace() or text[-1:].isspace():
        element.set(_XML_SPACE, "preserve")


class _FromText:
    """Copies built as a clean DOCX from the copy's text (for sources that are not DOCX).

    One python-docx document is kept: each copy empties its body, fills it, and writes only
    ``word/document.xml`` anew next to the template's other parts.
    """

    def __init__(
        self, text: str, points: Sequence[VariationPoint], *, one_paragraph_per_line: bool
    ) -> None:
        docx = _python_docx()
        self._renderer = CopyRenderer(text, points)
        self._per_line = one_paragraph_per_line
        template = BytesIO()
        docx.Document().save(template)
        with zipfile.ZipFile(template) as package:
            self._entries = [(info, package.read(info)) for info in package.infolist()]
        self._document = docx.Document(template)
        self._name = str(self._document.part.partname).lstrip("/")
        self.unplaced: tuple[str, ...] = ()

    def write(self, choices: Choices) -> bytes:
        etree = _lxml()
        document = self._document
        body = document.element.body
        for child in list(body):
            if child.tag != wordml.w("sectPr"):
                body.remove(child)
        for block in re.split(r"\n[ \t]*\n", self._renderer.render(choices)):
            self._block(document, block)
        xml = etree.tostring(
            document.element, xml_declaration=True, encoding="UTF-8", standalone=True
        )
        out = BytesIO()
        with zipfile.ZipFile(out, "w") as package:
            for info, data in self._entries:
                package.writestr(info, xml if info.filename == self._name else data)
        return out.getvalue()

    def _block(self, document: Any, block: str) -> None:
        lines = [line for line in block.splitlines() if line.strip()]
        plain = [line for line in lines if not _SPECIAL.match(line)]
        # Wrapped prose is joined; short lines (header fields, addresses) stay lines.
        per_line = self._per_line or any(len(line.strip()) < 40 for line in plain[:-1])
        prose: list[str] = []
        rows: list[list[str]] = []

        def flush() -> None:
            if prose:
                document.add_paragraph(" ".join(prose))
                prose.clear()
            if rows:
                _add_table(document, rows)
                rows.clear()

        for line in lines:
            stripped = line.strip()
            heading = _HEADING.match(stripped)
            item = _ITEM.match(line)
            if stripped.startswith("|"):
                if prose:
                    flush()
                cells = [cell.strip() for cell in stripped.strip("|").split("|")]
                if not all(_RULE_CELL.match(cell) for cell in cells if cell):
                    rows.append(cells)
                continue
            if rows or heading or item or per_line:
                flush()
            if heading:
                document.add_heading(heading.group(2).strip(), level=len(heading.group(1)))
            elif item:
                document.add_paragraph(item.group(1), style="List Bullet")
            elif per_line:
                document.add_paragraph(stripped)
            else:
                prose.append(stripped)
        flush()


def _add_table(document: Any, rows: list[list[str]]) -> None:
    width = max(len(row) for row in rows)
    table = document.add_table(rows=len(rows), cols=width)
    table.style = "Table Grid"
    for row, cells in zip(table.rows, rows, strict=True):
        for cell, value in zip(row.cells, cells, strict=False):
            cell.text = value


def _lxml() -> Any:
    try:
        from lxml import etree
    except ImportError:
        raise InputError(
            "writing .docx copies needs python-docx (a dependency of leaktrace): "
            "pip install python-docx"
        ) from None
    return etree


def _python_docx() -> Any:
    try:
        import docx
    except ImportError:
        raise InputError(
            "writing .docx copies needs python-docx (a dependency of leaktrace): "
            "pip install python-docx"
        ) from None
    return docx
