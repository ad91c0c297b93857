"""The ``leaktrace`` commands for running the service and for its accounts and audit trail.

``serve`` runs the web app and API; ``users`` and ``tokens`` manage who may sign in (the same
operations an admin has in the web app); ``audit`` lists the log and ``audit verify`` checks its
hash chain. They are registered on the main app in :mod:`leaktrace.cli`.
"""

from __future__ import annotations

import getpass
import ipaddress
import json
import os
import secrets
import sys
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from leaktrace import accounts
from leaktrace.errors import InputError
from leaktrace.settings import Settings
from leaktrace.store import Store
from leaktrace.views import print_audit
from leaktrace.workspace import Workspace, open_workspace

console = Console(highlight=False)
err_console = Console(stderr=True, highlight=False)
CLI_ACTOR = "cli"

users_app = typer.Typer(help="Manage who may sign in to the service, and their roles.")
tokens_app = typer.Typer(help="Manage API tokens (shown once, stored only as hashes).")
audit_app = typer.Typer(
    help="The append-only, hash-chained audit log: list it, or verify it.",
    invoke_without_command=True,
)


def _open() -> Workspace:
    settings = Settings.from_env(os.environ)
    return open_workspace(
        settings.home, key_file=settings.key_file, database_url=settings.database_url
    )


def _read_password(from_stdin: bool, prompt: str = "Password") -> str:
    if from_stdin:
        password = sys.stdin.readline().rstrip("\n")
    elif sys.stdin.isatty():
        password = getpass.getpass(f"{prompt}: ")
        if getpass.getpass("Again: ") != password:
            raise InputError("the two passwords differ; nothing was changed")
    else:
        raise InputError("no terminal to ask for the password: pipe it in with --password-stdin")
    accounts.check_password(password)
    return password


# -- serve -------------------------------------------------------------------------------------


def serve(
    host: Annotated[str, typer.Option(help="Address to listen on (loopback by default).")] = (
        "127.0.0.1"
    ),
    port: Annotated[int, typer.Option(min=1, max=65535, help="TCP port.")] = 8000,
    workers: Annotated[
        int, typer.Option(min=1, max=64, help="Worker processes (PostgreSQL for more than 1).")
    ] = 1,
) -> None:
    """Run the web app and the JSON API (docs at /api/docs)."""
    import uvicorn

    with _open() as workspace:
        _ensure_first_admin(workspace.store)
        if workers > 1 and workspace.store.url.startswith("sqlite"):
            err_console.print(
                "[yellow]Several workers on SQLite serialise every write; point "
                "LEAKTRACE_DATABASE_URL at PostgreSQL for an organisation.[/yellow]"
            )
    if not _is_loopback(host):
        err_console.print(
            f"[yellow]Listening on {host}: anyone who can reach this address can try to sign "
            "in. Put leaktrace behind HTTPS (a reverse proxy) and set "
            "LEAKTRACE_SECURE_COOKIES=1.[/yellow]"
        )
    console.print(f"leaktrace serving on http://{host}:{port}/  (API docs: /api/docs)")
    uvicorn.run(
        "leaktrace.service.app:app_from_environment",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        log_level="warning",
        proxy_headers=False,
    )


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _ensure_first_admin(store: Store) -> None:
    """On a workspace with no users, create the first admin (asked for, or made and shown once)."""
    if store.count_users():
        return
    if sys.stdin.isatty():
        console.print("No users yet: create the first admin.")
        username = accounts.check_username(typer.prompt("Username", default="admin"))
        password = _read_password(False)
        accounts.create_user(
            store, username, username, password, {accounts.Role.ADMIN}, actor=CLI_ACTOR
        )
        console.print(f"[green]Created admin[/green] {username}")
        return
    password = secrets.token_urlsafe(18)
    accounts.create_user(
        store, "admin", "Administrator", password, {accounts.Role.ADMIN}, actor=CLI_ACTOR
    )
    console.print(
        "[green]Created the first admin.[/green] Sign in as [bold]admin[/bold] with password "
        f"[bold]{password}[/bold]\nThis is shown once: change it after signing in (Account page)."
    )


