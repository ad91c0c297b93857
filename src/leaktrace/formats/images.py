"""Pictures of a leaked page: decode them safely, then make the page upright, flat and evenly lit.

A leak often arrives as a picture rather than a file: a screenshot, a scan, or a phone photo of a
printed copy. The layout channel reads baseline shifts of a quarter of a point, so the picture must
first become a clean page image:

1. :func:`load_image` checks the size in the header *before* decoding (a small file can declare
   a gigapixel image), decodes with OpenCV to grayscale in ``[0, 1]`` and refuses a blank picture.
2. :func:`rectify` finds the page in a photo (the page is brighter than the desk: Otsu threshold,
   largest contour, four corners from ``approxPolyDP``) and warps it to an upright A4 rectangle at
   about its native resolution. A page that is already an upright rectangle (a viewer's
   screenshot, a scan with a border) is only cut out, never resampled. When there is no clean
   quadrilateral (a finger over a corner, a crop of part of a page, a scan or screenshot with no
   desk around it) the picture is kept whole: the layout reader fits residual perspective itself.
   The text is then deskewed (projection-profile variance over +-3 degrees; tilts under 0.15
   degree are left to the layout reader) and uneven lighting divided out (a large-kernel
   background estimate).

Limits: the page must be roughly upright (not turned by 90 degrees), and a warp cannot undo a
curled or folded sheet; the layout reader's smooth baseline model absorbs only gentle bending.

Example::

    gray = load_image(Path("leak.jpg").read_bytes(), "leak.jpg")
    page = rectify(gray)
"""

from __future__ import annotations

import io
import math
import warnings

import cv2
import numpy as np
from numpy.typing import NDArray
from PIL import Image, UnidentifiedImageError

from leaktrace.errors import EmptyInputError, InputError, TooLargeError

Gray = NDArray[np.float32]
"""A grayscale picture, float32 in ``[0, 1]``, 0 black; rows grow downward."""

SUPPORTED = {
    "PNG": "png",
    "JPEG": "jpg",
    "MPO": "jpg",
    "TIFF": "tiff",
    "BMP": "bmp",
    "WEBP": "webp",
}
A4_ASPECT = 297.0 / 210.0
MIN_DESKEW = 0.15
"""Degrees of text tilt below which a picture is not rotated."""


def load_image(data: bytes, name: str, max_pixels: int = 80_000_000) -> Gray:
    """Decode a PNG, JPEG, TIFF, BMP or WebP picture to grayscale in ``[0, 1]``.

    Raises:
        EmptyInputError: the file is empty, or the picture is blank (nothing printed on it).
        TooLargeError: the picture declares more than ``max_pixels`` pixels.
        InputError: the file is not a picture in a supported format, or it is damaged.
    """
    if not data:
        raise EmptyInputError(f"{name}: the file is empty; give the picture of the leaked page")
    width, height, kind = _header(data, name)
    if width * height > max_pixels:
        raise TooLargeError(
            f"{name}: the picture is {width} x {height} pixels, over the limit of "
            f"{max_pixels:,} pixels; scale it down (300 dpi is plenty) and try again"
        )
    decoded = cv2.imdecode(np.frombuffer(data, np.uint8), cv2.IMREAD_GRAYSCALE)
    if decoded is None or decoded.size == 0:
        raise InputError(
            f"{name}: the {kind} picture is damaged and cannot be decoded; export or save it "
            "again, or send the original file"
        )
    gray = decoded.astype(np.float32) / np.float32(255.0)
    if _is_blank(gray):
        raise EmptyInputError(
            f"{name}: the picture is blank (nothing printed is visible); check that it shows "
            "the leaked page"
        )
    return gray


def _header(data: bytes, name: str) -> tuple[int, int, str]:
    """Size and format from the header only: Pillow's ``open`` is lazy and decodes nothing."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:
                width, height = image.size
                fmt = image.format or ""
    except Image.DecompressionBombError as error:
        raise TooLargeError(
            f"{name}: the picture declares an enormous size ({error}); scale it down "
            "(300 dpi is plenty) and try again"
        ) from None
    except (UnidentifiedImageError, OSError, ValueError):
        raise InputError(
            f"{name}: not a picture leaktrace can read; give a PNG, JPEG or TIFF file"
        ) from None
    if fmt not in SUPPORTED:
        raise InputError(
            f"{name}: {fmt or 'this'} pictures are not supported; convert it to PNG, JPEG or TIFF"
        )
    return width, height, SUPPORTED[fmt]


def _is_blank(gray: Gray) -> bool:
    """True when no ink is visible: the spread of a small copy's gray levels is tiny."""
    small = _shrink(gray, 800)
    low, high = np.percentile(small, [0.5, 99.5])
    return bool(high - low < 0.08)


