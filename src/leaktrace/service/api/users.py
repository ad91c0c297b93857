"""Users and API tokens, for admins: create, change roles, disable, reset passwords, revoke.

Every change is recorded in the audit log by the store. An admin cannot lock themselves out:
they may not disable their own account nor drop their own admin role.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request

from leaktrace.accounts import Role, check_username, create_user, hash_password, parse_roles
from leaktrace.errors import ConflictError, InputError
from leaktrace.service.api.models import (
    Id,
    TokenAdminOut,
    UserCreate,
    UserOut,
    UserUpdate,
    errors,
)
from leaktrace.service.auth import Principal, require, workspace_of
from leaktrace.service.permissions import Capability
from leaktrace.store import ApiTokenRecord, Store, UserRecord

router = APIRouter(tags=["users"])
Admin = Annotated[Principal, Depends(require(Capability.USERS_MANAGE))]


def _user_out(store: Store, user: UserRecord) -> UserOut:
    recipient = None
    if user.recipient_number is not None:
        (found,) = store.recipients_by_numbers([user.recipient_number])
        recipient = found.external_id
    return UserOut(
        id=user.id,
        username=user.username,
        display_name=user.display_name,
        roles=sorted(user.roles),
        recipient=recipient,
        disabled=user.disabled,
        locked_until=user.locked_until,
        created=user.created,
    )


def _token_out(record: ApiTokenRecord) -> TokenAdminOut:
    return TokenAdminOut(
        id=record.id,
        username=record.username,
        name=record.name,
        prefix=record.prefix,
        created=record.created,
        last_used=record.last_used,
        revoked=record.revoked,
    )


@router.get("/users", responses=errors())
def list_users(request: Request, principal: Admin) -> list[UserOut]:
    """Every user."""
    store = workspace_of(request).store
    return [_user_out(store, u) for u in store.list_users()]


@router.post("/users", status_code=201, responses=errors(404, 409))
def add_user(request: Request, body: UserCreate, principal: Admin) -> UserOut:
    """Create a user; a reader must be tied to the recipient whose copies they will read."""
    store = workspace_of(request).store
    number = None
    if body.recipient is not None:
        (found,) = store.recipients_by_external_ids([body.recipient])
        number = found.number
    user = create_user(
        store,
        body.username,
        body.display_name,
        body.password,
        parse_roles(body.roles),
        recipient_number=number,
        actor=principal.name,
    )
    return _user_out(store, user)


@router.get("/users/{username}", responses=errors(404))
def get_user(request: Request, username: str, principal: Admin) -> UserOut:
    """One user."""
    store = workspace_of(request).store
    return _user_out(store, store.get_user(check_username(username)))


@router.patch("/users/{username}", responses=errors(404, 409))
def update_user(request: Request, username: str, body: UserUpdate, principal: Admin) -> UserOut:
    """Change a user's name, roles or password, or disable or enable them.

    A new password or disabling ends the user's web sessions; their API tokens stay revocable
    one by one (and stop working while the user is disabled).
    """
    store = workspace_of(request).store
    user = store.get_user(check_username(username))
    roles = parse_roles(body.roles) if body.roles is not None else None
    if roles is not None and Role.READER in roles and user.recipient_number is None:
        raise InputError(
            f"{user.username} is tied to no recipient, so cannot be a reader; create a reader "
            "account with the recipient's id instead"
        )
    if user.id == principal.user.id and (
        body.disabled or (roles is not None and Role.ADMIN not in roles)
    ):
        raise ConflictError(
            "you cannot disable yourself or drop your own admin role; ask another admin"
        )
    updated = store.update_user(
        user.username,
        actor=principal.name,
        roles=None if roles is None else [r.value for r in roles],
        password_hash=None if body.password is None else hash_password(body.password),
        disabled=body.disabled,
        display_name=None if body.display_name is None else body.display_name.strip() or None,
    )
    return _user_out(store, updated)


@router.get("/tokens", responses=errors())
def list_tokens(request: Request, principal: Admin) -> list[TokenAdminOut]:
    """Every user's API tokens (never the tokens themselves)."""
    return [_token_out(t) for t in workspace_of(request).store.list_api_tokens()]


@router.delete("/tokens/{token_id}", responses=errors(404))
def revoke_token(request: Request, token_id: Id, principal: Admin) -> TokenAdminOut:
    """Revoke anyone's API token; it stops working at once."""
    store = workspace_of(request).store
    return _token_out(store.revoke_api_token(token_id, actor=principal.name))
