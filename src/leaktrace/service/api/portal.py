"""The reader portal's API: a reader lists and reads their own copies, and nothing else.

A reader is tied to one recipient; a copy is theirs when a batch published to the portal
issued one to that recipient. Any other batch is "not found" (404), exactly as a batch that does
not exist, so a reader learns nothing about other batches. Every read is recorded in the audit
log (action ``copy.view``).
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request

from leaktrace.errors import NotFoundError
from leaktrace.issuing import render_copy
from leaktrace.service.api.models import CopyOut, CopyText, Id, errors
from leaktrace.service.auth import Principal, require, workspace_of
from leaktrace.service.permissions import Capability
from leaktrace.store import ReceivedCopy, Store

router = APIRouter(prefix="/portal", tags=["portal"])
Reader = Annotated[Principal, Depends(require(Capability.PORTAL))]
CHANNEL = "portal"


def _copies(store: Store, principal: Principal) -> list[ReceivedCopy]:
    number = principal.user.recipient_number
    if number is None:
        return []
    return [c for c in store.copies_of_recipient(number, channel=CHANNEL) if c.status == "released"]


def _copy_out(copy: ReceivedCopy) -> CopyOut:
    return CopyOut(
        batch_id=copy.batch_id,
        document=copy.doc_id,
        title=copy.title,
        version=copy.version,
        issued=copy.issued,
    )


@router.get("/copies", responses=errors())
def my_copies(request: Request, principal: Reader) -> list[CopyOut]:
    """The copies published to me, newest first."""
    return [_copy_out(c) for c in _copies(workspace_of(request).store, principal)]


@router.get("/copies/{batch_id}", responses=errors(404))
def read_copy(request: Request, batch_id: Id, principal: Reader) -> CopyText:
    """My copy from one batch, exactly as issued to me; the read is recorded."""
    workspace = workspace_of(request)
    store = workspace.store
    mine = {c.batch_id: c for c in _copies(store, principal)}
    copy = mine.get(batch_id)
    number = principal.user.recipient_number
    if copy is None or number is None:
        raise NotFoundError(f"you have no copy in batch {batch_id}; see your list of copies")
    text = render_copy(store, workspace.key, batch_id, number)
    (recipient,) = store.recipients_by_numbers([number])
    store.audit(
        principal.name,
        "copy.view",
        f"batch {batch_id}",
        {"recipient": recipient.external_id, "document": copy.doc_id, "version": copy.version},
    )
    return CopyText(**_copy_out(copy).model_dump(), text=text)