def rectify(gray: Gray) -> Gray:
    """The page of ``gray`` upright, deskewed and evenly lit (paper near 1, ink near 0).

    A photo's page is warped to an A4 rectangle when its four corners are found; otherwise the
    picture is only deskewed and flattened (scans, screenshots, crops, covered corners).
    """
    page = _unwarp(gray)
    page = _deskew(page)
    return _flatten(page)


def _shrink(gray: Gray, longest: int) -> Gray:
    scale = longest / max(gray.shape)
    if scale >= 1.0:
        return gray
    size = (max(1, round(gray.shape[1] * scale)), max(1, round(gray.shape[0] * scale)))
    return np.asarray(cv2.resize(gray, size, interpolation=cv2.INTER_AREA), dtype=np.float32)


def _unwarp(gray: Gray) -> Gray:
    """Warp a photographed page to an upright A4 rectangle, or return ``gray`` unchanged."""
    corners = _page_corners(gray)
    if corners is None:
        return gray
    tl, tr, br, bl = corners
    if _upright(corners, tolerance=0.004 * max(gray.shape)):
        # a screenshot of a viewer, or a scan with a border: crop, never resample (resampling
        # would blur the text and hide that a viewer put every line on a whole pixel row)
        return _crop_upright(gray, corners)
    width = (np.linalg.norm(tr - tl) + np.linalg.norm(br - bl)) / 2
    height = (np.linalg.norm(bl - tl) + np.linalg.norm(br - tr)) / 2
    # keep the page's area (its native resolution) but give it the A4 shape
    area = width * height
    aspect = A4_ASPECT if height >= width else 1 / A4_ASPECT
    out_w = math.sqrt(area / aspect)
    out_h = out_w * aspect
    target = np.array(
        [[0, 0], [out_w - 1, 0], [out_w - 1, out_h - 1], [0, out_h - 1]], dtype=np.float32
    )
    matrix = cv2.getPerspectiveTransform(corners.astype(np.float32), target)
    warped = cv2.warpPerspective(
        gray,
        matrix,
        (round(out_w), round(out_h)),
        flags=cv2.INTER_CUBIC,
        borderMode=cv2.BORDER_REPLICATE,
    )
    return np.clip(warped, 0, 1).astype(np.float32)


def _upright(corners: NDArray[np.float64], tolerance: float) -> bool:
    """True when the corners form an upright rectangle, to within ``tolerance`` pixels."""
    tl, tr, br, bl = corners
    return bool(
        abs(tl[1] - tr[1]) <= tolerance
        and abs(bl[1] - br[1]) <= tolerance
        and abs(tl[0] - bl[0]) <= tolerance
        and abs(tr[0] - br[0]) <= tolerance
    )


def _crop_upright(gray: Gray, corners: NDArray[np.float64]) -> Gray:
    """The upright page cut out at full resolution: its edges are the first and last rows and
    columns (near the corners found on the small copy) that are mostly paper."""
    xs, ys = corners[:, 0], corners[:, 1]
    slack = 0.006 * max(gray.shape) + 2
    h, w = gray.shape
    top, bottom = max(0, int(ys.min() - slack)), min(h, int(ys.max() + slack) + 1)
    left, right = max(0, int(xs.min() - slack)), min(w, int(xs.max() + slack) + 1)
    region = gray[top:bottom, left:right]
    paper = float(np.percentile(region, 90))
    desk = float(np.percentile(gray[:, : max(1, left)], 50)) if left > 0 else 0.0
    bright = region > (paper + desk) / 2
    rows = np.flatnonzero(bright.mean(axis=1) > 0.5)
    cols = np.flatnonzero(bright.mean(axis=0) > 0.5)
    if len(rows) < 2 or len(cols) < 2:
        return gray
    # one pixel inside each edge: the edge pixels are a blend of page and desk
    cut = gray[top + rows[0] + 1 : top + rows[-1], left + cols[0] + 1 : left + cols[-1]]
    return np.ascontiguousarray(cut)


