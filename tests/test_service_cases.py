"""Cases, evidence reports and the distribution ledger in the web app and the API, on a real
workspace (SQLite and PostgreSQL).

The pages are driven as a browser would (session cookie, CSRF token in every form); the API with
each role's API token. Only admins and the investigators on a case see it: any other
investigator is told it does not exist (404); roles without cases are refused (403).
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from pypdf import PdfReader
from test_service_pages import Site, issue_to_portal, make_site, password_hash, text_of

from leaktrace.accounts import issue_api_token
from leaktrace.issuing import render_copy
from leaktrace.report import GRADES, grade, verify_report_hash
from leaktrace.workspace import Workspace
from support import sample_text

CASE = {"name": "cables-2026", "purpose": "Cables in the press", "authorised_by": "J. Chair"}


@pytest.fixture
def site(workspace: Workspace) -> Iterator[Site]:
    """The sample cable issued on the portal to the legal group; ``ivan`` is an investigator on
    no case."""
    made = make_site(workspace, max_input_bytes=100_000)
    upload = {"file": ("cable.md", sample_text().encode())}
    assert made.post("author", "/documents", {"doc_id": "cable"}, files=upload).status_code == 303
    workspace.store.create_user("ivan", "Ivan", password_hash(), ["investigator"])
    made.sign_in("ivan")
    issue_to_portal(made, "legal")  # bob, carol, dave
    yield made


def carols_copy(site: Site) -> str:
    store, key = site.workspace.store, site.workspace.key
    carol = store.recipients_by_external_ids(["carol"])[0].number
    return render_copy(store, key, 1, carol)


def extracts(site: Site) -> tuple[str, str]:
    """Two disjoint extracts of carol's copy."""
    words = carols_copy(site).split()
    half = len(words) // 2
    return " ".join(words[20:half]), " ".join(words[half + 10 :])


def open_case(site: Site, who: str = "investigator") -> None:
    response = site.post(who, "/cases", CASE)
    assert response.status_code == 303, response.text
    assert response.headers["location"] == "/cases/cables-2026?opened=1"


def pdf_text(data: bytes) -> str:
    pages = PdfReader(io.BytesIO(data)).pages
    return " ".join(" ".join(page.extract_text() or "" for page in pages).split())


# -- pages ----------------------------------------------------------------------------------------


def test_cases_pages_open_add_two_items_verdict_and_reports(site: Site) -> None:
    open_case(site)
    assert "No item yet" in site.page("investigator", "/cases/cables-2026")
    first, second = extracts(site)
    added = site.post(
        "investigator",
        "/cases/cables-2026/items",
        {"text": first, "source": "https://news.example/story"},
    )
    assert added.status_code == 303
    assert added.headers["location"] == "/cases/cables-2026?added=1#verdict"
    upload = {"file": ("extract.txt", second.encode())}
    added = site.post(
        "investigator", "/cases/cables-2026/items", {"source": "note: press office"}, files=upload
    )
    assert added.headers["location"] == "/cases/cables-2026?added=2#verdict"

    page = site.get("investigator", "/cases/cables-2026").text
    shown = text_of(page)
    assert "Cables in the press" in shown and "J. Chair" in shown
    assert "Item 2 added" not in shown  # the notice belongs to the redirect only
    for content in (first.encode(), second.encode()):
        assert hashlib.sha256(content).hexdigest() in shown
    assert '<a href="https://news.example/story" rel="noreferrer noopener">' in page
    assert "note: press office" in shown and "extract.txt" in shown
    assert re.search(r'<div class="banner verdict v-identified"', page)
    assert "This text came from the copy issued to carol (Carol Wu)." in shown
    assert "All 2 items scored together" in shown
    history = page.split("Verdict history")[1]
    assert len(re.findall(r"<tr>\s*<td class=\"num\">\d</td>", history)) == 2

    html = site.get("investigator", "/cases/cables-2026/report?format=html")
    assert html.status_code == 200
    assert html.headers["content-type"].startswith("text/html")
    assert 'filename="case-cables-2026.html"' in html.headers["content-disposition"]
    assert verify_report_hash(html.content) and "Carol Wu" in html.text
    pdf = site.get("investigator", "/cases/cables-2026/report?format=pdf")
    assert pdf.headers["content-type"] == "application/pdf"
    assert verify_report_hash(pdf.content)
    text = pdf_text(pdf.content)
    assert "Identified" in text and "carol" in text
    exports = site.workspace.store.audit_entries(action="report.export")
    assert [(e.actor, e.subject) for e in exports] == [("investigator", "case cables-2026")] * 2
    assert "Reproduced: all 2 verdicts" in site.page("investigator", "/cases/cables-2026/verify")
    assert site.get("investigator", "/cases/cables-2026/report?format=doc").status_code == 422


