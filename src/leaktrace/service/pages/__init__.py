"""Server-rendered pages: one module per area, each an ``APIRouter`` of HTML routes.

Pages are plain HTML forms (each with the session's CSRF token) plus a little JavaScript in
``static/app.js`` where it helps; there is no front-end build step. Shared helpers (typed
capability dependencies, uploads, pagination) live in :mod:`.forms`.
"""

from __future__ import annotations

from fastapi import APIRouter

from leaktrace.service.pages import (
    account,
    audit,
    cases,
    documents,
    issue,
    ledger,
    portal,
    recipients,
    session,
    trace,
    users,
)

router = APIRouter(include_in_schema=False)
for module in (
    session,
    documents,
    recipients,
    issue,
    portal,
    trace,
    cases,
    ledger,
    audit,
    users,
    account,
):
    router.include_router(module.router)
