"""Recipe: send each recipient their own copy by email, recording every step.

Record, then release, as for files (:mod:`leaktrace.issuing`): the batch, and then a *pending*
delivery per recipient, are committed before the first message leaves. A copy is marked *sent*
and released only once the receiving server has accepted it; a refusal for one recipient (an
unknown mailbox, a rejected message, no address at all) is recorded as *failed* with the reason,
and the batch goes on. :func:`retry_failed` sends only what is still pending or failed, so nobody
receives a copy twice. If the server cannot be reached, :class:`~leaktrace.errors.DeliveryError`
names it and nothing is lost.

Two gaps remain, and in both a recipient can only ever receive their *own* copy again: if the
process dies after the server accepted a message and before that is committed, a retry sends it
once more (no mail protocol closes this); and two retries of one batch running at the same
moment may both send a copy (there is no per-delivery lease yet), so retry a batch from one
place at a time.

Each message is a short note with the copy attached as ``<document>.<format>``, base64-encoded so
that it arrives byte for byte as rendered (mail clients reflow and re-wrap message bodies).

Example:
    >>> smtp = SmtpSettings("mail.example.org", 587, "docs@example.org", starttls=True)
    >>> report = issue_by_email(store, key, "memo", ["board"], smtp, actor="ann")  # doctest: +SKIP
    >>> report.failed  # doctest: +SKIP
    [('bob', 'the mail server refused it: 550 5.1.1 mailbox unavailable')]
"""

from __future__ import annotations

import email.policy
import json
import re
import smtplib
import ssl
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from email.message import EmailMessage
from email.utils import format_datetime, formataddr, make_msgid
from typing import Protocol

from leaktrace.copywriters import MEDIA_TYPES
from leaktrace.errors import DeliveryError, InputError
from leaktrace.issuing import IssueJob, RenderedCopy, prepare_issue
from leaktrace.keys import SecretKey
from leaktrace.model import Recipient
from leaktrace.store import DeliveryRecord, IssuePlan, Store, VersionRecord

CHANNEL = "email"
_SUBTYPES = {"txt": "plain", "md": "markdown"}
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
_ADDRESS = re.compile(r"[^@\s]+@[^@\s]+")
_REFUSED = (
    smtplib.SMTPRecipientsRefused,
    smtplib.SMTPSenderRefused,
    smtplib.SMTPDataError,
    smtplib.SMTPNotSupportedError,
)
_REASON_CHARS = 300
# Sent with headers folded only past RFC 5322's hard limit: Python folds a long subject right
# after "Subject:", which some readers show with a leading space. Bodies are encoded before the
# switch, under the default policy (base64 lines of 76 characters, as RFC 2045 requires).
_SENDING_POLICY = email.policy.default.clone(max_line_length=998)


class SmtpConfig(Protocol):
    """Anything that carries the mail settings: :class:`leaktrace.settings.Settings`, the
    service's configuration."""

    @property
    def smtp_host(self) -> str | None: ...

    @property
    def smtp_port(self) -> int: ...

    @property
    def smtp_sender(self) -> str: ...


@dataclass(frozen=True)
class SmtpSettings:
    """Where and how to hand messages over: one SMTP server, one sender address.

    ``password`` is never shown: it is left out of ``repr`` and of every message.

    Raises:
        InputError: an empty host, a port out of range, or a sender that is not an address.

    Example:
        >>> smtp = SmtpSettings("mail.example.org", 587, "docs@example.org", username="docs",
        ...                     password="s3cret", starttls=True)
        >>> smtp.where, "s3cret" in repr(smtp)
        ('mail.example.org:587', False)
    """

    host: str
    port: int = 25
    sender: str = "leaktrace@localhost"
    timeout: float = 30.0
    starttls: bool = False
    username: str | None = None
    password: str | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        if not self.host.strip():
            raise InputError("no mail server given; set LEAKTRACE_SMTP_HOST")
        if not 0 < self.port < 65536:
            raise InputError(f"mail server port {self.port} is not a port; use 1 to 65535")
        if not _ADDRESS.fullmatch(self.sender):
            raise InputError(
                f"sender {self.sender!r} is not an email address; set LEAKTRACE_SMTP_SENDER "
                "to one your mail server accepts, such as docs@example.org"
            )

    @property
    def where(self) -> str:
        return f"{self.host}:{self.port}"

    @classmethod
    def from_config(cls, config: SmtpConfig) -> SmtpSettings:
        """The mail settings of the CLI's :class:`~leaktrace.settings.Settings` or the
        service's configuration.

        Raises:
            InputError: no mail server is configured.
        """
        if not config.smtp_host:
            raise InputError(
                "email is not set up: set LEAKTRACE_SMTP_HOST (and LEAKTRACE_SMTP_PORT, "
                "LEAKTRACE_SMTP_SENDER) to your mail server"
            )
        return cls(config.smtp_host, config.smtp_port, config.smtp_sender)


