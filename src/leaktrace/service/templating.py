"""Jinja2 set-up shared by every page: the layout's context and a few filters.

Autoescaping is on for every template, so text from documents, leaks and users is always shown
as text. :func:`render` adds what the layout needs (the signed-in user, the CSRF token, the
navigation the user's roles allow) so page handlers pass only their own data.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.templating import Jinja2Templates
from starlette.responses import HTMLResponse

from leaktrace import __version__
from leaktrace.service.permissions import Capability

TEMPLATES = Jinja2Templates(directory=str(Path(__file__).parent / "templates"))

NAVIGATION: tuple[tuple[str, str, Capability], ...] = (
    ("Documents", "/documents", Capability.DOCUMENTS_READ),
    ("Recipients", "/recipients", Capability.RECIPIENTS_READ),
    ("Issue", "/issue", Capability.ISSUE),
    ("Trace", "/trace", Capability.TRACE),
    ("Cases", "/cases", Capability.CASES),
    ("Audit", "/audit", Capability.AUDIT_READ),
    ("Users", "/users", Capability.USERS_MANAGE),
    ("My copies", "/portal", Capability.PORTAL),
)


def _when(value: datetime | None) -> str:
    return "" if value is None else f"{value:%Y-%m-%d %H:%M} UTC"


TEMPLATES.env.filters["when"] = _when


def render(request: Request, template: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    """Render ``template`` with the layout's context added."""
    principal = getattr(request.state, "principal", None)
    nav = []
    if principal is not None:
        nav = [(label, href) for label, href, cap in NAVIGATION if principal.can(cap)]
    context.update(
        principal=principal,
        csrf_token=principal.csrf_token if principal is not None else "",
        nav=nav,
        path=request.url.path,
        version=__version__,
    )
    return TEMPLATES.TemplateResponse(request, template, context, status_code=status_code)
