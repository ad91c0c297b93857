"""Alembic environment: runs leaktrace's migrations on a connection the store hands over.

:func:`leaktrace.store.migrate.upgrade` passes its open connection in
``config.attributes["connection"]``; run from the command line (``alembic -c
src/leaktrace/store/alembic.ini``) the URL in the ini file or ``-x url=...`` is used instead.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection

from leaktrace.store.engine import create_engine_for
from leaktrace.store.tables import metadata


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=metadata,
        render_as_batch=connection.dialect.name == "sqlite",
    )
    with context.begin_transaction():
        context.run_migrations()


def _main() -> None:
    config = context.config
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    url = context.get_x_argument(as_dictionary=True).get("url") or config.get_main_option(
        "sqlalchemy.url"
    )
    if not url:
        raise SystemExit("give a database: alembic -x url=sqlite:///path/leaktrace.db ...")
    engine = create_engine_for(url)
    try:
        with engine.connect() as connection:
            _run(connection)
    finally:
        engine.dispose()


_main()
