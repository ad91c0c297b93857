"""Cases, their investigators, items and verdicts, and the distribution ledger, on a connection.

Functions here run inside a transaction the caller owns and never commit. Items and verdicts are
only ever inserted (the database refuses UPDATE and DELETE on them, see migration 0003); a case's
items are numbered 1, 2, 3... in the order they were added, and verdict ``n`` is the verdict over
items ``1..n``. Access decisions (who may see a case) are made by :mod:`leaktrace.cases`.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Connection, Row, func, insert, select

from leaktrace.errors import ConflictError, NotFoundError
from leaktrace.store import _bulk
from leaktrace.store.records import CaseItemRecord, CaseRecord, CaseVerdictRecord, LedgerRow
from leaktrace.store.tables import (
    case_investigators,
    case_items,
    case_verdicts,
    cases,
    deliveries,
    documents,
    issuances,
    issue_batches,
    recipients,
    versions,
)

OPEN = "open"


def create(
    conn: Connection,
    *,
    name: str,
    purpose: str,
    authorised_by: str,
    created_by: str,
    now: datetime,
) -> int:
    taken = conn.execute(select(cases.c.id).where(cases.c.name == name)).first()
    if taken is not None:
        raise ConflictError(
            f"a case named {name!r} already exists; choose another name, or add items to it "
            f"with `leaktrace case add {name} FILE`"
        )
    statement = insert(cases).values(
        name=name,
        purpose=purpose,
        authorised_by=authorised_by,
        created_by=created_by,
        created_at=now,
        status=OPEN,
    )
    return _bulk.inserted_id(conn, statement)


def case_id(conn: Connection, name: str) -> int:
    """Raises: NotFoundError naming the case."""
    found = conn.execute(select(cases.c.id).where(cases.c.name == name)).scalar()
    if found is None:
        raise NotFoundError(f"no case named {name!r}; list the cases with `leaktrace case list`")
    return int(found)


def case(conn: Connection, name: str) -> CaseRecord:
    """Raises: NotFoundError."""
    row = conn.execute(select(cases).where(cases.c.name == name)).first()
    if row is None:
        raise NotFoundError(f"no case named {name!r}; list the cases with `leaktrace case list`")
    return _case_record(conn, row)


def listing(conn: Connection, username: str | None) -> list[CaseRecord]:
    """Every case (``username=None``), or those ``username`` is assigned to; oldest first."""
    query = select(cases).order_by(cases.c.id)
    if username is not None:
        assigned = select(case_investigators.c.case_id).where(
            case_investigators.c.username == username
        )
        query = query.where(cases.c.id.in_(assigned))
    return [_case_record(conn, row) for row in conn.execute(query).all()]


def _case_record(conn: Connection, row: Row[tuple[object, ...]]) -> CaseRecord:
    names = conn.execute(
        select(case_investigators.c.username)
        .where(case_investigators.c.case_id == row.id)
        .order_by(case_investigators.c.id)
    ).scalars()
    count = conn.execute(
        select(func.count()).select_from(case_items).where(case_items.c.case_id == row.id)
    ).scalar()
    return CaseRecord(
        id=row.id,
        name=row.name,
        purpose=row.purpose,
        authorised_by=row.authorised_by,
        created_by=row.created_by,
        created=row.created_at,
        status=row.status,
        investigators=tuple(names),
        items=int(count or 0),
    )


def assign(conn: Connection, case: int, username: str, added_by: str, now: datetime) -> bool:
    """Assign ``username`` to the case; ``False`` if they already were (nothing changes)."""
    exists = conn.execute(
        select(case_investigators.c.id).where(
            case_investigators.c.case_id == case, case_investigators.c.username == username
        )
    ).first()
    if exists is not None:
        return False
    conn.execute(
        insert(case_investigators).values(
            case_id=case, username=username, added_by=added_by, added_at=now
        )
    )
    return True


def next_seq(conn: Connection, case: int) -> int:
    current = conn.execute(
        select(func.max(case_items.c.seq)).where(case_items.c.case_id == case)
    ).scalar()
    return int(current or 0) + 1


def item_with_hash(conn: Connection, case: int, sha256: str) -> int | None:
    """The number of the case's item with this content hash, if any."""
    found = conn.execute(
        select(case_items.c.seq).where(
            case_items.c.case_id == case, case_items.c.content_sha256 == sha256
        )
    ).scalar()
    return None if found is None else int(found)


