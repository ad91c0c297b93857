"""Read a document file (.docx, .pdf, .html, .eml, .txt, .md) as the text the engine marks.

The engine works on plain text in which markdown forms say what must never vary: ``# `` headings,
``|`` table rows, header fields and classification markings. Each reader writes its file in
those forms (see :mod:`leaktrace.formats._blocks`), so that variation points fall in prose only.
For a DOCX the result also records where each paragraph's text sits in that plain text
(``structure``), which is what lets :mod:`leaktrace.formats.docx_copy` put a recipient's wording
back into the author's own file.

Every failure is an :class:`~leaktrace.errors.InputError` whose message says what to do: a
damaged or password-protected file, one with no text, one over the size limit.

Example:
    >>> doc = extract_document(b"<h1>Plan</h1><p>We begin soon.</p>", "plan.html", 10_000)
    >>> doc.format, doc.title, doc.text
    ('html', 'Plan', '# Plan\\n\\nWe begin soon.\\n')
"""

from __future__ import annotations

import json
import re
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path, PurePath
from typing import Any

from leaktrace.errors import BinaryInputError, EmptyInputError, InputError, TooLargeError
from leaktrace.formats import wordml
from leaktrace.formats._blocks import HEADER_FOOTER, Cell, TextBuilder
from leaktrace.formats.html_text import decode_html, read_email, read_html
from leaktrace.formats.pdf_text import read_pdf
from leaktrace.model import Span

READERS = {
    ".docx": "docx",
    ".pdf": "pdf",
    ".html": "html",
    ".htm": "html",
    ".eml": "eml",
    ".txt": "txt",
    ".text": "txt",
    ".md": "md",
    ".markdown": "md",
}
"""File suffixes leaktrace reads, and the format each is read as."""

MEDIA_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
    "html": "text/html",
    "eml": "message/rfc822",
    "txt": "text/plain",
    "md": "text/markdown",
}

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_UNPACKED_LIMIT = 40
"""A DOCX may unpack to at most this many times the input size limit (a guard against zip bombs)."""


@dataclass(frozen=True)
class ExtractedDocument:
    """What a reader found in a file: the engine's text and how to find it in the file again.

    ``protected`` are spans of ``text`` no variation point may touch beyond those the engine
    protects itself: page headers and footers, e-mail header lines, and the breaks between
    paragraphs (a point never straddles two paragraphs of a DOCX).

    Example:
        >>> doc = extract_document(b"Dear Board,\\n\\nWe begin soon.", "note.txt", 1000)
        >>> doc.format, doc.structure
        ('txt', None)
    """

    text: str
    format: str
    title: str | None = None
    structure: str | None = None
    protected: tuple[Span, ...] = ()

    @property
    def media_type(self) -> str:
        return MEDIA_TYPES[self.format]


def extract_document(data: bytes, filename: str, max_bytes: int) -> ExtractedDocument:
    """Read ``data`` (the bytes of a file called ``filename``) as the engine's text.

    Raises:
        TooLargeError: the file is over ``max_bytes``.
        BinaryInputError: a text or HTML file that is not text.
        EmptyInputError: the file holds no text (a PDF without a text layer, an empty page).
        InputError: an unsupported suffix, or a damaged or password-protected file.
    """
    name = PurePath(filename).name or "the document"
    fmt = READERS.get(PurePath(filename).suffix.lower())
    if fmt is None:
        raise InputError(
            f"{name}: leaktrace reads .txt and .md text, and .docx, .pdf (with a text layer), "
            ".html and .eml documents; save the file in one of these formats first"
        )
    _check_size(len(data), name, max_bytes)
    builder = TextBuilder()
    title: str | None = None
    structure: str | None = None
    if fmt in ("txt", "md"):
        text = decode_text(data, name, max_bytes)
        return ExtractedDocument(text, fmt, None)
    if fmt == "docx":
        title, structure = _read_docx(data, name, max_bytes, builder)
    elif fmt == "pdf":
        title = read_pdf(data, name, builder)
    elif fmt == "html":
        title = read_html(decode_html(data, name), builder)
    else:
        title = read_email(data, name, builder)
    text = builder.build()
    if not text.strip():
        raise EmptyInputError(f"{name} holds no text; nothing to mark")
    _check_size(len(text.encode("utf-8")), f"the text of {name}", max_bytes)
    protected = [*builder.protected, *(builder.breaks() if fmt == "docx" else [])]
    return ExtractedDocument(text, fmt, title, structure, tuple(sorted(protected, key=_at)))


def extract_trace_text(data: bytes, filename: str, max_bytes: int) -> str:
    """The text of a file that surfaced (a leaked DOCX, PDF, page or e-mail), for tracing.

    Raises:
        InputError: as :func:`extract_document`.
    """
    return extract_document(data, filename, max_bytes).text


