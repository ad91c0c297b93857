"""Read the layout marks of a page picture: which blocks sit raised and which lowered.

Every line of a layout-marked copy is split into two blocks whose baselines are raised (option 0)
or lowered (option 1) by ``shift_pt`` (1/200 inch) for each recipient. Reading them from a
screenshot, scan or photo takes four steps:

1. **Which line is which.** OCR lines are fuzzy-matched (folded words, rapidfuzz) against the
   skeleton's lines; only confident, unique matches count, the page with most matches wins, and
   matches out of top-to-bottom order are dropped. Within a matched line, the OCR words are
   aligned with the line's words (difflib) so that each word knows its block. Nothing assumes the
   whole page is visible: a crop, or a finger over a corner, only loses the lines it hides.
2. **Where each baseline is.** For each aligned word, the darkness profile of its box (rows, summed
   over the box's columns) drops sharply where the letters stand on the baseline; the centroid of
   that drop gives the baseline to a small fraction of a pixel.
3. **What is shift and what is page.** Rotation, perspective and gentle bending move baselines far
   more than the marks do, but smoothly: baselines are modelled as ``y = F(x, row) + s[block]``
   with ``F`` a low-degree polynomial over the whole visible page (terms 1, row, x, row*x, row^2,
   x^2), fitted robustly and alternately with the per-block shifts ``s`` (the width-weighted mean
   residual of the block's words, outliers left out). The local row pitch of ``F`` converts
   ``shift_pt`` into pixels (``shift_px``).
4. **Only clear readings.** A block is read when two or more of its words were measured, its shift
   exceeds ``0.35 * shift_px`` and 2.5 standard errors (words that disagree are not read). A
   block with one measured word is read only on a clean picture (word scatter under a fifth of
   ``shift_px``), when the word has five letters or more and its shift exceeds
   ``0.6 * shift_px``. Some PDF viewers draw every text line on a whole pixel row; the reader
   recognises such a picture (all baselines share one fraction of a pixel) and then reads only
   the blocks whose shift is beyond that rounding error: about a third of them at 100 dpi, two
   thirds at 150 dpi, nearly all from 200 dpi on.

Readings come from the picture alone, never from any recipient's options, so the evidence against
an innocent recipient stays exactly what chance allows; a wrong reading only weakens the case
against the real leaker. Measured on copies from the PDF writer, rendered by poppler and degraded
(``tests/layout_synth.py``): a block's shift is found to 0.06-0.13 px (standard deviation) at
100 dpi and 0.16-0.19 px at 300 dpi, about a fifth of the shift itself (0.33 and 1 px); 90-93% of
a page's blocks are read from screenshots, scans and photos at 300 dpi, 65-83% from blurred
photos at 120-150 dpi, and none of about 3,400 readings was wrong.

Limits: the picture must show the text sharply enough for OCR (about 100 dpi or better for
11-point text); a single short word, and a line of under eight letters, are not read; a picture
rendered on whole pixel rows and then rotated or rescaled is not recognised as such, and its
readings at 100 dpi are unreliable.

Example::

    page = rectify(load_image(data, "leak.jpg"))
    readings = read_layout(page, ocr_words(page), skeleton)
"""

from __future__ import annotations

import difflib
import math
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray
from rapidfuzz import fuzz, process

from leaktrace.formats.images import Gray
from leaktrace.formats.ocr import OcrWord
from leaktrace.layout import LayoutReading, LineBlock, PageGeometry, Skeleton

MIN_LINE_SCORE = 80.0
"""Fuzzy score (0-100) an OCR line needs to be taken for a skeleton line."""
MIN_MARGIN = 8.0
"""How far the best skeleton line must beat the runner-up (else the match is ambiguous)."""
MIN_CONF = 40.0
"""Tesseract confidence below which a word's box is not trusted for a baseline."""
READ_FRACTION = 0.35
"""A block is read only when its measured shift exceeds this fraction of ``shift_px``..."""
AGREEMENT = 2.5
"""...and this many standard errors of its estimate (so words that disagree are not read)."""
SINGLE_CHARS = 5
"""A block with one measured word is read only if the word has this many letters or more,"""
SINGLE_CLEAN = 0.2
"""...the page's word scatter is under this fraction of ``shift_px`` (a clean picture),"""
SINGLE_FRACTION = 0.6
"""...and its shift exceeds this fraction of ``shift_px``."""
SNAPPED = 0.6
"""Above this :func:`snapping` score the picture's lines were rendered on whole pixel rows."""
SNAP_MARGIN = 0.3
"""Pixels of measurement noise allowed on top of the rounding error of a snapped picture."""
MIN_FALL = 0.08
"""A baseline needs a fall of darkness of at least this share of the word's darkest row."""
FALL_REACH = 0.1
"""Rows either side of the steepest fall (a share of the box height) that share the centroid."""