@dataclass(frozen=True)
class DeliveryReport:
    """What an email run did: ``sent`` now, ``failed`` as (recipient id, reason), and
    ``already_sent`` by earlier runs of the same batch.

    Example:
        >>> report = DeliveryReport(4, 2, [("bob", "550 no such user")], 0, "memo", 1)
        >>> report.complete
        False
    """

    batch_id: int
    sent: int
    failed: list[tuple[str, str]]
    already_sent: int
    doc_id: str
    version: int

    @property
    def complete(self) -> bool:
        return not self.failed


def issue_by_email(
    store: Store,
    key: SecretKey,
    doc_id: str,
    targets: Sequence[str],
    smtp: SmtpSettings,
    *,
    fmt: str = "txt",
    actor: str,
) -> DeliveryReport:
    """Issue the latest version of ``doc_id`` to ``targets``, each copy by email to its recipient.

    Every call records a new batch (sending twice is deliberate); to finish a batch that did not
    reach everyone, call :func:`retry_failed`. One SMTP connection serves the whole batch.

    Raises:
        InputError: bad format, or nobody to issue to.
        NotFoundError: unknown document, group or recipient.
        DeliveryError: the mail server cannot be reached; the unsent copies stay pending.
    """
    job = prepare_issue(store, key, doc_id, targets, fmt=fmt, channel=CHANNEL, actor=actor)
    addresses = [(r.number, r.email.strip()) for r in job.recipients]
    store.queue_deliveries(job.batch_id, addresses, channel=CHANNEL, actor=actor)
    sent, failed = _send(store, job, smtp)
    already = len(job.recipients) - len(job.to_write)
    return DeliveryReport(job.batch_id, sent, failed, already, doc_id, job.version.number)


def retry_failed(
    store: Store, key: SecretKey, batch_id: int, smtp: SmtpSettings, *, actor: str
) -> DeliveryReport:
    """Send the copies of an email batch that are still pending or failed, and no others.

    Each goes to the recipient's current address, so fix a wrong one (re-import the
    recipients) before retrying. The copy is rendered exactly as the batch recorded it.

    Raises:
        NotFoundError: no such batch.
        InputError: the batch was not issued by email.
        DeliveryError: the mail server cannot be reached; the unsent copies stay pending.
    """
    batch = store.get_batch(batch_id)
    if batch.channel != CHANNEL:
        raise InputError(
            f"batch {batch_id} was issued by {batch.channel}, not by email; only email "
            "batches can be retried"
        )
    everyone = store.recipients_by_numbers(store.recipients_of_batch(batch_id).tolist())
    # Queueing is idempotent; it fills in rows a run interrupted right after recording missed.
    addresses = [(r.number, r.email.strip()) for r in everyone]
    store.queue_deliveries(batch_id, addresses, channel=CHANNEL, actor=actor)
    undelivered = {d.recipient_number for d in store.undelivered(batch_id)}
    recipients = [r for r in everyone if r.number in undelivered]
    version = store.get_version(batch.version_id)
    plan = IssuePlan(batch_id, tuple(r.number for r in recipients), resumed=True)
    active = json.loads(batch.active_points_json)
    job = IssueJob(store, key, version, plan, recipients, active, batch.format, actor)
    sent, failed = _send(store, job, smtp)
    already = len(everyone) - len(recipients)
    return DeliveryReport(batch_id, sent, failed, already, version.doc_id, version.number)


