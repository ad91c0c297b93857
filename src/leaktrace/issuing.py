"""Recipe: issue a document version to recipients, recording every copy before it exists.

Record, then release. :meth:`Store.record_issuance` commits one row per recipient (status
*recorded*) in a single transaction before any file is written; each copy is then written
atomically (a temporary file renamed into place) and marked *released* in chunks. If the run is
interrupted, running the same command again resumes the recorded batch and writes only the
copies still missing: no duplicates, and never a copy the database does not know about.

Example:
    See ``tests/test_cli.py``: ``leaktrace issue memo --to all --out copies/``.
"""

from __future__ import annotations

import json
import os
import re
import zipfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import BinaryIO

import numpy as np
import numpy.typing as npt

from leaktrace import codes, pointsjson
from leaktrace.codes import CODE_KEY_LABEL
from leaktrace.copywriters import (
    FORMATS,
    NO_VISIBLE_MARK,
    CopyFile,
    CopyWriter,
    VisibleMark,
    make_writer,
    prepare_active,
)
from leaktrace.errors import InputError, NotFoundError, OutputError
from leaktrace.keys import SecretKey
from leaktrace.layout import Layout, is_layout_key
from leaktrace.mark import layout_option_matrix, option_matrix
from leaktrace.model import Recipient, VariationPoint
from leaktrace.store import IssuePlan, VersionRecord
from leaktrace.store.store import Store

CHANNELS = ("file", "zip", "portal", "email")
_CHUNK = 500
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class IssueReport:
    """What an issue run did."""

    doc_id: str
    version: int
    batch_id: int
    recipients: int
    written: int
    resumed: bool
    out_dir: Path
    points_active: int
    channel: str = "file"
    layout_marks: int = 0
    """Blocks carrying the layout channel (typeset formats); 0 for text."""


def resolve_recipients(store: Store, targets: Sequence[str]) -> list[Recipient]:
    """``all``, group names and recipient ids, in that order of precedence; no duplicates."""
    if not targets:
        raise InputError("say who receives copies: --to all, --to GROUP or --to RECIPIENT-ID")
    chosen: dict[int, Recipient] = {}
    unknown: list[str] = []
    groups = {g for r in store.all_recipients() for g in r.groups}
    for target in targets:
        if target == "all":
            members = store.all_recipients()
        elif target in groups:
            members = store.recipients_in_group(target)
        else:
            try:
                members = store.recipients_by_external_ids([target])
            except NotFoundError:
                unknown.append(target)
                continue
        chosen.update((r.number, r) for r in members)
    if unknown:
        raise NotFoundError(
            f"no recipient or group called {', '.join(map(repr, unknown))}; "
            "see `leaktrace recipients list`"
        )
    if not chosen:
        raise InputError(
            "nobody to issue to: import recipients first (`leaktrace recipients import`)"
        )
    return sorted(chosen.values(), key=lambda r: r.number)


@dataclass(frozen=True)
class RenderedCopy:
    """One recipient's copy, rendered in memory and not yet released."""

    recipient: Recipient
    filename: str
    text: str
    """What the recipient reads (the copy's wording, whatever the format)."""
    data: bytes
    """The file itself (UTF-8 text, DOCX or PDF)."""


class IssueJob:
    """A batch already recorded in the store, whose copies may now be rendered and released.

    Made by :func:`prepare_issue`. Render with :meth:`chunks`; deliver each chunk (write it,
    zip it, send it); then :meth:`release` it with where each copy went.
    """

    def __init__(
        self,
        store: Store,
        key: SecretKey,
        version: VersionRecord,
        plan: IssuePlan,
        recipients: Sequence[Recipient],
        active: Sequence[str],
        fmt: str,
        actor: str,
    ) -> None:
        self.store = store
        self.version = version
        self.plan = plan
        self.fmt = fmt
        self.actor = actor
        self.active = tuple(active)
        self.recipients = tuple(recipients)
        self._points = pointsjson.loads(version.points_json)
        self._code_key = key.derive(CODE_KEY_LABEL)
        batch = store.get_batch(plan.batch_id)
        self._writer = _batch_writer(store, version, self._points, fmt, self.active, batch.created)
        by_number = {r.number: r for r in recipients}
        self.to_write = tuple(by_number[n] for n in plan.to_write)
        self._names = _file_names(self.to_write, fmt)

    @property
    def batch_id(self) -> int:
        return self.plan.batch_id

    @property
    def layout(self) -> Layout | None:
        """The fixed layout of a typeset batch (PDF, HTML); None for text formats."""
        return self._writer.layout

    def chunks(self, size: int | None = None) -> Iterator[list[RenderedCopy]]:
        """The copies still to release, rendered ``size`` (default 500) at a time."""
        size = size or _CHUNK
        numbers = np.array([r.number for r in self.to_write], dtype=np.int64)
        for start in range(0, len(numbers), size):
            chunk = numbers[start : start + size]
            matrix = option_matrix(
                self._code_key,
                self.version.doc_id,
                self.version.number,
                self._points,
                self.active,
                chunk,
            )
            layout = layout_option_matrix(
                self._code_key,
                self.version.doc_id,
                self.version.number,
                self._writer.layout_keys,
                self.active,
                chunk,
            )
            copies = []
            for index, recipient in enumerate(self.to_write[start : start + size]):
                written = self._writer.write(matrix[index], recipient, layout[index])
                copies.append(
                    RenderedCopy(
                        recipient, self._names[recipient.number], written.text, written.data
                    )
                )
            yield copies

    def release(self, copies: Sequence[RenderedCopy], locations: Sequence[str]) -> None:
        """Mark ``copies`` released, each with where it went (a path, a zip entry, ...)."""
        self.store.mark_released(
            self.batch_id, [c.recipient.number for c in copies], list(locations), actor=self.actor
        )

    def report(self, written: int, out_dir: Path | None = None) -> IssueReport:
        return IssueReport(
            doc_id=self.version.doc_id,
            version=self.version.number,
            batch_id=self.batch_id,
            recipients=len(self.recipients),
            written=written,
            resumed=self.plan.resumed,
            out_dir=out_dir or Path(),
            points_active=sum(1 for k in codes.point_keys(self.active) if not is_layout_key(k)),
            layout_marks=sum(1 for k in codes.point_keys(self.active) if is_layout_key(k)),
            channel=self.store.get_batch(self.batch_id).channel,
        )


