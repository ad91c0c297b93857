"""Rich renderings of library results for the terminal: tables a person can read.

Kept apart from :mod:`leaktrace.cli` so that the CLI stays a thin adapter and the demo can show
results the same way.
"""

from __future__ import annotations

import collections
import json
import math
import re
from collections.abc import Sequence

from rich.console import Console, Group
from rich.markup import escape
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from leaktrace.delivery import DeliveryReport
from leaktrace.documents import AddedDocument, PointView
from leaktrace.issuing import IssueReport
from leaktrace.model import Recipient, TraceResult, Verdict
from leaktrace.store.records import (
    AuditEntry,
    DeliveryRecord,
    DocumentRecord,
    TraceRecord,
    VersionRecord,
)

_VERDICT_STYLE = {
    Verdict.IDENTIFIED: ("IDENTIFIED", "bold white on red"),
    Verdict.NARROWED: ("NARROWED", "bold black on yellow"),
    Verdict.NO_MATCH: ("NO MATCH", "bold white on blue"),
}


def one_in(log10_probability: float) -> str:
    """A probability as "1 in N" a person can read."""
    if log10_probability >= -0.0001:
        return "1 in 1"
    exponent = -log10_probability
    if exponent >= 12:
        return f"1 in 10^{exponent:.0f}"
    value = 10**exponent
    for size, word in ((1e9, "billion"), (1e6, "million")):
        if value >= size:
            return f"1 in {value / size:,.1f} {word}"
    return f"1 in {value:,.0f}"


def print_recipients(console: Console, recipients: Sequence[Recipient]) -> None:
    table = Table(title=f"{len(recipients)} recipients", title_justify="left")
    for column in ("id", "name", "email", "groups"):
        table.add_column(column)
    for r in recipients:
        table.add_row(r.external_id, r.name, r.email, ", ".join(r.groups))
    console.print(table)


def print_documents(console: Console, documents: Sequence[DocumentRecord]) -> None:
    table = Table(title=f"{len(documents)} documents", title_justify="left")
    for column in ("id", "title", "versions", "latest", "variety", "added"):
        table.add_column(column)
    for d in documents:
        latest = d.latest
        table.add_row(
            d.doc_id,
            d.title,
            str(len(d.versions)),
            f"v{latest.number}",
            latest.variety,
            latest.created.strftime("%Y-%m-%d %H:%M"),
        )
    console.print(table)


def print_traces(console: Console, records: Sequence[TraceRecord]) -> None:
    table = Table(title=f"{len(records)} recorded traces", title_justify="left")
    for column in ("id", "when (UTC)", "input", "sha256", "verdict", "accused"):
        table.add_column(column)
    for record in records:
        accused = ", ".join(json.loads(record.result_json).get("accused", []))
        table.add_row(
            str(record.id),
            record.created.strftime("%Y-%m-%d %H:%M:%S"),
            record.input_name,
            record.input_sha256[:12] + "…",
            record.verdict,
            accused,
        )
    console.print(table)
    console.print("Show one with [bold]leaktrace traces --show N[/bold].")


def print_stored_trace(console: Console, record: TraceRecord) -> None:
    data = json.loads(record.result_json)
    label, style = _VERDICT_STYLE[Verdict(record.verdict)]
    console.print(
        Panel(
            Text.assemble((f" {label} ", style), "  ", data.get("explanation", "")),
            title=f"trace {record.id} of {record.input_name}, "
            f"{record.created:%Y-%m-%d %H:%M:%S} UTC, by {record.actor}",
            title_align="left",
        )
    )
    console.print(f"input sha256 {record.input_sha256}")
    for document in data.get("documents", []):
        console.print(
            f"[bold]{document['document']}[/bold] v{document['version']}: "
            f"{len(document['passages'])} passage(s), {document['points_read']} point(s) read"
            + (
                f", {document['layout_points_read']} layout mark(s) read from the page"
                if document.get("layout_points_read")
                else ""
            )
        )
    for c in data.get("candidates", [])[:5]:
        console.print(
            f"  {c['recipient']:>12}  {c['points_matching']}/{c['points_read']}  "
            f"{one_in(c['log10_false_accusation'])}"
        )


