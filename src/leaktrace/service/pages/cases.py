"""Cases: list the cases a user may see, open one, add what surfaced, read the combined verdict.

Every handler calls one function of :mod:`leaktrace.cases` with the signed-in user as the
:class:`~leaktrace.cases.Actor`; the library decides which cases that user sees, and a case they
may not see answers 404, exactly like one that does not exist. A form that fails (a bad upload,
the same item twice) is shown again on the case page with the error above it.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, File, Form, Query, Request, UploadFile
from fastapi.responses import RedirectResponse, Response

from leaktrace import cases, report
from leaktrace.errors import LeaktraceError
from leaktrace.service.auth import Principal, workspace_of
from leaktrace.service.pages.forms import CaseWorker, error_status, item_input, max_input_bytes
from leaktrace.service.pages.trace import verdict_of
from leaktrace.service.reports import ReportFormat, actor_of, report_response
from leaktrace.service.templating import render
from leaktrace.store import CaseItemRecord
from leaktrace.views import one_in

router = APIRouter()


@dataclass(frozen=True)
class ItemRow:
    """An item as the case page lists it: custody, and what it showed on its own."""

    item: CaseItemRecord
    own_verdict: str

    @property
    def link(self) -> str | None:
        """The source as a link, when it is a web address."""
        source = self.item.source
        return source if source.startswith(("https://", "http://")) else None


def _case_page(
    request: Request,
    principal: Principal,
    name: str,
    status: int = 200,
    *,
    error: str | None = None,
    notice: str | None = None,
    form: dict[str, str] | None = None,
    verification: cases.Verification | None = None,
) -> Response:
    store = workspace_of(request).store
    view = cases.show_case(store, name, actor=actor_of(principal))
    data = view.current_result()
    on_case = set(view.case.investigators)
    assignable = [
        u.username
        for u in store.list_users()
        if not u.disabled and {"admin", "investigator"} & set(u.roles) and u.username not in on_case
    ]
    return render(
        request,
        "case.html",
        status,
        view=view,
        items=[ItemRow(i, json.loads(i.trace_result_json).get("verdict", "")) for i in view.items],
        data=data,
        verdict=verdict_of(data) if data is not None else None,
        grade=report.GRADES[report.grade(data)] if data is not None else "",
        history=[(v, json.loads(v.result_json).get("accused", [])) for v in view.verdicts],
        candidates=(data or {}).get("candidates", [])[:5],
        levels=_levels(data),
        assignable=assignable,
        error=error,
        notice=notice,
        form=form or {},
        verification=verification,
        one_in=one_in,
    )


def _levels(data: dict[str, Any] | None) -> tuple[str, str]:
    """The level the current verdict was tested at, and the case's level, in words."""
    if data is None:
        return "", ""
    tested = float(data["level"])
    return one_in(math.log10(tested)), one_in(math.log10(float(data.get("case_level", tested))))


def _cases_page(
    request: Request,
    principal: Principal,
    status: int = 200,
    error: str | None = None,
    form: dict[str, str] | None = None,
) -> Response:
    store = workspace_of(request).store
    found = list(reversed(cases.list_cases(store, actor=actor_of(principal))))
    return render(request, "cases.html", status, cases=found, error=error, form=form or {})


@router.get("/cases")
def cases_list(request: Request, principal: CaseWorker) -> Response:
    return _cases_page(request, principal)


@router.post("/cases")
def open_case(
    request: Request,
    principal: CaseWorker,
    name: Annotated[str, Form()] = "",
    purpose: Annotated[str, Form()] = "",
    authorised_by: Annotated[str, Form()] = "",
) -> Response:
    store = workspace_of(request).store
    try:
        record = cases.open_case(
            store,
            name.strip(),
            purpose=purpose,
            authorised_by=authorised_by,
            actor=actor_of(principal),
        )
    except LeaktraceError as error:
        form = {"name": name, "purpose": purpose, "authorised_by": authorised_by}
        return _cases_page(request, principal, error_status(error), str(error), form)
    return RedirectResponse(f"/cases/{quote(record.name)}?opened=1", status_code=303)


@router.get("/cases/{name}")
def case_page(request: Request, name: str, principal: CaseWorker) -> Response:
    params = request.query_params
    notice = None
    if params.get("opened"):
        notice = "Case opened. Add what surfaced below; each item is traced and kept as it is."
    elif params.get("added"):
        notice = f"Item {params['added']} added; the verdict below covers every item together."
    elif params.get("assigned"):
        notice = f"{params['assigned']} is now on the case."
    return _case_page(request, principal, name, notice=notice)


@router.get("/cases/{name}/verify")
def case_verify(request: Request, name: str, principal: CaseWorker) -> Response:
    workspace = workspace_of(request)
    result = cases.verify_case(workspace.store, workspace.key, name, actor=actor_of(principal))
    return _case_page(request, principal, name, verification=result)


@router.post("/cases/{name}/assign")
def case_assign(
    request: Request,
    name: str,
    principal: CaseWorker,
    username: Annotated[str, Form()] = "",
) -> Response:
    store = workspace_of(request).store
    try:
        cases.assign(store, name, username.strip(), actor=actor_of(principal))
    except cases.CaseAccessError:
        raise
    except LeaktraceError as error:
        return _case_page(request, principal, name, error_status(error), error=str(error))
    return RedirectResponse(
        f"/cases/{quote(name)}?assigned={quote(username.strip())}", status_code=303
    )


@router.post("/cases/{name}/items")
def case_add_item(
    request: Request,
    name: str,
    principal: CaseWorker,
    text: Annotated[str, Form()] = "",
    source: Annotated[str, Form()] = "",
    file: Annotated[UploadFile | None, File()] = None,
) -> Response:
    workspace = workspace_of(request)
    actor = actor_of(principal)
    cases.show_case(workspace.store, name, actor=actor)  # 404 before reading any upload
    try:
        content, item_name = item_input(request, text, file)
        added = cases.add_item(
            workspace.store,
            workspace.key,
            name,
            content,
            item_name,
            source=source,
            actor=actor,
            level=request.app.state.config.level,
            max_bytes=max_input_bytes(request),
        )
    except LeaktraceError as error:
        form = {"text": text, "source": source}
        return _case_page(
            request, principal, name, error_status(error), error=str(error), form=form
        )
    return RedirectResponse(f"/cases/{quote(name)}?added={added.item.seq}#verdict", status_code=303)


@router.get("/cases/{name}/report")
def case_report(
    request: Request,
    name: str,
    principal: CaseWorker,
    format: Annotated[ReportFormat, Query()] = "html",
) -> Response:
    workspace = workspace_of(request)
    built = report.case_report(
        workspace.store, workspace.key, name, actor=actor_of(principal), generated_by=principal.name
    )
    return report_response(workspace, built, format, principal)