def deliveries_of(store: Store, batch_id: int) -> list[tuple[str, DeliveryRecord]]:
    """Every delivery of a batch with its recipient's id, by recipient number.

    Raises:
        NotFoundError: no such batch.
    """
    records = store.deliveries(batch_id)
    people = store.recipients_by_numbers([d.recipient_number for d in records])
    return [(p.external_id, d) for p, d in zip(people, records, strict=True)]


def _send(store: Store, job: IssueJob, smtp: SmtpSettings) -> tuple[int, list[tuple[str, str]]]:
    """Send every copy ``job`` still has to release; returns (sent, failed)."""
    sent = 0
    failed: list[tuple[str, str]] = []
    total = len(job.to_write)
    mailer = _Mailer(smtp)
    try:
        for copies in job.chunks():
            for copy in copies:
                recipient = copy.recipient
                address = recipient.email.strip()
                reason = _address_problem(address)
                if reason is None:
                    reason = _send_one(store, job, smtp, mailer, copy, address)
                if reason is None:
                    sent += 1
                    continue
                store.mark_delivery_failed(
                    job.batch_id, recipient.number, address, reason, job.actor
                )
                failed.append((recipient.external_id, reason))
    except _ConnectionLost as lost:
        unsent = len(failed) + (1 if lost.attempted else 0)
        remaining = total - sent - unsent
        raise DeliveryError(
            f"cannot send email through the mail server at {smtp.where} ({lost.reason}); "
            f"of {total} copies in batch {job.batch_id}, {sent} were sent, {unsent} failed "
            f"and {remaining} wait as pending. Nothing was lost: every copy is recorded. "
            "Check the server (LEAKTRACE_SMTP_HOST, LEAKTRACE_SMTP_PORT), then retry: "
            f"leaktrace deliveries {job.batch_id} --retry"
        ) from None
    finally:
        mailer.close()
    return sent, failed


def _send_one(
    store: Store,
    job: IssueJob,
    smtp: SmtpSettings,
    mailer: _Mailer,
    copy: RenderedCopy,
    address: str,
) -> str | None:
    """Send one copy; ``None`` once it is accepted and recorded, else why the server refused it.

    Raises:
        _ConnectionLost: the server cannot be reached or hung up (the copy is recorded as failed
            when it may have been under way).
    """
    recipient = copy.recipient
    message = _message(smtp, job.version, job.fmt, copy, address, store.now())
    mailer.connect()
    try:
        mailer.send(message, address)
    except _REFUSED as error:
        return _refusal(error)
    except (smtplib.SMTPException, OSError) as error:
        reason = f"the connection to {smtp.where} broke: {_describe(error)}"
        store.mark_delivery_failed(job.batch_id, recipient.number, address, reason, job.actor)
        raise _ConnectionLost(_describe(error), attempted=True) from None
    message_id = str(message["Message-ID"])
    location = f"{CHANNEL}:{address}"
    store.mark_delivery_sent(
        job.batch_id, recipient.number, address, message_id, location, job.actor
    )
    return None


class _ConnectionLost(Exception):
    def __init__(self, reason: str, attempted: bool) -> None:
        super().__init__(reason)
        self.reason = reason
        self.attempted = attempted


