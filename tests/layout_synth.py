"""Layout-marked pages as a leak shows them, for the picture-reading tests and benchmarks.

A copy is written by the real PDF writer with seeded layout options, rendered by poppler's
``pdftoppm``, and degraded the way a leak arrives: a screenshot, a scan (slight rotation, noise)
or a phone photo (perspective, blur, uneven light, JPEG, a darker desk, maybe a finger).

Poppler puts every text line on a whole pixel row, which no printer or scanner does; a picture
meant to keep sub-pixel positions is therefore rendered finer (600 dpi) and scaled down.
"""

from __future__ import annotations

import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np
from numpy.typing import NDArray

from leaktrace.formats.pdf_copy import PdfCopyWriter
from leaktrace.layout import Skeleton, typeset

OTHER_TEXT = (
    "Gardeners who grow tomatoes under glass should open the vents early on warm mornings, "
    "because humid air encourages mould on the lower leaves. Water the plants at the base "
    "rather than over the foliage, and feed them every week once the first trusses have set. "
    "A thin layer of straw keeps the soil cool and stops splashing when heavy rain arrives.\n\n"
    "Pinch out the side shoots of cordon varieties as soon as they appear, but leave bush types "
    "to sprawl on their own. When the plants reach the roof of the greenhouse, stop them by "
    "removing the growing tip two leaves above the highest flower truss. Ripening fruit needs "
    "warmth more than sunshine, so a few green tomatoes picked in autumn will still turn red "
    "on a kitchen windowsill next to a banana.\n\n"
    "Keep a notebook of sowing dates, varieties and yields; after a few seasons it tells you "
    "more about your own plot than any catalogue could, and it makes ordering seed in January "
    "a pleasure rather than a guess."
)


@dataclass(frozen=True)
class Copy:
    """One recipient's PDF copy of a text, and what a reader needs to check a reading."""

    skeleton: Skeleton
    options: dict[str, int]
    pdf: bytes


def make_copy(text: str, seed: int) -> Copy:
    """Typeset ``text`` (no variation points) and write a copy with seeded layout options."""
    layout = typeset(text, [])
    skeleton = layout.skeleton()
    rng = np.random.default_rng(seed)
    options = {block.key: int(rng.integers(0, 2)) for block in skeleton.blocks}
    pdf = PdfCopyWriter(layout, title="Test").write([], options, visible_mark="Copy 7")
    return Copy(skeleton, options, pdf)


def rasterize(pdf: bytes, dpi: int, page: int = 1) -> NDArray[np.uint8]:
    """One page of ``pdf`` as an 8-bit grayscale picture, rendered by poppler at ``dpi``.

    Poppler puts every text line on a whole pixel row, so a picture meant to keep sub-pixel
    positions (a printed page, a viewer with subpixel text) is rendered finer and scaled down.
    """
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "copy.pdf"
        source.write_bytes(pdf)
        subprocess.run(
            [
                "pdftoppm",
                "-r",
                str(dpi),
                "-f",
                str(page),
                "-l",
                str(page),
                "-gray",
                str(source),
                str(Path(folder) / "page"),
            ],
            check=True,
        )
        (pgm,) = Path(folder).glob("page*.pgm")
        image = cv2.imread(str(pgm), cv2.IMREAD_GRAYSCALE)
    assert image is not None
    return image


