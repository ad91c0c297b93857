"""Read the text of an HTML page or an e-mail message as the engine's blocks.

HTML: block elements become paragraphs, ``h1``-``h6`` headings (``#``), ``li`` list items
(``- ``) and tables ``|`` rows; scripts, styles and the page head are dropped, white space is
squeezed as a browser would. E-mail: the From, To, Cc, Date and Subject fields come first as
header lines (which carry no variation points), then the body: its text/plain part, else its
text/html part read as HTML. Attachments are not read.

Example:
    >>> builder = TextBuilder()
    >>> read_html("<h1>Plan</h1><p>We  <b>begin</b> soon.</p><script>x()</script>", builder)
    'Plan'
    >>> builder.build()
    '# Plan\\n\\nWe begin soon.\\n'
"""

from __future__ import annotations

import re
from email import policy
from email.message import EmailMessage, Message
from email.parser import BytesParser
from html.parser import HTMLParser

from leaktrace.errors import BinaryInputError, EmptyInputError, InputError
from leaktrace.formats._blocks import TextBuilder, add_plain_text, squeeze

_BLOCKS = frozenset(
    {
        *("address", "article", "aside", "blockquote", "body", "br", "caption", "center", "dd"),
        *("details", "dialog", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer"),
        *("form", "header", "hgroup", "hr", "html", "legend", "main", "menu", "nav", "ol", "p"),
        *("pre", "section", "summary", "ul"),
    }
)
_DROPPED = frozenset(
    {"script", "style", "noscript", "template", "head", "svg", "math", "object", "iframe"}
)
_HEADINGS = {f"h{n}": n for n in range(1, 7)}
_CHARSET = re.compile(rb"""charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
# Marked sections other than CDATA and Word's conditional ones make html.parser give up.
_ODD_SECTION = re.compile(r"<!\[(?!CDATA\[|\s*(?:if|else|endif)\b)", re.IGNORECASE)
_MAIL_FIELDS = ("From", "To", "Cc", "Date", "Subject")


def decode_html(data: bytes, name: str) -> str:
    """The characters of an HTML file: its declared charset, else UTF-8, else Windows-1252.

    Raises:
        BinaryInputError: the file holds NUL bytes or cannot be decoded.
    """
    if b"\x00" in data[:8192]:
        raise BinaryInputError(f"{name} looks like a binary file, not an HTML page")
    declared = _CHARSET.search(data[:4096])
    encodings = [declared.group(1).decode("ascii")] if declared else []
    for encoding in [*encodings, "utf-8-sig", "cp1252"]:
        try:
            return data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
    raise BinaryInputError(f"{name} is not readable text; save the page as UTF-8 and try again")


def read_html(html: str, builder: TextBuilder) -> str | None:
    """Add the blocks of ``html`` to ``builder``; return the page title (or first heading)."""
    parser = _HtmlBlocks(builder)
    try:
        parser.feed(_ODD_SECTION.sub("&lt;![", html))
        parser.close()
    except AssertionError:  # html.parser's last word on markup it cannot tokenise
        raise InputError(
            "the HTML holds markup that cannot be read (a malformed '<!' declaration); save the "
            "page again from a browser or editor and add that file"
        ) from None
    parser.flush()
    title = squeeze(" ".join(parser.title_parts))
    return title or parser.first_heading


class _HtmlBlocks(HTMLParser):
    def __init__(self, builder: TextBuilder) -> None:
        super().__init__(convert_charrefs=True)
        self.builder = builder
        self.buffer: list[str] = []
        self.prefix = ""
        self.dropped = 0
        self.in_title = False
        self.title_parts: list[str] = []
        self.first_heading: str | None = None
        self.tables: list[list[list[str]]] = []  # rows of cell texts, one list per open table
        self.cell: list[str] | None = None
        self.outer_cells: list[list[str] | None] = []  # the open cell of each enclosing table

    def flush(self) -> None:
        text = squeeze("".join(self.buffer))
        self.buffer.clear()
        if text:
            if self.prefix.startswith("#") and self.first_heading is None:
                self.first_heading = text
            self.builder.paragraph(text, prefix=self.prefix)
        self.prefix = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _DROPPED:
            self.dropped += 1
            return
        if self.dropped:
            if tag == "title":
                self.in_title = True
            return
        if tag == "title":
            self.in_title = True
        elif self.tables:
            self._table_start(tag)
        elif tag in _HEADINGS:
            self.flush()
            self.prefix = "#" * _HEADINGS[tag] + " "
        elif tag == "li":
            self.flush()
            self.prefix = "- "
        elif tag == "table":
            self.flush()
            self.tables.append([])
        elif tag in _BLOCKS:
            self.flush()

    def _table_start(self, tag: str) -> None:
        if tag == "table":
            self.tables.append([])
            self.outer_cells.append(self.cell)
            self.cell = None
        elif tag == "tr":
            self._close_cell()
            self.tables[-1].append([])
        elif tag in ("td", "th"):
            self._close_cell()
            if not self.tables[-1]:
                self.tables[-1].append([])
            self.cell = []
            self.tables[-1][-1].append("")
        elif self.cell is not None and (tag in _BLOCKS or tag in _HEADINGS or tag == "li"):
            self.cell.append(" ")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("br", "hr") and not self.dropped:
            if self.tables and self.cell is not None:
                self.cell.append(" ")
            elif not self.tables:
                self.flush()

    def handle_endtag(self, tag: str) -> None:
        if tag in _DROPPED:
            self.dropped = max(0, self.dropped - 1)
            if tag == "head":
                self.in_title = False
            return
        if tag == "title":
            self.in_title = False
            return
        if self.dropped:
            return
        if self.tables:
            self._table_end(tag)
        elif tag in _HEADINGS or tag == "li" or tag in _BLOCKS:
            self.flush()

    def _close_cell(self) -> None:
        """Keep the open cell's text (a missing ``</td>`` closes it too)."""
        rows = self.tables[-1]
        if self.cell is not None and rows and rows[-1]:
            rows[-1][-1] = squeeze("".join(self.cell))
        self.cell = None

    def _table_end(self, tag: str) -> None:
        if tag in ("td", "th", "tr"):
            self._close_cell()
        elif tag == "table":
            self._close_cell()
            rows = self.tables.pop()
            self.cell = self.outer_cells.pop() if self.outer_cells else None
            if self.tables:
                # A table inside a cell: its text joins the outer cell's.
                if self.cell is not None:
                    self.cell.append(" " + " ".join(c for row in rows for c in row if c) + " ")
            else:
                cells = [[[(cell, None)] for cell in row] for row in rows]
                self.builder.table(cells)
                self.cell = None

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title_parts.append(data)
            return
        if self.dropped:
            return
        if self.tables:
            if self.cell is not None:
                self.cell.append(data)
            elif data.strip() and self.tables[-1] and self.tables[-1][-1]:
                self.tables[-1][-1][-1] += data  # text after a cell closed: keep it there
            return
        self.buffer.append(data)


def read_email(data: bytes, name: str, builder: TextBuilder) -> str | None:
    """Add an e-mail's header lines and body to ``builder``; return its subject.

    Raises:
        InputError: the file has no e-mail headers, or its structure cannot be read.
        EmptyInputError: the message has no text or HTML body.
    """
    if b"\x00" in data[:8192]:
        raise BinaryInputError(f"{name} looks like a binary file, not an e-mail message (.eml)")
    message = BytesParser(policy=policy.default).parsebytes(data)
    fields = {field: _header(message, field) for field in _MAIL_FIELDS}
    if not any(fields.values()):
        raise InputError(
            f"{name} is not an e-mail message: it has no From, To, Date or Subject header; "
            "save the message from your mail program as .eml and try again"
        )
    for field, value in fields.items():
        if value:
            builder.paragraph(f"{field}: {value}", protect="e-mail header")
    try:
        part = _body(message)
        content = _content(part) if part is not None else ""
        html = part is not None and part.get_content_subtype() == "html"
    except Exception:  # the stdlib parser raises many kinds on malformed MIME structure
        raise InputError(
            f"{name} is a damaged e-mail message (its MIME structure cannot be read); save it "
            "again from your mail program"
        ) from None
    if part is None:
        raise EmptyInputError(f"{name} has no text or HTML body; nothing to mark")
    if html:
        read_html(content, builder)
    else:
        add_plain_text(builder, content)
    return fields["Subject"] or None


def _header(message: Message, field: str) -> str:
    """A header's decoded value, else its raw text when it is too malformed to decode."""
    try:
        value = message.get(field)
        return squeeze(str(value)) if value is not None else ""
    except Exception:  # the stdlib header parser raises on some malformed addresses
        raw = [v for k, v in message.raw_items() if k.lower() == field.lower()]
        return squeeze(str(raw[0])) if raw else ""


def _body(message: Message) -> Message | None:
    if isinstance(message, EmailMessage):
        found = message.get_body(preferencelist=("plain", "html"))
        if found is not None:
            return found
    if not message.is_multipart() and message.get_content_maintype() == "text":
        return message
    return None


def _content(part: Message) -> str:
    """A text part's characters, tolerating a wrong or unknown declared charset."""
    try:
        if isinstance(part, EmailMessage):
            content = part.get_content()
            if isinstance(content, str):
                return content
    except (LookupError, UnicodeDecodeError, ValueError):
        pass
    payload = part.get_payload(decode=True)
    raw = payload if isinstance(payload, bytes) else b""
    try:
        return raw.decode(part.get_content_charset() or "utf-8", errors="replace")
    except LookupError:
        return raw.decode("utf-8", errors="replace")
