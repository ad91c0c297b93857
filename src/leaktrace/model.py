"""Domain values shared by every layer: frozen dataclasses, no behaviour beyond small helpers.

A *variation point* is one decision that differs between copies. It has two or more options
(the author's own wording is one of them) and one or more *occurrences*: the places in the text
where the decision shows. A local point (a synonym, an optional "that") has one occurrence; a
document-wide convention (serial comma, -ise/-ize, US/U.S.) has one occurrence per place the
convention applies, and every copy makes the same choice at all of them.

Example:
    >>> occ = Occurrence(start=10, end=19, renderings=("said that", "said"))
    >>> point = VariationPoint(key="complementiser:10", kind="complementiser",
    ...     labels=("said that", "said"), occurrences=(occ,), original=0)
    >>> point.option_count
    2
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from enum import StrEnum
from typing import Any


class Scope(StrEnum):
    """Whether a point decides one place or a convention kept throughout the copy."""

    LOCAL = "local"
    DOCUMENT = "document"


@dataclass(frozen=True)
class Occurrence:
    """One place in the original text where a point shows.

    ``renderings[i]`` replaces ``text[start:end]`` when option ``i`` is chosen; the rendering of
    the author's option equals the original slice exactly.
    """

    start: int
    end: int
    renderings: tuple[str, ...]


@dataclass(frozen=True)
class VariationPoint:
    """A decision that differs between copies, with every place it shows.

    Example:
        >>> occ = Occurrence(0, 6, ("begins", "starts"))
        >>> VariationPoint("synonym:0", "synonym", ("begin", "start"), (occ,), 0).labels
        ('begin', 'start')
    """

    key: str
    kind: str
    labels: tuple[str, ...]
    occurrences: tuple[Occurrence, ...]
    original: int = 0
    scope: Scope = Scope.LOCAL
    note: str = ""

    @property
    def option_count(self) -> int:
        return len(self.labels)

    @property
    def start(self) -> int:
        return self.occurrences[0].start

    @property
    def end(self) -> int:
        return self.occurrences[-1].end


@dataclass(frozen=True)
class Span:
    """A half-open character range ``[start, end)`` with a reason, e.g. a protected quotation."""

    start: int
    end: int
    reason: str = ""

    def overlaps(self, start: int, end: int) -> bool:
        return self.start < end and start < self.end


@dataclass(frozen=True)
class Recipient:
    """Someone who receives copies. ``number`` is the stable integer the code is keyed on.

    Example:
        >>> Recipient(number=7, external_id="jsmith", name="J. Smith", email="j@example.org")
        Recipient(number=7, external_id='jsmith', name='J. Smith', email='j@example.org', groups=())
    """

    number: int
    external_id: str
    name: str
    email: str
    groups: tuple[str, ...] = ()


class Verdict(StrEnum):
    """The graded outcome of a trace."""

    IDENTIFIED = "identified"
    NARROWED = "narrowed"
    NO_MATCH = "no_match"


@dataclass(frozen=True)
class Reading:
    """What the tracer read at one occurrence of a point in the leaked text.

    ``option`` is ``None`` when the occurrence was inside the passage but could not be read
    (cut, glossed, retyped differently) or is compatible with several options, which are then
    listed in ``compatible``; ``margin`` is the alignment evidence for the reading.
    """

    point_key: str
    kind: str
    occurrence: int
    option: int | None
    label: str | None
    input_start: int
    input_end: int
    margin: float
    compatible: tuple[int, ...] = ()


@dataclass(frozen=True)
class Passage:
    """A stretch of the input that comes from a stored document version."""

    input_start: int
    input_end: int
    source_start: int
    source_end: int
    matched_words: int
    readings: tuple[Reading, ...] = ()
    item: int = 0
    """Which input the offsets refer to: the item's index in a multi-item trace, else 0."""


@dataclass(frozen=True)
class Candidate:
    """A recipient scored against the observations, best first in a trace result."""

    recipient: str
    name: str
    points_read: int
    points_matching: int
    log10_false_accusation: float
    test: str = "matches"
    """The test that gave the bound: ``matches`` (count of points matching) or ``tardos``
    (the collusion-resistant weighted score); see docs/design.md."""
    score: float = 0.0
    """The recipient's symmetric Tardos score over the points read (0 unless a copy considered
    carries the collusion-secure code); an innocent's score has mean 0, variance 1 per point."""


@dataclass(frozen=True)
class DocumentMatch:
    """A stored document version the input matched, with its passages."""

    document_id: str
    version: int
    title: str
    recipients: int
    passages: tuple[Passage, ...]
    points_read: int
    """Text variation points read in the passages."""
    layout_points_read: int = 0
    """Blocks of the layout channel read from the page (a PDF or a picture of a typeset copy)."""


@dataclass(frozen=True)
class TraceResult:
    """Everything a trace found, in the shape the JSON output pins."""

    source: str
    verdict: Verdict
    level: float
    accused: tuple[str, ...]
    candidates: tuple[Candidate, ...]
    documents: tuple[DocumentMatch, ...]
    recipients_considered: int
    recipients_consistent: int
    explanation: str
    input_sha256: str = ""
    items: tuple[str, ...] = ()
    """Names of the items whose evidence was scored together (one for a single trace)."""
    codes: tuple[str, ...] = ()
    """The code schemes of the copies considered (``uniform/1``, ``tardos/1``, ``tardos/2``),
    sorted."""


