"""Recipe: whatever surfaced -> the documents and passages it quotes -> who it came from.

1. **Find.** The input is folded and tokenized; its word pairs are looked up in the passage
   index and chained into regions of stored versions (:mod:`leaktrace.index`).
2. **Read.** Each region is aligned with the version's lattice (:mod:`leaktrace.align`) and every
   point it passes is read as an option or marked unreadable. A point shown in several places
   (a convention) counts once, and only if its readings agree. Nothing so far has looked at any
   recipient's options.
3. **Score.** Only now are the options of each copy derived from the key, the matches counted,
   and each recipient's false-accusation bound computed (:mod:`leaktrace.evidence`): the exact
   tail of an innocent's statistic, times the number of copies considered. Named only below the
   level. The statistic is the number of matching points when every copy considered carries the
   uniform code, and the symmetric Tardos score (a weighted count) as soon as one carries the
   collusion-secure code; see docs/design.md.

Steps 1-2 are :func:`read_evidence` (one item -> :class:`~leaktrace.model.ItemEvidence`, which a
case stores as JSON) and step 3 is :func:`score_evidence` (any number of items -> one verdict);
:func:`trace_text` is both for a single input.

Example:
    >>> from leaktrace.model import ItemEvidence
    >>> empty = ItemEvidence(name="note.txt", input_sha256="ab", words=2, documents=())
    >>> score_evidence([empty], None, bytes(32)).verdict.value  # type: ignore[arg-type]
    'no_match'

    A case re-scores what it stored::

        items = [read_evidence(text, source, name=name) for name, text in surfaced]
        stored = [item.to_json() for item in items]
        result = score_evidence([ItemEvidence.from_json(s) for s in stored], source, code_key)
"""

from __future__ import annotations

import functools
import hashlib
import math
import os
import re
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from typing import Protocol

import numpy as np
import numpy.typing as npt

from leaktrace import codes
from leaktrace.align import align
from leaktrace.errors import EmptyInputError, InputError
from leaktrace.evidence import WEIGHT_UNIT, log10_bounds, score_weights, weighted_upper_tail
from leaktrace.index import Region, query_shingles, regions, word_surprisal
from leaktrace.lattice import Lattice
from leaktrace.layout import LAYOUT_OPTIONS, LayoutReader, Skeleton, is_layout_key, point_scheme
from leaktrace.model import (
    Candidate,
    DocumentEvidence,
    DocumentMatch,
    ItemEvidence,
    Passage,
    PointEvidence,
    Reading,
    TraceResult,
    Verdict,
)
from leaktrace.normalize import fold
from leaktrace.tokens import Token, TokenKind, tokenize_folded

DEFAULT_LEVEL = 1e-6
_CONTEXT_TOKENS = 12
_MAX_CANDIDATES = 10
_QUOTE = re.compile(r'"([^"]{1,600})"')


@dataclass(frozen=True)
class VersionInfo:
    """What the tracer needs to know of a stored version."""

    version_id: int
    document: str
    number: int
    title: str
    lattice: Lattice


@dataclass(frozen=True)
class CopySet:
    """Recipients who hold the same variant of a version: same active (non-vetoed) points.

    ``active`` is the batch's active-points list as stored: point keys, plus the entry that
    records the code scheme (:func:`leaktrace.codes.scheme_of`); none means the uniform code.
    """

    numbers: npt.NDArray[np.int64]
    active: frozenset[str]

    @property
    def scheme(self) -> codes.Scheme:
        return codes.scheme_of(self.active)

    @functools.cached_property
    def recipients(self) -> codes.Recipients:
        """The numbers prepared once for the many points a trace derives over them."""
        return codes.Recipients.of(self.numbers)


class TraceSource(Protocol):
    """The stored data a trace reads; the store provides it (tests may use a simple one)."""

    def shingle_hits(self, hashes: Sequence[int]) -> list[tuple[int, int, int]]:
        """(hash, version_id, source word position) for every stored occurrence of the hashes."""
        ...

    def version(self, version_id: int) -> VersionInfo: ...

    def copies(self, version_id: int) -> list[CopySet]: ...

    def recipient_labels(self, numbers: Sequence[int]) -> dict[int, tuple[str, str]]:
        """External id and name for each recipient number."""
        ...

    def layouts(self, version_id: int) -> list[Skeleton]:
        """The layouts the version's typeset copies were issued with (none for text copies).
        Only called when the input has a layout to read (a PDF, a picture)."""
        ...


