"""Words and their boxes from a page picture, read by the Tesseract OCR engine.

Tesseract runs as a separate program (Debian's ``tesseract-ocr`` package): the page goes in as a
PNG on stdin and the TSV report comes back on stdout, one row per word with its box, confidence
and block/paragraph/line numbers. The command is a parameter, so tests and unusual installs can
point at another binary (house rule: OCR is injectable).

Small pictures (a screenshot at 100 dpi) are enlarged twice before OCR, because Tesseract reads
11-point text much better with letters about 20 pixels high; boxes come back in the caller's
pixels. Tesseract runs single-threaded: its OpenMP threads slow it down several-fold on small
machines.

Example::

    words = ocr_words(rectify(load_image(data, "leak.png")))
    print(ocr_text(words))
"""

from __future__ import annotations

import csv
import io
import os
import subprocess
from dataclasses import dataclass

import cv2
import numpy as np

from leaktrace.errors import InputError, ToolMissingError
from leaktrace.formats.images import Gray

INSTALL = "install it with `sudo apt install tesseract-ocr` (Debian/Ubuntu)"
UPSCALE_BELOW = 1600
"""Pictures narrower than this many pixels are enlarged twice before OCR."""


@dataclass(frozen=True)
class OcrWord:
    """One word Tesseract read, with its box in picture pixels (rows grow downward).

    ``block``, ``par`` and ``line`` number Tesseract's layout (1-based; equal triples are one
    text line), ``word`` is the word's place on its line, ``conf`` Tesseract's confidence 0-100.

    Example::

        word = OcrWord("North", left=120, top=300, width=60, height=18, conf=96.0,
                       block=1, par=2, line=3, word=4)
        word.line_id  # (1, 2, 3)
    """

    text: str
    left: int
    top: int
    width: int
    height: int
    conf: float
    block: int
    par: int
    line: int
    word: int

    @property
    def line_id(self) -> tuple[int, int, int]:
        """The text line this word is on: (block, paragraph, line)."""
        return (self.block, self.par, self.line)


def ocr_words(
    gray: Gray, *, tesseract: str = "tesseract", language: str = "eng", timeout: float = 120.0
) -> list[OcrWord]:
    """Every word Tesseract finds on ``gray``, in reading order.

    Raises:
        ToolMissingError: the ``tesseract`` command cannot be run.
        InputError: Tesseract failed on the picture or ran past ``timeout`` seconds.
    """
    scale = 2 if gray.shape[1] < UPSCALE_BELOW else 1
    image = (np.clip(gray, 0, 1) * 255).round().astype(np.uint8)
    if scale != 1:
        image = np.asarray(
            cv2.resize(image, None, fx=scale, fy=scale, interpolation=cv2.INTER_CUBIC), np.uint8
        )
    ok, png = cv2.imencode(".png", image)
    if not ok:
        raise InputError("the page picture could not be prepared for OCR; try another picture")
    command = [tesseract, "stdin", "stdout", "-l", language, "--psm", "3", "tsv"]
    environment = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    try:
        done = subprocess.run(
            command,
            input=png.tobytes(),
            capture_output=True,
            timeout=timeout,
            env=environment,
            check=False,
        )
    except (FileNotFoundError, PermissionError, NotADirectoryError):
        raise ToolMissingError(
            f"the OCR program {tesseract!r} was not found; {INSTALL}, or give the path to the "
            "tesseract binary"
        ) from None
    except subprocess.TimeoutExpired:
        raise InputError(
            f"OCR gave up after {timeout:.0f} s; crop the picture to the page and try again"
        ) from None
    if done.returncode != 0:
        detail = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise InputError(
            f"OCR failed on the picture ({detail[-1] if detail else 'no message'}); check that "
            f"the {language!r} language data is installed (Debian: tesseract-ocr-{language})"
        )
    return _parse_tsv(done.stdout.decode("utf-8", "replace"), scale)


def _parse_tsv(report: str, scale: int) -> list[OcrWord]:
    words: list[OcrWord] = []
    rows = csv.DictReader(io.StringIO(report), delimiter="\t", quoting=csv.QUOTE_NONE)
    for row in rows:
        text = (row.get("text") or "").strip()
        if row.get("level") != "5" or not text:
            continue
        words.append(
            OcrWord(
                text=text,
                left=round(int(row["left"]) / scale),
                top=round(int(row["top"]) / scale),
                width=max(1, round(int(row["width"]) / scale)),
                height=max(1, round(int(row["height"]) / scale)),
                conf=float(row["conf"]),
                block=int(row["block_num"]),
                par=int(row["par_num"]),
                line=int(row["line_num"]),
                word=int(row["word_num"]),
            )
        )
    return words


def ocr_text(words: list[OcrWord]) -> str:
    """The words as text: one line per OCR line, a blank line between paragraphs.

    >>> w = lambda t, par, line: OcrWord(t, 0, 0, 1, 1, 90.0, 1, par, line, 1)
    >>> ocr_text([w("a", 1, 1), w("b", 1, 1), w("c", 1, 2), w("d", 2, 1)])
    'a b\\nc\\n\\nd'
    """
    paragraphs: list[list[list[str]]] = []
    last_par: tuple[int, int] | None = None
    last_line: tuple[int, int, int] | None = None
    for word in words:
        if (word.block, word.par) != last_par:
            paragraphs.append([])
            last_par = (word.block, word.par)
            last_line = None
        if word.line_id != last_line:
            paragraphs[-1].append([])
            last_line = word.line_id
        paragraphs[-1][-1].append(word.text)
    return "\n\n".join("\n".join(" ".join(line) for line in par) for par in paragraphs)
