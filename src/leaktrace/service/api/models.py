"""The shapes the JSON API takes and returns, shared between its modules.

Every request body and response is one of these pydantic models, so ``/api/openapi.json`` states
each field and type exactly and schemathesis can check every response against it. Conversions
from the library's records live beside the models they fill (``*_out`` functions).

Example:
    >>> ErrorOut(detail="no document called 'memo'").model_dump()
    {'detail': "no document called 'memo'", 'problems': []}
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Annotated, Any

from fastapi import Path, Query
from pydantic import BaseModel, ConfigDict, Field

from leaktrace import codes
from leaktrace.documents import PointView
from leaktrace.layout import is_layout_key
from leaktrace.model import Recipient
from leaktrace.store import IssueBatch

PLAIN = r"^[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f]*$"
"""Text without control characters (tabs and newlines allowed), for names and filters: NUL and
its kin have no place there, and PostgreSQL refuses NUL in text."""
Plain = Annotated[str, Field(pattern=PLAIN)]


def text_query(description: str) -> Any:
    """A text query parameter (a search, a filter): at most 200 plain characters."""
    return Query(max_length=200, pattern=PLAIN, description=description)


Id = Annotated[int, Path(ge=1, le=2**31 - 1, description="A stored record's number.")]
"""A numeric id in a path: within the database's integer range, so never an overflow."""


class ValidationIssue(BaseModel):
    """One field of a request that did not validate."""

    loc: list[str | int]
    msg: str
    type: str


class ErrorOut(BaseModel):
    """Every 4xx answer: a message saying what went wrong and what to do, or, for a request
    that did not validate, one item per bad field."""

    detail: str | list[ValidationIssue]
    problems: list[str] = Field(
        default_factory=list, description="A bad CSV: every problem, one per bad row."
    )


COMMON_ERRORS = (400, 401, 403, 422)
"""What any route may answer: a body that does not parse, not signed in, not allowed, invalid."""


def errors(*codes: int) -> dict[int | str, dict[str, Any]]:
    """``responses=`` documenting error codes, each with :class:`ErrorOut`. The API's router
    documents :data:`COMMON_ERRORS` for every route; a route adds its own.

    Example:
        >>> sorted(errors(404, 409))
        [404, 409]
    """
    meaning = {
        400: "The request body could not be parsed.",
        401: "Not signed in: send 'Authorization: Bearer <API token>'.",
        403: "Signed in, but your roles do not allow this (or the CSRF check failed).",
        404: "An id that names nothing stored (or nothing you may see).",
        409: "The request contradicts what is stored.",
        502: "The mail server cannot be reached or refused the session; retry later.",
        422: "Unusable input: the message names the field or the row and what to do.",
    }
    return {code: {"model": ErrorOut, "description": meaning[code]} for code in sorted(codes)}


# -- documents ---------------------------------------------------------------------------------


class VersionOut(BaseModel):
    number: int
    title: str
    format: str
    variety: str = Field(description="The English variety detected (spelling conventions).")
    sha256: str
    created: datetime


class DocumentSummary(BaseModel):
    id: str
    title: str
    created: datetime
    versions: int
    latest: VersionOut


class OccurrenceOut(BaseModel):
    start: int = Field(description="Character offset in the latest version's text.")
    end: int
    renderings: list[str]


class PointOut(BaseModel):
    """A variation point as the author reviews it (``leaktrace points``)."""

    number: int = Field(description="The point's number in this version, from 1.")
    key: str
    kind: str
    options: list[str] = Field(description="Every way a copy may read here; the author's first.")
    original: int = Field(description="Index in ``options`` of the author's wording.")
    vetoed: bool
    scope: str
    note: str
    before: str = Field(description="Up to 50 characters of text before the point.")
    after: str = Field(description="Up to 50 characters of text after the point.")
    occurrences: list[OccurrenceOut]


