"""Cases: everything that surfaced in one investigation, its chain of custody, one verdict.

Leaks rarely come as one extract. A case gathers every item that surfaced (articles, extracts,
files), keeps each one's chain of custody, and scores the evidence of *all* items together: the
points read in every item and every document add up for the recipients who received them all.

* **Custody.** Each item is stored with the exact bytes traced, their SHA-256, where it surfaced
  (a URL or a note), who added it and when, the evidence read from it and its own trace result at
  that time. Nothing in a case is ever overwritten: the database refuses UPDATE and DELETE on
  items and verdicts, and every addition is an entry in the hash-chained audit log.
* **The combined verdict.** Adding item ``n`` re-scores items ``1..n`` together and stores the
  verdict. Because a case is tested again after every item, its level is *spent*: verdict ``n`` is
  tested at ``level / (n (n + 1))``. These add up to the level, so the chance that a case ever
  names an innocent recipient, however many items it gathers, stays below the level.
* **Access.** Only investigators assigned to a case, and admins, see it or add to it. Every
  function takes the :class:`Actor`; an actor who may not see a case is told it does not exist,
  as for a case that does not. The command line acts as :data:`CLI_ACTOR`, an admin: whoever
  runs it holds the workspace's database and key anyway.

Example:
    >>> from leaktrace.store import Store
    >>> store = Store.open("sqlite://"); store.migrate()
    >>> case = open_case(store, "cables-2026", purpose="Cables in the press",
    ...                  authorised_by="J. Chair", actor=CLI_ACTOR)
    >>> [c.name for c in list_cases(store, actor=CLI_ACTOR)]
    ['cables-2026']
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from leaktrace.codes import CODE_KEY_LABEL
from leaktrace.errors import ConflictError, InputError, NotFoundError
from leaktrace.formats.extract import read_input_file
from leaktrace.jsonout import trace_to_dict
from leaktrace.keys import SecretKey
from leaktrace.model import ItemEvidence, TraceResult
from leaktrace.store import CaseItemRecord, CaseRecord, CaseVerdictRecord, Store
from leaktrace.surfaced import read_surfaced
from leaktrace.trace import DEFAULT_LEVEL, TraceSource, read_evidence, score_evidence
from leaktrace.tracing import StoreSource

ADMIN = "admin"
INVESTIGATOR = "investigator"
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$")


class CaseAccessError(NotFoundError):
    """The actor may not see this case. Worded like an unknown case, so it reveals nothing."""


@dataclass(frozen=True)
class Actor:
    """Who is acting: a service user's name and roles, or the command line.

    Example:
        >>> Actor("dana", frozenset({"investigator"})).may_open_cases
        True
        >>> Actor("erin", frozenset({"auditor"})).may_open_cases
        False
    """

    name: str
    roles: frozenset[str]

    @property
    def is_admin(self) -> bool:
        return ADMIN in self.roles

    @property
    def may_open_cases(self) -> bool:
        return self.is_admin or INVESTIGATOR in self.roles

    def may_see(self, case: CaseRecord) -> bool:
        """Admins see every case; investigators the cases they are assigned to."""
        return self.is_admin or (INVESTIGATOR in self.roles and self.name in case.investigators)


CLI_ACTOR = Actor("cli", frozenset({ADMIN}))
"""The command line: an admin (it holds the database and the key)."""


@dataclass(frozen=True)
class CaseView:
    """A case as its investigators see it: items with custody, verdict history, current verdict.

    Example:
        >>> from leaktrace.store import Store
        >>> store = Store.open("sqlite://"); store.migrate()
        >>> _ = open_case(store, "c1", purpose="p", authorised_by="a", actor=CLI_ACTOR)
        >>> show_case(store, "c1", actor=CLI_ACTOR).current is None
        True
    """

    case: CaseRecord
    items: tuple[CaseItemRecord, ...]
    verdicts: tuple[CaseVerdictRecord, ...]

    @property
    def current(self) -> CaseVerdictRecord | None:
        """The verdict over every item, or ``None`` before the first item."""
        return self.verdicts[-1] if self.verdicts else None

    def current_result(self) -> dict[str, Any] | None:
        """The current verdict's stored result (schema ``leaktrace.trace/1`` plus ``items``)."""
        current = self.current
        return None if current is None else dict(json.loads(current.result_json))


@dataclass(frozen=True)
class AddedItem:
    """What adding an item did: the stored item, its own trace, and the case's new verdict."""

    item: CaseItemRecord
    own: TraceResult
    verdict: TraceResult


@dataclass(frozen=True)
class Verification:
    """A re-scoring of a case from its stored items and the key, compared with what is stored.

    ``mismatches`` lists, per verdict that differs, what differs; empty when every stored
    verdict is reproduced exactly (verdict, accused and every candidate's bound).
    """

    case: str
    verdicts_checked: int
    mismatches: tuple[str, ...]

    @property
    def reproduced(self) -> bool:
        return not self.mismatches


