"""The ``leaktrace`` command: a thin Typer + Rich layer over the library.

Each command parses its input, calls one library function and formats the result. Errors are
translated in exactly one place (:func:`main`): a :class:`LeaktraceError` prints one red line and
exits 1; usage errors exit 2.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from leaktrace import __version__
from leaktrace.cli_cases import case_app, ledger_command, report_command
from leaktrace.cli_service import audit_app, serve, tokens_app, users_app
from leaktrace.delivery import SmtpSettings, deliveries_of, issue_by_email, retry_failed
from leaktrace.documents import add_alternative, add_document, point_views, set_vetoes
from leaktrace.errors import LeaktraceError, TooLargeError
from leaktrace.issuing import issue as issue_copies
from leaktrace.jsonout import trace_to_dict
from leaktrace.settings import Settings
from leaktrace.store.csvimport import read_recipients_csv
from leaktrace.tracing import StoreSource, trace_file, trace_input
from leaktrace.views import (
    print_added,
    print_deliveries,
    print_delivery,
    print_documents,
    print_issue,
    print_points,
    print_recipients,
    print_stored_trace,
    print_trace,
    print_traces,
)
from leaktrace.workspace import Workspace, init_workspace, open_workspace

app = typer.Typer(
    name="leaktrace",
    help="Give every recipient a unique copy of a confidential document; trace leaks to the copy.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
recipients_app = typer.Typer(help="Manage the people who receive copies.", no_args_is_help=True)
app.add_typer(recipients_app, name="recipients")
app.add_typer(users_app, name="users")
app.add_typer(tokens_app, name="tokens")
app.add_typer(audit_app, name="audit")
app.add_typer(case_app, name="case")
app.command("ledger")(ledger_command)
app.command("report")(report_command)

console = Console(highlight=False)
err_console = Console(stderr=True, highlight=False)


def _settings() -> Settings:
    return Settings.from_env(os.environ)


def _open() -> Workspace:
    settings = _settings()
    return open_workspace(
        settings.home, key_file=settings.key_file, database_url=settings.database_url
    )


@app.command()
def init() -> None:
    """Create a workspace: a database in $LEAKTRACE_HOME and a secret key kept apart from it."""
    settings = _settings()
    workspace = init_workspace(
        settings.home, key_file=settings.key_file, database_url=settings.database_url
    )
    console.print(f"[green]Created workspace[/green] {workspace.home}")
    console.print(
        f"Secret key: {workspace.key_file} (permissions 0600, kept outside the workspace)"
    )
    console.print(
        "[yellow]Back up the key file separately from the database.[/yellow] Without it no copy "
        "can be traced; with it anyone could forge or predict copies."
    )


@recipients_app.command("import")
def recipients_import(
    csv_file: Annotated[Path, typer.Argument(help="CSV with columns id,name,email[,groups].")],
) -> None:
    """Add recipients from a CSV file; re-importing updates them, never duplicates."""
    workspace = _open()
    rows = read_recipients_csv(csv_file, max_bytes=_settings().max_input_bytes)
    counts = workspace.store.upsert_recipients(rows, actor="cli")
    console.print(
        f"Imported {len(rows)} recipients: [green]{counts.created} new[/green], "
        f"{counts.updated} updated, {len(rows) - counts.created - counts.updated} unchanged."
    )


@recipients_app.command("list")
def recipients_list(
    group: Annotated[str | None, typer.Option(help="Only members of this group.")] = None,
    search: Annotated[
        str | None, typer.Option(help="Only ids, names or emails containing this.")
    ] = None,
) -> None:
    """List recipients."""
    print_recipients(console, _open().store.list_recipients(group=group, search=search))


@app.command()
def add(
    file: Annotated[
        Path, typer.Argument(help="The document: .txt, .md, .docx, .pdf, .html or .eml.")
    ],
    doc_id: Annotated[
        str | None, typer.Option("--id", help="Document id (default: file name).")
    ] = None,
    title: Annotated[str | None, typer.Option(help="Title (default: from the document).")] = None,
    fix: Annotated[
        list[str] | None,
        typer.Option(help="A phrase every copy must keep exactly (repeatable)."),
    ] = None,
) -> None:
    """Register a document and find its variation points."""
    workspace = _open()
    added = add_document(
        workspace.store,
        file,
        doc_id=doc_id,
        title=title,
        fixed=fix or (),
        max_bytes=_settings().max_input_bytes,
    )
    print_added(console, added)


@app.command()
def documents() -> None:
    """List registered documents with their versions."""
    print_documents(console, _open().store.list_documents())


@app.command()
def points(
    doc_id: Annotated[str, typer.Argument(help="Document id.")],
    veto: Annotated[list[int] | None, typer.Option(help="Veto point N (repeatable).")] = None,
    restore: Annotated[list[int] | None, typer.Option(help="Restore vetoed point N.")] = None,
    kind: Annotated[str | None, typer.Option(help="Only points of this kind.")] = None,
    alternative: Annotated[
        list[str] | None,
        typer.Option(
            help='Add your own point: "PHRASE=ALTERNATIVE[|ALTERNATIVE...]" (repeatable).'
        ),
    ] = None,
) -> None:
    """Show every variation point in context with its options; veto, restore or add points."""
    workspace = _open()
    for spec in alternative or []:
        phrase, sep, rest = spec.partition("=")
        if not sep:
            raise typer.BadParameter('write --alternative "PHRASE=ALTERNATIVE|ALTERNATIVE"')
        added = add_alternative(workspace.store, doc_id, phrase, rest.split("|"))
        console.print(f"Added point {added.key}: {' / '.join(added.labels)}")
    if veto:
        for view in set_vetoes(workspace.store, doc_id, veto, True):
            console.print(
                f"Vetoed point {view.number} ({view.point.kind}: {' / '.join(view.point.labels)})"
            )
    if restore:
        for view in set_vetoes(workspace.store, doc_id, restore, False):
            console.print(f"Restored point {view.number}")
    version, views = point_views(workspace.store, doc_id)
    if kind:
        views = [v for v in views if v.point.kind == kind]
    if not (veto or restore or alternative):
        print_points(console, version, views)


@app.command()
def issue(
    doc_id: Annotated[str, typer.Argument(help="Document id.")],
    to: Annotated[
        list[str], typer.Option("--to", help="all, a group, or recipient ids (repeatable).")
    ],
    out: Annotated[
        Path | None, typer.Option(help="Folder for the copies: OUT/<recipient-id>.<ext>.")
    ] = None,
    email: Annotated[
        bool,
        typer.Option(
            "--email",
            help="Instead of --out, email each recipient their copy through "
            "$LEAKTRACE_SMTP_HOST; exits 1 if any could not be sent.",
        ),
    ] = False,
    fmt: Annotated[
        str,
        typer.Option(
            "--format",
            help="txt, md, docx (keeps the author's Word formatting), pdf (typeset, with the "
            "invisible layout marks) or html (the same typeset pages, for a browser).",
        ),
    ] = "txt",
    visible_mark: Annotated[
        bool,
        typer.Option(
            "--visible-mark/--no-visible-mark",
            help="PDF and HTML: print 'Copy N — issued to NAME, DATE' at the foot of each page (a "
            "deterrent; tracing never depends on it).",
        ),
    ] = True,
) -> None:
    """Issue a unique copy of a document to each recipient (recorded before it is written)."""
    if (out is None) == (not email):
        raise typer.BadParameter("give either --out FOLDER or --email (not both)")
    workspace = _open()
    targets = [t for value in to for t in value.split(",") if t]
    if email:
        smtp = SmtpSettings.from_config(_settings())
        store, key = workspace.store, workspace.key
        sent = issue_by_email(store, key, doc_id, targets, smtp, fmt=fmt, actor="cli")
        print_delivery(console, sent)
        if not sent.complete:
            raise typer.Exit(1)
        return
    assert out is not None
    with _progress() as progress:
        task = progress.add_task("Writing copies", total=None)
        report = issue_copies(
            workspace.store,
            workspace.key,
            doc_id,
            targets,
            out,
            fmt=fmt,
            visible_mark=visible_mark,
            progress=lambda done, total: progress.update(task, completed=done, total=total),
        )
    print_issue(console, report)


@app.command()
def deliveries(
    batch: Annotated[int, typer.Argument(help="Batch number, as `leaktrace issue` printed it.")],
    retry: Annotated[
        bool,
        typer.Option(
            "--retry",
            help="Send the pending and failed copies again (never those already sent); "
            "exits 1 if any still fail.",
        ),
    ] = False,
) -> None:
    """Show how each copy of an email batch went out, or retry the ones not delivered."""
    workspace = _open()
    if not retry:
        print_deliveries(console, batch, deliveries_of(workspace.store, batch))
        return
    smtp = SmtpSettings.from_config(_settings())
    report = retry_failed(workspace.store, workspace.key, batch, smtp, actor="cli")
    print_delivery(console, report)
    if not report.complete:
        raise typer.Exit(1)


@app.command()
def trace(
    files: Annotated[
        list[Path], typer.Argument(help="What surfaced: extracts, articles, emails; - reads stdin.")
    ],
    as_json: Annotated[
        bool, typer.Option("--json", help="One JSON object per file, per line.")
    ] = False,
    level: Annotated[
        float | None, typer.Option(help="Name someone only below this false-accusation chance.")
    ] = None,
) -> None:
    """Trace leaked text to the documents it quotes and, if the evidence allows, to a recipient."""
    workspace = _open()
    chosen = level if level is not None else _settings().level
    if not 0 < chosen < 1:
        raise typer.BadParameter("--level must be between 0 and 1, e.g. 1e-6")
    source = StoreSource(workspace.store)
    limit = _settings().max_input_bytes
    for path in files:
        if str(path) == "-":
            text = sys.stdin.read(limit + 1)
            if len(text.encode("utf-8")) > limit:
                raise TooLargeError(f"standard input is over the limit of {limit:,} bytes")
            traced = trace_input(
                workspace.store, workspace.key, text, "<stdin>", level=chosen, source=source
            )
        else:
            traced = trace_file(
                workspace.store, workspace.key, path, level=chosen, max_bytes=limit, source=source
            )
        if as_json:
            sys.stdout.write(json.dumps(trace_to_dict(traced.result, traced.text)) + "\n")
        else:
            print_trace(console, traced.result, traced.text)


@app.command()
def traces(
    show: Annotated[int | None, typer.Option(help="Show the stored result of trace N.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="With --show: the stored JSON.")] = False,
    limit: Annotated[int, typer.Option(min=1, help="How many recent traces to list.")] = 50,
) -> None:
    """List recorded traces, or show one exactly as it was recorded."""
    store = _open().store
    if show is None:
        print_traces(console, store.list_traces(limit))
        return
    record = store.get_trace(show)
    if as_json:
        sys.stdout.write(record.result_json + "\n")
    else:
        print_stored_trace(console, record)


@app.command()
def demo(
    recipients: Annotated[int, typer.Option(help="How many made-up recipients.")] = 300,
    seed: Annotated[int, typer.Option(help="Random seed of the story.")] = 2019,
) -> None:
    """The whole story on a temporary workspace: mark, issue, leak, trace."""
    from leaktrace.demo import run_demo

    run_demo(console, recipients=recipients, seed=seed)


@app.command()
def version() -> None:
    """Print the version."""
    console.print(__version__)


app.command()(serve)


def _progress() -> Progress:
    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err_console,
        transient=True,
    )


def main() -> None:
    """Entry point: run the app, translating leaktrace errors into one red line and exit 1.

    Usage errors are reported by Typer itself (exit 2).
    """
    try:
        app(prog_name="leaktrace")
    except LeaktraceError as error:
        err_console.print(f"[red]Error:[/red] {error}")
        sys.exit(1)
