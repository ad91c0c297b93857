"""The JSON API under ``/api``: one module per area, each an ``APIRouter``.

Every route depends on :func:`leaktrace.service.auth.require` with one capability, and takes and
returns pydantic models (:mod:`leaktrace.service.api.models`), so the OpenAPI schema at
``/api/openapi.json`` describes every request and response exactly.
"""

from __future__ import annotations

from fastapi import APIRouter

from leaktrace.service.api import (
    account,
    audit,
    cases,
    documents,
    issues,
    ledger,
    portal,
    recipients,
    traces,
    users,
)
from leaktrace.service.api.models import COMMON_ERRORS, errors

router = APIRouter(prefix="/api", responses=errors(*COMMON_ERRORS))
for module in (
    account,
    documents,
    recipients,
    issues,
    traces,
    cases,
    ledger,
    audit,
    users,
    portal,
):
    router.include_router(module.router)
