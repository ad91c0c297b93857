"""Workspace facts, stored traces and the append-only audit log, on an open connection.

Functions here run inside a transaction the caller owns and never commit. The audit log has no
update or delete here, and the database refuses them too (see the first migration).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, insert, select, update

from leaktrace.auditchain import ChainedEntry, entry_hash
from leaktrace.errors import ConflictError, NotFoundError, StoreError
from leaktrace.store import _bulk
from leaktrace.store.records import AuditEntry, TraceRecord
from leaktrace.store.tables import audit_head, audit_log, meta, traces


def append(
    conn: Connection,
    at: datetime,
    actor: str,
    action: str,
    subject: str,
    details: Mapping[str, Any],
) -> int:
    """Append one entry at the head of the hash chain.

    The head row is locked first (``SELECT ... FOR UPDATE`` on PostgreSQL; SQLite's write
    transactions are already serial), so concurrent writers chain one after another.
    """
    head = conn.execute(
        select(audit_head.c.seq, audit_head.c.entry_hash)
        .where(audit_head.c.id == 1)
        .with_for_update()
    ).first()
    if head is None:
        raise StoreError("the audit log's chain head is missing; the database is damaged")
    details_json = json.dumps(dict(details), sort_keys=True, default=str)
    seq = head.seq + 1
    # Hash the time as the database will give it back (microseconds, UTC).
    digest = entry_hash(head.entry_hash, seq, at, actor, action, subject, details_json)
    statement = insert(audit_log).values(
        at=at,
        actor=actor,
        action=action,
        subject=subject,
        details_json=details_json,
        seq=seq,
        prev_hash=head.entry_hash,
        entry_hash=digest,
    )
    entry_id = _bulk.inserted_id(conn, statement)
    conn.execute(update(audit_head).where(audit_head.c.id == 1).values(seq=seq, entry_hash=digest))
    return entry_id


def chain(conn: Connection) -> tuple[list[ChainedEntry], tuple[int, str] | None]:
    """Every entry as the chain covers it, and the recorded head (seq, hash)."""
    rows = conn.execute(select(audit_log).order_by(audit_log.c.id)).all()
    entries = [
        ChainedEntry(
            r.id, r.seq, r.at, r.actor, r.action, r.subject, r.details_json, r.prev_hash,
            r.entry_hash,
        )
        for r in rows
    ]  # fmt: skip
    head = conn.execute(
        select(audit_head.c.seq, audit_head.c.entry_hash).where(audit_head.c.id == 1)
    ).first()
    return entries, (head.seq, head.entry_hash) if head is not None else None


def entries(
    conn: Connection,
    action: str | None,
    subject: str | None,
    limit: int | None,
    actor: str | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
) -> list[AuditEntry]:
    """Oldest first; with ``limit``, the newest ``limit`` entries; ``until`` is exclusive."""
    query = select(audit_log).order_by(audit_log.c.id.desc())
    if action is not None:
        query = query.where(audit_log.c.action == action)
    if subject is not None:
        query = query.where(audit_log.c.subject == subject)
    if actor is not None:
        query = query.where(audit_log.c.actor == actor)
    if since is not None:
        query = query.where(audit_log.c.at >= since)
    if until is not None:
        query = query.where(audit_log.c.at < until)
    if limit is not None:
        query = query.limit(limit)
    rows = list(conn.execute(query))
    return [
        AuditEntry(r.id, r.at, r.actor, r.action, r.subject, r.details_json) for r in reversed(rows)
    ]


def read_meta(conn: Connection) -> dict[str, str]:
    return dict(conn.execute(select(meta.c.key, meta.c.value)).all())


def write_meta(conn: Connection, values: Mapping[str, str]) -> None:
    taken = conn.execute(select(meta.c.key).where(meta.c.key.in_(list(values)))).scalars()
    if clash := sorted(taken):
        raise ConflictError(f"workspace facts {clash} are already recorded; not changed")
    conn.execute(insert(meta), [{"key": k, "value": v} for k, v in values.items()])


def add_trace(
    conn: Connection,
    *,
    at: datetime,
    input_name: str,
    input_sha256: str,
    verdict: str,
    result_json: str,
    actor: str,
) -> int:
    statement = insert(traces).values(
        created_at=at,
        input_name=input_name,
        input_sha256=input_sha256,
        verdict=verdict,
        result_json=result_json,
        actor=actor,
    )
    return _bulk.inserted_id(conn, statement)


def traces_list(conn: Connection, limit: int) -> list[TraceRecord]:
    query = select(traces).order_by(traces.c.id.desc()).limit(limit)
    rows = conn.execute(query).all()
    return [
        TraceRecord(
            row.id,
            row.created_at,
            row.input_name,
            row.input_sha256,
            row.verdict,
            row.result_json,
            row.actor,
        )
        for row in reversed(rows)
    ]


def trace(conn: Connection, trace_id: int) -> TraceRecord:
    row = conn.execute(select(traces).where(traces.c.id == trace_id)).first()
    if row is None:
        raise NotFoundError(f"no trace with id {trace_id}; it may belong to another workspace")
    return TraceRecord(
        row.id, row.created_at, row.input_name, row.input_sha256, row.verdict,
        row.result_json, row.actor,
    )  # fmt: skip
