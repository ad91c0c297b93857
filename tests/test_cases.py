"""Cases on SQLite and PostgreSQL: custody, append-only items, the combined verdict, access."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from pathlib import Path

import pytest

from leaktrace import cases
from leaktrace.accounts import Role, create_user
from leaktrace.cases import CLI_ACTOR, Actor, CaseAccessError
from leaktrace.codes import CODE_KEY_LABEL
from leaktrace.documents import add_document
from leaktrace.errors import ConflictError, InputError, NotFoundError
from leaktrace.issuing import issue
from leaktrace.ledger import COLUMNS, ledger_csv
from leaktrace.store import RecipientRow
from leaktrace.trace import read_evidence, score_evidence
from leaktrace.tracing import StoreSource
from leaktrace.workspace import DATABASE_FILE, Workspace
from support import sample_text

PASSWORD = "correct horse battery staple"
LEAKER = "r01"


def _issue(workspace: Workspace, tmp_path: Path, recipients: int = 12) -> str:
    """Recipients r00.., the sample cable issued to all; returns the leaker's copy."""
    rows = [
        RecipientRow(f"r{i:02d}", f"Person {i}", f"p{i}@example.org", ()) for i in range(recipients)
    ]
    workspace.store.upsert_recipients(rows)
    (tmp_path / "cable.md").write_text(sample_text(), encoding="utf-8")
    add_document(workspace.store, tmp_path / "cable.md", doc_id="cable", max_bytes=5_000_000)
    issue(workspace.store, workspace.key, "cable", ["all"], tmp_path / "copies")
    return (tmp_path / "copies" / f"{LEAKER}.txt").read_text(encoding="utf-8")


def _open(workspace: Workspace, name: str = "cables") -> None:
    cases.open_case(
        workspace.store,
        name,
        purpose="Cables in the press",
        authorised_by="The Chair",
        actor=CLI_ACTOR,
    )


def _verdict_alone(workspace: Workspace, text: str) -> str:
    source = StoreSource(workspace.store)
    evidence = read_evidence(text, source, name="piece")
    key = workspace.key.derive(CODE_KEY_LABEL)
    return score_evidence([evidence], source, key, level=1e-6).verdict.value


def _pieces(workspace: Workspace, copy: str) -> tuple[str, str]:
    """Two consecutive stretches of the copy, each as long as it can be while naming nobody."""
    paragraphs = [p for p in copy.split("\n\n") if len(p.split()) > 20]
    found: list[str] = []
    start = 0
    while len(found) < 2 and start < len(paragraphs):
        end = start + 1
        while (
            end < len(paragraphs)
            and _verdict_alone(workspace, "\n\n".join(paragraphs[start : end + 1])) != "identified"
        ):
            end += 1
        piece = "\n\n".join(paragraphs[start:end])
        assert _verdict_alone(workspace, piece) != "identified"
        found.append(piece)
        start = end
    assert len(found) == 2
    return found[0], found[1]


def test_cases_two_items_too_short_alone_identify_together(
    workspace: Workspace, tmp_path: Path
) -> None:
    copy = _issue(workspace, tmp_path)
    first, second = _pieces(workspace, copy)
    _open(workspace)
    one = cases.add_item(
        workspace.store, workspace.key, "cables", first.encode(), "part1.txt",
        source="https://news.example/a", actor=CLI_ACTOR,
    )  # fmt: skip
    assert one.verdict.verdict.value != "identified"
    assert one.verdict.accused == ()
    two = cases.add_item(
        workspace.store, workspace.key, "cables", second.encode(), "part2.txt",
        source="note: handed in by a journalist", actor=CLI_ACTOR,
    )  # fmt: skip
    assert two.own.verdict.value != "identified"
    assert two.verdict.verdict.value == "identified"
    assert two.verdict.accused == (LEAKER,)
    view = cases.show_case(workspace.store, "cables", actor=CLI_ACTOR)
    assert [v.verdict for v in view.verdicts] == [one.verdict.verdict.value, "identified"]
    result = view.current_result()
    assert result is not None
    assert result["level"] == pytest.approx(1e-6 / 6)
    assert result["case_level"] == 1e-6
    assert result["items"] == ["part1.txt", "part2.txt"]
    assert {p["item"] for d in result["documents"] for p in d["passages"]} == {0, 1}
    verification = cases.verify_case(workspace.store, workspace.key, "cables", actor=CLI_ACTOR)
    assert verification.reproduced, verification.mismatches
    assert verification.verdicts_checked == 2


