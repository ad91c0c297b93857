"""The reader portal: a reader lists their own copies and reads one; every view is recorded.

A reader is tied to one recipient and sees only the copies published to the portal for that
recipient. Any other batch, existing or not, is the same 404, so a reader learns nothing about
copies that are not theirs.
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from leaktrace.errors import NotFoundError
from leaktrace.issuing import render_copy, render_copy_pages
from leaktrace.service.auth import Principal, workspace_of
from leaktrace.service.pages.forms import PortalReader
from leaktrace.service.templating import render
from leaktrace.store import ReceivedCopy, Store

router = APIRouter()


def own_copies(store: Store, principal: Principal) -> list[ReceivedCopy]:
    """The released portal copies of the reader's recipient, newest first."""
    number = principal.user.recipient_number
    if number is None:
        return []
    return [c for c in store.copies_of_recipient(number, "portal") if c.status == "released"]


@router.get("/portal")
def my_copies(request: Request, principal: PortalReader) -> Response:
    copies = own_copies(workspace_of(request).store, principal)
    return render(request, "portal.html", copies=copies)


@router.get("/portal/{batch_id}")
def read_copy(request: Request, batch_id: int, principal: PortalReader) -> Response:
    workspace = workspace_of(request)
    store = workspace.store
    found = [c for c in own_copies(store, principal) if c.batch_id == batch_id]
    number = principal.user.recipient_number
    if not found or number is None:
        raise NotFoundError(f"you have no copy in batch {batch_id}; see My copies for yours")
    copy = found[0]
    pages = render_copy_pages(store, workspace.key, batch_id, number)
    text = "" if pages is not None else render_copy(store, workspace.key, batch_id, number)
    store.audit(
        principal.name,
        "copy.view",
        f"batch {batch_id}",
        {"recipient": number, "document": copy.doc_id, "version": copy.version},
    )
    return render(request, "copy.html", copy=copy, text=text, pages=pages)
