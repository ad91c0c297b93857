"""Whatever surfaced, as the tracer needs it: its words, and a reader for its layout channel.

A leak reaches an investigator as text (an article, an extract), a file (DOCX, PDF, HTML, an
e-mail) or a picture (a screenshot, a scan, a phone photo of a printed page). :func:`read_surfaced`
turns each into a :class:`Surfaced`: the words for the text channel and, for a PDF or a picture,
a :data:`~leaktrace.layout.LayoutReader` for the layout channel. Nothing here looks at any
recipient: it only describes the input.

Example:
    >>> item = read_surfaced(b"He said he would resign.", "extract.txt", 1000)
    >>> item.text, item.kind, item.layout is None
    ('He said he would resign.', 'text', True)
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from leaktrace.documents import TEXT_FORMATS, decode_text
from leaktrace.errors import BinaryInputError, InputError, TooLargeError
from leaktrace.layout import LayoutReader, LayoutReading, Skeleton

DOCUMENT_SUFFIXES = frozenset({".docx", ".html", ".htm", ".eml"})
IMAGE_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".tif", ".tiff", ".bmp", ".webp"})
TRACEABLE = sorted({*TEXT_FORMATS, *DOCUMENT_SUFFIXES, ".pdf", *IMAGE_SUFFIXES})


@dataclass(frozen=True)
class Surfaced:
    """An input ready to trace: its words, its kind, and how to read its layout (if any)."""

    text: str
    kind: str
    """``text``, ``docx``, ``html``, ``eml``, ``pdf`` or ``image``."""
    layout: LayoutReader | None = None
    notes: tuple[str, ...] = field(default=())
    """How the input was read (OCR, page found and straightened), for the report."""


def read_surfaced(
    data: bytes, filename: str, max_bytes: int, *, tesseract: str = "tesseract"
) -> Surfaced:
    """Read ``data`` (named ``filename``, whose suffix says its kind) for tracing.

    Raises:
        InputError: an unsupported kind, or a file that cannot be read (corrupt, encrypted,
            empty, too large); the message says what to do.
    """
    if len(data) > max_bytes:
        raise TooLargeError(
            f"{filename} is {len(data):,} bytes, over the limit of {max_bytes:,}; "
            "raise LEAKTRACE_MAX_INPUT_BYTES if this really is one item"
        )
    suffix = Path(filename).suffix.lower()
    if suffix in TEXT_FORMATS:
        return Surfaced(decode_text(data, filename, max_bytes), "text")
    if suffix in DOCUMENT_SUFFIXES:
        from leaktrace.formats.extract import extract_trace_text

        return Surfaced(extract_trace_text(data, filename, max_bytes), suffix.lstrip(".")[:4])
    if suffix == ".pdf":
        return _read_pdf(data, filename, max_bytes)
    if suffix in IMAGE_SUFFIXES:
        return _read_image(data, filename, tesseract)
    # Any other name (.log, .text, no suffix) is read as text if it is text.
    try:
        return Surfaced(decode_text(data, filename, max_bytes), "text")
    except BinaryInputError:
        raise BinaryInputError(
            f"{filename} is a binary file of a kind leaktrace cannot read ({suffix}); give text, "
            f"a document ({', '.join(s for s in TRACEABLE if s not in TEXT_FORMATS)}) or a "
            "picture of a page"
        ) from None


def _read_pdf(data: bytes, filename: str, max_bytes: int) -> Surfaced:
    from leaktrace.formats.extract import extract_trace_text
    from leaktrace.formats.pdf_layout import drawn_text, read_pdf_layout

    text = extract_trace_text(data, filename, max_bytes)
    try:
        drawn = drawn_text(data)
    except Exception:  # pypdf raises many types; the text was read, the layout is extra
        drawn = []

    def layout(skeleton: Skeleton) -> Sequence[LayoutReading]:
        return read_pdf_layout(drawn, skeleton)

    return Surfaced(text, "pdf", layout, ("text and layout read from the PDF's text layer",))


def _read_image(data: bytes, filename: str, tesseract: str) -> Surfaced:
    from leaktrace.formats.images import load_image, rectify
    from leaktrace.formats.ocr import ocr_text, ocr_words
    from leaktrace.layout_read import read_layout

    gray = rectify(load_image(data, filename))
    words = ocr_words(gray, tesseract=tesseract)
    text = ocr_text(words)
    if not text.strip():
        raise InputError(
            f"{filename}: no words could be read from the picture; give a sharper or larger "
            "picture of the page (at least about 100 dpi)"
        )

    def layout(skeleton: Skeleton) -> Sequence[LayoutReading]:
        return read_layout(gray, words, skeleton)

    return Surfaced(text, "image", layout, ("words read by Tesseract OCR",))
