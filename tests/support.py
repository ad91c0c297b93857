"""An in-memory TraceSource: the tracer's contract without a database, for fast tests."""

from __future__ import annotations

from collections.abc import Sequence
from importlib import resources

import numpy as np

from leaktrace import codes
from leaktrace.index import lattice_shingles
from leaktrace.lattice import build_lattice
from leaktrace.mark import CopyRenderer, option_matrix
from leaktrace.model import VariationPoint
from leaktrace.trace import CopySet, VersionInfo
from leaktrace.variants.engine import find_points

KEY = bytes(range(32))


def sample_text() -> str:
    return resources.files("leaktrace").joinpath("data/sample-cable.md").read_text("utf-8")


class MemorySource:
    def __init__(self) -> None:
        self.versions: dict[int, VersionInfo] = {}
        self.index: dict[int, list[tuple[int, int]]] = {}
        self.sets: dict[int, list[CopySet]] = {}
        self.points: dict[int, list[VariationPoint]] = {}

    def add(
        self, version_id: int, document: str, text: str, recipients: int
    ) -> list[VariationPoint]:
        points = find_points(text)
        lattice = build_lattice(text, points)
        self.versions[version_id] = VersionInfo(version_id, document, 1, document, lattice)
        for h, position in lattice_shingles(lattice):
            self.index.setdefault(h, []).append((version_id, position))
        numbers = np.arange(1, recipients + 1, dtype=np.int64)
        self.sets[version_id] = [CopySet(numbers, frozenset(p.key for p in points))]
        self.points[version_id] = points
        return points

    def copy_of(self, version_id: int, number: int) -> str:
        info = self.versions[version_id]
        points = self.points[version_id]
        matrix = option_matrix(
            KEY, info.document, 1, points, {p.key for p in points}, np.array([number])
        )
        return CopyRenderer(info.lattice.text, points).render(matrix[0])

    def shingle_hits(self, hashes: Sequence[int]) -> list[tuple[int, int, int]]:
        return [(h, v, p) for h in hashes for v, p in self.index.get(h, [])]

    def version(self, version_id: int) -> VersionInfo:
        return self.versions[version_id]

    def copies(self, version_id: int) -> list[CopySet]:
        return self.sets[version_id]

    def recipient_labels(self, numbers: Sequence[int]) -> dict[int, tuple[str, str]]:
        return {n: (f"r{n}", f"Recipient {n}") for n in numbers}


__all__ = ["KEY", "MemorySource", "codes", "sample_text"]
