"""Traces: trace pasted text or an uploaded file, and read stored traces.

The same operations as ``leaktrace trace --json`` and ``leaktrace traces``: a trace answers
with exactly the ``--json`` object (schema ``leaktrace.trace/1``, ``docs/trace-json.md``) plus
the id it is stored under, and every trace is recorded with an audit entry.
"""

from __future__ import annotations

import json
from typing import Annotated, Any

from fastapi import APIRouter, Depends, File, Form, Query, Request, UploadFile
from fastapi.responses import Response

from leaktrace import report
from leaktrace.jsonout import trace_to_dict
from leaktrace.service.api.models import (
    Id,
    StoredTraceOut,
    TraceIn,
    TraceOut,
    TraceResultOut,
    TraceSummary,
    errors,
)
from leaktrace.service.api.uploads import check_text_size, max_input_bytes, read_upload
from leaktrace.service.auth import Principal, require, workspace_of
from leaktrace.service.permissions import Capability
from leaktrace.service.reports import REPORT_RESPONSES, ReportFormat, report_response
from leaktrace.store import TraceRecord
from leaktrace.tracing import trace_bytes, trace_input

router = APIRouter(prefix="/traces", tags=["traces"])
Investigator = Annotated[Principal, Depends(require(Capability.TRACE))]


def _trace(
    request: Request, text: str, name: str, level: float | None, principal: Principal
) -> TraceOut:
    workspace = workspace_of(request)
    chosen = level if level is not None else request.app.state.config.level
    traced = trace_input(
        workspace.store, workspace.key, text, name, level=chosen, actor=principal.name
    )
    result: dict[str, Any] = trace_to_dict(traced.result, traced.text)
    return TraceOut.model_validate({**result, "trace_id": traced.trace_id})


@router.post("", status_code=201, responses=errors())
def trace_text(request: Request, body: TraceIn, principal: Investigator) -> TraceOut:
    """Trace pasted text (an extract, an article quoting one) to a document and a recipient."""
    check_text_size(request, body.text, "text")
    return _trace(request, body.text, body.name, body.level, principal)


@router.post("/file", status_code=201, responses=errors())
def trace_upload(
    request: Request,
    principal: Investigator,
    file: Annotated[
        UploadFile,
        File(
            description="What surfaced: UTF-8 text, .docx, .pdf, .html, .eml, or a picture of a "
            "page (.png, .jpg, .tiff); the file name's suffix says which."
        ),
    ],
    level: Annotated[
        float | None, Form(gt=0, lt=1, description="The false-accusation level.")
    ] = None,
) -> TraceOut:
    """Trace an uploaded file: text, a document, or a picture of a page (words by OCR, and the
    layout marks of typeset copies)."""
    name, data = read_upload(request, file, "file")
    workspace = workspace_of(request)
    chosen = level if level is not None else request.app.state.config.level
    traced = trace_bytes(
        workspace.store,
        workspace.key,
        data,
        name,
        level=chosen,
        max_bytes=max_input_bytes(request),
        actor=principal.name,
    )
    result: dict[str, Any] = trace_to_dict(traced.result, traced.text)
    return TraceOut.model_validate({**result, "trace_id": traced.trace_id})


def _summary(record: TraceRecord) -> TraceSummary:
    return TraceSummary(
        id=record.id,
        created=record.created,
        input_name=record.input_name,
        input_sha256=record.input_sha256,
        verdict=record.verdict,
        actor=record.actor,
    )


@router.get("", responses=errors())
def list_traces(
    request: Request,
    principal: Investigator,
    limit: Annotated[int, Query(ge=1, le=1000, description="How many recent traces.")] = 50,
) -> list[TraceSummary]:
    """The most recent traces, oldest first."""
    return [_summary(t) for t in workspace_of(request).store.list_traces(limit)]


@router.get("/{trace_id}", responses=errors(404))
def get_trace(request: Request, trace_id: Id, principal: Investigator) -> StoredTraceOut:
    """A stored trace, with its result exactly as it was recorded."""
    record = workspace_of(request).store.get_trace(trace_id)
    result = TraceResultOut.model_validate(json.loads(record.result_json))
    return StoredTraceOut(**_summary(record).model_dump(), result=result)


@router.get(
    "/{trace_id}/report",
    response_class=Response,
    responses={**REPORT_RESPONSES, **errors(404)},
)
def trace_report(
    request: Request,
    trace_id: Id,
    principal: Investigator,
    format: Annotated[ReportFormat, Query(description="html or pdf.")] = "html",
) -> Response:
    """The evidence report of one stored trace as a file (HTML or PDF), sealed with its own
    SHA-256. Exporting it is an audit entry (``report.export``)."""
    workspace = workspace_of(request)
    built = report.trace_report(
        workspace.store, workspace.key, trace_id, generated_by=principal.name
    )
    return report_response(workspace, built, format, principal)
