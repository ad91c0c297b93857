"""The distribution ledger as CSV: the same file as ``leaktrace ledger [DOC]``."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response

from leaktrace import ledger
from leaktrace.service.api.models import PLAIN, errors
from leaktrace.service.auth import Principal, require, workspace_of
from leaktrace.service.permissions import Capability
from leaktrace.service.reports import csv_response

router = APIRouter(tags=["ledger"])
LedgerReader = Annotated[Principal, Depends(require(Capability.LEDGER))]

CSV_RESPONSE: dict[int | str, dict[str, object]] = {
    200: {
        "description": "One row per copy issued (columns: see docs/cases.md).",
        "content": {"text/csv": {"schema": {"type": "string"}}},
    }
}


@router.get("/ledger.csv", response_class=Response, responses={**CSV_RESPONSE, **errors(404)})
def ledger_csv(
    request: Request,
    principal: LedgerReader,
    document: Annotated[
        str | None,
        Query(max_length=200, pattern=PLAIN, description="Only this document (default: all)."),
    ] = None,
) -> Response:
    """Who received which version of which document, when, and by which channel, as CSV."""
    text = ledger.ledger_csv(workspace_of(request).store, document or None)
    return csv_response(text, f"ledger-{document}.csv" if document else "ledger.csv")
