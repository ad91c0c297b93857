"""Find which stored document versions a piece of text quotes, and where.

Every version is indexed by the word pairs (bigrams) along its lattice: the author's own text
and each option in its immediate context, so a copy is found whatever its options. Pairs of two
very common words ("of the") are not indexed: they would match everything. A query's bigrams are
looked up, and the hits of each version are chained along diagonals into candidate *regions*
(input words ~ source words at a steady offset), which alignment then checks in detail.

A region counts only if it is unlikely to be chance: the surprisal of its matched words (from
English word frequencies) must reach :data:`MIN_SURPRISAL`, or, for a short quotation in the
input ("uniquely dysfunctional"), :data:`MIN_QUOTE_SURPRISAL`.

Example:
    >>> shingle_hash("uniquely", "dysfunctional") == shingle_hash("uniquely", "dysfunctional")
    True
    >>> indexable("of", "the"), indexable("the", "president")
    (False, True)
"""

from __future__ import annotations

import hashlib
import itertools
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache

from wordfreq import zipf_frequency

from leaktrace.lattice import Lattice

MIN_SURPRISAL = 24.0
MIN_QUOTE_SURPRISAL = 10.0
_MAX_DIAGONAL_DRIFT = 40
_MAX_GAP_WORDS = 60

COMMON = frozenset(
    [
        "a",
        "an",
        "the",
        "and",
        "or",
        "but",
        "if",
        "of",
        "to",
        "in",
        "on",
        "at",
        "by",
        "for",
        "with",
        "from",
        "as",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "being",
        "it",
        "its",
        "this",
        "that",
        "these",
        "those",
        "he",
        "she",
        "they",
        "we",
        "you",
        "i",
        "his",
        "her",
        "their",
        "our",
        "your",
        "my",
        "me",
        "him",
        "them",
        "us",
        "not",
        "no",
        "so",
        "do",
        "does",
        "did",
        "has",
        "have",
        "had",
        "will",
        "would",
        "can",
        "could",
        "should",
        "may",
        "might",
        "must",
        "shall",
        "than",
        "then",
        "there",
        "here",
        "which",
        "who",
        "whom",
        "what",
        "when",
        "where",
        "why",
        "how",
        "all",
        "any",
        "some",
        "each",
        "such",
        "only",
        "also",
        "very",
        "into",
        "over",
        "out",
        "up",
        "about",
        "after",
        "before",
        "more",
        "most",
        "other",
    ]
)


