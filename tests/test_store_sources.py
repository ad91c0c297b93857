"""The original file of a version (DOCX, PDF, page, e-mail) is stored with it, on every backend."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import inspect

from leaktrace.errors import ConflictError, NotFoundError
from leaktrace.store import SourceFile, Store
from leaktrace.store.engine import create_engine_for
from leaktrace.store.migrate import alembic_config, current_revision, head_revision, upgrade

DOCX = SourceFile(
    "memo.docx",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    '{"parts":["/word/document.xml"],"paragraphs":[[0,0,0,0,20]]}',
    b"PK\x03\x04" + bytes(range(256)) * 40,
)


def _add(store: Store, text: str, source: SourceFile | None) -> int:
    version = store.add_document("memo", "Memo", text, "md", "en-GB", "[]", [(1, 0)], source=source)
    return version.id


def test_store_sources_round_trip_bytes_exactly(store: Store) -> None:
    with_source = _add(store, "The board met today.", DOCX)
    without = _add(store, "The board met again.", None)
    assert store.version_source(with_source) == DOCX
    assert store.version_source(without) is None
    added = store.audit_entries(action="document.add")
    assert [json.loads(e.details_json).get("source") for e in added] == ["memo.docx", None]


def test_store_sources_unknown_version_is_not_found(store: Store) -> None:
    with pytest.raises(NotFoundError, match="no document version with id 99"):
        store.version_source(99)


def test_store_sources_are_written_with_the_version_or_not_at_all(store: Store) -> None:
    _add(store, "The board met today.", DOCX)
    with pytest.raises(ConflictError, match="already has exactly this text"):
        _add(store, "The board met today.", DOCX)
    assert len(store.get_document("memo").versions) == 1


def test_store_sources_migration_adds_the_table_to_an_existing_workspace(tmp_path: Path) -> None:
    engine = create_engine_for(f"sqlite:///{tmp_path / 'old.db'}")
    config = alembic_config()
    with engine.connect() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "0003")
        conn.commit()
    assert "version_sources" not in inspect(engine).get_table_names()
    upgrade(engine)
    assert current_revision(engine) == head_revision()
    columns = {c["name"] for c in inspect(engine).get_columns("version_sources")}
    assert columns == {"version_id", "filename", "media_type", "structure_json", "data"}
    engine.dispose()