def test_cases_record_custody_and_refuse_duplicates(workspace: Workspace, tmp_path: Path) -> None:
    copy = _issue(workspace, tmp_path, recipients=4)
    _open(workspace)
    content = copy[:1500].encode("utf-8")
    added = cases.add_item(
        workspace.store, workspace.key, "cables", content, "extract.txt",
        source="https://news.example/leak", actor=CLI_ACTOR,
    )  # fmt: skip
    item = added.item
    assert (item.seq, item.input_name, item.source, item.added_by) == (
        1, "extract.txt", "https://news.example/leak", "cli",
    )  # fmt: skip
    assert item.content == content
    assert len(item.content_sha256) == 64
    assert json.loads(item.trace_result_json)["verdict"] == added.own.verdict.value
    assert json.loads(item.evidence_json)["schema"] == "leaktrace.evidence/1"
    entries = workspace.store.audit_entries(action="case.add")
    assert [json.loads(e.details_json)["sha256"] for e in entries] == [item.content_sha256]
    audit_before = len(workspace.store.audit_entries())
    with pytest.raises(ConflictError, match="already item 1"):
        cases.add_item(
            workspace.store, workspace.key, "cables", content, "again.txt",
            source="note: same", actor=CLI_ACTOR,
        )  # fmt: skip
    for bad, message in ((b"\x00\x01binary", "binary"), (b"  \n", "empty")):
        with pytest.raises(InputError, match=message):
            cases.add_item(
                workspace.store, workspace.key, "cables", bad, "bad.txt",
                source="note: x", actor=CLI_ACTOR,
            )  # fmt: skip
    with pytest.raises(NotFoundError, match="no case named 'nope'"):
        cases.add_item(
            workspace.store, workspace.key, "nope", content, "x.txt", source="n", actor=CLI_ACTOR
        )
    assert len(workspace.store.case_items("cables")) == 1
    assert len(workspace.store.case_verdicts("cables")) == 1
    assert len(workspace.store.audit_entries()) == audit_before


def test_cases_open_refuses_duplicates_and_bad_input(workspace: Workspace) -> None:
    _open(workspace)
    with pytest.raises(ConflictError, match="already exists"):
        _open(workspace)
    with pytest.raises(InputError, match="case name"):
        _open(workspace, "bad name!")
    with pytest.raises(InputError, match="purpose"):
        cases.open_case(workspace.store, "x", purpose=" ", authorised_by="C", actor=CLI_ACTOR)
    assert [c.name for c in cases.list_cases(workspace.store, actor=CLI_ACTOR)] == ["cables"]


def test_cases_items_and_verdicts_cannot_be_changed(workspace: Workspace, tmp_path: Path) -> None:
    copy = _issue(workspace, tmp_path, recipients=3)
    _open(workspace)
    cases.add_item(
        workspace.store, workspace.key, "cables", copy[:800].encode(), "a.txt",
        source="note: x", actor=CLI_ACTOR,
    )  # fmt: skip
    statements = [
        "UPDATE case_items SET source = 'forged'",
        "DELETE FROM case_items",
        "UPDATE case_verdicts SET verdict = 'no_match'",
        "DELETE FROM case_verdicts",
    ]
    url = workspace.store.url
    if url.startswith("postgresql"):
        import psycopg

        with psycopg.connect(
            url.replace("postgresql+psycopg://", "postgresql://"), autocommit=True
        ) as c:
            for statement in statements:
                with pytest.raises(psycopg.errors.RaiseException, match="append-only"):
                    c.execute(statement)
    else:
        database = sqlite3.connect(workspace.home / DATABASE_FILE)
        try:
            for statement in statements:
                with pytest.raises(sqlite3.DatabaseError, match="append-only"):
                    database.execute(statement)
        finally:
            database.close()
    (item,) = workspace.store.case_items("cables")
    assert item.source == "note: x"
    assert len(workspace.store.case_verdicts("cables")) == 1


