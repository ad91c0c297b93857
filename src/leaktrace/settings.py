"""Every setting leaktrace reads, declared once: name, type, default and help.

Only the interfaces (CLI, service) call :meth:`Settings.from_env`; library code takes the values it
needs as arguments, so it can be tested without touching the environment. Each setting is read
from ``LEAKTRACE_<NAME>`` and falls back to its default. Secrets (a database URL may carry a
password) are masked in ``repr`` so a settings object can be logged or shown safely.

Example:
    >>> s = Settings.from_env({"LEAKTRACE_HOME": "/srv/lt", "LEAKTRACE_LEVEL": "1e-9"})
    >>> s.home, s.level
    (PosixPath('/srv/lt'), 1e-09)
    >>> "pw" in repr(Settings.from_env({"LEAKTRACE_DATABASE_URL": "postgresql://u:pw@db/lt"}))
    False
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, fields
from pathlib import Path

from leaktrace.errors import InputError

PREFIX = "LEAKTRACE_"

_PASSWORD_IN_URL = re.compile(r"(?P<head>://[^:/@]*:)[^@/]*(?P<tail>@)")


@dataclass(frozen=True)
class Setting:
    """The declaration of one setting; :data:`SETTINGS` lists them all (docs are built from it)."""

    name: str
    type: type
    default: object
    help: str
    secret: bool = False

    @property
    def env_var(self) -> str:
        return PREFIX + self.name.upper()


SETTINGS: tuple[Setting, ...] = (
    Setting(
        "home",
        Path,
        Path(".leaktrace"),
        "Folder holding the workspace: its database and nothing secret.",
    ),
    Setting(
        "key_file",
        Path,
        None,
        "The workspace's secret key. Default: <user config dir>/leaktrace/keys/<workspace uuid>"
        ".key, outside the workspace so that a copy of the data never carries the key.",
    ),
    Setting(
        "database_url",
        str,
        None,
        "SQLAlchemy database URL. Default: SQLite file leaktrace.db inside home.",
        secret=True,
    ),
    Setting(
        "level",
        float,
        1e-6,
        "Accuse a recipient only when the chance of accusing an innocent one is below this.",
    ),
    Setting(
        "max_input_bytes",
        int,
        50_000_000,
        "Largest input file (document, leak, picture, CSV) leaktrace reads, in bytes.",
    ),
    Setting(
        "smtp_host",
        str,
        None,
        "Mail server that sends copies by email (`leaktrace issue --email`). Default: none, "
        "so email is off.",
    ),
    Setting("smtp_port", int, 25, "Port of the mail server."),
    Setting(
        "smtp_sender",
        str,
        "leaktrace@localhost",
        "The From address of emailed copies; use one your mail server accepts.",
    ),
)


def mask_url(url: str) -> str:
    """The URL with any password replaced by ``***``.

    Example:
        >>> mask_url("postgresql://ann:s3cret@db:5432/lt")
        'postgresql://ann:***@db:5432/lt'
    """
    return _PASSWORD_IN_URL.sub(r"\g<head>***\g<tail>", url)


@dataclass(frozen=True)
class Settings:
    """The resolved settings. Build with :meth:`from_env` in interfaces, directly in tests.

    ``key_file`` and ``database_url`` are ``None`` when left to their defaults, which depend on
    the workspace (see :func:`leaktrace.keys.default_key_path` and
    :func:`leaktrace.workspace.default_database_url`).

    Example:
        >>> Settings(level=1e-3).max_input_bytes
        50000000
    """

    home: Path = Path(".leaktrace")
    key_file: Path | None = None
    database_url: str | None = None
    level: float = 1e-6
    max_input_bytes: int = 50_000_000
    smtp_host: str | None = None
    smtp_port: int = 25
    smtp_sender: str = "leaktrace@localhost"

    def __repr__(self) -> str:
        parts = []
        for f in fields(self):
            value = getattr(self, f.name)
            if _declared(f.name).secret and isinstance(value, str):
                value = mask_url(value)
            parts.append(f"{f.name}={value!r}")
        return f"Settings({', '.join(parts)})"

    @classmethod
    def from_env(cls, environ: Mapping[str, str]) -> Settings:
        """Read every declared setting from ``environ`` (``LEAKTRACE_*``), else its default.

        Raises:
            InputError: a value cannot be converted or is out of range; the message names the
                variable and the value.
        """
        values: dict[str, object] = {}
        for setting in SETTINGS:
            raw = environ.get(setting.env_var)
            if raw is None or raw.strip() == "":
                continue
            values[setting.name] = _convert(setting, raw.strip())
        settings = cls(**values)  # type: ignore[arg-type]
        settings._validate()
        return settings

    def _validate(self) -> None:
        if not 0.0 < self.level < 1.0:
            raise InputError(
                f"{PREFIX}LEVEL={self.level!r} is out of range; give a probability between 0 "
                "and 1, such as 1e-6"
            )
        if self.max_input_bytes <= 0:
            raise InputError(
                f"{PREFIX}MAX_INPUT_BYTES={self.max_input_bytes!r} must be a positive number "
                "of bytes, such as 5000000"
            )
        if not 0 < self.smtp_port < 65536:
            raise InputError(
                f"{PREFIX}SMTP_PORT={self.smtp_port!r} is not a port; give a number from 1 to "
                "65535, such as 25 or 587"
            )


def _declared(name: str) -> Setting:
    return next(s for s in SETTINGS if s.name == name)


_CONVERTERS: dict[type, Callable[[str], object]] = {
    Path: lambda raw: Path(raw).expanduser(),
    str: str,
    float: float,
    int: int,
}


def _convert(setting: Setting, raw: str) -> object:
    try:
        return _CONVERTERS[setting.type](raw)
    except ValueError:
        shown = mask_url(raw) if setting.secret else raw
        raise InputError(
            f"{setting.env_var}={shown!r} is not a valid {setting.type.__name__}; "
            f"fix or unset it ({setting.help})"
        ) from None