def test_cases_pages_only_assigned_investigators_and_admins_see_a_case(site: Site) -> None:
    open_case(site)
    assert 'href="/cases/cables-2026"' in site.get("admin", "/cases").text
    assert 'href="/cases/' not in site.get("ivan", "/cases").text
    for url in ("/cases/cables-2026", "/cases/cables-2026/report", "/cases/cables-2026/verify"):
        hidden, missing = site.get("ivan", url), site.get("ivan", url.replace("cables", "nope"))
        assert hidden.status_code == missing.status_code == 404, url
        assert "no case named 'cables-2026' that you may see" in text_of(hidden.text)
    refused = site.post("ivan", "/cases/cables-2026/items", {"text": "x", "source": "y"})
    assert refused.status_code == 404
    assert site.post("ivan", "/cases/cables-2026/assign", {"username": "ivan"}).status_code == 404
    for who in ("author", "distributor", "auditor", "alice"):
        assert site.get(who, "/cases").status_code == 403, who
        assert site.get(who, "/cases/cables-2026").status_code == 403, who
        assert site.post(who, "/cases", CASE).status_code == 403, who
    page = site.get("investigator", "/cases/cables-2026").text
    assert '<option value="ivan">' in page and '<option value="author">' not in page
    assigned = site.post("investigator", "/cases/cables-2026/assign", {"username": "ivan"})
    assert assigned.status_code == 303
    assert "ivan is now on the case" in site.page("ivan", assigned.headers["location"])
    author = site.post("ivan", "/cases/cables-2026/assign", {"username": "author"})
    assert author.status_code == 422 and "not an active investigator" in text_of(author.text)


def test_cases_pages_csrf_is_enforced_on_every_form(site: Site) -> None:
    open_case(site)
    client = site.clients["investigator"]
    for url, data in (
        ("/cases", {**CASE, "name": "other"}),
        ("/cases/cables-2026/items", {"text": extracts(site)[0], "source": "x"}),
        ("/cases/cables-2026/assign", {"username": "ivan"}),
        ("/trace/1/case", {"case": "cables-2026", "text": "x", "source": "x"}),
    ):
        for form in (data, {**data, "csrf_token": "forged"}):
            response = client.post(url, data=form)
            assert response.status_code == 403, url
            assert "CSRF check failed" in text_of(response.text)
    store = site.workspace.store
    assert [c.name for c in store.list_cases()] == ["cables-2026"]
    assert store.case_items("cables-2026") == []
    assert store.get_case("cables-2026").investigators == ("investigator",)


BAD_ITEMS = [
    ({"text": "  "}, None, "paste the text that surfaced or choose a file"),
    ({"text": "Some text.", "source": " "}, None, "say where pasted text surfaced"),
    ({}, ("blob.txt", b"\x00\x01\x02binary"), "looks like a binary file"),
    ({}, ("latin.txt", "Caf\u00e9 au lait".encode("latin-1")), "is not UTF-8 text"),
    ({}, ("empty.txt", b"  \n"), "is empty"),
    ({}, ("big.txt", b"x" * 2001), "over the limit of 2,000"),
]


def test_cases_pages_bad_items_get_a_clear_error_and_change_nothing(
    workspace: Workspace,
) -> None:
    site = make_site(workspace, max_input_bytes=2000)
    open_case(site)
    for data, upload, message in BAD_ITEMS:
        files = {"file": upload} if upload else None
        form = {"source": "https://news.example/x", **data}
        response = site.post("investigator", "/cases/cables-2026/items", form, files=files)
        assert 400 <= response.status_code < 500, (message, response.status_code)
        shown = text_of(response.text)
        assert message in shown, (message, shown[:600])
        assert "Add an item" in shown  # the case page again, with the error above the form
    first = site.post(
        "investigator", "/cases/cables-2026/items", {"text": "A note.", "source": "n"}
    )
    assert first.status_code == 303
    again = site.post(
        "investigator", "/cases/cables-2026/items", {"text": "A note.", "source": "n"}
    )
    assert again.status_code == 409 and "already item 1" in text_of(again.text)
    assert len(workspace.store.case_items("cables-2026")) == 1
    duplicate = site.post("investigator", "/cases", CASE)
    assert duplicate.status_code == 409 and "Open a case" in text_of(duplicate.text)
    bad_name = site.post("investigator", "/cases", {**CASE, "name": "no spaces"})
    assert bad_name.status_code == 422 and "must be 1-100 letters" in text_of(bad_name.text)


