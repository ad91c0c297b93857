"""Bring a database's schema to the newest revision, with Alembic configured in code.

No ``alembic.ini`` is read: the migrations folder is found next to this module, so upgrades work
the same from a source checkout and from an installed wheel. Opening a workspace upgrades it;
the first revision creates every table.

Example:
    >>> from leaktrace.store.engine import create_engine_for
    >>> engine = create_engine_for("sqlite://")
    >>> upgrade(engine)
    >>> current_revision(engine) == head_revision()
    True
"""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine

from leaktrace.store.engine import WRITE

MIGRATIONS = Path(__file__).parent / "migrations"


def alembic_config() -> Config:
    """An Alembic configuration pointing at the packaged migrations."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("path_separator", "os")
    return config


def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None, "the migrations folder holds no revision"
    return head


def current_revision(engine: Engine) -> str | None:
    """The revision the database is at; ``None`` for an empty database."""
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def upgrade(engine: Engine) -> None:
    """Run every migration the database lacks, in one transaction per revision run."""
    if current_revision(engine) == head_revision():
        return
    config = alembic_config()
    with engine.connect() as conn:
        conn.execution_options(**{WRITE: True})
        config.attributes["connection"] = conn
        command.upgrade(config, "head")
        conn.commit()
