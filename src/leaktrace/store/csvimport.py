"""Read a recipients CSV (``id,name,email[,groups]``) into rows the store can import.

The whole file is checked before anything is returned, so an import is all or nothing: a bad
row means nothing is written. Every problem names the row (the header is row 1), the column
and the offending value; up to :data:`MAX_REPORTED` problems are reported at once so a user can
fix them in one pass. UTF-8 only (a byte-order mark and Windows line endings are fine); groups
are separated by ``;`` or ``|``; a file without a groups column leaves groups unchanged.

Example:
    >>> data = b"id,name,email,groups\\njs,J. Smith,j@example.org,board;legal\\n"
    >>> rows = parse_recipients_csv(data)
    >>> rows[0].groups
    ('board', 'legal')
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path
from typing import TYPE_CHECKING

from leaktrace.errors import (
    BinaryInputError,
    CsvFormatError,
    EmptyInputError,
    InputError,
    TooLargeError,
)
from leaktrace.store.records import RecipientRow

if TYPE_CHECKING:
    from _csv import Reader

REQUIRED = ("id", "name", "email")
OPTIONAL = ("groups",)
MAX_REPORTED = 5
MAX_FIELD = 200
DEFAULT_MAX_BYTES = 5_000_000

_EMAIL = re.compile(r"^[^@\s,;<>\"]+@[^@\s,;<>\"]+\.[^@\s,;<>\".]+$")
_GROUP_SEPARATOR = re.compile(r"[;|]")


def read_recipients_csv(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> list[RecipientRow]:
    """Read and check the CSV file at ``path``.

    Raises:
        InputError: the file is missing or unreadable; see :func:`parse_recipients_csv`.
    """
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise _too_large(str(path), size, max_bytes)
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(
            f"cannot read recipients CSV {str(path)!r} ({exc.strerror}); check the path"
        ) from None
    return parse_recipients_csv(data, source=str(path), max_bytes=max_bytes)


def parse_recipients_csv(
    data: bytes, source: str = "recipients CSV", max_bytes: int = DEFAULT_MAX_BYTES
) -> list[RecipientRow]:
    """Check and parse CSV bytes.

    Raises:
        TooLargeError: over ``max_bytes``.
        BinaryInputError: not UTF-8 text (names the row and byte offset).
        EmptyInputError: no header row.
        CsvFormatError: a bad header or rows; names each row, column and value.
    """
    if len(data) > max_bytes:
        raise _too_large(source, len(data), max_bytes)
    text = _decode(data, source)
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = next(reader, None)
        while header is not None and not any(cell.strip() for cell in header):
            header = next(reader, None)
        if header is None:
            raise EmptyInputError(
                f"{source} is empty; give a header row 'id,name,email[,groups]' and one row "
                "per recipient"
            )
        columns = _columns(header, source, reader.line_num)
        rows, problems = _rows(reader, columns)
    except csv.Error as exc:
        raise CsvFormatError(
            f"{source} row {reader.line_num}: {exc}; check the quoting of that row"
        ) from None
    if problems:
        shown = "; ".join(problems[:MAX_REPORTED])
        more = len(problems) - MAX_REPORTED
        extra = f"; and {more} more problem{'s' if more > 1 else ''}" if more > 0 else ""
        raise CsvFormatError(
            f"{source}: {shown}{extra}. Nothing was imported; fix the file and import it again",
            problems,
        )
    return rows


def _too_large(source: str, size: int, limit: int) -> TooLargeError:
    return TooLargeError(
        f"{source} is {size:,} bytes, over the {limit:,}-byte limit; split it into smaller "
        "files or raise LEAKTRACE_MAX_INPUT_BYTES"
    )


def _decode(data: bytes, source: str) -> str:
    if b"\x00" in data:
        offset = data.index(b"\x00")
        raise BinaryInputError(
            f"{source} holds binary data (a NUL byte on row {_row_at(data, offset)}, byte "
            f"{offset}); export the spreadsheet as CSV (UTF-8)"
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise BinaryInputError(
            f"{source} is not UTF-8 text (row {_row_at(data, exc.start)}, byte {exc.start}: "
            f"{data[exc.start : exc.start + 1]!r}); save it as 'CSV UTF-8' and import again"
        ) from None


def _row_at(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def _columns(header: list[str], source: str, line: int) -> dict[str, int]:
    names = [cell.strip().lower() for cell in header]
    unknown = [n for n in names if n not in REQUIRED + OPTIONAL]
    missing = [n for n in REQUIRED if n not in names]
    repeated = sorted({n for n in names if names.count(n) > 1})
    if unknown or missing or repeated:
        problems = [f"missing column {n!r}" for n in missing]
        problems += [f"unknown column {n!r}" for n in unknown]
        problems += [f"column {n!r} appears twice" for n in repeated]
        raise CsvFormatError(
            f"{source} row {line} (header): {', '.join(problems)}; the first row must name the "
            "columns id,name,email and optionally groups"
        )
    return {name: names.index(name) for name in names}


def _rows(reader: Reader, columns: dict[str, int]) -> tuple[list[RecipientRow], list[str]]:
    rows: list[RecipientRow] = []
    problems: list[str] = []
    first_row_of: dict[str, int] = {}
    for cells in reader:
        line = reader.line_num
        if not any(cell.strip() for cell in cells):
            continue
        if len(cells) != len(columns):
            problems.append(f"row {line} has {len(cells)} fields but the header has {len(columns)}")
            continue
        values = {name: cells[index].strip() for name, index in columns.items()}
        row_problems = _check(values, line)
        identifier = values["id"]
        if identifier and identifier in first_row_of:
            row_problems.append(
                f"row {line}, column id: duplicate id {identifier!r} "
                f"(first on row {first_row_of[identifier]})"
            )
        first_row_of.setdefault(identifier, line)
        problems.extend(row_problems)
        if not row_problems:
            groups = None
            if "groups" in values:
                parts = (g.strip() for g in _GROUP_SEPARATOR.split(values["groups"]))
                groups = tuple(dict.fromkeys(g for g in parts if g))
            rows.append(RecipientRow(identifier, values["name"], values["email"], groups))
    return rows, problems


def _check(values: dict[str, str], line: int) -> list[str]:
    problems = []
    for column in REQUIRED:
        if not values[column]:
            problems.append(f"row {line}, column {column}: empty {column}")
        elif len(values[column]) > MAX_FIELD:
            problems.append(
                f"row {line}, column {column}: {values[column][:20]!r}... is longer than "
                f"{MAX_FIELD} characters"
            )
    email = values["email"]
    if email and not _EMAIL.match(email):
        problems.append(f"row {line}, column email: {email!r} is not an email address")
    return problems
