"""Deliveries: how each copy of a batch left by a channel (email), on an open connection.

Functions here run inside a transaction the caller owns and never commit. A delivery row is
created ``pending`` before anything is sent, becomes ``sent`` once the receiving server accepted
the message, or ``failed`` with the server's answer; ``attempts`` counts every try. See
:meth:`leaktrace.store.Store.queue_deliveries` for the semantics.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Row, bindparam, insert, select, update

from leaktrace.errors import InputError, NotFoundError
from leaktrace.store import _bulk
from leaktrace.store._recipients import chunks, shown
from leaktrace.store.records import DeliveryRecord
from leaktrace.store.tables import deliveries, issuances, issue_batches

PENDING = "pending"
SENT = "sent"
FAILED = "failed"
STATUSES = (PENDING, SENT, FAILED)


def queue(
    conn: Connection,
    batch_id: int,
    channel: str,
    addresses: Sequence[tuple[int, str]],
    now: datetime,
) -> int:
    """Add a pending row for each ``(recipient number, address)`` the batch has no row for yet.

    Returns how many rows were added: a resumed batch keeps its rows, and their history.
    """
    numbers = [number for number, _ in addresses]
    recorded = _recorded_numbers(conn, batch_id, numbers)
    unknown = [n for n in numbers if n not in recorded]
    if unknown:
        raise NotFoundError(
            f"recipient numbers {shown(unknown)} are not part of issue batch {batch_id}; "
            "deliver only the copies the batch recorded"
        )
    existing: set[int] = set()
    for chunk in chunks(numbers):
        query = select(deliveries.c.recipient_number).where(
            deliveries.c.batch_id == batch_id, deliveries.c.recipient_number.in_(chunk)
        )
        existing.update(conn.execute(query).scalars())
    new = [(number, address) for number, address in addresses if number not in existing]
    statement = (
        insert(deliveries)
        .inline()
        .values(
            batch_id=bindparam("p_batch"),
            recipient_number=bindparam("p_number"),
            channel=bindparam("p_channel"),
            address=bindparam("p_address"),
            status=bindparam("p_status"),
            attempts=bindparam("p_attempts"),
            updated_at=bindparam("p_at"),
        )
    )
    constants = {
        "p_batch": batch_id,
        "p_channel": channel,
        "p_status": PENDING,
        "p_attempts": 0,
        "p_at": _bulk.driver_value(conn, deliveries.c.updated_at, now),
    }
    return _bulk.executemany(conn, statement, ["p_number", "p_address"], new, constants)


def settle(
    conn: Connection,
    batch_id: int,
    recipient_number: int,
    *,
    status: str,
    address: str,
    now: datetime,
    message_id: str | None = None,
    error: str | None = None,
) -> DeliveryRecord:
    """Record the outcome of one attempt (``sent`` or ``failed``); returns the updated row.

    Raises:
        NotFoundError: the batch has no delivery for this recipient.
        InputError: the delivery was already sent (a copy is never sent twice).
    """
    current = delivery(conn, batch_id, recipient_number)
    if current.status == SENT:
        raise InputError(
            f"the copy of recipient {recipient_number} in batch {batch_id} was already sent "
            f"(message {current.message_id}); it is not sent twice"
        )
    conn.execute(
        update(deliveries)
        .where(
            deliveries.c.batch_id == batch_id,
            deliveries.c.recipient_number == recipient_number,
        )
        .values(
            status=status,
            address=address,
            attempts=deliveries.c.attempts + 1,
            last_error=error,
            message_id=message_id,
            updated_at=now,
        )
    )
    return delivery(conn, batch_id, recipient_number)


def delivery(conn: Connection, batch_id: int, recipient_number: int) -> DeliveryRecord:
    row = conn.execute(
        select(deliveries).where(
            deliveries.c.batch_id == batch_id,
            deliveries.c.recipient_number == recipient_number,
        )
    ).first()
    if row is None:
        raise NotFoundError(
            f"issue batch {batch_id} has no delivery for recipient {recipient_number}"
        )
    return _record(row)


def listing(
    conn: Connection, batch_id: int, statuses: Iterable[str] | None = None
) -> list[DeliveryRecord]:
    """The batch's deliveries by recipient number, optionally only those in ``statuses``."""
    _require_batch(conn, batch_id)
    query = select(deliveries).where(deliveries.c.batch_id == batch_id)
    if statuses is not None:
        wanted = sorted(set(statuses))
        bad = [s for s in wanted if s not in STATUSES]
        if bad:
            raise InputError(
                f"delivery status {', '.join(map(repr, bad))} is unknown; choose from "
                f"{', '.join(STATUSES)}"
            )
        query = query.where(deliveries.c.status.in_(wanted))
    query = query.order_by(deliveries.c.recipient_number)
    return [_record(row) for row in conn.execute(query)]


def _recorded_numbers(conn: Connection, batch_id: int, numbers: Sequence[int]) -> set[int]:
    _require_batch(conn, batch_id)
    present: set[int] = set()
    for chunk in chunks(numbers):
        query = select(issuances.c.recipient_number).where(
            issuances.c.batch_id == batch_id, issuances.c.recipient_number.in_(chunk)
        )
        present.update(conn.execute(query).scalars())
    return present


def _require_batch(conn: Connection, batch_id: int) -> None:
    if conn.execute(select(issue_batches.c.id).where(issue_batches.c.id == batch_id)).first():
        return
    raise NotFoundError(f"no issue batch {batch_id}; see `leaktrace audit --action issue.record`")


def _record(row: Row[Any]) -> DeliveryRecord:
    return DeliveryRecord(
        batch_id=row.batch_id,
        recipient_number=row.recipient_number,
        channel=row.channel,
        address=row.address,
        status=row.status,
        attempts=row.attempts,
        last_error=row.last_error,
        message_id=row.message_id,
        updated=row.updated_at,
    )
