"""Read the text layer of a PDF as the engine's blocks.

A PDF holds positioned lines, not paragraphs. The lines pypdf extracts are joined back into
paragraphs here: a blank line, a list bullet or a short line that ends a sentence ends a
paragraph, and a word hyphenated at the end of a line is made whole again when the joined word
is a known one. Lines repeated at the top or bottom of several pages (running headers, footers,
classification markings) are kept once, as lines of their own that carry no variation points;
bare page numbers are dropped. Reading order is the order of the text layer, which for
multi-column layouts may not be the order a person reads.

Example:
    >>> builder = TextBuilder()
    >>> _paragraphs(["The board agreed to begin the re-", "view in June.", "Next steps"], builder)
    >>> builder.build()
    'The board agreed to begin the review in June.\\n\\nNext steps\\n'
"""

from __future__ import annotations

import logging
import re
import warnings
from collections import Counter
from collections.abc import Sequence
from io import BytesIO
from typing import Any

from wordfreq import zipf_frequency

from leaktrace.errors import EmptyInputError, InputError
from leaktrace.formats._blocks import HEADER_FOOTER, TextBuilder, bullet, squeeze

_PAGE_NUMBER = re.compile(r"^(?:page\s*)?[-–]?\s*\d{1,4}\s*[-–]?(?:\s*(?:of|/)\s*\d{1,4})?$", re.I)
_DIGITS = re.compile(r"\d+")
# A bullet drawn apart from its item's text (ZapfDingbats bullets come out as DEL).
_LONE_BULLET = re.compile(r"^[\x7f•◦▪▫●○■□‣∙·*\-–\uf0a7\uf0b7]$")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_HYPHENATED = re.compile(r"([A-Za-z]+)-$")
_WORD_START = re.compile(r"^([a-z]+)")


def read_pdf(data: bytes, name: str, builder: TextBuilder) -> str | None:
    """Add the blocks of a PDF's text layer to ``builder``; return its title from the metadata.

    Raises:
        InputError: the file is not a readable PDF, is password-protected, or has no text layer.
    """
    pages, title = _page_texts(data, name)
    if not any(page.strip() for page in pages):
        raise EmptyInputError(
            f"{name} has no text layer (it is a scan or a picture of text); trace it as an "
            "image, or give leaktrace a PDF that holds its text (export it again from the "
            "word processor, or run OCR on it first)"
        )
    page_lines = [[line.strip() for line in page.splitlines()] for page in pages]
    page_lines = [[line for line in lines if not _PAGE_NUMBER.match(line)] for lines in page_lines]
    top, bottom = _furniture(page_lines)
    for line in top:
        builder.paragraph(squeeze(line), protect=HEADER_FOOTER)
    body = [line for lines in page_lines for line in _without(lines, top, bottom)]
    _paragraphs(body, builder)
    for line in bottom:
        builder.paragraph(squeeze(line), protect=HEADER_FOOTER)
    return title


def _page_texts(data: bytes, name: str) -> tuple[list[str], str | None]:
    # pypdf reports damage it works around through warnings and its logger; the caller only
    # needs to know whether text came out.
    try:
        from pypdf import PdfReader
    except ImportError:
        raise InputError(
            "reading .pdf files needs pypdf, one of leaktrace's dependencies: pip install pypdf"
        ) from None
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            reader = PdfReader(BytesIO(data), strict=False)
            if reader.is_encrypted and not _opened_without_password(reader):
                raise InputError(
                    f"{name} is password-protected; save or print it as a PDF without a "
                    "password and add that file"
                )
            pages = [page.extract_text() or "" for page in reader.pages]
            metadata = reader.metadata
            title = metadata.title if metadata is not None else None
        except InputError:
            raise
        except Exception as error:  # pypdf raises many kinds on damaged files
            raise InputError(
                f"{name} is not a readable PDF ({type(error).__name__}); open it in a PDF "
                "viewer and save or export it again, then add that file"
            ) from None
    named = squeeze(title) if isinstance(title, str) else ""
    return pages, None if named.lower() in ("", "untitled", "(anonymous)") else named


def _opened_without_password(reader: Any) -> bool:
    """Whether the PDF opens with an empty user password (only editing is restricted)."""
    try:
        return bool(reader.decrypt(""))
    except Exception:
        return False


def _furniture(pages: Sequence[Sequence[str]]) -> tuple[list[str], list[str]]:
    """Lines that start or end at least half of the pages (two or more), digits ignored."""
    if len(pages) < 2:
        return [], []
    firsts = Counter(_shape(lines[0]) for lines in pages if lines)
    lasts = Counter(_shape(lines[-1]) for lines in pages if lines)
    needed = max(2, (len(pages) + 1) // 2)
    top: list[str] = []
    bottom: list[str] = []
    for lines in pages:
        if not lines:
            continue
        first, last = _shape(lines[0]), _shape(lines[-1])
        if firsts[first] >= needed and all(_shape(t) != first for t in top):
            top.append(lines[0])
        if lasts[last] >= needed and all(_shape(b) != last for b in bottom):
            bottom.append(lines[-1])
    return top, bottom


def _shape(line: str) -> str:
    return _DIGITS.sub("#", line.strip().lower())


def _without(lines: Sequence[str], top: Sequence[str], bottom: Sequence[str]) -> list[str]:
    kept = list(lines)
    top_shapes = {_shape(t) for t in top}
    bottom_shapes = {_shape(b) for b in bottom}
    while kept and _shape(kept[0]) in top_shapes:
        kept.pop(0)
    while kept and _shape(kept[-1]) in bottom_shapes:
        kept.pop()
    return kept


def _paragraphs(lines: Sequence[str], builder: TextBuilder) -> None:
    """Join wrapped lines into paragraphs, undoing end-of-line hyphenation."""
    widths = sorted(len(line) for line in lines if line.strip())
    full = widths[int(len(widths) * 0.9)] if widths else 0
    current: list[str] = []
    prefix = ""

    def flush() -> None:
        nonlocal prefix
        if current:
            builder.paragraph(squeeze(" ".join(current)), prefix=prefix)
            current.clear()
        prefix = ""

    item_next = False
    for line in lines:
        if _LONE_BULLET.match(line.strip()):
            flush()
            item_next = True
            continue
        line = _CONTROL.sub("", line)
        if not line.strip():
            flush()
            continue
        item = bullet(line)
        if item is not None or item_next:
            flush()
            prefix, line = "- ", line if item is None else item
            item_next = False
        physical = line.rstrip()
        joined = _dehyphenate(current[-1], line) if current else None
        if joined is not None:
            current[-1] = joined
        else:
            current.append(line)
        ends_sentence = physical.endswith((".", "?", "!", ":", '."', ".”", ".)"))
        short = len(physical) < 0.8 * full
        alone = len(current) == 1 and len(physical.split()) <= 12 and not ends_sentence
        if short and (ends_sentence or alone):
            flush()
    flush()


def _dehyphenate(previous: str, line: str) -> str | None:
    """``previous`` + ``line`` with the line-end hyphen removed, if the whole word is known."""
    head = _HYPHENATED.search(previous)
    tail = _WORD_START.match(line)
    if head is None or tail is None:
        return None
    word = head.group(1) + tail.group(1)
    if zipf_frequency(word.lower(), "en") < 1.0 and (
        zipf_frequency(head.group(1).lower(), "en") >= 1.0
        and zipf_frequency(tail.group(1).lower(), "en") >= 1.0
    ):
        return None  # a real compound split at its hyphen ("well-" / "known")
    return previous[:-1] + line
