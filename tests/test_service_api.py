"""The JSON API under /api, through real HTTP requests on a real workspace (SQLite and PostgreSQL).

Each role signs in with its own API token; a reader is tied to the recipient ``alice``.
"""

from __future__ import annotations

import io
import json
import re
import socket
import sqlite3
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from leaktrace.accounts import hash_password, issue_api_token, start_session
from leaktrace.service import ServiceConfig, create_app
from leaktrace.service.auth import CSRF_HEADER, SESSION_COOKIE
from leaktrace.workspace import DATABASE_FILE, Workspace
from support import sample_text

PASSWORD = "correct horse battery staple"
PASSWORD_HASH = hash_password(PASSWORD)  # once: argon2 is slow on purpose
STAFF_USERS = [
    ("root", "admin"),
    ("author", "author"),
    ("distributor", "distributor"),
    ("investigator", "investigator"),
    ("auditor", "auditor"),
]
STAFF = (
    "id,name,email,groups\n"
    "alice,Alice Smith,alice@example.org,board\n"
    "bob,Bob Jones,bob@example.org,board;legal\n"
    "carol,Carol Wu,carol@example.org,legal\n"
    "dave,Dave Ng,dave@example.org,legal\n"
)


@dataclass
class Api:
    """A client on a fresh workspace, and a token per role."""

    client: TestClient
    workspace: Workspace
    tokens: dict[str, str]

    def as_(self, role: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.tokens[role]}"}

    def get(self, role: str, url: str, **kwargs: Any) -> Any:
        return self.client.get(url, headers=self.as_(role), **kwargs)

    def post(self, role: str, url: str, **kwargs: Any) -> Any:
        return self.client.post(url, headers=self.as_(role), **kwargs)

    def ok(self, response: Any, status: int = 200) -> Any:
        assert response.status_code == status, response.text
        return response.json()


def make_api(
    workspace: Workspace,
    tmp_path: Path,
    max_input_bytes: int = 200_000,
    smtp: tuple[str, int] | None = None,
) -> Api:
    config = ServiceConfig(home=workspace.home, max_input_bytes=max_input_bytes)
    if smtp is not None:
        config = ServiceConfig(
            home=workspace.home,
            max_input_bytes=max_input_bytes,
            smtp_host=smtp[0],
            smtp_port=smtp[1],
            smtp_sender="docs@example.org",
        )
    client = TestClient(create_app(config, workspace))
    store = workspace.store
    tokens = {}
    for name, role in STAFF_USERS:
        user = store.create_user(name, name.title(), PASSWORD_HASH, [role])
        tokens[role] = issue_api_token(store, user, "tests").secret
    return Api(client, workspace, tokens)


def add_readers(api: Api) -> None:
    store = api.workspace.store
    for name in ("alice", "bob"):
        (recipient,) = store.recipients_by_external_ids([name])
        user = store.create_user(name, name, PASSWORD_HASH, ["reader"], recipient.number)
        api.tokens[name] = issue_api_token(store, user, "tests").secret


@pytest.fixture
def api(workspace: Workspace, tmp_path: Path) -> Iterator[Api]:
    made = make_api(workspace, tmp_path)
    with made.client:
        yield made


@pytest.fixture
def ready(api: Api) -> Api:
    """Four recipients, readers for alice and bob, and the sample cable as document ``cable``."""
    api.ok(api.post("distributor", "/api/recipients/import", files={"file": ("staff.csv", STAFF)}))
    add_readers(api)
    upload = {"file": ("cable.md", sample_text().encode())}
    api.ok(api.post("author", "/api/documents", files=upload, data={"id": "cable"}), 201)
    return api


# -- the main flow, on both databases -------------------------------------------------------------


