"""The database schema as SQLAlchemy Core tables: the single source the migrations mirror.

Portable types only (SQLite today, PostgreSQL next): integers, text, booleans and a UTC
timestamp type. ``recipients.number`` is the integer every copy's code is keyed on, so it is
never reused (``AUTOINCREMENT`` on SQLite, an identity column on PostgreSQL) and recipients are
never deleted. ``audit_log`` is append-only: the store offers no update or delete, and the
migration adds triggers that make the database refuse them too.

Example:
    >>> {'audit_log', 'documents', 'recipients', 'users'} <= set(metadata.tables)
    True
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    Column,
    DateTime,
    Dialect,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    TypeDecorator,
    UniqueConstraint,
)

metadata = MetaData(
    naming_convention={
        "ix": "ix_%(table_name)s_%(column_0_N_name)s",
        "uq": "uq_%(table_name)s_%(column_0_N_name)s",
        "ck": "ck_%(table_name)s_%(constraint_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)


class UtcDateTime(TypeDecorator[datetime]):
    """A timestamp stored as UTC and always read back timezone-aware.

    SQLite keeps no time zone, so values are normalised to naive UTC on the way in and given
    ``UTC`` on the way out; naive datetimes are refused rather than guessed.
    """

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("timestamps must be timezone-aware; use datetime.now(UTC)")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        assert isinstance(value, datetime)
        return value.replace(tzinfo=UTC)


def _id() -> Column[int]:
    return Column("id", Integer, primary_key=True)


meta = Table(
    "meta",
    metadata,
    Column("key", String(100), primary_key=True),
    Column("value", Text, nullable=False),
)

recipients = Table(
    "recipients",
    metadata,
    Column("number", Integer, primary_key=True),
    Column("external_id", String(200), nullable=False, unique=True),
    Column("name", Text, nullable=False),
    Column("email", Text, nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
    Column("updated_at", UtcDateTime, nullable=False),
    sqlite_autoincrement=True,
)

groups = Table(
    "groups",
    metadata,
    _id(),
    Column("name", String(200), nullable=False, unique=True),
)

group_members = Table(
    "group_members",
    metadata,
    Column("group_id", ForeignKey("groups.id"), primary_key=True),
    Column("recipient_number", ForeignKey("recipients.number"), primary_key=True, index=True),
)

documents = Table(
    "documents",
    metadata,
    _id(),
    Column("doc_id", String(200), nullable=False, unique=True),
    Column("title", Text, nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
)

versions = Table(
    "versions",
    metadata,
    _id(),
    Column("document_id", ForeignKey("documents.id"), nullable=False),
    Column("number", Integer, nullable=False),
    Column("title", Text, nullable=False),
    Column("text", Text, nullable=False),
    Column("format", String(8), nullable=False),
    Column("variety", String(32), nullable=False),
    Column("sha256", String(64), nullable=False),
    Column("points_json", Text, nullable=False),
    Column("fixed_spans_json", Text, nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
    UniqueConstraint("document_id", "number"),
    CheckConstraint("format IN ('txt', 'md')", name="format"),
)

# The file a version was read from (DOCX, PDF, HTML, e-mail), so that copies can be written back
# into it; text documents have none. Written with the version, never changed.
version_sources = Table(
    "version_sources",
    metadata,
    Column("version_id", ForeignKey("versions.id"), primary_key=True),
    Column("filename", Text, nullable=False),
    Column("media_type", String(200), nullable=False),
    Column("structure_json", Text, nullable=True),
    Column("data", LargeBinary, nullable=False),
)

vetoes = Table(
    "vetoes",
    metadata,
    _id(),
    Column("version_id", ForeignKey("versions.id"), nullable=False),
    Column("point_key", String(200), nullable=False),
    Column("vetoed", Boolean, nullable=False),
    Column("actor", String(200), nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
    Index(None, "version_id", "point_key"),
)

shingles = Table(
    "shingles",
    metadata,
    _id(),
    Column("hash", BigInteger, nullable=False),
    Column("version_id", ForeignKey("versions.id"), nullable=False),
    Column("position", Integer, nullable=False),
    # Covering: a lookup by hash reads the index alone.
    Index(None, "hash", "version_id", "position"),
)

issue_batches = Table(
    "issue_batches",
    metadata,
    _id(),
    Column("version_id", ForeignKey("versions.id"), nullable=False, index=True),
    Column("format", String(16), nullable=False),
    Column("active_points_json", Text, nullable=False),
    Column("recipient_count", Integer, nullable=False),
    Column("recipients_sha256", String(64), nullable=False),
    # The batch's sorted recipient numbers, packed little-endian int64: tracing reads these
    # few blobs instead of a million issuance rows. Written with the rows, never changed.
    Column("recipients", LargeBinary, nullable=False),
    Column("actor", String(200), nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
    # How the copies left: "file" (written to a folder), "zip", "email" or "portal".
    Column("channel", String(16), nullable=False, server_default="file"),
)

issuances = Table(
    "issuances",
    metadata,
    _id(),
    Column("batch_id", ForeignKey("issue_batches.id"), nullable=False),
    Column("version_id", ForeignKey("versions.id"), nullable=False),
    Column("recipient_number", ForeignKey("recipients.number"), nullable=False),
    Column("status", String(16), nullable=False),
    Column("released_at", UtcDateTime, nullable=True),
    Column("path", Text, nullable=True),
    UniqueConstraint("batch_id", "recipient_number"),
    Index(None, "version_id", "recipient_number"),
    CheckConstraint("status IN ('recorded', 'released')", name="status"),
)

traces = Table(
    "traces",
    metadata,
    _id(),
    Column("created_at", UtcDateTime, nullable=False),
    Column("input_name", Text, nullable=False),
    Column("input_sha256", String(64), nullable=False, index=True),
    Column("verdict", String(32), nullable=False),
    Column("result_json", Text, nullable=False),
    Column("actor", String(200), nullable=False),
)

audit_log = Table(
    "audit_log",
    metadata,
    _id(),
    Column("at", UtcDateTime, nullable=False),
    Column("actor", String(200), nullable=False),
    Column("action", String(100), nullable=False, index=True),
    Column("subject", Text, nullable=False),
    Column("details_json", Text, nullable=False),
    # The hash chain (see leaktrace.auditchain): position, the previous entry's hash, this one's.
    Column("seq", Integer, nullable=True),
    Column("prev_hash", String(64), nullable=True),
    Column("entry_hash", String(64), nullable=True),
    Index("uq_audit_log_seq", "seq", unique=True),
)

# One row (id 1): the chain's newest position and hash. Appending locks it, which puts
# concurrent writers (several service workers on PostgreSQL) in one order.
audit_head = Table(
    "audit_head",
    metadata,
    _id(),
    Column("seq", Integer, nullable=False),
    Column("entry_hash", String(64), nullable=False),
)

users = Table(
    "users",
    metadata,
    _id(),
    Column("username", String(100), nullable=False, unique=True),
    Column("display_name", Text, nullable=False),
    Column("password_hash", Text, nullable=False),
    # Sorted, comma-separated role names (admin, author, distributor, investigator, ...).
    Column("roles", Text, nullable=False),
    # A reader account is tied to the recipient whose copies it may read.
    Column("recipient_number", ForeignKey("recipients.number"), nullable=True),
    Column("disabled", Boolean, nullable=False),
    Column("failed_logins", Integer, nullable=False),
    Column("locked_until", UtcDateTime, nullable=True),
    Column("created_at", UtcDateTime, nullable=False),
    Column("updated_at", UtcDateTime, nullable=False),
)

# Secrets (API tokens, session cookies) are stored as SHA-256 hashes only: they are long random
# strings, so a fast hash suffices, and a copy of the database lets nobody sign in.
api_tokens = Table(
    "api_tokens",
    metadata,
    _id(),
    Column("user_id", ForeignKey("users.id"), nullable=False),
    Column("name", Text, nullable=False),
    Column("prefix", String(16), nullable=False),
    Column("token_hash", String(64), nullable=False, unique=True),
    Column("created_at", UtcDateTime, nullable=False),
    Column("last_used_at", UtcDateTime, nullable=True),
    Column("revoked_at", UtcDateTime, nullable=True),
)

web_sessions = Table(
    "web_sessions",
    metadata,
    _id(),
    Column("token_hash", String(64), nullable=False, unique=True),
    Column("user_id", ForeignKey("users.id"), nullable=False),
    Column("csrf_token", String(64), nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
    Column("expires_at", UtcDateTime, nullable=False),
    Column("revoked_at", UtcDateTime, nullable=True),
)

deliveries = Table(
    "deliveries",
    metadata,
    _id(),
    Column("batch_id", ForeignKey("issue_batches.id"), nullable=False),
    Column("recipient_number", ForeignKey("recipients.number"), nullable=False),
    Column("channel", String(16), nullable=False),
    Column("address", Text, nullable=False),
    Column("status", String(16), nullable=False),
    Column("attempts", Integer, nullable=False),
    Column("last_error", Text, nullable=True),
    Column("message_id", Text, nullable=True),
    Column("updated_at", UtcDateTime, nullable=False),
    UniqueConstraint("batch_id", "recipient_number"),
    CheckConstraint("status IN ('pending', 'sent', 'failed')", name="status"),
)

# -- cases: an investigation's items keep their chain of custody; nothing is overwritten ----------
# case_items and case_verdicts are append-only (migration 0003 adds triggers, as for audit_log).

cases = Table(
    "cases",
    metadata,
    _id(),
    Column("name", String(200), nullable=False, unique=True),
    Column("purpose", Text, nullable=False),
    Column("authorised_by", Text, nullable=False),
    Column("created_by", String(200), nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
    Column("status", String(16), nullable=False),
    CheckConstraint("status IN ('open', 'closed')", name="status"),
)

case_investigators = Table(
    "case_investigators",
    metadata,
    _id(),
    Column("case_id", ForeignKey("cases.id"), nullable=False),
    # A service user's name, or "cli" for the command line.
    Column("username", String(200), nullable=False, index=True),
    Column("added_by", String(200), nullable=False),
    Column("added_at", UtcDateTime, nullable=False),
    UniqueConstraint("case_id", "username"),
)

case_items = Table(
    "case_items",
    metadata,
    _id(),
    Column("case_id", ForeignKey("cases.id"), nullable=False),
    Column("seq", Integer, nullable=False),
    Column("input_name", Text, nullable=False),
    Column("content_sha256", String(64), nullable=False),
    # The exact bytes traced, so the verdict and the report can be reproduced from the database.
    Column("content", LargeBinary, nullable=False),
    # Where it surfaced: a URL or a note.
    Column("source", Text, nullable=False),
    Column("added_by", String(200), nullable=False),
    Column("added_at", UtcDateTime, nullable=False),
    # The evidence read from the item (leaktrace.evidence/1) and its own trace result then.
    Column("evidence_json", Text, nullable=False),
    Column("trace_result_json", Text, nullable=False),
    UniqueConstraint("case_id", "seq"),
    UniqueConstraint("case_id", "content_sha256"),
)

case_verdicts = Table(
    "case_verdicts",
    metadata,
    _id(),
    Column("case_id", ForeignKey("cases.id"), nullable=False),
    # The verdict over items 1..after_seq, scored together when item after_seq was added.
    Column("after_seq", Integer, nullable=False),
    Column("verdict", String(32), nullable=False),
    Column("result_json", Text, nullable=False),
    Column("at", UtcDateTime, nullable=False),
    UniqueConstraint("case_id", "after_seq"),
)
