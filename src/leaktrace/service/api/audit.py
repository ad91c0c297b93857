"""The audit log: who did what, when, filtered; and a check of its hash chain.

The same operations as ``leaktrace audit`` and ``leaktrace audit verify``. Reading the log
changes nothing. Record the head the check reports somewhere the database's administrators
cannot write, and pass it back as ``expect_seq``/``expect_hash`` later: a rewrite that
recomputed every hash is then caught too (see :mod:`leaktrace.auditchain`).
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request

from leaktrace.errors import InputError
from leaktrace.service.api.models import AuditEntryOut, ChainReportOut, errors, text_query
from leaktrace.service.auth import Principal, require, workspace_of
from leaktrace.service.permissions import Capability

router = APIRouter(prefix="/audit", tags=["audit"])
Auditor = Annotated[Principal, Depends(require(Capability.AUDIT_READ))]


def _utc(moment: datetime | None, name: str) -> datetime | None:
    """A query's time in UTC; a time without a zone is taken to be UTC."""
    if moment is None:
        return None
    try:
        return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)
    except OverflowError:
        raise InputError(
            f"{name} {moment.isoformat()} is out of range; give a recent time"
        ) from None


@router.get("", responses=errors())
def list_entries(
    request: Request,
    principal: Auditor,
    action: Annotated[
        str | None,
        text_query("Only this action, e.g. trace.record."),
    ] = None,
    actor: Annotated[
        str | None,
        text_query("Only this actor (a username)."),
    ] = None,
    subject: Annotated[
        str | None,
        text_query("Only this subject, e.g. 'batch 3'."),
    ] = None,
    since: Annotated[datetime | None, Query(description="At or after this time.")] = None,
    until: Annotated[datetime | None, Query(description="Before this time.")] = None,
    limit: Annotated[int, Query(ge=1, le=10_000, description="The newest this many.")] = 100,
) -> list[AuditEntryOut]:
    """Audit entries matching every filter given, oldest first (the newest ``limit``)."""
    found = workspace_of(request).store.audit_entries(
        action=action,
        subject=subject,
        limit=limit,
        actor=actor,
        since=_utc(since, "since"),
        until=_utc(until, "until"),
    )
    return [
        AuditEntryOut(
            id=e.id,
            at=e.at,
            actor=e.actor,
            action=e.action,
            subject=e.subject,
            details=_details(e.details_json),
        )
        for e in found
    ]


def _details(details_json: str) -> dict[str, Any]:
    details = json.loads(details_json)
    return details if isinstance(details, dict) else {"value": details}


@router.get("/verify", responses=errors())
def verify(
    request: Request,
    principal: Auditor,
    expect_seq: Annotated[
        int | None, Query(ge=1, description="A head position recorded earlier.")
    ] = None,
    expect_hash: Annotated[
        str | None,
        Query(pattern="^[0-9a-f]{64}$", description="The hash recorded with that position."),
    ] = None,
) -> ChainReportOut:
    """Walk the whole chain: is every entry unchanged, none deleted, none reordered?"""
    if (expect_seq is None) != (expect_hash is None):
        raise InputError("give both expect_seq and expect_hash (the head recorded earlier)")
    expect = (expect_seq, expect_hash) if expect_seq is not None and expect_hash else None
    report = workspace_of(request).store.verify_audit(expect)
    return ChainReportOut(
        intact=report.intact,
        entries=report.entries,
        head_seq=report.head_seq,
        head_hash=report.head_hash,
        problems=list(report.problems),
    )
