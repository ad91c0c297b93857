from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import numpy as np
import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect

from leaktrace.errors import ConflictError, InputError, NotFoundError
from leaktrace.store import RecipientRow, Store, VersionRecord
from leaktrace.store.engine import create_engine_for
from leaktrace.store.migrate import current_revision, head_revision, upgrade
from leaktrace.store.tables import metadata
from leaktrace.workspace import DATABASE_FILE, Workspace

ANN = RecipientRow("ann", "Ann Archer", "ann@example.org", ("board", "legal"))
BOB = RecipientRow("bob", "Bob Baker", "bob@example.org", ("board",))
CAT = RecipientRow("cat", "Cat Cole", "cat@example.org", ())


def _add(store: Store, text: str = "The board met today.", doc_id: str = "memo") -> VersionRecord:
    return store.add_document(doc_id, "Memo", text, "txt", "en-GB", "{}", [(-(2**63), 0), (7, 1)])


def test_store_migrations_create_every_table_from_empty_db(tmp_path: Path) -> None:
    engine = create_engine_for(f"sqlite:///{tmp_path / 'empty.db'}")
    assert current_revision(engine) is None
    upgrade(engine)
    upgrade(engine)  # a second run is a no-op
    assert current_revision(engine) == head_revision()
    assert set(metadata.tables) <= set(inspect(engine).get_table_names())
    with engine.connect() as conn:
        assert compare_metadata(MigrationContext.configure(conn), metadata) == []
    engine.dispose()


def test_store_upsert_creates_then_updates_without_duplicates(store: Store) -> None:
    assert store.upsert_recipients([ANN, BOB]) == (2, 0)
    numbers = store.recipient_numbers_by_external_id()
    renamed = RecipientRow("ann", "Ann Archer-Smith", "ann@example.org", ("legal",))
    assert store.upsert_recipients([renamed, BOB, CAT]) == (1, 1)
    assert store.count_recipients() == 3
    assert store.recipient_numbers_by_external_id(["ann", "bob"]) == numbers
    ann, bob, cat = store.all_recipients()
    assert (ann.name, ann.groups) == ("Ann Archer-Smith", ("legal",))
    assert bob.groups == ("board",)
    assert cat.number == 3


def test_store_upsert_without_groups_keeps_groups(store: Store) -> None:
    store.upsert_recipients([ANN])
    store.upsert_recipients([RecipientRow("ann", "Ann", "ann@example.org", None)])
    assert store.recipients_by_external_ids(["ann"])[0].groups == ("board", "legal")


def test_store_upsert_duplicate_ids_writes_nothing(store: Store) -> None:
    audit_before = len(store.audit_entries())
    with pytest.raises(ConflictError, match="'ann'"):
        store.upsert_recipients([ANN, BOB, ANN])
    assert store.count_recipients() == 0
    assert len(store.audit_entries()) == audit_before


def test_store_list_recipients_by_group_and_search(store: Store) -> None:
    store.upsert_recipients([ANN, BOB, CAT])
    assert [r.external_id for r in store.recipients_in_group("legal")] == ["ann"]
    assert [r.external_id for r in store.list_recipients(group="board")] == ["ann", "bob"]
    assert [r.external_id for r in store.list_recipients(search="BAKER")] == ["bob"]
    assert [r.external_id for r in store.list_recipients(search="%")] == []
    with pytest.raises(NotFoundError, match=r"no group 'staff'.*'board', 'legal'"):
        store.recipients_in_group("staff")


def test_store_recipients_by_ids_and_numbers_name_unknown(store: Store) -> None:
    store.upsert_recipients([ANN, BOB])
    assert [r.external_id for r in store.recipients_by_external_ids(["bob", "ann"])] == [
        "bob",
        "ann",
    ]
    assert [r.external_id for r in store.recipients_by_numbers([2, 1])] == ["bob", "ann"]
    with pytest.raises(NotFoundError, match="'zed', 'yan'"):
        store.recipients_by_external_ids(["ann", "zed", "yan"])
    with pytest.raises(NotFoundError, match="99"):
        store.recipients_by_numbers([1, 99])