def _page_corners(gray: Gray) -> NDArray[np.float64] | None:
    """The page's corners (top-left, top-right, bottom-right, bottom-left) or None.

    None when the brightest region is not a clean quadrilateral of sensible size that stays
    clear of the picture's edges: then there is no desk to find the page against.
    """
    small = _shrink(gray, 1000)
    scale = gray.shape[1] / small.shape[1]
    blurred = cv2.GaussianBlur((small * 255).astype(np.uint8), (0, 0), 2.0)
    _, mask = cv2.threshold(blurred, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    mask = cv2.morphologyEx(mask, cv2.MORPH_CLOSE, np.ones((9, 9), np.uint8))
    contours, _ = cv2.findContours(mask, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    if not contours:
        return None
    contour = max(contours, key=cv2.contourArea)
    area = cv2.contourArea(contour)
    h, w = small.shape
    if not 0.2 * h * w < area < 0.95 * h * w:
        return None
    x, y, bw, bh = cv2.boundingRect(contour)
    if x <= 1 or y <= 1 or x + bw >= w - 1 or y + bh >= h - 1:
        return None  # the bright region runs off the picture: a crop or a scan
    quad = cv2.approxPolyDP(contour, 0.02 * cv2.arcLength(contour, True), True)
    if len(quad) != 4 or not cv2.isContourConvex(quad):
        return None
    if cv2.contourArea(quad) < 0.97 * area or cv2.contourArea(quad) > 1.03 * area:
        return None
    points = quad.reshape(4, 2).astype(np.float64) * scale
    by_sum = points.sum(axis=1)
    by_diff = points[:, 1] - points[:, 0]
    ordered = np.array(
        [
            points[np.argmin(by_sum)],
            points[np.argmin(by_diff)],
            points[np.argmax(by_sum)],
            points[np.argmax(by_diff)],
        ]
    )
    if len({tuple(p) for p in ordered}) != 4:
        return None
    return ordered


def text_angle(gray: Gray) -> float:
    """The text lines' angle in degrees (positive: lines rise to the right), within +-3.

    The ink's row profile is sharpest (highest variance) when the projection runs along the
    lines; a coarse search then a fine one around the best angle.
    """
    small = _shrink(gray, 1200)
    ink = small < min(0.5, float(np.median(small)) - 0.2)
    ys, xs = np.nonzero(ink)
    if len(xs) < 50:
        return 0.0
    xs = xs.astype(np.float64) - small.shape[1] / 2
    ys = ys.astype(np.float64) + small.shape[1]  # keep projected rows positive

    def sharpness(angle: float) -> float:
        projected = ys + xs * math.tan(math.radians(angle))
        rows = np.floor(projected).astype(np.int64)
        part = projected - rows  # split each point between its two rows: no aliasing
        counts = np.bincount(rows, weights=1 - part) + np.bincount(rows + 1, weights=part)[:-1]
        return float(np.dot(counts, counts))  # the variance, up to constants

    best = max(np.arange(-3.0, 3.01, 0.25), key=sharpness)
    best = max(np.arange(best - 0.25, best + 0.26, 0.025), key=sharpness)
    return round(float(best), 3)


def _deskew(gray: Gray) -> Gray:
    angle = text_angle(gray)
    if abs(angle) < MIN_DESKEW:
        return gray  # the layout reader fits a small tilt; resampling would only blur
    h, w = gray.shape
    matrix = cv2.getRotationMatrix2D((w / 2, h / 2), -angle, 1.0)
    rotated = cv2.warpAffine(
        gray, matrix, (w, h), flags=cv2.INTER_CUBIC, borderMode=cv2.BORDER_REPLICATE
    )
    return np.clip(rotated, 0, 1).astype(np.float32)


def _flatten(gray: Gray) -> Gray:
    """Divide out the lighting: paper brightness estimated by a large max filter (ink removed)."""
    small = _shrink(gray, 600)
    size = max(3, round(max(small.shape) / 50) | 1)
    background = cv2.dilate(small, np.ones((size, size), np.uint8))
    background = cv2.GaussianBlur(background, (0, 0), size)
    background = cv2.resize(
        background, (gray.shape[1], gray.shape[0]), interpolation=cv2.INTER_LINEAR
    )
    flat = gray / np.maximum(background, 0.05)
    return np.clip(flat, 0, 1).astype(np.float32)
