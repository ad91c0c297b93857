"""Signing in and out, and the home page that sends each role where its work is."""

from __future__ import annotations

import secrets
from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from leaktrace import accounts
from leaktrace.service.auth import (
    LOGIN_CSRF_COOKIE,
    SESSION_COOKIE,
    Principal,
    current_principal,
    require,
    workspace_of,
)
from leaktrace.service.permissions import Capability
from leaktrace.service.templating import NAVIGATION, render

router = APIRouter()


def _safe_next(target: str | None) -> str:
    """Only a local path: never redirect a signed-in user to another site."""
    if target and target.startswith("/") and not target.startswith("//"):
        return target
    return "/"


@router.get("/")
async def home(request: Request) -> Response:
    principal = await current_principal(request)
    if principal is None:
        return RedirectResponse("/login", status_code=303)
    for _label, href, capability in NAVIGATION:
        if principal.can(capability):
            return RedirectResponse(href, status_code=303)
    return RedirectResponse("/account", status_code=303)


@router.get("/login")
async def login_page(request: Request, next: str | None = None, changed: str = "") -> Response:
    token = secrets.token_urlsafe(24)
    notice = "Your password was changed; sign in with the new one." if changed else None
    response = render(
        request, "login.html", next=_safe_next(next), login_csrf=token, error=None, notice=notice
    )
    _set_cookie(request, response, LOGIN_CSRF_COOKIE, token, max_age=3600)
    return response


@router.post("/login")
async def login(
    request: Request,
    username: Annotated[str, Form()],
    password: Annotated[str, Form()],
    csrf_token: Annotated[str, Form()] = "",
    next: Annotated[str, Form()] = "/",
) -> Response:
    expected = request.cookies.get(LOGIN_CSRF_COOKIE, "")
    if not expected or not accounts.csrf_matches(expected, csrf_token):
        return _login_again(request, next, "The sign-in form expired; please try again.", 403)
    store = workspace_of(request).store
    try:
        user = await run_in_threadpool(accounts.authenticate, store, username, password, "web")
    except accounts.AuthenticationError as error:
        return _login_again(request, next, str(error).capitalize() + ".", 401)
    session = await run_in_threadpool(accounts.start_session, store, user)
    response = RedirectResponse(_safe_next(next), status_code=303)
    _set_cookie(request, response, SESSION_COOKIE, session.secret, max_age=12 * 3600)
    response.delete_cookie(LOGIN_CSRF_COOKIE)
    return response


def _login_again(request: Request, next: str, error: str, status: int) -> Response:
    token = secrets.token_urlsafe(24)
    response = render(
        request, "login.html", status, next=_safe_next(next), login_csrf=token, error=error
    )
    _set_cookie(request, response, LOGIN_CSRF_COOKIE, token, max_age=3600)
    return response


@router.post("/logout")
def logout(
    request: Request, principal: Annotated[Principal, Depends(require(Capability.ACCOUNT))]
) -> Response:
    cookie = request.cookies.get(SESSION_COOKIE, "")
    workspace_of(request).store.end_session(accounts.secret_hash(cookie), actor=principal.name)
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(SESSION_COOKIE)
    return response


def _set_cookie(request: Request, response: Response, name: str, value: str, max_age: int) -> None:
    response.set_cookie(
        name,
        value,
        max_age=max_age,
        httponly=True,
        samesite="strict",
        secure=request.app.state.config.secure_cookies,
        path="/",
    )