# -- users ------------------------------------------------------------------------------------


@users_app.command("add")
def users_add(
    username: Annotated[str, typer.Argument(help="Sign-in name (lowercase).")],
    role: Annotated[
        list[str],
        typer.Option(
            "--role",
            "-r",
            help="admin, author, distributor, investigator, auditor or reader (repeat or comma-"
            "separate).",
        ),
    ],
    name: Annotated[str | None, typer.Option(help="Display name.")] = None,
    recipient: Annotated[
        str | None, typer.Option(help="For a reader: the recipient id whose copies they read.")
    ] = None,
    password_stdin: Annotated[
        bool, typer.Option("--password-stdin", help="Read the password from standard input.")
    ] = False,
) -> None:
    """Create a user (asks for the password twice)."""
    roles = accounts.parse_roles(role)
    with _open() as workspace:
        number = None
        if recipient is not None:
            number = workspace.store.recipient_numbers_by_external_id([recipient])[recipient]
        password = _read_password(password_stdin)
        user = accounts.create_user(
            workspace.store, username, name or username, password, roles, number, actor=CLI_ACTOR
        )
    console.print(f"[green]Created[/green] {user.username} ({', '.join(sorted(user.roles))})")


@users_app.command("list")
def users_list() -> None:
    """Every user, their roles and state."""
    with _open() as workspace:
        users = workspace.store.list_users()
    table = Table(title=f"{len(users)} users", title_justify="left")
    for column in ("username", "name", "roles", "recipient", "state", "created (UTC)"):
        table.add_column(column)
    for user in users:
        state = "disabled" if user.disabled else "active"
        table.add_row(
            user.username,
            user.display_name,
            ", ".join(sorted(user.roles)),
            "" if user.recipient_number is None else str(user.recipient_number),
            state,
            f"{user.created:%Y-%m-%d %H:%M}",
        )
    console.print(table)


@users_app.command("roles")
def users_roles(
    username: str,
    role: Annotated[list[str], typer.Option("--role", "-r", help="The complete new set.")],
) -> None:
    """Replace a user's roles."""
    roles = accounts.parse_roles(role)
    with _open() as workspace:
        user = workspace.store.update_user(
            username, roles=[r.value for r in roles], actor=CLI_ACTOR
        )
    console.print(f"{user.username}: {', '.join(sorted(user.roles))}")


@users_app.command("disable")
def users_disable(username: str) -> None:
    """Stop a user signing in (their sessions end; their tokens stop working)."""
    with _open() as workspace:
        workspace.store.update_user(username, disabled=True, actor=CLI_ACTOR)
    console.print(f"Disabled {username}")


@users_app.command("enable")
def users_enable(username: str) -> None:
    """Let a disabled user sign in again."""
    with _open() as workspace:
        workspace.store.update_user(username, disabled=False, actor=CLI_ACTOR)
    console.print(f"Enabled {username}")


@users_app.command("password")
def users_password(
    username: str,
    password_stdin: Annotated[
        bool, typer.Option("--password-stdin", help="Read the password from standard input.")
    ] = False,
) -> None:
    """Set a new password (ends the user's sessions and any lock-out)."""
    password = _read_password(password_stdin, "New password")
    with _open() as workspace:
        workspace.store.get_user(username)
        workspace.store.update_user(
            username, password_hash=accounts.hash_password(password), actor=CLI_ACTOR
        )
    console.print(f"New password set for {username}")


# -- tokens -----------------------------------------------------------------------------------


