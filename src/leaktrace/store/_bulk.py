"""Run one Core statement for many rows at the driver's own ``executemany`` speed.

SQLAlchemy builds and processes a parameter dictionary per row, which costs about 6 s per
million rows; issuing to a million recipients must not. Here the statement is still written in
Core and compiled by the dialect (so the SQL stays portable), and the rows go straight to the
driver as tuples, or as dictionaries for drivers with named parameters. Values must already be
in the driver's form: use :func:`driver_value` for anything that is not an int or a str.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from itertools import islice
from typing import Any

from sqlalchemy import Column, Connection
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.dml import Insert, UpdateBase

BATCH = 100_000


def executemany(
    conn: Connection,
    statement: UpdateBase,
    names: Sequence[str],
    rows: Iterable[Sequence[Any]],
    constants: Mapping[str, Any] | None = None,
) -> int:
    """Execute ``statement`` once per row; returns the number of rows.

    Every parameter of ``statement`` must be an explicit ``bindparam``: those in ``names`` take
    their value from each row (same order), the others from ``constants``.

    Raises:
        ValueError: the statement has a parameter that is given no value.

    Example (inside a store transaction):
        >>> statement = insert(shingles).inline().values(  # doctest: +SKIP
        ...     hash=bindparam("p_hash"), version_id=bindparam("p_v"), position=bindparam("p_pos"))
        >>> executemany(conn, statement, ["p_hash", "p_pos"], [(7, 0)], {"p_v": 1})  # doctest:+SKIP
        1
    """
    constants = dict(constants or {})
    compiled = statement.compile(dialect=conn.dialect)
    assert isinstance(compiled, SQLCompiler)
    order = list(compiled.positiontup or ()) if compiled.positional else list(compiled.binds)
    unknown = [name for name in order if name not in constants and name not in names]
    if unknown:
        raise ValueError(f"no value for parameters {unknown} of {compiled.string!r}")
    shape = _shaper(compiled.positional, order, list(names), constants)
    done = 0
    iterator = iter(rows)
    while batch := [shape(row) for row in islice(iterator, BATCH)]:
        conn.exec_driver_sql(compiled.string, batch)
        done += len(batch)
    return done


def _shaper(
    positional: bool, order: list[str], names: list[str], constants: dict[str, Any]
) -> Callable[[Sequence[Any]], Any]:
    if not positional:
        return lambda row: constants | dict(zip(names, row, strict=True))
    if order == names:
        return tuple
    template = [constants.get(name) for name in order]
    slots = [(position, names.index(name)) for position, name in enumerate(order) if name in names]

    def shape(row: Sequence[Any]) -> tuple[Any, ...]:
        values = template.copy()
        for position, index in slots:
            values[position] = row[index]
        return tuple(values)

    return shape


def driver_value(conn: Connection, column: Column[Any], value: Any) -> Any:
    """``value`` as the driver expects it for ``column`` (e.g. a timestamp on SQLite: text)."""
    process = column.type.bind_processor(conn.dialect)
    return value if process is None else process(value)


def inserted_id(conn: Connection, statement: Insert) -> int:
    """Execute a one-row INSERT and return the new row's integer primary key."""
    key = conn.execute(statement).inserted_primary_key
    assert key is not None and key[0] is not None
    return int(key[0])
