"""Issuing by email through a real SMTP exchange: a local aiosmtpd server on loopback.

Each test starts its own server on a free port. The server hands every accepted message to an
``Inbox``, which can be told to refuse one recipient (550 at RCPT or 554 after DATA) or to hang
up, so failure and retry are exercised over real SMTP, on SQLite and on PostgreSQL.
"""

from __future__ import annotations

import email
import email.policy
import os
import subprocess
import sys
from collections.abc import Iterator
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from postgres import free_port

from leaktrace.delivery import (
    DeliveryReport,
    SmtpSettings,
    deliveries_of,
    issue_by_email,
    retry_failed,
)
from leaktrace.documents import add_document
from leaktrace.errors import DeliveryError, InputError
from leaktrace.issuing import issue, render_copy
from leaktrace.settings import Settings
from leaktrace.store.records import RecipientRow
from leaktrace.workspace import Workspace
from support import sample_text

STAFF = [
    RecipientRow("ann", "Ann Lee", "ann@example.org", ("board",)),
    RecipientRow("bob", "Bob Jones", "bob@example.org", ("board",)),
    RecipientRow("carol", "Carol Wu", "carol@example.org", ("board",)),
]
SENDER = "docs@example.org"


class Inbox:
    """An aiosmtpd handler that keeps what it accepts and refuses what it is told to."""

    def __init__(self) -> None:
        self.messages: list[tuple[list[str], EmailMessage]] = []
        self.refuse_rcpt: set[str] = set()
        self.refuse_data: set[str] = set()
        self.hang_up: set[str] = set()

    async def handle_RCPT(
        self, server: Any, session: Any, envelope: Any, address: str, options: list[str]
    ) -> str:
        if address in self.refuse_rcpt:
            return f"550 5.1.1 <{address}>: mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        recipients = list(envelope.rcpt_tos)
        if self.hang_up & set(recipients):
            server.transport.close()
            return "421 4.3.0 going away"
        if self.refuse_data & set(recipients):
            return "554 5.7.1 message refused by policy"
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        assert isinstance(message, EmailMessage)
        self.messages.append((recipients, message))
        return "250 2.0.0 accepted"

    def by_address(self) -> dict[str, list[EmailMessage]]:
        found: dict[str, list[EmailMessage]] = {}
        for recipients, message in self.messages:
            for address in recipients:
                found.setdefault(address, []).append(message)
        return found


class MailServer:
    def __init__(self, port: int | None = None) -> None:
        self.inbox = Inbox()
        self.port = port or free_port()
        self._controller: Controller | None = None

    def start(self) -> MailServer:
        self._controller = Controller(self.inbox, hostname="127.0.0.1", port=self.port)
        self._controller.start()
        return self

    def stop(self) -> None:
        if self._controller is not None:
            self._controller.stop()
            self._controller = None

    @property
    def smtp(self) -> SmtpSettings:
        return SmtpSettings("127.0.0.1", self.port, SENDER, timeout=10)


@pytest.fixture
def server() -> Iterator[MailServer]:
    running = MailServer().start()
    try:
        yield running
    finally:
        running.stop()


@pytest.fixture
def ready(workspace: Workspace, tmp_path: Path) -> Workspace:
    workspace.store.upsert_recipients(STAFF)
    document = tmp_path / "cable.md"
    document.write_text(sample_text(), encoding="utf-8")
    add_document(workspace.store, document, doc_id="cable")
    return workspace


def _attachment(message: EmailMessage) -> tuple[str, str]:
    """(file name, text) of the one attached copy."""
    (part,) = list(message.iter_attachments())
    assert isinstance(part, EmailMessage)
    payload = part.get_payload(decode=True)
    assert isinstance(payload, bytes)
    return part.get_filename() or "", payload.decode("utf-8")


def _number(ws: Workspace, external_id: str) -> int:
    return ws.store.recipient_numbers_by_external_id([external_id])[external_id]


def _statuses(ws: Workspace, batch_id: int) -> dict[str, str]:
    return {rid: d.status for rid, d in deliveries_of(ws.store, batch_id)}


