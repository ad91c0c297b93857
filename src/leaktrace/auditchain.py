"""The audit log's hash chain: each entry commits to the one before it.

Every entry gets a position ``seq`` (1, 2, 3, ...) and ``entry_hash = SHA-256(prev_hash "\\n"
payload)``, where ``payload`` is the canonical JSON of its position, time, actor, action,
subject and details, and the first entry's ``prev_hash`` is 64 zeros. Changing any entry changes
its hash and breaks the link from the next one; deleting or reordering entries breaks the
positions or the links. :func:`verify_chain` walks the log and reports the first such break.

What a chain cannot show on its own: someone with write access to the database who rewrites the
log *and recomputes every later hash* leaves a consistent chain with a different head. Against
that, record the head that ``leaktrace audit verify`` prints somewhere the database's
administrators cannot write (a ticket, an email to the auditor, a printed report), and check it
later with ``--expect``: every entry up to that position must still hash to it.

Example:
    >>> from datetime import UTC, datetime
    >>> at = datetime(2026, 11, 27, tzinfo=UTC)
    >>> first = entry_hash(GENESIS, 1, at, "ann", "document.add", "cable", "{}")
    >>> len(first), first == entry_hash(GENESIS, 1, at, "ann", "document.add", "cable", "{}")
    (64, True)
    >>> first == entry_hash(GENESIS, 1, at, "bob", "document.add", "cable", "{}")
    False
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime

GENESIS = "0" * 64
"""The ``prev_hash`` of the first entry."""


def entry_hash(
    prev_hash: str,
    seq: int,
    at: datetime,
    actor: str,
    action: str,
    subject: str,
    details_json: str,
) -> str:
    """The hash of one entry given the hash of the entry before it (hex SHA-256)."""
    moment = at.replace(tzinfo=UTC) if at.tzinfo is None else at.astimezone(UTC)
    payload = json.dumps(
        [seq, moment.isoformat(timespec="microseconds"), actor, action, subject, details_json],
        ensure_ascii=False,
        separators=(",", ":"),
    )
    return hashlib.sha256(f"{prev_hash}\n{payload}".encode()).hexdigest()


@dataclass(frozen=True)
class ChainedEntry:
    """What the chain covers of one stored entry, as read back from the database."""

    id: int
    seq: int | None
    at: datetime
    actor: str
    action: str
    subject: str
    details_json: str
    prev_hash: str | None
    entry_hash: str | None


@dataclass(frozen=True)
class ChainReport:
    """The outcome of :func:`verify_chain`.

    ``problems`` is empty when the chain is intact; otherwise each item names an entry and what
    is wrong with it, in log order. ``head_seq``/``head_hash`` are the newest intact position.
    """

    entries: int
    head_seq: int
    head_hash: str
    problems: tuple[str, ...]

    @property
    def intact(self) -> bool:
        return not self.problems


def verify_chain(
    entries: Iterable[ChainedEntry],
    recorded_head: tuple[int, str] | None,
    expect: tuple[int, str] | None = None,
) -> ChainReport:
    """Check positions, links and hashes of every entry, in ``seq`` order.

    Args:
        entries: every entry of the log (any order; they are sorted by position here).
        recorded_head: the (seq, hash) the database records as the newest entry, which catches
            deletion of the newest entries; ``None`` where the database records none.
        expect: a (seq, hash) recorded earlier outside the database, which must still be in the
            chain: catches a rewrite that recomputed every hash.
    """
    problems: list[str] = []
    ordered = sorted(entries, key=lambda e: (e.seq is None, e.seq or 0, e.id))
    previous = GENESIS
    head_seq, head_hash = 0, GENESIS
    expected_found = expect is None
    for position, entry in enumerate(ordered, start=1):
        where = f"entry {entry.id}"
        if entry.seq is None or entry.entry_hash is None or entry.prev_hash is None:
            problems.append(f"{where} is not in the chain (added outside leaktrace?)")
            continue
        if entry.seq != position:
            problems.append(
                f"{where} is at position {entry.seq} where {position} was expected: an entry "
                "was deleted or the log was reordered"
            )
        if entry.prev_hash != previous:
            problems.append(
                f"{where} (position {entry.seq}) does not follow the entry before it: an entry "
                "was deleted, inserted or reordered"
            )
        recomputed = entry_hash(
            entry.prev_hash,
            entry.seq,
            entry.at,
            entry.actor,
            entry.action,
            entry.subject,
            entry.details_json,
        )
        if recomputed != entry.entry_hash:
            problems.append(f"{where} (position {entry.seq}) was changed after it was written")
        if expect is not None and entry.seq == expect[0]:
            expected_found = entry.entry_hash == expect[1] and recomputed == expect[1]
        previous = entry.entry_hash
        if not problems:
            head_seq, head_hash = entry.seq, entry.entry_hash
    if recorded_head is not None and recorded_head != (len(ordered), previous) and ordered:
        problems.append(
            f"the log ends at position {len(ordered)} but the database recorded position "
            f"{recorded_head[0]} as the newest: entries were deleted from the end or added "
            "outside leaktrace"
        )
    if recorded_head is not None and recorded_head[0] > 0 and not ordered:
        problems.append("the log is empty but the database recorded entries: it was emptied")
    if not expected_found and expect is not None:
        problems.append(
            f"the head recorded earlier (position {expect[0]}, {expect[1][:16]}...) is not in the "
            "chain: the log was rewritten"
        )
    return ChainReport(len(ordered), head_seq, head_hash, tuple(problems))
