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

from dataclasses import dataclass
from enum import StrEnum


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


@dataclass(frozen=True)
class Candidate:
    """A recipient scored against the observations, best first in a trace result."""

    recipient: str
    name: str
    points_read: int
    points_matching: int
    log10_false_accusation: float


@dataclass(frozen=True)
class DocumentMatch:
    """A stored document version the input matched, with its passages."""

    document_id: str
    version: int
    title: str
    recipients: int
    passages: tuple[Passage, ...]
    points_read: int


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
