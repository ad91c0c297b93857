"""Reading the layout channel from pictures: screenshots, scans, photos, crops, a finger.

The end-to-end tests write a real PDF copy with seeded layout options, turn it into the kind of
picture a leak arrives as, and check that the blocks read are many and right. They need
Tesseract and poppler; the geometric tests at the bottom need neither.
"""

from __future__ import annotations

import shutil
from collections.abc import Sequence
from dataclasses import replace
from functools import cache

import cv2
import numpy as np
import pytest
from layout_synth import OTHER_TEXT, Copy, encode, make_copy, photo, rasterize, scan, screenshot
from numpy.typing import NDArray

from leaktrace.formats.images import load_image, rectify
from leaktrace.formats.ocr import OcrWord, ocr_words
from leaktrace.layout import DEFAULT_GEOMETRY, LayoutReading, LineBlock, Skeleton
from leaktrace.layout_read import baseline, fold, read_layout
from support import sample_text

needs_ocr = pytest.mark.skipif(
    shutil.which("tesseract") is None or shutil.which("pdftoppm") is None,
    reason="needs Debian's tesseract-ocr and poppler-utils (apt install tesseract-ocr "
    "poppler-utils)",
)


@cache
def excerpt() -> str:
    """Four paragraphs of the sample cable: half a page, quick to OCR."""
    return "\n\n".join(sample_text().split("\n\n")[3:7])


@cache
def copy() -> Copy:
    return make_copy(excerpt(), seed=11)


@cache
def fine_page() -> NDArray[np.uint8]:
    """Page 1 at 600 dpi: the 'paper' every degraded picture starts from."""
    return rasterize(copy().pdf, 600)


def read(picture: NDArray[np.uint8], ext: str = ".png") -> list[LayoutReading]:
    page = rectify(load_image(encode(picture, ext), f"leak{ext}"))
    return read_layout(page, ocr_words(page), copy().skeleton)


def check(readings: Sequence[LayoutReading], keys: set[str], share: float) -> None:
    """At least ``share`` of ``keys`` read, every reading one of them and right."""
    options = copy().options
    read_keys = {r.key for r in readings}
    assert read_keys <= keys
    wrong = [r for r in readings if options[r.key] != r.option]
    assert not wrong
    assert len(read_keys) >= share * len(keys)


def page_keys(rows: range | None = None) -> set[str]:
    return {
        b.key for b in copy().skeleton.blocks if b.page == 1 and (rows is None or b.row in rows)
    }


@needs_ocr
def test_read_layout_screenshot_100dpi() -> None:
    check(read(screenshot(fine_page(), 6)), page_keys(), 0.9)


@needs_ocr
def test_read_layout_scan_300dpi() -> None:
    check(read(scan(fine_page(), seed=3, factor=2, angle=1.2)), page_keys(), 0.9)


@needs_ocr
def test_read_layout_photo() -> None:
    check(read(photo(fine_page(), seed=4, factor=3), ".jpg"), page_keys(), 0.9)


@needs_ocr
def test_read_layout_photo_with_finger_over_a_corner() -> None:
    check(read(photo(fine_page(), seed=5, factor=4, finger=True), ".jpg"), page_keys(), 0.8)


