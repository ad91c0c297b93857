"""The distribution ledger as a CSV download (``leaktrace ledger``), for one document or all.

Linked from a document's page and from the audit page, for the roles that may read it.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from leaktrace import ledger
from leaktrace.service.auth import workspace_of
from leaktrace.service.pages.forms import LedgerReader
from leaktrace.service.reports import csv_response

router = APIRouter()


@router.get("/ledger.csv")
def ledger_download(
    request: Request,
    principal: LedgerReader,
    doc: Annotated[str | None, Query(max_length=200)] = None,
) -> Response:
    text = ledger.ledger_csv(workspace_of(request).store, doc or None)
    return csv_response(text, f"ledger-{doc}.csv" if doc else "ledger.csv")
