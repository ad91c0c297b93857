"""The workspace's secret key: 32 random bytes that decide every copy's choices.

Whoever holds the key can tell which copy a leak came from, and can make copies that point at
anyone, so the key is kept apart from the data: by default in the user's config folder, one file
per workspace (:func:`default_key_path`), never inside the workspace. The file is written
atomically with mode 0600 in a 0700 folder and refused when group or others can read it. The
database stores only :meth:`SecretKey.fingerprint`, so a wrong key is detected before it is used.

Every failure touching the key raises :class:`~leaktrace.errors.SecretKeyError` with the same
message whatever the cause (missing, truncated, wrong workspace), so an error never tells anyone
anything about the key. The one exception is a file others can read: that message also names the
``chmod`` that fixes it, which reveals nothing about the key itself.

Example:
    >>> key = SecretKey(bytes(32))
    >>> key
    SecretKey(<hidden>)
    >>> key.fingerprint()
    '1bb6116422106bdc'
    >>> len(key.derive(b"leaktrace code v1"))
    32
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
import stat
import sys
from collections.abc import Callable
from pathlib import Path
from typing import NoReturn

import platformdirs
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from leaktrace.errors import SecretKeyError

KEY_BYTES = 32
FINGERPRINT_LABEL = b"leaktrace key fingerprint v1"
_FILE_HEADER = "leaktrace-secret-key-v1"
_MAX_FILE_BYTES = 4096


def default_key_path(workspace_uuid: str) -> Path:
    """Where a workspace's key lives unless ``LEAKTRACE_KEY_FILE`` says otherwise.

    ``<user config dir>/leaktrace/keys/<uuid>.key`` (on Linux ``~/.config/leaktrace/keys/``), so
    that copying, backing up or sharing the workspace folder never copies the key with it.

    Example:
        >>> default_key_path("1234").name
        '1234.key'
    """
    return platformdirs.user_config_path("leaktrace") / "keys" / f"{workspace_uuid}.key"


class SecretKey:
    """The master secret; sub-keys for each use come from :meth:`derive`.

    The bytes never appear in ``repr``, ``str``, logs or exception messages; two keys compare in
    constant time.

    Raises:
        SecretKeyError: the material is not exactly 32 bytes.

    Example:
        >>> key = SecretKey.generate()
        >>> str(key)
        'SecretKey(<hidden>)'
        >>> key.derive(b"a") != key.derive(b"b")
        True
    """

    __slots__ = ("_material",)

    def __init__(self, material: bytes) -> None:
        if not isinstance(material, bytes) or len(material) != KEY_BYTES:
            raise SecretKeyError()
        self._material = material

    @classmethod
    def generate(cls, randbytes: Callable[[int], bytes] = secrets.token_bytes) -> SecretKey:
        """A fresh key from the operating system's CSPRNG (``randbytes`` is for tests only)."""
        return cls(randbytes(KEY_BYTES))

    def __repr__(self) -> str:
        return "SecretKey(<hidden>)"

    __str__ = __repr__

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, SecretKey):
            return NotImplemented
        return hmac.compare_digest(self._material, other._material)

    __hash__ = None  # type: ignore[assignment]

    def __reduce__(self) -> NoReturn:
        raise TypeError("a SecretKey cannot be pickled; save it with SecretKey.save()")

    def fingerprint(self) -> str:
        """16 hex characters identifying the key, safe to store beside the data.

        HMAC-SHA256 of a fixed label under the key: it identifies the key without revealing it.
        """
        return hmac.new(self._material, FINGERPRINT_LABEL, hashlib.sha256).hexdigest()[:16]

    def matches(self, fingerprint: str) -> bool:
        """Whether this key has the given fingerprint (compared in constant time)."""
        return hmac.compare_digest(self.fingerprint(), fingerprint)

    def derive(self, label: bytes, length: int = 32) -> bytes:
        """A sub-key for one purpose (HKDF-SHA256, ``label`` as the info string).

        Each use of the key (codes, tokens, ...) takes its own label, so no two uses ever share
        key material.

        Raises:
            ValueError: ``label`` is empty (a programming error, not a key failure).
        """
        if not label:
            raise ValueError("derive() needs a non-empty label naming the purpose of the sub-key")
        hkdf = HKDF(algorithm=hashes.SHA256(), length=length, salt=None, info=label)
        return hkdf.derive(self._material)

    def save(self, path: Path) -> None:
        """Write the key to a new file (mode 0600), creating its folder (mode 0700).

        The file is written under a temporary name and linked into place, so it either appears
        complete or not at all; an existing file is never overwritten.

        Raises:
            SecretKeyError: the file exists already or cannot be written.
        """
        path = Path(path)
        folder = path.parent
        try:
            if not folder.exists():
                folder.mkdir(mode=0o700, parents=True)
                os.chmod(folder, 0o700)
            if path.exists():
                _fail(f"{path} exists already; leaktrace never overwrites a key file")
            temporary = folder / f".{path.name}.{secrets.token_hex(8)}.tmp"
            fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            try:
                with os.fdopen(fd, "w", encoding="ascii") as handle:
                    handle.write(f"{_FILE_HEADER}\n{self._material.hex()}\n")
                    handle.flush()
                    os.fsync(handle.fileno())
                os.link(temporary, path)
            finally:
                temporary.unlink(missing_ok=True)
        except SecretKeyError:
            raise
        except OSError:
            _fail(str(path))

    @classmethod
    def load(cls, path: Path) -> SecretKey:
        """Read a key written by :meth:`save`.

        Raises:
            SecretKeyError: the file is missing, unreadable, malformed, or readable by group or
                others (then the message names the ``chmod`` fix).
        """
        path = Path(path)
        try:
            fd = os.open(path, os.O_RDONLY)
        except OSError:
            _fail(str(path))
        try:
            with os.fdopen(fd, "rb") as handle:
                mode = os.fstat(handle.fileno()).st_mode
                if sys.platform != "win32" and mode & (stat.S_IRWXG | stat.S_IRWXO):
                    _fail(
                        f"{path} can be read by other users; restrict it with "
                        f"`chmod 600 {path}` and check no one else has copied it"
                    )
                data = handle.read(_MAX_FILE_BYTES + 1)
            header, material, *rest = data.decode("ascii").split("\n")
            if header != _FILE_HEADER or any(rest) or len(material) != 2 * KEY_BYTES:
                _fail(str(path))
            return cls(bytes.fromhex(material))
        except SecretKeyError:
            raise
        except (OSError, ValueError):
            _fail(str(path))


def _fail(location: str) -> NoReturn:
    # ``from None`` everywhere: a chained OSError or ValueError could quote file content.
    raise SecretKeyError(location) from None
