"""The pages in a real browser: Playwright driving Debian's Chromium against uvicorn on loopback.

One story, as the people who use leaktrace live it: an author uploads a document and vetoes a
point; a distributor issues it to a group through the reader portal; a reader signs in and sees
only their copy; an investigator pastes a news article quoting that copy and sees who it was
issued to; the auditor verifies the log.

Set ``LEAKTRACE_SCREENSHOTS=<folder>`` to save full-page screenshots of the main pages there (the
committed ones in ``docs/screenshots`` were made this way).
"""

from __future__ import annotations

import os
import re
import shutil
import threading
import time
from collections.abc import Iterator
from importlib import resources
from pathlib import Path

import pytest
import uvicorn
from postgres import free_port

from leaktrace.accounts import Role, create_user
from leaktrace.issuing import publish_to_portal
from leaktrace.service import ServiceConfig, create_app
from leaktrace.store import RecipientRow
from leaktrace.workspace import Workspace, init_workspace
from support import sample_text

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PASSWORD = "correct horse battery staple"
PEOPLE = [
    ("hwalker", "Helen Walker", "board"),
    ("rokafor", "Ruth Okafor", "board"),
    ("tbrennan", "Tom Brennan", "board"),
    ("mcastillo", "Maria Castillo", "board"),
    ("jsmith", "James Smith", "negotiators"),
    ("apatel", "Anita Patel", "negotiators"),
    ("dkowalski", "Dariusz Kowalski", "negotiators"),
    ("lchen", "Li Chen", "negotiators"),
    ("ofarrell", "Orla Farrell", "negotiators"),
    ("bnguyen", "Binh Nguyen", "negotiators"),
    ("ehughes", "Emma Hughes", "treasury"),
    ("smensah", "Samuel Mensah", "treasury"),
    ("kbauer", "Katrin Bauer", "treasury"),
    ("pmoreau", "Pierre Moreau", "treasury"),
]
READER = "apatel"

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(),
    reason=f"the browser tests need Debian's Chromium at {CHROMIUM} (apt-get install chromium)",
)


@pytest.fixture
def server(tmp_path: Path) -> Iterator[tuple[str, Workspace]]:
    """uvicorn serving a fresh workspace on a free loopback port, in a background thread."""
    workspace = init_workspace(tmp_path / "ws", key_file=tmp_path / "keys" / "ws.key")
    store = workspace.store
    store.upsert_recipients(
        RecipientRow(rid, name, f"{rid}@example.org", (group,)) for rid, name, group in PEOPLE
    )
    for username, name, role in (
        ("ann", "Ann Author", Role.AUTHOR),
        ("dan", "Dan Distributor", Role.DISTRIBUTOR),
        ("ivy", "Ivy Investigator", Role.INVESTIGATOR),
        ("aud", "Audrey Auditor", Role.AUDITOR),
    ):
        create_user(store, username, name, PASSWORD, {role})
    (reader,) = store.recipients_by_external_ids([READER])
    create_user(store, READER, reader.name, PASSWORD, {Role.READER}, reader.number)
    app = create_app(ServiceConfig(home=workspace.home), workspace)
    port = free_port()
    config = uvicorn.Config(
        app,
        host="127.0.0.1",
        port=port,
        log_level="warning",
        lifespan="off",
        ws="none",
        timeout_graceful_shutdown=1,
    )
    running = uvicorn.Server(config)
    thread = threading.Thread(target=running.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not running.started:
        assert thread.is_alive() and time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}", workspace
    finally:
        running.should_exit = True
        thread.join(timeout=10)
        workspace.close()


