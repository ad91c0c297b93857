"""Users, API tokens and web sessions, on an open connection.

Functions here run inside a transaction the caller owns and never commit. Secrets arrive
already hashed (see :mod:`leaktrace.accounts`); nothing here ever sees a password or a token.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, func, insert, select, update

from leaktrace.errors import ConflictError, NotFoundError
from leaktrace.store import _bulk
from leaktrace.store.records import ApiTokenRecord, UserRecord
from leaktrace.store.tables import api_tokens, users, web_sessions


def _user(row: Any) -> UserRecord:
    return UserRecord(
        id=row.id,
        username=row.username,
        display_name=row.display_name,
        roles=frozenset(r for r in row.roles.split(",") if r),
        recipient_number=row.recipient_number,
        disabled=bool(row.disabled),
        failed_logins=row.failed_logins,
        locked_until=row.locked_until,
        created=row.created_at,
    )


def roles_text(roles: Iterable[str]) -> str:
    return ",".join(sorted(set(roles)))


def create_user(
    conn: Connection,
    *,
    username: str,
    display_name: str,
    password_hash: str,
    roles: Iterable[str],
    recipient_number: int | None,
    now: datetime,
) -> UserRecord:
    if conn.execute(select(users.c.id).where(users.c.username == username)).first():
        raise ConflictError(f"a user called {username!r} exists already; choose another name")
    user_id = _bulk.inserted_id(
        conn,
        insert(users).values(
            username=username,
            display_name=display_name,
            password_hash=password_hash,
            roles=roles_text(roles),
            recipient_number=recipient_number,
            disabled=False,
            failed_logins=0,
            locked_until=None,
            created_at=now,
            updated_at=now,
        ),
    )
    return user_by_id(conn, user_id)


def user_by_id(conn: Connection, user_id: int) -> UserRecord:
    row = conn.execute(select(users).where(users.c.id == user_id)).first()
    if row is None:
        raise NotFoundError(f"no user with id {user_id}")
    return _user(row)


def user_by_name(conn: Connection, username: str) -> UserRecord:
    row = conn.execute(select(users).where(users.c.username == username)).first()
    if row is None:
        raise NotFoundError(f"no user called {username!r}; `leaktrace users list` shows them")
    return _user(row)


def password_hash(conn: Connection, username: str) -> str | None:
    return conn.execute(
        select(users.c.password_hash).where(users.c.username == username)
    ).scalar_one_or_none()


def list_users(conn: Connection) -> list[UserRecord]:
    return [_user(r) for r in conn.execute(select(users).order_by(users.c.username))]


def count_users(conn: Connection) -> int:
    return int(conn.execute(select(func.count()).select_from(users)).scalar_one())


def update_user(conn: Connection, username: str, now: datetime, **values: Any) -> UserRecord:
    user = user_by_name(conn, username)
    if "roles" in values:
        values["roles"] = roles_text(values["roles"])
    conn.execute(update(users).where(users.c.id == user.id).values(updated_at=now, **values))
    return user_by_id(conn, user.id)


def add_token(
    conn: Connection, *, user_id: int, name: str, prefix: str, token_hash: str, now: datetime
) -> int:
    return _bulk.inserted_id(
        conn,
        insert(api_tokens).values(
            user_id=user_id, name=name, prefix=prefix, token_hash=token_hash, created_at=now
        ),
    )


def _token(row: Any) -> ApiTokenRecord:
    return ApiTokenRecord(
        id=row.id,
        user_id=row.user_id,
        username=row.username,
        name=row.name,
        prefix=row.prefix,
        created=row.created_at,
        last_used=row.last_used_at,
        revoked=row.revoked_at,
    )


_TOKEN_COLUMNS = (
    api_tokens.c.id,
    api_tokens.c.user_id,
    users.c.username,
    api_tokens.c.name,
    api_tokens.c.prefix,
    api_tokens.c.created_at,
    api_tokens.c.last_used_at,
    api_tokens.c.revoked_at,
)


def list_tokens(conn: Connection, user_id: int | None) -> list[ApiTokenRecord]:
    query = select(*_TOKEN_COLUMNS).join(users, users.c.id == api_tokens.c.user_id)
    if user_id is not None:
        query = query.where(api_tokens.c.user_id == user_id)
    return [_token(r) for r in conn.execute(query.order_by(api_tokens.c.id))]


def token(conn: Connection, token_id: int) -> ApiTokenRecord:
    row = conn.execute(
        select(*_TOKEN_COLUMNS)
        .join(users, users.c.id == api_tokens.c.user_id)
        .where(api_tokens.c.id == token_id)
    ).first()
    if row is None:
        raise NotFoundError(f"no API token with id {token_id}")
    return _token(row)


def revoke_token(conn: Connection, token_id: int, now: datetime) -> ApiTokenRecord:
    record = token(conn, token_id)
    if record.revoked is None:
        conn.execute(update(api_tokens).where(api_tokens.c.id == token_id).values(revoked_at=now))
    return token(conn, token_id)


def user_for_token(conn: Connection, token_hash: str) -> tuple[UserRecord, ApiTokenRecord] | None:
    row = conn.execute(
        select(*_TOKEN_COLUMNS)
        .join(users, users.c.id == api_tokens.c.user_id)
        .where(api_tokens.c.token_hash == token_hash, api_tokens.c.revoked_at.is_(None))
    ).first()
    if row is None:
        return None
    return user_by_id(conn, row.user_id), _token(row)


def touch_token(conn: Connection, token_id: int, now: datetime) -> None:
    conn.execute(update(api_tokens).where(api_tokens.c.id == token_id).values(last_used_at=now))


def add_session(
    conn: Connection,
    *,
    user_id: int,
    token_hash: str,
    csrf_token: str,
    now: datetime,
    expires: datetime,
) -> None:
    conn.execute(
        insert(web_sessions).values(
            user_id=user_id,
            token_hash=token_hash,
            csrf_token=csrf_token,
            created_at=now,
            expires_at=expires,
        )
    )


def session_user(conn: Connection, token_hash: str, now: datetime) -> tuple[UserRecord, str] | None:
    row = conn.execute(
        select(web_sessions.c.user_id, web_sessions.c.csrf_token).where(
            web_sessions.c.token_hash == token_hash,
            web_sessions.c.revoked_at.is_(None),
            web_sessions.c.expires_at > now,
        )
    ).first()
    if row is None:
        return None
    return user_by_id(conn, row.user_id), row.csrf_token


def end_session(conn: Connection, token_hash: str, now: datetime) -> None:
    conn.execute(
        update(web_sessions)
        .where(web_sessions.c.token_hash == token_hash, web_sessions.c.revoked_at.is_(None))
        .values(revoked_at=now)
    )


def end_sessions_of(conn: Connection, user_id: int, now: datetime) -> None:
    conn.execute(
        update(web_sessions)
        .where(web_sessions.c.user_id == user_id, web_sessions.c.revoked_at.is_(None))
        .values(revoked_at=now)
    )
