"""Recipients: the list (search, group, pages) and CSV import with a preview before anything is
written."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from typing import Annotated

from fastapi import APIRouter, File, Form, Request, UploadFile
from fastapi.responses import RedirectResponse, Response

from leaktrace.errors import CsvFormatError, LeaktraceError
from leaktrace.service.auth import workspace_of
from leaktrace.service.pages.forms import (
    RecipientsRead,
    RecipientsWrite,
    error_status,
    max_input_bytes,
    paginate,
    query_with,
    read_upload,
)
from leaktrace.service.templating import render
from leaktrace.store import RecipientRow
from leaktrace.store.csvimport import parse_recipients_csv

router = APIRouter()

PREVIEW_ROWS = 200
_ROW = re.compile(r"\brow (\d+)")


@router.get("/recipients")
def recipients_list(
    request: Request,
    principal: RecipientsRead,
    q: str = "",
    group: str = "",
    page: int = 1,
    created: int | None = None,
    updated: int | None = None,
) -> Response:
    store = workspace_of(request).store
    everyone = store.all_recipients()
    groups = sorted({g for r in everyone for g in r.groups})
    found = store.list_recipients(group=group or None, search=q.strip() or None)
    return render(
        request,
        "recipients.html",
        page=paginate(found, page),
        total=len(everyone),
        groups=groups,
        q=q,
        group=group,
        link=lambda number: query_with(request, page=number),
        created=created,
        updated=updated,
    )


@router.get("/recipients/import")
def import_form(request: Request, principal: RecipientsWrite) -> Response:
    return render(request, "recipients_import.html", preview=None, error=None)


@dataclass(frozen=True)
class PreviewRow:
    """A row of the uploaded file as written, with the problems leaktrace found in it."""

    line: int
    cells: list[str]
    problems: list[str]


@dataclass(frozen=True)
class Preview:
    """What an import would do: the rows it read, and every problem that blocks it."""

    source: str
    csv_text: str
    header: list[str]
    rows: list[PreviewRow]
    more: int
    problems: list[str]
    parsed: list[RecipientRow]
    new: int


def preview_of(store_ids: dict[str, int], data: bytes, source: str, limit: int) -> Preview:
    """Check ``data`` with the importer and lay out its rows, each with its own problems."""
    try:
        parsed = parse_recipients_csv(data, source=source, max_bytes=limit)
        problems: list[str] = []
    except CsvFormatError as error:
        parsed = []
        message = str(error).removeprefix(f"{source}: ").removeprefix(f"{source} ")
        message = message.split(". Nothing was imported")[0]
        problems = [part.strip() for part in message.split("; ") if part.strip()]
    text = data.decode("utf-8-sig").replace("\r\n", "\n")
    by_line: dict[int, list[str]] = {}
    for problem in problems:
        match = _ROW.search(problem)
        if match:
            by_line.setdefault(int(match.group(1)), []).append(problem)
    reader = csv.reader(io.StringIO(text, newline=""))
    header: list[str] = []
    rows: list[PreviewRow] = []
    more = 0
    try:
        for cells in reader:
            if not header:
                header = cells
                continue
            if not any(cell.strip() for cell in cells):
                continue
            if len(rows) < PREVIEW_ROWS:
                rows.append(PreviewRow(reader.line_num, cells, by_line.get(reader.line_num, [])))
            else:
                more += 1
    except csv.Error:
        pass  # the importer's message above already names the row
    new = sum(1 for row in parsed if row.external_id not in store_ids)
    return Preview(source, text, header, rows, more, problems, parsed, new)


@router.post("/recipients/import")
def import_preview(
    request: Request,
    principal: RecipientsWrite,
    file: Annotated[UploadFile | None, File()] = None,
) -> Response:
    limit = max_input_bytes(request)
    store = workspace_of(request).store
    try:
        data, name = read_upload(file, limit, "a CSV file")
        preview = preview_of(store.recipient_numbers_by_external_id(), data, name, limit)
    except LeaktraceError as error:
        return render(
            request,
            "recipients_import.html",
            error_status(error),
            preview=None,
            error=str(error),
        )
    status = 422 if preview.problems else 200
    return render(request, "recipients_import.html", status, preview=preview, error=None)


@router.post("/recipients/import/confirm")
def import_confirm(
    request: Request,
    principal: RecipientsWrite,
    csv_text: Annotated[str, Form()],
    source: Annotated[str, Form()] = "recipients CSV",
) -> Response:
    rows = parse_recipients_csv(
        csv_text.encode("utf-8"), source=source, max_bytes=max_input_bytes(request)
    )
    counts = workspace_of(request).store.upsert_recipients(rows, actor=principal.name)
    return RedirectResponse(
        f"/recipients?created={counts.created}&updated={counts.updated}", status_code=303
    )
