"""The signed-in user: who am I, and my API tokens."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Depends, Request
from pydantic import BaseModel, Field

from leaktrace import __version__
from leaktrace.accounts import issue_api_token
from leaktrace.errors import NotFoundError
from leaktrace.service.api.models import Id, errors
from leaktrace.service.auth import Principal, require, workspace_of
from leaktrace.service.permissions import Capability
from leaktrace.store import ApiTokenRecord

router = APIRouter(tags=["account"])
Account = Annotated[Principal, Depends(require(Capability.ACCOUNT))]


class Health(BaseModel):
    status: str = Field(examples=["ok"])
    version: str


class Me(BaseModel):
    username: str
    display_name: str
    roles: list[str]
    recipient_number: int | None


class TokenOut(BaseModel):
    id: int
    name: str
    prefix: str = Field(description="The first characters of the token, to tell tokens apart.")
    created: datetime
    last_used: datetime | None
    revoked: datetime | None


class TokenCreate(BaseModel):
    name: str = Field(min_length=1, max_length=100, examples=["laptop"])


class TokenCreated(TokenOut):
    token: str = Field(description="The token itself: shown once, never stored. Keep it secret.")


def token_out(record: ApiTokenRecord) -> TokenOut:
    return TokenOut(
        id=record.id,
        name=record.name,
        prefix=record.prefix,
        created=record.created,
        last_used=record.last_used,
        revoked=record.revoked,
    )


@router.get("/health")
def health() -> Health:
    """Liveness: answers without signing in, reveals nothing but the version."""
    return Health(status="ok", version=__version__)


@router.get("/me")
def me(principal: Account) -> Me:
    """The signed-in user."""
    user = principal.user
    return Me(
        username=user.username,
        display_name=user.display_name,
        roles=sorted(user.roles),
        recipient_number=user.recipient_number,
    )


@router.get("/me/tokens")
def my_tokens(request: Request, principal: Account) -> list[TokenOut]:
    """My API tokens (never the tokens themselves)."""
    store = workspace_of(request).store
    return [token_out(t) for t in store.list_api_tokens(principal.user.id)]


@router.post("/me/tokens", status_code=201)
def create_token(request: Request, body: TokenCreate, principal: Account) -> TokenCreated:
    """Create an API token for myself; the response is the only time it is shown."""
    new = issue_api_token(workspace_of(request).store, principal.user, body.name, principal.name)
    return TokenCreated(**token_out(new.record).model_dump(), token=new.secret)


@router.delete("/me/tokens/{token_id}", responses=errors(404))
def revoke_token(request: Request, token_id: Id, principal: Account) -> TokenOut:
    """Revoke one of my tokens; it stops working at once."""
    store = workspace_of(request).store
    record = store.get_api_token(token_id)
    if record.user_id != principal.user.id:
        raise NotFoundError(f"you have no API token with id {token_id}")
    return token_out(store.revoke_api_token(token_id, actor=principal.name))