@dataclass
class _Observation:
    """A point read: the leak shows one of ``options`` (usually exactly one)."""

    version_id: int
    point_key: str
    option_count: int
    options: tuple[int, ...]


@dataclass
class _VersionEvidence:
    info: VersionInfo
    passages: list[Passage] = field(default_factory=list)
    readings: dict[str, list[tuple[int, ...]]] = field(default_factory=dict)


__all__ = [
    "DEFAULT_LEVEL",
    "CopySet",
    "ItemEvidence",
    "TraceSource",
    "VersionInfo",
    "read_evidence",
    "score_evidence",
    "trace_text",
]


def trace_text(
    text: str,
    source: TraceSource,
    code_key: bytes,
    *,
    name: str = "<input>",
    level: float = DEFAULT_LEVEL,
    layout: LayoutReader | None = None,
) -> TraceResult:
    """Trace one input: ``score_evidence([read_evidence(text, source, ...)], ...)``.

    Raises:
        EmptyInputError: the input holds no words.
    """
    evidence = read_evidence(text, source, name=name, layout=layout)
    return score_evidence([evidence], source, code_key, level=level)


def read_evidence(
    text: str,
    source: TraceSource,
    *,
    name: str = "<input>",
    layout: LayoutReader | None = None,
) -> ItemEvidence:
    """Find the stored documents ``text`` quotes and read every variation point it shows.

    ``layout`` reads the layout channel of a page (a PDF or a picture of one): for every matched
    version issued as typeset copies, it is given each layout and its readings are added as
    two-option points, scored with the text's points under the same bound.

    Steps 1-2 of the recipe (fold, find, read). Looks at no recipient and needs no key: the
    result can be stored (:meth:`ItemEvidence.to_json`) and scored later, alone or with other
    items, by :func:`score_evidence`. Passage and reading offsets are character offsets in
    ``text``; ``input_sha256`` is the SHA-256 of ``text`` as UTF-8.

    Raises:
        EmptyInputError: the input holds no words.
    """
    folded = fold(text)
    tokens = tokenize_folded(folded)
    word_index = [i for i, t in enumerate(tokens) if t.kind is TokenKind.WORD]
    if not word_index:
        raise EmptyInputError(f"{name} holds no words to trace; give the text that surfaced")
    words = [tokens[i].norm for i in word_index]
    quoted = _quoted_word_ranges(folded.text, folded.origins, tokens, word_index)
    evidence = _find_and_read(tokens, word_index, words, quoted, source)
    documents = []
    for version_id, entry in evidence.items():
        counts = {p.key: p.option_count for p in entry.info.lattice.points}
        if layout is not None:
            for skeleton in source.layouts(version_id):
                for reading in layout(skeleton):
                    counts[reading.key] = LAYOUT_OPTIONS
                    entry.readings.setdefault(reading.key, []).append((reading.option,))
        documents.append(
            DocumentEvidence(
                version_id=version_id,
                document_id=entry.info.document,
                version=entry.info.number,
                title=entry.info.title,
                passages=tuple(entry.passages),
                points=tuple(
                    PointEvidence(key, counts[key], tuple(readings))
                    for key, readings in entry.readings.items()
                ),
            )
        )
    return ItemEvidence(
        name=name,
        input_sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
        words=len(word_index),
        documents=tuple(documents),
    )