def shingle_hash(first: str, second: str) -> int:
    """A signed 64-bit hash of a word pair, stable across runs and platforms."""
    digest = hashlib.blake2b(f"{first}\x1f{second}".encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


def indexable(first: str, second: str) -> bool:
    return not (first in COMMON and second in COMMON)


def lattice_shingles(lattice: Lattice) -> list[tuple[int, int]]:
    """(hash, word position) pairs indexing a version; positions count the author's words."""
    words = lattice.original_words()
    shingles = {
        (shingle_hash(a, b), i)
        for i, ((a, _), (b, _)) in enumerate(itertools.pairwise(words))
        if indexable(a, b)
    }
    # Each non-original option, with one author's word either side.
    element_words: dict[int, list[int]] = {}
    for position, (_, element_index) in enumerate(words):
        element_words.setdefault(element_index, []).append(position)
    for index, element in enumerate(lattice.elements):
        if not element.is_branch:
            continue
        limit = len(lattice.elements)
        before = _neighbour(words, element_words, index, -1, limit)
        after = _neighbour(words, element_words, index, +1, limit)
        original = lattice.points[element.point].original
        for o, option in enumerate(element.options):
            if o == original:
                continue
            seq = [w for w in option if w[:1].isalnum()]
            chain = ([before[0]] if before else []) + seq + ([after[0]] if after else [])
            anchor = before[1] if before else (after[1] if after else 0)
            for k, (a, b) in enumerate(itertools.pairwise(chain)):
                if indexable(a, b):
                    shingles.add((shingle_hash(a, b), anchor + k))
    return sorted(shingles)


def _neighbour(
    words: Sequence[tuple[str, int]],
    element_words: dict[int, list[int]],
    index: int,
    step: int,
    limit: int,
) -> tuple[str, int] | None:
    """The nearest author's word outside the branch at element ``index``, with its position."""
    probe = index + step
    while 0 <= probe < limit:
        positions = element_words.get(probe)
        if positions:
            position = positions[0] if step > 0 else positions[-1]
            return words[position][0], position
        probe += step
    return None


@dataclass(frozen=True)
class Region:
    """Input words ``[input_start, input_end)`` that seem to quote source words of a version."""

    version_id: int
    input_start: int
    input_end: int
    source_start: int
    source_end: int
    hits: int
    surprisal: float


def query_shingles(words: Sequence[str]) -> list[tuple[int, int]]:
    """(hash, input word position) pairs of a query."""
    return [
        (shingle_hash(a, b), i)
        for i, (a, b) in enumerate(itertools.pairwise(words))
        if indexable(a, b)
    ]


def regions(
    words: Sequence[str],
    hits: Iterable[tuple[int, int, int]],
    quoted: Sequence[tuple[int, int]] = (),
) -> list[Region]:
    """Chain ``(version_id, input_position, source_position)`` hits into significant regions.

    ``quoted`` are input word ranges inside quotation marks, which may be short.
    """
    by_version: dict[int, list[tuple[int, int]]] = {}
    for version_id, input_pos, source_pos in hits:
        by_version.setdefault(version_id, []).append((input_pos, source_pos))
    found: list[Region] = []
    for version_id, pairs in by_version.items():
        for chain in _chains(sorted(set(pairs))):
            region = _region(version_id, words, chain)
            inside_quote = any(
                q0 <= region.input_start and region.input_end <= q1 for q0, q1 in quoted
            )
            limit = MIN_QUOTE_SURPRISAL if inside_quote else MIN_SURPRISAL
            if region.surprisal >= limit:
                found.append(region)
    return sorted(found, key=lambda r: (r.input_start, r.version_id))


def _chains(pairs: list[tuple[int, int]]) -> Iterator[list[tuple[int, int]]]:
    """Group hits whose diagonal drifts little and whose input gaps are short."""
    chains: list[list[tuple[int, int]]] = []
    for input_pos, source_pos in pairs:
        diagonal = source_pos - input_pos
        best: list[tuple[int, int]] | None = None
        for chain in chains:
            last_in, last_src = chain[-1]
            if input_pos - last_in > _MAX_GAP_WORDS or input_pos <= last_in - 2:
                continue
            if abs((last_src - last_in) - diagonal) <= _MAX_DIAGONAL_DRIFT:
                best = chain
        if best is None:
            chains.append([(input_pos, source_pos)])
        else:
            best.append((input_pos, source_pos))
    yield from chains


def _region(version_id: int, words: Sequence[str], chain: list[tuple[int, int]]) -> Region:
    input_positions = sorted({p for p, _ in chain} | {p + 1 for p, _ in chain})
    surprisal = sum(word_surprisal(words[p]) for p in input_positions if p < len(words))
    return Region(
        version_id=version_id,
        input_start=chain[0][0],
        input_end=max(p for p, _ in chain) + 2,
        source_start=min(s for _, s in chain),
        source_end=max(s for _, s in chain) + 2,
        hits=len(chain),
        surprisal=surprisal,
    )


@lru_cache(maxsize=100_000)
def word_surprisal(word: str) -> float:
    """``-log10`` of the word's frequency in English, between 0.5 and 8 (names score high)."""
    zipf = zipf_frequency(word, "en")
    return min(8.0, max(0.5, 9.0 - zipf)) if zipf > 0 else 8.0
