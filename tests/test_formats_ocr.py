"""Tesseract through its command line: words, boxes in the caller's pixels, text, and errors."""

from __future__ import annotations

import shutil
from functools import cache

import numpy as np
import pytest
from layout_synth import make_copy, rasterize, screenshot

from leaktrace.errors import InputError, ToolMissingError
from leaktrace.formats.ocr import OcrWord, ocr_text, ocr_words

needs_ocr = pytest.mark.skipif(
    shutil.which("tesseract") is None or shutil.which("pdftoppm") is None,
    reason="needs Debian's tesseract-ocr and poppler-utils (apt install tesseract-ocr "
    "poppler-utils)",
)

TEXT = (
    "The negotiation on the North Sea interconnector is in worse shape than the official "
    "read-outs suggest.\n\nWe should prepare ministers for a delay of at least six months."
)


@cache
def words_100dpi() -> list[OcrWord]:
    """OCR of a copy rendered as a 100 dpi screenshot (enlarged twice inside ocr_words)."""
    picture = screenshot(rasterize(make_copy(TEXT, seed=1).pdf, 300), 3)
    return ocr_words(picture.astype(np.float32) / 255)


@needs_ocr
def test_ocr_words_reads_the_words() -> None:
    texts = [w.text for w in words_100dpi()]
    for expected in ("negotiation", "interconnector", "ministers", "months."):
        assert expected in texts
    assert all(w.conf > 50 for w in words_100dpi() if w.text == "interconnector")


@needs_ocr
def test_ocr_words_boxes_are_in_the_callers_pixels() -> None:
    first = next(w for w in words_100dpi() if w.text == "The")
    # the text starts at 72 pt from the left and its first baseline 84 pt from the top
    assert first.left == pytest.approx(72 * 100 / 72, abs=3)
    assert first.top + first.height == pytest.approx(84 * 100 / 72, abs=3)
    assert 8 < first.height < 14


@needs_ocr
def test_ocr_text_keeps_lines_and_paragraphs() -> None:
    text = ocr_text(words_100dpi())
    paragraphs = text.split("\n\n")
    assert paragraphs[0].startswith("The negotiation on the North Sea")
    assert any(p.startswith("We should prepare ministers") for p in paragraphs[1:])


def test_ocr_text_of_no_words_is_empty() -> None:
    assert ocr_text([]) == ""


def test_ocr_word_line_id() -> None:
    word = OcrWord("North", 1, 2, 3, 4, 90.0, block=1, par=2, line=3, word=4)
    assert word.line_id == (1, 2, 3)


def test_ocr_words_without_tesseract_says_how_to_install_it() -> None:
    with pytest.raises(ToolMissingError, match=r"apt install tesseract-ocr"):
        ocr_words(np.ones((50, 50), np.float32), tesseract="/nonexistent/tesseract")


@pytest.mark.skipif(shutil.which("false") is None, reason="needs the POSIX `false` command")
def test_ocr_words_reports_a_failing_ocr_program() -> None:
    with pytest.raises(InputError, match="OCR failed"):
        ocr_words(np.ones((50, 50), np.float32), tesseract=str(shutil.which("false")))
