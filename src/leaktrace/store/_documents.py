"""Document, version, veto and shingle queries on an open connection.

Functions here run inside a transaction the caller owns and never commit.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Row, bindparam, func, insert, select

from leaktrace.errors import ConflictError, InputError, NotFoundError
from leaktrace.store import _bulk
from leaktrace.store._recipients import chunks, shown
from leaktrace.store.records import DocumentRecord, SourceFile, VersionRecord, VersionSummary
from leaktrace.store.tables import documents, shingles, version_sources, versions, vetoes

FORMATS = ("txt", "md")


def add(
    conn: Connection,
    *,
    doc_id: str,
    title: str,
    text: str,
    format: str,
    variety: str,
    points_json: str,
    fixed_spans_json: str,
    shingle_rows: Iterable[tuple[int, int]],
    now: datetime,
    source: SourceFile | None = None,
) -> VersionRecord:
    if not doc_id.strip():
        raise InputError("the document id is empty; give the document a short id such as 'memo'")
    if format not in FORMATS:
        raise InputError(f"document format {format!r} is not supported; use one of {FORMATS}")
    sha256 = hashlib.sha256(text.encode("utf-8")).hexdigest()
    document = conn.execute(select(documents).where(documents.c.doc_id == doc_id)).first()
    if document is None:
        document_id = _bulk.inserted_id(
            conn, insert(documents).values(doc_id=doc_id, title=title, created_at=now)
        )
        number = 1
    else:
        document_id = document.id
        latest = conn.execute(
            select(versions.c.number, versions.c.sha256)
            .where(versions.c.document_id == document_id)
            .order_by(versions.c.number.desc())
            .limit(1)
        ).first()
        number = 1 if latest is None else latest.number + 1
        if latest is not None and latest.sha256 == sha256:
            raise ConflictError(
                f"document {doc_id!r} version {latest.number} already has exactly this text; "
                "nothing was added (edit the text to make a new version)"
            )
        conn.execute(documents.update().where(documents.c.id == document_id).values(title=title))
    version_id = _bulk.inserted_id(
        conn,
        insert(versions).values(
            document_id=document_id,
            number=number,
            title=title,
            text=text,
            format=format,
            variety=variety,
            sha256=sha256,
            points_json=points_json,
            fixed_spans_json=fixed_spans_json,
            created_at=now,
        ),
    )
    statement = (
        insert(shingles)
        .inline()
        .values(
            hash=bindparam("p_hash"),
            version_id=bindparam("p_version"),
            position=bindparam("p_position"),
        )
    )
    names = ["p_hash", "p_position"]
    _bulk.executemany(conn, statement, names, shingle_rows, {"p_version": version_id})
    if source is not None:
        conn.execute(
            insert(version_sources).values(
                version_id=version_id,
                filename=source.filename,
                media_type=source.media_type,
                structure_json=source.structure_json,
                data=source.data,
            )
        )
    return version(conn, int(version_id))


def version_source(conn: Connection, version_id: int) -> SourceFile | None:
    """The file ``version_id`` was read from; ``None`` for a text document."""
    version(conn, version_id)
    row = conn.execute(
        select(version_sources).where(version_sources.c.version_id == version_id)
    ).first()
    if row is None:
        return None
    return SourceFile(row.filename, row.media_type, row.structure_json, bytes(row.data))


def append_points(
    conn: Connection,
    version_id: int,
    points_json: str,
    shingle_rows: Iterable[tuple[int, int]],
) -> None:
    """Replace a version's points with a list that extends it, and index the new shingles."""
    updated = conn.execute(
        versions.update().where(versions.c.id == version_id).values(points_json=points_json)
    )
    if updated.rowcount != 1:
        raise NotFoundError(f"no document version with id {version_id}")
    statement = (
        insert(shingles)
        .inline()
        .values(
            hash=bindparam("p_hash"),
            version_id=bindparam("p_version"),
            position=bindparam("p_position"),
        )
    )
    names = ["p_hash", "p_position"]
    _bulk.executemany(conn, statement, names, shingle_rows, {"p_version": version_id})