def test_api_zip_issue_gives_one_copy_each_and_each_traces_to_its_recipient(ready: Api) -> None:
    response = ready.post(
        "distributor", "/api/issues/zip", json={"document": "cable", "to": ["board", "carol"]}
    )
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "application/zip"
    batch_id = int(response.headers["x-leaktrace-batch"])
    assert f'filename="cable-batch-{batch_id}.zip"' in response.headers["content-disposition"]
    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        copies = {name: archive.read(name).decode() for name in archive.namelist()}
    assert sorted(copies) == ["alice.txt", "bob.txt", "carol.txt"]
    assert len(set(copies.values())) == 3

    traced = ready.ok(
        ready.post("investigator", "/api/traces", json={"text": copies["bob.txt"], "name": "x"}),
        201,
    )
    assert traced["schema"] == "leaktrace.trace/1"
    assert (traced["verdict"], traced["accused"]) == ("identified", ["bob"])
    stored = ready.ok(ready.get("investigator", f"/api/traces/{traced['trace_id']}"))
    assert stored["result"] == {k: v for k, v in traced.items() if k != "trace_id"}
    assert stored["input_name"] == "x" and stored["actor"] == "investigator"
    listed = ready.ok(ready.get("investigator", "/api/traces"))
    assert [t["id"] for t in listed] == [traced["trace_id"]]

    status = ready.ok(ready.get("distributor", f"/api/issues/{batch_id}"))
    assert status["batch"]["channel"] == "zip"
    assert (status["batch"]["recipients"], status["batch"]["released"]) == (3, 3)
    assert status["deliveries"] == []
    batches = ready.ok(ready.get("author", "/api/documents/cable/issues"))
    assert [(b["id"], b["actor"], b["complete"]) for b in batches] == [
        (batch_id, "distributor", True)
    ]


def test_api_trace_of_an_uploaded_file_matches_the_cli_schema(ready: Api) -> None:
    response = ready.post(
        "distributor", "/api/issues/zip", json={"document": "cable", "to": ["dave"]}
    )
    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        text = archive.read("dave.txt")
    words = text.decode().split()
    extract = " ".join(words[100:400]).encode()
    traced = ready.ok(
        ready.post("admin", "/api/traces/file", files={"file": ("leak.txt", extract)}), 201
    )
    assert traced["source"] == "leak.txt"
    assert traced["documents"][0]["document"] == "cable"
    expected = {"schema", "source", "input_sha256", "verdict", "level", "accused", "explanation"}
    assert expected <= set(traced)


def test_api_portal_reader_sees_only_their_copy_and_every_view_is_audited(ready: Api) -> None:
    published = ready.ok(
        ready.post(
            "distributor", "/api/issues/portal", json={"document": "cable", "to": ["alice"]}
        ),
        201,
    )
    batch_id = published["batch"]["id"]
    assert (published["written"], published["batch"]["channel"]) == (1, "portal")
    other = ready.ok(
        ready.post("distributor", "/api/issues/portal", json={"document": "cable", "to": ["bob"]}),
        201,
    )["batch"]["id"]

    mine = ready.ok(ready.get("alice", "/api/portal/copies"))
    assert [c["batch_id"] for c in mine] == [batch_id]
    copy = ready.ok(ready.get("alice", f"/api/portal/copies/{batch_id}"))
    assert copy["document"] == "cable" and len(copy["text"]) > 1000
    assert ready.ok(ready.get("bob", f"/api/portal/copies/{other}"))["text"] != copy["text"]

    # Another's batch, an unknown batch: the same 404.
    assert ready.get("alice", f"/api/portal/copies/{other}").status_code == 404
    assert ready.get("alice", "/api/portal/copies/999").status_code == 404
    # The original, traces, recipients: forbidden.
    for url in ("/api/documents/cable", "/api/traces", "/api/recipients", "/api/audit"):
        assert ready.get("alice", url).status_code == 403, url
    assert ready.post("alice", "/api/traces", json={"text": copy["text"]}).status_code == 403

    views = ready.ok(ready.get("auditor", "/api/audit", params={"action": "copy.view"}))
    assert [(v["actor"], v["subject"]) for v in views] == [
        ("alice", f"batch {batch_id}"),
        ("bob", f"batch {other}"),
    ]
    assert views[0]["details"] == {"recipient": "alice", "document": "cable", "version": 1}


