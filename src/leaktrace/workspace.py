"""A workspace: one folder of data (the database) plus, elsewhere, the secret key that goes with it.

:func:`init_workspace` creates both and ties them together: the database records the workspace's
uuid and the key's fingerprint, so :func:`open_workspace` refuses a key from another workspace
before it can mark or trace anything with it. The key lives outside the folder (see
:func:`leaktrace.keys.default_key_path`): a copy of the data is useless to whoever steals it.

Example:
    >>> import tempfile, pathlib
    >>> root = pathlib.Path(tempfile.mkdtemp())
    >>> ws = init_workspace(root / "ws", key_file=root / "keys" / "ws.key")
    >>> ws.close()
    >>> with open_workspace(root / "ws", key_file=root / "keys" / "ws.key") as again:
    ...     again.uuid == ws.uuid
    True
"""

from __future__ import annotations

import os
import uuid as uuidlib
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

from leaktrace.errors import ConflictError, SecretKeyError, WorkspaceError
from leaktrace.keys import SecretKey, default_key_path
from leaktrace.store import Clock, Store, utc_now

DATABASE_FILE = "leaktrace.db"
META_UUID = "workspace_uuid"
META_FINGERPRINT = "key_fingerprint"
META_CREATED = "created_at"


def default_database_url(home: Path) -> str:
    """SQLite in ``<home>/leaktrace.db``: the default of ``LEAKTRACE_DATABASE_URL``."""
    return f"sqlite:///{Path(home).resolve() / DATABASE_FILE}"


@dataclass(frozen=True)
class Workspace:
    """An open workspace: its folder, store, key and uuid. Close it (or use ``with``) when done.

    Example:
        >>> def count(ws: Workspace) -> int:
        ...     return ws.store.count_recipients()
    """

    home: Path
    store: Store
    key: SecretKey
    uuid: str
    key_file: Path

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> Workspace:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()


def init_workspace(
    home: Path,
    key_file: Path | None = None,
    database_url: str | None = None,
    clock: Clock = utc_now,
    actor: str = "leaktrace",
) -> Workspace:
    """Create a workspace in ``home`` with a new secret key.

    Steps: create ``home`` (0700), migrate the database to the newest schema, write the key
    (refusing to overwrite one), then record uuid, key fingerprint and creation time.

    Raises:
        WorkspaceError: a workspace already exists there, or the key file would sit inside
            ``home`` or already exists.
        SecretKeyError: the key file cannot be written.
        StoreError: the database cannot be created.
    """
    home = Path(home)
    url = database_url or default_database_url(home)
    if key_file is not None:
        _refuse_key_inside(Path(key_file), home)
    home.mkdir(mode=0o700, parents=True, exist_ok=True)
    store = Store.open(url, clock)
    try:
        store.migrate()
        if store.read_meta().get(META_UUID):
            raise WorkspaceError(
                f"a leaktrace workspace already exists in {home}; open it, or choose another "
                "folder with LEAKTRACE_HOME"
            )
        workspace_uuid = str(uuidlib.uuid4())
        path = Path(key_file) if key_file is not None else default_key_path(workspace_uuid)
        _refuse_key_inside(path, home)
        if path.exists():
            raise WorkspaceError(
                f"the key file {path} exists already; leaktrace never overwrites a key. Move it "
                "away or give another LEAKTRACE_KEY_FILE"
            )
        key = SecretKey.generate()
        key.save(path)
        try:
            store.write_meta(
                {
                    META_UUID: workspace_uuid,
                    META_FINGERPRINT: key.fingerprint(),
                    META_CREATED: clock().isoformat(),
                },
                actor=actor,
            )
        except ConflictError:
            path.unlink(missing_ok=True)
            raise WorkspaceError(
                f"another leaktrace initialised {home} at the same time; open that workspace"
            ) from None
        except BaseException:
            path.unlink(missing_ok=True)
            raise
    except BaseException:
        store.close()
        raise
    return Workspace(home, store, key, workspace_uuid, path)


def open_workspace(
    home: Path,
    key_file: Path | None = None,
    database_url: str | None = None,
    clock: Clock = utc_now,
) -> Workspace:
    """Open the workspace in ``home``, upgrading its schema, and load and check its key.

    Raises:
        WorkspaceError: no workspace there (the message names ``leaktrace init``).
        SecretKeyError: the key is missing, unreadable, readable by others, or not this
            workspace's.
    """
    home = Path(home)
    missing = WorkspaceError(
        f"no leaktrace workspace in {home}; create one with `leaktrace init`, or point "
        "LEAKTRACE_HOME at an existing workspace"
    )
    if database_url is None and not (home / DATABASE_FILE).is_file():
        raise missing
    store = Store.open(database_url or default_database_url(home), clock)
    try:
        store.migrate()
        facts = store.read_meta()
        workspace_uuid = facts.get(META_UUID)
        if not workspace_uuid:
            raise missing
        path = Path(key_file) if key_file is not None else default_key_path(workspace_uuid)
        key = SecretKey.load(path)
        if not key.matches(facts.get(META_FINGERPRINT, "")):
            raise SecretKeyError(str(path))
    except BaseException:
        store.close()
        raise
    return Workspace(home, store, key, workspace_uuid, path)


def _refuse_key_inside(key_file: Path, home: Path) -> None:
    key_dir = Path(os.path.abspath(key_file)).resolve()
    if key_dir.is_relative_to(Path(os.path.abspath(home)).resolve()):
        raise WorkspaceError(
            f"the key file {key_file} would sit inside the workspace {home}; keep the key "
            "elsewhere (the default is your user config folder) so a copy of the data never "
            "carries it"
        )
