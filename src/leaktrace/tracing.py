"""Trace files against the workspace: the store-backed :class:`TraceSource` and the recipe.

Each trace is recorded (input name, hash, verdict and the full JSON result) with an audit entry,
so an investigation can show later exactly what was examined and what leaktrace said then.

Example:
    See ``tests/test_cli.py``: ``leaktrace trace article.txt --json`` calls :func:`trace_file`.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
import numpy.typing as npt

from leaktrace import pointsjson
from leaktrace.codes import CODE_KEY_LABEL
from leaktrace.copywriters import layout_for
from leaktrace.formats.extract import read_input_file
from leaktrace.jsonout import trace_to_dict
from leaktrace.keys import SecretKey
from leaktrace.lattice import Lattice, build_lattice
from leaktrace.layout import LayoutReader, Skeleton, layout_ids
from leaktrace.model import TraceResult
from leaktrace.store.store import Store
from leaktrace.surfaced import read_surfaced
from leaktrace.trace import DEFAULT_LEVEL, CopySet, VersionInfo, trace_text


class StoreSource:
    """The tracer's view of a :class:`Store`, caching lattices for the duration of one use."""

    def __init__(self, store: Store) -> None:
        self._store = store
        self._version = lru_cache(maxsize=256)(self._load_version)
        self._copies: dict[int, list[CopySet]] = {}

    def shingle_hits(self, hashes: Sequence[int]) -> list[tuple[int, int, int]]:
        return self._store.versions_for_shingles(hashes)

    def version(self, version_id: int) -> VersionInfo:
        return self._version(version_id)

    def _load_version(self, version_id: int) -> VersionInfo:
        record = self._store.get_version(version_id)
        content = hashlib.sha256(record.points_json.encode()).hexdigest() + record.sha256
        lattice = _lattice_for(content, record.text, record.points_json)
        return VersionInfo(version_id, record.doc_id, record.number, record.title, lattice)

    def copies(self, version_id: int) -> list[CopySet]:
        cached = self._copies.get(version_id)
        if cached is not None:
            return cached
        batches = self._store.active_point_sets(version_id)
        actives = {active for _, active in batches}
        if len(actives) <= 1:
            sets = [
                CopySet(self._store.recipients_of_version(version_id), frozenset(json.loads(a)))
                for a in actives
            ]
        else:
            grouped: dict[str, list[npt.NDArray[np.int64]]] = {}
            for batch_id, active in batches:
                grouped.setdefault(active, []).append(self._store.recipients_of_batch(batch_id))
            sets = [
                CopySet(np.unique(np.concatenate(parts)), frozenset(json.loads(active)))
                for active, parts in grouped.items()
            ]
        self._copies[version_id] = sets
        return sets

    def recipient_labels(self, numbers: Sequence[int]) -> dict[int, tuple[str, str]]:
        recipients = self._store.recipients_by_numbers(list(numbers))
        return {r.number: (r.external_id, r.name) for r in recipients}

    def layouts(self, version_id: int) -> list[Skeleton]:
        """Every layout the version's typeset batches recorded, typeset again from the
        version's text and each batch's points (checked against the recorded layout id)."""
        skeletons: dict[str, Skeleton] = {}
        record = None
        for copy_set in self.copies(version_id):
            for layout_id in layout_ids(copy_set.active):
                if layout_id in skeletons:
                    continue
                record = record or self._store.get_version(version_id)
                skeleton = _skeleton_for(
                    record.sha256,
                    record.text,
                    record.points_json,
                    json.dumps(sorted(copy_set.active)),
                )
                if skeleton.layout_id == layout_id:
                    skeletons[layout_id] = skeleton
        return list(skeletons.values())


@lru_cache(maxsize=64)
def _lattice_for(content: str, text: str, points_json: str) -> Lattice:
    """The lattice of a version's text and points, shared by every trace in this process.

    Building it is most of a short trace's cost, and a service traces the same few documents
    all day. Keyed by the hashes of the text and the points, so a version whose points change
    (an author's alternative) gets a new lattice; ``text`` and ``points_json`` only build it.
    """
    return build_lattice(text, pointsjson.loads(points_json))


@lru_cache(maxsize=64)
def _skeleton_for(sha256: str, text: str, points_json: str, active_json: str) -> Skeleton:
    """A batch's layout skeleton (typesetting a long document takes a moment; cached)."""
    del sha256  # part of the cache key only
    return layout_for(text, pointsjson.loads(points_json), json.loads(active_json)).skeleton()


@dataclass(frozen=True)
class TracedFile:
    """A traced input, its text, its result and the id of the stored trace."""

    path: Path
    text: str
    result: TraceResult
    trace_id: int


def trace_file(
    store: Store,
    key: SecretKey,
    path: Path,
    *,
    level: float = DEFAULT_LEVEL,
    max_bytes: int = 50_000_000,
    actor: str = "cli",
    source: StoreSource | None = None,
) -> TracedFile:
    """Trace one file (text, DOCX, PDF, HTML, e-mail or a picture) and record the trace.

    Raises:
        InputError: the file is missing, too large, of an unsupported kind or unreadable.
    """
    return trace_bytes(
        store,
        key,
        read_input_file(path, max_bytes),
        path.name,
        level=level,
        max_bytes=max_bytes,
        actor=actor,
        source=source,
    )


def trace_bytes(
    store: Store,
    key: SecretKey,
    data: bytes,
    name: str,
    *,
    level: float = DEFAULT_LEVEL,
    max_bytes: int = 50_000_000,
    actor: str = "cli",
    source: StoreSource | None = None,
) -> TracedFile:
    """Trace an item given as bytes (an upload) whose ``name``'s suffix says its kind: text,
    DOCX, PDF, HTML, e-mail or a picture; the words and, for a PDF or a picture, the layout.

    Raises:
        InputError: an unsupported kind, or an unreadable item (the message says what to do).
    """
    surfaced = read_surfaced(data, name, max_bytes)
    return trace_input(
        store,
        key,
        surfaced.text,
        name,
        level=level,
        actor=actor,
        source=source,
        layout=surfaced.layout,
    )


def trace_input(
    store: Store,
    key: SecretKey,
    text: str,
    name: str,
    *,
    level: float = DEFAULT_LEVEL,
    actor: str = "cli",
    source: StoreSource | None = None,
    layout: LayoutReader | None = None,
) -> TracedFile:
    """Trace text (pasted, piped, or read from a file) and record the trace; ``layout`` reads
    the layout channel of the page the text came from, if any."""
    result = trace_text(
        text,
        source or StoreSource(store),
        key.derive(CODE_KEY_LABEL),
        name=name,
        level=level,
        layout=layout,
    )
    trace_id = store.record_trace(
        input_name=name,
        input_sha256=result.input_sha256,
        verdict=result.verdict.value,
        result_json=json.dumps(trace_to_dict(result, text)),
        actor=actor,
    )
    return TracedFile(Path(name), text, result, trace_id)
