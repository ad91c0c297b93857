"""Audit: who did what, when, filtered and paged; and a check of the log's hash chain."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from fastapi import APIRouter, Request
from fastapi.responses import Response

from leaktrace.errors import InputError
from leaktrace.service.auth import workspace_of
from leaktrace.service.pages.forms import AuditReader, paginate, query_with
from leaktrace.service.templating import render

router = APIRouter()

RECENT_FOR_ACTIONS = 2000
KNOWN_ACTIONS = frozenset(
    {
        "copy.view",
        "document.add",
        "issue.record",
        "issue.release",
        "point.restore",
        "point.veto",
        "recipients.import",
        "trace.record",
        "user.create",
        "user.login",
        "user.login_failed",
        "user.update",
    }
)


def _day(value: str, name: str) -> date | None:
    if not value.strip():
        return None
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise InputError(f"{name} {value!r} is not a date: use YYYY-MM-DD") from None


def _start_of(day: date | None) -> datetime | None:
    return datetime.combine(day, time.min, UTC) if day is not None else None


@router.get("/audit")
def audit_log(
    request: Request,
    principal: AuditReader,
    action: str = "",
    actor: str = "",
    subject: str = "",
    since: str = "",
    until: str = "",
    page: int = 1,
) -> Response:
    store = workspace_of(request).store
    last = _day(until, "to")
    entries = store.audit_entries(
        action.strip() or None,
        subject.strip() or None,
        actor=actor.strip() or None,
        since=_start_of(_day(since, "from")),
        until=_start_of(last + timedelta(days=1) if last is not None else None),
    )
    entries.reverse()
    recent_actions = {e.action for e in store.audit_entries(limit=RECENT_FOR_ACTIONS)}
    return render(
        request,
        "audit.html",
        page=paginate(entries, page),
        actions=sorted(recent_actions | KNOWN_ACTIONS),
        filters={
            "action": action,
            "actor": actor,
            "subject": subject,
            "since": since,
            "until": until,
        },
        link=lambda number: query_with(request, page=number),
    )


@router.get("/audit/verify")
def verify(request: Request, principal: AuditReader, seq: str = "", hash: str = "") -> Response:
    expect = None
    if seq.strip() or hash.strip():
        if not seq.strip().isdigit() or not hash.strip():
            raise InputError(
                "to check a head recorded earlier, give both its position (a number) and its hash"
            )
        expect = (int(seq), hash.strip())
    report = workspace_of(request).store.verify_audit(expect)
    return render(request, "audit_verify.html", report=report, expect=expect)
