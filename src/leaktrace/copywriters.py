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
from leaktrace.formats.drawing import DrawnPage, draw_copy
from leaktrace.layout import Layout, layout_ids, typeset
from leaktrace.model import Recipient, VariationPoint
from leaktrace.render import CopyRenderer
from leaktrace.store.records import SourceFile

FORMATS = ("txt", "md", "docx", "pdf", "html")
MEDIA_TYPES = {
    "txt": "text/plain; charset=utf-8",
    "md": "text/markdown; charset=utf-8",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
    "html": "text/html; charset=utf-8",
}
LAYOUT_FORMATS = frozenset({"pdf", "html"})
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
        write: Callable[[Choices, Recipient | None, Choices], bytes] | None,
        layout: Layout | None = None,
        columns: npt.NDArray[np.int64] | None = None,
        visible_mark: VisibleMark | None = None,
    ) -> None:
        self.fmt = fmt
        self.layout = layout
        self.visible_mark = visible_mark
        self._renderer = CopyRenderer(text, points)
        self._write = write
        self.layout_keys: tuple[str, ...] = (
            tuple(layout.skeleton().block_keys()) if layout is not None else ()
        )
        """The batch's layout points, in the order :meth:`write` takes their options."""
        self._columns = columns if columns is not None else np.zeros(0, dtype=np.int64)

    def drawing_choices(
        self, choices: Choices, layout_options: Choices
    ) -> tuple[npt.NDArray[np.uint8], dict[str, int]]:
        """What the layout draws: the options of its own points, and each block's option."""
        chosen = np.asarray(choices, dtype=np.uint8)[self._columns]
        return chosen, dict(zip(self.layout_keys, (int(o) for o in layout_options), strict=True))

    def pages(
        self, choices: Choices, recipient: Recipient, layout_options: Choices
    ) -> list[DrawnPage]:
        """A typeset copy's pages, as its PDF and HTML draw them (the portal shows them)."""
        if self.layout is None:
            raise ValueError(f"a {self.fmt} copy has no pages; only typeset formats do")
        chosen, options = self.drawing_choices(choices, layout_options)
        mark = self.visible_mark.line(recipient) if self.visible_mark else None
        return draw_copy(self.layout, chosen, options, visible_mark=mark)

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


NO_VISIBLE_MARK = "@visible-mark:off"
"""Recorded in the active list of a typeset batch issued without the visible line."""


def prepare_active(
    fmt: str,
    text: str,
    points: Sequence[VariationPoint],
    active: Sequence[str],
    *,
    visible_mark: bool = True,
) -> list[str]:
    """The active list to record for a batch in ``fmt``: for PDF and HTML, plus the layout's
    points, the entry that records its layout (``@layout:pdf/1:<id>``) and, without the visible
    line, :data:`NO_VISIBLE_MARK`; so that every copy can be drawn again exactly."""
    if fmt not in LAYOUT_FORMATS:
        return list(active)
    skeleton = layout_for(text, points, active).skeleton()
    extra = [] if visible_mark else [NO_VISIBLE_MARK]
    return [*active, *skeleton.block_keys(), skeleton.mark, *extra]


def make_writer(
    fmt: str,
    text: str,
    points: Sequence[VariationPoint],
    active: Sequence[str],
    *,
    title: str,
    source: SourceFile | None = None,
    visible_mark: VisibleMark | None = None,
) -> CopyWriter:
    """A writer for one batch. ``source`` is the stored original file of the version (used for
    DOCX copies that keep the author's formatting); ``visible_mark`` adds the deterrent line
    (PDF).

    Raises:
        InputError: unknown format.
    """
    if fmt in ("txt", "md"):
        return CopyWriter(fmt, text, points, None)
    if fmt in LAYOUT_FORMATS:
        return _typeset_writer(fmt, text, points, active, title, visible_mark)
    if fmt == "docx":
        return _docx_writer(text, points, source)
    raise InputError(f"format {fmt!r} is not supported; choose one of {', '.join(FORMATS)}")


def _typeset_writer(
    fmt: str,
    text: str,
    points: Sequence[VariationPoint],
    active: Sequence[str],
    title: str,
    visible_mark: VisibleMark | None,
) -> CopyWriter:
    from leaktrace.formats.html_copy import HtmlCopyWriter
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
    typeset_writer: PdfCopyWriter | HtmlCopyWriter
    if fmt == "pdf":
        typeset_writer = PdfCopyWriter(layout, title=title)
    else:
        typeset_writer = HtmlCopyWriter(layout, title=title)
    writer: CopyWriter

    def write(choices: Choices, recipient: Recipient | None, layout_options: Choices) -> bytes:
        chosen, options = writer.drawing_choices(choices, layout_options)
        mark = visible_mark.line(recipient) if visible_mark and recipient else None
        return typeset_writer.write(chosen, options, visible_mark=mark)

    writer = CopyWriter(fmt, text, points, write, layout, columns, visible_mark)
    return writer


def _docx_writer(
    text: str, points: Sequence[VariationPoint], source: SourceFile | None
) -> CopyWriter:
    from leaktrace.formats.docx_copy import DocxCopyWriter

    docx = DocxCopyWriter(source, text, points)

    def write(choices: Choices, recipient: Recipient | None, layout_options: Choices) -> bytes:
        return docx.write(choices)

    return CopyWriter("docx", text, points, write)
