"""Recipients and groups: list and search, and import a CSV (with a dry run to preview it).

The same operations as ``leaktrace recipients list`` and ``leaktrace recipients import``. A bad
CSV is refused whole (422) with every problem listed, one per bad row; nothing is written.
"""

from __future__ import annotations

from collections import Counter
from typing import Annotated

from fastapi import APIRouter, Depends, File, Query, Request, UploadFile

from leaktrace.service.api.models import (
    GroupOut,
    ImportOut,
    ImportRow,
    RecipientOut,
    RecipientPage,
    errors,
    recipient_out,
    text_query,
)
from leaktrace.service.api.uploads import max_input_bytes, read_upload
from leaktrace.service.auth import Principal, require, workspace_of
from leaktrace.service.permissions import Capability
from leaktrace.store import RecipientRow, Store
from leaktrace.store.csvimport import parse_recipients_csv

router = APIRouter(prefix="/recipients", tags=["recipients"])
Reader = Annotated[Principal, Depends(require(Capability.RECIPIENTS_READ))]
Writer = Annotated[Principal, Depends(require(Capability.RECIPIENTS_WRITE))]
PREVIEW_ROWS = 20


@router.get("", responses=errors(404))
def list_recipients(
    request: Request,
    principal: Reader,
    q: Annotated[
        str | None,
        text_query("Only ids, names or emails containing this."),
    ] = None,
    group: Annotated[str | None, text_query("Only this group.")] = None,
    offset: Annotated[int, Query(ge=0)] = 0,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
) -> RecipientPage:
    """Recipients by number, searched and filtered, one page at a time."""
    found = workspace_of(request).store.list_recipients(group=group or None, search=q or None)
    return RecipientPage(
        total=len(found),
        offset=offset,
        limit=limit,
        items=[recipient_out(r) for r in found[offset : offset + limit]],
    )


@router.get("/groups", responses=errors())
def list_groups(request: Request, principal: Reader) -> list[GroupOut]:
    """Every group with its number of members, by name."""
    sizes = Counter(g for r in workspace_of(request).store.all_recipients() for g in r.groups)
    return [GroupOut(name=name, members=sizes[name]) for name in sorted(sizes)]


@router.get("/{recipient_id}", responses=errors(404))
def get_recipient(request: Request, recipient_id: str, principal: Reader) -> RecipientOut:
    """One recipient by their id."""
    (found,) = workspace_of(request).store.recipients_by_external_ids([recipient_id])
    return recipient_out(found)


@router.post("/import", responses=errors())
def import_recipients(
    request: Request,
    principal: Writer,
    file: Annotated[UploadFile, File(description="CSV with columns id,name,email[,groups].")],
    dry_run: Annotated[
        bool, Query(description="Check the file and preview the import; write nothing.")
    ] = False,
) -> ImportOut:
    """Add recipients from a CSV; re-importing updates them (matched by id), never duplicates."""
    store = workspace_of(request).store
    name, data = read_upload(request, file, "recipients CSV")
    rows = parse_recipients_csv(data, source=name, max_bytes=max_input_bytes(request))
    known = store.recipient_numbers_by_external_id([r.external_id for r in rows])
    preview = [
        ImportRow(
            id=r.external_id,
            name=r.name,
            email=r.email,
            groups=None if r.groups is None else list(r.groups),
            new=r.external_id not in known,
        )
        for r in rows[:PREVIEW_ROWS]
    ]
    if dry_run:
        created, updated = len(rows) - len(known), _changed(store, rows, known)
    else:
        created, updated = store.upsert_recipients(rows, actor=principal.name)
    return ImportOut(
        dry_run=dry_run,
        rows=len(rows),
        created=created,
        updated=updated,
        unchanged=len(rows) - created - updated,
        preview=preview,
    )


def _changed(store: Store, rows: list[RecipientRow], known: dict[str, int]) -> int:
    """How many existing recipients the rows would change (name, email or groups)."""
    existing = {r.external_id: r for r in store.recipients_by_external_ids(list(known))}
    changed = 0
    for row in rows:
        now = existing.get(row.external_id)
        if now is None:
            continue
        groups = set(now.groups) if row.groups is None else set(row.groups)
        changed += (row.name, row.email, groups) != (now.name, now.email, set(now.groups))
    return changed
