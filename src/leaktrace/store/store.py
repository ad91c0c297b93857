"""The one gateway to the database: every read and write leaktrace makes goes through here.

Each method is one transaction: it commits completely or not at all, and writes its audit entry
in that same transaction, so the log never claims what did not happen nor misses what did.
Connections and sessions never leave this class; methods take and return plain values
(:mod:`leaktrace.store.records`, :class:`leaktrace.model.Recipient`). Database failures are
translated into leaktrace errors whose messages never quote the SQL or its parameters.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager, contextmanager
from datetime import UTC, datetime
from types import TracebackType
from typing import Any

import numpy as np
import numpy.typing as npt
from sqlalchemy import Connection, Engine

from leaktrace.auditchain import ChainReport, verify_chain
from leaktrace.errors import ConflictError, NotFoundError
from leaktrace.model import Recipient
from leaktrace.store import (
    _accounts,
    _cases,
    _deliveries,
    _documents,
    _issuance,
    _journal,
    _recipients,
    migrate,
)
from leaktrace.store.engine import WRITE, create_engine_for, translate_errors
from leaktrace.store.records import (
    ApiTokenRecord,
    AuditEntry,
    CaseItemRecord,
    CaseRecord,
    CaseVerdictRecord,
    DeliveryRecord,
    DocumentRecord,
    Issuance,
    IssueBatch,
    IssuePlan,
    LedgerRow,
    ReceivedCopy,
    RecipientRow,
    SourceFile,
    TraceRecord,
    UpsertCounts,
    UserRecord,
    VersionRecord,
)

Clock = Callable[[], datetime]
DEFAULT_ACTOR = "leaktrace"


def utc_now() -> datetime:
    """The current time in UTC: the default clock (tests pass their own)."""
    return datetime.now(UTC)


class Store:
    """Typed access to one leaktrace database.

    Raises (from any method):
        StoreError: the database failed; nothing was written.
        ConflictError, NotFoundError, InputError: the request cannot be applied as given.

    Example:
        >>> store = Store.open("sqlite://")
        >>> store.migrate()
        >>> store.upsert_recipients([RecipientRow("ann", "Ann", "ann@example.org", ("board",))])
        UpsertCounts(created=1, updated=0)
        >>> [r.number for r in store.recipients_in_group("board")]
        [1]
    """

    def __init__(self, engine: Engine, clock: Clock = utc_now) -> None:
        self._engine = engine
        self._clock = clock

    @classmethod
    def open(cls, url: str, clock: Clock = utc_now) -> Store:
        """A store on ``url`` (SQLite gets WAL, foreign keys and real transactions)."""
        return cls(create_engine_for(url), clock)

    @property
    def url(self) -> str:
        """The database URL with any password masked."""
        return self._engine.url.render_as_string(hide_password=True)

    def close(self) -> None:
        self._engine.dispose()

    def now(self) -> datetime:
        """The store's clock (tests give their own), for callers that record times."""
        return self._clock()

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def migrate(self) -> None:
        """Bring the schema to the newest revision (creating every table in an empty database)."""
        with self._translated():
            migrate.upgrade(self._engine)

    def schema_revision(self) -> str | None:
        with self._translated():
            return migrate.current_revision(self._engine)

    # -- transactions ------------------------------------------------------------------------

    def _translated(self) -> AbstractContextManager[None]:
        return translate_errors(self.url)

    @contextmanager
    def _write(self) -> Iterator[Connection]:
        with self._translated(), self._engine.connect() as conn:
            conn.execution_options(**{WRITE: True})
            with conn.begin():
                yield conn

    @contextmanager
    def _read(self) -> Iterator[Connection]:
        with self._translated(), self._engine.connect() as conn, conn.begin():
            yield conn

    def _audit(
        self, conn: Connection, actor: str, action: str, subject: str, details: Mapping[str, Any]
    ) -> int:
        return _journal.append(conn, self._clock(), actor, action, subject, details)

    # -- meta --------------------------------------------------------------------------------

    def read_meta(self) -> dict[str, str]:
        """Workspace facts (uuid, key fingerprint, creation time); empty before ``init``."""
        with self._read() as conn:
            return _journal.read_meta(conn)

    def write_meta(self, values: Mapping[str, str], actor: str = DEFAULT_ACTOR) -> None:
        """Record new workspace facts; an existing key is never overwritten (ConflictError)."""
        with self._write() as conn:
            _journal.write_meta(conn, values)
            self._audit(conn, actor, "meta.write", "workspace", {"keys": sorted(values)})

    # -- recipients --------------------------------------------------------------------------

    def upsert_recipients(
        self, rows: Iterable[RecipientRow], actor: str = DEFAULT_ACTOR
    ) -> UpsertCounts:
        """Create new recipients and update existing ones (matched by ``external_id``).

        A recipient's number never changes. Groups are replaced by the row's groups unless
        ``groups`` is ``None``. ``updated`` counts recipients whose name, email or groups changed.

        Raises:
            ConflictError: an id appears twice in ``rows``.
        """
        rows = list(rows)
        with self._write() as conn:
            counts = _recipients.upsert(conn, rows, self._clock())
            self._audit(conn, actor, "recipients.import", "recipients", counts._asdict())
        return counts

    def bulk_add_recipients(
        self, n: int, prefix: str = "bench-", actor: str = DEFAULT_ACTOR
    ) -> list[int]:
        """Add ``n`` synthetic recipients quickly (benchmarks); returns their numbers."""
        with self._write() as conn:
            numbers = _recipients.bulk_add(conn, n, prefix, self._clock())
            self._audit(conn, actor, "recipients.bulk_add", prefix, {"count": n})
        return numbers

    def list_recipients(
        self, group: str | None = None, search: str | None = None
    ) -> list[Recipient]:
        """Recipients by number, optionally in one group and/or matching ``search`` (any field,
        case-insensitive substring).

        Raises:
            NotFoundError: no such group.
        """
        with self._read() as conn:
            return _recipients.listing(conn, group, search)

    def all_recipients(self) -> list[Recipient]:
        return self.list_recipients()

    def recipients_in_group(self, name: str) -> list[Recipient]:
        return self.list_recipients(group=name)

    def recipients_by_external_ids(self, ids: Sequence[str]) -> list[Recipient]:
        """The recipients with these ids, in the order given.

        Raises:
            NotFoundError: naming every unknown id (the first ten).
        """
        with self._read() as conn:
            return _recipients.by_external_ids(conn, list(ids))

    def recipients_by_numbers(self, numbers: Sequence[int]) -> list[Recipient]:
        """The recipients with these numbers, in the order given (duplicates kept).

        Raises:
            NotFoundError: naming the unknown numbers (the first ten).
        """
        with self._read() as conn:
            return _recipients.by_numbers(conn, list(numbers))

    def recipient_numbers_by_external_id(self, ids: Sequence[str] | None = None) -> dict[str, int]:
        """``external_id -> number`` for ``ids`` (unknown ids are left out), or for everyone."""
        with self._read() as conn:
            return _recipients.numbers_by_external_id(conn, None if ids is None else list(ids))

    def count_recipients(self) -> int:
        with self._read() as conn:
            return _recipients.count(conn)

    # -- documents ---------------------------------------------------------------------------

    def add_document(
        self,
        doc_id: str,
        title: str,
        text: str,
        format: str,
        variety: str,
        points_json: str,
        shingles: Iterable[tuple[int, int]],
        fixed_spans_json: str = "[]",
        actor: str = DEFAULT_ACTOR,
        source: SourceFile | None = None,
    ) -> VersionRecord:
        """Store a new document, or a new version of ``doc_id``, with its shingle index.

        ``source`` is the file the text was read from (a DOCX, PDF, page or e-mail), stored with
        the version so that copies can be written back into it (:meth:`version_source`).

        Raises:
            ConflictError: the text is identical to the document's latest version.
            InputError: empty ``doc_id`` or a format other than ``txt``/``md``.
        """
        with self._write() as conn:
            record = _documents.add(
                conn,
                doc_id=doc_id,
                title=title,
                text=text,
                format=format,
                variety=variety,
                points_json=points_json,
                fixed_spans_json=fixed_spans_json,
                shingle_rows=shingles,
                now=self._clock(),
                source=source,
            )
            details: dict[str, Any] = {
                "version": record.number,
                "version_id": record.id,
                "sha256": record.sha256,
            }
            if source is not None:
                details["source"] = source.filename
            self._audit(conn, actor, "document.add", doc_id, details)
        return record

    def version_source(self, version_id: int) -> SourceFile | None:
        """The file a version was read from, or ``None`` for a text document.

        Raises:
            NotFoundError: no version ``version_id``.
        """
        with self._read() as conn:
            return _documents.version_source(conn, version_id)

    def get_document(self, doc_id: str) -> DocumentRecord:
        """Raises: NotFoundError naming the known documents."""
        with self._read() as conn:
            return _documents.document(conn, doc_id)

    def latest_version(self, doc_id: str) -> VersionRecord:
        with self._read() as conn:
            return _documents.latest(conn, doc_id)

    def get_version(self, version_id: int) -> VersionRecord:
        with self._read() as conn:
            return _documents.version(conn, version_id)

    def list_documents(self) -> list[DocumentRecord]:
        with self._read() as conn:
            return _documents.documents_list(conn)

    def set_veto(
        self, version_id: int, point_key: str, vetoed: bool, actor: str = DEFAULT_ACTOR
    ) -> None:
        """Record a veto (``vetoed=True``) or a restore; the last action per point wins."""
        with self._write() as conn:
            _documents.set_veto(conn, version_id, point_key, vetoed, actor, self._clock())
            action = "point.veto" if vetoed else "point.restore"
            self._audit(conn, actor, action, point_key, {"version_id": version_id})

    def append_points(
        self,
        version_id: int,
        points_json: str,
        shingles: Iterable[tuple[int, int]],
        actor: str = DEFAULT_ACTOR,
    ) -> None:
        """Store a version's points extended by new ones (the author's own alternatives).

        The caller guarantees the new list keeps every existing point unchanged: copies issued
        before carry the author's wording at the new points, and their batches do not list them
        as active, so tracing never scores them there.
        """
        with self._write() as conn:
            _documents.append_points(conn, version_id, points_json, shingles)
            self._audit(conn, actor, "points.append", str(version_id), {})

    def vetoed_keys(self, version_id: int) -> frozenset[str]:
        with self._read() as conn:
            return _documents.vetoed_keys(conn, version_id)

    def versions_for_shingles(self, hashes: Iterable[int]) -> list[tuple[int, int, int]]:
        """``(hash, version_id, position)`` for every stored occurrence of the given hashes,
        sorted; duplicate hashes in the query are looked up once."""
        with self._read() as conn:
            return _documents.versions_for_shingles(conn, list(hashes))

    def count_shingles(self, version_id: int) -> int:
        with self._read() as conn:
            return _documents.count_shingles(conn, version_id)

    # -- issuance ----------------------------------------------------------------------------

    def record_issuance(
        self,
        version_id: int,
        recipient_numbers: Iterable[int],
        format: str,
        active_points_json: str,
        actor: str = DEFAULT_ACTOR,
        channel: str = "file",
        resume: bool = True,
    ) -> IssuePlan:
        """Record, before any file is written, that these recipients get a copy of the version.

        Record-then-release: every issuance row is committed (status ``recorded``) in one
        transaction, so a copy can never exist without a record of who it was for. Write the
        files of ``plan.to_write``, then call :meth:`mark_released` for them.

        Rerun after an interruption: if an earlier batch for the same version, format, active
        points and *exactly the same set* of recipients still has recorded (unreleased) rows,
        that batch is resumed, no row is added, and ``to_write`` lists only its unreleased
        recipients. Otherwise, including when that earlier batch completed, a new batch is
        recorded for everyone: issuing again is deliberate and is recorded as such. With
        ``resume=False`` a new batch is always recorded: a download or a send requested twice
        (perhaps at the same moment, on two workers) is two issues, never one shared batch.

        Raises:
            NotFoundError: unknown version or recipient numbers (named).
            InputError: no recipients.
        """
        numbers = sorted(set(recipient_numbers))
        try:
            with self._write() as conn:
                plan = _issuance.record(
                    conn,
                    version_id=version_id,
                    numbers=numbers,
                    format=format,
                    active_points_json=active_points_json,
                    actor=actor,
                    now=self._clock(),
                    channel=channel,
                    resume=resume,
                )
                details = {
                    "version_id": version_id,
                    "format": format,
                    "channel": channel,
                    "recipients": len(numbers),
                }
                action = "issue.resume" if plan.resumed else "issue.record"
                details["to_write"] = len(plan.to_write)
                self._audit(conn, actor, action, f"batch {plan.batch_id}", details)
        except ConflictError:
            with self._read() as conn:
                missing = _recipients.missing_numbers(conn, numbers)
            if missing:
                raise NotFoundError(
                    f"no recipient with number {_recipients.shown(missing)}; nothing was "
                    "recorded (import the recipients first)"
                ) from None
            raise
        return plan

    def mark_released(
        self,
        batch_id: int,
        recipient_numbers: Sequence[int],
        paths: Sequence[str],
        actor: str = DEFAULT_ACTOR,
    ) -> int:
        """Mark these copies of a batch as written (``paths[i]`` for ``recipient_numbers[i]``).

        Idempotent: a copy already released keeps its first release time and path.

        Raises:
            NotFoundError: unknown batch, or numbers that are not in the batch.
        """
        with self._write() as conn:
            count = _issuance.release(conn, batch_id, recipient_numbers, paths, self._clock())
            self._audit(conn, actor, "issue.release", f"batch {batch_id}", {"copies": count})
        return count

    def pending_issuances(self, version_id: int) -> list[Issuance]:
        """Copies recorded but not yet released, by batch then recipient."""
        with self._read() as conn:
            return _issuance.pending(conn, version_id)

    def recipients_of_version(self, version_id: int) -> npt.NDArray[np.int64]:
        """Sorted, distinct numbers of everyone recorded as receiving this version.

        Recorded-but-unreleased copies count: a copy may have been written just before an
        interruption, so tracing must consider its recipient. Fast: about 0.2 s per million.
        """
        with self._read() as conn:
            return _issuance.recipients_of_version(conn, version_id)

    def recipients_of_batch(self, batch_id: int) -> npt.NDArray[np.int64]:
        """Sorted numbers of the recipients a batch recorded (released or not).

        Raises:
            NotFoundError: no such batch.
        """
        with self._read() as conn:
            return _issuance.recipients_of_batch(conn, batch_id)

    def active_point_sets(self, version_id: int) -> list[tuple[int, str]]:
        """(batch id, active points JSON) per batch of a version, without counting rows.

        The tracer's hot path: counting a million issuance rows would cost most of a second.
        """
        with self._read() as conn:
            return _issuance.active_point_sets(conn, version_id)

    def issuance_batches_of_version(self, version_id: int) -> list[IssueBatch]:
        with self._read() as conn:
            return _issuance.batches(conn, version_id)

    def get_batch(self, batch_id: int) -> IssueBatch:
        """Raises: NotFoundError."""
        with self._read() as conn:
            return _issuance.batch(conn, batch_id)

    def copies_of_recipient(
        self, recipient_number: int, channel: str | None = None
    ) -> list[ReceivedCopy]:
        """Every copy issued to one recipient (newest first), optionally by one channel."""
        with self._read() as conn:
            return _issuance.copies_of_recipient(conn, recipient_number, channel)

    # -- traces and audit ---------------------------------------------------------------------

    def record_trace(
        self,
        input_name: str,
        input_sha256: str,
        verdict: str,
        result_json: str,
        actor: str = DEFAULT_ACTOR,
    ) -> int:
        """Store a trace result; returns its id."""
        with self._write() as conn:
            trace_id = _journal.add_trace(
                conn,
                at=self._clock(),
                input_name=input_name,
                input_sha256=input_sha256,
                verdict=verdict,
                result_json=result_json,
                actor=actor,
            )
            details = {"trace_id": trace_id, "verdict": verdict, "sha256": input_sha256}
            self._audit(conn, actor, "trace.record", input_name, details)
        return trace_id

    def list_traces(self, limit: int = 50) -> list[TraceRecord]:
        """The newest ``limit`` traces, oldest first."""
        with self._read() as conn:
            return _journal.traces_list(conn, limit)

    def get_trace(self, trace_id: int) -> TraceRecord:
        """Raises: NotFoundError."""
        with self._read() as conn:
            return _journal.trace(conn, trace_id)

    def audit(
        self, actor: str, action: str, subject: str, details: Mapping[str, Any] | None = None
    ) -> int:
        """Append an entry for an action done outside the store (e.g. a report exported)."""
        with self._write() as conn:
            return self._audit(conn, actor, action, subject, details or {})

    def audit_entries(
        self,
        action: str | None = None,
        subject: str | None = None,
        limit: int | None = None,
        *,
        actor: str | None = None,
        since: datetime | None = None,
        until: datetime | None = None,
    ) -> list[AuditEntry]:
        """Audit entries, oldest first (the newest ``limit`` when given), optionally only one
        actor's and only those at or after ``since`` and before ``until``."""
        with self._read() as conn:
            return _journal.entries(conn, action, subject, limit, actor, since, until)

    def verify_audit(self, expect: tuple[int, str] | None = None) -> ChainReport:
        """Walk the audit log's hash chain (see :mod:`leaktrace.auditchain`).

        ``expect`` is a (position, hash) head recorded earlier outside the database.
        """
        with self._read() as conn:
            entries, head = _journal.chain(conn)
        return verify_chain(entries, head, expect)

    # -- accounts -----------------------------------------------------------------------------

    def create_user(
        self,
        username: str,
        display_name: str,
        password_hash: str,
        roles: Iterable[str],
        recipient_number: int | None = None,
        actor: str = DEFAULT_ACTOR,
    ) -> UserRecord:
        """Raises: ConflictError (the name is taken)."""
        roles = sorted(set(roles))
        with self._write() as conn:
            user = _accounts.create_user(
                conn,
                username=username,
                display_name=display_name,
                password_hash=password_hash,
                roles=roles,
                recipient_number=recipient_number,
                now=self._clock(),
            )
            details = {"roles": roles, "recipient": recipient_number}
            self._audit(conn, actor, "user.create", username, details)
        return user

    def count_users(self) -> int:
        with self._read() as conn:
            return _accounts.count_users(conn)

    def list_users(self) -> list[UserRecord]:
        with self._read() as conn:
            return _accounts.list_users(conn)

    def get_user(self, username: str) -> UserRecord:
        """Raises: NotFoundError."""
        with self._read() as conn:
            return _accounts.user_by_name(conn, username)

    def get_user_by_id(self, user_id: int) -> UserRecord:
        with self._read() as conn:
            return _accounts.user_by_id(conn, user_id)

    def password_hash(self, username: str) -> str | None:
        """The stored argon2 hash, or ``None`` for an unknown user."""
        with self._read() as conn:
            return _accounts.password_hash(conn, username)

    def update_user(
        self,
        username: str,
        *,
        actor: str = DEFAULT_ACTOR,
        roles: Iterable[str] | None = None,
        password_hash: str | None = None,
        disabled: bool | None = None,
        display_name: str | None = None,
    ) -> UserRecord:
        """Change a user; a new password or disabling ends their web sessions.

        Raises: NotFoundError.
        """
        values: dict[str, Any] = {}
        details: dict[str, Any] = {}
        if roles is not None:
            values["roles"] = details["roles"] = sorted(set(roles))
        if password_hash is not None:
            values["password_hash"] = password_hash
            values["failed_logins"] = 0
            values["locked_until"] = None
            details["password"] = "changed"
        if disabled is not None:
            values["disabled"] = details["disabled"] = disabled
        if display_name is not None:
            values["display_name"] = details["display_name"] = display_name
        with self._write() as conn:
            now = self._clock()
            user = _accounts.update_user(conn, username, now, **values)
            if password_hash is not None or disabled:
                _accounts.end_sessions_of(conn, user.id, now)
            self._audit(conn, actor, "user.update", username, details)
        return user

    def note_login(
        self, username: str, succeeded: bool, locked_until: datetime | None, source: str
    ) -> None:
        """Record a sign-in attempt: resets or counts failures, and sets any lock-out."""
        with self._write() as conn:
            now = self._clock()
            try:
                user = _accounts.user_by_name(conn, username)
            except NotFoundError:
                user = None
            if user is not None:
                failures = 0 if succeeded else user.failed_logins + 1
                _accounts.update_user(
                    conn, username, now, failed_logins=failures, locked_until=locked_until
                )
            action = "user.login" if succeeded else "user.login_failed"
            self._audit(conn, username, action, username, {"via": source})

    def add_api_token(
        self, user_id: int, name: str, prefix: str, token_hash: str, actor: str = DEFAULT_ACTOR
    ) -> ApiTokenRecord:
        with self._write() as conn:
            token_id = _accounts.add_token(
                conn,
                user_id=user_id,
                name=name,
                prefix=prefix,
                token_hash=token_hash,
                now=self._clock(),
            )
            record = _accounts.token(conn, token_id)
            details = {"token_id": token_id, "name": name, "prefix": prefix}
            self._audit(conn, actor, "token.create", record.username, details)
        return record

    def list_api_tokens(self, user_id: int | None = None) -> list[ApiTokenRecord]:
        with self._read() as conn:
            return _accounts.list_tokens(conn, user_id)

    def get_api_token(self, token_id: int) -> ApiTokenRecord:
        """Raises: NotFoundError."""
        with self._read() as conn:
            return _accounts.token(conn, token_id)

    def revoke_api_token(self, token_id: int, actor: str = DEFAULT_ACTOR) -> ApiTokenRecord:
        """Raises: NotFoundError."""
        with self._write() as conn:
            record = _accounts.revoke_token(conn, token_id, self._clock())
            self._audit(conn, actor, "token.revoke", record.username, {"token_id": token_id})
        return record

    def user_for_api_token(self, token_hash: str) -> tuple[UserRecord, ApiTokenRecord] | None:
        """The live (unrevoked) token with this hash and its user; ``None`` if there is none."""
        with self._read() as conn:
            found = _accounts.user_for_token(conn, token_hash)
        if found is not None:
            now = self._clock()
            last = found[1].last_used
            # At most one write a minute per token: a busy client must not serialise on it.
            if last is None or (now - last).total_seconds() > 60:
                with self._write() as conn:
                    _accounts.touch_token(conn, found[1].id, now)
        return found

    def start_session(
        self, user_id: int, token_hash: str, csrf_token: str, expires: datetime
    ) -> None:
        with self._write() as conn:
            _accounts.add_session(
                conn,
                user_id=user_id,
                token_hash=token_hash,
                csrf_token=csrf_token,
                now=self._clock(),
                expires=expires,
            )

    def session_user(self, token_hash: str) -> tuple[UserRecord, str] | None:
        """The user and CSRF token of a live session; ``None`` if expired, ended or unknown."""
        with self._read() as conn:
            return _accounts.session_user(conn, token_hash, self._clock())

    def end_session(self, token_hash: str, actor: str = DEFAULT_ACTOR) -> None:
        with self._write() as conn:
            _accounts.end_session(conn, token_hash, self._clock())
            self._audit(conn, actor, "user.logout", actor, {})

    # -- deliveries --------------------------------------------------------------------------

    def queue_deliveries(
        self,
        batch_id: int,
        addresses: Sequence[tuple[int, str]],
        channel: str = "email",
        actor: str = DEFAULT_ACTOR,
    ) -> int:
        """Create a ``pending`` delivery per ``(recipient number, address)``, before any is sent.

        Idempotent: recipients that already have a delivery in the batch (a resumed batch) keep
        it with its history. Returns how many were created. ``address`` may be empty (the
        recipient has no email address); the sender then records it as failed.

        Raises:
            NotFoundError: unknown batch, or numbers the batch did not record.
        """
        with self._write() as conn:
            added = _deliveries.queue(conn, batch_id, channel, list(addresses), self._clock())
            details = {"deliveries": added, "recipients": len(addresses)}
            self._audit(conn, actor, f"{channel}.queue", f"batch {batch_id}", details)
        return added

    def mark_delivery_sent(
        self,
        batch_id: int,
        recipient_number: int,
        address: str,
        message_id: str,
        location: str,
        actor: str = DEFAULT_ACTOR,
    ) -> DeliveryRecord:
        """Record that the receiving server accepted a copy, and release it, in one transaction.

        The issuance is marked released at ``location`` (e.g. ``email:ann@example.org``) in the
        same transaction, so the delivery and the issuance record never disagree.

        Raises:
            NotFoundError: no such delivery.
            InputError: it was already sent (a copy is never sent twice).
        """
        with self._write() as conn:
            now = self._clock()
            record = _deliveries.settle(
                conn,
                batch_id,
                recipient_number,
                status=_deliveries.SENT,
                address=address,
                message_id=message_id,
                now=now,
            )
            _issuance.release(conn, batch_id, [recipient_number], [location], now)
            details = {
                "recipient": recipient_number,
                "attempt": record.attempts,
                "message_id": message_id,
            }
            self._audit(conn, actor, f"{record.channel}.sent", f"batch {batch_id}", details)
        return record

    def mark_delivery_failed(
        self,
        batch_id: int,
        recipient_number: int,
        address: str,
        error: str,
        actor: str = DEFAULT_ACTOR,
    ) -> DeliveryRecord:
        """Record a failed attempt (``attempts`` + 1) with the reason; the copy stays unreleased.

        Raises:
            NotFoundError: no such delivery.
            InputError: it was already sent.
        """
        with self._write() as conn:
            record = _deliveries.settle(
                conn,
                batch_id,
                recipient_number,
                status=_deliveries.FAILED,
                address=address,
                error=error,
                now=self._clock(),
            )
            details = {"recipient": recipient_number, "attempt": record.attempts, "error": error}
            self._audit(conn, actor, f"{record.channel}.failed", f"batch {batch_id}", details)
        return record

    def deliveries(
        self, batch_id: int, statuses: Iterable[str] | None = None
    ) -> list[DeliveryRecord]:
        """A batch's deliveries by recipient number, optionally only those in ``statuses``
        (``pending``, ``sent``, ``failed``).

        Raises:
            NotFoundError: no such batch.
            InputError: an unknown status.
        """
        with self._read() as conn:
            return _deliveries.listing(conn, batch_id, statuses)

    def undelivered(self, batch_id: int) -> list[DeliveryRecord]:
        """The batch's deliveries still ``pending`` or ``failed``: what a retry sends."""
        return self.deliveries(batch_id, (_deliveries.PENDING, _deliveries.FAILED))

    # -- cases --------------------------------------------------------------------------------

    def create_case(
        self, name: str, purpose: str, authorised_by: str, actor: str = DEFAULT_ACTOR
    ) -> CaseRecord:
        """Open a case; ``actor`` is its first investigator.

        Raises:
            ConflictError: a case with this name exists.
        """
        with self._write() as conn:
            now = self._clock()
            case_id = _cases.create(
                conn,
                name=name,
                purpose=purpose,
                authorised_by=authorised_by,
                created_by=actor,
                now=now,
            )
            _cases.assign(conn, case_id, actor, actor, now)
            details = {"case_id": case_id, "purpose": purpose, "authorised_by": authorised_by}
            self._audit(conn, actor, "case.open", name, details)
            return _cases.case(conn, name)

    def get_case(self, name: str) -> CaseRecord:
        """Raises: NotFoundError."""
        with self._read() as conn:
            return _cases.case(conn, name)

    def list_cases(self, investigator: str | None = None) -> list[CaseRecord]:
        """Every case, or only those ``investigator`` is assigned to; oldest first."""
        with self._read() as conn:
            return _cases.listing(conn, investigator)

    def assign_investigator(self, case: str, username: str, actor: str = DEFAULT_ACTOR) -> bool:
        """Give ``username`` access to the case; ``False`` if they had it already.

        Raises:
            NotFoundError: no such case.
        """
        with self._write() as conn:
            case_id = _cases.case_id(conn, case)
            added = _cases.assign(conn, case_id, username, actor, self._clock())
            if added:
                self._audit(conn, actor, "case.assign", case, {"investigator": username})
        return added

    def add_case_item(
        self,
        case: str,
        *,
        seq: int,
        input_name: str,
        content: bytes,
        content_sha256: str,
        source: str,
        evidence_json: str,
        trace_result_json: str,
        verdict: str,
        verdict_json: str,
        actor: str = DEFAULT_ACTOR,
    ) -> CaseItemRecord:
        """Store item ``seq`` of a case and the verdict over items ``1..seq``, in one transaction.

        The caller scored items ``1..seq-1`` with this one; if another item arrived meanwhile,
        nothing is stored and the caller scores again.

        Raises:
            NotFoundError: no such case.
            ConflictError: the same content is already an item of the case (named), or another
                item was added since the caller read the case.
        """
        with self._write() as conn:
            case_id = _cases.case_id(conn, case)
            earlier = _cases.item_with_hash(conn, case_id, content_sha256)
            if earlier is not None:
                raise ConflictError(
                    f"{input_name} is already item {earlier} of case {case!r} (same SHA-256 "
                    f"{content_sha256[:12]}…); nothing was added"
                )
            expected = _cases.next_seq(conn, case_id)
            if seq != expected:
                raise ConflictError(
                    f"another item was added to case {case!r} meanwhile (now {expected - 1} "
                    "items); nothing was added, add it again"
                )
            now = self._clock()
            _cases.add_item(
                conn,
                case=case_id,
                seq=seq,
                input_name=input_name,
                content_sha256=content_sha256,
                content=content,
                source=source,
                added_by=actor,
                now=now,
                evidence_json=evidence_json,
                trace_result_json=trace_result_json,
            )
            _cases.add_verdict(
                conn,
                case=case_id,
                after_seq=seq,
                verdict=verdict,
                result_json=verdict_json,
                now=now,
            )
            details = {
                "item": seq,
                "name": input_name,
                "sha256": content_sha256,
                "source": source,
                "verdict": verdict,
            }
            self._audit(conn, actor, "case.add", case, details)
            return _cases.items(conn, case_id)[-1]

    def case_items(self, case: str) -> list[CaseItemRecord]:
        """A case's items in the order they were added. Raises: NotFoundError."""
        with self._read() as conn:
            return _cases.items(conn, _cases.case_id(conn, case))

    def case_verdicts(self, case: str) -> list[CaseVerdictRecord]:
        """A case's verdict after each item, oldest first. Raises: NotFoundError."""
        with self._read() as conn:
            return _cases.verdicts(conn, _cases.case_id(conn, case))

    def distribution_ledger(self, doc_id: str | None = None) -> list[LedgerRow]:
        """Every copy issued (of ``doc_id``, or of every document) with how and when it left.

        Raises:
            NotFoundError: no such document.
        """
        with self._read() as conn:
            return _cases.ledger(conn, doc_id)