def test_cases_only_assigned_investigators_and_admins_see_a_case(workspace: Workspace) -> None:
    store = workspace.store
    dana = create_user(store, "dana", "Dana", PASSWORD, {Role.INVESTIGATOR})
    eve = create_user(store, "eve", "Eve", PASSWORD, {Role.INVESTIGATOR})
    create_user(store, "ann", "Ann", PASSWORD, {Role.AUTHOR})
    as_dana = Actor(dana.username, frozenset(dana.roles))
    as_eve = Actor(eve.username, frozenset(eve.roles))
    as_admin = Actor("root", frozenset({"admin"}))
    as_auditor = Actor("audrey", frozenset({"auditor"}))
    cases.open_case(store, "dana-case", purpose="p", authorised_by="Chair", actor=as_dana)
    assert [c.name for c in cases.list_cases(store, actor=as_dana)] == ["dana-case"]
    assert cases.list_cases(store, actor=as_eve) == []
    assert cases.list_cases(store, actor=as_auditor) == []
    assert cases.show_case(store, "dana-case", actor=as_admin).case.created_by == "dana"
    for outsider in (as_eve, as_auditor):
        with pytest.raises(CaseAccessError, match="no case named 'dana-case' that you may see"):
            cases.show_case(store, "dana-case", actor=outsider)
        with pytest.raises(CaseAccessError):
            cases.assign(store, "dana-case", outsider.name, actor=outsider)
    with pytest.raises(CaseAccessError):
        cases.open_case(store, "x", purpose="p", authorised_by="C", actor=as_auditor)
    with pytest.raises(InputError, match="not an active investigator"):
        cases.assign(store, "dana-case", "ann", actor=as_dana)
    with pytest.raises(NotFoundError, match="no user called 'zed'"):
        cases.assign(store, "dana-case", "zed", actor=as_dana)
    assert cases.assign(store, "dana-case", "eve", actor=as_dana) is True
    assert cases.assign(store, "dana-case", "eve", actor=as_dana) is False
    assert cases.show_case(store, "dana-case", actor=as_eve).case.investigators == ("dana", "eve")
    assigned = store.audit_entries(action="case.assign")
    assert [(e.actor, json.loads(e.details_json)) for e in assigned] == [
        ("dana", {"investigator": "eve"})
    ]


def test_cases_ledger_lists_every_copy_with_its_channel(
    workspace: Workspace, tmp_path: Path
) -> None:
    _issue(workspace, tmp_path, recipients=3)
    rows = list(csv.DictReader(io.StringIO(ledger_csv(workspace.store, "cable"))))
    assert tuple(rows[0]) == COLUMNS
    assert [(r["recipient_id"], r["channel"], r["status"]) for r in rows] == [
        ("r00", "file", "released"), ("r01", "file", "released"), ("r02", "file", "released"),
    ]  # fmt: skip
    assert all(r["released_at"] and r["version"] == "1" for r in rows)
    with pytest.raises(NotFoundError, match="no document 'nope'"):
        ledger_csv(workspace.store, "nope")


def test_cases_ledger_neutralises_formula_cells(workspace: Workspace, tmp_path: Path) -> None:
    workspace.store.upsert_recipients([RecipientRow("=cmd", "@evil", "+x@example.org", ())])
    (tmp_path / "memo.md").write_text(sample_text(), encoding="utf-8")
    add_document(workspace.store, tmp_path / "memo.md", doc_id="memo", max_bytes=5_000_000)
    issue(workspace.store, workspace.key, "memo", ["all"], tmp_path / "out")
    (row,) = csv.DictReader(io.StringIO(ledger_csv(workspace.store)))
    assert (row["recipient_id"], row["recipient_name"]) == ("'=cmd", "'@evil")