def score_evidence(
    items: Sequence[ItemEvidence],
    source: TraceSource,
    code_key: bytes,
    *,
    level: float = DEFAULT_LEVEL,
) -> TraceResult:
    """Score the union of what ``items`` show against every copy issued; one verdict.

    * **Union of observations.** Per stored version, the readings of each point from every item
      (and every occurrence) are pooled: a point counts once, read as the intersection of its
      readings, and not at all if they conflict or every option fits. Points of different
      versions (other documents, other items) add up.
    * **Recipients.** Everyone who received any matched version is scored: their statistic
      adds up over the versions they received. A recipient who received only some of the
      versions cannot match the points of the others, yet is held to the same threshold,
      computed as if every innocent held every version: an innocent's statistic is dominated
      by that law, so the bound stays valid for them (they simply need stronger evidence from
      the versions they did receive), and nobody is favoured for having received less.
    * **Population of the union bound:** every recipient of any matched version, a recipient
      holding several variants of a version (issued before and after a veto, or under two code
      schemes) counted once per combination of variants.
    * **Guarantee.** The chance that any innocent copy gets a bound at or below ``level`` is at
      most ``level``, whatever editing the items went through and, for the collusion-secure
      code, whatever several colluders did (docs/design.md, "Collusion").

    ``TraceResult.source`` joins the items' names; ``input_sha256`` is the item's hash for one
    item, else the SHA-256 of the items' hashes joined by newlines; ``Passage.item`` says which
    item a passage's offsets refer to (its index in ``items``).

    Raises:
        InputError: ``items`` is empty.
    """
    if not items:
        raise InputError("nothing to score: give at least one item's evidence")
    merged: dict[int, _VersionEvidence] = {}
    for index, item in enumerate(items):
        for document in item.documents:
            entry = merged.get(document.version_id)
            if entry is None:
                entry = merged[document.version_id] = _VersionEvidence(
                    source.version(document.version_id)
                )
            entry.passages.extend(replace(p, item=index) for p in document.passages)
            for point in document.points:
                entry.readings.setdefault(point.point_key, []).extend(point.readings)
    observations = _combine(merged)
    result = _score(observations, merged, source, code_key, level)
    if len(items) == 1:
        sha = items[0].input_sha256
    else:
        joined = "\n".join(item.input_sha256 for item in items)
        sha = hashlib.sha256(joined.encode("ascii")).hexdigest()
    return TraceResult(
        source="; ".join(item.name for item in items),
        verdict=result.verdict,
        level=level,
        accused=result.accused,
        candidates=result.candidates,
        documents=tuple(
            _document_match(e, result.recipients.get(vid, 0)) for vid, e in merged.items()
        ),
        recipients_considered=result.considered,
        recipients_consistent=result.consistent,
        explanation=result.explanation,
        input_sha256=sha,
        items=tuple(item.name for item in items),
        codes=result.codes,
    )


# -- find and read -------------------------------------------------------------------------


def _quoted_word_ranges(
    folded: str, origins: tuple[int, ...], tokens: list[Token], word_index: list[int]
) -> list[tuple[int, int]]:
    ranges = []
    for match in _QUOTE.finditer(folded):
        start = origins[match.start(1)]
        end = origins[match.end(1) - 1] + 1
        inside = [w for w, t in enumerate(word_index) if start <= tokens[t].start < end]
        if inside:
            ranges.append((inside[0], inside[-1] + 1))
    return ranges


def _find_and_read(
    tokens: list[Token],
    word_index: list[int],
    words: list[str],
    quoted: list[tuple[int, int]],
    source: TraceSource,
) -> dict[int, _VersionEvidence]:
    shingles = query_shingles(words)
    by_hash: dict[int, list[int]] = {}
    for h, position in shingles:
        by_hash.setdefault(h, []).append(position)
    hits = [
        (version_id, input_pos, source_pos)
        for h, version_id, source_pos in source.shingle_hits(sorted(by_hash))
        for input_pos in by_hash.get(h, [])
    ]
    found = regions(words, hits, quoted)
    evidence: dict[int, _VersionEvidence] = {}
    claimed: list[tuple[int, int]] = []
    for region in sorted(found, key=lambda r: -r.surprisal):
        if any(a < region.input_end and region.input_start < b for a, b in claimed):
            continue
        info = evidence.setdefault(
            region.version_id, _VersionEvidence(source.version(region.version_id))
        ).info
        passage, readings = _read_region(tokens, word_index, region, info)
        if passage is None:
            continue
        claimed.append((region.input_start, region.input_end))
        entry = evidence[region.version_id]
        entry.passages.append(passage)
        for reading in readings:
            entry.readings.setdefault(reading.point_key, []).append(reading.compatible)
    for entry in evidence.values():
        if entry.passages:
            _add_short_quotes(tokens, word_index, words, quoted, claimed, entry)
        entry.passages.sort(key=lambda p: p.input_start)
    return {k: v for k, v in evidence.items() if v.passages}


