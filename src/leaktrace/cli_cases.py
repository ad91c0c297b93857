"""The ``leaktrace`` commands for investigations: ``case``, ``ledger`` and ``report``.

Each command parses its input, calls one library function (:mod:`leaktrace.cases`,
:mod:`leaktrace.ledger`, :mod:`leaktrace.report`) and prints the result. The command line acts
as :data:`leaktrace.cases.CLI_ACTOR`. They are registered on the main app in :mod:`leaktrace.cli`.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from leaktrace import cases, ledger, report
from leaktrace.errors import InputError, OutputError
from leaktrace.settings import Settings
from leaktrace.workspace import Workspace, open_workspace

console = Console(highlight=False)
case_app = typer.Typer(
    help="Investigations: gather what surfaced, keep its custody, score it all together.",
    no_args_is_help=True,
)
_STYLE = {
    "identified": ("IDENTIFIED", "bold white on red"),
    "narrowed": ("NARROWED", "bold black on yellow"),
    "inconclusive": ("INCONCLUSIVE", "bold white on blue"),
    "no_match": ("NO MATCH", "bold white on blue"),
}


def _settings() -> Settings:
    return Settings.from_env(os.environ)


def _open() -> Workspace:
    settings = _settings()
    return open_workspace(
        settings.home, key_file=settings.key_file, database_url=settings.database_url
    )


@case_app.command("new")
def case_new(
    name: Annotated[str, typer.Argument(help="A short name, e.g. cables-2026.")],
    purpose: Annotated[str, typer.Option(help="What the investigation is for.")],
    authorised_by: Annotated[
        str, typer.Option("--authorised-by", help="Who authorised it (name, role).")
    ],
) -> None:
    """Open a case, recording its purpose and who authorised it."""
    record = cases.open_case(
        _open().store, name, purpose=purpose, authorised_by=authorised_by, actor=cases.CLI_ACTOR
    )
    console.print(
        f"[green]Opened case[/green] [bold]{escape(record.name)}[/bold] "
        f"(authorised by {escape(record.authorised_by)}). "
        f"Add what surfaced with [bold]leaktrace case add {escape(record.name)} FILE[/bold]."
    )


@case_app.command("add")
def case_add(
    case: Annotated[str, typer.Argument(help="The case's name.")],
    files: Annotated[
        list[Path],
        typer.Argument(
            help="What surfaced: text, .docx, .pdf, .html, .eml, or a picture of a page "
            "(.png, .jpg, .tiff)."
        ),
    ],
    source: Annotated[
        str | None, typer.Option(help="Where it surfaced: a URL (for every file given).")
    ] = None,
    note: Annotated[
        str | None, typer.Option(help="Where it surfaced, in words (instead of --source).")
    ] = None,
) -> None:
    """Add items to a case: each is traced, stored with its custody, and the verdict re-scored."""
    if (source is None) == (note is None):
        raise typer.BadParameter("say where the items surfaced: --source URL or --note TEXT")
    provenance = source if source is not None else f"note: {note}"
    workspace = _open()
    settings = _settings()
    for path in files:
        added = cases.add_file(
            workspace.store,
            workspace.key,
            case,
            path,
            source=provenance,
            actor=cases.CLI_ACTOR,
            level=settings.level,
            max_bytes=settings.max_input_bytes,
        )
        item = added.item
        console.print(
            f"[green]Added[/green] item {item.seq} {escape(item.input_name)} "
            f"(sha256 {item.content_sha256[:16]}…): on its own {added.own.verdict.value}."
        )
        _print_verdict(json.loads(workspace.store.case_verdicts(case)[-1].result_json), case)


@case_app.command("show")
def case_show(
    case: Annotated[str, typer.Argument(help="The case's name.")],
    as_json: Annotated[bool, typer.Option("--json", help="Everything as one JSON object.")] = False,
) -> None:
    """Show a case: its items with their custody, the current verdict and its history."""
    view = cases.show_case(_open().store, case, actor=cases.CLI_ACTOR)
    if as_json:
        sys.stdout.write(json.dumps(_case_json(view)) + "\n")
        return
    record = view.case
    console.print(
        f"[bold]Case {escape(record.name)}[/bold] ({record.status}), opened "
        f"{record.created:%Y-%m-%d %H:%M:%S} UTC by {escape(record.created_by)}"
    )
    console.print(f"Purpose: {escape(record.purpose)}")
    console.print(f"Authorised by: {escape(record.authorised_by)}")
    console.print(f"Investigators: {escape(', '.join(record.investigators))}")
    table = Table(title=f"{len(view.items)} item(s) and their custody", title_justify="left")
    for column in ("#", "item", "sha256", "source", "added by", "when (UTC)", "on its own"):
        table.add_column(column)
    for item in view.items:
        own = json.loads(item.trace_result_json)
        table.add_row(
            str(item.seq),
            escape(item.input_name),
            item.content_sha256,
            escape(item.source),
            escape(item.added_by),
            f"{item.added:%Y-%m-%d %H:%M:%S}",
            own.get("verdict", ""),
        )
    console.print(table)
    if view.current is None:
        console.print(f"No item yet: [bold]leaktrace case add {escape(case)} FILE[/bold].")
        return
    _print_verdict(json.loads(view.current.result_json), case)
    history = Table(title="verdict history", title_justify="left")
    for column in ("after item", "when (UTC)", "verdict", "named"):
        history.add_column(column)
    for verdict in view.verdicts:
        accused = json.loads(verdict.result_json).get("accused", [])
        history.add_row(
            str(verdict.after_seq),
            f"{verdict.at:%Y-%m-%d %H:%M:%S}",
            verdict.verdict,
            escape(", ".join(accused)),
        )
    console.print(history)


@case_app.command("list")
def case_list() -> None:
    """List the cases."""
    found = cases.list_cases(_open().store, actor=cases.CLI_ACTOR)
    table = Table(title=f"{len(found)} case(s)", title_justify="left")
    for column in ("name", "status", "items", "opened (UTC)", "authorised by", "investigators"):
        table.add_column(column)
    for record in found:
        table.add_row(
            escape(record.name),
            record.status,
            str(record.items),
            f"{record.created:%Y-%m-%d %H:%M}",
            escape(record.authorised_by),
            escape(", ".join(record.investigators)),
        )
    console.print(table)


@case_app.command("assign")
def case_assign(
    case: Annotated[str, typer.Argument(help="The case's name.")],
    user: Annotated[str, typer.Argument(help="A user with the investigator role.")],
) -> None:
    """Give an investigator access to a case."""
    added = cases.assign(_open().store, case, user, actor=cases.CLI_ACTOR)
    state = "[green]Assigned[/green]" if added else "Already assigned:"
    console.print(f"{state} {escape(user)} to case {escape(case)}.")


@case_app.command("verify")
def case_verify(case: Annotated[str, typer.Argument(help="The case's name.")]) -> None:
    """Reproduce every verdict of a case from its stored items and the key; exit 1 if any differ."""
    workspace = _open()
    result = cases.verify_case(workspace.store, workspace.key, case, actor=cases.CLI_ACTOR)
    if result.reproduced:
        console.print(
            f"[green]Reproduced[/green]: all {result.verdicts_checked} verdict(s) of case "
            f"{escape(case)} follow from its stored items and the key."
        )
        return
    for problem in result.mismatches:
        console.print(f"[red]Differs[/red]: {escape(problem)}")
    raise typer.Exit(1)


def ledger_command(
    doc_id: Annotated[
        str | None, typer.Argument(help="Only this document (default: every document).")
    ] = None,
    out: Annotated[
        Path | None, typer.Option(help="Write the CSV here (default: print it).")
    ] = None,
) -> None:
    """Export the distribution ledger as CSV: who received which version, when, by which channel."""
    store = _open().store
    if out is None:
        sys.stdout.write(ledger.ledger_csv(store, doc_id))
        return
    count = ledger.write_ledger(store, out, doc_id)
    console.print(f"[green]Wrote[/green] {count} issued copies to {escape(str(out))}.")


def report_command(
    case: Annotated[str | None, typer.Argument(help="The case to report on.")] = None,
    trace: Annotated[
        int | None, typer.Option("--trace", help="Report on recorded trace N instead.")
    ] = None,
    fmt: Annotated[str, typer.Option("--format", help="html or pdf.")] = "html",
    out: Annotated[Path | None, typer.Option(help="Where to write the report.")] = None,
    verify: Annotated[
        Path | None, typer.Option("--verify", help="Check the self-hash of a report file.")
    ] = None,
) -> None:
    """Write the evidence report of a case (or of one trace) for a tribunal, as HTML or PDF."""
    if verify is not None:
        _verify(verify)
        return
    if (case is None) == (trace is None):
        raise typer.BadParameter("give either a CASE or --trace N (not both)")
    if fmt not in report.FORMATS:
        raise typer.BadParameter("--format must be html or pdf")
    workspace = _open()
    if trace is not None:
        built = report.trace_report(workspace.store, workspace.key, trace)
        default = Path(f"trace-{trace}.{fmt}")
    else:
        assert case is not None
        built = report.case_report(workspace.store, workspace.key, case, actor=cases.CLI_ACTOR)
        default = Path(f"{case}.{fmt}")
    data = report.render(built, fmt)
    target = out or default
    try:
        target.write_bytes(data)
    except OSError as error:
        raise OutputError(
            f"cannot write {target} ({error.strerror}); choose another --out"
        ) from None
    digest = report.stated_hash(data)
    workspace.store.audit(
        cases.CLI_ACTOR.name,
        "report.export",
        built.subject,
        {"format": fmt, "sha256": digest, "grade": built.grade},
    )
    console.print(
        f"[green]Wrote[/green] {escape(str(target))}: {report.GRADES[built.grade].lower()}; "
        f"report SHA-256 {digest}."
    )


def _verify(path: Path) -> None:
    try:
        data = path.read_bytes()
    except OSError as error:
        raise InputError(f"cannot read {path} ({error.strerror})") from None
    stated = report.stated_hash(data)
    if stated is None:
        raise InputError(f"{path} states no report hash; is it a leaktrace evidence report?")
    if not report.verify_report_hash(data):
        console.print(f"[red]Altered[/red]: {escape(str(path))} does not match its stated hash.")
        raise typer.Exit(1)
    console.print(f"[green]Intact[/green]: {escape(str(path))} matches its hash {stated}.")


def _print_verdict(data: dict[str, Any], case: str) -> None:
    graded = report.grade(data)
    label, style = _STYLE[graded]
    items = len(data.get("items", [])) or 1
    console.print(
        Panel(
            Text.assemble((f" {label} ", style), "  ", data.get("explanation", "")),
            title=f"case {case}: all {items} item(s) together",
            title_align="left",
        )
    )
    candidates = data.get("candidates", [])[:5]
    if candidates and any(c["points_read"] for c in candidates):
        table = Table(title="best candidates", title_justify="left")
        for column in ("#", "recipient", "name", "matching", "chance an innocent matches as well"):
            table.add_column(column)
        for rank, c in enumerate(candidates, start=1):
            table.add_row(
                str(rank),
                escape(c["recipient"]),
                escape(c["name"]),
                f"{c['points_matching']}/{c['points_read']}",
                report.one_in(c["log10_false_accusation"]),
            )
        console.print(table)


def _case_json(view: cases.CaseView) -> dict[str, Any]:
    record = view.case
    return {
        "schema": "leaktrace.case/1",
        "name": record.name,
        "status": record.status,
        "purpose": record.purpose,
        "authorised_by": record.authorised_by,
        "created_by": record.created_by,
        "created_at": record.created.isoformat(),
        "investigators": list(record.investigators),
        "items": [
            {
                "seq": i.seq,
                "name": i.input_name,
                "sha256": i.content_sha256,
                "source": i.source,
                "added_by": i.added_by,
                "added_at": i.added.isoformat(),
                "result": json.loads(i.trace_result_json),
            }
            for i in view.items
        ],
        "verdict": view.current_result(),
        "history": [
            {
                "after_item": v.after_seq,
                "at": v.at.isoformat(),
                "verdict": v.verdict,
                "accused": json.loads(v.result_json).get("accused", []),
            }
            for v in view.verdicts
        ],
    }