def test_store_bulk_add_recipients(store: Store) -> None:
    store.upsert_recipients([ANN])
    numbers = store.bulk_add_recipients(1000, prefix="b-")
    assert numbers == list(range(2, 1002))
    assert store.count_recipients() == 1001
    assert store.recipient_numbers_by_external_id(["b-0000001"]) == {"b-0000001": 2}
    with pytest.raises(ConflictError, match="prefix"):
        store.bulk_add_recipients(5, prefix="b-")


def test_store_documents_versions_and_conflict(store: Store) -> None:
    first = _add(store)
    assert (first.doc_id, first.number, first.format) == ("memo", 1, "txt")
    second = _add(store, "The board met yesterday.")
    assert second.number == 2
    with pytest.raises(ConflictError, match="version 2 already has exactly this text"):
        _add(store, "The board met yesterday.")
    document = store.get_document("memo")
    assert [v.number for v in document.versions] == [1, 2]
    assert document.latest.id == second.id
    assert store.latest_version("memo") == second
    assert store.get_version(first.id) == first
    assert [d.doc_id for d in store.list_documents()] == ["memo"]
    assert store.count_shingles(second.id) == 2


def test_store_documents_refuse_bad_input(store: Store) -> None:
    with pytest.raises(InputError, match="format 'pdf'"):
        store.add_document("memo", "Memo", "x", "pdf", "en-GB", "{}", [])
    with pytest.raises(NotFoundError, match="no document 'memo'"):
        store.latest_version("memo")
    with pytest.raises(NotFoundError, match="no document version with id 9"):
        store.get_version(9)
    assert store.list_documents() == []


def test_store_vetoes_last_action_wins(store: Store) -> None:
    version = _add(store)
    store.set_veto(version.id, "synonym:4", True, "ann")
    store.set_veto(version.id, "comma:9", True, "ann")
    store.set_veto(version.id, "synonym:4", False, "bob")
    assert store.vetoed_keys(version.id) == {"comma:9"}
    actions = [e.action for e in store.audit_entries(subject="synonym:4")]
    assert actions == ["point.veto", "point.restore"]


def test_store_shingle_lookup_handles_extremes_and_many_hashes(store: Store) -> None:
    rows = [(h, i) for i, h in enumerate(range(-5000, 5000, 2))] + [(2**63 - 1, 99_999)]
    version = store.add_document("big", "Big", "text", "md", "en-US", "{}", rows)
    first = _add(store)
    hits = store.versions_for_shingles([-(2**63), 2**63 - 1, 7, 7, 12345])
    assert hits == [(-(2**63), first.id, 0), (7, first.id, 1), (2**63 - 1, version.id, 99_999)]
    many = store.versions_for_shingles(range(-5000, 5000))
    assert len([h for h in many if h[1] == version.id]) == len(rows) - 1


def test_store_record_then_release_and_rerun_without_duplicates(store: Store) -> None:
    store.upsert_recipients([ANN, BOB, CAT])
    version = _add(store)
    plan = store.record_issuance(version.id, [3, 1, 2, 1], "txt", "[]", "ann")
    assert (plan.to_write, plan.resumed) == ((1, 2, 3), False)
    assert [i.recipient_number for i in store.pending_issuances(version.id)] == [1, 2, 3]
    assert store.mark_released(plan.batch_id, [1], ["out/ann.txt"]) == 1
    # interrupted here: the rerun resumes the same batch and writes only what is missing
    again = store.record_issuance(version.id, [1, 2, 3], "txt", "[]", "ann")
    assert (again.batch_id, again.to_write, again.resumed) == (plan.batch_id, (2, 3), True)
    store.mark_released(again.batch_id, [2, 3], ["out/bob.txt", "out/cat.txt"])
    store.mark_released(again.batch_id, [1], ["elsewhere.txt"])  # idempotent
    assert store.pending_issuances(version.id) == []
    (batch,) = store.issuance_batches_of_version(version.id)
    assert (batch.recipients, batch.released, batch.complete) == (3, 3, True)
    # a completed issue run again is a deliberate new batch
    fresh = store.record_issuance(version.id, [1, 2, 3], "txt", "[]", "ann")
    assert fresh.batch_id != plan.batch_id and not fresh.resumed
    assert store.recipients_of_version(version.id).tolist() == [1, 2, 3]
    actions = [e.action for e in store.audit_entries() if e.action.startswith("issue.")]
    assert actions[:3] == ["issue.record", "issue.release", "issue.resume"]