def test_delivery_each_recipient_gets_exactly_their_own_copy(
    ready: Workspace, server: MailServer
) -> None:
    report = issue_by_email(ready.store, ready.key, "cable", ["board"], server.smtp, actor="ann")
    assert report == DeliveryReport(report.batch_id, 3, [], 0, "cable", 1)
    inbox = server.inbox.by_address()
    assert sorted(inbox) == sorted(r.email for r in STAFF)
    copies = set()
    for row in STAFF:
        (message,) = inbox[row.email]
        assert message["To"].addresses[0].addr_spec == row.email
        assert message["From"] == SENDER
        title = ready.store.latest_version("cable").title
        assert message["Subject"] == f"Your copy: {title}"
        name, text = _attachment(message)
        assert name == "cable.txt"
        expected = render_copy(
            ready.store, ready.key, report.batch_id, _number(ready, row.external_id)
        )
        assert text == expected
        copies.add(text)
        body = message.get_body(preferencelist=("plain",))
        assert body is not None and row.name in body.get_content()
    assert len(copies) == 3  # three different copies


def test_delivery_issuance_records_say_what_was_delivered(
    ready: Workspace, server: MailServer
) -> None:
    report = issue_by_email(ready.store, ready.key, "cable", ["all"], server.smtp, actor="ann")
    batch = ready.store.get_batch(report.batch_id)
    assert batch.channel == "email" and batch.complete
    by_id = dict(deliveries_of(ready.store, report.batch_id))
    sent_ids = {m["Message-ID"] for _, m in server.inbox.messages}
    for row in STAFF:
        delivery = by_id[row.external_id]
        assert (delivery.status, delivery.attempts, delivery.address) == ("sent", 1, row.email)
        assert delivery.message_id in sent_ids
        (copy,) = ready.store.copies_of_recipient(_number(ready, row.external_id), "email")
        assert copy.status == "released"
    assert ready.store.pending_issuances(batch.version_id) == []
    actions = [e.action for e in ready.store.audit_entries()]
    assert actions.count("email.queue") == 1 and actions.count("email.sent") == 3
    logged = "".join(e.details_json for e in ready.store.audit_entries())
    assert "Dear" not in logged and "NEGOTIATION" not in logged  # no message, no copy


@pytest.mark.parametrize("stage", ["rcpt", "data"])
def test_delivery_refused_recipient_is_reported_and_retry_sends_only_to_them(
    ready: Workspace, server: MailServer, stage: str
) -> None:
    refused = server.inbox.refuse_rcpt if stage == "rcpt" else server.inbox.refuse_data
    refused.add("bob@example.org")
    report = issue_by_email(ready.store, ready.key, "cable", ["all"], server.smtp, actor="ann")
    assert report.sent == 2
    ((who, reason),) = report.failed
    assert who == "bob"
    assert ("550" if stage == "rcpt" else "554") in reason
    assert _statuses(ready, report.batch_id) == {"ann": "sent", "bob": "failed", "carol": "sent"}
    (bob,) = ready.store.deliveries(report.batch_id, ["failed"])
    assert bob.attempts == 1 and bob.last_error == reason
    (pending,) = ready.store.pending_issuances(ready.store.latest_version("cable").id)
    assert pending.recipient_number == _number(ready, "bob")

    refused.clear()
    again = retry_failed(ready.store, ready.key, report.batch_id, server.smtp, actor="ann")
    assert (again.sent, again.failed, again.already_sent) == (1, [], 2)
    counts = {address: len(found) for address, found in server.inbox.by_address().items()}
    assert counts == {r.email: 1 for r in STAFF}
    (message,) = server.inbox.by_address()["bob@example.org"]
    bob_copy = render_copy(ready.store, ready.key, report.batch_id, _number(ready, "bob"))
    assert _attachment(message)[1] == bob_copy
    (bob,) = [d for rid, d in deliveries_of(ready.store, report.batch_id) if rid == "bob"]
    assert (bob.status, bob.attempts, bob.last_error) == ("sent", 2, None)
    assert ready.store.get_batch(report.batch_id).complete
    nothing = retry_failed(ready.store, ready.key, report.batch_id, server.smtp, actor="ann")
    assert (nothing.sent, nothing.failed, nothing.already_sent) == (0, [], 3)
    assert len(server.inbox.messages) == 3


