"""Documents: list, read, upload, review variation points, and see how each was issued.

The same operations as ``leaktrace add``, ``documents`` and ``points``: each route reads its
input, calls one function of :mod:`leaktrace.documents` and shapes the answer.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, File, Form, Request, UploadFile

from leaktrace.documents import add_alternative, add_document_bytes, point_views, set_vetoes
from leaktrace.service.api.models import (
    PLAIN,
    AlternativeIn,
    BatchOut,
    DocumentAdded,
    DocumentOut,
    DocumentSummary,
    PointNumbers,
    PointOut,
    VersionOut,
    batch_out,
    errors,
    point_out,
    text_query,
)
from leaktrace.service.api.uploads import max_input_bytes, read_upload
from leaktrace.service.auth import Principal, require, workspace_of
from leaktrace.service.permissions import Capability
from leaktrace.store import VersionRecord, VersionSummary

router = APIRouter(prefix="/documents", tags=["documents"])
Reader = Annotated[Principal, Depends(require(Capability.DOCUMENTS_READ))]
Writer = Annotated[Principal, Depends(require(Capability.DOCUMENTS_WRITE))]


def version_out(version: VersionSummary | VersionRecord) -> VersionOut:
    return VersionOut(
        number=version.number,
        title=version.title,
        format=version.format,
        variety=version.variety,
        sha256=version.sha256,
        created=version.created,
    )


@router.get("", responses=errors())
def list_documents(request: Request, principal: Reader) -> list[DocumentSummary]:
    """Every document, with its latest version."""
    return [
        DocumentSummary(
            id=d.doc_id,
            title=d.title,
            created=d.created,
            versions=len(d.versions),
            latest=version_out(d.latest),
        )
        for d in workspace_of(request).store.list_documents()
    ]


@router.post("", status_code=201, responses=errors(409))
def add_document(
    request: Request,
    principal: Writer,
    file: Annotated[
        UploadFile,
        File(
            description="The document: a UTF-8 .txt or .md file, or a .docx, .pdf (with a text "
            "layer), .html or .eml document."
        ),
    ],
    doc_id: Annotated[
        str | None,
        Form(
            alias="id",
            max_length=80,
            pattern=PLAIN,
            description="Document id (default: from the file name).",
        ),
    ] = None,
    title: Annotated[
        str | None,
        Form(max_length=200, pattern=PLAIN, description="Title (default: from the text)."),
    ] = None,
    fixed: Annotated[
        list[str] | None, Form(description="Phrases every copy keeps exactly (repeatable).")
    ] = None,
) -> DocumentAdded:
    """Register a document, or a new version of one, and find its variation points."""
    name, data = read_upload(request, file, "document")
    added = add_document_bytes(
        workspace_of(request).store,
        data,
        name,
        doc_id=doc_id or None,
        title=title or None,
        fixed=fixed or (),
        max_bytes=max_input_bytes(request),
        actor=principal.name,
    )
    return DocumentAdded(
        id=added.version.doc_id,
        version=version_out(added.version),
        points=len(added.points),
        words=added.words,
    )


@router.get("/{doc_id}", responses=errors(404))
def get_document(request: Request, doc_id: str, principal: Reader) -> DocumentOut:
    """A document's versions, and the latest version's text and variation points."""
    store = workspace_of(request).store
    document = store.get_document(doc_id)
    version, views = point_views(store, doc_id)
    return DocumentOut(
        id=document.doc_id,
        title=document.title,
        created=document.created,
        versions=[version_out(v) for v in document.versions],
        latest=version_out(version),
        text=version.text,
        words=len(version.text.split()),
        points=[point_out(v) for v in views],
        points_active=sum(not v.vetoed for v in views),
    )


@router.get("/{doc_id}/points", responses=errors(404))
def list_points(
    request: Request,
    doc_id: str,
    principal: Reader,
    kind: Annotated[str | None, text_query("Only this kind.")] = None,
) -> list[PointOut]:
    """The latest version's variation points in order, optionally of one kind."""
    _, views = point_views(workspace_of(request).store, doc_id)
    return [point_out(v) for v in views if kind is None or v.point.kind == kind]


@router.post("/{doc_id}/points/veto", responses=errors(404))
def veto_points(
    request: Request, doc_id: str, body: PointNumbers, principal: Writer
) -> list[PointOut]:
    """Veto points: copies issued from now on keep the author's wording there."""
    return _set(request, doc_id, body, True, principal)


@router.post("/{doc_id}/points/restore", responses=errors(404))
def restore_points(
    request: Request, doc_id: str, body: PointNumbers, principal: Writer
) -> list[PointOut]:
    """Restore vetoed points: copies issued from now on vary there again."""
    return _set(request, doc_id, body, False, principal)


def _set(
    request: Request, doc_id: str, body: PointNumbers, vetoed: bool, principal: Principal
) -> list[PointOut]:
    store = workspace_of(request).store
    changed = {v.number for v in set_vetoes(store, doc_id, body.points, vetoed, principal.name)}
    _, views = point_views(store, doc_id)
    return [point_out(v) for v in views if v.number in changed]


@router.post("/{doc_id}/alternatives", status_code=201, responses=errors(404))
def add_author_alternative(
    request: Request, doc_id: str, body: AlternativeIn, principal: Writer
) -> PointOut:
    """Add the author's own variation point: a phrase and approved rewordings of it."""
    store = workspace_of(request).store
    point = add_alternative(store, doc_id, body.phrase, body.alternatives, principal.name)
    _, views = point_views(store, doc_id)
    return next(point_out(v) for v in views if v.point.key == point.key)


@router.get("/{doc_id}/issues", responses=errors(404))
def document_issues(request: Request, doc_id: str, principal: Reader) -> list[BatchOut]:
    """Every issuance of every version of the document, oldest first."""
    store = workspace_of(request).store
    document = store.get_document(doc_id)
    return [
        batch_out(batch, document.doc_id, version.number)
        for version in document.versions
        for batch in store.issuance_batches_of_version(version.id)
    ]
