"""Issue: choose a document, its recipients and a channel (zip download, reader portal, email);
then see what went out, and retry the emails that failed."""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import Response

from leaktrace.copywriters import FORMATS
from leaktrace.delivery import (
    DeliveryReport,
    SmtpSettings,
    deliveries_of,
    issue_by_email,
    retry_failed,
)
from leaktrace.errors import InputError, LeaktraceError
from leaktrace.issuing import issue_zip, publish_to_portal
from leaktrace.service.auth import workspace_of
from leaktrace.service.pages.forms import Issuer, error_status
from leaktrace.service.templating import render

router = APIRouter()

CHANNELS = {
    "portal": "Publish to the reader portal",
    "zip": "Download a zip of copies",
    "email": "Send each recipient their copy by email",
}


@dataclass(frozen=True)
class Outcome:
    """What an issue did, whatever the channel: the batch, and every copy that did not go out."""

    channel: str
    batch_id: int
    doc_id: str
    version: int
    recipients: int
    delivered: int
    failures: tuple[tuple[str, str], ...] = ()
    earlier: int = 0


def targets_of(to: str, groups: list[str], ids: str) -> list[str]:
    """The issuing targets the form names: ``all``, the chosen groups, or the typed ids."""
    if to == "all":
        return ["all"]
    if to == "groups":
        if not groups:
            raise InputError("choose at least one group, or issue to everyone")
        return groups
    if to == "ids":
        chosen = [part for part in re.split(r"[\s,;]+", ids) if part]
        if not chosen:
            raise InputError("type at least one recipient id (separate ids by commas or spaces)")
        return chosen
    raise InputError(f"unknown choice of recipients {to!r}: choose all, groups or ids")


def _form(
    request: Request, status: int = 200, error: str | None = None, **chosen: object
) -> Response:
    store = workspace_of(request).store
    everyone = store.all_recipients()
    sizes: dict[str, int] = {}
    for recipient in everyone:
        for group in recipient.groups:
            sizes[group] = sizes.get(group, 0) + 1
    values: dict[str, object] = {
        "doc_id": "",
        "to": "all",
        "groups": [],
        "ids": "",
        "channel": "portal",
        "fmt": "txt",
    }
    values.update({k: v for k, v in chosen.items() if v is not None})
    return render(
        request,
        "issue.html",
        status,
        documents=store.list_documents(),
        groups=sorted(sizes.items()),
        everyone=len(everyone),
        channels=CHANNELS,
        formats=FORMATS,
        form=values,
        error=error,
    )


@router.get("/issue")
def issue_form(request: Request, principal: Issuer, doc: str = "") -> Response:
    return _form(request, doc_id=doc)


@router.post("/issue")
def issue_copies(
    request: Request,
    principal: Issuer,
    doc_id: Annotated[str, Form()],
    channel: Annotated[str, Form()],
    to: Annotated[str, Form()] = "all",
    groups: Annotated[list[str] | None, Form()] = None,
    ids: Annotated[str, Form()] = "",
    fmt: Annotated[str, Form()] = "txt",
) -> Response:
    workspace = workspace_of(request)
    store, key = workspace.store, workspace.key
    try:
        targets = targets_of(to, groups or [], ids)
        if channel == "zip":
            archive = io.BytesIO()
            report = issue_zip(store, key, doc_id, targets, archive, fmt=fmt, actor=principal.name)
            name = f"{report.doc_id}-v{report.version}-batch-{report.batch_id}.zip"
            return Response(
                archive.getvalue(),
                media_type="application/zip",
                headers={"Content-Disposition": f'attachment; filename="{name}"'},
            )
        if channel == "portal":
            report = publish_to_portal(store, key, doc_id, targets, actor=principal.name)
            outcome = Outcome(
                "portal",
                report.batch_id,
                report.doc_id,
                report.version,
                report.recipients,
                report.written,
            )
        elif channel == "email":
            outcome = _email(request, doc_id, targets, fmt, principal.name)
        else:
            raise InputError(f"unknown channel {channel!r}: choose {', '.join(CHANNELS)}")
    except LeaktraceError as error:
        return _form(
            request,
            error_status(error),
            str(error),
            doc_id=doc_id,
            to=to,
            groups=groups or [],
            ids=ids,
            channel=channel,
            fmt=fmt,
        )
    return render(request, "issue_result.html", outcome=outcome, channels=CHANNELS)


def _email(request: Request, doc_id: str, targets: list[str], fmt: str, actor: str) -> Outcome:
    workspace = workspace_of(request)
    smtp = SmtpSettings.from_config(request.app.state.config)
    report = issue_by_email(
        workspace.store, workspace.key, doc_id, targets, smtp, fmt=fmt, actor=actor
    )
    return _email_outcome(request, report)


def _email_outcome(request: Request, report: DeliveryReport) -> Outcome:
    batch = workspace_of(request).store.get_batch(report.batch_id)
    return Outcome(
        "email",
        report.batch_id,
        report.doc_id,
        report.version,
        batch.recipients,
        report.sent,
        tuple(report.failed),
        report.already_sent,
    )


@router.post("/issue/batches/{batch_id}/retry")
def retry(request: Request, batch_id: int, principal: Issuer) -> Response:
    workspace = workspace_of(request)
    smtp = SmtpSettings.from_config(request.app.state.config)
    report = retry_failed(workspace.store, workspace.key, batch_id, smtp, actor=principal.name)
    outcome = _email_outcome(request, report)
    return render(request, "issue_result.html", outcome=outcome, channels=CHANNELS, retried=True)


@router.get("/issue/batches/{batch_id}")
def batch_page(request: Request, batch_id: int, principal: Issuer) -> Response:
    store = workspace_of(request).store
    batch = store.get_batch(batch_id)
    version = store.get_version(batch.version_id)
    numbers = [int(n) for n in store.recipients_of_batch(batch_id)[:200]]
    recipients = store.recipients_by_numbers(numbers)
    deliveries = dict(deliveries_of(store, batch_id)) if batch.channel == "email" else {}
    return render(
        request,
        "batch.html",
        batch=batch,
        current=version,
        recipients=recipients,
        deliveries=deliveries,
        undelivered=sum(d.status != "sent" for d in deliveries.values()),
        channels=CHANNELS,
    )