def _read_region(
    tokens: list[Token],
    word_index: list[int],
    region: Region,
    info: VersionInfo,
) -> tuple[Passage | None, list[Reading]]:
    lattice = info.lattice
    original = lattice.original_words()
    first_word = max(region.source_start - _CONTEXT_TOKENS, 0)
    last_word = min(region.source_end + _CONTEXT_TOKENS, len(original) - 1)
    e0 = original[first_word][1] if original else 0
    e1 = original[last_word][1] + 1 if original else 0
    e0 = max(e0 - 2, 0)
    e1 = min(e1 + 2, len(lattice.elements))
    t0 = max(word_index[region.input_start] - _CONTEXT_TOKENS, 0)
    t1 = min(
        word_index[min(region.input_end, len(word_index)) - 1] + _CONTEXT_TOKENS + 1, len(tokens)
    )
    return _passage(tokens[t0:t1], lattice, e0, e1)


def _passage(
    inputs: list[Token], lattice: Lattice, e0: int, e1: int
) -> tuple[Passage | None, list[Reading]]:
    elements = lattice.elements[e0:e1]
    result = align(inputs, elements)
    if result.score <= 0 or result.input_end <= result.input_start:
        return None, []
    span = inputs[result.input_start : result.input_end]
    matched_words = sum(1 for t in span if t.kind is TokenKind.WORD)
    readings = []
    for branch in result.readings:
        element = elements[branch.element]
        point = lattice.points[element.point]
        covered = (
            inputs[branch.input_start : branch.input_end]
            or inputs[
                min(branch.input_start, len(inputs) - 1) : min(branch.input_start, len(inputs) - 1)
                + 1
            ]
        )
        readings.append(
            Reading(
                point_key=point.key,
                kind=point.kind,
                occurrence=element.occurrence,
                option=branch.option,
                label=(
                    " or ".join(point.labels[o] for o in branch.options) if branch.options else None
                ),
                input_start=covered[0].start if covered else 0,
                input_end=covered[-1].end if covered else 0,
                margin=branch.margin,
                compatible=branch.options,
            )
        )
    source_start = (
        elements[result.element_start].start if result.element_start < len(elements) else 0
    )
    source_end = elements[max(result.element_end - 1, 0)].end
    passage = Passage(
        input_start=span[0].start,
        input_end=span[-1].end,
        source_start=source_start,
        source_end=source_end,
        matched_words=matched_words,
        readings=tuple(readings),
    )
    return passage, readings


def _add_short_quotes(
    tokens: list[Token],
    word_index: list[int],
    words: list[str],
    quoted: list[tuple[int, int]],
    claimed: list[tuple[int, int]],
    entry: _VersionEvidence,
) -> None:
    """Short quotations from a document already matched ("inept") join its passages."""
    lattice = entry.info.lattice
    original = [w for w, _ in lattice.original_words()]
    for start, end in quoted:
        if end - start > 6 or any(a < end and start < b for a, b in claimed):
            continue
        phrase = words[start:end]
        if sum(word_surprisal(w) for w in phrase) < 5.0:
            continue
        positions = [
            i
            for i in range(len(original) - len(phrase) + 1)
            if original[i : i + len(phrase)] == phrase
        ]
        if not positions:
            continue
        elements = lattice.original_words()
        e0 = max(elements[positions[0]][1] - 3, 0)
        e1 = min(elements[positions[0] + len(phrase) - 1][1] + 4, len(lattice.elements))
        t0, t1 = word_index[start], word_index[end - 1] + 1
        passage, readings = _passage(tokens[t0:t1], lattice, e0, e1)
        if passage is None:
            continue
        claimed.append((start, end))
        entry.passages.append(passage)
        for reading in readings:
            entry.readings.setdefault(reading.point_key, []).append(reading.compatible)


