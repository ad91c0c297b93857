"""Turn a copy's choices into the file a recipient receives: text, Markdown, DOCX or PDF.

One :class:`CopyWriter` is made per batch (the costly work, such as typesetting the layout or
parsing the author's DOCX, is done once) and called once per recipient. :func:`layout_for`
typesets a version for a batch; :func:`prepare_active` adds the layout channel's points to a PDF
batch's active list *before* the batch is recorded, so the record says exactly what each copy
carries.

Example:
    >>> from leaktrace.variants.engine import find_points
    >>> text = "He said that he would resign."
    >>> points = find_points(text)
    >>> writer = make_writer("txt", text, points, [p.key for p in points], title="Note")
    >>> writer.write([1], None).data
    b'He said he would resign.'
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np
import numpy.typing as npt

from leaktrace import codes
from leaktrace.errors import InputError
from leaktrace.layout import Layout, is_layout_key, layout_ids, typeset
from leaktrace.model import Recipient, VariationPoint
from leaktrace.render import CopyRenderer

FORMATS = ("txt", "md", "docx", "pdf")
MEDIA_TYPES = {
    "txt": "text/plain; charset=utf-8",
    "md": "text/markdown; charset=utf-8",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}
LAYOUT_FORMATS = frozenset({"pdf"})
"""Formats whose copies carry the layout channel."""

Choices = Sequence[int] | npt.NDArray[np.uint8]


@dataclass(frozen=True)
class CopyFile:
    """A copy as bytes, with its text (what the recipient reads, for previews and e-mail)."""

    data: bytes
    text: str


@dataclass(frozen=True)
class VisibleMark:
    """The visible deterrent line: ``Copy 37 — issued to J. Smith, 27 November 2026``."""

    issued: date

    def line(self, recipient: Recipient) -> str:
        name = " ".join(recipient.name.split()) or recipient.external_id
        return f"Copy {recipient.number} — issued to {name}, {self.issued.day} " + (
            f"{self.issued:%B %Y}"
        )


class CopyWriter:
    """Writes one batch's copies in one format; see :func:`make_writer`."""

    def __init__(
        self,
        fmt: str,
        text: str,
        points: Sequence[VariationPoint],
        active: Sequence[str],
        write: Callable[[Choices, Recipient | None, Choices], bytes] | None,
        layout: Layout | None,
    ) -> None:
        self.fmt = fmt
        self.layout = layout
        self._renderer = CopyRenderer(text, points)
        self._write = write
        keys = codes.point_keys(active)
        self.layout_keys = sorted(k for k in keys if is_layout_key(k))

    def write(
        self, choices: Choices, recipient: Recipient | None, layout_options: Choices = ()
    ) -> CopyFile:
        """The copy for ``choices`` (one option per point) and, for PDF, ``layout_options``
        (one per :attr:`layout_keys`)."""
        text = self._renderer.render(choices)
        if self._write is None:
            return CopyFile(text.encode("utf-8"), text)
        return CopyFile(self._write(choices, recipient, layout_options), text)


def layout_for(text: str, points: Sequence[VariationPoint], active: Sequence[str]) -> Layout:
    """The fixed layout of a batch: typeset with the batch's active points only, so that the
    layout depends on nothing the batch record does not say."""
    keys = codes.point_keys(active)
    return typeset(text, [p for p in points if p.key in keys])


def prepare_active(
    fmt: str, text: str, points: Sequence[VariationPoint], active: Sequence[str]
) -> list[str]:
    """The active list to record for a batch in ``fmt``: for PDF, plus the layout's points and
    the entry that records its layout (``@layout:pdf/1:<id>``)."""
    if fmt not in LAYOUT_FORMATS:
        return list(active)
    skeleton = layout_for(text, points, active).skeleton()
    return [*active, *skeleton.keys(), skeleton.mark]


def make_writer(
    fmt: str,
    text: str,
    points: Sequence[VariationPoint],
    active: Sequence[str],
    *,
    title: str,
    source: object | None = None,
    visible_mark: VisibleMark | None = None,
) -> CopyWriter:
    """A writer for one batch. ``source`` is the stored original file of the version (used for
    DOCX copies that keep the author's formatting); ``visible_mark`` adds the deterrent line
    (PDF).

    Raises:
        InputError: unknown format.
    """
    if fmt in ("txt", "md"):
        return CopyWriter(fmt, text, points, active, None, None)
    if fmt == "pdf":
        return _pdf_writer(text, points, active, title, visible_mark)
    if fmt == "docx":
        return _docx_writer(text, points, active, source)
    raise InputError(f"format {fmt!r} is not supported; choose one of {', '.join(FORMATS)}")


def _pdf_writer(
    text: str,
    points: Sequence[VariationPoint],
    active: Sequence[str],
    title: str,
    visible_mark: VisibleMark | None,
) -> CopyWriter:
    from leaktrace.formats.pdf_copy import PdfCopyWriter

    keys = codes.point_keys(active)
    layout = layout_for(text, points, active)
    recorded = layout_ids(active)
    if recorded and recorded != [layout.layout_id]:
        raise InputError(
            "this batch was typeset with a layout this version of leaktrace no longer produces; "
            "issue the document again (the earlier copies still trace)"
        )
    columns = np.array([i for i, p in enumerate(points) if p.key in keys], dtype=np.int64)
    pdf = PdfCopyWriter(layout, title=title)
    block_keys = layout.skeleton().keys()
    writer: CopyWriter

    def write(choices: Choices, recipient: Recipient | None, layout_options: Choices) -> bytes:
        chosen = np.asarray(choices)[columns] if columns.size else np.zeros(0, dtype=np.uint8)
        by_key = dict(zip(writer.layout_keys, (int(o) for o in layout_options), strict=True))
        options = {k: by_key[k] for k in block_keys if k in by_key}
        mark = visible_mark.line(recipient) if visible_mark and recipient else None
        return pdf.write(chosen, options, visible_mark=mark)

    writer = CopyWriter("pdf", text, points, active, write, layout)
    return writer


def _docx_writer(
    text: str, points: Sequence[VariationPoint], active: Sequence[str], source: object | None
) -> CopyWriter:
    from leaktrace.formats.docx_copy import DocxCopyWriter

    docx = DocxCopyWriter(source, text, points)  # type: ignore[arg-type]

    def write(choices: Choices, recipient: Recipient | None, layout_options: Choices) -> bytes:
        return docx.write(choices)

    return CopyWriter("docx", text, points, active, write, None)
