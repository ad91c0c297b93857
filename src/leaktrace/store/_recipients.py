"""Recipient and group queries on an open connection; :class:`~leaktrace.store.Store` wraps them.

Functions here run inside a transaction the caller owns and never commit; they raise
leaktrace errors for anything a user can fix.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from datetime import datetime
from typing import Any, TypeVar

from sqlalchemy import Connection, Row, bindparam, func, insert, select, update

from leaktrace.errors import ConflictError, InputError, NotFoundError
from leaktrace.model import Recipient
from leaktrace.store import _bulk
from leaktrace.store.records import RecipientRow, UpsertCounts
from leaktrace.store.tables import group_members, groups, recipients

CHUNK = 500
"""Values per ``IN (...)`` list: well under every database's parameter limit."""

_T = TypeVar("_T")
_COLUMNS = (recipients.c.number, recipients.c.external_id, recipients.c.name, recipients.c.email)


def chunks(values: Sequence[_T], size: int = CHUNK) -> Iterator[Sequence[_T]]:
    for start in range(0, len(values), size):
        yield values[start : start + size]


def shown(values: Iterable[object], limit: int = 10) -> str:
    """``'a', 'b', ... and 3 more``: offending values quoted, but never thousands of them."""
    items = list(values)
    text = ", ".join(repr(v) for v in items[:limit])
    return text + (f" and {len(items) - limit} more" if len(items) > limit else "")


def upsert(conn: Connection, rows: Sequence[RecipientRow], now: datetime) -> UpsertCounts:
    ids = [row.external_id for row in rows]
    _check_ids(ids)
    existing: dict[str, Row[Any]] = {}
    for chunk in chunks(ids):
        query = select(recipients).where(recipients.c.external_id.in_(chunk))
        existing.update((r.external_id, r) for r in conn.execute(query))
    fresh = [row for row in rows if row.external_id not in existing]
    if fresh:
        conn.execute(
            insert(recipients),
            [
                {"external_id": r.external_id, "name": r.name, "email": r.email}
                | {"created_at": now, "updated_at": now}
                for r in fresh
            ],
        )
    numbers = numbers_by_external_id(conn, ids)
    old_groups = groups_of(conn, [existing[i].number for i in ids if i in existing])
    changed = [
        row
        for row in rows
        if row.external_id in existing
        and (existing[row.external_id].name, existing[row.external_id].email)
        != (row.name, row.email)
    ]
    if changed:
        conn.execute(
            update(recipients)
            .where(recipients.c.number == bindparam("n"))
            .values(name=bindparam("new_name"), email=bindparam("new_email"), updated_at=now),
            [
                {"n": numbers[r.external_id], "new_name": r.name, "new_email": r.email}
                for r in changed
            ],
        )
    regrouped = [
        row
        for row in rows
        if row.groups is not None
        and set(row.groups) != set(old_groups.get(numbers[row.external_id], ()))
    ]
    _replace_groups(conn, {numbers[r.external_id]: r.groups or () for r in regrouped})
    updated = {r.external_id for r in changed} | {
        r.external_id for r in regrouped if r.external_id in existing
    }
    return UpsertCounts(created=len(fresh), updated=len(updated))


def _check_ids(ids: Sequence[str]) -> None:
    if any(not i.strip() for i in ids):
        raise InputError("a recipient has an empty id; give every recipient a unique id")
    seen: set[str] = set()
    duplicates = [i for i in ids if i in seen or seen.add(i)]  # type: ignore[func-returns-value]
    if duplicates:
        raise ConflictError(
            f"recipient ids {shown(sorted(set(duplicates)))} appear more than once; "
            "each id must be given once"
        )


def _replace_groups(conn: Connection, new: dict[int, tuple[str, ...]]) -> None:
    if not new:
        return
    numbers = sorted(new)
    for chunk in chunks(numbers):
        conn.execute(group_members.delete().where(group_members.c.recipient_number.in_(chunk)))
    names = sorted({name for names in new.values() for name in names})
    ids = _group_ids(conn, names)
    missing = [name for name in names if name not in ids]
    if missing:
        conn.execute(insert(groups), [{"name": name} for name in missing])
        ids = _group_ids(conn, names)
    members = [
        {"group_id": ids[name], "recipient_number": number}
        for number, group_names in new.items()
        for name in sorted(set(group_names))
    ]
    if members:
        conn.execute(insert(group_members), members)


