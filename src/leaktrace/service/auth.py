"""Who is asking, and may they: sessions, API tokens, CSRF and the capability check.

A request is signed in either by an API token (``Authorization: Bearer lt_...``: scripts and
the CLI's peers; no CSRF check, as no browser sends it by itself) or by the session cookie
(``HttpOnly``, ``SameSite=Strict``). A state-changing request on a session must also carry the
session's CSRF token, in the ``X-CSRF-Token`` header or the ``csrf_token`` form field: the
synchroniser-token pattern of the OWASP CSRF cheat sheet. Every route depends on
:func:`require` with one capability; see :mod:`leaktrace.service.permissions`.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Literal

from fastapi import Request
from starlette.concurrency import run_in_threadpool

from leaktrace import accounts
from leaktrace.service.permissions import Capability, allowed
from leaktrace.store import UserRecord
from leaktrace.workspace import Workspace

SESSION_COOKIE = "leaktrace_session"
LOGIN_CSRF_COOKIE = "leaktrace_login_csrf"
CSRF_HEADER = "X-CSRF-Token"
CSRF_FIELD = "csrf_token"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


@dataclass(frozen=True)
class Principal:
    """The signed-in user of a request and how they signed in."""

    user: UserRecord
    via: Literal["session", "token"]
    csrf_token: str | None

    @property
    def name(self) -> str:
        """What the audit log records as the actor."""
        return self.user.username

    def can(self, capability: Capability | str) -> bool:
        return allowed(self.user.roles, Capability(capability))


class NotSignedIn(Exception):
    """No valid session or token: 401 for the API, a redirect to the sign-in page otherwise."""


class Forbidden(Exception):
    """Signed in, but the user's roles do not hold the capability (403)."""

    def __init__(self, message: str = "your roles do not allow this") -> None:
        super().__init__(message)


class CsrfFailed(Exception):
    """A state-changing request on a session without the session's CSRF token (403)."""


def workspace_of(request: Request) -> Workspace:
    workspace: Workspace = request.app.state.workspace
    return workspace


def _find_principal(
    workspace: Workspace, authorization: str | None, cookie: str | None
) -> Principal | None:
    if authorization:
        scheme, _, secret = authorization.partition(" ")
        if scheme.lower() != "bearer" or not secret.strip():
            return None
        user = accounts.user_for_api_token(workspace.store, secret.strip())
        return Principal(user, "token", None) if user is not None else None
    if cookie:
        found = accounts.session_user(workspace.store, cookie)
        if found is not None:
            return Principal(found[0], "session", found[1])
    return None


async def current_principal(request: Request) -> Principal | None:
    """The request's principal, looked up once per request; ``None`` when not signed in."""
    if hasattr(request.state, "principal"):
        cached: Principal | None = request.state.principal
        return cached
    principal = await run_in_threadpool(
        _find_principal,
        workspace_of(request),
        request.headers.get("authorization"),
        request.cookies.get(SESSION_COOKIE),
    )
    request.state.principal = principal
    return principal


async def check_csrf(request: Request, principal: Principal) -> None:
    if request.method in SAFE_METHODS or principal.via != "session":
        return
    expected = principal.csrf_token or ""
    given = request.headers.get(CSRF_HEADER)
    if given is None:
        content_type = request.headers.get("content-type", "")
        if content_type.startswith(("application/x-www-form-urlencoded", "multipart/form-data")):
            value = (await request.form()).get(CSRF_FIELD)
            given = value if isinstance(value, str) else None
    if not accounts.csrf_matches(expected, given):
        raise CsrfFailed()


def require(capability: Capability) -> Callable[[Request], Awaitable[Principal]]:
    """A FastAPI dependency: the signed-in principal holding ``capability``, or 401/403.

    Example:
        >>> dependency = require(Capability.TRACE)
        >>> dependency.capability
        <Capability.TRACE: 'trace'>
    """

    async def dependency(request: Request) -> Principal:
        principal = await current_principal(request)
        if principal is None:
            raise NotSignedIn()
        if not principal.can(capability):
            raise Forbidden(
                f"your roles ({', '.join(sorted(principal.user.roles))}) do not allow "
                f"{capability.value}"
            )
        await check_csrf(request, principal)
        return principal

    dependency.capability = capability  # type: ignore[attr-defined]
    return dependency
