"""What every page module shares: typed dependencies, uploads, pagination and error re-display.

A form that fails (a bad upload, a short password) is shown again with the error above it and
the status the service's error handler would give, so the user keeps what they typed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Annotated, Generic, TypeVar
from urllib.parse import urlencode

from fastapi import Depends, Request, UploadFile

from leaktrace.documents import decode_text
from leaktrace.errors import EmptyInputError, LeaktraceError, TooLargeError
from leaktrace.service.auth import Principal, require
from leaktrace.service.permissions import Capability

T = TypeVar("T")

PER_PAGE = 50


DocumentsRead = Annotated[Principal, Depends(require(Capability.DOCUMENTS_READ))]
DocumentsWrite = Annotated[Principal, Depends(require(Capability.DOCUMENTS_WRITE))]
RecipientsRead = Annotated[Principal, Depends(require(Capability.RECIPIENTS_READ))]
RecipientsWrite = Annotated[Principal, Depends(require(Capability.RECIPIENTS_WRITE))]
Issuer = Annotated[Principal, Depends(require(Capability.ISSUE))]
Tracer = Annotated[Principal, Depends(require(Capability.TRACE))]
CaseWorker = Annotated[Principal, Depends(require(Capability.CASES))]
LedgerReader = Annotated[Principal, Depends(require(Capability.LEDGER))]
AuditReader = Annotated[Principal, Depends(require(Capability.AUDIT_READ))]
Admin = Annotated[Principal, Depends(require(Capability.USERS_MANAGE))]
PortalReader = Annotated[Principal, Depends(require(Capability.PORTAL))]
Anyone = Annotated[Principal, Depends(require(Capability.ACCOUNT))]


def max_input_bytes(request: Request) -> int:
    limit: int = request.app.state.config.max_input_bytes
    return limit


def read_upload(upload: UploadFile | None, limit: int, what: str = "a file") -> tuple[bytes, str]:
    """The bytes and name of an uploaded file, reading no more than ``limit`` + 1 bytes.

    Raises:
        EmptyInputError: no file was chosen.
        TooLargeError: the file is over ``limit``.
    """
    if upload is None or not upload.filename:
        raise EmptyInputError(f"no file was chosen; choose {what} to upload")
    data = upload.file.read(limit + 1)
    if len(data) > limit:
        size = upload.size if upload.size is not None else len(data)
        raise TooLargeError(
            f"{upload.filename} is {size:,} bytes, over the limit of {limit:,}; "
            "raise LEAKTRACE_MAX_INPUT_BYTES if this is really one document"
        )
    return data, upload.filename


def item_input(
    request: Request, text: str, upload: UploadFile | None, name: str = "pasted text"
) -> tuple[bytes, str]:
    """The bytes and name of what surfaced, given as an upload (kept byte for byte) or as pasted
    text (kept as UTF-8 with the browser's CRLF line ends made LF).

    Raises:
        InputError: nothing given; too large, binary, not UTF-8 or empty.
    """
    limit = max_input_bytes(request)
    if upload is not None and upload.filename:
        data, filename = read_upload(upload, limit, "a text file")
        decode_text(data, filename, limit)
        return data, filename
    if text.strip():
        return decode_text(text.encode("utf-8"), "the pasted text", limit).encode("utf-8"), name
    raise EmptyInputError("paste the text that surfaced or choose a file")


def error_status(error: LeaktraceError) -> int:
    """The status the service's error handler gives ``error``."""
    from leaktrace.service.app import status_for

    return status_for(error)


@dataclass(frozen=True)
class Page(Generic[T]):
    """One page of a listing: its items, its number (from 1) and how many there are."""

    items: Sequence[T]
    number: int
    count: int
    total: int
    first: int

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def has_next(self) -> bool:
        return self.number < self.count


def paginate(items: Sequence[T], number: int, per_page: int = PER_PAGE) -> Page[T]:
    """The ``number``-th page of ``items`` (clamped to the pages there are).

    Example:
        >>> page = paginate(list(range(120)), 3)
        >>> (page.items[0], page.count, page.has_next)
        (100, 3, False)
    """
    count = max(1, -(-len(items) // per_page))
    number = min(max(1, number), count)
    start = (number - 1) * per_page
    return Page(items[start : start + per_page], number, count, len(items), start + 1)


def query_with(request: Request, **changes: str | int | None) -> str:
    """The current query string with ``changes`` applied (``None`` removes a parameter)."""
    params = dict(request.query_params)
    for name, value in changes.items():
        if value is None or value == "":
            params.pop(name, None)
        else:
            params[name] = str(value)
    return "?" + urlencode(params) if params else "?"