class DocumentOut(BaseModel):
    """A document: its versions and the latest version's text and points."""

    id: str
    title: str
    created: datetime
    versions: list[VersionOut]
    latest: VersionOut
    text: str = Field(description="The latest version's text, as the author wrote it.")
    words: int
    points: list[PointOut]
    points_active: int = Field(description="Points not vetoed: what later copies vary.")


class DocumentAdded(BaseModel):
    id: str
    version: VersionOut
    points: int
    words: int


class PointNumbers(BaseModel):
    points: list[int] = Field(
        min_length=1, max_length=10_000, description="Point numbers as in the document listing."
    )


class AlternativeIn(BaseModel):
    phrase: str = Field(
        min_length=1, max_length=1000, pattern=PLAIN, description="Exactly as written."
    )
    alternatives: list[Annotated[Plain, Field(max_length=1000)]] = Field(
        min_length=1, max_length=15
    )


class BatchOut(BaseModel):
    """One issuance: who issued which version when, by which channel, and how far it got."""

    id: int
    document: str
    version: int
    format: str
    channel: str
    actor: str
    created: datetime
    recipients: int
    released: int
    complete: bool
    points_active: int = Field(description="Text variation points the copies vary.")
    layout_marks: int = Field(
        default=0, description="Blocks carrying the layout channel (PDF and HTML copies)."
    )


def point_out(view: PointView) -> PointOut:
    point = view.point
    return PointOut(
        number=view.number,
        key=point.key,
        kind=point.kind,
        options=list(point.labels),
        original=point.original,
        vetoed=view.vetoed,
        scope=point.scope.value,
        note=point.note,
        before=view.before,
        after=view.after,
        occurrences=[
            OccurrenceOut(start=o.start, end=o.end, renderings=list(o.renderings))
            for o in point.occurrences
        ],
    )


def batch_out(batch: IssueBatch, document: str, version: int) -> BatchOut:
    keys = codes.point_keys(json.loads(batch.active_points_json))
    return BatchOut(
        id=batch.id,
        document=document,
        version=version,
        format=batch.format,
        channel=batch.channel,
        actor=batch.actor,
        created=batch.created,
        recipients=batch.recipients,
        released=batch.released,
        complete=batch.complete,
        points_active=sum(1 for k in keys if not is_layout_key(k)),
        layout_marks=sum(1 for k in keys if is_layout_key(k)),
    )


# -- recipients --------------------------------------------------------------------------------


class RecipientOut(BaseModel):
    id: str = Field(description="The organisation's id for the person (the CSV's id column).")
    number: int = Field(description="leaktrace's stable number for the person.")
    name: str
    email: str
    groups: list[str]


class RecipientPage(BaseModel):
    total: int = Field(description="Recipients matching the filters, on every page.")
    offset: int
    limit: int
    items: list[RecipientOut]


class GroupOut(BaseModel):
    name: str
    members: int


class ImportRow(BaseModel):
    id: str
    name: str
    email: str
    groups: list[str] | None = Field(description="null: the file has no groups column.")
    new: bool = Field(description="No recipient has this id yet.")


class ImportOut(BaseModel):
    """What an import did, or (``dry_run``) would do; a bad file is a 422 naming every row."""

    dry_run: bool
    rows: int
    created: int
    updated: int
    unchanged: int
    preview: list[ImportRow] = Field(description="The first rows of the file, as read.")


def recipient_out(recipient: Recipient) -> RecipientOut:
    return RecipientOut(
        id=recipient.external_id,
        number=recipient.number,
        name=recipient.name,
        email=recipient.email,
        groups=list(recipient.groups),
    )


# -- traces ------------------------------------------------------------------------------------


class PointReadOut(BaseModel):
    point: str
    kind: str
    occurrence: int
    readable: bool
    option: int | None
    compatible: list[int]
    label: str | None
    input_start: int
    input_end: int


class PassageOut(BaseModel):
    input_start: int
    input_end: int
    source_start: int
    source_end: int
    matched_words: int
    text: str
    points: list[PointReadOut]