def test_cases_pages_trace_page_adds_its_text_to_a_case_and_gives_its_report(site: Site) -> None:
    first, _ = extracts(site)
    traced = site.post("investigator", "/trace", {"text": first})
    location = traced.headers["location"]
    page = site.get("investigator", location).text
    assert "You have no open case" in text_of(page)
    assert f'href="{location}/report?format=pdf"' in page
    open_case(site)
    page = site.get("investigator", location).text
    assert '<option value="cables-2026"' in page and f'action="{location}/case#to-case"' in page
    other = site.post(
        "investigator", f"{location}/case", {"case": "cables-2026", "text": "Other text."}
    )
    assert other.status_code == 422 and "is not the text trace" in text_of(other.text)
    upload = {"file": ("leak.txt", first.replace("\n", "\r\n").encode())}
    added = site.post(
        "investigator",
        f"{location}/case",
        {"case": "cables-2026", "source": "https://news.example/a"},
        files=upload,
    )
    assert added.status_code == 303, added.text
    (item,) = site.workspace.store.case_items("cables-2026")
    assert (item.input_name, item.source) == ("leak.txt", "https://news.example/a")
    hidden = site.post("ivan", f"{location}/case", {"case": "cables-2026", "text": first})
    assert hidden.status_code == 404
    for fmt, media in (("html", "text/html"), ("pdf", "application/pdf")):
        report = site.get("investigator", f"{location}/report?format={fmt}")
        assert report.status_code == 200 and report.headers["content-type"].startswith(media)
        assert verify_report_hash(report.content)
    stored = json.loads(site.workspace.store.get_trace(int(location.split("/")[-1])).result_json)
    assert GRADES[grade(stored)] in pdf_text(report.content)
    assert site.get("author", f"{location}/report").status_code == 403


def test_cases_pages_ledger_csv_for_the_roles_that_may_read_it(site: Site) -> None:
    assert "/ledger.csv?doc=cable" in site.get("distributor", "/documents/cable").text
    assert "/ledger.csv" not in site.get("author", "/documents/cable").text
    assert 'href="/ledger.csv"' in site.get("auditor", "/audit").text
    for who in ("admin", "distributor", "investigator", "auditor"):
        response = site.get(who, "/ledger.csv?doc=cable")
        assert response.status_code == 200, who
        assert response.headers["content-type"].startswith("text/csv")
        rows = list(csv.DictReader(io.StringIO(response.text)))
        assert {r["recipient_id"] for r in rows} == {"bob", "carol", "dave"}
    for who in ("author", "alice"):
        assert site.get(who, "/ledger.csv").status_code == 403
    assert site.get("distributor", "/ledger.csv?doc=nope").status_code == 404


def test_cases_pages_are_csp_clean(site: Site) -> None:
    open_case(site)
    site.post(
        "investigator", "/cases/cables-2026/items", {"text": extracts(site)[0], "source": "s"}
    )
    site.post("investigator", "/trace", {"text": extracts(site)[1]})
    for url in ("/cases", "/cases/cables-2026", "/trace/1"):
        page = site.get("investigator", url).text
        assert "<style" not in page and " style=" not in page, url
        assert re.search(r"<script(?![^>]*\bsrc=)", page) is None, url
        assert re.search(r"\son[a-z]+=", page) is None, url
        forms = re.findall(r'<form method="post".*?</form>', page, re.S)
        for form in forms:
            token = re.search(r'name="csrf_token" value="([^"]*)"', form)
            assert token and token.group(1) == site.csrf["investigator"], (url, form[:200])


# -- the API --------------------------------------------------------------------------------------


@pytest.fixture
def api(site: Site) -> TestClient:
    return TestClient(site.app)


def bearer(site: Site, username: str) -> dict[str, str]:
    store = site.workspace.store
    token = issue_api_token(store, store.get_user(username), "tests").secret
    return {"Authorization": f"Bearer {token}"}