def screenshot(image: NDArray[np.uint8], factor: int) -> NDArray[np.uint8]:
    """A viewer's screenshot of a page rendered ``factor`` times finer: area-averaged down."""
    h, w = image.shape
    return cv2.resize(image, (w // factor, h // factor), interpolation=cv2.INTER_AREA)


def scan(
    image: NDArray[np.uint8], seed: int, factor: int = 2, angle: float = 1.2
) -> NDArray[np.uint8]:
    """A flatbed scan of a printed page (``image``, ``factor`` times finer than the scan):
    rotated by ``angle`` degrees, sampled down, a little sensor noise."""
    rng = np.random.default_rng(seed)
    image, factor = _halve(image, factor)
    h, w = image.shape
    out = (round(w / factor), round(h / factor))
    matrix = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0 / factor)
    matrix[:, 2] += np.array([out[0] - w, out[1] - h]) / 2
    blurred = cv2.GaussianBlur(image, (0, 0), 0.5 * factor)
    rotated = cv2.warpAffine(
        blurred, matrix, out, flags=cv2.INTER_LINEAR, borderValue=(255.0, 255.0, 255.0, 255.0)
    ).astype(np.float32)
    noisy = rotated + rng.normal(0, 6, rotated.shape).astype(np.float32)
    return np.clip(noisy, 0, 255).astype(np.uint8)


def _halve(image: NDArray[np.uint8], factor: int) -> tuple[NDArray[np.uint8], float]:
    """Area-average ``image`` down to twice the target resolution first (fast, keeps sub-pixel
    positions); return it and the factor left to apply."""
    if factor <= 2:
        return image, float(factor)
    h, w = image.shape
    small = cv2.resize(
        image, (round(w * 2 / factor), round(h * 2 / factor)), interpolation=cv2.INTER_AREA
    )
    return np.asarray(small, np.uint8), 2.0


def photo(
    image: NDArray[np.uint8],
    seed: int,
    factor: int = 2,
    finger: bool = False,
    quality: int = 50,
) -> NDArray[np.uint8]:
    """A phone photo of a printed page (``image``, ``factor`` times finer than the photo):
    the page on a darker desk, perspective, blur, uneven light, JPEG."""
    rng = np.random.default_rng(seed)
    image, factor = _halve(image, factor)
    big_h, big_w = image.shape
    h, w = big_h / factor, big_w / factor
    out_w, out_h = int(w * 1.15), int(h * 1.1)
    jitter = 0.03 * w
    corners = np.float32([[0, 0], [big_w, 0], [big_w, big_h], [0, big_h]])
    small = np.float32([[0, 0], [w, 0], [w, h], [0, h]])
    margin = np.float32([0.07 * w, 0.05 * h])
    target = small + margin + rng.uniform(-jitter, jitter, (4, 2)).astype(np.float32)
    matrix = cv2.getPerspectiveTransform(corners, target)
    smooth = cv2.GaussianBlur(image, (0, 0), 0.5 * factor).astype(np.float32)
    page = cv2.warpPerspective(smooth, matrix, (out_w, out_h), flags=cv2.INTER_LINEAR)
    mask = cv2.warpPerspective(
        np.ones((big_h, big_w), np.float32), matrix, (out_w, out_h), flags=cv2.INTER_LINEAR
    )
    desk = 70.0 + rng.normal(0, 4, (out_h, out_w)).astype(np.float32)
    picture = page * mask + desk * (1 - mask)
    if finger:
        centre = (int(target[2, 0]), int(target[2, 1]))
        axes = (int(0.09 * w), int(0.05 * h))
        cv2.ellipse(picture, centre, axes, -35, 0, 360, (150.0, 0.0, 0.0, 0.0), -1)
    picture = cv2.GaussianBlur(picture, (0, 0), 1.5)
    yy, xx = np.mgrid[0:out_h, 0:out_w].astype(np.float32)
    light = 0.65 + 0.35 * (xx / out_w) * 0.6 + 0.35 * (yy / out_h) * 0.4
    picture = picture * light + rng.normal(0, 3, picture.shape).astype(np.float32)
    encoded = cv2.imencode(
        ".jpg", np.clip(picture, 0, 255).astype(np.uint8), [cv2.IMWRITE_JPEG_QUALITY, quality]
    )[1]
    decoded = cv2.imdecode(encoded, cv2.IMREAD_GRAYSCALE)
    assert decoded is not None
    return decoded


def encode(image: NDArray[np.uint8], ext: str = ".png") -> bytes:
    ok, data = cv2.imencode(ext, image)
    assert ok
    return data.tobytes()


def score(readings: list[tuple[str, int]], options: dict[str, int]) -> tuple[int, int]:
    """(readings made, readings correct)."""
    return len(readings), sum(options[key] == option for key, option in readings)
