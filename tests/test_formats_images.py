"""Loading page pictures safely, and making a photographed page upright, flat and evenly lit."""

from __future__ import annotations

import io
import shutil
import struct
import zlib
from functools import cache

import cv2
import numpy as np
import pytest
from layout_synth import encode, make_copy, photo, rasterize, scan
from numpy.typing import NDArray
from PIL import Image

from leaktrace.errors import EmptyInputError, InputError, TooLargeError
from leaktrace.formats.images import (
    A4_ASPECT,
    _page_corners,
    _unwarp,
    load_image,
    rectify,
    text_angle,
)
from support import sample_text

needs_poppler = pytest.mark.skipif(
    shutil.which("pdftoppm") is None,
    reason="needs Debian's poppler-utils (apt install poppler-utils)",
)


@cache
def page() -> NDArray[np.uint8]:
    """Page 1 of a copy of the sample cable at 150 dpi."""
    return rasterize(make_copy(sample_text(), seed=1).pdf, 150)


def _text_picture() -> NDArray[np.uint8]:
    picture = np.full((300, 400), 255, np.uint8)
    cv2.putText(picture, "North Sea", (20, 150), cv2.FONT_HERSHEY_SIMPLEX, 2.0, 0, 3)
    return picture


@pytest.mark.parametrize("ext", [".png", ".jpg", ".tiff"])
def test_load_image_reads_png_jpeg_tiff(ext: str) -> None:
    gray = load_image(encode(_text_picture(), ext), f"leak{ext}")
    assert gray.shape == (300, 400)
    assert gray.dtype == np.float32
    assert 0.0 <= gray.min() < 0.2 and 0.9 < gray.max() <= 1.0


def test_load_image_reads_a_colour_picture_as_gray() -> None:
    colour = cv2.cvtColor(_text_picture(), cv2.COLOR_GRAY2BGR)
    assert load_image(encode(colour, ".png"), "leak.png").shape == (300, 400)


def test_load_image_refuses_an_empty_file() -> None:
    with pytest.raises(EmptyInputError, match=r"leak\.png: the file is empty"):
        load_image(b"", "leak.png")


def test_load_image_refuses_what_is_not_a_picture() -> None:
    with pytest.raises(InputError, match="give a PNG, JPEG or TIFF"):
        load_image(b"Dear all, please find attached", "leak.txt")


def test_load_image_refuses_an_unsupported_format() -> None:
    buffer = io.BytesIO()
    Image.fromarray(_text_picture()).save(buffer, format="GIF")
    with pytest.raises(InputError, match="GIF pictures are not supported"):
        load_image(buffer.getvalue(), "leak.gif")


def test_load_image_refuses_a_damaged_picture() -> None:
    data = encode(_text_picture(), ".png")
    damaged = data[:60] + bytes(len(data) - 60)
    with pytest.raises(InputError, match="damaged"):
        load_image(damaged, "leak.png")


def _png_header_only(width: int, height: int) -> bytes:
    """A PNG whose header declares ``width`` x ``height`` and holds no pixels at all."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return (
            struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", b"") + chunk(b"IEND", b"")


@pytest.mark.parametrize("side", [20_000, 200_000])
def test_load_image_refuses_a_huge_picture_before_decoding(side: int) -> None:
    with pytest.raises(TooLargeError, match=r"over the limit|enormous"):
        load_image(_png_header_only(side, side), "bomb.png")


def test_load_image_limit_is_a_parameter() -> None:
    with pytest.raises(TooLargeError, match=r"400 x 300 pixels"):
        load_image(encode(_text_picture(), ".png"), "leak.png", max_pixels=1000)


def test_load_image_refuses_a_blank_page() -> None:
    blank = np.full((500, 400), 250, np.uint8)
    blank += np.random.default_rng(1).integers(0, 3, blank.shape, dtype=np.uint8)
    with pytest.raises(EmptyInputError, match="blank"):
        load_image(encode(blank, ".jpg"), "blank.jpg")


@needs_poppler
def test_rectify_warps_a_photo_to_an_upright_a4_page() -> None:
    picture = photo(page(), seed=2, factor=1)
    gray = load_image(encode(picture, ".jpg"), "photo.jpg")
    assert _page_corners(gray) is not None
    flat = rectify(gray)
    assert flat.shape[0] / flat.shape[1] == pytest.approx(A4_ASPECT, abs=0.01)
    # native resolution kept: about the page's size in the photo
    assert 0.8 < flat.shape[1] / page().shape[1] < 1.2
    # the desk is gone and the light is even: paper is white in every corner
    h, w = flat.shape
    for y, x in [(h // 20, w // 20), (h // 20, w - w // 20), (h - h // 20, w // 20)]:
        assert np.percentile(flat[y - 20 : y + 20, x - 20 : x + 20], 50) > 0.9


@needs_poppler
def test_rectify_without_clean_corners_keeps_the_picture() -> None:
    covered = photo(page(), seed=2, factor=1, finger=True)
    gray = load_image(encode(covered, ".jpg"), "photo.jpg")
    assert _page_corners(gray) is None
    assert rectify(gray).shape == gray.shape
    scanned = load_image(encode(page(), ".png"), "scan.png")
    assert _page_corners(scanned) is None


@needs_poppler
def test_rectify_crops_a_viewer_screenshot_without_resampling() -> None:
    screen = np.full((page().shape[0] + 200, page().shape[1] + 500), 80, np.uint8)
    screen[:40] = 230  # a toolbar
    screen[120 : 120 + page().shape[0], 250 : 250 + page().shape[1]] = page()
    gray = load_image(encode(screen, ".png"), "screen.png")
    cropped = _unwarp(gray)
    h, w = cropped.shape
    assert abs(h - page().shape[0]) <= 8 and abs(w - page().shape[1]) <= 8
    # a slice of the picture as it was, not an interpolated copy
    assert any(
        np.array_equal(cropped, gray[top : top + h, left : left + w])
        for top in range(110, 131)
        for left in range(240, 261)
    )


@needs_poppler
@pytest.mark.parametrize("angle", [-1.5, 0.0, 1.2])
def test_text_angle_finds_the_rotation(angle: float) -> None:
    gray = scan(page(), seed=3, factor=1, angle=angle).astype(np.float32) / 255
    assert text_angle(gray) == pytest.approx(angle, abs=0.1)
    assert abs(text_angle(rectify(gray))) < 0.1
