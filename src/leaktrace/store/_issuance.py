"""Issue batches and issuances (record-then-release) on an open connection.

Functions here run inside a transaction the caller owns and never commit. See
:meth:`leaktrace.store.Store.record_issuance` for the semantics.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from datetime import datetime
from typing import Any

import numpy as np
import numpy.typing as npt
from sqlalchemy import Connection, Row, and_, bindparam, case, func, insert, select, update

from leaktrace.errors import InputError, NotFoundError
from leaktrace.store import _bulk, _documents
from leaktrace.store._recipients import chunks, shown
from leaktrace.store.records import Issuance, IssueBatch, IssuePlan, ReceivedCopy
from leaktrace.store.tables import documents, issuances, issue_batches, versions

RECORDED = "recorded"
RELEASED = "released"


def pack(numbers: Sequence[int]) -> bytes:
    """Sorted recipient numbers as the ``issue_batches.recipients`` blob."""
    return np.asarray(numbers, dtype="<i8").tobytes()


def record(
    conn: Connection,
    *,
    version_id: int,
    numbers: Sequence[int],
    format: str,
    active_points_json: str,
    actor: str,
    now: datetime,
    channel: str = "file",
    resume: bool = True,
) -> IssuePlan:
    _documents.version(conn, version_id)
    if not numbers:
        raise InputError("no recipients to issue to; name recipients or a group that has members")
    packed = pack(numbers)
    digest = hashlib.sha256(packed).hexdigest()
    same_request = and_(
        issue_batches.c.version_id == version_id,
        issue_batches.c.format == format,
        issue_batches.c.channel == channel,
        issue_batches.c.active_points_json == active_points_json,
        issue_batches.c.recipient_count == len(numbers),
        issue_batches.c.recipients_sha256 == digest,
    )
    unfinished = (
        select(issue_batches.c.id)
        .where(same_request)
        .where(
            select(issuances.c.id)
            .where(issuances.c.batch_id == issue_batches.c.id, issuances.c.status == RECORDED)
            .exists()
        )
        .order_by(issue_batches.c.id.desc())
        .limit(1)
    )
    resumable = conn.execute(unfinished).scalar() if resume else None
    if resumable is not None:
        pending = (
            select(issuances.c.recipient_number)
            .where(issuances.c.batch_id == resumable, issuances.c.status == RECORDED)
            .order_by(issuances.c.recipient_number)
        )
        return IssuePlan(int(resumable), tuple(conn.execute(pending).scalars()), resumed=True)
    batch_id = _bulk.inserted_id(
        conn,
        insert(issue_batches).values(
            version_id=version_id,
            format=format,
            active_points_json=active_points_json,
            recipient_count=len(numbers),
            recipients_sha256=digest,
            recipients=packed,
            actor=actor,
            created_at=now,
            channel=channel,
        ),
    )
    statement = (
        insert(issuances)
        .inline()
        .values(
            batch_id=bindparam("p_batch"),
            version_id=bindparam("p_version"),
            status=bindparam("p_status"),
            recipient_number=bindparam("p_number"),
        )
    )
    constants = {"p_batch": batch_id, "p_version": version_id, "p_status": RECORDED}
    _bulk.executemany(conn, statement, ["p_number"], ((n,) for n in numbers), constants)
    return IssuePlan(batch_id, tuple(numbers), resumed=False)


def release(
    conn: Connection,
    batch_id: int,
    numbers: Sequence[int],
    paths: Sequence[str],
    now: datetime,
) -> int:
    if len(numbers) != len(paths):
        raise ValueError("mark_released() needs exactly one path per recipient number")
    _require_batch(conn, batch_id)
    present: set[int] = set()
    for chunk in chunks(numbers):
        query = select(issuances.c.recipient_number).where(
            issuances.c.batch_id == batch_id, issuances.c.recipient_number.in_(chunk)
        )
        present.update(conn.execute(query).scalars())
    unknown = [n for n in numbers if n not in present]
    if unknown:
        raise NotFoundError(
            f"recipient numbers {shown(unknown)} are not part of issue batch {batch_id}; "
            "release only the copies the batch recorded"
        )
    statement = (
        update(issuances)
        .where(
            issuances.c.batch_id == bindparam("p_batch"),
            issuances.c.recipient_number == bindparam("p_number"),
            issuances.c.status == bindparam("p_old_status"),
        )
        .values(
            status=bindparam("p_status"),
            released_at=bindparam("p_at"),
            path=bindparam("p_path"),
        )
    )
    constants = {
        "p_batch": batch_id,
        "p_old_status": RECORDED,
        "p_status": RELEASED,
        "p_at": _bulk.driver_value(conn, issuances.c.released_at, now),
    }
    rows = zip(numbers, paths, strict=True)
    _bulk.executemany(conn, statement, ["p_number", "p_path"], rows, constants)
    return len(numbers)


def _require_batch(conn: Connection, batch_id: int) -> None:
    if conn.execute(select(issue_batches.c.id).where(issue_batches.c.id == batch_id)).first():
        return
    raise NotFoundError(f"no issue batch {batch_id}; it may belong to another workspace")


def pending(conn: Connection, version_id: int) -> list[Issuance]:
    query = (
        select(issuances, issue_batches.c.created_at)
        .join(issue_batches, issue_batches.c.id == issuances.c.batch_id)
        .where(issuances.c.version_id == version_id, issuances.c.status == RECORDED)
        .order_by(issuances.c.batch_id, issuances.c.recipient_number)
    )
    return [_issuance(row) for row in conn.execute(query)]


def _issuance(row: Row[Any]) -> Issuance:
    return Issuance(
        batch_id=row.batch_id,
        version_id=row.version_id,
        recipient_number=row.recipient_number,
        status=row.status,
        created=row.created_at,
        released_at=row.released_at,
        path=row.path,
    )


def recipients_of_version(conn: Connection, version_id: int) -> npt.NDArray[np.int64]:
    """Every recipient with a recorded or released copy, sorted and distinct.

    Reads each batch's packed numbers (a few blobs) rather than one row per issuance: about
    20 ms instead of about a second for a million recipients.
    """
    query = select(issue_batches.c.recipients).where(issue_batches.c.version_id == version_id)
    arrays = [np.frombuffer(blob, dtype="<i8") for blob in conn.execute(query).scalars()]
    if not arrays:
        return np.zeros(0, dtype=np.int64)
    if len(arrays) == 1:
        return arrays[0].astype(np.int64)
    return np.unique(np.concatenate(arrays)).astype(np.int64)


def recipients_of_batch(conn: Connection, batch_id: int) -> npt.NDArray[np.int64]:
    query = select(issue_batches.c.recipients).where(issue_batches.c.id == batch_id)
    blob = conn.execute(query).scalar()
    if blob is None:
        raise NotFoundError(f"no issue batch {batch_id}; it may belong to another workspace")
    return np.frombuffer(blob, dtype="<i8").astype(np.int64)


def active_point_sets(conn: Connection, version_id: int) -> list[tuple[int, str]]:
    """(batch id, active points JSON) of every batch of a version: cheap, no row counts."""
    query = (
        select(issue_batches.c.id, issue_batches.c.active_points_json)
        .where(issue_batches.c.version_id == version_id)
        .order_by(issue_batches.c.id)
    )
    return [(int(row[0]), str(row[1])) for row in conn.execute(query)]


def batches(conn: Connection, version_id: int) -> list[IssueBatch]:
    released = func.sum(case((issuances.c.status == RELEASED, 1), else_=0))
    query = (
        select(
            *[c for c in issue_batches.c if c.name != "recipients"],
            func.count(issuances.c.id).label("n"),
            released.label("released"),
        )
        .join(issuances, issuances.c.batch_id == issue_batches.c.id, isouter=True)
        .where(issue_batches.c.version_id == version_id)
        .group_by(issue_batches.c.id)
        .order_by(issue_batches.c.id)
    )
    return [
        IssueBatch(
            id=row.id,
            version_id=row.version_id,
            format=row.format,
            active_points_json=row.active_points_json,
            actor=row.actor,
            created=row.created_at,
            recipients=row.n,
            released=int(row.released or 0),
            channel=row.channel,
        )
        for row in conn.execute(query)
    ]


def batch(conn: Connection, batch_id: int) -> IssueBatch:
    row = conn.execute(
        select(issue_batches.c.version_id).where(issue_batches.c.id == batch_id)
    ).first()
    if row is None:
        raise NotFoundError(f"no issue batch {batch_id}")
    return next(b for b in batches(conn, row.version_id) if b.id == batch_id)


def copies_of_recipient(
    conn: Connection, recipient_number: int, channel: str | None
) -> list[ReceivedCopy]:
    query = (
        select(
            issue_batches.c.id,
            issue_batches.c.version_id,
            documents.c.doc_id,
            versions.c.title,
            versions.c.number,
            issue_batches.c.channel,
            issue_batches.c.format,
            issuances.c.status,
            issue_batches.c.created_at,
        )
        .join(issue_batches, issue_batches.c.id == issuances.c.batch_id)
        .join(versions, versions.c.id == issue_batches.c.version_id)
        .join(documents, documents.c.id == versions.c.document_id)
        .where(issuances.c.recipient_number == recipient_number)
        .order_by(issue_batches.c.id.desc())
    )
    if channel is not None:
        query = query.where(issue_batches.c.channel == channel)
    return [ReceivedCopy(*row) for row in conn.execute(query)]