@dataclass(frozen=True)
class _Line:
    page: int
    row: int
    words: tuple[str, ...]  # folded
    keys: tuple[str, ...]  # block key of each word


@dataclass(frozen=True)
class _Measure:
    key: str
    row: int
    x: float
    y: float
    width: float
    chars: int


def fold(word: str) -> str:
    """A word reduced for matching: lowercase letters and digits only."""
    text = unicodedata.normalize("NFKD", word).lower()
    return re.sub(r"[\W_]+", "", text)


def read_layout(gray: Gray, words: Sequence[OcrWord], skeleton: Skeleton) -> list[LayoutReading]:
    """The blocks of ``skeleton`` whose shift can be read on ``gray``, in page order.

    ``words`` is the OCR of the same picture (:func:`leaktrace.formats.ocr.ocr_words`).
    Unreadable blocks are left out, so an empty list means nothing could be read.
    """
    lines = _skeleton_lines(skeleton)
    matched = _match_lines(words, lines)
    pitch = _char_pitch(words)
    measures = [m for line, ocr in matched for m in _measure_line(gray, line, ocr, pitch)]
    return _read_shifts(measures, skeleton.geometry)


def _char_pitch(words: Sequence[OcrWord]) -> float:
    """The typical box width per character: a box far off it holds more (or less) than its word."""
    ratios = [w.width / len(w.text) for w in words if len(w.text) >= 3]
    return float(np.median(ratios)) if ratios else 0.0


def _skeleton_lines(skeleton: Skeleton) -> list[_Line]:
    grouped: dict[tuple[int, int], list[LineBlock]] = defaultdict(list)
    for block in skeleton.blocks:
        grouped[(block.page, block.row)].append(block)
    lines = []
    for (page, row), blocks in sorted(grouped.items()):
        words: list[str] = []
        keys: list[str] = []
        for block in sorted(blocks, key=lambda b: b.side):
            for word in block.words:
                folded = fold(word)
                if folded:
                    words.append(folded)
                    keys.append(block.key)
        if words:
            lines.append(_Line(page, row, tuple(words), tuple(keys)))
    return lines


def _ocr_lines(words: Sequence[OcrWord]) -> list[list[tuple[str, OcrWord]]]:
    grouped: dict[tuple[int, int, int], list[tuple[str, OcrWord]]] = {}
    for word in words:
        folded = fold(word.text)
        if folded:
            grouped.setdefault(word.line_id, []).append((folded, word))
    return list(grouped.values())


def _best(query: str, choices: list[str]) -> tuple[int, float] | None:
    """Index and score of the one choice ``query`` matches confidently, else None."""
    found = process.extract(query, choices, scorer=fuzz.ratio, limit=2)
    if not found:
        return None
    (text, score, index), *rest = found
    if score < MIN_LINE_SCORE and len(query) >= 25:
        # a line cut by the picture's edge: look for it inside the full lines
        found = process.extract(query, choices, scorer=fuzz.partial_ratio, limit=2)
        (text, score, index), *rest = found
        score -= 5.0
    if score < MIN_LINE_SCORE:
        return None
    if rest and (rest[0][1] > score - MIN_MARGIN or rest[0][0] == text):
        return None
    return index, score


def _match_lines(
    words: Sequence[OcrWord], lines: list[_Line]
) -> list[tuple[_Line, list[tuple[str, OcrWord]]]]:
    """OCR lines paired with the skeleton lines they show, on the best-matching page."""
    ocr = [line for line in _ocr_lines(words) if len(" ".join(w for w, _ in line)) >= 8]
    texts = [" ".join(line.words) for line in lines]
    votes: Counter[int] = Counter()
    for line in ocr:
        found = _best(" ".join(w for w, _ in line), texts)
        if found is not None:
            votes[lines[found[0]].page] += 1
    if not votes:
        return []
    page = votes.most_common(1)[0][0]
    on_page = [line for line in lines if line.page == page]
    page_texts = [" ".join(line.words) for line in on_page]
    pairs = []
    for line in ocr:
        found = _best(" ".join(w for w, _ in line), page_texts)
        if found is not None:
            pairs.append((on_page[found[0]], line))
    return _in_order(pairs)