# -- evidence read from one item, before any recipient is scored ---------------------------------

EVIDENCE_SCHEMA = "leaktrace.evidence/1"


@dataclass(frozen=True)
class PointEvidence:
    """Every reading of one variation point in one item, one entry per occurrence read.

    ``readings[i]`` is the tuple of options occurrence ``i`` is compatible with; empty when the
    occurrence lay inside a passage but could not be read. Nothing here depends on any recipient.
    """

    point_key: str
    option_count: int
    readings: tuple[tuple[int, ...], ...]


@dataclass(frozen=True)
class DocumentEvidence:
    """What one item shows of one stored document version: its passages and the points read."""

    version_id: int
    document_id: str
    version: int
    title: str
    passages: tuple[Passage, ...]
    points: tuple[PointEvidence, ...]


@dataclass(frozen=True)
class ItemEvidence:
    """The evidence one item (an article, an extract, a file) holds, ready to be scored.

    Produced by :func:`leaktrace.trace.read_evidence`; scored, alone or with other items, by
    :func:`leaktrace.trace.score_evidence`. It records the item's name, the SHA-256 of its text,
    its word count, and per matched document version the passages found and the option sets read
    at each point. It never holds anything about recipients, so storing it reveals no copy's
    options, and re-scoring it later (more recipients issued, more items added) is exact.

    Round-trips exactly through JSON (schema ``leaktrace.evidence/1``):

    Example:
        >>> item = ItemEvidence(name="a.txt", input_sha256="00", words=3, documents=())
        >>> ItemEvidence.from_json(item.to_json()) == item
        True
    """

    name: str
    input_sha256: str
    words: int
    documents: tuple[DocumentEvidence, ...]

    def to_json(self) -> str:
        """Canonical JSON (sorted keys, no spaces): equal evidence gives equal bytes."""
        return json.dumps(_evidence_to_data(self), sort_keys=True, separators=(",", ":"))

    @classmethod
    def from_json(cls, text: str) -> ItemEvidence:
        """The evidence :meth:`to_json` wrote.

        Raises:
            ValueError: the text is not evidence of schema ``leaktrace.evidence/1``.
        """
        try:
            data = json.loads(text)
            if data.get("schema") != EVIDENCE_SCHEMA:
                raise ValueError(f"schema {data.get('schema')!r}")
            return _evidence_from_data(data)
        except (KeyError, TypeError, AttributeError, ValueError) as error:
            raise ValueError(
                f"not leaktrace evidence ({EVIDENCE_SCHEMA}): {error}; store the output of "
                "ItemEvidence.to_json() unchanged"
            ) from error


def _evidence_to_data(item: ItemEvidence) -> dict[str, Any]:
    return {
        "schema": EVIDENCE_SCHEMA,
        "name": item.name,
        "input_sha256": item.input_sha256,
        "words": item.words,
        "documents": [
            {
                "version_id": d.version_id,
                "document_id": d.document_id,
                "version": d.version,
                "title": d.title,
                "passages": [
                    {
                        "input_start": p.input_start,
                        "input_end": p.input_end,
                        "source_start": p.source_start,
                        "source_end": p.source_end,
                        "matched_words": p.matched_words,
                        "item": p.item,
                        "readings": [
                            {
                                "point_key": r.point_key,
                                "kind": r.kind,
                                "occurrence": r.occurrence,
                                "option": r.option,
                                "label": r.label,
                                "input_start": r.input_start,
                                "input_end": r.input_end,
                                "margin": r.margin,
                                "compatible": list(r.compatible),
                            }
                            for r in p.readings
                        ],
                    }
                    for p in d.passages
                ],
                "points": [
                    {
                        "point_key": e.point_key,
                        "option_count": e.option_count,
                        "readings": [list(r) for r in e.readings],
                    }
                    for e in d.points
                ],
            }
            for d in item.documents
        ],
    }


def _evidence_from_data(data: dict[str, Any]) -> ItemEvidence:
    return ItemEvidence(
        name=str(data["name"]),
        input_sha256=str(data["input_sha256"]),
        words=int(data["words"]),
        documents=tuple(
            DocumentEvidence(
                version_id=int(d["version_id"]),
                document_id=str(d["document_id"]),
                version=int(d["version"]),
                title=str(d["title"]),
                passages=tuple(
                    Passage(
                        input_start=int(p["input_start"]),
                        input_end=int(p["input_end"]),
                        source_start=int(p["source_start"]),
                        source_end=int(p["source_end"]),
                        matched_words=int(p["matched_words"]),
                        item=int(p["item"]),
                        readings=tuple(
                            Reading(
                                point_key=str(r["point_key"]),
                                kind=str(r["kind"]),
                                occurrence=int(r["occurrence"]),
                                option=None if r["option"] is None else int(r["option"]),
                                label=None if r["label"] is None else str(r["label"]),
                                input_start=int(r["input_start"]),
                                input_end=int(r["input_end"]),
                                margin=float(r["margin"]),
                                compatible=tuple(int(o) for o in r["compatible"]),
                            )
                            for r in p["readings"]
                        ),
                    )
                    for p in d["passages"]
                ),
                points=tuple(
                    PointEvidence(
                        point_key=str(e["point_key"]),
                        option_count=int(e["option_count"]),
                        readings=tuple(tuple(int(o) for o in r) for r in e["readings"]),
                    )
                    for e in d["points"]
                ),
            )
            for d in data["documents"]
        ),
    )
