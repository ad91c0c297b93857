"""Assemble the text the engine sees from a reader's blocks, remembering where each came from.

Every reader (DOCX, PDF, HTML, e-mail) turns its input into blocks: paragraphs, headings, list
items, table rows, page headers and footers. The engine relies on markdown forms to leave some
of them alone (``# `` headings and ``|`` table rows are protected lines), so the blocks are
written in those forms here, once, separated by a blank line. A reader that must later put copy
text back into its file (DOCX) passes a ``ref`` with each piece of text and gets back the
``[start, end)`` range that text occupies.

Example:
    >>> text = TextBuilder()
    >>> text.paragraph("Minutes", prefix="# ")
    >>> text.paragraph("The board met.", ref="p1")
    >>> text.build(), text.ranges
    ('# Minutes\\n\\nThe board met.\\n', {'p1': (11, 25)})
"""

from __future__ import annotations

import re
from collections.abc import Hashable, Sequence

from leaktrace.model import Span

_SPACE = re.compile(r"[ \t\r\n\f\v\u00a0\u2028\u2029]+")

Cell = Sequence[tuple[str, Hashable | None]]
"""One table cell: its pieces of text (a DOCX cell may hold several paragraphs) with their refs."""

HEADER_FOOTER = "page header or footer"
PARAGRAPH_BREAK = "paragraph break"


def squeeze(text: str) -> str:
    """Runs of white space as one space, trimmed: how a browser or PDF viewer shows text."""
    return _SPACE.sub(" ", text).strip()


class TextBuilder:
    """Collects blocks in reading order and builds the engine's text from them."""

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._length = 0
        self._pending_break = False
        self.ranges: dict[Hashable, tuple[int, int]] = {}
        self.protected: list[Span] = []

    def _start_block(self, separator: str = "\n\n") -> None:
        if self._length and self._pending_break:
            self._append(separator)
        self._pending_break = True

    def _append(self, piece: str) -> None:
        self._parts.append(piece)
        self._length += len(piece)

    @property
    def empty(self) -> bool:
        return self._length == 0

    def paragraph(
        self, text: str, *, prefix: str = "", ref: Hashable | None = None, protect: str = ""
    ) -> None:
        """One block on a line of its own; ``text`` must hold no line break.

        ``protect`` names a reason to keep the whole line free of variation points.
        """
        if not text.strip():
            return
        self._start_block()
        begin = self._length
        self._append(prefix)
        if ref is not None:
            self.ranges[ref] = (self._length, self._length + len(text))
        self._append(text)
        if protect:
            self.protected.append(Span(begin, self._length, protect))

    def table(self, rows: Sequence[Sequence[Cell]], *, protect: str = "") -> None:
        """Table rows as ``| a | b |`` lines, one block; empty rows are left out."""
        written = False
        for row in rows:
            if not any(piece.strip() for cell in row for piece, _ in cell):
                continue
            if written:
                self._append("\n")
            else:
                self._start_block()
                written = True
            begin = self._length
            self._append("|")
            for cell in row:
                self._append(" ")
                first = True
                for piece, ref in cell:
                    if not piece.strip():
                        continue
                    if not first:
                        self._append(" ")
                    first = False
                    if ref is not None:
                        self.ranges[ref] = (self._length, self._length + len(piece))
                    self._append(piece)
                self._append(" |")
            if protect:
                self.protected.append(Span(begin, self._length, protect))

    def build(self) -> str:
        """The text, ending with one newline (empty if no block had text)."""
        return "".join(self._parts) + ("\n" if self._parts else "")

    def breaks(self) -> list[Span]:
        """The gaps between blocks (and table rows), as spans no point may cross."""
        text = self.build()
        return [
            Span(m.start(), m.end(), PARAGRAPH_BREAK) for m in re.finditer(r"\n+", text.rstrip())
        ]


_BULLET = re.compile(r"^\s*(?:[-*•‣◦▪–]|\d{1,3}[.)]|[a-z][.)])\s+(?=\S)")


def bullet(line: str) -> str | None:
    """The item's text if ``line`` starts a list item (``-``, ``•``, ``1.``, ``a)``), else None."""
    match = _BULLET.match(line)
    return line[match.end() :] if match else None


def add_plain_text(builder: TextBuilder, text: str) -> None:
    """Plain text (an e-mail body): blank lines end paragraphs, wrapped lines are joined, and
    each list item is a block of its own."""
    lines: list[str] = []

    def flush() -> None:
        if lines:
            builder.paragraph(squeeze(" ".join(lines)))
            lines.clear()

    for line in text.splitlines():
        if not line.strip():
            flush()
            continue
        item = bullet(line)
        if item is not None:
            flush()
            builder.paragraph(squeeze(item), prefix="- ")
            continue
        lines.append(line)
    flush()
