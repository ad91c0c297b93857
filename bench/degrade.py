"""How a printed or displayed page reaches an investigator: screenshot, scan, phone photo.

Per shared/BENCHMARK.md ("Pages, scans and photos"): a page rendered at 300, 150 or 100 dpi (a
screenshot); a scan (slight rotation up to 1.5 degrees, noise); a phone photo (the page on a
table, perspective warp, blur sigma 1-2 px, uneven lighting, JPEG quality 50). Every function
takes and returns 8-bit images and draws its randomness from the ``rng`` it is given.
"""

from __future__ import annotations

import subprocess
import tempfile
from pathlib import Path

import cv2
import numpy as np
import numpy.typing as npt

Image = npt.NDArray[np.uint8]


def render_page(pdf: bytes, page: int, dpi: int) -> Image:
    """Page ``page`` (1-based) of a PDF as an 8-bit grayscale image, by poppler's pdftoppm."""
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
                "-png",
                str(source),
                str(Path(folder) / "page"),
            ],
            check=True,
            capture_output=True,
        )
        (rendered,) = Path(folder).glob("page*.png")
        image = cv2.imread(str(rendered), cv2.IMREAD_GRAYSCALE)
    assert image is not None
    return image


def png(image: Image) -> bytes:
    ok, data = cv2.imencode(".png", image)
    assert ok
    return data.tobytes()


def jpeg(image: Image, quality: int) -> bytes:
    ok, data = cv2.imencode(".jpg", image, [cv2.IMWRITE_JPEG_QUALITY, quality])
    assert ok
    return data.tobytes()


def scan(page: Image, rng: np.random.Generator) -> bytes:
    """A flatbed scan: rotated by up to 1.5 degrees either way, sensor noise and dust, PNG."""
    angle = float(rng.uniform(-1.5, 1.5))
    height, width = page.shape
    matrix = cv2.getRotationMatrix2D((width / 2, height / 2), angle, 1.0)
    rotated = cv2.warpAffine(
        page, matrix, (width, height), flags=cv2.INTER_LINEAR, borderValue=(255,)
    )
    noisy = rotated.astype(np.float32) + rng.normal(0.0, 8.0, rotated.shape)
    dust = rng.random(rotated.shape) < 0.0005
    noisy[dust] = rng.uniform(0, 120, int(dust.sum()))
    return png(np.clip(noisy, 0, 255).astype(np.uint8))


def photo(page: Image, rng: np.random.Generator) -> bytes:
    """A phone photo of the printed page lying on a table: perspective, blur, uneven light,
    JPEG quality 50."""
    height, width = page.shape
    margin = int(0.09 * width)
    canvas_w, canvas_h = width + 2 * margin, height + 2 * margin
    table = rng.normal(95.0, 12.0, (canvas_h, canvas_w)).astype(np.float32)
    table = cv2.GaussianBlur(table, (0, 0), 6.0)
    # Where the page's corners land: each moved by up to 5 % of the page's width.
    jitter = 0.05 * width
    source = np.float32([[0, 0], [width, 0], [width, height], [0, height]])
    target = np.float32(
        [
            [margin + rng.uniform(-jitter, jitter), margin + rng.uniform(-jitter, jitter)]
            for _ in range(4)
        ]
    ) + np.float32([[0, 0], [width, 0], [width, height], [0, height]])
    homography = cv2.getPerspectiveTransform(source, target)
    warped = cv2.warpPerspective(
        page.astype(np.float32),
        homography,
        (canvas_w, canvas_h),
        flags=cv2.INTER_LINEAR,
        borderValue=(-1.0,),
    )
    mask = cv2.warpPerspective(
        np.ones_like(page, dtype=np.float32), homography, (canvas_w, canvas_h)
    )
    picture = np.where(mask > 0.5, warped, table)
    picture = cv2.GaussianBlur(picture, (0, 0), float(rng.uniform(1.0, 2.0)))
    # Uneven light: a gradient across the page from a lamp to one side, and a soft vignette.
    ys, xs = np.mgrid[0:canvas_h, 0:canvas_w].astype(np.float32)
    direction = rng.uniform(0, 2 * np.pi)
    ramp = np.cos(direction) * xs / canvas_w + np.sin(direction) * ys / canvas_h
    ramp = (ramp - ramp.min()) / max(float(ramp.max() - ramp.min()), 1e-6)
    light = 0.6 + 0.4 * ramp
    vignette = 1.0 - 0.25 * (((xs / canvas_w - 0.5) ** 2 + (ys / canvas_h - 0.5) ** 2) * 2)
    picture = picture * light * vignette
    picture += rng.normal(0.0, 4.0, picture.shape)
    return jpeg(np.clip(picture, 0, 255).astype(np.uint8), 50)