def test_api_audit_verify_is_intact_then_detects_a_tampered_entry(ready: Api) -> None:
    report = ready.ok(ready.get("auditor", "/api/audit/verify"))
    assert report["intact"] and report["problems"] == []
    head = (report["head_seq"], report["head_hash"])
    again = ready.ok(
        ready.get(
            "auditor", "/api/audit/verify", params={"expect_seq": head[0], "expect_hash": head[1]}
        )
    )
    assert again["intact"]

    store = ready.workspace.store
    (victim,) = store.audit_entries(action="document.add")
    if store.url.startswith("postgresql"):
        import psycopg

        url = store.url.replace("postgresql+psycopg://", "postgresql://")
        with psycopg.connect(url, autocommit=True) as connection:
            connection.execute("DROP TRIGGER audit_log_append_only ON audit_log")
            connection.execute("UPDATE audit_log SET actor = 'mallory' WHERE id = %s", [victim.id])
    else:
        database = sqlite3.connect(ready.workspace.home / DATABASE_FILE)
        try:
            database.execute("DROP TRIGGER audit_log_no_update")
            database.execute("UPDATE audit_log SET actor = 'mallory' WHERE id = ?", [victim.id])
            database.commit()
        finally:
            database.close()

    broken = ready.ok(ready.get("auditor", "/api/audit/verify"))
    assert not broken["intact"]
    assert any(f"entry {victim.id}" in p for p in broken["problems"])


