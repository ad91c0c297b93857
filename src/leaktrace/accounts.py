"""People who use the service: roles, passwords, API tokens and web sessions.

Passwords are hashed with argon2id (``argon2-cffi``'s defaults, which follow RFC 9106's
recommendations); API tokens and session cookies are 256-bit random strings, stored only as
their SHA-256, shown once and revocable. A user locked out by repeated failures waits
:data:`LOCKOUT` before trying again; every attempt is in the audit log.

Roles (a user may hold several):

=============  =====================================================================
admin          everything, including users and tokens of others
author         adds documents, reviews and vetoes their variation points
distributor    manages recipients and groups, issues copies (zip, email, portal)
investigator   traces leaks and reads stored traces
auditor        reads the audit log and verifies its chain; changes nothing
reader         reads their own copies in the reader portal, and nothing else
=============  =====================================================================

Example:
    >>> from leaktrace.store import Store
    >>> store = Store.open("sqlite://"); store.migrate()
    >>> user = create_user(store, "ann", "Ann Author", "correct horse battery", {Role.AUTHOR})
    >>> authenticate(store, "ann", "correct horse battery").username
    'ann'
    >>> token = issue_api_token(store, user, "laptop")
    >>> user_for_api_token(store, token.secret).username
    'ann'
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from leaktrace.errors import InputError, LeaktraceError
from leaktrace.store import DEFAULT_ACTOR, ApiTokenRecord, Store, UserRecord


class Role(StrEnum):
    ADMIN = "admin"
    AUTHOR = "author"
    DISTRIBUTOR = "distributor"
    INVESTIGATOR = "investigator"
    AUDITOR = "auditor"
    READER = "reader"


STAFF_ROLES = frozenset(Role) - {Role.READER}

MIN_PASSWORD_LENGTH = 12
MAX_FAILED_LOGINS = 5
LOCKOUT = timedelta(minutes=15)
SESSION_LIFETIME = timedelta(hours=12)
TOKEN_PREFIX = "lt_"

_USERNAME = re.compile(r"^[a-z0-9][a-z0-9._@-]{0,99}$")
_HASHER = PasswordHasher()
# Verified against when the user does not exist, so that a wrong name costs as long as a wrong
# password and response times do not reveal which names exist.
_DUMMY_HASH = _HASHER.hash(secrets.token_urlsafe(16))


class AuthenticationError(LeaktraceError):
    """Sign-in refused. The message never says whether the name or the password was wrong."""

    def __init__(self, message: str = "wrong username or password") -> None:
        super().__init__(message)


def parse_roles(names: Iterable[str]) -> frozenset[Role]:
    """Role names as typed by a user ("admin", "Investigator"); unknown names are an error."""
    roles: set[Role] = set()
    for name in names:
        for part in name.split(","):
            if not part.strip():
                continue
            try:
                roles.add(Role(part.strip().lower()))
            except ValueError:
                known = ", ".join(r.value for r in Role)
                raise InputError(f"unknown role {part.strip()!r}; roles are: {known}") from None
    if not roles:
        raise InputError("give at least one role: " + ", ".join(r.value for r in Role))
    return frozenset(roles)


def check_username(username: str) -> str:
    name = username.strip().lower()
    if not _USERNAME.match(name):
        raise InputError(
            f"{username!r} is not a usable username: use 1-100 lowercase letters, digits and "
            "the characters . _ @ -, starting with a letter or digit"
        )
    return name


def check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise InputError(
            f"the password is too short: use at least {MIN_PASSWORD_LENGTH} characters (a "
            "phrase of several words is easy to remember and hard to guess)"
        )


def hash_password(password: str) -> str:
    check_password(password)
    return _HASHER.hash(password)


def create_user(
    store: Store,
    username: str,
    display_name: str,
    password: str,
    roles: Iterable[Role],
    recipient_number: int | None = None,
    actor: str = DEFAULT_ACTOR,
) -> UserRecord:
    """Create a user. A reader must be tied to a recipient; staff need not be.

    Raises:
        InputError: bad name, short password, or a reader with no recipient.
        ConflictError: the name is taken.
    """
    name = check_username(username)
    role_set = frozenset(roles)
    if not role_set:
        raise InputError("a user needs at least one role")
    if Role.READER in role_set and recipient_number is None:
        raise InputError(
            "a reader account must be tied to a recipient (whose copies it reads); give the "
            "recipient's id"
        )
    return store.create_user(
        name,
        display_name.strip() or name,
        hash_password(password),
        [r.value for r in role_set],
        recipient_number,
        actor=actor,
    )


def authenticate(store: Store, username: str, password: str, source: str = "web") -> UserRecord:
    """The user if the password is right and the account usable; records every attempt.

    Raises:
        AuthenticationError: wrong name or password, disabled, or locked out (says until when).
    """
    name = username.strip().lower()
    stored = store.password_hash(name)
    if stored is None:
        _verify(_DUMMY_HASH, password)
        store.note_login(name, False, None, source)
        raise AuthenticationError()
    user = store.get_user(name)
    now = _now(store)
    if user.locked_until is not None and user.locked_until > now:
        store.note_login(name, False, user.locked_until, source)
        raise AuthenticationError(
            "too many failed sign-ins: this account is locked until "
            f"{user.locked_until:%H:%M} UTC; an admin can reset the password sooner"
        )
    if not _verify(stored, password) or user.disabled:
        failures = user.failed_logins + 1
        locked = now + LOCKOUT if failures >= MAX_FAILED_LOGINS else None
        store.note_login(name, False, locked, source)
        raise AuthenticationError()
    store.note_login(name, True, None, source)
    if _HASHER.check_needs_rehash(stored):
        store.update_user(name, actor=name, password_hash=_HASHER.hash(password))
    return store.get_user(name)


def _verify(stored: str, password: str) -> bool:
    try:
        return _HASHER.verify(stored, password)
    except (VerificationError, InvalidHashError):
        return False


def _now(store: Store) -> datetime:
    return store.now()


def secret_hash(secret: str) -> str:
    """SHA-256 of a token or session secret: what the database stores."""
    return hashlib.sha256(secret.encode()).hexdigest()


@dataclass(frozen=True)
class NewToken:
    """A token just made: ``secret`` is shown to the user once and never stored."""

    record: ApiTokenRecord
    secret: str


def issue_api_token(
    store: Store, user: UserRecord, name: str, actor: str | None = None
) -> NewToken:
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    record = store.add_api_token(
        user.id,
        name.strip() or "token",
        secret[:10],
        secret_hash(secret),
        actor=actor or user.username,
    )
    return NewToken(record, secret)


def user_for_api_token(store: Store, secret: str) -> UserRecord | None:
    """The active user a live token belongs to; ``None`` for unknown, revoked or disabled."""
    if not secret.startswith(TOKEN_PREFIX):
        return None
    found = store.user_for_api_token(secret_hash(secret))
    if found is None or found[0].disabled:
        return None
    return found[0]


@dataclass(frozen=True)
class NewSession:
    """A web session just started: the cookie value and its CSRF token."""

    secret: str
    csrf_token: str
    expires: datetime


def start_session(store: Store, user: UserRecord) -> NewSession:
    secret = secrets.token_urlsafe(32)
    csrf = secrets.token_urlsafe(32)
    expires = _now(store) + SESSION_LIFETIME
    store.start_session(user.id, secret_hash(secret), csrf, expires)
    return NewSession(secret, csrf, expires)


def session_user(store: Store, secret: str) -> tuple[UserRecord, str] | None:
    """The active user and CSRF token of a live session cookie; ``None`` otherwise."""
    if not secret:
        return None
    found = store.session_user(secret_hash(secret))
    if found is None or found[0].disabled:
        return None
    return found


def csrf_matches(expected: str, given: str | None) -> bool:
    return given is not None and hmac.compare_digest(expected.encode(), given.encode())
