"""Shared fixtures: a deterministic clock, an isolated config folder, a fresh workspace.

``workspace`` gives an initialised workspace on ``tmp_path`` with its key in a separate
folder (as in real use) and a clock that ticks one second per call, so every timestamp is known.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from postgres import cluster, fresh_database, server_binaries

from leaktrace.store import Store
from leaktrace.workspace import Workspace, init_workspace

START = datetime(2026, 1, 1, 12, 0, 0, tzinfo=UTC)


class TickingClock:
    """A clock for tests: ``START``, then one second later at every call."""

    def __init__(self, start: datetime = START) -> None:
        self.now = start

    def __call__(self) -> datetime:
        current = self.now
        self.now += timedelta(seconds=1)
        return current


@pytest.fixture(autouse=True)
def _isolated_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Never let a test write a key into the real user config folder."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))


@pytest.fixture
def clock() -> TickingClock:
    return TickingClock()


@pytest.fixture
def key_file(tmp_path: Path) -> Path:
    return tmp_path / "keys" / "workspace.key"


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[str]:
    """A real PostgreSQL cluster on loopback for the session (skipped where none is installed)."""
    if server_binaries() is None:
        pytest.skip("PostgreSQL server binaries not installed (apt-get install postgresql)")
    with cluster() as url:
        yield url


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str | None:
    """``None`` (the workspace's default SQLite file) or a fresh PostgreSQL database."""
    if request.param == "sqlite":
        return None
    server: str = request.getfixturevalue("postgres_server")
    name = "t_" + "".join(c if c.isalnum() else "_" for c in request.node.name.lower())[:50]
    return fresh_database(server, f"{name}_{os.getpid()}")


@pytest.fixture
def workspace(
    tmp_path: Path, key_file: Path, clock: TickingClock, database_url: str | None
) -> Iterator[Workspace]:
    ws = init_workspace(tmp_path / "ws", key_file=key_file, database_url=database_url, clock=clock)
    try:
        yield ws
    finally:
        ws.close()


@pytest.fixture
def store(workspace: Workspace) -> Store:
    return workspace.store