def _combine(evidence: dict[int, _VersionEvidence]) -> list[_Observation]:
    """One observation per point: all readable occurrences must agree."""
    observations = []
    for version_id, entry in evidence.items():
        counts = {p.key: p.option_count for p in entry.info.lattice.points}
        for key, readings in entry.readings.items():
            # Layout points are not in the text's lattice: every one has two options, and only
            # those a batch recorded count (the scorer keeps points some copy set marks).
            count = LAYOUT_OPTIONS if is_layout_key(key) else counts.get(key)
            if count is None:
                continue  # evidence stored for points this version does not have: not evidence
            sets = [set(r) for r in readings if r]
            if not sets:
                continue
            common = set.intersection(*sets)
            if common and len(common) < count and all(o < count for o in common):
                observations.append(_Observation(version_id, key, count, tuple(sorted(common))))
    return observations


def _increasing(values: npt.NDArray[np.int64]) -> bool:
    return bool(values.size < 2 or np.all(values[1:] > values[:-1]))


def _sorted_unique(arrays: list[npt.NDArray[np.int64]]) -> npt.NDArray[np.int64]:
    """Sorted distinct values of the arrays (a sort, not numpy's slower hash-based unique)."""
    if not arrays:
        return np.zeros(0, dtype=np.int64)
    first = arrays[0]
    if all(a is first or np.array_equal(a, first) for a in arrays[1:]) and _increasing(first):
        return first.astype(np.int64, copy=False)  # the usual case: everyone received every version
    values = np.sort(np.concatenate(arrays).astype(np.int64))
    if values.size == 0:
        return values
    keep = np.empty(values.size, dtype=bool)
    keep[0] = True
    np.not_equal(values[1:], values[:-1], out=keep[1:])
    return values[keep]


def _document_match(entry: _VersionEvidence, recipients: int) -> DocumentMatch:
    info = entry.info
    read = {r.point_key for p in entry.passages for r in p.readings if r.compatible}
    layout = sum(1 for key, found in entry.readings.items() if is_layout_key(key) and any(found))
    return DocumentMatch(
        document_id=info.document,
        version=info.number,
        title=info.title,
        recipients=recipients,
        passages=tuple(entry.passages),
        points_read=len(read),
        layout_points_read=layout,
    )


# -- score ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Scored:
    verdict: Verdict
    accused: tuple[str, ...]
    candidates: tuple[Candidate, ...]
    considered: int
    consistent: int
    explanation: str
    recipients: dict[int, int] = field(default_factory=dict)
    """Recipients of each matched version, by version id."""
    codes: tuple[str, ...] = ()


