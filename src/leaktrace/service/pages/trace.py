"""Trace: paste a leak or upload it, and read the verdict; every trace is stored and listed.

The detail page shows a stored trace (the JSON of ``docs/trace-json.md``), so a trace just run
and one opened months later look the same. The verdict comes first, in one plain sentence. It
also offers the trace's evidence report (HTML or PDF) and a form to add the traced text to one of
the user's open cases: a stored trace keeps only the passages it matched, so the text is given
again and must have the trace's input SHA-256.
"""

from __future__ import annotations

import hashlib
import json
import math
from dataclasses import dataclass
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, File, Form, Query, Request, UploadFile
from fastapi.responses import RedirectResponse, Response

from leaktrace import cases, report
from leaktrace.documents import decode_text
from leaktrace.errors import EmptyInputError, InputError, LeaktraceError
from leaktrace.service.auth import Principal, workspace_of
from leaktrace.service.pages.forms import (
    CaseWorker,
    Tracer,
    error_status,
    item_input,
    max_input_bytes,
    paginate,
    query_with,
    read_upload,
)
from leaktrace.service.permissions import Capability
from leaktrace.service.reports import ReportFormat, actor_of, report_response
from leaktrace.service.templating import render
from leaktrace.store import TraceRecord
from leaktrace.tracing import trace_bytes, trace_input
from leaktrace.views import one_in

router = APIRouter()

RECENT = 10
LISTED = 500


@dataclass(frozen=True)
class Verdict:
    """The verdict as the banner shows it: a tone (colour), a label and one plain sentence."""

    tone: str
    label: str
    sentence: str
    detail: str


@dataclass(frozen=True)
class Mark:
    """A stretch of a matched passage; ``number`` is set where a variation point was read."""

    text: str
    number: int | None = None
    readable: bool = False
    tip: str = ""


def verdict_of(data: dict[str, Any]) -> Verdict:
    """The banner for a stored trace result."""
    level = one_in(math.log10(data["level"]))
    considered = data.get("recipients_considered", 0)
    documents = ", ".join(d["document"] for d in data.get("documents", []))
    if data["verdict"] == "identified":
        names = {c["recipient"]: c for c in data.get("candidates", [])}
        who = [f"{r} ({names[r]['name']})" if r in names else r for r in data["accused"]]
        best = names.get(data["accused"][0])
        chance = one_in(best["log10_false_accusation"]) if best else "?"
        matched = f"{best['points_matching']} of {best['points_read']}" if best else "the"
        return Verdict(
            "identified",
            "Identified",
            f"This text came from the copy issued to {' and '.join(who)}.",
            f"{matched} variation points read match that copy; the chance that an innocent "
            f"copy matches as well is {chance}, below the level of {level}.",
        )
    if data["verdict"] == "narrowed":
        consistent = data.get("recipients_consistent", 0)
        return Verdict(
            "narrowed",
            "Narrowed",
            f"This text comes from {documents}, but it is not enough to name anyone: "
            f"{consistent} of {considered} recipients remain possible.",
            f"Naming a recipient needs a false-accusation chance below {level}; a longer "
            "extract would read more variation points.",
        )
    return Verdict(
        "no_match",
        "No match",
        "This text does not come from any document issued from this workspace.",
        "No passage of it matches a stored document version.",
    )


def marks_of(passage: dict[str, Any], first_number: int) -> list[Mark]:
    """The passage's text cut around the points read in it, numbered from ``first_number``."""
    text: str = passage["text"]
    base: int = passage["input_start"]
    marks: list[Mark] = []
    cursor = 0
    readings = sorted(passage["points"], key=lambda r: r["input_start"])
    for number, reading in enumerate(readings, start=first_number):
        start, end = reading["input_start"] - base, reading["input_end"] - base
        if start < cursor or start > len(text):
            continue
        if start > cursor:
            marks.append(Mark(text[cursor:start]))
        if reading["readable"]:
            tip = f"#{number} {reading['kind']}: reads as “{reading['label']}”"
        else:
            tip = f"#{number} {reading['kind']}: unreadable (cut, glossed or retyped)"
        marks.append(Mark(text[start:end], number, bool(reading["readable"]), tip))
        cursor = max(end, start)
    marks.append(Mark(text[cursor:]))
    return marks


def _form(
    request: Request, status: int = 200, error: str | None = None, text: str = ""
) -> Response:
    recent = list(reversed(workspace_of(request).store.list_traces(limit=RECENT)))
    return render(request, "trace_form.html", status, error=error, text=text, recent=recent)


@router.get("/trace")
def trace_form(request: Request, principal: Tracer) -> Response:
    return _form(request)