def test_delivery_server_down_loses_nothing_and_a_retry_delivers(ready: Workspace) -> None:
    down = MailServer()  # not started: nothing listens on its port
    with pytest.raises(DeliveryError) as caught:
        issue_by_email(ready.store, ready.key, "cable", ["all"], down.smtp, actor="ann")
    message = str(caught.value)
    assert f"127.0.0.1:{down.port}" in message
    assert "Nothing was lost" in message and "--retry" in message
    assert "3 wait as pending" in message
    (batch,) = ready.store.issuance_batches_of_version(ready.store.latest_version("cable").id)
    assert set(_statuses(ready, batch.id).values()) == {"pending"}
    assert all(d.attempts == 0 for d in ready.store.deliveries(batch.id))
    assert batch.released == 0 and batch.recipients == 3

    up = MailServer(down.port).start()
    try:
        report = retry_failed(ready.store, ready.key, batch.id, up.smtp, actor="ann")
    finally:
        up.stop()
    assert (report.sent, report.failed, report.already_sent) == (3, [], 0)
    assert sorted(up.inbox.by_address()) == sorted(r.email for r in STAFF)
    assert set(_statuses(ready, batch.id).values()) == {"sent"}


def test_delivery_connection_lost_mid_batch_is_reported_and_retried(
    ready: Workspace, server: MailServer
) -> None:
    server.inbox.hang_up.add("bob@example.org")
    with pytest.raises(DeliveryError, match="1 were sent, 1 failed and 1 wait as pending"):
        issue_by_email(ready.store, ready.key, "cable", ["all"], server.smtp, actor="ann")
    (batch,) = ready.store.issuance_batches_of_version(ready.store.latest_version("cable").id)
    assert _statuses(ready, batch.id) == {"ann": "sent", "bob": "failed", "carol": "pending"}
    server.inbox.hang_up.clear()
    report = retry_failed(ready.store, ready.key, batch.id, server.smtp, actor="ann")
    assert (report.sent, report.already_sent) == (2, 1)
    assert {a: len(m) for a, m in server.inbox.by_address().items()} == {r.email: 1 for r in STAFF}


def test_delivery_recipient_without_address_fails_with_a_reason(
    ready: Workspace, server: MailServer
) -> None:
    ready.store.upsert_recipients([RecipientRow("dan", "Dan Roe", "", ("board",))])
    report = issue_by_email(ready.store, ready.key, "cable", ["board"], server.smtp, actor="ann")
    assert report.sent == 3
    ((who, reason),) = report.failed
    assert who == "dan" and "no email address" in reason
    ready.store.upsert_recipients([RecipientRow("dan", "Dan Roe", "dan@example.org", None)])
    again = retry_failed(ready.store, ready.key, report.batch_id, server.smtp, actor="ann")
    assert again.sent == 1
    (dan,) = [d for rid, d in deliveries_of(ready.store, report.batch_id) if rid == "dan"]
    assert (dan.status, dan.address, dan.attempts) == ("sent", "dan@example.org", 2)


def test_delivery_retry_refuses_a_batch_not_sent_by_email(
    ready: Workspace, server: MailServer, tmp_path: Path
) -> None:
    report = issue(ready.store, ready.key, "cable", ["all"], tmp_path / "copies")
    with pytest.raises(InputError, match="not by email"):
        retry_failed(ready.store, ready.key, report.batch_id, server.smtp, actor="ann")
    assert server.inbox.messages == []


def test_delivery_markdown_copy_is_attached_as_markdown(
    ready: Workspace, server: MailServer
) -> None:
    report = issue_by_email(
        ready.store, ready.key, "cable", ["ann"], server.smtp, fmt="md", actor="ann"
    )
    ((_, message),) = server.inbox.messages
    (part,) = list(message.iter_attachments())
    assert part.get_content_type() == "text/markdown"
    assert _attachment(message) == (
        "cable.md",
        render_copy(ready.store, ready.key, report.batch_id, _number(ready, "ann")),
    )