def _version_query() -> Any:
    return select(versions, documents.c.doc_id).join(
        documents, documents.c.id == versions.c.document_id
    )


def _record(row: Row[Any]) -> VersionRecord:
    return VersionRecord(
        id=row.id,
        doc_id=row.doc_id,
        number=row.number,
        title=row.title,
        text=row.text,
        format=row.format,
        variety=row.variety,
        sha256=row.sha256,
        points_json=row.points_json,
        fixed_spans_json=row.fixed_spans_json,
        created=row.created_at,
    )


def version(conn: Connection, version_id: int) -> VersionRecord:
    row = conn.execute(_version_query().where(versions.c.id == version_id)).first()
    if row is None:
        raise NotFoundError(f"no document version with id {version_id}; list documents to see them")
    return _record(row)


def latest(conn: Connection, doc_id: str) -> VersionRecord:
    query = _version_query().where(documents.c.doc_id == doc_id)
    row = conn.execute(query.order_by(versions.c.number.desc()).limit(1)).first()
    if row is None:
        raise _unknown_document(conn, doc_id)
    return _record(row)


def _unknown_document(conn: Connection, doc_id: str) -> NotFoundError:
    known = conn.execute(select(documents.c.doc_id).order_by(documents.c.doc_id)).scalars().all()
    hint = f"known documents: {shown(known)}" if known else "no document has been added yet"
    return NotFoundError(f"no document {doc_id!r} ({hint}); add it first or check the id")


def documents_list(conn: Connection, doc_id: str | None = None) -> list[DocumentRecord]:
    docs = select(documents).order_by(documents.c.doc_id)
    summaries = select(
        versions.c.id,
        versions.c.document_id,
        versions.c.number,
        versions.c.title,
        versions.c.format,
        versions.c.variety,
        versions.c.sha256,
        versions.c.created_at,
    ).order_by(versions.c.document_id, versions.c.number)
    if doc_id is not None:
        docs = docs.where(documents.c.doc_id == doc_id)
        summaries = summaries.join(documents, documents.c.id == versions.c.document_id).where(
            documents.c.doc_id == doc_id
        )
    by_document: dict[int, list[VersionSummary]] = {}
    for v in conn.execute(summaries):
        by_document.setdefault(v.document_id, []).append(
            VersionSummary(v.id, v.number, v.title, v.format, v.variety, v.sha256, v.created_at)
        )
    return [
        DocumentRecord(d.doc_id, d.title, d.created_at, tuple(by_document.get(d.id, ())))
        for d in conn.execute(docs)
    ]


def document(conn: Connection, doc_id: str) -> DocumentRecord:
    found = documents_list(conn, doc_id)
    if not found:
        raise _unknown_document(conn, doc_id)
    return found[0]


def set_veto(
    conn: Connection, version_id: int, point_key: str, vetoed: bool, actor: str, now: datetime
) -> None:
    version(conn, version_id)
    conn.execute(
        insert(vetoes).values(
            version_id=version_id,
            point_key=point_key,
            vetoed=vetoed,
            actor=actor,
            created_at=now,
        )
    )


def vetoed_keys(conn: Connection, version_id: int) -> frozenset[str]:
    """The points whose last recorded action is a veto."""
    query = (
        select(vetoes.c.point_key, vetoes.c.vetoed)
        .where(vetoes.c.version_id == version_id)
        .order_by(vetoes.c.id)
    )
    state = dict(conn.execute(query).all())
    return frozenset(key for key, vetoed in state.items() if vetoed)


def versions_for_shingles(conn: Connection, hashes: Sequence[int]) -> list[tuple[int, int, int]]:
    found: list[tuple[int, int, int]] = []
    columns = select(shingles.c.hash, shingles.c.version_id, shingles.c.position)
    for chunk in chunks(sorted(set(hashes))):
        rows = conn.execute(columns.where(shingles.c.hash.in_(chunk)))
        found.extend((h, v, p) for h, v, p in rows)
    found.sort()
    return found


def count_shingles(conn: Connection, version_id: int) -> int:
    query = select(func.count()).select_from(shingles).where(shingles.c.version_id == version_id)
    return int(conn.execute(query).scalar_one())
