"""Cases: open one, assign investigators, add what surfaced, read and reproduce the verdict.

The same operations as ``leaktrace case`` and ``leaktrace report``, acting as the signed-in
user: only admins and the investigators assigned to a case see it, and any other case answers
404 exactly like one that does not exist (:mod:`leaktrace.cases` decides). Adding an item traces
it, stores it with its custody and re-scores the case over every item, in one transaction.
"""

from __future__ import annotations

import json
from typing import Annotated, Any

from fastapi import APIRouter, Depends, File, Form, Query, Request, UploadFile
from fastapi.responses import Response

from leaktrace import cases, report
from leaktrace.service.api.models import (
    PLAIN,
    AssignIn,
    AssignOut,
    CaseIn,
    CaseItemAdded,
    CaseItemIn,
    CaseItemOut,
    CaseName,
    CaseOut,
    CaseSummary,
    CaseVerdictOut,
    CaseVerificationOut,
    TraceResultOut,
    VerdictHistoryOut,
    errors,
)
from leaktrace.service.api.uploads import check_text_size, read_upload
from leaktrace.service.auth import Principal, require, workspace_of
from leaktrace.service.permissions import Capability
from leaktrace.service.reports import REPORT_RESPONSES, ReportFormat, actor_of, report_response
from leaktrace.store import CaseItemRecord, CaseRecord

router = APIRouter(prefix="/cases", tags=["cases"])
CaseWorker = Annotated[Principal, Depends(require(Capability.CASES))]


def _summary(record: CaseRecord) -> CaseSummary:
    return CaseSummary(
        name=record.name,
        status=record.status,
        purpose=record.purpose,
        authorised_by=record.authorised_by,
        created_by=record.created_by,
        created=record.created,
        investigators=list(record.investigators),
        items=record.items,
    )


def _item(item: CaseItemRecord) -> CaseItemOut:
    return CaseItemOut(
        seq=item.seq,
        name=item.input_name,
        sha256=item.content_sha256,
        source=item.source,
        added_by=item.added_by,
        added=item.added,
        verdict=str(json.loads(item.trace_result_json).get("verdict", "")),
    )


def _verdict(data: dict[str, Any] | None) -> CaseVerdictOut | None:
    return None if data is None else CaseVerdictOut.model_validate(data)


@router.get("", responses=errors())
def list_cases(request: Request, principal: CaseWorker) -> list[CaseSummary]:
    """The cases you may see (admins: every case), oldest first."""
    store = workspace_of(request).store
    return [_summary(c) for c in cases.list_cases(store, actor=actor_of(principal))]


@router.post("", status_code=201, responses=errors(409))
def open_case(request: Request, body: CaseIn, principal: CaseWorker) -> CaseSummary:
    """Open a case, recording its purpose and who authorised it; you are its first investigator."""
    record = cases.open_case(
        workspace_of(request).store,
        body.name,
        purpose=body.purpose,
        authorised_by=body.authorised_by,
        actor=actor_of(principal),
    )
    return _summary(record)


@router.get("/{name}", responses=errors(404))
def get_case(request: Request, name: CaseName, principal: CaseWorker) -> CaseOut:
    """A case: its items with their custody, the current verdict and the verdict history."""
    view = cases.show_case(workspace_of(request).store, name, actor=actor_of(principal))
    record = view.case
    return CaseOut(
        name=record.name,
        status=record.status,
        purpose=record.purpose,
        authorised_by=record.authorised_by,
        created_by=record.created_by,
        created=record.created,
        investigators=list(record.investigators),
        items=[_item(i) for i in view.items],
        verdict=_verdict(view.current_result()),
        history=[
            VerdictHistoryOut(
                after_item=v.after_seq,
                at=v.at,
                verdict=v.verdict,
                accused=json.loads(v.result_json).get("accused", []),
            )
            for v in view.verdicts
        ],
    )


@router.post("/{name}/investigators", responses=errors(404))
def assign(request: Request, name: CaseName, body: AssignIn, principal: CaseWorker) -> AssignOut:
    """Give an active investigator access to the case (an admin or someone on the case may)."""
    added = cases.assign(
        workspace_of(request).store, name, body.username, actor=actor_of(principal)
    )
    return AssignOut(case=name, username=body.username, assigned=added)


def _add(
    request: Request, name: str, content: bytes, item_name: str, source: str, principal: Principal
) -> CaseItemAdded:
    workspace = workspace_of(request)
    actor = actor_of(principal)
    added = cases.add_item(
        workspace.store,
        workspace.key,
        name,
        content,
        item_name,
        source=source,
        actor=actor,
        level=request.app.state.config.level,
        max_bytes=request.app.state.config.max_input_bytes,
    )
    verdict = _verdict(cases.show_case(workspace.store, name, actor=actor).current_result())
    assert verdict is not None  # the case has at least the item just added
    return CaseItemAdded(
        item=_item(added.item),
        own=TraceResultOut.model_validate(json.loads(added.item.trace_result_json)),
        verdict=verdict,
    )


@router.post("/{name}/items", status_code=201, responses=errors(404, 409))
def add_text(
    request: Request, name: CaseName, body: CaseItemIn, principal: CaseWorker
) -> CaseItemAdded:
    """Add text that surfaced: it is traced, stored as UTF-8 with its custody, and the case's
    verdict re-scored over every item."""
    check_text_size(request, body.text, "text")
    return _add(request, name, body.text.encode("utf-8"), body.name, body.source, principal)


@router.post("/{name}/items/file", status_code=201, responses=errors(404, 409))
def add_file(
    request: Request,
    name: CaseName,
    principal: CaseWorker,
    file: Annotated[
        UploadFile,
        File(description="What surfaced: text, .docx, .pdf, .html, .eml or a picture of a page."),
    ],
    source: Annotated[
        str,
        Form(min_length=1, max_length=2000, pattern=PLAIN, description="Where it surfaced."),
    ],
) -> CaseItemAdded:
    """Add an uploaded file that surfaced; its exact bytes are kept and hashed."""
    cases.show_case(workspace_of(request).store, name, actor=actor_of(principal))
    file_name, data = read_upload(request, file, "text")
    return _add(request, name, data, file_name, source, principal)


@router.get(
    "/{name}/report",
    response_class=Response,
    responses={**REPORT_RESPONSES, **errors(404)},
)
def case_report(
    request: Request,
    name: CaseName,
    principal: CaseWorker,
    format: Annotated[ReportFormat, Query(description="html or pdf.")] = "html",
) -> Response:
    """The case's evidence report as a file (HTML or PDF), sealed with its own SHA-256.
    Exporting it is an audit entry (``report.export``). A case with no item yet answers 422."""
    workspace = workspace_of(request)
    built = report.case_report(
        workspace.store, workspace.key, name, actor=actor_of(principal), generated_by=principal.name
    )
    return report_response(workspace, built, format, principal)


@router.get("/{name}/verify", responses=errors(404))
def verify(request: Request, name: CaseName, principal: CaseWorker) -> CaseVerificationOut:
    """Re-score every stored verdict from the stored items and the key; ``reproduced`` is true
    when each gives the same verdict, accused and bounds."""
    workspace = workspace_of(request)
    result = cases.verify_case(workspace.store, workspace.key, name, actor=actor_of(principal))
    return CaseVerificationOut(
        case=result.case,
        verdicts_checked=result.verdicts_checked,
        reproduced=result.reproduced,
        mismatches=list(result.mismatches),
    )
