from __future__ import annotations

import sqlite3
import stat
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest

from leaktrace.errors import SecretKeyError, WorkspaceError
from leaktrace.keys import SecretKey, default_key_path
from leaktrace.store.migrate import head_revision
from leaktrace.workspace import (
    DATABASE_FILE,
    META_CREATED,
    META_FINGERPRINT,
    META_UUID,
    Workspace,
    init_workspace,
    open_workspace,
)


@pytest.fixture
def database_url() -> None:
    """Workspace tests check the SQLite workspace folder itself: SQLite only."""
    return None


def test_workspace_init_records_uuid_fingerprint_and_time(tmp_path: Path, key_file: Path) -> None:
    created = datetime(2026, 3, 1, 9, 30, tzinfo=UTC)
    with init_workspace(tmp_path / "ws", key_file=key_file, clock=lambda: created) as ws:
        assert ws.store.read_meta() == {
            META_UUID: ws.uuid,
            META_FINGERPRINT: ws.key.fingerprint(),
            META_CREATED: "2026-03-01T09:30:00+00:00",
        }
        assert ws.store.schema_revision() == head_revision()
        (entry,) = ws.store.audit_entries()
        assert (entry.action, entry.at) == ("meta.write", created)


def test_workspace_init_keeps_key_outside_home(workspace: Workspace, key_file: Path) -> None:
    assert workspace.key_file == key_file
    assert not key_file.is_relative_to(workspace.home)
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert stat.S_IMODE(workspace.home.stat().st_mode) == 0o700
    assert SecretKey.load(key_file) == workspace.key


def test_workspace_sqlite_uses_wal_and_foreign_keys(workspace: Workspace) -> None:
    database = sqlite3.connect(workspace.home / DATABASE_FILE)
    try:
        assert database.execute("PRAGMA journal_mode").fetchone() == ("wal",)
    finally:
        database.close()


def test_workspace_default_key_path_is_user_config(
    tmp_path: Path, clock: Callable[[], datetime]
) -> None:
    with init_workspace(tmp_path / "ws", clock=clock) as ws:
        assert ws.key_file == default_key_path(ws.uuid)
        assert ws.key_file.is_relative_to(tmp_path / "xdg-config")
    with open_workspace(tmp_path / "ws") as again:
        assert again.key == ws.key


def test_workspace_init_refuses_existing_workspace(workspace: Workspace, tmp_path: Path) -> None:
    with pytest.raises(WorkspaceError, match="already exists"):
        init_workspace(workspace.home, key_file=tmp_path / "other" / "k.key")
    assert not (tmp_path / "other" / "k.key").exists()


def test_workspace_init_refuses_key_inside_home(tmp_path: Path) -> None:
    with pytest.raises(WorkspaceError, match="inside the workspace"):
        init_workspace(tmp_path / "ws", key_file=tmp_path / "ws" / "keys" / "k.key")
    assert not (tmp_path / "ws").exists()


def test_workspace_init_refuses_existing_key_file(tmp_path: Path) -> None:
    key_file = tmp_path / "k.key"
    key_file.write_text("precious")
    with pytest.raises(WorkspaceError, match="never overwrites"):
        init_workspace(tmp_path / "ws", key_file=key_file)
    assert key_file.read_text() == "precious"


def test_workspace_open_missing_names_init(tmp_path: Path) -> None:
    with pytest.raises(WorkspaceError, match="`leaktrace init`"):
        open_workspace(tmp_path / "nowhere")


def test_workspace_open_loads_and_verifies_key(workspace: Workspace, key_file: Path) -> None:
    with open_workspace(workspace.home, key_file=key_file) as again:
        assert (again.uuid, again.key) == (workspace.uuid, workspace.key)
        assert again.store.count_recipients() == 0


def test_workspace_open_detects_wrong_key(workspace: Workspace, tmp_path: Path) -> None:
    other = tmp_path / "elsewhere" / "other.key"
    SecretKey.generate().save(other)
    with pytest.raises(SecretKeyError) as wrong:
        open_workspace(workspace.home, key_file=other)
    with pytest.raises(SecretKeyError) as missing:
        open_workspace(workspace.home, key_file=tmp_path / "elsewhere" / "absent.key")
    assert str(wrong.value) == str(missing.value).replace("absent.key", "other.key")


def test_workspace_open_refuses_readable_key(workspace: Workspace, key_file: Path) -> None:
    key_file.chmod(0o644)
    with pytest.raises(SecretKeyError, match="chmod 600"):
        open_workspace(workspace.home, key_file=key_file)


def test_workspace_key_never_in_error_messages(workspace: Workspace, tmp_path: Path) -> None:
    material = workspace.key_file.read_text().split("\n")[1]
    assert len(material) == 64
    messages = []
    for action in (
        lambda: open_workspace(workspace.home, key_file=tmp_path / "absent.key"),
        lambda: init_workspace(workspace.home, key_file=tmp_path / "new.key"),
        lambda: workspace.key.save(workspace.key_file),
        lambda: SecretKey(bytes.fromhex(material)[:31]),
    ):
        with pytest.raises(WorkspaceError) as caught:
            action()
        messages.append(str(caught.value))
    workspace.key_file.chmod(0o644)
    with pytest.raises(SecretKeyError) as caught:
        open_workspace(workspace.home, key_file=workspace.key_file)
    messages.append(str(caught.value))
    for message in messages:
        assert material not in message
        assert material[:16] not in message