def _in_order(
    pairs: list[tuple[_Line, list[tuple[str, OcrWord]]]],
) -> list[tuple[_Line, list[tuple[str, OcrWord]]]]:
    """Keep the longest run of matches whose rows grow down the picture (drop stray matches)."""
    pairs.sort(key=lambda p: float(np.mean([w.top + w.height for _, w in p[1]])))
    rows = [line.row for line, _ in pairs]
    # longest non-decreasing subsequence, O(n^2) is plenty for one page
    best = [1] * len(rows)
    previous = [-1] * len(rows)
    for i in range(len(rows)):
        for j in range(i):
            if rows[j] <= rows[i] and best[j] + 1 > best[i]:
                best[i], previous[i] = best[j] + 1, j
    if not rows:
        return []
    i = int(np.argmax(best))
    keep = []
    while i >= 0:
        keep.append(pairs[i])
        i = previous[i]
    return keep[::-1]


def _measure_line(
    gray: Gray, line: _Line, ocr: list[tuple[str, OcrWord]], pitch: float
) -> list[_Measure]:
    """Baselines of the OCR words that align with a word of ``line`` and have a sound box."""
    folded = [w for w, _ in ocr]
    matcher = difflib.SequenceMatcher(None, folded, list(line.words), autojunk=False)
    measures = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag not in ("equal", "replace") or i2 - i1 != j2 - j1:
            continue
        for i, j in zip(range(i1, i2), range(j1, j2), strict=True):
            if tag == "replace" and fuzz.ratio(folded[i], line.words[j]) < 60:
                continue
            word = ocr[i][1]
            if word.conf < MIN_CONF:
                continue
            if pitch and not 0.5 * pitch < word.width / len(word.text) < 2.0 * pitch:
                continue  # the box spans a neighbour, or a stain, or only part of the word
            y = baseline(gray, word)
            if y is not None:
                measures.append(
                    _Measure(
                        line.keys[j],
                        line.row,
                        word.left + word.width / 2,
                        y,
                        word.width,
                        len(line.words[j]),
                    )
                )
    return measures