def test_browser_issue_read_trace_and_audit(server: tuple[str, Workspace]) -> None:
    from playwright.sync_api import Page, expect, sync_playwright

    base, workspace = server
    shots = os.environ.get("LEAKTRACE_SCREENSHOTS")

    def shot(page: Page, name: str) -> None:
        if shots:
            Path(shots).mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(Path(shots) / f"{name}.png"), full_page=True)

    def sign_in(page: Page, username: str) -> None:
        page.goto(base + "/login")
        page.get_by_label("Username").fill(username)
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Sign in").click()
        page.wait_for_load_state()

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:

            def person(username: str) -> Page:
                context = browser.new_context(viewport={"width": 1280, "height": 800})
                page = context.new_page()
                page.set_default_timeout(15_000)
                sign_in(page, username)
                return page

            # The author uploads the cable and vetoes its first point.
            author = person("ann")
            expect(author.get_by_role("heading", name="Documents")).to_be_visible()
            author.get_by_role("link", name="Upload a document").click()
            author.get_by_label("File", exact=True).set_input_files(
                files=[
                    {
                        "name": "north-sea-cable.md",
                        "mimeType": "text/markdown",
                        "buffer": sample_text().encode(),
                    }
                ]
            )
            author.get_by_label("Document id").fill("north-sea-cable")
            author.get_by_role("button", name="Upload and find variation points").click()
            author.wait_for_url(re.compile(r"/documents/north-sea-cable\?added=\d+"))
            expect(author.get_by_text("Review them below")).to_be_visible()
            assert author.locator(".doctext a.pt").count() > 20
            author.locator("#p1").get_by_role("button", name="Veto").click()
            author.wait_for_url(re.compile(r"/documents/north-sea-cable#p1$"))
            expect(author.locator("#p1")).to_have_class("vetoed")
            expect(author.locator(".doctext a.pt.vetoed")).to_have_count(1)
            author.locator(".doctext a.pt:not(.vetoed)").nth(4).hover()
            shot(author, "document")
            author.goto(base + "/documents")
            shot(author, "documents")
            author.get_by_role("button", name="Sign out").click()
            expect(author.get_by_role("heading", name="Sign in")).to_be_visible()

            # A board-only batch the reader is not in, to prove they cannot open it.
            store, key = workspace.store, workspace.key
            other = publish_to_portal(store, key, "north-sea-cable", ["board"], actor="dan")

            # The distributor issues to the negotiators through the reader portal.
            distributor = person("dan")
            distributor.goto(base + "/recipients")
            shot(distributor, "recipients")
            distributor.get_by_role("link", name="Issue").click()
            distributor.get_by_label("negotiators").check()
            expect(distributor.locator('input[name="to"][value="groups"]')).to_be_checked()
            distributor.get_by_label("Publish to the reader portal").check()
            shot(distributor, "issue")
            distributor.get_by_role("button", name="Issue copies").click()
            expect(distributor.locator(".banner")).to_contain_text(
                "6 copies of north-sea-cable v1 published to the reader portal"
            )
            batch = int(re.findall(r"Batch #(\d+)", distributor.inner_text(".banner"))[0])
            shot(distributor, "issue-result")

            # The reader sees their one copy, reads it, and cannot open anyone else's.
            reader = person(READER)
            expect(reader.locator("ul.copies li")).to_have_count(1)
            reader.get_by_role("link", name="Read").click()
            reader.wait_for_url(re.compile(rf"/portal/{batch}$"))
            # The copy is shown as its typeset pages (SVG), one text element per block.
            copy = reader.evaluate(
                "Array.from(document.querySelectorAll('svg.lt-page text'))"
                ".map(t => t.textContent).join(' ')"
            )
            assert "North Sea" in copy or "NORTH SEA" in copy
            shot(reader, "portal-copy")
            # The reader takes a screenshot of the first page (the picture that may leak).
            screenshot = reader.locator("svg.lt-page").first.screenshot()
            for url in (f"/portal/{other.batch_id}", "/documents/north-sea-cable", "/trace"):
                response = reader.goto(base + url)
                assert response is not None and response.status in (403, 404), url
            expect(reader.get_by_role("heading", name="Not allowed")).to_be_visible()

            # A newspaper quotes the reader's copy; the investigator pastes the article.
            words = copy.split()
            quote = " ".join(words[40:])  # most of the copy: enough points whatever the key
            article = (
                resources.files("leaktrace")
                .joinpath("data/demo-article.txt")
                .read_text("utf-8")
                .replace("{QUOTE}", quote)
            )
            investigator = person("ivy")
            investigator.get_by_role("link", name="Trace", exact=True).click()
            investigator.get_by_label("Leaked text").fill(article)
            investigator.get_by_role("button", name="Trace", exact=True).click()
            investigator.wait_for_url(re.compile(r"/trace/\d+$"))
            banner = investigator.locator(".banner.verdict")
            expect(banner).to_contain_text("Identified")
            expect(banner).to_contain_text(f"the copy issued to {READER} (Anita Patel)")
            expect(investigator.locator("tr.named")).to_contain_text(READER)
            shot(investigator, "trace-verdict")

            # The screenshot of the portal page surfaces instead: words by OCR, layout marks
            # from the picture, and the same verdict.
            if shutil.which("tesseract"):
                investigator.goto(base + "/trace")
                investigator.get_by_label("… or a file").set_input_files(
                    files=[
                        {"name": "screenshot.png", "mimeType": "image/png", "buffer": screenshot}
                    ]
                )
                investigator.get_by_role("button", name="Trace", exact=True).click()
                investigator.wait_for_url(re.compile(r"/trace/\d+$"))
                banner = investigator.locator(".banner.verdict")
                expect(banner).to_contain_text("Identified")
                expect(banner).to_contain_text(f"the copy issued to {READER} (Anita Patel)")
                shot(investigator, "trace-screenshot-verdict")

            # The auditor reads the log and verifies its chain.
            auditor = person("aud")
            expect(auditor.locator("table.audit")).to_contain_text("copy.view")
            shot(auditor, "audit")
            auditor.get_by_role("button", name="Verify chain").click()
            expect(auditor.locator(".banner")).to_contain_text("The audit log is intact")
            head = workspace.store.verify_audit()
            expect(auditor.locator("code.hash")).to_have_text(head.head_hash)
            shot(auditor, "audit-verify")
        finally:
            browser.close()
