"""Issuing copies: as a zip download, to the reader portal, or by email; and a batch's status.

The same operation as ``leaktrace issue``, one route per channel so that each answer has one
exact shape. Every copy is recorded before it exists (see :mod:`leaktrace.issuing`); a request
that fails part-way leaves a recorded batch that the status route shows.
"""

from __future__ import annotations

import io
from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response

from leaktrace import delivery
from leaktrace.issuing import issue_zip, publish_to_portal
from leaktrace.service.api.models import (
    BatchOut,
    BatchStatus,
    DeliveryOut,
    EmailIssueIn,
    EmailIssueOut,
    FailedDelivery,
    Id,
    IssueIn,
    IssueOut,
    ZipIssueIn,
    batch_out,
    errors,
)
from leaktrace.service.auth import Principal, require, workspace_of
from leaktrace.service.permissions import Capability
from leaktrace.store import Store

router = APIRouter(prefix="/issues", tags=["issues"])
Distributor = Annotated[Principal, Depends(require(Capability.ISSUE))]


def _batch(store: Store, batch_id: int) -> BatchOut:
    batch = store.get_batch(batch_id)
    version = store.get_version(batch.version_id)
    return batch_out(batch, version.doc_id, version.number)


@router.post(
    "/zip",
    response_class=Response,
    responses={
        200: {
            "description": "A zip archive of the copies, one `<recipient-id>.<format>` each.",
            "content": {"application/zip": {"schema": {"type": "string", "format": "binary"}}},
        },
        **errors(404),
    },
)
def issue_as_zip(request: Request, body: ZipIssueIn, principal: Distributor) -> Response:
    """Issue the latest version to everyone named and download the copies as one zip.

    Every copy is recorded first, and released once the archive is complete; each request is
    a new batch (the ``X-Leaktrace-Batch`` header and the file name give its id).
    """
    workspace = workspace_of(request)
    archive = io.BytesIO()
    report = issue_zip(
        workspace.store,
        workspace.key,
        body.document,
        body.to,
        archive,
        fmt=body.format,
        actor=principal.name,
    )
    content = archive.getvalue()
    filename = f"{report.doc_id}-batch-{report.batch_id}.zip"
    return Response(
        content,
        media_type="application/zip",
        headers={
            "Content-Disposition": f'attachment; filename="{filename}"',
            "X-Leaktrace-Batch": str(report.batch_id),
        },
    )


@router.post("/portal", status_code=201, responses=errors(404))
def issue_to_portal(request: Request, body: IssueIn, principal: Distributor) -> IssueOut:
    """Publish each named recipient's copy to the reader portal, where they can read it."""
    workspace = workspace_of(request)
    report = publish_to_portal(
        workspace.store, workspace.key, body.document, body.to, actor=principal.name
    )
    return IssueOut(
        batch=_batch(workspace.store, report.batch_id),
        resumed=report.resumed,
        written=report.written,
    )


@router.post("/email", status_code=201, responses=errors(404, 502))
def issue_by_email(request: Request, body: EmailIssueIn, principal: Distributor) -> EmailIssueOut:
    """Send each named recipient their own copy by email (SMTP); failures are listed and can
    be retried without sending to anyone twice."""
    workspace = workspace_of(request)
    report = delivery.issue_by_email(
        workspace.store,
        workspace.key,
        body.document,
        body.to,
        delivery.SmtpSettings.from_config(request.app.state.config),
        fmt=body.format,
        actor=principal.name,
    )
    return _email_out(workspace.store, report)


@router.post("/{batch_id}/retry", responses=errors(404, 502))
def retry_email(request: Request, batch_id: Id, principal: Distributor) -> EmailIssueOut:
    """Send again the copies of an email batch that failed or were never sent."""
    workspace = workspace_of(request)
    report = delivery.retry_failed(
        workspace.store,
        workspace.key,
        batch_id,
        delivery.SmtpSettings.from_config(request.app.state.config),
        actor=principal.name,
    )
    return _email_out(workspace.store, report)


def _email_out(store: Store, report: delivery.DeliveryReport) -> EmailIssueOut:
    return EmailIssueOut(
        batch=_batch(store, report.batch_id),
        sent=report.sent,
        already_sent=report.already_sent,
        failed=[FailedDelivery(recipient=r, error=e) for r, e in report.failed],
    )


@router.get("/{batch_id}", responses=errors(404))
def batch_status(request: Request, batch_id: Id, principal: Distributor) -> BatchStatus:
    """How far a batch got: copies recorded and released, and each email delivery."""
    store = workspace_of(request).store
    batch = _batch(store, batch_id)
    return BatchStatus(
        batch=batch,
        deliveries=[
            DeliveryOut(
                recipient=recipient,
                address=d.address,
                status=d.status,
                attempts=d.attempts,
                last_error=d.last_error,
                updated=d.updated,
            )
            for recipient, d in delivery.deliveries_of(store, batch_id)
        ],
    )