class _Mailer:
    """One SMTP session, opened on first use and reopened if the server closed it (421)."""

    def __init__(self, smtp: SmtpSettings) -> None:
        self._smtp = smtp
        self._client: smtplib.SMTP | None = None

    def connect(self) -> None:
        if self._client is not None and self._client.sock is not None:
            return
        smtp = self._smtp
        try:
            client = smtplib.SMTP(smtp.host, smtp.port, timeout=smtp.timeout)
        except (smtplib.SMTPException, OSError) as error:
            raise _ConnectionLost(_describe(error), attempted=False) from None
        try:
            if smtp.starttls:
                client.starttls(context=ssl.create_default_context())
            if smtp.username is not None:
                client.login(smtp.username, smtp.password or "")
        except smtplib.SMTPAuthenticationError:
            client.close()
            raise _ConnectionLost(
                f"it refused the user name or password of {smtp.username!r}", attempted=False
            ) from None
        except (smtplib.SMTPException, OSError, ssl.SSLError) as error:
            client.close()
            raise _ConnectionLost(_describe(error), attempted=False) from None
        self._client = client

    def send(self, message: EmailMessage, address: str) -> None:
        assert self._client is not None
        self._client.send_message(message, from_addr=self._smtp.sender, to_addrs=[address])

    def close(self) -> None:
        if self._client is None:
            return
        try:
            self._client.quit()
        except (smtplib.SMTPException, OSError):
            self._client.close()
        self._client = None


def _message(
    smtp: SmtpSettings,
    version: VersionRecord,
    fmt: str,
    copy: RenderedCopy,
    address: str,
    now: datetime,
) -> EmailMessage:
    title = _one_line(version.title) or version.doc_id
    filename = f"{_UNSAFE.sub('_', version.doc_id).strip('._') or 'document'}.{fmt}"
    message = EmailMessage(policy=email.policy.default)
    message["Subject"] = f"Your copy: {title}"
    message["From"] = smtp.sender
    message["To"] = formataddr((_one_line(copy.recipient.name), address))
    message["Date"] = format_datetime(now)
    message["Message-ID"] = make_msgid(domain=smtp.sender.rpartition("@")[2])
    message.set_content(_note(copy.recipient, title, filename))
    if fmt in _SUBTYPES:
        message.add_attachment(
            copy.data,
            maintype="text",
            subtype=_SUBTYPES[fmt],
            filename=filename,
            params={"charset": "utf-8"},
        )
    else:
        maintype, _, subtype = MEDIA_TYPES[fmt].partition("/")
        message.add_attachment(copy.data, maintype=maintype, subtype=subtype, filename=filename)
    message.policy = _SENDING_POLICY
    return message


def _note(recipient: Recipient, title: str, filename: str) -> str:
    greeting = f"Dear {_one_line(recipient.name)}," if recipient.name.strip() else "Hello,"
    return (
        f"{greeting}\n\n"
        f"Attached as {filename} is your copy of\n\n    {title}\n\n"
        "It was issued to you personally and is confidential: please do not\n"
        "forward it or share its text.\n"
    )


def _address_problem(address: str) -> str | None:
    if not address:
        return "the recipient has no email address; add one and retry"
    if not _ADDRESS.fullmatch(address):
        return f"{address!r} is not an email address; correct it and retry"
    return None


def _refusal(error: Exception) -> str:
    """The server's answer, as one short line (``550 5.1.1 no such user``)."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        answers: Iterable[tuple[int, bytes | str]] = error.recipients.values()
        text = "; ".join(f"{code} {_text(reply)}" for code, reply in answers)
    elif isinstance(error, smtplib.SMTPResponseException):
        text = f"{error.smtp_code} {_text(error.smtp_error)}"
    else:
        text = str(error)
    return _one_line(f"the mail server refused it: {text}")[:_REASON_CHARS]


def _describe(error: BaseException) -> str:
    if isinstance(error, smtplib.SMTPResponseException):
        return _one_line(f"{error.smtp_code} {_text(error.smtp_error)}")[:_REASON_CHARS]
    if isinstance(error, TimeoutError):
        return "timed out"
    if isinstance(error, OSError) and error.strerror:
        return error.strerror.lower()
    return _one_line(str(error))[:_REASON_CHARS] or type(error).__name__


def _text(reply: bytes | str) -> str:
    return reply.decode("utf-8", "replace") if isinstance(reply, bytes) else reply


def _one_line(text: str) -> str:
    return " ".join(text.split())