def _score(
    observations: list[_Observation],
    evidence: dict[int, _VersionEvidence],
    source: TraceSource,
    code_key: bytes,
    level: float,
) -> _Scored:
    if not evidence:
        return _Scored(Verdict.NO_MATCH, (), (), 0, 0, "The input matches no stored document.")
    # Every copy considered. A recipient may hold several variants of one version (issued before
    # and after a veto, or under two code schemes): their best variant counts, and each
    # combination of variants is one more "copy" in the union bound.
    copy_sets = {vid: source.copies(vid) for vid in evidence}
    schemes = sorted({s.scheme for sets in copy_sets.values() for s in sets})
    numbers = _sorted_unique([s.numbers for sets in copy_sets.values() for s in sets])
    if numbers.size == 0:
        return _Scored(Verdict.NARROWED, (), (), 0, 0, "The matched documents were never issued.")
    # A point vetoed in every copy shows the author's wording everywhere: it is no evidence.
    active_anywhere = {
        (vid, key) for vid, sets in copy_sets.items() for s in sets for key in s.active
    }
    observations = [o for o in observations if (o.version_id, o.point_key) in active_anywhere]
    # The innocents' law, fixed before any recipient is looked at: per point the largest chance,
    # over the variants issued, that a copy shows an option read there. Matches of an innocent
    # are independent Bernoulli variables with at most these chances.
    chances = [_match_chance(o, copy_sets[o.version_id], evidence, code_key) for o in observations]
    collusion_secure = any(s.collusion_secure for s in schemes)
    weights = score_weights(chances) if collusion_secure else np.ones(len(chances), dtype=np.int64)
    matches = np.zeros(numbers.size, dtype=np.int64)
    statistic = np.zeros(numbers.size, dtype=np.int64)
    combinations = np.ones(numbers.size, dtype=np.int64)
    recipients: dict[int, int] = {}
    for version_id, sets in copy_sets.items():
        info = evidence[version_id].info
        version_obs = [
            (o, int(w))
            for o, w in zip(observations, weights, strict=True)
            if o.version_id == version_id
        ]
        best = np.zeros(numbers.size, dtype=np.int64)
        best_count = np.zeros(numbers.size, dtype=np.int64)
        held = np.zeros(numbers.size, dtype=np.int64)
        for copy_set in sets:
            set_count, set_statistic = _copy_set_scores(
                copy_set,
                [(o, w) for o, w in version_obs if o.point_key in copy_set.active],
                info,
                code_key,
                weighted=collusion_secure,
            )
            if len(sets) == 1 and copy_set.numbers.size == numbers.size:
                # The only variant, held by everyone considered (numbers are distinct).
                held += 1
                best, best_count = set_statistic, set_count
                continue
            rows = np.searchsorted(numbers, copy_set.numbers)
            held[rows] += 1
            if len(sets) == 1:
                best[rows] = set_statistic
                best_count[rows] = set_count
            else:
                # Several variants: the one with the strongest statistic counts.
                better = set_statistic > best[rows]
                np.maximum.at(best, rows, set_statistic)
                best_count[rows[better]] = set_count[better]
        statistic += best
        matches += best_count
        combinations *= np.maximum(held, 1)
        recipients[version_id] = int(np.count_nonzero(held))
    population = int(combinations.sum())
    # Counting every point read (also those a variant leaves unmarked, or a version a recipient
    # never received) only makes the bound more conservative: such a point cannot match.
    tail = weighted_upper_tail(chances, weights)
    log10s = log10_bounds(tail, population)[statistic]
    order = np.lexsort((-statistic, log10s))[:_MAX_CANDIDATES]
    labels = source.recipient_labels([int(numbers[i]) for i in order])
    centre = float(np.dot(chances, weights)) if chances else 0.0
    candidates = tuple(
        Candidate(
            recipient=labels[int(numbers[i])][0],
            name=labels[int(numbers[i])][1],
            points_read=len(observations),
            points_matching=int(matches[i]),
            log10_false_accusation=round(float(log10s[i]), 3),
            test="tardos" if collusion_secure else "matches",
            score=round((int(statistic[i]) - centre) / WEIGHT_UNIT, 3) if collusion_secure else 0.0,
        )
        for i in order
    )
    threshold = math.log10(level)
    accused = tuple(c.recipient for c in candidates if c.log10_false_accusation <= threshold)
    mismatches = len(observations) - matches
    consistent = int(np.sum(mismatches <= mismatches.min())) if observations else int(numbers.size)
    verdict = Verdict.IDENTIFIED if accused else Verdict.NARROWED
    explanation = _explain(
        verdict, accused, candidates, observations, numbers.size, consistent, level
    )
    return _Scored(
        verdict,
        accused,
        candidates,
        int(numbers.size),
        consistent,
        explanation,
        recipients,
        tuple(s.value for s in schemes),
    )


