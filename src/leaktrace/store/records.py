"""The values the store takes and returns: small frozen dataclasses, never ORM rows.

Nothing here holds a session or a connection, so a record can outlive the transaction that read
it and be passed to any layer. Recipients come back as :class:`leaktrace.model.Recipient`.

Example:
    >>> RecipientRow("jsmith", "J. Smith", "j@example.org", ("board",)).groups
    ('board',)
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import NamedTuple


@dataclass(frozen=True)
class RecipientRow:
    """One recipient to create or update, keyed by ``external_id``.

    ``groups=None`` leaves the recipient's groups as they are (a CSV without a groups column);
    a tuple, even empty, replaces them.
    """

    external_id: str
    name: str
    email: str
    groups: tuple[str, ...] | None = None


class UpsertCounts(NamedTuple):
    """What an import did: recipients created, and existing ones whose data changed."""

    created: int
    updated: int


@dataclass(frozen=True)
class VersionSummary:
    """A version without its text, for listings."""

    id: int
    number: int
    title: str
    format: str
    variety: str
    sha256: str
    created: datetime


@dataclass(frozen=True)
class DocumentRecord:
    """A document and its versions, oldest first."""

    doc_id: str
    title: str
    created: datetime
    versions: tuple[VersionSummary, ...]

    @property
    def latest(self) -> VersionSummary:
        return self.versions[-1]


@dataclass(frozen=True)
class VersionRecord:
    """A stored version with everything needed to issue or trace copies of it.

    ``points_json`` and ``fixed_spans_json`` are stored exactly as given (see
    :mod:`leaktrace.pointsjson`): the points frozen when the version was added.
    """

    id: int
    doc_id: str
    number: int
    title: str
    text: str
    format: str
    variety: str
    sha256: str
    points_json: str
    fixed_spans_json: str
    created: datetime


@dataclass(frozen=True)
class SourceFile:
    """The file a version was read from (a DOCX, PDF, page or e-mail), kept so that copies can
    be written back into it with the author's formatting.

    ``structure_json`` is what the reader recorded to find the version's text in the file again
    (for a DOCX, each paragraph's range; see :mod:`leaktrace.formats.extract`).

    Example:
        >>> SourceFile("Board Memo.HTML", "text/html", None, b"<p>Hi</p>").suffix
        '.html'
    """

    filename: str
    media_type: str
    structure_json: str | None
    data: bytes

    @property
    def suffix(self) -> str:
        dot = self.filename.rfind(".")
        return self.filename[dot:].lower() if dot > 0 else ""


@dataclass(frozen=True)
class IssuePlan:
    """The answer of :meth:`Store.record_issuance`: which batch, and whose copies to write.

    ``to_write`` holds the recipients whose copies are still unreleased, sorted: every recipient
    for a new batch, only the missing ones when an interrupted batch is ``resumed``.
    """

    batch_id: int
    to_write: tuple[int, ...]
    resumed: bool


@dataclass(frozen=True)
class IssueBatch:
    """One ``issue`` run: a version sent to a set of recipients in one output format."""

    id: int
    version_id: int
    format: str
    active_points_json: str
    actor: str
    created: datetime
    recipients: int
    released: int
    channel: str = "file"

    @property
    def complete(self) -> bool:
        return self.released == self.recipients


@dataclass(frozen=True)
class Issuance:
    """One recipient's copy in a batch; ``status`` is ``recorded`` until the file is written."""

    batch_id: int
    version_id: int
    recipient_number: int
    status: str
    created: datetime
    released_at: datetime | None
    path: str | None


@dataclass(frozen=True)
class TraceRecord:
    """A stored trace: what was examined and the result as JSON."""

    id: int
    created: datetime
    input_name: str
    input_sha256: str
    verdict: str
    result_json: str
    actor: str


@dataclass(frozen=True)
class AuditEntry:
    """One line of the append-only audit log."""

    id: int
    at: datetime
    actor: str
    action: str
    subject: str
    details_json: str


@dataclass(frozen=True)
class UserRecord:
    """A person who signs in to the service. ``roles`` are role names (see leaktrace.accounts)."""

    id: int
    username: str
    display_name: str
    roles: frozenset[str]
    recipient_number: int | None
    disabled: bool
    failed_logins: int
    locked_until: datetime | None
    created: datetime


@dataclass(frozen=True)
class ApiTokenRecord:
    """An API token's public facts; the token itself is never stored, only its hash."""

    id: int
    user_id: int
    username: str
    name: str
    prefix: str
    created: datetime
    last_used: datetime | None
    revoked: datetime | None


@dataclass(frozen=True)
class DeliveryRecord:
    """How one recipient's copy of a batch went out, and whether it arrived at their server."""

    batch_id: int
    recipient_number: int
    channel: str
    address: str
    status: str
    attempts: int
    last_error: str | None
    message_id: str | None
    updated: datetime


@dataclass(frozen=True)
class ReceivedCopy:
    """A copy a recipient was issued: what the reader portal lists."""

    batch_id: int
    version_id: int
    doc_id: str
    title: str
    version: int
    channel: str
    format: str
    status: str
    issued: datetime


# -- cases ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CaseRecord:
    """An investigation: why it was opened, on whose authority, and who may see it."""

    id: int
    name: str
    purpose: str
    authorised_by: str
    created_by: str
    created: datetime
    status: str
    investigators: tuple[str, ...]
    items: int


@dataclass(frozen=True)
class CaseItemRecord:
    """One item of a case with its chain of custody: exactly what was traced, from where, by
    whom, when, and what the tracer read and said then. Never changed once stored."""

    case_id: int
    seq: int
    input_name: str
    content_sha256: str
    content: bytes
    source: str
    added_by: str
    added: datetime
    evidence_json: str
    trace_result_json: str


@dataclass(frozen=True)
class CaseVerdictRecord:
    """The verdict over items ``1..after_seq`` scored together, as it stood then."""

    case_id: int
    after_seq: int
    verdict: str
    result_json: str
    at: datetime


@dataclass(frozen=True)
class LedgerRow:
    """One copy issued: who received which version, when, and how it left (for the ledger)."""

    doc_id: str
    version: int
    version_sha256: str
    batch_id: int
    channel: str
    format: str
    recipient_id: str
    recipient_name: str
    recipient_email: str
    recorded: datetime
    released: datetime | None
    status: str
    location: str | None
    issued_by: str
    delivery_status: str | None
    delivery_address: str | None
    delivery_attempts: int | None
    delivery_message_id: str | None
    delivery_updated: datetime | None