def test_api_audit_filters(ready: Api) -> None:
    everything = ready.ok(ready.get("auditor", "/api/audit", params={"limit": 10_000}))
    by_author = ready.ok(ready.get("auditor", "/api/audit", params={"actor": "author"}))
    assert by_author and all(e["actor"] == "author" for e in by_author)
    assert [e["action"] for e in by_author] == ["token.create", "document.add"]
    middle = everything[len(everything) // 2]["at"]
    before = ready.ok(ready.get("auditor", "/api/audit", params={"until": middle, "limit": 10_000}))
    after = ready.ok(ready.get("auditor", "/api/audit", params={"since": middle, "limit": 10_000}))
    assert len(before) + len(after) == len(everything)
    assert all(e["at"] < middle for e in before) and all(e["at"] >= middle for e in after)
    last = ready.ok(ready.get("auditor", "/api/audit", params={"limit": 2}))
    assert last == everything[-2:]
    assert ready.get("auditor", "/api/audit/verify", params={"expect_seq": 3}).status_code == 422


# -- documents ----------------------------------------------------------------------------------


def test_api_documents_list_get_veto_restore_and_alternative(ready: Api) -> None:
    (listed,) = ready.ok(ready.get("distributor", "/api/documents"))
    assert (listed["id"], listed["versions"], listed["latest"]["number"]) == ("cable", 1, 1)
    document = ready.ok(ready.get("investigator", "/api/documents/cable"))
    assert document["text"] == sample_text()
    points = document["points"]
    assert len(points) > 20 and document["points_active"] == len(points)
    first = points[0]
    assert first["number"] == 1 and first["options"][first["original"]]
    assert not first["vetoed"]

    vetoed = ready.ok(
        ready.post("author", "/api/documents/cable/points/veto", json={"points": [1, 3]})
    )
    assert [(p["number"], p["vetoed"]) for p in vetoed] == [(1, True), (3, True)]
    assert ready.ok(ready.get("author", "/api/documents/cable"))["points_active"] == len(points) - 2
    restored = ready.ok(
        ready.post("author", "/api/documents/cable/points/restore", json={"points": [3]})
    )
    assert [(p["number"], p["vetoed"]) for p in restored] == [(3, False)]
    kind = first["kind"]
    same_kind = ready.ok(ready.get("author", "/api/documents/cable/points", params={"kind": kind}))
    assert same_kind and all(p["kind"] == kind for p in same_kind)

    missing = ready.post("author", "/api/documents/cable/points/veto", json={"points": [9999]})
    assert missing.status_code == 404 and "no point 9999" in missing.json()["detail"]

    phrase = _free_phrase(document)
    added = ready.ok(
        ready.post(
            "author",
            "/api/documents/cable/alternatives",
            json={"phrase": phrase, "alternatives": [phrase.upper()]},
        ),
        201,
    )
    assert (added["kind"], added["options"]) == ("author", [phrase, phrase.upper()])
    assert len(ready.ok(ready.get("author", "/api/documents/cable"))["points"]) == len(points) + 1
    overlap = ready.post(
        "author",
        "/api/documents/cable/alternatives",
        json={"phrase": phrase, "alternatives": ["something else"]},
    )
    assert overlap.status_code == 422 and "overlaps point" in overlap.json()["detail"]


def _free_phrase(document: dict[str, Any]) -> str:
    """A word of the text that no point, quotation or marking touches (a plain lowercase word)."""
    text: str = document["text"]
    taken = [(o["start"], o["end"]) for p in document["points"] for o in p["occurrences"]]
    for match in re.finditer(r"\b[a-z]{9,}\b", text):
        start, end = match.span()
        free = all(e <= start - 40 or s >= end + 40 for s, e in taken)
        if free and text.count(match[0]) == 1 and '"' not in text[start - 200 : end + 200]:
            return match[0]
    raise AssertionError("no free phrase in the sample")


def test_api_document_upload_refuses_bad_files_and_stores_nothing(ready: Api) -> None:
    cases = [
        (("blob.txt", b"\x00\x01\x02binary"), "binary"),
        (("latin.txt", "caf\xe9 au lait".encode("latin-1")), "not UTF-8"),
        (("empty.txt", b"   \n"), "empty"),
        (("big.txt", b"word " * 50_000), "over the limit"),
        (("report.pdf", b"%PDF-1.7 some text"), "not a readable PDF"),
        (("sheet.xlsx", b"not a document"), "reads .txt and .md"),
    ]
    for upload, message in cases:
        response = ready.post("author", "/api/documents", files={"file": upload})
        assert response.status_code == 422, (upload[0], response.text)
        assert message in response.json()["detail"], response.text
    bad_id = ready.post(
        "author", "/api/documents", files={"file": ("x.txt", b"Some text.")}, data={"id": "a b"}
    )
    assert bad_id.status_code == 422 and "not valid" in bad_id.json()["detail"]
    same = ready.post(
        "author", "/api/documents", files={"file": ("cable.md", sample_text().encode())},
        data={"id": "cable"},
    )  # fmt: skip
    assert same.status_code == 409
    missing_phrase = ready.post(
        "author",
        "/api/documents",
        files={"file": ("memo.txt", b"The board met on Monday.")},
        data={"fixed": ["not there"]},
    )
    assert missing_phrase.status_code == 422 and "does not occur" in missing_phrase.json()["detail"]
    assert [d["id"] for d in ready.ok(ready.get("author", "/api/documents"))] == ["cable"]
    assert ready.get("author", "/api/documents/nope").status_code == 404
    assert ready.post("author", "/api/documents").status_code == 422


def test_api_document_upload_new_version_with_fixed_phrase(ready: Api) -> None:
    text = sample_text().replace("HALLORAN", "HALLORAN (copy B)")
    added = ready.ok(
        ready.post(
            "admin",
            "/api/documents",
            files={"file": ("cable.md", text.encode())},
            data={"id": "cable", "title": "Cable, revised", "fixed": ["copy B"]},
        ),
        201,
    )
    assert (added["id"], added["version"]["number"], added["version"]["title"]) == (
        "cable",
        2,
        "Cable, revised",
    )
    assert added["points"] > 20 and added["words"] > 800
    document = ready.ok(ready.get("author", "/api/documents/cable"))
    assert [v["number"] for v in document["versions"]] == [1, 2]


# -- recipients ---------------------------------------------------------------------------------


def test_api_recipients_search_filter_page_and_groups(ready: Api) -> None:
    page = ready.ok(ready.get("investigator", "/api/recipients", params={"limit": 2}))
    assert page["total"] == 4 and [r["id"] for r in page["items"]] == ["alice", "bob"]
    rest = ready.ok(ready.get("investigator", "/api/recipients", params={"offset": 2}))
    assert [r["id"] for r in rest["items"]] == ["carol", "dave"]
    legal = ready.ok(ready.get("distributor", "/api/recipients", params={"group": "legal"}))
    assert [r["id"] for r in legal["items"]] == ["bob", "carol", "dave"]
    found = ready.ok(ready.get("distributor", "/api/recipients", params={"q": "WU"}))
    assert [(r["id"], r["email"], r["groups"]) for r in found["items"]] == [
        ("carol", "carol@example.org", ["legal"])
    ]
    groups = ready.ok(ready.get("distributor", "/api/recipients/groups"))
    assert groups == [{"name": "board", "members": 2}, {"name": "legal", "members": 3}]
    assert ready.ok(ready.get("admin", "/api/recipients/bob"))["groups"] == ["board", "legal"]
    assert ready.get("admin", "/api/recipients/zed").status_code == 404
    assert ready.get("admin", "/api/recipients", params={"group": "nope"}).status_code == 404


def test_api_recipients_import_dry_run_previews_and_writes_nothing(ready: Api) -> None:
    changed = STAFF.replace("Carol Wu", "Carol Wu-Smith") + "erin,Erin Bo,erin@example.org,\n"
    files = {"file": ("staff.csv", changed)}
    preview = ready.ok(
        ready.post("distributor", "/api/recipients/import", files=files, params={"dry_run": True})
    )
    assert preview["dry_run"]
    assert (preview["rows"], preview["created"], preview["updated"], preview["unchanged"]) == (
        5,
        1,
        1,
        3,
    )
    assert [(r["id"], r["new"]) for r in preview["preview"]][-2:] == [
        ("dave", False),
        ("erin", True),
    ]
    assert ready.ok(ready.get("distributor", "/api/recipients"))["total"] == 4
    done = ready.ok(ready.post("distributor", "/api/recipients/import", files=files))
    assert (done["dry_run"], done["created"], done["updated"], done["unchanged"]) == (
        False,
        1,
        1,
        3,
    )
    assert ready.ok(ready.get("distributor", "/api/recipients"))["total"] == 5


def test_api_recipients_import_bad_csv_lists_every_row_problem(ready: Api) -> None:
    bad = (
        "id,name,email\n"
        "erin,Erin,erin@example.org\n"
        ",No Id,x@example.org\n"
        "fred,Fred,not-an-address\n"
        "erin,Erin again,erin2@example.org\n"
    )
    for dry_run in (True, False):
        response = ready.post(
            "distributor",
            "/api/recipients/import",
            files={"file": ("bad.csv", bad)},
            params={"dry_run": dry_run},
        )
        assert response.status_code == 422
        body = response.json()
        assert "Nothing was imported" in body["detail"]
        assert [p.split(",")[0] for p in body["problems"]] == ["row 3", "row 4", "row 5"]
        assert "'not-an-address' is not an email address" in body["problems"][1]
    cases = [
        (b"\x00\xff", "binary data"),
        (b"", "empty"),
        (b"id,name\n", "missing column 'email'"),
        (b'id,name,email\n"a,b\n', "quoting"),
    ]
    for data, message in cases:
        files = {"file": ("x.csv", data)}
        response = ready.post("distributor", "/api/recipients/import", files=files)
        assert response.status_code == 422, response.text
        assert message in response.json()["detail"]
    big = ready.post(
        "distributor", "/api/recipients/import", files={"file": ("x.csv", b"a" * 300_000)}
    )
    assert big.status_code == 422 and "over the limit" in big.json()["detail"]
    assert ready.ok(ready.get("distributor", "/api/recipients"))["total"] == 4


# -- issues -------------------------------------------------------------------------------------


def test_api_issue_refuses_unknown_targets_and_documents(ready: Api) -> None:
    cases = [
        ({"document": "cable", "to": ["zed"]}, 404, "no recipient or group called 'zed'"),
        ({"document": "nope", "to": ["all"]}, 404, "nope"),
        ({"document": "cable", "to": []}, 422, "to"),
        ({"document": "cable", "to": ["all"], "format": "odt"}, 422, "format"),
    ]
    for body, status, message in cases:
        response = ready.post("distributor", "/api/issues/zip", json=body)
        assert response.status_code == status, response.text
        assert message in json.dumps(response.json())
    assert ready.get("distributor", "/api/issues/999").status_code == 404
    assert ready.ok(ready.get("author", "/api/documents/cable/issues")) == []


class Inbox:
    """An aiosmtpd handler keeping who received a message; refuses ``refuse``."""

    def __init__(self, refuse: str) -> None:
        self.refuse = refuse
        self.received: list[str] = []

    async def handle_RCPT(
        self, server: Any, session: Any, envelope: Any, address: str, options: list[str]
    ) -> str:
        if address == self.refuse:
            return f"550 5.1.1 <{address}>: mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.received.extend(envelope.rcpt_tos)
        return "250 2.0.0 accepted"


def test_api_email_issue_reports_failures_and_retries_only_them(
    workspace: Workspace, tmp_path: Path
) -> None:
    from aiosmtpd.controller import Controller

    inbox = Inbox(refuse="carol@example.org")
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = int(sock.getsockname()[1])
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        api = make_api(workspace, tmp_path, smtp=("127.0.0.1", port))
        api.ok(api.post("admin", "/api/recipients/import", files={"file": ("s.csv", STAFF)}))
        upload = {"file": ("cable.md", sample_text().encode())}
        api.ok(api.post("author", "/api/documents", files=upload, data={"id": "cable"}), 201)
        sent = api.ok(
            api.post(
                "distributor", "/api/issues/email", json={"document": "cable", "to": ["legal"]}
            ),
            201,
        )
        assert (sent["sent"], sent["already_sent"], sent["batch"]["channel"]) == (2, 0, "email")
        assert [f["recipient"] for f in sent["failed"]] == ["carol"]
        assert "mailbox unavailable" in sent["failed"][0]["error"]
        batch_id = sent["batch"]["id"]
        status = api.ok(api.get("distributor", f"/api/issues/{batch_id}"))
        assert {d["recipient"]: d["status"] for d in status["deliveries"]} == {
            "bob": "sent",
            "carol": "failed",
            "dave": "sent",
        }
        inbox.refuse = ""
        again = api.ok(api.post("distributor", f"/api/issues/{batch_id}/retry"))
        assert (again["sent"], again["already_sent"], again["failed"]) == (1, 2, [])
        assert sorted(inbox.received) == [
            "bob@example.org",
            "carol@example.org",
            "dave@example.org",
        ]
    finally:
        controller.stop()


def test_api_email_issue_without_a_mail_server_says_how_to_set_it_up(ready: Api) -> None:
    response = ready.post(
        "distributor", "/api/issues/email", json={"document": "cable", "to": ["all"]}
    )
    assert response.status_code == 422
    assert "LEAKTRACE_SMTP_HOST" in response.json()["detail"]


# -- traces -------------------------------------------------------------------------------------


def test_api_trace_refuses_bad_input(ready: Api) -> None:
    for body in ({"text": ""}, {"text": "x", "level": 2}, {"text": "x", "level": 0}, {}):
        assert ready.post("investigator", "/api/traces", json=body).status_code == 422, body
    too_big = ready.post("investigator", "/api/traces", json={"text": "word " * 50_000})
    assert too_big.status_code == 422 and "over the limit" in too_big.json()["detail"]
    binary = ready.post("investigator", "/api/traces/file", files={"file": ("x.bin", b"\x00ab")})
    assert binary.status_code == 422 and "binary" in binary.json()["detail"]
    assert ready.get("investigator", "/api/traces/12345").status_code == 404
    unrelated = ready.ok(
        ready.post("investigator", "/api/traces", json={"text": "Nothing to do with any cable."}),
        201,
    )
    assert (unrelated["verdict"], unrelated["accused"]) == ("no_match", [])


# -- users and tokens ---------------------------------------------------------------------------


def test_api_users_create_update_disable_and_tokens(ready: Api) -> None:
    created = ready.ok(
        ready.post(
            "admin",
            "/api/users",
            json={
                "username": "Ivy",
                "display_name": "Ivy Investigator",
                "password": PASSWORD,
                "roles": ["investigator"],
            },
        ),
        201,
    )
    assert (created["username"], created["roles"], created["recipient"]) == (
        "ivy",
        ["investigator"],
        None,
    )
    reader = ready.ok(
        ready.post(
            "admin",
            "/api/users",
            json={
                "username": "carol",
                "password": PASSWORD,
                "roles": ["reader"],
                "recipient": "carol",
            },
        ),
        201,
    )
    assert reader["recipient"] == "carol"
    usernames = [u["username"] for u in ready.ok(ready.get("admin", "/api/users"))]
    assert {"root", "ivy", "carol", "alice"} <= set(usernames)
    refusals = [
        ({"username": "ivy", "password": PASSWORD, "roles": ["author"]}, 409),
        ({"username": "x", "password": "short", "roles": ["author"]}, 422),
        ({"username": "x", "password": PASSWORD, "roles": ["wizard"]}, 422),
        ({"username": "x", "password": PASSWORD, "roles": ["reader"]}, 422),
        ({"username": "x", "password": PASSWORD, "roles": ["reader"], "recipient": "zed"}, 404),
        ({"username": "bad name", "password": PASSWORD, "roles": ["author"]}, 422),
    ]
    for body, status in refusals:
        assert ready.post("admin", "/api/users", json=body).status_code == status, body

    updated = ready.ok(
        ready.client.patch(
            "/api/users/ivy",
            json={"roles": ["investigator", "auditor"]},
            headers=ready.as_("admin"),
        )
    )
    assert updated["roles"] == ["auditor", "investigator"]
    self_lockout = ready.client.patch(
        "/api/users/root", json={"disabled": True}, headers=ready.as_("admin")
    )
    assert self_lockout.status_code == 409
    assert (
        ready.client.patch("/api/users/ghost", json={}, headers=ready.as_("admin")).status_code
        == 404
    )

    # Disabling the author stops their token at once; enabling restores it.
    patch = ready.client.patch
    assert patch(
        "/api/users/author", json={"disabled": True}, headers=ready.as_("admin")
    ).is_success
    assert ready.get("author", "/api/documents").status_code == 401
    assert patch(
        "/api/users/author", json={"disabled": False}, headers=ready.as_("admin")
    ).is_success
    assert ready.get("author", "/api/documents").status_code == 200

    tokens = ready.ok(ready.get("admin", "/api/tokens"))
    (author_token,) = [t for t in tokens if t["username"] == "author"]
    assert ready.tokens["author"].startswith(author_token["prefix"])
    assert "token" not in author_token
    revoked = ready.ok(
        ready.client.delete(f"/api/tokens/{author_token['id']}", headers=ready.as_("admin"))
    )
    assert revoked["revoked"] is not None
    assert ready.get("author", "/api/documents").status_code == 401
    assert ready.client.delete("/api/tokens/9999", headers=ready.as_("admin")).status_code == 404
    revocations = ready.ok(ready.get("auditor", "/api/audit", params={"action": "token.revoke"}))
    assert [(e["actor"], e["subject"]) for e in revocations] == [("root", "author")]


# -- authentication, roles and CSRF -------------------------------------------------------------


ROUTES: list[tuple[str, str, str]] = [
    ("GET", "/api/documents", "documents.read"),
    ("GET", "/api/documents/cable", "documents.read"),
    ("GET", "/api/documents/cable/points", "documents.read"),
    ("GET", "/api/documents/cable/issues", "documents.read"),
    ("POST", "/api/documents", "documents.write"),
    ("POST", "/api/documents/cable/points/veto", "documents.write"),
    ("POST", "/api/documents/cable/points/restore", "documents.write"),
    ("POST", "/api/documents/cable/alternatives", "documents.write"),
    ("GET", "/api/recipients", "recipients.read"),
    ("GET", "/api/recipients/groups", "recipients.read"),
    ("GET", "/api/recipients/alice", "recipients.read"),
    ("POST", "/api/recipients/import", "recipients.write"),
    ("POST", "/api/issues/zip", "issue"),
    ("POST", "/api/issues/portal", "issue"),
    ("POST", "/api/issues/email", "issue"),
    ("POST", "/api/issues/1/retry", "issue"),
    ("GET", "/api/issues/1", "issue"),
    ("POST", "/api/traces", "trace"),
    ("POST", "/api/traces/file", "trace"),
    ("GET", "/api/traces", "trace"),
    ("GET", "/api/traces/1", "trace"),
    ("GET", "/api/traces/1/report", "trace"),
    ("GET", "/api/cases", "cases"),
    ("POST", "/api/cases", "cases"),
    ("GET", "/api/cases/c1", "cases"),
    ("POST", "/api/cases/c1/investigators", "cases"),
    ("POST", "/api/cases/c1/items", "cases"),
    ("POST", "/api/cases/c1/items/file", "cases"),
    ("GET", "/api/cases/c1/report", "cases"),
    ("GET", "/api/cases/c1/verify", "cases"),
    ("GET", "/api/ledger.csv", "ledger"),
    ("GET", "/api/audit", "audit.read"),
    ("GET", "/api/audit/verify", "audit.read"),
    ("GET", "/api/users", "users.manage"),
    ("POST", "/api/users", "users.manage"),
    ("GET", "/api/users/root", "users.manage"),
    ("PATCH", "/api/users/root", "users.manage"),
    ("GET", "/api/tokens", "users.manage"),
    ("DELETE", "/api/tokens/9999", "users.manage"),
    ("GET", "/api/portal/copies", "portal"),
    ("GET", "/api/portal/copies/1", "portal"),
]


def test_api_every_route_is_listed_here(api: Api) -> None:
    schema = api.client.get("/api/openapi.json").json()
    listed = {(method, path) for method, path, _ in ROUTES}
    own = {"/api/health", "/api/me", "/api/me/tokens", "/api/me/tokens/{token_id}"}
    for path, operations in schema["paths"].items():
        if path in own:
            continue
        for method in operations:
            concrete = (
                path.replace("{doc_id}", "cable")
                .replace("{batch_id}", "1")
                .replace("{trace_id}", "1")
                .replace("{recipient_id}", "alice")
                .replace("{username}", "root")
                .replace("{token_id}", "9999")
                .replace("{name}", "c1")
            )
            assert (method.upper(), concrete) in listed, (method, path)


def test_api_every_route_admits_exactly_the_roles_of_its_capability(ready: Api) -> None:
    from leaktrace.service.permissions import POLICY, Capability

    for method, url, capability in ROUTES:
        assert ready.client.request(method, url).status_code == 401, url
        for role in ("admin", "author", "distributor", "investigator", "auditor", "alice"):
            response = ready.client.request(method, url, headers=ready.as_(role))
            role_name = "reader" if role == "alice" else role
            if role_name in POLICY[Capability(capability)]:
                assert response.status_code not in (401, 403), (role, method, url, response.text)
            else:
                assert response.status_code == 403, (role, method, url)
                assert "do not allow" in response.json()["detail"]


def test_api_bad_tokens_are_refused(api: Api) -> None:
    for header in ("Bearer lt_nope", "Bearer ", "Basic abc", "Bearer " + api.tokens["admin"] + "x"):
        response = api.client.get("/api/documents", headers={"Authorization": header})
        assert response.status_code == 401, header
        assert response.headers["www-authenticate"] == "Bearer"
        assert "Authorization: Bearer" in response.json()["detail"]


def test_api_cookie_session_needs_the_csrf_token_to_change_anything(api: Api) -> None:
    store = api.workspace.store
    session = start_session(store, store.get_user("author"))
    api.client.cookies.set(SESSION_COOKIE, session.secret)
    try:
        assert api.client.get("/api/documents").status_code == 200
        upload = {"file": ("memo.txt", b"The board met on Monday and agreed the plan.")}
        refused = api.client.post("/api/documents", files=upload)
        assert refused.status_code == 403 and "CSRF" in refused.json()["detail"]
        wrong = api.client.post("/api/documents", files=upload, headers={CSRF_HEADER: "nope"})
        assert wrong.status_code == 403
        assert api.client.get("/api/documents").json() == []
        accepted = api.client.post(
            "/api/documents", files=upload, headers={CSRF_HEADER: session.csrf_token}
        )
        assert accepted.status_code == 201, accepted.text
        as_form = api.client.post(
            "/api/documents",
            files={"file": ("memo2.txt", b"The board met on Tuesday.")},
            data={"csrf_token": session.csrf_token},
        )
        assert as_form.status_code == 201, as_form.text
        token = api.client.post("/api/me/tokens", json={"name": "x"})
        assert token.status_code == 403
        deleted = api.client.delete("/api/me/tokens/1")
        assert deleted.status_code == 403
    finally:
        api.client.cookies.clear()


def test_api_errors_are_json_with_security_headers(api: Api) -> None:
    response = api.get("admin", "/api/documents/unknown")
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/json"
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["cache-control"] == "no-store"
    assert "unknown" in response.json()["detail"]
    assert api.get("admin", "/api/traces/0").status_code == 422
    assert api.get("admin", f"/api/traces/{2**40}").status_code == 422


def test_api_control_characters_and_lone_surrogates_are_refused(api: Api) -> None:
    surrogate = api.client.post(
        "/api/traces",
        content=b'{"text": "leak \\ud800 here"}',
        headers={**api.as_("investigator"), "Content-Type": "application/json"},
    )
    assert surrogate.status_code == 422
    nul = api.post("investigator", "/api/traces", json={"text": "x", "name": "a\x00b"})
    assert nul.status_code == 422
    search = api.get("admin", "/api/recipients", params={"q": "a\x00"})
    assert search.status_code == 422
