"""Users (admins only): list and create accounts, disable them, reset passwords, revoke tokens."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response

from leaktrace import accounts
from leaktrace.errors import InputError, LeaktraceError, NotFoundError
from leaktrace.service.auth import workspace_of
from leaktrace.service.pages.forms import Admin, error_status
from leaktrace.service.templating import render

router = APIRouter()


def _users_page(
    request: Request,
    status: int = 200,
    error: str | None = None,
    form: Mapping[str, object] | None = None,
) -> Response:
    store = workspace_of(request).store
    return render(
        request,
        "users.html",
        status,
        users=store.list_users(),
        roles=list(accounts.Role),
        error=error,
        form=form or {"roles": []},
    )


@router.get("/users")
def users_list(request: Request, principal: Admin) -> Response:
    return _users_page(request)


@router.post("/users")
def create(
    request: Request,
    principal: Admin,
    username: Annotated[str, Form()],
    password: Annotated[str, Form()],
    display_name: Annotated[str, Form()] = "",
    roles: Annotated[list[str] | None, Form()] = None,
    recipient: Annotated[str, Form()] = "",
) -> Response:
    store = workspace_of(request).store
    try:
        chosen = accounts.parse_roles(roles or [])
        number = None
        if recipient.strip():
            numbers = store.recipient_numbers_by_external_id([recipient.strip()])
            if recipient.strip() not in numbers:
                raise NotFoundError(
                    f"no recipient with id {recipient.strip()!r}; import them first"
                )
            number = numbers[recipient.strip()]
        user = accounts.create_user(
            store, username, display_name, password, chosen, number, actor=principal.name
        )
    except LeaktraceError as error:
        form = {
            "username": username,
            "display_name": display_name,
            "roles": roles or [],
            "recipient": recipient,
        }
        return _users_page(request, error_status(error), str(error), form)
    return RedirectResponse(f"/users/{user.username}?created=1", status_code=303)


def _user_page(
    request: Request,
    username: str,
    status: int = 200,
    error: str | None = None,
    notice: str | None = None,
) -> Response:
    store = workspace_of(request).store
    user = store.get_user(username)
    recipient = None
    if user.recipient_number is not None:
        recipient = store.recipients_by_numbers([user.recipient_number])[0]
    return render(
        request,
        "user.html",
        status,
        user=user,
        recipient=recipient,
        tokens=store.list_api_tokens(user.id),
        error=error,
        notice=notice or ("Account created." if request.query_params.get("created") else None),
    )


@router.get("/users/{username}")
def user_page(request: Request, username: str, principal: Admin) -> Response:
    return _user_page(request, username)


@router.post("/users/{username}/status")
def set_status(
    request: Request, username: str, principal: Admin, action: Annotated[str, Form()]
) -> Response:
    if action not in ("disable", "enable"):
        raise InputError(f"unknown action {action!r}: choose disable or enable")
    if username == principal.name and action == "disable":
        raise InputError("you cannot disable your own account; ask another admin")
    workspace_of(request).store.update_user(
        username, actor=principal.name, disabled=action == "disable"
    )
    return _user_page(request, username, notice=f"Account {action}d.")


@router.post("/users/{username}/password")
def reset_password(
    request: Request, username: str, principal: Admin, password: Annotated[str, Form()]
) -> Response:
    store = workspace_of(request).store
    store.get_user(username)
    try:
        hashed = accounts.hash_password(password)
    except LeaktraceError as error:
        return _user_page(request, username, error_status(error), str(error))
    store.update_user(username, actor=principal.name, password_hash=hashed)
    return _user_page(request, username, notice="Password reset; their web sessions were ended.")


@router.post("/users/{username}/tokens/{token_id}/revoke")
def revoke_token(request: Request, username: str, token_id: int, principal: Admin) -> Response:
    store = workspace_of(request).store
    user = store.get_user(username)
    token = store.get_api_token(token_id)
    if token.user_id != user.id:
        raise NotFoundError(f"{username} has no API token with id {token_id}")
    store.revoke_api_token(token_id, actor=principal.name)
    return _user_page(request, username, notice=f"Token {token.name} revoked.")
