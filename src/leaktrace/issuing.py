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
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from leaktrace import pointsjson
from leaktrace.codes import CODE_KEY_LABEL
from leaktrace.errors import InputError, NotFoundError, OutputError
from leaktrace.keys import SecretKey
from leaktrace.mark import CopyRenderer, option_matrix
from leaktrace.model import Recipient
from leaktrace.store.store import Store

FORMATS = ("txt", "md")
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
) -> IssueReport:
    """Issue the latest version of ``doc_id`` to ``targets``: one file per recipient in ``out_dir``.

    Raises:
        InputError: bad format, unwritable folder, or nobody to issue to.
        NotFoundError: unknown document, group or recipient.
    """
    if fmt not in FORMATS:
        raise InputError(f"format {fmt!r} is not supported; choose one of {', '.join(FORMATS)}")
    version = store.latest_version(doc_id)
    recipients = resolve_recipients(store, targets)
    points = pointsjson.loads(version.points_json)
    vetoed = store.vetoed_keys(version.id)
    active = sorted(p.key for p in points if p.key not in vetoed)
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise InputError(
            f"cannot use {out_dir} as the output folder ({error.strerror}); choose another --out"
        ) from None
    if not os.access(out_dir, os.W_OK):
        raise InputError(f"cannot write to {out_dir}; choose another --out folder")
    plan = store.record_issuance(
        version.id, [r.number for r in recipients], fmt, json.dumps(active), actor=actor
    )
    by_number = {r.number: r for r in recipients}
    names = _file_names([by_number[n] for n in plan.to_write], fmt)
    code_key = key.derive(CODE_KEY_LABEL)
    renderer = CopyRenderer(version.text, points)
    numbers = np.array(plan.to_write, dtype=np.int64)
    written = 0
    total = len(plan.to_write)
    for chunk_start in range(0, total, _CHUNK):
        chunk = numbers[chunk_start : chunk_start + _CHUNK]
        matrix = option_matrix(code_key, version.doc_id, version.number, points, active, chunk)
        paths = []
        for number, row in zip(chunk.tolist(), matrix, strict=True):
            path = out_dir / names[number]
            try:
                _write_atomically(path, renderer.render(row))
            except OSError as error:
                raise OutputError(
                    f"could not write {path} ({error.strerror or error}); {written} of {total} "
                    "copies were written. Every copy is recorded: fix the problem and run the "
                    "same command again to write the rest"
                ) from None
            paths.append(str(path))
        store.mark_released(plan.batch_id, chunk.tolist(), paths, actor=actor)
        written += len(chunk)
        if progress is not None:
            progress(written, total)
    return IssueReport(
        doc_id=version.doc_id,
        version=version.number,
        batch_id=plan.batch_id,
        recipients=len(recipients),
        written=written,
        resumed=plan.resumed,
        out_dir=out_dir,
        points_active=len(active),
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


def _write_atomically(path: Path, text: str) -> None:
    temporary = path.with_name(f".{path.name}.partial")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)
