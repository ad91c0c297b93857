"""The server-rendered pages, through real HTTP requests on a real workspace (SQLite and
PostgreSQL).

Each role has its own client holding a web session (cookie) and that session's CSRF token, as a
browser would after signing in; forms are posted exactly as the pages write them.
"""

from __future__ import annotations

import functools
import html
import io
import re
import socket
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from fastapi.testclient import TestClient

from leaktrace.accounts import Role, hash_password, start_session
from leaktrace.issuing import render_copy
from leaktrace.service import ServiceConfig, create_app
from leaktrace.service.auth import SESSION_COOKIE
from leaktrace.service.permissions import POLICY, Capability
from leaktrace.store import RecipientRow
from leaktrace.workspace import Workspace
from support import sample_text

PASSWORD = "correct horse battery staple"
STAFF = [
    RecipientRow("alice", "Alice Smith", "alice@example.org", ("board",)),
    RecipientRow("bob", "Bob Jones", "bob@example.org", ("board", "legal")),
    RecipientRow("carol", "Carol Wu", "carol@example.org", ("legal",)),
    RecipientRow("dave", "Dave Ng", "dave@example.org", ("legal",)),
]
ROLES = ("admin", "author", "distributor", "investigator", "auditor", "alice")


@dataclass
class Site:
    """An app on a fresh workspace and a signed-in client per role (``alice`` is a reader)."""

    app: Any
    workspace: Workspace
    clients: dict[str, TestClient] = field(default_factory=dict)
    csrf: dict[str, str] = field(default_factory=dict)

    def sign_in(self, username: str) -> None:
        store = self.workspace.store
        session = start_session(store, store.get_user(username))
        client = TestClient(self.app, follow_redirects=False)
        client.cookies.set(SESSION_COOKIE, session.secret)
        self.clients[username] = client
        self.csrf[username] = session.csrf_token

    def get(self, who: str, url: str, **kwargs: Any) -> Any:
        return self.clients[who].get(url, **kwargs)

    def post(self, who: str, url: str, data: dict[str, Any] | None = None, **kwargs: Any) -> Any:
        form = {"csrf_token": self.csrf[who], **(data or {})}
        return self.clients[who].post(url, data=form, **kwargs)

    def page(self, who: str, url: str, status: int = 200) -> str:
        response = self.get(who, url)
        assert response.status_code == status, (url, response.status_code, response.text[:2000])
        return text_of(response.text)


