"""The one exception tree of leaktrace.

Every error a user can cause or fix is a subclass of :class:`LeaktraceError`, and its message says
what went wrong, where, and what to do. Interfaces translate these in one place each (the CLI
prints a red line and exits 1).

    LeaktraceError
    ├── WorkspaceError          no workspace, or a damaged one
    │   └── SecretKeyError      the secret key is missing, unreadable or not this workspace's
    ├── InputError              a file or value the user gave is unusable
    │   ├── EmptyInputError
    │   ├── BinaryInputError
    │   ├── TooLargeError
    │   └── CsvFormatError
    ├── NotFoundError           an unknown document, recipient, group or point
    ├── ConflictError           the request contradicts what is stored (duplicate id, ...)
    ├── ToolMissingError        an outside program leaktrace needs (tesseract) is not installed
    ├── OutputError             a copy or report could not be written (disk full, no permission)
    │   └── DeliveryError       the mail server cannot be reached or refused the session
    └── StoreError              the database refused or failed an operation

Anything touching the secret key fails with the same message whatever the cause, so that an error
never reveals anything about the key.
"""

from __future__ import annotations

from collections.abc import Sequence


class LeaktraceError(Exception):
    """Base of every error leaktrace raises on purpose."""


class WorkspaceError(LeaktraceError):
    """The workspace is missing, incomplete or damaged."""


class SecretKeyError(WorkspaceError):
    """The secret key cannot be used. The message is the same whatever the cause."""

    def __init__(self, location: str = "") -> None:
        where = f" ({location})" if location else ""
        super().__init__(
            "the workspace's secret key is missing, unreadable or does not belong to this "
            f"workspace{where}; restore the key file from your backup, or point "
            "LEAKTRACE_KEY_FILE at it"
        )


class InputError(LeaktraceError):
    """A file or value given by the user cannot be used."""


class EmptyInputError(InputError):
    """The input holds no text."""


class BinaryInputError(InputError):
    """The input is not text in a supported encoding."""


class TooLargeError(InputError):
    """The input is over the size limit."""


class CsvFormatError(InputError):
    """A CSV file is malformed; the message names the row and column.

    ``problems`` lists every problem found, one per bad row (the message shows the first few).
    """

    def __init__(self, message: str, problems: Sequence[str] = ()) -> None:
        super().__init__(message)
        self.problems = tuple(problems) or (message,)


class NotFoundError(LeaktraceError):
    """An id that names nothing stored."""


class ConflictError(LeaktraceError):
    """The request contradicts what is already stored."""


class ToolMissingError(LeaktraceError):
    """An outside program leaktrace needs is not installed; the message says how to install it."""


class OutputError(LeaktraceError):
    """A file leaktrace had to write could not be written; the message says how to resume."""


class DeliveryError(OutputError):
    """Copies could not be sent: the mail server is down, unreachable or refused the session.

    Every copy is recorded and every unsent one stays pending or failed; retry later.
    """


class StoreError(LeaktraceError):
    """The database failed an operation; nothing was written."""