def prepare_issue(
    store: Store,
    key: SecretKey,
    doc_id: str,
    targets: Sequence[str],
    *,
    fmt: str = "txt",
    channel: str = "file",
    actor: str = "cli",
    visible_mark: bool = True,
) -> IssueJob:
    """Record (durably, before anything is rendered) an issue of ``doc_id``'s latest version.

    Raises:
        InputError: bad format or channel, or nobody to issue to.
        NotFoundError: unknown document, group or recipient.
    """
    if fmt not in FORMATS:
        raise InputError(f"format {fmt!r} is not supported; choose one of {', '.join(FORMATS)}")
    if channel not in CHANNELS:
        raise InputError(f"channel {channel!r} is unknown; choose one of {', '.join(CHANNELS)}")
    version = store.latest_version(doc_id)
    recipients = resolve_recipients(store, targets)
    points = pointsjson.loads(version.points_json)
    vetoed = store.vetoed_keys(version.id)
    # New batches carry the collusion-secure code; the scheme is recorded in the active list.
    active = codes.with_scheme(
        prepare_active(
            fmt,
            version.text,
            points,
            [p.key for p in points if p.key not in vetoed],
            visible_mark=visible_mark,
        ),
        codes.NEW_BATCH_SCHEME,
    )
    plan = store.record_issuance(
        version.id,
        [r.number for r in recipients],
        fmt,
        json.dumps(active),
        actor=actor,
        channel=channel,
        # Only a rerun of the same command into the same folder resumes; any other request is
        # a new issue (two people downloading the same zip at once get two batches).
        resume=channel == "file",
    )
    return IssueJob(store, key, version, plan, recipients, active, fmt, actor)


def issue(
    store: Store,
    key: SecretKey,
    doc_id: str,
    targets: Sequence[str],
    out_dir: Path,
    *,
    fmt: str = "txt",
    actor: str = "cli",
    progress: Progress | None = None,
    visible_mark: bool = True,
) -> IssueReport:
    """Issue the latest version of ``doc_id`` to ``targets``: one file per recipient in ``out_dir``.

    Raises:
        InputError: bad format, unwritable folder, or nobody to issue to.
        NotFoundError: unknown document, group or recipient.
    """
    if fmt not in FORMATS:
        raise InputError(f"format {fmt!r} is not supported; choose one of {', '.join(FORMATS)}")
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise InputError(
            f"cannot use {out_dir} as the output folder ({error.strerror}); choose another --out"
        ) from None
    if not os.access(out_dir, os.W_OK):
        raise InputError(f"cannot write to {out_dir}; choose another --out folder")
    job = prepare_issue(
        store, key, doc_id, targets, fmt=fmt, channel="file", actor=actor, visible_mark=visible_mark
    )
    written = 0
    total = len(job.to_write)
    for copies in job.chunks():
        paths = []
        for copy in copies:
            path = out_dir / copy.filename
            try:
                _write_atomically(path, copy.data)
            except OSError as error:
                raise OutputError(
                    f"could not write {path} ({error.strerror or error}); {written} of {total} "
                    "copies were written. Every copy is recorded: fix the problem and run the "
                    "same command again to write the rest"
                ) from None
            paths.append(str(path))
        job.release(copies, paths)
        written += len(copies)
        if progress is not None:
            progress(written, total)
    return job.report(written, out_dir)


