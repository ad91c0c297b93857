"""Reading uploaded files within the service's size limit, with the library's clear errors."""

from __future__ import annotations

from fastapi import Request, UploadFile

from leaktrace.documents import decode_text
from leaktrace.errors import BinaryInputError, TooLargeError


def max_input_bytes(request: Request) -> int:
    limit: int = request.app.state.config.max_input_bytes
    return limit


def read_upload(request: Request, file: UploadFile, what: str) -> tuple[str, bytes]:
    """The upload's file name and bytes; never reads more than one byte past the limit.

    Raises:
        TooLargeError: over ``max_input_bytes`` (nothing is stored).
    """
    limit = max_input_bytes(request)
    data = file.file.read(limit + 1)
    name = file.filename or what
    if len(data) > limit:
        raise TooLargeError(
            f"{name} is over the limit of {limit:,} bytes; raise LEAKTRACE_MAX_INPUT_BYTES if "
            f"this is really one {what}"
        )
    return name, data


def read_text_upload(request: Request, file: UploadFile, what: str) -> tuple[str, str]:
    """The upload's file name and UTF-8 text.

    Raises:
        InputError: too large, binary, not UTF-8, or empty.
    """
    name, data = read_upload(request, file, what)
    return name, decode_text(data, name, max_input_bytes(request))


def check_text_size(request: Request, text: str, what: str) -> None:
    """Raises: TooLargeError over the limit in UTF-8; BinaryInputError for text that has no
    UTF-8 form (lone surrogates, which JSON can carry)."""
    limit = max_input_bytes(request)
    try:
        size = len(text.encode("utf-8"))
    except UnicodeEncodeError as error:
        raise BinaryInputError(
            f"the {what} holds an invalid character at position {error.start} (a lone "
            "surrogate); send it as UTF-8 text"
        ) from None
    if size > limit:
        raise TooLargeError(
            f"the {what} is {size:,} bytes, over the limit of {limit:,}; send a shorter extract"
        )