@router.post("/trace")
def run_trace(
    request: Request,
    principal: Tracer,
    text: Annotated[str, Form()] = "",
    file: Annotated[UploadFile | None, File()] = None,
) -> Response:
    workspace = workspace_of(request)
    limit = max_input_bytes(request)
    try:
        level = request.app.state.config.level
        if file is not None and file.filename:
            data, name = read_upload(file, limit, "a file")
            traced = trace_bytes(
                workspace.store,
                workspace.key,
                data,
                name,
                level=level,
                max_bytes=limit,
                actor=principal.name,
            )
        elif text.strip():
            leak = decode_text(text.encode("utf-8"), "the pasted text", limit)
            traced = trace_input(
                workspace.store,
                workspace.key,
                leak,
                "pasted text",
                level=level,
                actor=principal.name,
            )
        else:
            raise EmptyInputError("paste the leaked text or choose a file to trace")
    except LeaktraceError as error:
        return _form(request, error_status(error), str(error), text)
    return RedirectResponse(f"/trace/{traced.trace_id}", status_code=303)


@router.get("/trace/history")
def trace_history(request: Request, principal: Tracer, page: int = 1) -> Response:
    records = list(reversed(workspace_of(request).store.list_traces(limit=LISTED)))
    return render(
        request,
        "trace_history.html",
        page=paginate(records, page),
        accused_of=accused_of,
        link=lambda number: query_with(request, page=number),
    )


def accused_of(record: TraceRecord) -> list[str]:
    accused: list[str] = json.loads(record.result_json).get("accused", [])
    return accused


@router.get("/trace/{trace_id}")
def trace_page(request: Request, trace_id: int, principal: Tracer) -> Response:
    return _trace_page(request, trace_id, principal)


def _trace_page(
    request: Request,
    trace_id: int,
    principal: Principal,
    status: int = 200,
    error: str | None = None,
    form: dict[str, str] | None = None,
) -> Response:
    store = workspace_of(request).store
    record = store.get_trace(trace_id)
    data: dict[str, Any] = json.loads(record.result_json)
    documents = []
    number = 1
    for document in data.get("documents", []):
        passages = []
        for passage in document["passages"]:
            passages.append((passage, marks_of(passage, number)))
            number += len(passage["points"])
        documents.append((document, passages))
    readings = [
        point
        for document in data.get("documents", [])
        for passage in document["passages"]
        for point in sorted(passage["points"], key=lambda r: r["input_start"])
    ]
    threshold = math.log10(data["level"])
    open_cases = []
    if principal.can(Capability.CASES):
        visible = cases.list_cases(store, actor=actor_of(principal))
        open_cases = [c.name for c in visible if c.status == "open"]
    return render(
        request,
        "trace.html",
        status,
        record=record,
        data=data,
        verdict=verdict_of(data),
        documents=documents,
        readings=readings,
        candidates=data.get("candidates", []),
        accused=set(data.get("accused", [])),
        threshold=threshold,
        one_in=one_in,
        open_cases=open_cases,
        error=error,
        form=form or {},
    )


@router.get("/trace/{trace_id}/report")
def trace_report(
    request: Request,
    trace_id: int,
    principal: Tracer,
    format: Annotated[ReportFormat, Query()] = "html",
) -> Response:
    workspace = workspace_of(request)
    built = report.trace_report(
        workspace.store, workspace.key, trace_id, generated_by=principal.name
    )
    return report_response(workspace, built, format, principal)


@router.post("/trace/{trace_id}/case")
def trace_to_case(
    request: Request,
    trace_id: int,
    principal: CaseWorker,
    case: Annotated[str, Form()] = "",
    source: Annotated[str, Form()] = "",
    text: Annotated[str, Form()] = "",
    file: Annotated[UploadFile | None, File()] = None,
) -> Response:
    """Add the text this trace examined to a case. A stored trace keeps the passages it matched,
    not its whole input, so the text is given again and must be the one traced (same SHA-256)."""
    workspace = workspace_of(request)
    record = workspace.store.get_trace(trace_id)
    limit = max_input_bytes(request)
    try:
        if not case:
            raise InputError("choose the case to add this text to")
        content, name = item_input(request, text, file, record.input_name)
        given = hashlib.sha256(decode_text(content, name, limit).encode("utf-8")).hexdigest()
        if given != record.input_sha256:
            raise InputError(
                f"{name} is not the text trace {trace_id} examined (its SHA-256 is "
                f"{given[:12]}…, the trace's {record.input_sha256[:12]}…); give the same text, "
                "or add it from the case's page as a new item"
            )
        added = cases.add_item(
            workspace.store,
            workspace.key,
            case,
            content,
            name,
            source=source or f"trace {trace_id}",
            actor=actor_of(principal),
            level=request.app.state.config.level,
            max_bytes=limit,
        )
    except cases.CaseAccessError:
        raise
    except LeaktraceError as error:
        form = {"case": case, "source": source}
        return _trace_page(request, trace_id, principal, error_status(error), str(error), form)
    return RedirectResponse(f"/cases/{quote(case)}?added={added.item.seq}#verdict", status_code=303)
