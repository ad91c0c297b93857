"""The account and audit commands as a user runs them: users, tokens, audit verify, serve."""

from __future__ import annotations

import json
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from postgres import free_port
from test_cli import Cli

PASSWORD = "correct horse battery\n"


@pytest.fixture
def cli(tmp_path: Path) -> Cli:
    cli = Cli(tmp_path)
    cli("init")
    return cli


def test_users_are_created_listed_changed_and_disabled(cli: Cli) -> None:
    cli("users", "add", "ann", "--role", "author,investigator", "--name", "Ann Smith",
        "--password-stdin", stdin=PASSWORD)  # fmt: skip
    listed = cli("users", "list").stdout
    assert "Ann Smith" in listed and "author, investigator" in listed
    cli("users", "roles", "ann", "-r", "auditor")
    cli("users", "disable", "ann")
    listed = cli("users", "list").stdout
    assert "auditor" in listed and "disabled" in listed and "investigator" not in listed
    assert "Traceback" not in cli("users", "roles", "nobody", "-r", "auditor", code=1).stderr


def test_bad_user_input_gets_a_clear_error(cli: Cli) -> None:
    short = cli("users", "add", "ann", "-r", "author", "--password-stdin", code=1, stdin="short\n")
    assert "at least 12 characters" in short.stderr
    role = cli("users", "add", "ann", "-r", "wizard", "--password-stdin", code=1, stdin=PASSWORD)
    assert "unknown role 'wizard'" in role.stderr
    reader = cli("users", "add", "rita", "-r", "reader", "--password-stdin", code=1, stdin=PASSWORD)
    assert "tied to a recipient" in reader.stderr
    no_tty = cli("users", "add", "ann", "-r", "author", code=1)
    assert "--password-stdin" in no_tty.stderr
    assert "0 users" in cli("users", "list").stdout


def test_a_token_is_printed_once_listed_by_prefix_and_revoked(cli: Cli) -> None:
    cli("users", "add", "ann", "-r", "investigator", "--password-stdin", stdin=PASSWORD)
    made = cli("tokens", "create", "ann", "laptop")
    token = made.stdout.strip()
    assert token.startswith("lt_") and "shown once" in made.stderr
    listed = cli("tokens", "list").stdout
    assert token[:10] in listed and token not in listed and "active" in listed
    assert token not in cli("audit", "--limit", "100").stdout
    cli("tokens", "revoke", "1")
    assert "revoked" in cli("tokens", "list", "ann").stdout


def test_audit_verify_passes_then_fails_after_tampering(cli: Cli) -> None:
    cli("users", "add", "ann", "-r", "author", "--password-stdin", stdin=PASSWORD)
    report = json.loads(cli("audit", "verify", "--json").stdout)
    assert report["intact"] and report["entries"] == 2 and report["problems"] == []
    head = f"{report['head']['seq']}:{report['head']['hash']}"
    assert "Intact" in cli("audit", "verify", "--expect", head).stdout
    assert "user.create" in cli("audit").stdout
    database = sqlite3.connect(cli.tmp / "ws" / "leaktrace.db", isolation_level=None)
    database.execute("DROP TRIGGER audit_log_no_update")
    database.execute("UPDATE audit_log SET actor = 'mallory' WHERE seq = 2")
    database.close()
    broken = cli("audit", "verify", code=1)
    assert "tampered" in broken.stdout and "changed after it was written" in broken.stdout
    assert "is not a head" in cli("audit", "verify", "--expect", "nonsense", code=1).stderr


def test_serve_creates_the_first_admin_once_and_answers_on_loopback(cli: Cli) -> None:
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "leaktrace", "serve", "--port", str(port)],
        env=cli.env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/health") as response:
                    assert json.loads(response.read())["status"] == "ok"
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise
                time.sleep(0.2)
    finally:
        server.terminate()
        out, err = server.communicate(timeout=30)
    assert "Sign in as admin with password" in out and "shown once" in out
    assert "Traceback" not in err
    users = cli("users", "list").stdout
    assert "admin" in users and "Administrator" in users
    # A second start (here onto a port already taken) makes no other admin, shows no password.
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        again = subprocess.run(
            [sys.executable, "-m", "leaktrace", "serve", "--port", str(taken.getsockname()[1])],
            env=cli.env, capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL,
        )  # fmt: skip
    assert again.returncode != 0 and "password" not in again.stdout
    assert "address already in use" in again.stderr.lower()
    assert cli("users", "list").stdout.count("admin") == 2  # username and role, one user