def text_of(page: str) -> str:
    """The visible text of a page, tags dropped and whitespace collapsed."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).split())


@functools.cache
def password_hash() -> str:
    return hash_password(PASSWORD)


def make_site(workspace: Workspace, **config: Any) -> Site:
    app = create_app(ServiceConfig(home=workspace.home, **config), workspace)
    site = Site(app, workspace)
    store = workspace.store
    if store.count_users() == 0:
        store.upsert_recipients(STAFF)
        # One argon2 hash for everyone (each takes a good part of a second to compute).
        hashed = password_hash()
        store.create_user("admin", "Ada Admin", hashed, [Role.ADMIN])
        for role in ("author", "distributor", "investigator", "auditor"):
            store.create_user(role, role.title(), hashed, [role])
        for name in ("alice", "bob"):
            (recipient,) = store.recipients_by_external_ids([name])
            store.create_user(name, recipient.name, hashed, [Role.READER], recipient.number)
    for username in (*ROLES, "bob"):
        site.sign_in(username)
    return site


@pytest.fixture
def site(workspace: Workspace) -> Iterator[Site]:
    made = make_site(workspace)
    response = made.post(
        "author",
        "/documents",
        {"doc_id": "cable"},
        files={"file": ("cable.md", sample_text().encode())},
    )
    assert response.status_code == 303, response.text
    yield made


def issue_to_portal(site: Site, targets: str = "legal") -> int:
    response = site.post(
        "distributor",
        "/issue",
        {"doc_id": "cable", "to": "groups", "groups": [targets], "channel": "portal"},
    )
    assert response.status_code == 200, response.text
    match = re.search(r"Batch #(\d+)", text_of(response.text))
    assert match, response.text
    return int(match.group(1))


# -- every route, every role ----------------------------------------------------------------------

PAGES = [
    ("/documents", Capability.DOCUMENTS_READ),
    ("/documents/new", Capability.DOCUMENTS_WRITE),
    ("/documents/cable", Capability.DOCUMENTS_READ),
    ("/recipients", Capability.RECIPIENTS_READ),
    ("/recipients/import", Capability.RECIPIENTS_WRITE),
    ("/issue", Capability.ISSUE),
    ("/issue/batches/1", Capability.ISSUE),
    ("/portal", Capability.PORTAL),
    ("/trace", Capability.TRACE),
    ("/trace/history", Capability.TRACE),
    ("/trace/1", Capability.TRACE),
    ("/trace/1/report", Capability.TRACE),
    ("/cases", Capability.CASES),
    ("/cases/c1", Capability.CASES),
    ("/cases/c1/verify", Capability.CASES),
    ("/cases/c1/report", Capability.CASES),
    ("/ledger.csv", Capability.LEDGER),
    ("/audit", Capability.AUDIT_READ),
    ("/audit/verify", Capability.AUDIT_READ),
    ("/users", Capability.USERS_MANAGE),
    ("/users/admin", Capability.USERS_MANAGE),
    ("/account", Capability.ACCOUNT),
]
FORMS = [
    ("/documents", Capability.DOCUMENTS_WRITE),
    ("/documents/cable/points/1", Capability.DOCUMENTS_WRITE),
    ("/recipients/import", Capability.RECIPIENTS_WRITE),
    ("/recipients/import/confirm", Capability.RECIPIENTS_WRITE),
    ("/issue", Capability.ISSUE),
    ("/issue/batches/1/retry", Capability.ISSUE),
    ("/trace", Capability.TRACE),
    ("/trace/1/case", Capability.CASES),
    ("/cases", Capability.CASES),
    ("/cases/c1/assign", Capability.CASES),
    ("/cases/c1/items", Capability.CASES),
    ("/users", Capability.USERS_MANAGE),
    ("/users/bob/status", Capability.USERS_MANAGE),
    ("/users/bob/password", Capability.USERS_MANAGE),
    ("/users/bob/tokens/1/revoke", Capability.USERS_MANAGE),
    ("/account/tokens", Capability.ACCOUNT),
    ("/account/tokens/1/revoke", Capability.ACCOUNT),
    ("/account/password", Capability.ACCOUNT),
    ("/logout", Capability.ACCOUNT),
]


def test_pages_every_route_is_listed_here(site: Site) -> None:
    listed = {("GET", path) for path, _ in PAGES} | {("POST", path) for path, _ in FORMS}
    params = {
        "{doc_id}": "cable",
        "{number}": "1",
        "{batch_id}": "1",
        "{trace_id}": "1",
        "{username}": "bob",
        "{token_id}": "1",
        "{name}": "c1",
    }
    from leaktrace.service.pages import router

    for route in router.routes:
        path = getattr(route, "path", "")
        if path in ("/", "/login"):
            continue
        for method in getattr(route, "methods", ()) or ():
            concrete = path
            for name, value in params.items():
                concrete = concrete.replace(name, value)
            if method == "GET" and concrete == "/users/bob":
                concrete = "/users/admin"
            assert (method, concrete) in listed, (method, path)


def test_pages_every_route_admits_exactly_the_roles_of_its_capability(site: Site) -> None:
    issue_to_portal(site)
    site.post("investigator", "/trace", {"text": sample_text()[:3000]})
    case = {"name": "c1", "purpose": "p", "authorised_by": "a"}
    assert site.post("investigator", "/cases", case).status_code == 303
    item = {"text": sample_text()[:3000], "source": "s"}
    assert site.post("investigator", "/cases/c1/items", item).status_code == 303
    anonymous = TestClient(site.app, follow_redirects=False)
    for path, capability in PAGES:
        response = anonymous.get(path)
        assert response.status_code == 303 and "/login?next=" in response.headers["location"]
        for who in ROLES:
            role = "reader" if who == "alice" else who
            response = site.get(who, path)
            if role in POLICY[capability]:
                assert response.status_code == 200, (who, path, response.text[:1500])
            else:
                assert response.status_code == 403, (who, path)
                assert "Not allowed" in response.text and "do not allow" in response.text
    for path, capability in FORMS:
        for who in ROLES:
            role = "reader" if who == "alice" else who
            if role not in POLICY[capability]:
                response = site.post(who, path, {})
                assert response.status_code == 403, (who, path)


def test_pages_sign_in_through_the_form_lands_on_the_roles_first_page(site: Site) -> None:
    client = TestClient(site.app)
    form = client.get("/login").text
    token = re.search(r'name="csrf_token" value="([^"]+)"', form)
    assert token
    wrong = client.post(
        "/login", data={"username": "alice", "password": "nope", "csrf_token": token.group(1)}
    )
    assert wrong.status_code == 401 and "Wrong username or password" in wrong.text
    token = re.search(r'name="csrf_token" value="([^"]+)"', wrong.text)
    assert token
    signed_in = client.post(
        "/login", data={"username": "alice", "password": PASSWORD, "csrf_token": token.group(1)}
    )
    assert signed_in.status_code == 200 and signed_in.url.path == "/portal"
    assert "My copies" in signed_in.text
    nav = re.search(r'<nav aria-label="main">(.*?)</nav>', signed_in.text, re.S)
    assert nav and re.findall(r'href="([^"]+)"', nav.group(1)) == ["/portal"]


def test_pages_security_headers_and_no_inline_script_or_style(site: Site) -> None:
    response = site.get("author", "/documents/cable")
    assert "script-src 'self'" in response.headers["content-security-policy"]
    page = response.text
    assert "<style" not in page and " style=" not in page
    assert re.search(r"<script(?![^>]*\bsrc=)", page) is None
    assert re.search(r"\son[a-z]+=", page) is None
    assert "javascript:" not in page


# -- CSRF -----------------------------------------------------------------------------------------


def test_pages_every_post_form_carries_the_sessions_csrf_token(site: Site) -> None:
    issue_to_portal(site)
    for who, url in (
        ("author", "/documents/new"),
        ("author", "/documents/cable"),
        ("distributor", "/recipients/import"),
        ("distributor", "/issue"),
        ("investigator", "/trace"),
        ("admin", "/users"),
        ("admin", "/users/bob"),
        ("alice", "/account"),
    ):
        page = site.get(who, url).text
        forms = re.findall(r'<form method="post".*?</form>', page, re.S)
        assert len(forms) >= 2, url  # the page's own form(s) and "Sign out"
        for form in forms:
            token = re.search(r'name="csrf_token" value="([^"]*)"', form)
            assert token and token.group(1) == site.csrf[who], (url, form[:200])


def test_pages_form_without_csrf_token_is_refused_and_changes_nothing(site: Site) -> None:
    client = site.clients["author"]
    for data in ({"action": "veto"}, {"action": "veto", "csrf_token": "forged"}):
        response = client.post("/documents/cable/points/1", data=data)
        assert response.status_code == 403
        assert "CSRF check failed" in text_of(response.text)
    assert site.workspace.store.vetoed_keys(1) == frozenset()
    assert not site.workspace.store.audit_entries(action="point.veto")


# -- documents ------------------------------------------------------------------------------------


def test_pages_documents_list_and_points_with_options_on_hover(site: Site) -> None:
    listing = site.page("author", "/documents")
    assert "cable" in listing and "Upload a document" in listing
    page = site.get("author", "/documents/cable").text
    points = re.findall(r'<a href="#p(\d+)" class="pt[^"]*" data-tip="([^"]+)"', page)
    assert len(points) > 20
    number, tip = points[0]
    assert tip.startswith(f"#{number} ") and "(as written)" in html.unescape(tip)
    assert 'id="p1"' in page and 'value="veto"' in page
    kinds = re.findall(r'<option value="([a-z_]+)"', page)
    assert kinds
    filtered = site.get("author", f"/documents/cable?kind={kinds[0]}").text
    rows = re.findall(r'<tr id="p\d+"', filtered)
    assert 0 < len(rows) < len(re.findall(r'<tr id="p\d+"', page))
    # A distributor sees the document but no veto buttons.
    assert 'value="veto"' not in site.get("distributor", "/documents/cable").text


def test_pages_veto_and_restore_a_point(site: Site) -> None:
    response = site.post("author", "/documents/cable/points/3", {"action": "veto"})
    assert response.status_code == 303 and response.headers["location"].endswith("#p3")
    page = site.get("author", "/documents/cable").text
    assert re.search(r'<tr id="p3" class="vetoed">', page)
    assert re.search(r'class="pt vetoed[^"]*" data-tip="#3 ', page)
    assert "1 vetoed" in text_of(page)
    (entry,) = site.workspace.store.audit_entries(action="point.veto")
    assert entry.actor == "author"
    site.post("author", "/documents/cable/points/3", {"action": "restore"})
    assert not re.search(
        r'<tr id="p3" class="vetoed">', site.get("author", "/documents/cable").text
    )
    missing = site.post("author", "/documents/cable/points/9999", {"action": "veto"})
    assert missing.status_code == 404 and "there is no point 9999" in missing.text


def test_pages_upload_with_title_and_fixed_phrase(site: Site) -> None:
    text = b"# Memo\n\nThe board met on Monday and agreed the plan. However, the budget is tight.\n"
    response = site.post(
        "author",
        "/documents",
        {"doc_id": "memo", "title": "Board memo", "fixed": "agreed the plan\n"},
        files={"file": ("memo.md", text)},
    )
    assert response.status_code == 303
    assert response.headers["location"].startswith("/documents/memo?added=")
    page = site.page("author", response.headers["location"])
    assert "Board memo" in page and "Review them below" in page


BAD_UPLOADS = [
    ("memo.txt", b"\x00\x01\x02binary", "looks like a binary file"),
    ("memo.txt", "Caf\u00e9 au lait".encode("latin-1"), "is not UTF-8 text"),
    ("memo.txt", b"   \n", "is empty"),
    ("memo.pdf", b"%PDF-1.4 not text", "is not a readable PDF"),
    ("memo.xlsx", b"not a document", "reads .txt and .md text"),
    ("memo.txt", b"x" * 3000, "over the limit of 2,000"),
    ("", b"", "no file was chosen"),
]


def test_pages_bad_uploads_get_a_clear_error_and_store_nothing(workspace: Workspace) -> None:
    site = make_site(workspace, max_input_bytes=2000)
    for name, data, message in BAD_UPLOADS:
        files = {"file": (name, data)}
        response = site.post("author", "/documents", {"doc_id": "memo"}, files=files)
        assert 400 <= response.status_code < 500, (name, response.text)
        assert message in text_of(response.text), name
        assert "Upload a document" in response.text  # the form again, with what was typed
    assert workspace.store.list_documents() == []


def test_pages_bad_document_id_and_unknown_document(site: Site) -> None:
    response = site.post(
        "author", "/documents", {"doc_id": "no spaces!"}, files={"file": ("a.txt", b"Some text.")}
    )
    assert response.status_code == 422 and "is not valid" in text_of(response.text)
    missing = site.get("author", "/documents/nope")
    assert missing.status_code == 404 and "Not found" in missing.text


# -- recipients -----------------------------------------------------------------------------------


def test_pages_recipients_search_group_and_pages(site: Site) -> None:
    site.workspace.store.bulk_add_recipients(60, prefix="bulk-")
    first = site.page("distributor", "/recipients")
    assert "Page 1 of 2" in first and "alice" in first
    second = site.page("distributor", "/recipients?page=2")
    assert "Page 2 of 2" in second and "bulk-0000060" in second
    found = site.page("distributor", "/recipients?q=jones")
    assert "Bob Jones" in found and "Alice" not in found
    legal = site.page("investigator", "/recipients?group=legal")
    assert "carol" in legal and "alice" not in legal.split("Groups")[-1]
    unknown = site.get("distributor", "/recipients?group=nope")
    assert unknown.status_code == 404 and "no group" in unknown.text


def test_pages_csv_import_previews_then_imports_on_confirm(site: Site) -> None:
    csv = (
        b"id,name,email,groups\n"
        b"erin,Erin Moss,erin@example.org,press\n"
        b"bob,Bob Jones,bob@example.org,board\n"
    )
    preview = site.post("distributor", "/recipients/import", files={"file": ("new.csv", csv)})
    assert preview.status_code == 200
    shown = text_of(preview.text)
    assert "2 recipients ready to import" in shown and "1 new, 1 to update" in shown
    assert "Erin Moss" in shown
    assert site.workspace.store.count_recipients() == 4  # nothing written yet
    carried = re.search(r'<textarea name="csv_text" hidden>([^<]*)</textarea>', preview.text)
    assert carried
    done = site.post(
        "distributor",
        "/recipients/import/confirm",
        {"csv_text": html.unescape(carried.group(1)), "source": "new.csv"},
    )
    assert done.status_code == 303
    assert "1 new recipient, 1 updated" in site.page("distributor", done.headers["location"])
    assert site.workspace.store.count_recipients() == 5


def test_pages_csv_import_shows_each_bad_row_and_writes_nothing(site: Site) -> None:
    csv = (
        b"id,name,email\nerin,Erin Moss,not-an-email\n,No Id,x@example.org\nfay,Fay,f@example.org\n"
    )
    preview = site.post("distributor", "/recipients/import", files={"file": ("bad.csv", csv)})
    assert preview.status_code == 422
    shown = text_of(preview.text)
    assert "cannot be imported" in shown and "Nothing was written" in shown
    assert "row 2, column email: 'not-an-email' is not an email address" in shown
    assert "row 3, column id: empty id" in shown
    assert len(re.findall(r'<tr class="bad">', preview.text)) == 2
    assert "csv_text" not in preview.text  # no import button
    for data, message in (
        (b"\xff\xfebinary\x00", "holds binary data"),
        (b"name,email\nx,y\n", "missing column 'id'"),
    ):
        response = site.post("distributor", "/recipients/import", files={"file": ("x.csv", data)})
        assert response.status_code == 422 and message in text_of(response.text)
    assert site.workspace.store.count_recipients() == 4


# -- issuing and the reader portal -----------------------------------------------------------------


def test_pages_issue_to_a_group_on_the_portal_and_readers_see_only_their_copy(site: Site) -> None:
    batch = issue_to_portal(site, "legal")  # bob, carol, dave: not alice
    result = site.page("distributor", f"/issue/batches/{batch}")
    assert "carol" in result and "alice" not in result
    assert "Nothing has been issued to you yet" in site.page("alice", "/portal")
    mine = site.page("bob", "/portal")
    assert "Read" in mine
    copy = site.page("bob", f"/portal/{batch}")
    store, key = site.workspace.store, site.workspace.key
    bob = store.recipients_by_external_ids(["bob"])[0].number
    expected = render_copy(store, key, batch, bob)
    assert " ".join(expected.split())[:400] in copy
    (view,) = store.audit_entries(action="copy.view")
    assert (view.actor, view.subject) == ("bob", f"batch {batch}")
    # Alice is not in the batch: the same 404 as a batch that does not exist.
    for url in (f"/portal/{batch}", "/portal/999"):
        response = site.get("alice", url)
        assert response.status_code == 404 and "you have no copy in batch" in response.text
    assert len(store.audit_entries(action="copy.view")) == 1
    for url in ("/documents/cable", "/trace", "/trace/1", "/recipients", f"/issue/batches/{batch}"):
        assert site.get("alice", url).status_code == 403, url


def test_pages_issue_zip_downloads_one_copy_per_recipient(site: Site) -> None:
    response = site.post(
        "distributor",
        "/issue",
        {"doc_id": "cable", "to": "ids", "ids": "alice, carol", "channel": "zip", "fmt": "md"},
    )
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/zip"
    assert "batch-1.zip" in response.headers["content-disposition"]
    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        assert sorted(archive.namelist()) == ["alice.md", "carol.md"]


def test_pages_issue_refuses_bad_choices_with_the_form_again(site: Site) -> None:
    cases = [
        ({"to": "groups", "channel": "portal"}, 422, "choose at least one group"),
        ({"to": "ids", "ids": "zed", "channel": "portal"}, 404, "no recipient or group called"),
        ({"to": "all", "channel": "fax"}, 422, "unknown channel"),
        ({"to": "all", "channel": "email"}, 422, "email is not set up"),
    ]
    for data, status, message in cases:
        response = site.post("distributor", "/issue", {"doc_id": "cable", **data})
        assert response.status_code == status, (data, response.text)
        assert message in text_of(response.text) and "Issue copies" in response.text
    assert site.workspace.store.issuance_batches_of_version(1) == []


def test_pages_issue_by_email_reports_failures_and_retries_them(workspace: Workspace) -> None:
    server = MailServer().start()
    try:
        site = make_site(workspace, smtp_host="127.0.0.1", smtp_port=server.port)
        upload = {"file": ("cable.md", sample_text().encode())}
        site.post("author", "/documents", {"doc_id": "cable"}, files=upload)
        server.inbox.refuse.add("carol@example.org")
        form = {"doc_id": "cable", "to": "groups", "groups": ["legal"], "channel": "email"}
        response = site.post("distributor", "/issue", form)
        assert response.status_code == 200, response.text
        shown = text_of(response.text)
        assert "Partly delivered" in shown and "2 of 3 copies" in shown
        assert "carol" in shown and "mailbox unavailable" in shown
        assert "Retry the 1 failed" in shown
        server.inbox.refuse.clear()
        retried = site.post("distributor", "/issue/batches/1/retry")
        assert "1 more sent, 0 still failing (2 had been sent before)" in text_of(retried.text)
        assert sorted(server.inbox.accepted) == [
            "bob@example.org",
            "carol@example.org",
            "dave@example.org",
        ]
        assert "sent" in site.page("distributor", "/issue/batches/1")
    finally:
        server.stop()


class Inbox:
    """An aiosmtpd handler that keeps what it accepts and refuses the addresses it is told to."""

    def __init__(self) -> None:
        self.accepted: list[str] = []
        self.refuse: set[str] = set()

    async def handle_RCPT(
        self, server: Any, session: Any, envelope: Any, address: str, options: list[str]
    ) -> str:
        if address in self.refuse:
            return f"550 5.1.1 <{address}>: mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.accepted.extend(envelope.rcpt_tos)
        return "250 2.0.0 accepted"


class MailServer:
    """A real SMTP server on a free loopback port."""

    def __init__(self) -> None:
        self.inbox = Inbox()
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            self.port = int(sock.getsockname()[1])
        self._controller = Controller(self.inbox, hostname="127.0.0.1", port=self.port)

    def start(self) -> MailServer:
        self._controller.start()
        return self

    def stop(self) -> None:
        self._controller.stop()


# -- tracing --------------------------------------------------------------------------------------


def test_pages_trace_pasted_article_names_the_recipient(site: Site) -> None:
    batch = issue_to_portal(site, "legal")
    store, key = site.workspace.store, site.workspace.key
    carol = store.recipients_by_external_ids(["carol"])[0].number
    copy = render_copy(store, key, batch, carol)
    article = "Leaked cable\n\nBy a staff reporter\n\n" + " ".join(copy.split()[60:])
    response = site.post("investigator", "/trace", {"text": article})
    assert response.status_code == 303
    location = response.headers["location"]
    page = site.get("investigator", location).text
    shown = text_of(page)
    assert "Identified" in shown
    assert "This text came from the copy issued to carol (Carol Wu)." in shown
    assert re.search(r'<tr class="named">\s*<td class="num">1</td>\s*<td><code>carol', page)
    assert 'class="pt read' in page
    history = site.page("investigator", "/trace/history")
    assert "pasted text" in history and "carol" in history
    assert location.removeprefix("/trace/") in history


def test_pages_trace_unrelated_text_is_no_match_and_bad_input_is_refused(site: Site) -> None:
    response = site.post(
        "investigator", "/trace", {"text": "Nothing here comes from any cable at all, honestly."}
    )
    page = site.page("investigator", response.headers["location"])
    assert "No match" in page and "does not come from any document" in page
    empty = site.post("investigator", "/trace", {"text": "  "})
    assert empty.status_code == 422 and "paste the leaked text" in text_of(empty.text)
    binary = site.post("investigator", "/trace", files={"file": ("x.txt", b"\x00\x00")})
    assert binary.status_code == 422 and "binary" in text_of(binary.text)
    assert site.get("investigator", "/trace/99").status_code == 404


# -- audit ----------------------------------------------------------------------------------------


def test_pages_audit_filters_pages_and_verifies_the_chain(site: Site) -> None:
    site.post("author", "/documents/cable/points/2", {"action": "veto"})
    everything = site.page("auditor", "/audit")
    assert "document.add" in everything and "point.veto" in everything
    only = site.page("auditor", "/audit?action=point.veto")
    assert "point.veto" in only and "document.add" not in only.split("Details")[-1]
    by_actor = site.page("auditor", "/audit?actor=author")
    assert "document.add" in by_actor.split("Details")[-1]
    assert "user.create" not in by_actor.split("Details")[-1]
    nothing = site.page("auditor", "/audit?since=2030-01-01")
    assert "No entries match" in nothing
    day = site.workspace.store.audit_entries()[0].at.date().isoformat()
    assert "No entries match" not in site.page("auditor", f"/audit?since={day}&until={day}")
    assert site.get("auditor", "/audit?since=yesterday").status_code == 422
    verified = site.page("auditor", "/audit/verify")
    assert "The audit log is intact" in verified
    report = site.workspace.store.verify_audit()
    assert report.head_hash in verified
    again = site.page("auditor", f"/audit/verify?seq={report.head_seq}&hash={report.head_hash}")
    assert "the head you gave is still in the chain" in again
    wrong = site.page("auditor", f"/audit/verify?seq={report.head_seq}&hash={'0' * 64}")
    assert "has been tampered with" in wrong


# -- users and accounts ---------------------------------------------------------------------------


def test_pages_admin_creates_a_reader_disables_and_resets(site: Site) -> None:
    no_recipient = site.post(
        "admin", "/users", {"username": "carol", "password": PASSWORD, "roles": ["reader"]}
    )
    assert no_recipient.status_code == 422
    assert "must be tied to a recipient" in text_of(no_recipient.text)
    short = site.post(
        "admin", "/users", {"username": "carol", "password": "short", "roles": ["author"]}
    )
    assert short.status_code == 422 and "too short" in text_of(short.text)
    created = site.post(
        "admin",
        "/users",
        {
            "username": "carol",
            "display_name": "Carol Wu",
            "password": PASSWORD,
            "roles": ["reader"],
            "recipient": "carol",
        },
    )
    assert created.status_code == 303 and created.headers["location"] == "/users/carol?created=1"
    page = site.page("admin", created.headers["location"])
    assert "reads the copies of carol" in page and "Account created." in page
    disabled = site.post("admin", "/users/carol/status", {"action": "disable"})
    assert "Account disabled." in text_of(disabled.text)
    assert site.workspace.store.get_user("carol").disabled
    myself = site.post("admin", "/users/admin/status", {"action": "disable"})
    assert myself.status_code == 422 and "cannot disable your own account" in myself.text
    reset = site.post("admin", "/users/bob/password", {"password": "a brand new passphrase"})
    assert "Password reset" in text_of(reset.text)
    assert site.get("bob", "/portal").status_code == 303  # bob's session ended


def test_pages_account_token_shown_once_then_revoked(site: Site) -> None:
    created = site.post("investigator", "/account/tokens", {"name": "laptop"})
    secret = re.search(r'<code class="big" id="new-token">(lt_[^<]+)</code>', created.text)
    assert secret, created.text
    api = TestClient(site.app)
    headers = {"Authorization": f"Bearer {secret.group(1)}"}
    assert api.get("/api/me", headers=headers).json()["username"] == "investigator"
    page = site.get("investigator", "/account").text
    assert secret.group(1) not in page and "laptop" in page
    token_id = site.workspace.store.list_api_tokens()[0].id
    foreign = site.post("author", f"/account/tokens/{token_id}/revoke")
    assert foreign.status_code == 404
    site.post("investigator", f"/account/tokens/{token_id}/revoke")
    assert api.get("/api/me", headers=headers).status_code == 401


def test_pages_change_own_password(site: Site) -> None:
    wrong = site.post(
        "author", "/account/password", {"current": "nope", "new": "x" * 12, "repeat": "x" * 12}
    )
    assert wrong.status_code == 401
    differ = site.post(
        "author", "/account/password", {"current": PASSWORD, "new": "x" * 12, "repeat": "y" * 12}
    )
    assert differ.status_code == 422 and "differ" in differ.text
    done = site.post(
        "author",
        "/account/password",
        {"current": PASSWORD, "new": "a new long passphrase", "repeat": "a new long passphrase"},
    )
    assert done.status_code == 303 and done.headers["location"] == "/login?changed=1"
    assert "Your password was changed" in site.page("author", "/login?changed=1")
    assert site.get("author", "/documents").status_code == 303  # signed out everywhere


def test_pages_sign_out_ends_the_session(site: Site) -> None:
    response = site.post("auditor", "/logout")
    assert response.status_code == 303 and response.headers["location"] == "/login"
    assert site.get("auditor", "/audit").status_code == 303


def test_pages_static_assets_are_served(site: Site) -> None:
    for asset in ("/static/app.css", "/static/app.js"):
        assert site.get("author", asset).status_code == 200


def test_pages_copies_font_is_served_and_nothing_else_from_its_folder(site: Site) -> None:
    for name in ("Vera.ttf", "VeraBd.ttf"):
        response = site.get("alice", f"/fonts/{name}")
        assert response.status_code == 200 and response.content[:4] == b"\x00\x01\x00\x00"
    for name in ("Vera.afm", "..%2F__init__.py", "hb-test.ttf"):
        assert site.get("alice", f"/fonts/{name}").status_code == 404
