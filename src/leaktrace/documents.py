"""Register documents, list their variation points, and let the author veto or restore any.

Reading input files is strict: a text file must be UTF-8, non-empty and under the size limit; a
DOCX, PDF (with a text layer), HTML page or e-mail is read by :mod:`leaktrace.formats.extract`
and kept with the version, so that copies can be written back into it. Anything else is refused
with a message saying what to do, and nothing is stored.

Example:
    See ``tests/test_cli.py``: ``leaktrace add cable.md`` calls :func:`add_document`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from leaktrace import pointsjson
from leaktrace.errors import (
    EmptyInputError,
    InputError,
    NotFoundError,
)
from leaktrace.formats.extract import READERS, extract_document, read_input_file
from leaktrace.formats.extract import decode_text as decode_text
from leaktrace.index import lattice_shingles
from leaktrace.lattice import build_lattice
from leaktrace.model import Occurrence, Scope, Span, VariationPoint
from leaktrace.store.records import SourceFile, VersionRecord
from leaktrace.store.store import Store
from leaktrace.variants.engine import find_points
from leaktrace.variants.protect import protected_spans
from leaktrace.variants.variety import detect_variety

TEXT_FORMATS = {".txt": "txt", ".md": "md", ".markdown": "md", ".text": "txt"}
DOCUMENT_FORMATS = {suffix: fmt for suffix, fmt in READERS.items() if suffix not in TEXT_FORMATS}
"""Files read by :func:`leaktrace.formats.extract.extract_document` and kept with the version."""
STORED_FORMAT = "md"
"""The format a version read from a document file is stored as: its text uses markdown forms."""

_DOC_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,79}$")


@dataclass(frozen=True)
class AddedDocument:
    """What :func:`add_document` stored."""

    version: VersionRecord
    points: tuple[VariationPoint, ...]
    words: int


@dataclass(frozen=True)
class PointView:
    """A point as the author reviews it: number, state and context."""

    number: int
    point: VariationPoint
    vetoed: bool
    before: str
    after: str


def read_text_file(path: Path, max_bytes: int) -> str:
    """The text of a UTF-8 file, or a clear error (missing, too large, binary, empty)."""
    return decode_text(read_input_file(path, max_bytes), str(path), max_bytes)


def add_document(
    store: Store,
    path: Path,
    *,
    doc_id: str | None = None,
    title: str | None = None,
    fixed: Sequence[str] = (),
    max_bytes: int = 5_000_000,
    actor: str = "cli",
) -> AddedDocument:
    """Find the variation points of a document file and store it as a new document or version.

    A .txt or .md file is marked as it is; a .docx, .pdf, .html or .eml file as read by
    :func:`add_document_bytes`.

    ``fixed`` are phrases the author wants every copy to keep exactly (each occurrence is
    protected, like a quotation).

    Raises:
        InputError: unsupported file, bad id, or a fixed phrase that does not occur.
    """
    suffix = path.suffix.lower()
    if suffix in DOCUMENT_FORMATS:
        data = read_input_file(path, max_bytes)
        return add_document_bytes(
            store,
            data,
            path.name,
            doc_id=doc_id,
            title=title,
            fixed=fixed,
            max_bytes=max_bytes,
            actor=actor,
        )
    text = read_text_file(path, max_bytes) if suffix in TEXT_FORMATS else ""
    return add_document_text(
        store, text, path.name, doc_id=doc_id, title=title, fixed=fixed, actor=actor
    )


def add_document_bytes(
    store: Store,
    data: bytes,
    filename: str,
    *,
    doc_id: str | None = None,
    title: str | None = None,
    fixed: Sequence[str] = (),
    max_bytes: int = 5_000_000,
    actor: str = "cli",
) -> AddedDocument:
    """Like :func:`add_document` for a file's bytes (an upload): ``filename`` gives the format.

    A .docx, .pdf, .html or .eml file is read as text (headings, tables, page headers and
    footers, e-mail header lines carry no variation points) and stored with the version, so
    that copies can be written back into it (:class:`leaktrace.formats.docx_copy.DocxCopyWriter`).
    A .txt or .md file is added exactly as :func:`add_document_text` adds it.

    Raises:
        InputError: unsupported, damaged, password-protected, empty or too large file; bad id;
            or a fixed phrase that does not occur.
    """
    name = Path(filename).name
    if Path(name).suffix.lower() not in DOCUMENT_FORMATS:
        text = decode_text(data, name, max_bytes) if _is_text(name) else ""
        return add_document_text(
            store, text, name, doc_id=doc_id, title=title, fixed=fixed, actor=actor
        )
    extracted = extract_document(data, name, max_bytes)
    source = SourceFile(name, extracted.media_type, extracted.structure, data)
    return _add(
        store,
        extracted.text,
        Path(name),
        STORED_FORMAT,
        doc_id=doc_id,
        title=title or extracted.title,
        fixed=fixed,
        protected=extracted.protected,
        source=source,
        actor=actor,
    )


def add_document_text(
    store: Store,
    text: str,
    filename: str,
    *,
    doc_id: str | None = None,
    title: str | None = None,
    fixed: Sequence[str] = (),
    actor: str = "cli",
) -> AddedDocument:
    """Like :func:`add_document` for text already read (an upload): ``filename`` gives the
    format (.txt or .md), the default id and title.

    Raises:
        InputError: not a .txt or .md name (use :func:`add_document_bytes` for documents), no
            text, bad id, or a fixed phrase that does not occur.
    """
    path = Path(filename)
    fmt = TEXT_FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise InputError(
            f"{path.name}: leaktrace reads .txt and .md text, and .docx, .pdf, .html and .eml "
            "documents; convert the file to one of these first"
        )
    return _add(store, text, path, fmt, doc_id=doc_id, title=title, fixed=fixed, actor=actor)


def _add(
    store: Store,
    text: str,
    path: Path,
    fmt: str,
    *,
    doc_id: str | None,
    title: str | None,
    fixed: Sequence[str],
    actor: str,
    protected: Sequence[Span] = (),
    source: SourceFile | None = None,
) -> AddedDocument:
    if not text.strip():
        raise EmptyInputError(f"{path.name} holds no text; nothing to mark")
    doc_id = doc_id or _slug(path.stem)
    if not _DOC_ID.match(doc_id):
        raise InputError(
            f"document id {doc_id!r} is not valid: use letters, digits, '.', '_' or '-' "
            "(at most 80 characters)"
        )
    variety = detect_variety(text)
    spans = [*fixed_spans(text, fixed), *protected]
    points = find_points(text, variety=variety, fixed=spans)
    lattice = build_lattice(text, points)
    version = store.add_document(
        doc_id=doc_id,
        title=title or _title(text, path),
        text=text,
        format=fmt,
        variety=variety,
        points_json=pointsjson.dumps(points),
        shingles=lattice_shingles(lattice),
        fixed_spans_json=json.dumps([[s.start, s.end, s.reason] for s in spans]),
        actor=actor,
        source=source,
    )
    return AddedDocument(version, tuple(points), len(text.split()))


def fixed_spans(text: str, phrases: Sequence[str]) -> list[Span]:
    """Every occurrence of each phrase, as spans no point may touch."""
    spans: list[Span] = []
    for phrase in phrases:
        if not phrase.strip():
            raise InputError("a fixed phrase cannot be empty")
        found = [m.start() for m in re.finditer(re.escape(phrase), text)]
        if not found:
            raise InputError(
                f"the phrase {phrase!r} does not occur in the document; give it exactly as written"
            )
        spans += [Span(start, start + len(phrase), "fixed by the author") for start in found]
    return spans


def point_views(store: Store, doc_id: str) -> tuple[VersionRecord, list[PointView]]:
    """Every point of the latest version of ``doc_id``, numbered from 1, with its context."""
    version = store.latest_version(doc_id)
    vetoed = store.vetoed_keys(version.id)
    views = []
    for number, point in enumerate(pointsjson.loads(version.points_json), start=1):
        occ = point.occurrences[0]
        before = version.text[max(0, occ.start - 50) : occ.start].split("\n")[-1]
        after = version.text[occ.end : occ.end + 50].split("\n")[0]
        views.append(PointView(number, point, point.key in vetoed, before, after))
    return version, views


def set_vetoes(
    store: Store, doc_id: str, numbers: Sequence[int], vetoed: bool, actor: str = "cli"
) -> list[PointView]:
    """Veto (or restore) points by their number in :func:`point_views`; applies to later issues."""
    version, views = point_views(store, doc_id)
    chosen = []
    for number in numbers:
        if not 1 <= number <= len(views):
            raise NotFoundError(
                f"{doc_id} has points 1 to {len(views)}; there is no point {number} "
                f"(run `leaktrace points {doc_id}` to see them)"
            )
        chosen.append(views[number - 1])
    for view in chosen:
        store.set_veto(version.id, view.point.key, vetoed, actor=actor)
    return chosen


def add_alternative(
    store: Store, doc_id: str, phrase: str, alternatives: Sequence[str], actor: str = "cli"
) -> VariationPoint:
    """Add the author's own variation point: ``phrase`` may read as any of ``alternatives``.

    For the passages most likely to be quoted (a memorable phrase, a key sentence) the author can
    approve rewordings of their own. Every occurrence of ``phrase`` takes the same choice in a copy.
    Copies issued before keep the phrase as written and are never scored on it.

    Raises:
        InputError: the phrase does not occur, an alternative is empty or repeats, or the phrase
            overlaps an existing point (veto that one instead, or choose a shorter phrase).
    """
    version = store.latest_version(doc_id)
    points = pointsjson.loads(version.points_json)
    options = [phrase, *alternatives]
    if any(not o.strip() for o in options) or len(set(options)) != len(options):
        raise InputError("give the phrase and at least one different, non-empty alternative")
    if len(options) > 16:
        raise InputError("at most 15 alternatives per phrase")
    starts = [m.start() for m in re.finditer(re.escape(phrase), version.text)]
    if not starts:
        raise InputError(
            f"the phrase {phrase!r} does not occur in {doc_id}; give it exactly as written"
        )
    fixed = [Span(s[0], s[1], s[2]) for s in json.loads(version.fixed_spans_json)]
    protected = protected_spans(version.text, fixed)
    for start in starts:
        end = start + len(phrase)
        for span in protected:
            if span.overlaps(start, end):
                raise InputError(
                    f"the phrase {phrase!r} touches a protected span ({span.reason}); "
                    "leaktrace never changes quotations, markings, headers or fixed phrases"
                )
        for number, point in enumerate(points, start=1):
            if any(o.start < end and start < max(o.end, o.start + 1) for o in point.occurrences):
                raise InputError(
                    f"the phrase {phrase!r} overlaps point {number} ({point.kind}); "
                    "choose a phrase around it"
                )
    occurrences = tuple(Occurrence(s, s + len(phrase), tuple(options)) for s in starts)
    point = VariationPoint(
        key=f"author:{starts[0]}",
        kind="author",
        labels=tuple(options),
        occurrences=occurrences,
        original=0,
        scope=Scope.DOCUMENT if len(starts) > 1 else Scope.LOCAL,
        note="alternative approved by the author",
    )
    extended = sorted([*points, point], key=lambda p: p.start)
    old = set(lattice_shingles(build_lattice(version.text, points)))
    new = [s for s in lattice_shingles(build_lattice(version.text, extended)) if s not in old]
    store.append_points(version.id, pointsjson.dumps(extended), new, actor=actor)
    return point


def _is_text(name: str) -> bool:
    return Path(name).suffix.lower() in TEXT_FORMATS


def _slug(stem: str) -> str:
    slug = re.sub(r"[^A-Za-z0-9._-]+", "-", stem).strip("-._")
    return slug[:80] or "document"


def _title(text: str, path: Path) -> str:
    for line in text.splitlines():
        match = re.match(r"^\W*(?:subject|title)\s*:\s*\**\s*(.+)$", line, re.IGNORECASE)
        if match:
            return match.group(1).strip(" *")[:200]
    for line in text.splitlines():
        if line.startswith("#"):
            return line.lstrip("# ").strip()[:200]
    return path.stem
