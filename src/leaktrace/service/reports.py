"""What the pages and the API share for cases: the acting user, and evidence reports as files.

The library decides who may see a case (:mod:`leaktrace.cases`); the service only says who is
asking, as an :class:`~leaktrace.cases.Actor` with the signed-in user's name and roles. A report
download renders the report, records ``report.export`` with the report's hash in the audit log
(as ``leaktrace report`` does) and answers with the file.

Example:
    >>> download_name("case cables-2026", "pdf")
    'case-cables-2026.pdf'
"""

from __future__ import annotations

import re
from typing import Literal

from fastapi.responses import Response

from leaktrace import report
from leaktrace.cases import Actor
from leaktrace.service.auth import Principal
from leaktrace.workspace import Workspace

ReportFormat = Literal["html", "pdf"]

MEDIA_TYPES: dict[str, str] = {"html": "text/html; charset=utf-8", "pdf": "application/pdf"}

REPORT_RESPONSES: dict[int | str, dict[str, object]] = {
    200: {
        "description": "The evidence report, sealed with its own SHA-256 (see docs/cases.md).",
        "content": {
            "text/html": {"schema": {"type": "string"}},
            "application/pdf": {"schema": {"type": "string", "format": "binary"}},
        },
    }
}
"""OpenAPI ``responses=`` for a report download: HTML or PDF, not JSON."""


def actor_of(principal: Principal) -> Actor:
    """The signed-in user as the cases library's actor."""
    return Actor(principal.name, frozenset(principal.user.roles))


def download_name(subject: str, fmt: str) -> str:
    """A file name for a report on ``subject`` (``case NAME`` or ``trace N``)."""
    return safe_file_name(f"{subject.replace(' ', '-')}.{fmt}")


def safe_file_name(name: str) -> str:
    """``name`` with anything but letters, digits, '.', '_' and '-' made '_' (for headers)."""
    return re.sub(r"[^A-Za-z0-9._-]", "_", name)


def report_response(
    workspace: Workspace, built: report.Report, fmt: ReportFormat, principal: Principal
) -> Response:
    """The report as a download, recorded in the audit log with its hash.

    Raises:
        InputError: an unknown format.
    """
    data = report.render(built, fmt)
    workspace.store.audit(
        principal.name,
        "report.export",
        built.subject,
        {"format": fmt, "sha256": report.stated_hash(data), "grade": built.grade},
    )
    name = download_name(built.subject, fmt)
    return Response(
        data,
        media_type=MEDIA_TYPES[fmt],
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


def csv_response(text: str, name: str) -> Response:
    """CSV text as a download."""
    name = safe_file_name(name)
    return Response(
        text.encode("utf-8"),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )
