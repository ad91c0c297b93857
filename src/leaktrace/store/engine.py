"""Create database engines with the settings leaktrace relies on.

On SQLite: foreign keys enforced, WAL journal (readers never block the writer), a busy timeout,
and real transactions. Python's ``sqlite3`` module opens transactions lazily and never for a
``SELECT``, which would let a read-then-write (the next version number, an issue to resume) race
with another process; here every transaction starts with an explicit ``BEGIN``, and write
transactions with ``BEGIN IMMEDIATE`` so they take the write lock before their first read.

Example:
    >>> engine = create_engine_for("sqlite://")
    >>> with engine.connect() as conn:
    ...     conn.exec_driver_sql("PRAGMA foreign_keys").scalar()
    1
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.exc import IntegrityError, OperationalError, SQLAlchemyError
from sqlalchemy.pool import ConnectionPoolEntry

from leaktrace.errors import ConflictError, LeaktraceError, StoreError

WRITE = "leaktrace_write"
"""Execution option marking a connection whose transaction will write."""

_BUSY_TIMEOUT_MS = 30_000


def create_engine_for(url: str) -> Engine:
    """An engine for ``url``; SQLite connections get the pragmas described above."""
    engine = create_engine(url)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_connect)
        event.listen(engine, "begin", _sqlite_begin)
    return engine


def _sqlite_connect(dbapi_connection: Any, record: ConnectionPoolEntry) -> None:
    # Take transaction control away from the driver; _sqlite_begin emits BEGIN itself.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute(f"PRAGMA busy_timeout = {_BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA journal_mode = WAL")
        # FULL, not NORMAL: in WAL mode NORMAL may lose the last commits on power loss, and an
        # issuance must be on disk before its copy exists (record, then release).
        cursor.execute("PRAGMA synchronous = FULL")
    finally:
        cursor.close()


def _sqlite_begin(conn: Connection) -> None:
    writes = conn.get_execution_options().get(WRITE, False)
    conn.exec_driver_sql("BEGIN IMMEDIATE" if writes else "BEGIN")


@contextmanager
def translate_errors(where: str) -> Iterator[None]:
    """Turn database exceptions into leaktrace errors that quote neither SQL nor parameters.

    ``where`` names the database (a URL with its password masked). Leaktrace errors pass through.
    """
    try:
        yield
    except LeaktraceError:
        raise
    except IntegrityError as exc:
        raise ConflictError(
            f"the database refused the change ({_reason(exc)}); nothing was written"
        ) from None
    except OperationalError as exc:
        raise StoreError(
            f"the database at {where} failed ({_reason(exc)}); nothing was written. If another "
            "leaktrace is busy writing, try again when it finishes"
        ) from None
    except SQLAlchemyError as exc:
        raise StoreError(
            f"the database at {where} failed ({_reason(exc)}); nothing was written"
        ) from None


def _reason(exc: SQLAlchemyError) -> str:
    """The driver's own message, first line only: never the statement or its parameters."""
    original = getattr(exc, "orig", None)
    text = str(original) if original is not None else ""
    return text.splitlines()[0] if text.strip() else type(exc).__name__