def test_store_record_issuance_differs_by_format_and_points(store: Store) -> None:
    store.upsert_recipients([ANN, BOB])
    version = _add(store)
    first = store.record_issuance(version.id, [1, 2], "txt", "[]")
    assert store.record_issuance(version.id, [1, 2], "md", "[]").batch_id != first.batch_id
    other_points = store.record_issuance(version.id, [1, 2], "txt", '["a"]')
    assert other_points.batch_id != first.batch_id
    assert store.record_issuance(version.id, [1], "txt", "[]").batch_id != first.batch_id
    assert store.recipients_of_batch(first.batch_id).tolist() == [1, 2]


def test_store_record_issuance_unknown_recipient_records_nothing(store: Store) -> None:
    store.upsert_recipients([ANN])
    version = _add(store)
    with pytest.raises(NotFoundError, match="no recipient with number 42"):
        store.record_issuance(version.id, [1, 42], "txt", "[]")
    with pytest.raises(NotFoundError, match="no document version"):
        store.record_issuance(version.id + 1, [1], "txt", "[]")
    with pytest.raises(InputError, match="no recipients"):
        store.record_issuance(version.id, [], "txt", "[]")
    assert store.issuance_batches_of_version(version.id) == []
    assert store.recipients_of_version(version.id).size == 0


def test_store_mark_released_refuses_unknown(store: Store) -> None:
    store.upsert_recipients([ANN, BOB])
    version = _add(store)
    plan = store.record_issuance(version.id, [1], "txt", "[]")
    with pytest.raises(NotFoundError, match="not part of issue batch"):
        store.mark_released(plan.batch_id, [1, 2], ["a", "b"])
    with pytest.raises(NotFoundError, match="no issue batch 77"):
        store.mark_released(77, [1], ["a"])
    assert len(store.pending_issuances(version.id)) == 1


def test_store_recipients_of_version_100k(store: Store) -> None:
    numbers = store.bulk_add_recipients(100_000)
    version = _add(store)
    store.record_issuance(version.id, numbers[:60_000], "txt", "[]")
    store.record_issuance(version.id, numbers[40_000:], "md", "[]")
    other = _add(store, "Another text.", doc_id="other")
    store.record_issuance(other.id, numbers[:10], "txt", "[]")
    got = store.recipients_of_version(version.id)
    assert got.dtype == np.int64
    assert np.array_equal(got, np.array(numbers, dtype=np.int64))
    assert store.recipients_of_version(other.id).tolist() == numbers[:10]


def test_store_traces_round_trip(store: Store) -> None:
    trace_id = store.record_trace("leak.txt", "ab" * 32, "identified", json.dumps({"a": 1}), "ann")
    trace = store.get_trace(trace_id)
    assert (trace.input_name, trace.verdict, trace.actor) == ("leak.txt", "identified", "ann")
    assert trace.created.tzinfo is not None
    with pytest.raises(NotFoundError):
        store.get_trace(trace_id + 1)


def test_store_audit_is_append_only(workspace: Workspace) -> None:
    store = workspace.store
    entry_id = store.audit("ann", "report.export", "memo", {"pages": 3})
    (entry,) = store.audit_entries(action="report.export")
    assert (entry.id, json.loads(entry.details_json)) == (entry_id, {"pages": 3})
    assert [e.id for e in store.audit_entries(limit=1)] == [entry_id]
    statements = ("UPDATE audit_log SET actor = 'mallory'", "DELETE FROM audit_log")
    if store.url.startswith("postgresql"):
        import psycopg

        url = store.url.replace("postgresql+psycopg://", "postgresql://")
        with psycopg.connect(url, autocommit=True) as connection:
            for statement in statements:
                with pytest.raises(psycopg.errors.RaiseException, match="append-only"):
                    connection.execute(statement)
    else:
        database = sqlite3.connect(workspace.home / DATABASE_FILE)
        try:
            for statement in statements:
                with pytest.raises(sqlite3.DatabaseError, match="append-only"):
                    database.execute(statement)
        finally:
            database.close()
    assert store.audit_entries(action="report.export") == [entry]