def _group_ids(conn: Connection, names: Sequence[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    for chunk in chunks(names):
        query = select(groups.c.name, groups.c.id).where(groups.c.name.in_(chunk))
        found.update((name, gid) for name, gid in conn.execute(query))
    return found


def groups_of(conn: Connection, numbers: Sequence[int] | None) -> dict[int, tuple[str, ...]]:
    """Each recipient's groups, sorted; ``numbers=None`` reads every membership at once."""
    query = (
        select(group_members.c.recipient_number, groups.c.name)
        .join(groups, groups.c.id == group_members.c.group_id)
        .order_by(group_members.c.recipient_number, groups.c.name)
    )
    found: dict[int, list[str]] = defaultdict(list)
    batches = (
        [query]
        if numbers is None
        else [query.where(group_members.c.recipient_number.in_(chunk)) for chunk in chunks(numbers)]
    )
    for batch in batches:
        for number, name in conn.execute(batch).all():
            found[number].append(name)
    return {number: tuple(names) for number, names in found.items()}


def listing(
    conn: Connection, group: str | None = None, search: str | None = None
) -> list[Recipient]:
    query = select(*_COLUMNS).order_by(recipients.c.number)
    if group is not None:
        group_id = _require_group(conn, group)
        query = query.join(
            group_members, group_members.c.recipient_number == recipients.c.number
        ).where(group_members.c.group_id == group_id)
    if search:
        query = query.where(
            recipients.c.external_id.icontains(search, autoescape=True)
            | recipients.c.name.icontains(search, autoescape=True)
            | recipients.c.email.icontains(search, autoescape=True)
        )
    return _with_groups(conn, list(conn.execute(query)), everyone=group is None and not search)


def _require_group(conn: Connection, name: str) -> int:
    group_id = conn.execute(select(groups.c.id).where(groups.c.name == name)).scalar()
    if group_id is None:
        known = conn.execute(select(groups.c.name).order_by(groups.c.name)).scalars().all()
        hint = f"known groups: {shown(known)}" if known else "no group exists yet"
        raise NotFoundError(
            f"no group {name!r} ({hint}); groups come from the groups column of the recipients CSV"
        )
    return int(group_id)


def _with_groups(conn: Connection, rows: list[Row[Any]], everyone: bool) -> list[Recipient]:
    memberships = groups_of(conn, None if everyone else [r.number for r in rows])
    return [
        Recipient(r.number, r.external_id, r.name, r.email, memberships.get(r.number, ()))
        for r in rows
    ]


def by_external_ids(conn: Connection, ids: Sequence[str]) -> list[Recipient]:
    found: dict[str, Any] = {}
    for chunk in chunks(list(dict.fromkeys(ids))):
        query = select(*_COLUMNS).where(recipients.c.external_id.in_(chunk))
        found.update((r.external_id, r) for r in conn.execute(query))
    unknown = [i for i in dict.fromkeys(ids) if i not in found]
    if unknown:
        raise NotFoundError(
            f"no recipient with id {shown(unknown)}; import them first (recipients CSV) "
            "or check the spelling"
        )
    return _with_groups(conn, [found[i] for i in ids], everyone=False)


def by_numbers(conn: Connection, numbers: Sequence[int]) -> list[Recipient]:
    found: dict[int, Any] = {}
    for chunk in chunks(sorted(set(numbers))):
        query = select(*_COLUMNS).where(recipients.c.number.in_(chunk))
        found.update((r.number, r) for r in conn.execute(query))
    unknown = [n for n in dict.fromkeys(numbers) if n not in found]
    if unknown:
        raise NotFoundError(
            f"no recipient with number {shown(unknown)}; the database may be from another workspace"
        )
    return _with_groups(conn, [found[n] for n in numbers], everyone=False)


def numbers_by_external_id(conn: Connection, ids: Sequence[str] | None) -> dict[str, int]:
    query = select(recipients.c.external_id, recipients.c.number)
    if ids is None:
        return dict(conn.execute(query).all())
    found: dict[str, int] = {}
    for chunk in chunks(ids):
        found.update(conn.execute(query.where(recipients.c.external_id.in_(chunk))).all())
    return found


def missing_numbers(conn: Connection, numbers: Sequence[int]) -> list[int]:
    """The numbers among ``numbers`` that name no recipient."""
    present: set[int] = set()
    for chunk in chunks(numbers):
        query = select(recipients.c.number).where(recipients.c.number.in_(chunk))
        present.update(conn.execute(query).scalars())
    return [n for n in numbers if n not in present]


def count(conn: Connection) -> int:
    return int(conn.execute(select(func.count()).select_from(recipients)).scalar_one())


def bulk_add(conn: Connection, n: int, prefix: str, now: datetime) -> list[int]:
    """``n`` synthetic recipients ``<prefix>0000001``...; their numbers, ascending."""
    if n <= 0:
        raise InputError(f"cannot add {n} recipients; give a positive number")
    width = max(7, len(str(n)))
    clash = conn.execute(
        select(recipients.c.external_id)
        .where(recipients.c.external_id.startswith(prefix, autoescape=True))
        .limit(1)
    ).scalar()
    if clash is not None:
        raise ConflictError(
            f"recipient {clash!r} already uses the prefix {prefix!r}; choose another prefix"
        )
    before = conn.execute(select(func.max(recipients.c.number))).scalar() or 0
    stamp = _bulk.driver_value(conn, recipients.c.created_at, now)
    statement = (
        insert(recipients)
        .inline()
        .values(
            external_id=bindparam("p_id"),
            name=bindparam("p_name"),
            email=bindparam("p_email"),
            created_at=bindparam("p_created"),
            updated_at=bindparam("p_updated"),
        )
    )
    rows = (
        (f"{prefix}{i:0{width}d}", f"Recipient {i}", f"{prefix}{i}@example.invalid", stamp, stamp)
        for i in range(1, n + 1)
    )
    _bulk.executemany(
        conn, statement, ["p_id", "p_name", "p_email", "p_created", "p_updated"], rows
    )
    query = select(recipients.c.number).where(recipients.c.number > before)
    return list(conn.execute(query.order_by(recipients.c.number)).scalars())