def test_smtp_settings_from_cli_settings_and_service_config() -> None:
    settings = Settings.from_env(
        {"LEAKTRACE_SMTP_HOST": "mail.example.org", "LEAKTRACE_SMTP_PORT": "2525"}
    )
    smtp = SmtpSettings.from_config(settings)
    assert (smtp.host, smtp.port, smtp.sender) == ("mail.example.org", 2525, "leaktrace@localhost")
    with pytest.raises(InputError, match="LEAKTRACE_SMTP_HOST"):
        SmtpSettings.from_config(Settings())
    with pytest.raises(InputError, match="LEAKTRACE_SMTP_PORT=0 is not a port"):
        Settings.from_env({"LEAKTRACE_SMTP_PORT": "0"})
    with pytest.raises(InputError, match="not an email address"):
        SmtpSettings("mail.example.org", sender="docs")
    from leaktrace.service.app import ServiceConfig

    config = ServiceConfig(Path("ws"), smtp_host="mx", smtp_port=587, smtp_sender=SENDER)
    assert SmtpSettings.from_config(config) == SmtpSettings("mx", 587, SENDER)


def test_smtp_settings_never_show_the_password() -> None:
    smtp = SmtpSettings("mail.example.org", 587, SENDER, username="docs", password="hunter2")
    assert "hunter2" not in repr(smtp) and "hunter2" not in str(smtp)


def test_cli_issue_by_email_reports_failures_and_retries(
    tmp_path: Path, server: MailServer
) -> None:
    env = dict(os.environ)
    env.update(
        LEAKTRACE_HOME=str(tmp_path / "ws"),
        XDG_CONFIG_HOME=str(tmp_path / "config"),
        LEAKTRACE_SMTP_HOST="127.0.0.1",
        LEAKTRACE_SMTP_PORT=str(server.port),
        LEAKTRACE_SMTP_SENDER=SENDER,
        COLUMNS="200",
    )

    def cli(*args: str, code: int = 0) -> subprocess.CompletedProcess[str]:
        done = subprocess.run(
            [sys.executable, "-m", "leaktrace", *args],
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
            input="",
        )
        assert done.returncode == code, (done.stdout, done.stderr)
        assert "Traceback" not in done.stderr
        return done

    staff = tmp_path / "staff.csv"
    staff.write_text(
        "id,name,email\n" + "".join(f"{r.external_id},{r.name},{r.email}\n" for r in STAFF),
        encoding="utf-8",
    )
    document = tmp_path / "cable.md"
    document.write_text(sample_text(), encoding="utf-8")
    cli("init")
    cli("recipients", "import", str(staff))
    cli("add", str(document), "--id", "cable")
    both = cli("issue", "cable", "--to", "all", "--email", "--out", str(tmp_path / "x"), code=2)
    assert "--email" in both.stderr

    server.inbox.refuse_rcpt.add("carol@example.org")
    done = cli("issue", "cable", "--to", "all", "--email", code=1)
    assert "2 sent, 1 failed" in done.stdout
    assert "carol" in done.stdout and "550" in done.stdout
    batch = done.stdout.split("(batch ")[1].split(")")[0]
    listing = cli("deliveries", batch).stdout
    assert "2 sent, 1 failed" in listing and "carol@example.org" in listing

    server.inbox.refuse_rcpt.clear()
    retried = cli("deliveries", batch, "--retry")
    assert "1 sent, 0 failed, 2 sent earlier" in retried.stdout
    counts = {address: len(found) for address, found in server.inbox.by_address().items()}
    assert counts == {r.email: 1 for r in STAFF}

    server.stop()
    refused = cli("issue", "cable", "--to", "ann", "--email", code=1)
    assert f"127.0.0.1:{server.port}" in refused.stderr and "Nothing was lost" in refused.stderr
