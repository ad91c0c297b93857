"""The audit log's hash chain, on a real database: any change, deletion or reordering shows.

Tampering is done the way an insider with database access would: raw SQL, after dropping the
triggers that make the log append-only.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any

import pytest

from leaktrace.auditchain import GENESIS, ChainedEntry, entry_hash, verify_chain
from leaktrace.store import Store
from leaktrace.store.engine import create_engine_for
from leaktrace.store.migrate import upgrade
from leaktrace.workspace import DATABASE_FILE, Workspace


@contextmanager
def raw(workspace: Workspace) -> Iterator[Callable[[str], Any]]:
    """Execute raw SQL on the workspace's database with the append-only triggers removed."""
    url = workspace.store.url
    if url.startswith("postgresql"):
        import psycopg

        with psycopg.connect(
            url.replace("postgresql+psycopg://", "postgresql://"), autocommit=True
        ) as connection:
            connection.execute("DROP TRIGGER audit_log_append_only ON audit_log")
            yield connection.execute
    else:
        connection = sqlite3.connect(workspace.home / DATABASE_FILE, isolation_level=None)
        try:
            connection.execute("DROP TRIGGER audit_log_no_update")
            connection.execute("DROP TRIGGER audit_log_no_delete")
            yield connection.execute
        finally:
            connection.close()


def _fill(store: Store, n: int = 5) -> None:
    for i in range(n):
        store.audit("ann", "report.export", f"case {i}", {"pages": i})


def test_an_untouched_log_verifies_and_its_head_is_the_last_entry(workspace: Workspace) -> None:
    _fill(workspace.store)
    report = workspace.store.verify_audit()
    assert report.intact, report.problems
    assert report.entries == 6  # the workspace's creation, then five
    assert report.head_seq == 6
    again = workspace.store.verify_audit(expect=(report.head_seq, report.head_hash))
    assert again.intact
    _fill(workspace.store, 1)
    assert workspace.store.verify_audit(expect=(report.head_seq, report.head_hash)).intact


@pytest.mark.parametrize(
    ("tamper", "symptom"),
    [
        ("UPDATE audit_log SET actor = 'mallory' WHERE seq = 3", "changed after it was written"),
        ("UPDATE audit_log SET details_json = '{}' WHERE seq = 4", "changed after it was written"),
        ("DELETE FROM audit_log WHERE seq = 3", "deleted"),
        ("DELETE FROM audit_log WHERE seq = 6", "deleted from the end"),
        ("UPDATE audit_log SET seq = 100 + seq WHERE seq IN (2, 3)", "reordered"),
    ],
)
def test_tampering_is_detected(workspace: Workspace, tamper: str, symptom: str) -> None:
    _fill(workspace.store)
    assert workspace.store.verify_audit().intact
    with raw(workspace) as execute:
        if "100 + seq" in tamper:
            # Swap entries 2 and 3: each takes the other's position.
            execute("UPDATE audit_log SET seq = -seq WHERE seq IN (2, 3)")
            execute("UPDATE audit_log SET seq = 3 WHERE seq = -2")
            execute("UPDATE audit_log SET seq = 2 WHERE seq = -3")
        else:
            execute(tamper)
    report = workspace.store.verify_audit()
    assert not report.intact
    assert any(symptom in problem for problem in report.problems), report.problems


def test_a_rewrite_that_recomputes_every_hash_is_caught_by_a_recorded_head(
    workspace: Workspace,
) -> None:
    _fill(workspace.store)
    recorded = workspace.store.verify_audit()
    with raw(workspace) as execute:
        execute("DELETE FROM audit_log WHERE seq = 4")
        rows = execute(
            "SELECT id, seq, at, actor, action, subject, details_json FROM audit_log ORDER BY seq"
        ).fetchall()
        previous = GENESIS
        for position, (row_id, _seq, at, actor, action, subject, details) in enumerate(rows, 1):
            moment = at if isinstance(at, datetime) else datetime.fromisoformat(at)
            digest = entry_hash(previous, position, moment, actor, action, subject, details)
            execute(
                f"UPDATE audit_log SET seq = {position}, prev_hash = '{previous}', "
                f"entry_hash = '{digest}' WHERE id = {row_id}"
            )
            previous = digest
        execute(f"UPDATE audit_head SET seq = {len(rows)}, entry_hash = '{previous}'")
    assert workspace.store.verify_audit().intact  # a consistent forgery on its own...
    report = workspace.store.verify_audit(expect=(recorded.head_seq, recorded.head_hash))
    assert not report.intact  # ...but not against the head recorded outside the database
    assert any("rewritten" in p for p in report.problems)


def test_entries_written_before_the_chain_existed_are_chained_by_the_migration(
    tmp_path: Any,
) -> None:
    engine = create_engine_for(f"sqlite:///{tmp_path / 'old.db'}")
    from alembic import command

    from leaktrace.store.migrate import alembic_config

    config = alembic_config()
    with engine.connect() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "0001")
        for i in range(3):
            conn.exec_driver_sql(
                "INSERT INTO audit_log (at, actor, action, subject, details_json) VALUES "
                f"('2026-01-0{i + 1} 10:00:00.000000', 'ann', 'document.add', 'memo', '{{}}')"
            )
        conn.commit()
    upgrade(engine)
    store = Store(engine)
    report = store.verify_audit()
    assert report.intact and report.entries == 3, report.problems
    store.audit("bob", "trace.record", "leak.txt")
    assert store.verify_audit().entries == 4 and store.verify_audit().intact


def test_verify_chain_reports_an_entry_added_outside_the_chain() -> None:
    at = datetime(2026, 1, 1, tzinfo=UTC)
    first = entry_hash(GENESIS, 1, at, "ann", "a", "s", "{}")
    entries = [
        ChainedEntry(1, 1, at, "ann", "a", "s", "{}", GENESIS, first),
        ChainedEntry(2, None, at, "mallory", "a", "s", "{}", None, None),
    ]
    report = verify_chain(entries, (1, first))
    assert not report.intact
    assert "not in the chain" in report.problems[0]