def case_level(level: float, item_count: int) -> float:
    """The level verdict ``n`` is tested at, so that all of a case's verdicts spend ``level``.

    Example:
        >>> [case_level(1e-6, n) for n in (1, 2, 3)] == [1e-6 / 2, 1e-6 / 6, 1e-6 / 12]
        True
    """
    if item_count < 1:
        raise ValueError("a verdict covers at least one item")
    return level / (item_count * (item_count + 1))


# -- opening, assigning, listing, showing -------------------------------------------------------


def open_case(
    store: Store, name: str, *, purpose: str, authorised_by: str, actor: Actor
) -> CaseRecord:
    """Open a case, recording why and on whose authority; the actor is its first investigator.

    Raises:
        InputError: a bad name, or an empty purpose or authority.
        ConflictError: a case with this name exists.
        CaseAccessError: the actor is neither an investigator nor an admin.
    """
    if not actor.may_open_cases:
        raise CaseAccessError(
            f"{actor.name} may not open cases; an admin can give them the investigator role"
        )
    if not _NAME.match(name):
        raise InputError(
            f"case name {name!r} must be 1-100 letters, digits, '.', '_' or '-', starting with a "
            "letter or digit, e.g. cables-2026"
        )
    purpose, authorised_by = purpose.strip(), authorised_by.strip()
    if not purpose:
        raise InputError("say what the case is for: --purpose TEXT")
    if not authorised_by:
        raise InputError("say who authorised the case: --authorised-by NAME")
    return store.create_case(name, purpose, authorised_by, actor=actor.name)


def assign(store: Store, case: str, username: str, *, actor: Actor) -> bool:
    """Give an investigator access to a case; ``False`` if they had it already.

    Someone already on the case, or an admin, may assign. On a workspace with service accounts,
    ``username`` must be a user who holds the investigator or admin role.

    Raises:
        CaseAccessError: unknown case, or the actor may not see it.
        NotFoundError, InputError: no such user, or one who is not an investigator.
    """
    _visible(store, case, actor)
    if username != CLI_ACTOR.name or store.count_users():
        user = store.get_user(username)
        if not ({ADMIN, INVESTIGATOR} & set(user.roles)) or user.disabled:
            raise InputError(
                f"{username} is not an active investigator; give them the role first: "
                f"leaktrace users roles {username} investigator"
            )
    return store.assign_investigator(case, username, actor=actor.name)


def list_cases(store: Store, *, actor: Actor) -> list[CaseRecord]:
    """The cases the actor may see, oldest first."""
    if actor.is_admin:
        return store.list_cases()
    if INVESTIGATOR not in actor.roles:
        return []
    return store.list_cases(investigator=actor.name)


def show_case(store: Store, case: str, *, actor: Actor) -> CaseView:
    """A case with its items, custody and verdict history.

    Raises:
        CaseAccessError: unknown case, or the actor may not see it.
    """
    record = _visible(store, case, actor)
    return CaseView(record, tuple(store.case_items(case)), tuple(store.case_verdicts(case)))


def _visible(store: Store, case: str, actor: Actor) -> CaseRecord:
    hidden = CaseAccessError(
        f"no case named {case!r} that you may see; list yours with `leaktrace case list`"
    )
    try:
        record = store.get_case(case)
    except NotFoundError:
        raise hidden from None
    if not actor.may_see(record):
        raise hidden
    return record


# -- adding items -------------------------------------------------------------------------------


def add_file(
    store: Store,
    key: SecretKey,
    case: str,
    path: Path,
    *,
    source: str,
    actor: Actor,
    level: float = DEFAULT_LEVEL,
    max_bytes: int = 5_000_000,
    trace_source: TraceSource | None = None,
) -> AddedItem:
    """Add a file that surfaced to a case (see :func:`add_item`).

    Raises:
        InputError: the file is missing, too large, of a kind leaktrace cannot read, or empty.
    """
    return add_item(
        store,
        key,
        case,
        read_input_file(path, max_bytes),
        path.name,
        source=source,
        actor=actor,
        level=level,
        max_bytes=max_bytes,
        trace_source=trace_source,
    )


