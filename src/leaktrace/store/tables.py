"""The database schema as SQLAlchemy Core tables: the single source the migrations mirror.

Portable types only (SQLite today, PostgreSQL next): integers, text, booleans and a UTC
timestamp type. ``recipients.number`` is the integer every copy's code is keyed on, so it is
never reused (``AUTOINCREMENT`` on SQLite, an identity column on PostgreSQL) and recipients are
never deleted. ``audit_log`` is append-only: the store offers no update or delete, and the
migration adds triggers that make the database refuse them too.

Example:
    >>> sorted(metadata.tables)[:3]
    ['audit_log', 'documents', 'group_members']
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
)