def baseline(gray: Gray, word: OcrWord) -> float | None:
    """The word's baseline row (sub-pixel, rows grow downward), or None if it is too faint.

    The row profile of darkness over the word's columns falls steeply where the letters stand
    on the baseline (descenders are few and thin); the centroid of that fall is the baseline.
    """
    h = word.height
    pad = max(2, round(0.2 * h))
    top = max(0, word.top - pad)
    bottom = min(gray.shape[0], word.top + h + pad)
    left = max(0, word.left)
    right = min(gray.shape[1], word.left + word.width)
    if bottom - top < 6 or right - left < 3:
        return None
    profile = (1.0 - gray[top:bottom, left:right]).sum(axis=1, dtype=np.float64)
    fall = profile[:-1] - profile[1:]  # > 0 where ink ends going down
    start = max(0, word.top + h // 2 - top)
    if start >= len(fall) - 1:
        return None
    i = start + int(np.argmax(fall[start:]))
    peak = fall[i]
    ink = profile.max()
    if ink < 0.1 * (right - left) or peak < MIN_FALL * ink:
        return None
    # the centroid of the fall around its steepest row: blur spreads the edge over a few rows,
    # and every positive part of it counts (a cut-off centroid would lean to whole rows)
    reach = max(1, round(FALL_REACH * h))
    lo, hi = max(0, i - reach), min(len(fall), i + reach + 1)
    weights = np.clip(fall[lo:hi], 0, None)
    centre = float((weights * np.arange(lo, hi)).sum() / weights.sum())
    # fall[j] is the step from row j to row j + 1, so the ink edge lies one row below j
    return top + centre + 1.0


def _terms(u: NDArray[np.float64], v: NDArray[np.float64], full: bool) -> NDArray[np.float64]:
    columns = [np.ones_like(u), v, u, u * v]
    if full:
        columns += [v * v, u * u]
    return np.stack(columns, axis=1)


@dataclass(frozen=True)
class _Shift:
    key: str
    pixels: float  # measured shift, negative = raised
    nominal: float  # shift_pt in pixels at the block
    words: int
    threshold: float  # |pixels| needed for a reading; inf when the block cannot be read


def snapping(measures: Sequence[_Measure]) -> float:
    """How strongly baselines sit at one fraction of a pixel (0 none, 1 all alike).

    Many PDF viewers put every text line on a whole pixel row. Then a block's measured shift is
    its true shift plus a rounding error of up to half a pixel, and at low resolution the sign
    can only be trusted when the measured shift is beyond that error.
    """
    y = np.array([m.y for m in measures])
    return float(abs(np.mean(np.exp(2j * np.pi * y)))) if len(y) else 0.0


def _read_shifts(measures: list[_Measure], geometry: PageGeometry) -> list[LayoutReading]:
    """Read the blocks whose fitted shift is clearly beyond the noise."""
    return [
        LayoutReading(s.key, 0 if s.pixels < 0 else 1)
        for s in _fit_shifts(measures, geometry)
        if abs(s.pixels) > s.threshold
    ]


def _fit_shifts(measures: list[_Measure], geometry: PageGeometry) -> list[_Shift]:
    """Fit the smooth page model and the block shifts together.

    Alternates: fit ``F`` to the baselines less the current shifts (words far off get weight 0),
    then take each block's shift as the width-weighted mean of its words' residuals, outliers
    left out. Shifts fed back into the fit take their nominal size, so that one bad block cannot
    pull the page model and a run of blocks shifted the same way is not taken for page shape.
    """
    if len(measures) < 8:
        return []
    x = np.array([m.x for m in measures])
    row = np.array([m.row for m in measures], dtype=np.float64)
    y = np.array([m.y for m in measures])
    # a long word pins its baseline better, but one box must not outweigh a whole block
    width = np.array([m.width for m in measures])
    width = np.minimum(width, 3 * float(np.median(width)))
    if len(set(row.tolist())) < 3:
        return []
    x0, xs = float(np.median(x)), max(1.0, float(np.ptp(x)))
    r0, rs = float(np.median(row)), max(1.0, float(np.ptp(row)))
    u, v = (x - x0) / xs, (row - r0) / rs
    design = _terms(u, v, full=len(set(row.tolist())) >= 6)
    first: dict[str, tuple[int, float]] = {}
    for m in measures:  # page order: by row, then left to right
        first[m.key] = min(first.get(m.key, (m.row, m.x)), (m.row, m.x))
    keys = sorted(first, key=first.__getitem__)
    index = {key: k for k, key in enumerate(keys)}
    block = np.array([index[m.key] for m in measures])
    members = [np.flatnonzero(block == k) for k in range(len(keys))]
    shift = np.zeros(len(keys))
    estimate = np.zeros(len(keys))
    nominal = np.zeros(len(keys))
    used = np.zeros(len(keys), dtype=np.int64)
    error = np.zeros(len(keys))
    keep = np.ones(len(y), dtype=bool)
    for _ in range(6):
        target = y - shift[block]
        coef = np.linalg.lstsq(design[keep], target[keep], rcond=None)[0]
        residual = y - design @ coef
        # local pitch (pixels per row) at each word, from dF/drow
        pitch = (coef[1] + coef[3] * u + (2 * coef[4] * v if len(coef) > 4 else 0.0)) / rs
        local = np.abs(pitch) * geometry.shift_pt / geometry.leading_pt
        centre = np.array([np.median(residual[m]) for m in members])
        spread = residual - centre[block]
        scale = 1.4826 * float(np.median(np.abs(spread))) + 1e-6
        good = np.abs(spread) < 2.5 * scale
        for k, mine in enumerate(members):
            ok = mine[good[mine]]
            if len(ok) == 0:
                ok = mine
            estimate[k] = float(np.average(residual[ok], weights=width[ok]))
            nominal[k] = float(np.mean(local[mine]))
            used[k] = len(ok)
            # standard error of the estimate: the words' own scatter, at least the page's
            scatter = float(
                np.sqrt(np.average((residual[ok] - estimate[k]) ** 2, weights=width[ok]))
            )
            error[k] = max(scatter * math.sqrt(len(ok) / max(1, len(ok) - 1)), scale) / math.sqrt(
                len(ok)
            )
        # shifts are +-nominal: feed clear ones back at full size, so that a run of blocks
        # shifted the same way is not absorbed by F's row terms
        clear = np.abs(estimate) > 0.3 * nominal
        shift = np.where(clear, np.sign(estimate) * nominal, estimate)
        keep = np.abs(residual - shift[block]) < 3 * scale + nominal[block]
    threshold = np.maximum(READ_FRACTION * nominal, AGREEMENT * error)
    if snapping(measures) > SNAPPED:
        threshold = np.maximum(threshold, 0.5 - nominal + SNAP_MARGIN)
    # one word alone: only a long word on a clean picture, and only a clear shift (a single
    # box that OCR got wrong has no other word to outvote it)
    chars = np.array([m.chars for m in measures])
    for k, mine in enumerate(members):
        if used[k] >= 2:
            continue
        alone = len(mine) == 1 and chars[mine].max() >= SINGLE_CHARS
        if alone and scale < SINGLE_CLEAN * nominal[k]:
            threshold[k] = max(threshold[k], SINGLE_FRACTION * nominal[k])
        else:
            threshold[k] = math.inf
    return [
        _Shift(key, float(estimate[k]), float(nominal[k]), int(used[k]), float(threshold[k]))
        for k, key in enumerate(keys)
    ]