@needs_ocr
def test_read_layout_half_page_crop() -> None:
    picture = scan(fine_page(), seed=6, factor=3, angle=-0.6)
    top = picture[: picture.shape[0] // 2]
    readings = read(top)
    # the cut runs half way down the page (tilted by the scan): rows above it are visible
    cut = int((841.89 / 2 - 84.0) // 15.0)
    assert {r.key for r in readings} <= page_keys(range(cut + 1))
    check(readings, page_keys(range(cut - 1)) | {r.key for r in readings}, 0.75)


@needs_ocr
def test_read_layout_other_text_reads_nothing() -> None:
    other = make_copy(OTHER_TEXT, seed=12)
    picture = screenshot(rasterize(other.pdf, 300), 2)
    assert len(read(picture)) <= 1


def test_fold_keeps_letters_and_digits() -> None:
    assert fold("“Read-outs”,") == "readouts"
    assert fold("2026.") == "2026"
    assert fold("–") == ""


def _ink_row(width: int, edge: float, scale: int = 8) -> NDArray[np.float32]:
    """A dark bar (a 'word') whose bottom edge is at row ``edge`` of a 40-row strip."""
    fine = np.ones((40 * scale, width * scale), np.float32)
    fine[10 * scale : round(edge * scale), 2 * scale : (width - 2) * scale] = 0.0
    small = cv2.resize(fine, (width, 40), interpolation=cv2.INTER_AREA)
    return np.asarray(small, np.float32)


def _word(text: str, left: int, top: int, width: int, height: int, line: int) -> OcrWord:
    return OcrWord(text, left, top, width, height, 95.0, 1, 1, line, 1)


def test_baseline_is_sub_pixel() -> None:
    for edge in (25.0, 25.25, 25.5, 25.875):
        strip = _ink_row(60, edge)
        found = baseline(strip, _word("word", 0, 8, 60, 19, 1))
        assert found is not None
        assert abs(found - edge) < 0.05


def test_baseline_of_a_blank_box_is_none() -> None:
    assert baseline(np.ones((40, 60), np.float32), _word("word", 0, 8, 60, 19, 1)) is None


def _synthetic_page(
    rows: int, seed: int, tilt: float, snap: bool = False, shift_px: float = 0.5
) -> tuple[NDArray[np.float32], list[OcrWord], Skeleton, dict[str, int]]:
    """Bars for words on a tilted, bending page; word boxes as OCR would give them.

    ``snap`` puts every bar on a whole pixel row, as some PDF viewers do with text lines.
    """
    rng = np.random.default_rng(seed)
    letters = np.array(list("abcdefghijklmnopqrstuvwxyz"))
    scale, pitch = 4, 30.37
    height, width = 150 + rows * 30, 1000
    fine = np.ones((height * scale, width * scale), np.float32)
    blocks: list[LineBlock] = []
    words: list[OcrWord] = []
    options: dict[str, int] = {}
    for row in range(rows):
        texts = ["".join(rng.choice(letters, 6)) for _ in range(8)]
        for side in (0, 1):
            key = f"layout:test:1.{row}.{side}"
            options[key] = int(rng.integers(0, 2))
            blocks.append(LineBlock(key, 1, row, side, tuple(texts[4 * side : 4 * side + 4])))
        for i, text in enumerate(texts):
            side = i // 4
            left = 60 + i * 110
            sign = 1 if options[f"layout:test:1.{row}.{side}"] else -1
            x = left + 45
            base = 60 + row * pitch + tilt * x + 2e-5 * (x - 500) ** 2 + sign * shift_px
            if snap:
                base = round(base)
            top = base - 14
            fine[round(top * scale) : round(base * scale), left * scale : (left + 90) * scale] = 0
            words.append(_word(text, left, round(top) - 1, 90, 16, row + 1))
    page = cv2.resize(fine, (width, height), interpolation=cv2.INTER_AREA)
    geometry = DEFAULT_GEOMETRY
    shift_pt = shift_px * geometry.leading_pt / pitch
    skeleton = Skeleton(replace(geometry, shift_pt=shift_pt), 1, tuple(blocks))
    return np.asarray(page, np.float32), words, skeleton, options


def test_read_layout_fits_tilt_and_bending() -> None:
    page, words, skeleton, options = _synthetic_page(rows=12, seed=1, tilt=0.01)
    readings = read_layout(page, words, skeleton)
    assert len(readings) == len(skeleton.blocks)
    assert all(options[r.key] == r.option for r in readings)


def test_read_layout_without_matching_lines_reads_nothing() -> None:
    page, words, _, _ = _synthetic_page(rows=12, seed=1, tilt=0.0)
    _, _, other, _ = _synthetic_page(rows=12, seed=2, tilt=0.0)
    assert read_layout(page, words, other) == []


def _one_word_left(short: bool) -> tuple[list[LayoutReading], dict[str, int]]:
    """Row 0's right block with only its first word visible (long, or renamed to 4 letters)."""
    page, words, skeleton, options = _synthetic_page(rows=12, seed=3, tilt=0.0)
    key = "layout:test:1.0.1"
    keep = [w for w in words if not (w.line == 1 and 500 < w.left < 900)]
    if short:
        first = next(w for w in keep if w.line == 1 and w.left == 500)
        keep[keep.index(first)] = replace(first, text="abcd")
        blocks = tuple(
            replace(b, words=("abcd", *b.words[1:])) if b.key == key else b for b in skeleton.blocks
        )
        skeleton = replace(skeleton, blocks=blocks)
    return read_layout(page, keep, skeleton), options


def test_read_layout_reads_a_lone_long_word_on_a_clean_page() -> None:
    readings, options = _one_word_left(short=False)
    assert "layout:test:1.0.1" in {r.key for r in readings}
    assert all(options[r.key] == r.option for r in readings)


def test_read_layout_skips_a_lone_short_word() -> None:
    readings, _ = _one_word_left(short=True)
    assert "layout:test:1.0.1" not in {r.key for r in readings}
    assert len(readings) == 23


def test_read_layout_on_whole_pixel_rows_reads_only_clear_blocks() -> None:
    page, words, skeleton, options = _synthetic_page(
        rows=30, seed=4, tilt=0.0, snap=True, shift_px=1 / 3
    )
    readings = read_layout(page, words, skeleton)
    assert all(options[r.key] == r.option for r in readings)
    assert 0 < len(readings) < 0.6 * len(skeleton.blocks)