def add_item(
    conn: Connection,
    *,
    case: int,
    seq: int,
    input_name: str,
    content_sha256: str,
    content: bytes,
    source: str,
    added_by: str,
    now: datetime,
    evidence_json: str,
    trace_result_json: str,
) -> None:
    conn.execute(
        insert(case_items).values(
            case_id=case,
            seq=seq,
            input_name=input_name,
            content_sha256=content_sha256,
            content=content,
            source=source,
            added_by=added_by,
            added_at=now,
            evidence_json=evidence_json,
            trace_result_json=trace_result_json,
        )
    )


def add_verdict(
    conn: Connection, *, case: int, after_seq: int, verdict: str, result_json: str, now: datetime
) -> None:
    conn.execute(
        insert(case_verdicts).values(
            case_id=case, after_seq=after_seq, verdict=verdict, result_json=result_json, at=now
        )
    )


def items(conn: Connection, case: int) -> list[CaseItemRecord]:
    rows = conn.execute(
        select(case_items).where(case_items.c.case_id == case).order_by(case_items.c.seq)
    ).all()
    return [
        CaseItemRecord(
            case_id=r.case_id,
            seq=r.seq,
            input_name=r.input_name,
            content_sha256=r.content_sha256,
            content=bytes(r.content),
            source=r.source,
            added_by=r.added_by,
            added=r.added_at,
            evidence_json=r.evidence_json,
            trace_result_json=r.trace_result_json,
        )
        for r in rows
    ]


def verdicts(conn: Connection, case: int) -> list[CaseVerdictRecord]:
    rows = conn.execute(
        select(case_verdicts)
        .where(case_verdicts.c.case_id == case)
        .order_by(case_verdicts.c.after_seq)
    ).all()
    return [CaseVerdictRecord(r.case_id, r.after_seq, r.verdict, r.result_json, r.at) for r in rows]


def ledger(conn: Connection, doc_id: str | None) -> list[LedgerRow]:
    """Every issued copy (of one document, or of all), by document, version, batch, recipient."""
    query = (
        select(
            documents.c.doc_id,
            versions.c.number.label("version"),
            versions.c.sha256,
            issue_batches.c.id.label("batch_id"),
            issue_batches.c.channel,
            issue_batches.c.format,
            issue_batches.c.actor,
            issue_batches.c.created_at,
            recipients.c.external_id,
            recipients.c.name,
            recipients.c.email,
            issuances.c.status,
            issuances.c.released_at,
            issuances.c.path,
            deliveries.c.status.label("delivery_status"),
            deliveries.c.address,
            deliveries.c.attempts,
            deliveries.c.message_id,
            deliveries.c.updated_at,
        )
        .select_from(issuances)
        .join(issue_batches, issue_batches.c.id == issuances.c.batch_id)
        .join(versions, versions.c.id == issuances.c.version_id)
        .join(documents, documents.c.id == versions.c.document_id)
        .join(recipients, recipients.c.number == issuances.c.recipient_number)
        .outerjoin(
            deliveries,
            (deliveries.c.batch_id == issuances.c.batch_id)
            & (deliveries.c.recipient_number == issuances.c.recipient_number),
        )
        .order_by(documents.c.doc_id, versions.c.number, issue_batches.c.id, recipients.c.number)
    )
    if doc_id is not None:
        known = conn.execute(select(documents.c.id).where(documents.c.doc_id == doc_id)).first()
        if known is None:
            raise NotFoundError(f"no document {doc_id!r}; list them with `leaktrace documents`")
        query = query.where(documents.c.doc_id == doc_id)
    return [
        LedgerRow(
            doc_id=r.doc_id,
            version=r.version,
            version_sha256=r.sha256,
            batch_id=r.batch_id,
            channel=r.channel,
            format=r.format,
            recipient_id=r.external_id,
            recipient_name=r.name,
            recipient_email=r.email,
            recorded=r.created_at,
            released=r.released_at,
            status=r.status,
            location=r.path,
            issued_by=r.actor,
            delivery_status=r.delivery_status,
            delivery_address=r.address,
            delivery_attempts=r.attempts,
            delivery_message_id=r.message_id,
            delivery_updated=r.updated_at,
        )
        for r in conn.execute(query).all()
    ]