def _copy_set_scores(
    copy_set: CopySet,
    observations: list[tuple[_Observation, int]],
    info: VersionInfo,
    code_key: bytes,
    *,
    weighted: bool,
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
    """Each holder's number of matching points and statistic over one variant's points read.

    This is the tracer's inner loop: one keystream and one comparison per (point, recipient).
    A large case is split across threads (the keystream and the array sums release the GIL);
    each thread keeps its own sums and they are added at the end, so the result is the same.
    """
    work = copy_set.numbers.size * len(observations)
    threads = min(_SCORING_THREADS, len(observations)) if work >= _THREADED_WORK else 1
    if threads <= 1:
        return _score_points(copy_set, observations, info, code_key, weighted=weighted)
    _ = copy_set.recipients  # prepared once, before the threads share it
    shares = [observations[i::threads] for i in range(threads)]
    with ThreadPoolExecutor(max_workers=threads) as pool:
        parts = list(
            pool.map(
                lambda share: _score_points(copy_set, share, info, code_key, weighted=weighted),
                shares,
            )
        )
    count = np.sum([c for c, _ in parts], axis=0)
    statistic = np.sum([s for _, s in parts], axis=0)
    return count, statistic


_SCORING_THREADS = max(1, min(4, os.cpu_count() or 1))
_THREADED_WORK = 20_000_000
"""(point, recipient) pairs above which scoring is worth splitting across threads."""


def _score_points(
    copy_set: CopySet,
    observations: list[tuple[_Observation, int]],
    info: VersionInfo,
    code_key: bytes,
    *,
    weighted: bool,
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
    """Matching points and statistic of each holder over ``observations`` (one thread's share).

    A vetoed point (absent from ``observations``) shows the author's text: no evidence. Sums are
    kept in 32 bits (a point weighs at most a few hundred units, so they cannot overflow below
    millions of points) and widened once at the end.
    """
    size = copy_set.numbers.size
    recipients = copy_set.recipients
    count = np.zeros(size, dtype=np.uint16 if len(observations) < 2**16 else np.int32)
    statistic = np.zeros(size, dtype=np.int32) if weighted else count
    weighted_hit = np.empty(size, dtype=np.int32) if weighted else count
    scheme = copy_set.scheme
    for obs, weight in observations:
        hit = codes.matches(
            point_scheme(scheme, obs.point_key),
            code_key,
            info.document,
            info.number,
            obs.point_key,
            obs.option_count,
            obs.options,
            recipients,
        ).view(np.uint8)
        np.add(count, hit, out=count, casting="unsafe")
        if weighted:
            np.multiply(hit, np.int32(weight), out=weighted_hit)
            np.add(statistic, weighted_hit, out=statistic)
    return count.astype(np.int64), statistic.astype(np.int64)


def _match_chance(
    observation: _Observation,
    sets: list[CopySet],
    evidence: dict[int, _VersionEvidence],
    code_key: bytes,
) -> float:
    """Largest chance, over the variants that mark this point, that a copy shows a read option."""
    info = evidence[observation.version_id].info
    chance = 0.0
    key = observation.point_key
    for scheme in {point_scheme(s.scheme, key) for s in sets if key in s.active}:
        probabilities = codes.option_probabilities(
            scheme,
            code_key,
            info.document,
            info.number,
            observation.point_key,
            observation.option_count,
        )
        chance = max(chance, sum(probabilities[o] for o in observation.options))
    return min(1.0, chance)


def _explain(
    verdict: Verdict,
    accused: tuple[str, ...],
    candidates: tuple[Candidate, ...],
    observations: list[_Observation],
    considered: int,
    consistent: int,
    level: float,
) -> str:
    if verdict is Verdict.IDENTIFIED:
        best = candidates[0]
        return (
            f"The leak came from the copy issued to {', '.join(accused)}: it matches "
            f"{best.points_matching} of {best.points_read} variation points read; a copy not "
            f"issued to them would match this well with probability below "
            f"1 in {_one_in(best.log10_false_accusation)} "
            f"(level 1 in {_one_in(math.log10(level))})."
        )
    if not observations:
        return (
            f"No variation point could be read, so the evidence narrows the field only to the "
            f"{considered} recipients of the matched document(s)."
        )
    return (
        f"{len(observations)} variation point(s) read: too few to name anyone at level 1 in "
        f"{_one_in(math.log10(level))}. {consistent} of {considered} recipients "
        f"({100 * consistent / max(considered, 1):.2g}%) hold copies that agree with the leak as "
        "well as any copy does."
    )


def _one_in(log10_probability: float) -> str:
    value = 10 ** (-log10_probability)
    if value >= 1e9:
        return f"{value / 1e9:,.1f} billion" if value < 1e12 else f"10^{-log10_probability:.0f}"
    if value >= 1e6:
        return f"{value / 1e6:,.1f} million"
    return f"{value:,.0f}"