def add_item(
    store: Store,
    key: SecretKey,
    case: str,
    content: bytes,
    name: str,
    *,
    source: str,
    actor: Actor,
    level: float = DEFAULT_LEVEL,
    max_bytes: int = 5_000_000,
    trace_source: TraceSource | None = None,
) -> AddedItem:
    """Trace an item, store it with its custody, and re-score the case over all its items.

    ``content`` is kept exactly as given (its SHA-256 is the item's identity): text, a document
    (DOCX, PDF, HTML, e-mail) or a picture of a page, by ``name``'s suffix; a PDF or a picture of
    a typeset copy is read for its layout marks too. ``source`` says where it surfaced (a URL or
    a note). The item, the new verdict and the audit entry are written in one transaction; on any
    error the case is unchanged.

    Raises:
        CaseAccessError: unknown case, or the actor may not see it.
        InputError: unreadable, empty or too large content; no source given.
        ConflictError: the same content is already an item of the case.
    """
    _visible(store, case, actor)
    source = source.strip()
    if not source:
        raise InputError(f"say where {name} surfaced: --source URL or --note TEXT")
    surfaced = read_surfaced(content, name, max_bytes)
    text = surfaced.text
    sha256 = hashlib.sha256(content).hexdigest()
    earlier = store.case_items(case)
    for item in earlier:
        if item.content_sha256 == sha256:
            raise ConflictError(
                f"{name} is already item {item.seq} of case {case!r} ({item.input_name}, same "
                f"SHA-256 {sha256[:12]}…); nothing was added"
            )
    source_view = trace_source or StoreSource(store)
    code_key = key.derive(CODE_KEY_LABEL)
    evidence = read_evidence(text, source_view, name=name, layout=surfaced.layout)
    own = score_evidence([evidence], source_view, code_key, level=level)
    evidences = [ItemEvidence.from_json(i.evidence_json) for i in earlier] + [evidence]
    texts = [item_text(i.content, i.input_name) for i in earlier] + [text]
    seq = len(evidences)
    verdict = score_evidence(evidences, source_view, code_key, level=case_level(level, seq))
    stored = store.add_case_item(
        case,
        seq=seq,
        input_name=name,
        content=content,
        content_sha256=sha256,
        source=source,
        evidence_json=evidence.to_json(),
        trace_result_json=json.dumps(result_to_dict(own, [text])),
        verdict=verdict.verdict.value,
        verdict_json=json.dumps(result_to_dict(verdict, texts, level=level)),
        actor=actor.name,
    )
    return AddedItem(stored, own, verdict)


def verify_case(
    store: Store,
    key: SecretKey,
    case: str,
    *,
    actor: Actor,
    trace_source: TraceSource | None = None,
) -> Verification:
    """Re-score every stored verdict of a case from the stored items and the key.

    Each verdict ``n`` is scored again over items ``1..n`` from their stored evidence, and over
    the evidence read again from their stored content; both must give the stored verdict,
    accused and candidates' bounds.

    Raises:
        CaseAccessError: unknown case, or the actor may not see it.
    """
    view = show_case(store, case, actor=actor)
    source_view = trace_source or StoreSource(store)
    code_key = key.derive(CODE_KEY_LABEL)
    stored_evidence = [ItemEvidence.from_json(i.evidence_json) for i in view.items]
    reread = []
    for item in view.items:
        surfaced = read_surfaced(item.content, item.input_name, max(len(item.content), 1))
        reread.append(
            read_evidence(surfaced.text, source_view, name=item.input_name, layout=surfaced.layout)
        )
    mismatches: list[str] = []
    for i, item in enumerate(view.items):
        if hashlib.sha256(item.content).hexdigest() != item.content_sha256:
            mismatches.append(f"item {item.seq}: content does not match its SHA-256")
        if reread[i].to_json() != stored_evidence[i].to_json():
            mismatches.append(f"item {item.seq}: reading the content again gives other evidence")
    for verdict in view.verdicts:
        n = verdict.after_seq
        stored = json.loads(verdict.result_json)
        base = float(stored.get("case_level", stored["level"]))
        again = score_evidence(
            stored_evidence[:n], source_view, code_key, level=case_level(base, n)
        )
        for problem in _differences(stored, result_to_dict(again, [], level=base)):
            mismatches.append(f"verdict after item {n}: {problem}")
    return Verification(case, len(view.verdicts), tuple(mismatches))


def _differences(stored: dict[str, Any], again: dict[str, Any]) -> list[str]:
    problems = []
    for field in ("verdict", "accused", "recipients_considered"):
        if stored.get(field) != again.get(field):
            problems.append(f"{field} was {stored.get(field)!r}, now {again.get(field)!r}")
    before = [(c["recipient"], c["log10_false_accusation"]) for c in stored.get("candidates", [])]
    now = [(c["recipient"], c["log10_false_accusation"]) for c in again.get("candidates", [])]
    if before != now:
        problems.append("the candidates or their bounds differ")
    return problems


def item_text(content: bytes, name: str) -> str:
    """The words of a stored item, as the trace read them (the OCR of a picture, the text of a
    document, the item itself for text)."""
    return read_surfaced(content, name, max(len(content), 1)).text


def result_to_dict(
    result: TraceResult, texts: Sequence[str], *, level: float | None = None
) -> dict[str, Any]:
    """A trace result over several items as JSON-ready data: ``leaktrace.trace/1`` with each
    passage's ``item`` (index into ``items``) and text, plus ``items`` (their names).

    With ``level`` (a case's verdict), ``case_level`` records the case's level and ``level`` the
    level this verdict was tested at (see :func:`case_level`).
    """
    data = trace_to_dict(result, texts[0] if len(texts) == 1 else "")
    for document, match in zip(data["documents"], result.documents, strict=True):
        for passage, found in zip(document["passages"], match.passages, strict=True):
            passage["item"] = found.item
            if found.item < len(texts):
                passage["text"] = texts[found.item][found.input_start : found.input_end]
    data["items"] = list(result.items)
    if level is not None:
        data["case_level"] = level
    return data