def print_audit(console: Console, entries: Sequence[AuditEntry]) -> None:
    table = Table(title=f"audit log: {len(entries)} entries", title_justify="left")
    for column in ("#", "when (UTC)", "actor", "action", "subject", "details"):
        table.add_column(column)
    for entry in entries:
        table.add_row(
            str(entry.id),
            entry.at.strftime("%Y-%m-%d %H:%M:%S"),
            entry.actor,
            entry.action,
            entry.subject,
            entry.details_json if entry.details_json != "{}" else "",
        )
    console.print(table)


def print_added(console: Console, added: AddedDocument) -> None:
    version = added.version
    console.print(
        f"[green]Added[/green] [bold]{version.doc_id}[/bold] version {version.number} "
        f"({added.words:,} words, {version.variety}): {len(added.points)} variation points, "
        f"{100 * len(added.points) / max(added.words, 1):.1f} per 100 words"
    )
    kinds = collections.Counter(p.kind for p in added.points)
    options: collections.Counter[str] = collections.Counter()
    for p in added.points:
        options[p.kind] += p.option_count
    table = Table(title_justify="left")
    table.add_column("kind")
    table.add_column("points", justify="right")
    table.add_column("avg options", justify="right")
    table.add_column("example")
    for kind, count in kinds.most_common():
        example = next(p for p in added.points if p.kind == kind)
        table.add_row(kind, str(count), f"{options[kind] / count:.2f}", " / ".join(example.labels))
    console.print(table)
    console.print(f"Review them with [bold]leaktrace points {version.doc_id}[/bold].")


def print_points(console: Console, version: VersionRecord, views: Sequence[PointView]) -> None:
    """Every point in context: the author's wording in bold, the other options after it."""
    table = Table(
        title=f"{version.doc_id} v{version.number}: {len(views)} variation points "
        "(author's wording in bold)",
        title_justify="left",
    )
    table.add_column("#", justify="right")
    table.add_column("kind")
    table.add_column("in context", ratio=1)
    for view in views:
        point = view.point
        occ = point.occurrences[0]
        line = Text("…" + _squash(view.before[-40:]), style="dim")
        line.append(" [" if not view.before.endswith(" ") else "[")
        for index, rendering in enumerate(occ.renderings):
            if index:
                line.append(" | ")
            shown = rendering.strip() or "∅"
            line.append(shown, style="bold" if index == point.original else "cyan")
        line.append("]")
        line.append(_squash(view.after[:40]) + "…", style="dim")
        kind = point.kind
        if len(point.occurrences) > 1:
            kind += f" ×{len(point.occurrences)}"
        if view.vetoed:
            kind += " [red](vetoed)[/red]"
        table.add_row(str(view.number), kind, line)
    console.print(table)
    console.print(
        "∅ = nothing. A convention (×N) is one choice kept at every place it shows. "
        "Veto a point with [bold]--veto N[/bold]; restore it with [bold]--restore N[/bold]."
    )


def print_issue(console: Console, report: IssueReport) -> None:
    resumed = " (resumed an interrupted run)" if report.resumed else ""
    console.print(
        f"[green]Issued[/green] {report.doc_id} v{report.version} to {report.recipients} "
        f"recipients{resumed}: {report.written} copies written to {report.out_dir} "
        f"(batch {report.batch_id}, {report.points_active} active variation points"
        + (f" and {report.layout_marks} layout marks" if report.layout_marks else "")
        + ")."
    )


def print_delivery(console: Console, report: DeliveryReport) -> None:
    """An email run: one summary line, then a table of the recipients it could not reach."""
    earlier = f", {report.already_sent} sent earlier" if report.already_sent else ""
    colour = "green" if report.complete else "yellow"
    console.print(
        f"[{colour}]Emailed[/{colour}] {report.doc_id} v{report.version} (batch "
        f"{report.batch_id}): {report.sent} sent, {len(report.failed)} failed{earlier}."
    )
    if report.complete:
        return
    table = Table(title=f"{len(report.failed)} not delivered", title_justify="left")
    table.add_column("recipient")
    table.add_column("reason")
    for external_id, reason in report.failed:
        table.add_row(escape(external_id), escape(reason))
    console.print(table)
    console.print(
        f"Fix the addresses or the server, then: leaktrace deliveries {report.batch_id} --retry"
    )


