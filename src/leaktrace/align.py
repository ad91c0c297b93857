"""Align leaked text with a stretch of a document lattice and read each branch it passes.

This is local alignment (Smith-Waterman) of the input's tokens against the lattice's elements,
where a branch is aligned through whichever option fits best. Gap tokens in the input (an editor's
``...`` or ``[gloss]``) stand for any run of source tokens at no cost, so a cut or a gloss never
forces a wrong reading: it makes the points it covers unreadable.

Each branch is read by *max-marginals*: a forward pass gives the best score of any alignment
ending just before the branch, a backward pass the best score of any alignment starting just after
it, and each option's score is the best alignment forced through that option. A branch is read as
option ``o`` only when that forced score is the optimum (the branch lies on the best alignment) and
beats every other option by at least :data:`READ_MARGIN`; otherwise it is unreadable. Nothing here
knows who received which option.

Example:
    >>> from leaktrace.lattice import build_lattice
    >>> from leaktrace.tokens import tokenize
    >>> from leaktrace.variants.engine import find_points
    >>> text = "The minister said that he would resign before the summer recess."
    >>> lattice = build_lattice(text, find_points(text))
    >>> leak = tokenize("Minister said he would resign before the summer")
    >>> result = align(leak, lattice.elements)
    >>> [(r.element, r.option) for r in result.readings]
    [(3, 1)]
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from rapidfuzz.distance import Levenshtein
from rapidfuzz.process import cdist

from leaktrace.lattice import Element
from leaktrace.tokens import CASED, Token, TokenKind

MATCH_WORD = 2.0
MATCH_PUNCT = 1.0
NEAR_WORD = 1.0
MISMATCH = -1.0
GAP_WORD = -1.0
GAP_PUNCT = -0.5
READ_MARGIN = 0.5
_ON_PATH_SLACK = 1e-9
_EDGE = 1

Row = npt.NDArray[np.float64]


@dataclass(frozen=True)
class BranchReading:
    """The reading of one branch.

    ``options`` are the options the leak is compatible with (usually one; two when a convention
    renders two options alike at this place); empty when unreadable. ``option`` is the single
    compatible option, or ``None``.
    """

    element: int
    options: tuple[int, ...]
    margin: float
    input_start: int
    input_end: int

    @property
    def option(self) -> int | None:
        return self.options[0] if len(self.options) == 1 else None


@dataclass(frozen=True)
class Alignment:
    """The best local alignment: its score, its spans, and the branch readings inside it."""

    score: float
    input_start: int
    input_end: int
    element_start: int
    element_end: int
    readings: tuple[BranchReading, ...]


class _Scorer:
    """Per-token score vectors over the input columns, cached by token text."""

    def __init__(self, inputs: Sequence[Token]) -> None:
        self.norms = [t.norm for t in inputs]
        self.surfaces = np.array([t.surface for t in inputs], dtype=object)
        self.size = len(inputs)
        is_gap = np.array([t.kind is TokenKind.GAP for t in inputs], dtype=bool)
        is_punct = np.array([t.kind is TokenKind.PUNCT for t in inputs], dtype=bool)
        self.is_gap = is_gap
        insert = np.where(is_gap, 0.0, np.where(is_punct, GAP_PUNCT, GAP_WORD))
        self.insert_cumulative = np.concatenate([[0.0], np.cumsum(insert)])
        self.index: dict[str, list[int]] = {}
        for j, norm in enumerate(self.norms):
            self.index.setdefault(norm, []).append(j)
        self.cache: dict[str, Row] = {}
        self.long_inputs = [n for n in self.index if len(n) >= 5]

    def vector(self, norm: str) -> Row:
        cached = self.cache.get(norm)
        if cached is not None:
            return cached
        if norm.startswith(CASED):
            return self._cased_vector(norm)
        vec = np.full(self.size, MISMATCH)
        if len(norm) >= 5 and self.long_inputs:
            scores = cdist([norm], self.long_inputs, scorer=Levenshtein.distance)[0]
            limit = 1 if len(norm) < 9 else 2
            for candidate, distance in zip(self.long_inputs, scores, strict=True):
                if 0 < distance <= limit:
                    vec[self.index[candidate]] = NEAR_WORD
        exact = MATCH_WORD if norm[:1].isalnum() else MATCH_PUNCT
        vec[self.index.get(norm, [])] = exact
        vec[self.is_gap] = 0.0
        self.cache[norm] = vec
        return vec

    def _cased_vector(self, norm: str) -> Row:
        """Exact-case match scores in full; a match in another case scores as a near word."""
        surface = norm[len(CASED) :]
        vec = np.full(self.size, MISMATCH)
        vec[self.index.get(surface.lower(), [])] = NEAR_WORD
        if self.size:
            vec[self.surfaces == surface] = MATCH_WORD
        vec[self.is_gap] = 0.0
        self.cache[norm] = vec
        return vec

    def step(self, previous: Row, norm: str) -> Row:
        """Consume one lattice token ``norm`` (Smith-Waterman row update)."""
        delete = GAP_WORD if norm.lstrip(CASED)[:1].isalnum() else GAP_PUNCT
        candidate = np.empty_like(previous)
        candidate[0] = previous[0] + delete
        np.maximum(previous[:-1] + self.vector(norm), previous[1:] + delete, out=candidate[1:])
        candidate[1:][self.is_gap] = np.maximum(
            candidate[1:][self.is_gap], previous[1:][self.is_gap]
        )
        np.maximum(candidate, 0.0, out=candidate)
        g = self.insert_cumulative
        row: Row = np.maximum.accumulate(candidate - g) + g
        return row

    def through(self, previous: Row, tokens: Sequence[str]) -> Row:
        row = previous
        for norm in tokens:
            row = self.step(row, norm)
        return row


def align(inputs: Sequence[Token], elements: Sequence[Element]) -> Alignment:
    """Best local alignment of ``inputs`` with ``elements``, and the readings of its branches."""
    forward = _Scorer(inputs)
    backward = _Scorer(list(reversed(inputs)))
    columns = len(inputs) + 1

    # Backward pass: after[b] is the best score of an alignment starting right after element b.
    after: dict[int, Row] = {}
    row: Row = np.zeros(columns)
    best_start = (0.0, len(elements), columns - 1)
    for index in range(len(elements) - 1, -1, -1):
        element = elements[index]
        if element.is_branch:
            after[index] = row
            distinct = set(element.options)  # options that read alike are aligned once
            row = np.max([backward.through(row, opt[::-1]) for opt in distinct], axis=0)
        else:
            row = backward.step(row, element.norm)
        top = int(np.argmax(row))
        if row[top] > best_start[0]:
            best_start = (float(row[top]), index, top)

    # Forward pass, scoring each branch option through the rest of the alignment.
    row = np.zeros(columns)
    best_end = (0.0, 0, 0)
    totals: dict[int, tuple[list[float], list[int]]] = {}
    for index, element in enumerate(elements):
        if element.is_branch:
            suffix = after[index][::-1]
            by_tokens: dict[tuple[str, ...], tuple[Row, float, int]] = {}
            for tokens in element.options:
                if tokens in by_tokens:
                    continue  # options that read alike here are aligned once
                option_row = forward.through(row, tokens)
                combined = option_row + suffix
                # A gap token may stand for source text on both sides of the branch.
                shared = option_row[1:] + suffix[:-1]
                combined[:-1][forward.is_gap] = np.maximum(
                    combined[:-1][forward.is_gap], shared[forward.is_gap]
                )
                j = int(np.argmax(combined))
                by_tokens[tokens] = (option_row, float(combined[j]), j)
            scores = [by_tokens[tokens][1] for tokens in element.options]
            ends = [by_tokens[tokens][2] for tokens in element.options]
            totals[index] = (scores, ends)
            row = np.max([entry[0] for entry in by_tokens.values()], axis=0)
        else:
            row = forward.step(row, element.norm)
        top = int(np.argmax(row))
        if row[top] > best_end[0]:
            best_end = (float(row[top]), index + 1, top)

    score = best_end[0]
    input_start = columns - 1 - best_start[2]
    readings = []
    for index, (scores, ends) in totals.items():
        order = sorted(range(len(scores)), key=lambda o: -scores[o])
        best = order[0]
        if scores[best] < score - _ON_PATH_SLACK or score <= 0:
            continue
        if not best_start[1] + _EDGE <= index < best_end[1] - _EDGE:
            continue  # at the very edge of a passage the next words may be someone else's
        compatible = tuple(sorted(o for o in order if scores[o] > scores[best] - READ_MARGIN))
        if len(compatible) == len(scores):
            compatible = ()
        outside = [scores[o] for o in order if o not in compatible]
        margin = scores[best] - max(outside) if outside else 0.0
        length = len(elements[index].options[best])
        end = ends[best]
        readings.append(BranchReading(index, compatible, margin, max(end - length, 0), end))
    return Alignment(
        score=score,
        input_start=input_start,
        input_end=best_end[2],
        element_start=best_start[1],
        element_end=best_end[1],
        readings=tuple(sorted(readings, key=lambda r: r.element)),
    )
