"""The distribution ledger: who received which version of which document, when, and how.

One CSV row per copy issued, so that it can be lined up with print, email and access logs:
the document, the version and its SHA-256, the batch, the channel (file, zip, email, portal),
the recipient, when the copy was recorded and when it was released (written, sent or opened), and
for emailed copies the delivery's outcome. Times are UTC, ISO 8601. A cell that a spreadsheet would
read as a formula (starting with = + - @) is written with a leading apostrophe.

Example:
    >>> from leaktrace.store import Store
    >>> store = Store.open("sqlite://"); store.migrate()
    >>> ledger_csv(store).splitlines()[0].split(",")[:4]
    ['document', 'version', 'version_sha256', 'batch']
"""

from __future__ import annotations

import csv
import io
from datetime import datetime
from pathlib import Path

from leaktrace.errors import OutputError
from leaktrace.store import LedgerRow, Store

COLUMNS = (
    "document",
    "version",
    "version_sha256",
    "batch",
    "channel",
    "format",
    "recipient_id",
    "recipient_name",
    "recipient_email",
    "recorded_at",
    "released_at",
    "status",
    "location",
    "issued_by",
    "delivery_status",
    "delivery_address",
    "delivery_attempts",
    "delivery_message_id",
    "delivery_updated_at",
)


def ledger_csv(store: Store, doc_id: str | None = None) -> str:
    """The ledger (of one document, or of all) as CSV text.

    Raises:
        NotFoundError: no such document.
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COLUMNS)
    for row in store.distribution_ledger(doc_id):
        writer.writerow(_cells(row))
    return buffer.getvalue()


def write_ledger(store: Store, out: Path, doc_id: str | None = None) -> int:
    """Write the ledger to ``out``; returns the number of copies listed.

    Raises:
        NotFoundError: no such document.
        OutputError: the file cannot be written.
    """
    text = ledger_csv(store, doc_id)
    try:
        out.write_text(text, encoding="utf-8")
    except OSError as error:
        raise OutputError(f"cannot write {out} ({error.strerror}); choose another --out") from None
    return text.count("\n") - 1


def _cells(row: LedgerRow) -> list[str]:
    return [_inert(cell) for cell in _values(row)]


def _inert(cell: str) -> str:
    """A cell a spreadsheet will not run as a formula (a leading ' before = + - @)."""
    return "'" + cell if cell[:1] in ("=", "+", "-", "@") else cell


def _values(row: LedgerRow) -> list[str]:
    return [
        row.doc_id,
        str(row.version),
        row.version_sha256,
        str(row.batch_id),
        row.channel,
        row.format,
        row.recipient_id,
        row.recipient_name,
        row.recipient_email,
        _time(row.recorded),
        _time(row.released),
        row.status,
        row.location or "",
        row.issued_by,
        row.delivery_status or "",
        row.delivery_address or "",
        "" if row.delivery_attempts is None else str(row.delivery_attempts),
        row.delivery_message_id or "",
        _time(row.delivery_updated),
    ]


def _time(value: datetime | None) -> str:
    return "" if value is None else value.isoformat(timespec="seconds")