def print_deliveries(
    console: Console, batch_id: int, rows: Sequence[tuple[str, DeliveryRecord]]
) -> None:
    counts = collections.Counter(d.status for _, d in rows)
    summary = ", ".join(f"{counts[s]} {s}" for s in ("sent", "failed", "pending") if counts[s])
    table = Table(title=f"batch {batch_id}: {summary or 'no deliveries'}", title_justify="left")
    for column in ("recipient", "address", "status", "attempts", "last error", "updated"):
        table.add_column(column)
    for external_id, d in rows:
        style = {"sent": "green", "failed": "red"}.get(d.status, "yellow")
        table.add_row(
            escape(external_id),
            escape(d.address),
            f"[{style}]{d.status}[/{style}]",
            str(d.attempts),
            escape(d.last_error or ""),
            d.updated.strftime("%Y-%m-%d %H:%M:%S"),
        )
    console.print(table)


def print_trace(console: Console, result: TraceResult, text: str) -> None:
    label, style = _VERDICT_STYLE[result.verdict]
    headline = Text.assemble((f" {label} ", style), "  ", result.explanation)
    console.print(Panel(headline, title=f"trace of {result.source}", title_align="left"))
    for document in result.documents:
        console.print(
            f"[bold]{document.document_id}[/bold] v{document.version} — {document.title} "
            f"({document.recipients} recipients): {len(document.passages)} passage(s), "
            f"{document.points_read} point(s) read"
            + (
                f", {document.layout_points_read} layout mark(s) read from the page"
                if document.layout_points_read
                else ""
            )
        )
        for number, passage in enumerate(document.passages, start=1):
            shown = Text(f"  {number}. ")
            cursor = passage.input_start
            for reading in sorted(passage.readings, key=lambda r: r.input_start):
                if reading.input_start < cursor:
                    continue
                shown.append(_squash(text[cursor : reading.input_start]))
                marked = _squash(text[reading.input_start : reading.input_end]) or "^"
                shown.append(marked, style="bold green" if reading.compatible else "yellow")
                cursor = reading.input_end
            shown.append(_squash(text[cursor : passage.input_end]))
            console.print(Group(shown))
        if any(p.readings for p in document.passages):
            table = Table(title="variation points read", title_justify="left")
            table.add_column("#", justify="right")
            table.add_column("kind")
            table.add_column("observed in the leak")
            table.add_column("point", style="dim")
            number = 0
            for passage in document.passages:
                for reading in passage.readings:
                    number += 1
                    observed = (
                        f"[green]{reading.label}[/green]"
                        if reading.compatible
                        else "[yellow]unreadable (cut, glossed or retyped)[/yellow]"
                    )
                    table.add_row(str(number), reading.kind, observed, reading.point_key)
            console.print(table)
    if result.candidates and any(c.points_read for c in result.candidates):
        table = Table(title="best candidates", title_justify="left")
        table.add_column("#", justify="right")
        table.add_column("recipient")
        table.add_column("name")
        table.add_column("matching", justify="right")
        table.add_column("chance an innocent matches as well")
        table.add_column("")
        threshold = math.log10(result.level)
        for rank, c in enumerate(result.candidates[:5], start=1):
            accused = c.recipient in result.accused
            table.add_row(
                str(rank),
                c.recipient,
                c.name,
                f"{c.points_matching}/{c.points_read}",
                one_in(c.log10_false_accusation),
                "[bold red]named[/bold red]"
                if accused and c.log10_false_accusation <= threshold
                else "",
            )
        console.print(table)


def _squash(text: str) -> str:
    """Collapse whitespace runs to one space, keeping a space at either end if there was one."""
    return re.sub(r"\s+", " ", text)