class DocumentMatchOut(BaseModel):
    document: str
    version: int
    title: str
    recipients: int
    points_read: int = Field(description="Text variation points read in the passages.")
    layout_points_read: int = Field(
        default=0, description="Layout marks read from the page (a PDF or a picture of one)."
    )
    passages: list[PassageOut]


class CandidateOut(BaseModel):
    recipient: str
    name: str
    points_read: int
    points_matching: int
    log10_false_accusation: float


class TraceResultOut(BaseModel):
    """A trace result exactly as ``leaktrace trace --json`` prints it (``docs/trace-json.md``)."""

    model_config = ConfigDict(populate_by_name=True)

    schema_: str = Field(alias="schema", examples=["leaktrace.trace/1"])
    source: str
    input_sha256: str
    verdict: str = Field(examples=["identified", "narrowed", "no_match"])
    level: float
    accused: list[str]
    explanation: str
    recipients_considered: int
    recipients_consistent: int
    candidates: list[CandidateOut]
    documents: list[DocumentMatchOut]


class TraceOut(TraceResultOut):
    """A trace just made: the ``--json`` object plus the id it is stored under."""

    trace_id: int


class TraceIn(BaseModel):
    text: str = Field(min_length=1, description="The leaked text: an extract, an article.")
    name: str = Field(
        default="pasted text",
        min_length=1,
        max_length=200,
        pattern=PLAIN,
        description="What it was.",
    )
    level: float | None = Field(
        default=None, gt=0, lt=1, description="The false-accusation level (default: the service's)."
    )


class TraceSummary(BaseModel):
    id: int
    created: datetime
    input_name: str
    input_sha256: str
    verdict: str
    actor: str


class StoredTraceOut(TraceSummary):
    result: TraceResultOut


# -- audit -------------------------------------------------------------------------------------


class AuditEntryOut(BaseModel):
    id: int
    at: datetime
    actor: str
    action: str
    subject: str
    details: dict[str, Any]


class ChainReportOut(BaseModel):
    """The audit chain walked from the first entry: intact, or the first breaks found."""

    intact: bool
    entries: int
    head_seq: int = Field(description="Position of the newest intact entry.")
    head_hash: str = Field(description="Its hash: record it outside the database.")
    problems: list[str]


# -- users -------------------------------------------------------------------------------------


class UserOut(BaseModel):
    id: int
    username: str
    display_name: str
    roles: list[str]
    recipient: str | None = Field(description="A reader's recipient id (whose copies they read).")
    disabled: bool
    locked_until: datetime | None
    created: datetime


class UserCreate(BaseModel):
    username: str = Field(min_length=1, max_length=100, examples=["ann"])
    display_name: str = Field(default="", max_length=200, pattern=PLAIN)
    password: str = Field(min_length=1, max_length=1000)
    roles: list[str] = Field(min_length=1, examples=[["author"]])
    recipient: str | None = Field(
        default=None,
        max_length=200,
        pattern=PLAIN,
        description="Required for a reader: their recipient id.",
    )


class UserUpdate(BaseModel):
    display_name: str | None = Field(default=None, max_length=200, pattern=PLAIN)
    roles: list[str] | None = Field(default=None, min_length=1)
    disabled: bool | None = None
    password: str | None = Field(
        default=None, min_length=1, max_length=1000, description="A new password; ends sessions."
    )


class TokenAdminOut(BaseModel):
    id: int
    username: str
    name: str
    prefix: str
    created: datetime
    last_used: datetime | None
    revoked: datetime | None


# -- issues and the portal ---------------------------------------------------------------------


class IssueIn(BaseModel):
    document: str = Field(min_length=1, max_length=80, pattern=PLAIN)
    to: list[Annotated[Plain, Field(min_length=1, max_length=200)]] = Field(
        min_length=1,
        max_length=10_000,
        description="'all', group names and recipient ids; everyone they name gets one copy.",
        examples=[["all"]],
    )


class ZipIssueIn(IssueIn):
    format: str = Field(default="txt", pattern="^(txt|md|docx|pdf|html)$")