def read_input_file(path: Path, max_bytes: int) -> bytes:
    """The bytes of a file given on the command line, or a clear error (missing, too large).

    The size is checked before anything is read, so a huge file is refused without loading it.
    """
    if not path.is_file():
        raise InputError(f"{path} does not exist or is not a file")
    _check_size(path.stat().st_size, str(path), max_bytes)
    return path.read_bytes()


def decode_text(data: bytes, name: str, max_bytes: int) -> str:
    """Text from bytes (an upload, a file), or a clear error: too large, binary, not UTF-8, empty.

    Example:
        >>> decode_text(b"Dear Board,", "note.txt", 100)
        'Dear Board,'
    """
    _check_size(len(data), name, max_bytes)
    if b"\x00" in data[:8192]:
        raise BinaryInputError(
            f"{name} looks like a binary file; give a .txt or .md text file (or a .docx, .pdf, "
            ".html or .eml document under its own suffix)"
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise BinaryInputError(
            f"{name} is not UTF-8 text (byte {error.start}); save it as UTF-8 and try again"
        ) from None
    if not text.strip():
        raise EmptyInputError(f"{name} is empty")
    return text.replace("\r\n", "\n")


def _check_size(size: int, name: str, max_bytes: int) -> None:
    if size > max_bytes:
        raise TooLargeError(
            f"{name} is {size:,} bytes, over the limit of {max_bytes:,}; "
            "raise LEAKTRACE_MAX_INPUT_BYTES if this is really one document"
        )


def _at(span: Span) -> tuple[int, int]:
    return span.start, span.end


# -- DOCX ------------------------------------------------------------------------------------


def open_docx(data: bytes, name: str, max_bytes: int) -> Any:
    """The python-docx ``Document`` of ``data``, after checks that explain what is wrong.

    Raises:
        InputError: not a DOCX (or damaged), password-protected, or too large unpacked.
    """
    if data.startswith(_OLE_MAGIC):
        raise InputError(
            f"{name} is password-protected or an old Word .doc file; remove the password "
            "(File > Info > Protect Document) and save it as .docx, then add that file"
        )
    try:
        with zipfile.ZipFile(BytesIO(data)) as package:
            unpacked = sum(info.file_size for info in package.infolist())
    except (zipfile.BadZipFile, ValueError, OSError):
        raise InputError(
            f"{name} is not a valid .docx file (it is damaged or not a Word document); open it "
            "in Word or LibreOffice and save it as .docx again"
        ) from None
    if unpacked > _UNPACKED_LIMIT * max_bytes:
        raise TooLargeError(
            f"{name} unpacks to {unpacked:,} bytes, over {_UNPACKED_LIMIT} times the limit of "
            f"{max_bytes:,}; remove large pictures or raise LEAKTRACE_MAX_INPUT_BYTES"
        )
    try:
        import docx
    except ImportError:
        raise InputError(
            "reading .docx files needs python-docx (a dependency of leaktrace): "
            "pip install python-docx"
        ) from None
    try:
        return docx.Document(BytesIO(data))
    except Exception as error:  # python-docx raises many kinds on damaged packages
        raise InputError(
            f"{name} is not a valid .docx file ({type(error).__name__}); open it in Word or "
            "LibreOffice and save it as .docx again"
        ) from None


def docx_parts(document: Any) -> list[Any]:
    """The parts whose paragraphs are read: the body, then headers, then footers."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT

    related = [
        rel.target_part
        for rel in document.part.rels.values()
        if not rel.is_external and rel.reltype in (RT.HEADER, RT.FOOTER)
    ]
    unique = {str(part.partname): part for part in related}
    ordered = sorted(unique.values(), key=lambda p: (_is_footer(p), _natural(str(p.partname))))
    return [document.part, *ordered]


def part_container(part: Any) -> Any:
    """The element whose children are a part's paragraphs and tables."""
    root = part.element
    body = root.find(wordml.w("body"))
    return root if body is None else body


def _is_footer(part: Any) -> bool:
    return str(part.content_type).endswith("footer+xml")


def _natural(name: str) -> list[Any]:
    return [int(p) if p.isdigit() else p for p in re.split(r"(\d+)", name)]


def _read_docx(
    data: bytes, name: str, max_bytes: int, builder: TextBuilder
) -> tuple[str | None, str]:
    document = open_docx(data, name, max_bytes)
    try:
        return _docx_text(document, name, builder)
    except InputError:
        raise
    except Exception as error:  # a package python-docx opened but whose parts are malformed
        raise InputError(
            f"{name} is not a valid .docx file ({type(error).__name__}); open it in Word or "
            "LibreOffice and save it as .docx again"
        ) from None


def _docx_text(document: Any, name: str, builder: TextBuilder) -> tuple[str | None, str]:
    parts = docx_parts(document)
    _refuse_review_marks(document, parts, name)
    kinds = _style_kinds(document)
    blocks = [wordml.read_blocks(part_container(part)) for part in parts]
    seen: set[str] = set()
    heading: str | None = None
    for index, part in enumerate(parts):
        if index and not _is_footer(part):
            _emit(builder, blocks[index], index, kinds, HEADER_FOOTER, seen)
    heading = _emit(builder, blocks[0], 0, kinds, "", seen)
    for index, part in enumerate(parts):
        if index and _is_footer(part):
            _emit(builder, blocks[index], index, kinds, HEADER_FOOTER, seen)
    paragraphs: list[list[int]] = []
    for key, (start, end) in builder.ranges.items():
        assert isinstance(key, tuple)
        paragraphs.append([*key, start, end])
    paragraphs.sort(key=lambda entry: entry[3])
    structure = json.dumps(
        {"parts": [str(part.partname) for part in parts], "paragraphs": paragraphs},
        separators=(",", ":"),
    )
    title = (document.core_properties.title or "").strip() or heading
    return title, structure


def _refuse_review_marks(document: Any, parts: Sequence[Any], name: str) -> None:
    """Tracked changes and comments would go to every recipient; the author must settle them."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT

    if any(wordml.has_revisions(part.element) for part in parts):
        raise InputError(
            f"{name} has tracked changes; accept or reject them all (Review > Accept All "
            "Changes), save, and add the file again, so that no copy carries your revisions"
        )
    for rel in document.part.rels.values():
        if rel.is_external or rel.reltype != RT.COMMENTS:
            continue
        from lxml import etree

        comments = etree.fromstring(rel.target_part.blob)
        if any(True for _ in comments.iter(wordml.w("comment"))):
            raise InputError(
                f"{name} has comments; delete them (Review > Delete All Comments in Document), "
                "save, and add the file again, so that no copy carries your comments"
            )


def _style_kinds(document: Any) -> dict[str, str]:
    """Each paragraph style id that makes a heading (``#``, ``##``...) or a list item (``- ``)."""
    kinds: dict[str, str] = {}
    for style in document.styles:
        name = (style.name or "").lower()
        element = style.element
        level = wordml.outline_level(element)
        match = re.fullmatch(r"heading ?(\d)", name)
        if match:
            kinds[style.style_id] = "#" * int(match.group(1)) + " "
        elif name == "title":
            kinds[style.style_id] = "# "
        elif name == "subtitle":
            kinds[style.style_id] = "## "
        elif level is not None and level < 9:
            kinds[style.style_id] = "#" * (level + 1) + " "
        elif name.startswith("list") or wordml.is_numbered(element):
            kinds[style.style_id] = "- "
    return kinds


def _prefix(paragraph: Any, kinds: dict[str, str]) -> str:
    level = wordml.outline_level(paragraph)
    if level is not None and level < 9:
        return "#" * (level + 1) + " "
    prefix = kinds.get(wordml.style_id(paragraph) or "", "")
    if not prefix and wordml.is_numbered(paragraph):
        prefix = "- "
    return prefix


def _emit(
    builder: TextBuilder,
    blocks: Sequence[wordml.Block],
    part: int,
    kinds: dict[str, str],
    protect: str,
    seen: set[str],
) -> str | None:
    """Add one part's blocks; header and footer lines already shown once are left out."""
    first_heading: str | None = None
    for block in blocks:
        if isinstance(block, wordml.Paragraph):
            raw = wordml.paragraph_text(block.element)
            text = raw.strip()
            if not text or (protect and text in seen):
                continue
            seen.add(text)
            prefix = _prefix(block.element, kinds)
            if prefix.startswith("#") and first_heading is None:
                first_heading = text
            offset = len(raw) - len(raw.lstrip())
            ref = (part, block.index, offset)
            builder.paragraph(text, prefix=prefix, ref=ref, protect=protect)
            _protect_fields(builder, block.element, ref, offset)
        else:
            rows: list[list[Cell]] = []
            for row in block.rows:
                cells: list[Cell] = []
                for cell in row:
                    pieces = []
                    for p in cell:
                        raw = wordml.paragraph_text(p.element)
                        offset = len(raw) - len(raw.lstrip())
                        pieces.append((raw.strip(), (part, p.index, offset)))
                    cells.append(pieces)
                rows.append(cells)
            builder.table(rows, protect=protect)
    return first_heading


def _protect_fields(builder: TextBuilder, paragraph: Any, ref: Any, offset: int) -> None:
    """Keep points out of text a Word field shows: Word may recompute it and undo the change."""
    if ref not in builder.ranges:
        return
    start, end = builder.ranges[ref]
    for low, high in wordml.field_spans(paragraph):
        low, high = max(start, start + low - offset), min(end, start + high - offset)
        if low < high:
            builder.protected.append(Span(low, high, "field"))
