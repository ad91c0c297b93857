"""The signed-in person's own account: profile, API tokens (shown once) and password."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response

from leaktrace import accounts
from leaktrace.errors import InputError, LeaktraceError, NotFoundError
from leaktrace.service.auth import Principal, workspace_of
from leaktrace.service.pages.forms import Anyone, error_status
from leaktrace.service.templating import render

router = APIRouter()


def _account_page(
    request: Request,
    principal: Principal,
    status: int = 200,
    error: str | None = None,
    notice: str | None = None,
    new_token: accounts.NewToken | None = None,
) -> Response:
    store = workspace_of(request).store
    recipient = None
    if principal.user.recipient_number is not None:
        recipient = store.recipients_by_numbers([principal.user.recipient_number])[0]
    return render(
        request,
        "account.html",
        status,
        user=principal.user,
        recipient=recipient,
        tokens=store.list_api_tokens(principal.user.id),
        error=error,
        notice=notice,
        new_token=new_token,
    )


@router.get("/account")
def account(request: Request, principal: Anyone) -> Response:
    return _account_page(request, principal)


@router.post("/account/tokens")
def create_token(
    request: Request, principal: Anyone, name: Annotated[str, Form()] = ""
) -> Response:
    if not name.strip():
        return _account_page(request, principal, 422, "name the token (e.g. laptop, CI)")
    new = accounts.issue_api_token(
        workspace_of(request).store, principal.user, name[:100], principal.name
    )
    return _account_page(request, principal, new_token=new)


@router.post("/account/tokens/{token_id}/revoke")
def revoke_token(request: Request, token_id: int, principal: Anyone) -> Response:
    store = workspace_of(request).store
    token = store.get_api_token(token_id)
    if token.user_id != principal.user.id:
        raise NotFoundError(f"you have no API token with id {token_id}")
    store.revoke_api_token(token_id, actor=principal.name)
    return _account_page(request, principal, notice=f"Token {token.name} revoked.")


@router.post("/account/password")
def change_password(
    request: Request,
    principal: Anyone,
    current: Annotated[str, Form()],
    new: Annotated[str, Form()],
    repeat: Annotated[str, Form()],
) -> Response:
    store = workspace_of(request).store
    try:
        if new != repeat:
            raise InputError("the new password and its repetition differ; type them again")
        hashed = accounts.hash_password(new)
        accounts.authenticate(store, principal.name, current, "password change")
    except LeaktraceError as error:
        return _account_page(request, principal, error_status(error), str(error))
    store.update_user(principal.name, actor=principal.name, password_hash=hashed)
    return RedirectResponse("/login?changed=1", status_code=303)
