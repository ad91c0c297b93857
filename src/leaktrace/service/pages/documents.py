"""Documents: the list, upload, and the review page (text with its points, vetoes, history)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, File, Form, Request, UploadFile
from fastapi.responses import RedirectResponse, Response

from leaktrace.documents import PointView, add_document_bytes, point_views, set_vetoes
from leaktrace.errors import InputError, LeaktraceError
from leaktrace.service.auth import workspace_of
from leaktrace.service.pages.forms import (
    DocumentsRead,
    DocumentsWrite,
    error_status,
    max_input_bytes,
    read_upload,
)
from leaktrace.service.templating import render
from leaktrace.store import IssueBatch, VersionSummary

router = APIRouter()


@dataclass(frozen=True)
class Piece:
    """A stretch of the document text; ``number`` is set where it is a variation point."""

    text: str
    number: int | None = None
    tip: str = ""
    vetoed: bool = False
    kind: str = ""


def shown(option: str, limit: int = 60) -> str:
    """An option as a person reads it: ∅ for nothing, long ones cut."""
    option = " ".join(option.split())
    if not option:
        return "∅"
    return option if len(option) <= limit else option[: limit - 1] + "…"


def pieces_of(text: str, views: list[PointView]) -> list[Piece]:
    """``text`` cut into plain stretches and marked occurrences of points, in order."""
    marks: list[tuple[int, int, PointView, tuple[str, ...]]] = []
    for view in views:
        for occurrence in view.point.occurrences:
            marks.append((occurrence.start, occurrence.end, view, occurrence.renderings))
    marks.sort(key=lambda m: (m[0], m[1]))
    pieces: list[Piece] = []
    cursor = 0
    for start, end, view, renderings in marks:
        if start < cursor:
            continue  # never expected: points do not overlap
        if start > cursor:
            pieces.append(Piece(text[cursor:start]))
        point = view.point
        options = [
            shown(r) + (" (as written)" if i == point.original else "")
            for i, r in enumerate(renderings)
        ]
        state = " · vetoed" if view.vetoed else ""
        tip = f"#{view.number} {point.kind}{state}: " + " / ".join(options)
        pieces.append(Piece(text[start:end], view.number, tip, view.vetoed, point.kind))
        cursor = end
    pieces.append(Piece(text[cursor:]))
    return pieces


@router.get("/documents")
def documents_list(request: Request, principal: DocumentsRead) -> Response:
    documents = workspace_of(request).store.list_documents()
    return render(request, "documents.html", documents=documents)


@router.get("/documents/new")
def upload_form(request: Request, principal: DocumentsWrite) -> Response:
    return render(request, "document_new.html", error=None, form={})


@router.post("/documents")
def upload(
    request: Request,
    principal: DocumentsWrite,
    file: Annotated[UploadFile | None, File()] = None,
    doc_id: Annotated[str, Form()] = "",
    title: Annotated[str, Form()] = "",
    fixed: Annotated[str, Form()] = "",
) -> Response:
    limit = max_input_bytes(request)
    try:
        data, name = read_upload(file, limit, "a document (.txt, .md, .docx, .pdf, .html, .eml)")
        added = add_document_bytes(
            workspace_of(request).store,
            data,
            name,
            doc_id=doc_id.strip() or None,
            title=title.strip() or None,
            fixed=[line.strip() for line in fixed.splitlines() if line.strip()],
            max_bytes=limit,
            actor=principal.name,
        )
    except LeaktraceError as error:
        form = {"doc_id": doc_id, "title": title, "fixed": fixed}
        return render(
            request, "document_new.html", error_status(error), error=str(error), form=form
        )
    return RedirectResponse(
        f"/documents/{added.version.doc_id}?added={len(added.points)}", status_code=303
    )


@router.get("/documents/{doc_id}")
def document_page(
    request: Request, doc_id: str, principal: DocumentsRead, kind: str = ""
) -> Response:
    store = workspace_of(request).store
    version, views = point_views(store, doc_id)
    document = store.get_document(doc_id)
    history: list[tuple[VersionSummary, list[IssueBatch]]] = [
        (v, store.issuance_batches_of_version(v.id)) for v in reversed(document.versions)
    ]
    kinds = Counter(view.point.kind for view in views)
    listed = [view for view in views if not kind or view.point.kind == kind]
    return render(
        request,
        "document.html",
        document=document,
        current=version,
        pieces=pieces_of(version.text, views),
        views=views,
        listed=listed,
        kinds=sorted(kinds.items()),
        kind=kind,
        vetoed=sum(view.vetoed for view in views),
        words=len(version.text.split()),
        history=history,
        batches=sum(len(batches) for _, batches in history),
        added=request.query_params.get("added"),
        shown=shown,
    )


@router.post("/documents/{doc_id}/points/{number}")
def veto_or_restore(
    request: Request,
    doc_id: str,
    number: int,
    principal: DocumentsWrite,
    action: Annotated[str, Form()],
    kind: Annotated[str, Form()] = "",
) -> Response:
    if action not in ("veto", "restore"):
        raise InputError(f"unknown action {action!r}: choose veto or restore")
    store = workspace_of(request).store
    set_vetoes(store, doc_id, [number], action == "veto", actor=principal.name)
    back = f"/documents/{doc_id}" + (f"?kind={quote(kind)}" if kind else "")
    return RedirectResponse(f"{back}#p{number}", status_code=303)
