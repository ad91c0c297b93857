"""Persistence: SQLAlchemy tables, Alembic migrations and the :class:`Store` that uses them.

This package is the only code that touches database connections. Everything else receives a
``Store`` and calls its methods, which take and return plain values.

Example:
    >>> from leaktrace.store import Store
    >>> with Store.open("sqlite://") as store:
    ...     store.migrate()
    ...     store.count_recipients()
    0
"""

from __future__ import annotations

from leaktrace.store.records import (
    ApiTokenRecord,
    AuditEntry,
    CaseItemRecord,
    CaseRecord,
    CaseVerdictRecord,
    DeliveryRecord,
    DocumentRecord,
    Issuance,
    IssueBatch,
    IssuePlan,
    LedgerRow,
    ReceivedCopy,
    RecipientRow,
    SourceFile,
    TraceRecord,
    UpsertCounts,
    UserRecord,
    VersionRecord,
    VersionSummary,
)
from leaktrace.store.store import DEFAULT_ACTOR, Clock, Store, utc_now

__all__ = [
    "DEFAULT_ACTOR",
    "ApiTokenRecord",
    "AuditEntry",
    "CaseItemRecord",
    "CaseRecord",
    "CaseVerdictRecord",
    "Clock",
    "DeliveryRecord",
    "DocumentRecord",
    "Issuance",
    "IssueBatch",
    "IssuePlan",
    "LedgerRow",
    "ReceivedCopy",
    "RecipientRow",
    "SourceFile",
    "Store",
    "TraceRecord",
    "UpsertCounts",
    "UserRecord",
    "VersionRecord",
    "VersionSummary",
    "utc_now",
]