class EmailIssueIn(IssueIn):
    format: str = Field(default="txt", pattern="^(txt|md|docx|pdf|html)$")


class IssueOut(BaseModel):
    batch: BatchOut
    resumed: bool
    written: int = Field(description="Copies released by this request.")


class DeliveryOut(BaseModel):
    recipient: str
    address: str
    status: str
    attempts: int
    last_error: str | None
    updated: datetime


class FailedDelivery(BaseModel):
    recipient: str
    error: str


class EmailIssueOut(BaseModel):
    batch: BatchOut
    sent: int = Field(description="Copies sent by this request.")
    already_sent: int = Field(description="Copies of the batch sent by earlier requests.")
    failed: list[FailedDelivery]


class BatchStatus(BaseModel):
    batch: BatchOut
    deliveries: list[DeliveryOut] = Field(description="Email deliveries, one per recipient.")


class CopyOut(BaseModel):
    """A copy issued to the signed-in reader."""

    batch_id: int
    document: str
    title: str
    version: int
    issued: datetime


class CopyText(CopyOut):
    text: str


# -- cases -------------------------------------------------------------------------------------

CASE_NAME = r"^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$"

CaseName = Annotated[
    str, Path(pattern=CASE_NAME, max_length=100, description="A case's name, e.g. cables-2026.")
]


class CaseIn(BaseModel):
    name: str = Field(pattern=CASE_NAME, max_length=100, examples=["cables-2026"])
    purpose: str = Field(
        min_length=1, max_length=2000, pattern=PLAIN, description="What the case is for."
    )
    authorised_by: str = Field(
        min_length=1, max_length=200, pattern=PLAIN, description="Who authorised it (name, role)."
    )


class CaseSummary(BaseModel):
    """A case as listed: who opened it, why, on whose authority, and who may see it."""

    name: str
    status: str
    purpose: str
    authorised_by: str
    created_by: str
    created: datetime
    investigators: list[str]
    items: int


class CaseItemOut(BaseModel):
    """One item with its chain of custody and what it showed on its own."""

    seq: int
    name: str
    sha256: str = Field(description="SHA-256 of the exact bytes traced.")
    source: str = Field(description="Where it surfaced: a URL or a note.")
    added_by: str
    added: datetime
    verdict: str = Field(description="The item's own verdict when it was added.")


class CaseVerdictOut(TraceResultOut):
    """A case's verdict over its items together: ``leaktrace.trace/1`` plus the items' names
    and the case's level (``level`` is the level this verdict was tested at)."""

    items: list[str]
    case_level: float


class VerdictHistoryOut(BaseModel):
    after_item: int
    at: datetime
    verdict: str
    accused: list[str]


class CaseOut(BaseModel):
    """A case with its items, its current verdict (null before the first item) and history."""

    name: str
    status: str
    purpose: str
    authorised_by: str
    created_by: str
    created: datetime
    investigators: list[str]
    items: list[CaseItemOut]
    verdict: CaseVerdictOut | None
    history: list[VerdictHistoryOut]


class AssignIn(BaseModel):
    username: str = Field(min_length=1, max_length=100, pattern=PLAIN)


class AssignOut(BaseModel):
    case: str
    username: str
    assigned: bool = Field(description="false: they were on the case already.")


class CaseItemIn(BaseModel):
    text: str = Field(min_length=1, description="What surfaced, as text.")
    name: str = Field(
        default="pasted text",
        min_length=1,
        max_length=200,
        pattern=PLAIN,
        description="What it was.",
    )
    source: str = Field(
        min_length=1, max_length=2000, pattern=PLAIN, description="Where it surfaced: URL or note."
    )


class CaseItemAdded(BaseModel):
    """What adding an item did: the item, its own trace, and the case's new verdict."""

    item: CaseItemOut
    own: TraceResultOut
    verdict: CaseVerdictOut


class CaseVerificationOut(BaseModel):
    """Every stored verdict of a case re-scored from its stored items and the key."""

    case: str
    verdicts_checked: int
    reproduced: bool
    mismatches: list[str]