def test_cases_api_open_add_get_report_verify(site: Site, api: TestClient) -> None:
    me = bearer(site, "investigator")
    created = api.post("/api/cases", json=CASE, headers=me)
    assert created.status_code == 201, created.text
    assert created.json()["investigators"] == ["investigator"]
    assert api.post("/api/cases", json=CASE, headers=me).status_code == 409
    first, second = extracts(site)
    one = api.post(
        "/api/cases/cables-2026/items",
        json={"text": first, "name": "article", "source": "https://news.example/a"},
        headers=me,
    )
    assert one.status_code == 201, one.text
    assert one.json()["item"]["sha256"] == hashlib.sha256(first.encode()).hexdigest()
    two = api.post(
        "/api/cases/cables-2026/items/file",
        files={"file": ("extract.txt", second.encode())},
        data={"source": "note: press office"},
        headers=me,
    )
    assert two.status_code == 201, two.text
    body = two.json()
    assert body["verdict"]["items"] == ["article", "extract.txt"]
    assert body["verdict"]["accused"] == ["carol"]
    case = api.get("/api/cases/cables-2026", headers=me).json()
    assert [i["seq"] for i in case["items"]] == [1, 2]
    assert case["verdict"]["verdict"] == "identified"
    assert [h["after_item"] for h in case["history"]] == [1, 2]
    assert [c["name"] for c in api.get("/api/cases", headers=me).json()] == ["cables-2026"]
    for fmt, media in (("html", "text/html"), ("pdf", "application/pdf")):
        report = api.get(f"/api/cases/cables-2026/report?format={fmt}", headers=me)
        assert report.status_code == 200 and report.headers["content-type"].startswith(media)
        assert verify_report_hash(report.content)
    assert "Identified" in pdf_text(report.content)
    verified = api.get("/api/cases/cables-2026/verify", headers=me).json()
    assert verified["reproduced"] and verified["verdicts_checked"] == 2
    trace = api.post("/api/traces", json={"text": first}, headers=me).json()
    single = api.get(f"/api/traces/{trace['trace_id']}/report?format=pdf", headers=me)
    assert single.headers["content-type"] == "application/pdf"


def test_cases_api_access_and_bad_input(site: Site, api: TestClient) -> None:
    me, ivan = bearer(site, "investigator"), bearer(site, "ivan")
    assert api.post("/api/cases", json=CASE, headers=me).status_code == 201
    for url in ("/api/cases/cables-2026", "/api/cases/cables-2026/verify"):
        assert api.get(url, headers=ivan).status_code == 404
    assert api.get("/api/cases", headers=ivan).json() == []
    item = {"text": "Some text.", "source": "x"}
    assert api.post("/api/cases/cables-2026/items", json=item, headers=ivan).status_code == 404
    for role in ("author", "distributor", "auditor", "alice"):
        assert api.get("/api/cases", headers=bearer(site, role)).status_code == 403, role
    assigned = api.post(
        "/api/cases/cables-2026/investigators", json={"username": "ivan"}, headers=me
    )
    assert assigned.json() == {"case": "cables-2026", "username": "ivan", "assigned": True}
    assert api.get("/api/cases/cables-2026", headers=ivan).status_code == 200
    empty_report = api.get("/api/cases/cables-2026/report", headers=me)
    assert empty_report.status_code == 422 and "has no item yet" in empty_report.json()["detail"]
    for files, message in (
        ({"file": ("blob.txt", b"\x00\x01binary")}, "looks like a binary file"),
        ({"file": ("empty.txt", b" \n")}, "is empty"),
        ({"file": ("big.txt", b"x" * 100_001)}, "over the limit"),
    ):
        response = api.post(
            "/api/cases/cables-2026/items/file", files=files, data={"source": "s"}, headers=me
        )
        assert 400 <= response.status_code < 500 and message in response.json()["detail"]
    missing_source = api.post(
        "/api/cases/cables-2026/items/file", files={"file": ("a.txt", b"text")}, headers=me
    )
    assert missing_source.status_code == 422
    assert api.post("/api/cases/cables-2026/items", json=item, headers=me).status_code == 201
    duplicate = api.post("/api/cases/cables-2026/items", json=item, headers=me)
    assert duplicate.status_code == 409 and "already item 1" in duplicate.json()["detail"]


def test_cases_api_ledger_csv(site: Site, api: TestClient) -> None:
    response = api.get("/api/ledger.csv?document=cable", headers=bearer(site, "auditor"))
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert {r["recipient_id"] for r in rows} == {"bob", "carol", "dave"}
    assert api.get("/api/ledger.csv", headers=bearer(site, "author")).status_code == 403
    assert (
        api.get("/api/ledger.csv?document=nope", headers=bearer(site, "admin")).status_code == 404
    )
    assert json.loads(api.get("/api/cases", headers=bearer(site, "admin")).text) == []