@tokens_app.command("create")
def tokens_create(
    username: Annotated[str, typer.Argument(help="Whose token (it acts with their roles).")],
    name: Annotated[str, typer.Argument(help="What it is for, e.g. 'ci' or 'laptop'.")],
) -> None:
    """Create an API token and print it once."""
    with _open() as workspace:
        user = workspace.store.get_user(username)
        new = accounts.issue_api_token(workspace.store, user, name, actor=CLI_ACTOR)
    err_console.print(
        f"Token {new.record.id} for {user.username} ({name}). It is shown once; store it now:"
    )
    sys.stdout.write(new.secret + "\n")


@tokens_app.command("list")
def tokens_list(
    username: Annotated[str | None, typer.Argument(help="Only this user's tokens.")] = None,
) -> None:
    """API tokens (their first characters only)."""
    with _open() as workspace:
        user_id = workspace.store.get_user(username).id if username else None
        tokens = workspace.store.list_api_tokens(user_id)
    table = Table(title=f"{len(tokens)} API tokens", title_justify="left")
    for column in ("id", "user", "name", "starts with", "created", "last used", "state"):
        table.add_column(column)
    for token in tokens:
        table.add_row(
            str(token.id),
            token.username,
            token.name,
            token.prefix + "…",
            f"{token.created:%Y-%m-%d %H:%M}",
            f"{token.last_used:%Y-%m-%d %H:%M}" if token.last_used else "never",
            "revoked" if token.revoked else "active",
        )
    console.print(table)


@tokens_app.command("revoke")
def tokens_revoke(token_id: int) -> None:
    """Revoke a token: it stops working at once."""
    with _open() as workspace:
        record = workspace.store.revoke_api_token(token_id, actor=CLI_ACTOR)
    console.print(f"Revoked token {record.id} ({record.username}, {record.name})")


# -- audit ------------------------------------------------------------------------------------


@audit_app.callback()
def audit(
    ctx: typer.Context,
    limit: Annotated[int, typer.Option(min=1, help="How many recent entries.")] = 50,
    action: Annotated[str | None, typer.Option(help="Only this action, e.g. trace.record.")] = None,
) -> None:
    """Show the append-only audit log: who did what, when. `audit verify` checks its chain."""
    if ctx.invoked_subcommand is not None:
        return
    with _open() as workspace:
        print_audit(console, workspace.store.audit_entries(action=action, limit=limit))


@audit_app.command("verify")
def audit_verify(
    expect: Annotated[
        str | None,
        typer.Option(
            help="A head recorded earlier, as SEQ:HASH (what this command printed then): it "
            "must still be in the chain."
        ),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
) -> None:
    """Check every entry's hash and link; exit 1 if anything was changed, deleted or reordered."""
    expected = _parse_head(expect) if expect else None
    with _open() as workspace:
        report = workspace.store.verify_audit(expected)
    if as_json:
        sys.stdout.write(
            json.dumps(
                {
                    "intact": report.intact,
                    "entries": report.entries,
                    "head": {"seq": report.head_seq, "hash": report.head_hash},
                    "problems": list(report.problems),
                }
            )
            + "\n"
        )
    elif report.intact:
        console.print(
            f"[green]Intact:[/green] {report.entries:,} entries, every hash and link checks out."
        )
        console.print(
            f"Head: [bold]{report.head_seq}:{report.head_hash}[/bold]\nRecord this head "
            "somewhere the database's administrators cannot write; later, "
            "`leaktrace audit verify --expect <head>` proves nothing before it was rewritten."
        )
    else:
        console.print(
            f"[red]The audit log was tampered with[/red] ({len(report.problems)} problems):"
        )
        for problem in report.problems[:50]:
            console.print(f"  • {problem}")
        if len(report.problems) > 50:
            console.print(f"  … and {len(report.problems) - 50} more")
    if not report.intact:
        raise typer.Exit(1)


def _parse_head(text: str) -> tuple[int, str]:
    seq, _, digest = text.partition(":")
    if not seq.isdigit() or len(digest) != 64:
        raise InputError(
            f"--expect {text!r} is not a head: give SEQ:HASH as `leaktrace audit verify` prints it"
        )
    return int(seq), digest.lower()