def issue_zip(
    store: Store,
    key: SecretKey,
    doc_id: str,
    targets: Sequence[str],
    destination: BinaryIO,
    *,
    fmt: str = "txt",
    actor: str = "cli",
) -> IssueReport:
    """Issue copies into one zip archive (``<recipient-id>.<fmt>`` each) written to ``destination``.

    Every copy is recorded first; the copies are released once the archive is complete. A
    repeated request is a new batch (the earlier archive may have been lost on its way).
    """
    job = prepare_issue(store, key, doc_id, targets, fmt=fmt, channel="zip", actor=actor)
    done: list[RenderedCopy] = []
    with zipfile.ZipFile(destination, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for copies in job.chunks():
            for copy in copies:
                archive.writestr(copy.filename, copy.data)
            done.extend(copies)
    for start in range(0, len(done), _CHUNK):
        part = done[start : start + _CHUNK]
        job.release(part, [f"zip:batch-{job.batch_id}/{c.filename}" for c in part])
    return job.report(len(done))


def publish_to_portal(
    store: Store,
    key: SecretKey,
    doc_id: str,
    targets: Sequence[str],
    *,
    actor: str = "cli",
) -> IssueReport:
    """Make each recipient's copy readable in the reader portal (rendered when they open it)."""
    # Typeset as HTML: the portal shows the pages, so a screenshot carries the layout marks.
    job = prepare_issue(store, key, doc_id, targets, fmt="html", channel="portal", actor=actor)
    # Nothing to write: a portal copy is drawn when its reader opens it.
    for start in range(0, len(job.to_write), _CHUNK):
        part = job.to_write[start : start + _CHUNK]
        store.mark_released(
            job.batch_id, [r.number for r in part], ["portal"] * len(part), actor=actor
        )
    return job.report(len(job.to_write))


def render_copy(store: Store, key: SecretKey, batch_id: int, recipient_number: int) -> str:
    """The exact text recipient ``recipient_number`` received in batch ``batch_id``.

    Raises:
        NotFoundError: no such batch, or the recipient is not in it.
    """
    return render_copy_file(store, key, batch_id, recipient_number).text


def render_copy_file(
    store: Store, key: SecretKey, batch_id: int, recipient_number: int
) -> CopyFile:
    """The copy recipient ``recipient_number`` received in batch ``batch_id``, in the batch's
    format (for a typeset batch: the same pages, marks and visible line).

    Raises:
        NotFoundError: no such batch, or the recipient is not in it.
    """
    writer, recipient, row, layout_row = _batch_copy(store, key, batch_id, recipient_number)
    return writer.write(row, recipient, layout_row)


def render_copy_pages(
    store: Store, key: SecretKey, batch_id: int, recipient_number: int
) -> list[str] | None:
    """The pages of a typeset copy as SVG markup (the reader portal shows them, so that a
    screenshot carries the layout marks); None for a batch issued as plain text.

    Raises:
        NotFoundError: no such batch, or the recipient is not in it.
    """
    from leaktrace.formats.html_copy import svg_page

    writer, recipient, row, layout_row = _batch_copy(store, key, batch_id, recipient_number)
    if writer.layout is None:
        return None
    geometry = writer.layout.geometry
    return [svg_page(page, geometry) for page in writer.pages(row, recipient, layout_row)]


def _batch_copy(
    store: Store, key: SecretKey, batch_id: int, recipient_number: int
) -> tuple[CopyWriter, Recipient, npt.NDArray[np.uint8], npt.NDArray[np.uint8]]:
    batch = store.get_batch(batch_id)
    numbers = store.recipients_of_batch(batch_id)
    if recipient_number not in set(numbers.tolist()):
        raise NotFoundError(f"recipient {recipient_number} received no copy in batch {batch_id}")
    version = store.get_version(batch.version_id)
    points = pointsjson.loads(version.points_json)
    active = json.loads(batch.active_points_json)
    number = np.array([recipient_number], dtype=np.int64)
    code_key = key.derive(CODE_KEY_LABEL)
    matrix = option_matrix(code_key, version.doc_id, version.number, points, active, number)
    writer = _batch_writer(store, version, points, batch.format, active, batch.created)
    layout = layout_option_matrix(
        code_key, version.doc_id, version.number, writer.layout_keys, active, number
    )
    (recipient,) = store.recipients_by_numbers([recipient_number])
    return writer, recipient, matrix[0], layout[0]


def _batch_writer(
    store: Store,
    version: VersionRecord,
    points: Sequence[VariationPoint],
    fmt: str,
    active: Sequence[str],
    issued: datetime,
) -> CopyWriter:
    """The writer of a recorded batch: everything it draws comes from the batch's record."""
    return make_writer(
        fmt,
        version.text,
        points,
        active,
        title=version.title,
        source=store.version_source(version.id) if fmt == "docx" else None,
        visible_mark=None if NO_VISIBLE_MARK in active else VisibleMark(issued.date()),
    )


def _file_names(recipients: Sequence[Recipient], fmt: str) -> dict[int, str]:
    names: dict[int, str] = {}
    used: set[str] = set()
    for recipient in recipients:
        stem = (
            _UNSAFE.sub("_", recipient.external_id).strip("._") or f"recipient-{recipient.number}"
        )
        name = f"{stem}.{fmt}"
        if name in used:
            name = f"{stem}-{recipient.number}.{fmt}"
        used.add(name)
        names[recipient.number] = name
    return names


def _write_atomically(path: Path, data: bytes) -> None:
    temporary = path.with_name(f".{path.name}.partial")
    temporary.write_bytes(data)
    os.replace(temporary, path)
