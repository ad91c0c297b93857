"""Two service processes on one PostgreSQL database, issuing and tracing at the same time.

What an organisation runs: several ``leaktrace serve`` workers behind one address, one database.
The test starts two real server processes on loopback and sends them interleaved issue and
trace requests from many threads, then checks that nothing was lost or duplicated: one batch
per request, one copy per recipient per batch, one stored trace per trace request, and an audit
chain with every entry in one unbroken order.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
import time
import zipfile
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest

from leaktrace import accounts
from leaktrace.accounts import Role
from leaktrace.store import RecipientRow
from leaktrace.workspace import init_workspace
from support import sample_text

GROUPS = ("board", "legal", "press")
PER_GROUP = 8


def _wait_until_up(process: subprocess.Popen[str], base: str) -> None:
    deadline = time.monotonic() + 60
    while True:
        try:
            if httpx.get(f"{base}/api/health", timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            raise RuntimeError(f"the server did not start: {process.communicate()[1][-2000:]}")
        time.sleep(0.2)


@pytest.fixture
def two_workers(
    tmp_path: Path, key_file: Path, postgres_server: str
) -> Iterator[tuple[list[str], str]]:
    from postgres import free_port, fresh_database

    url = fresh_database(postgres_server, f"workers_{os.getpid()}")
    home = tmp_path / "ws"
    with init_workspace(home, key_file=key_file, database_url=url) as workspace:
        store = workspace.store
        store.upsert_recipients(
            [
                RecipientRow(f"{group}-{i}", f"{group.title()} {i}", f"{group}{i}@example.org",
                             (group,))
                for group in GROUPS
                for i in range(PER_GROUP)
            ]
        )  # fmt: skip
        admin = accounts.create_user(store, "admin", "Admin", "correct horse battery", {Role.ADMIN})
        token = accounts.issue_api_token(store, admin, "test").secret
        source = tmp_path / "cable.md"
        source.write_text(sample_text(), encoding="utf-8")
        from leaktrace.documents import add_document

        add_document(store, source, doc_id="cable")
    env = dict(os.environ)
    env.update(
        LEAKTRACE_HOME=str(home), LEAKTRACE_KEY_FILE=str(key_file), LEAKTRACE_DATABASE_URL=url
    )
    servers, bases = [], []
    try:
        for _ in range(2):
            port = free_port()
            servers.append(
                subprocess.Popen(
                    [sys.executable, "-m", "leaktrace", "serve", "--port", str(port)],
                    env=env,
                    stdin=subprocess.DEVNULL,
                    stdout=subprocess.PIPE,
                    stderr=subprocess.PIPE,
                    text=True,
                )
            )
            bases.append(f"http://127.0.0.1:{port}")
        for server, base in zip(servers, bases, strict=True):
            _wait_until_up(server, base)
        yield bases, token
    finally:
        for server in servers:
            server.terminate()
            server.communicate(timeout=30)


def test_two_workers_issue_and_trace_concurrently_without_losing_or_duplicating(
    two_workers: tuple[list[str], str], tmp_path: Path, key_file: Path
) -> None:
    bases, token = two_workers
    headers = {"Authorization": f"Bearer {token}"}

    def issue(i: int) -> tuple[int, dict[str, str]]:
        group = GROUPS[i % len(GROUPS)]
        response = httpx.post(
            f"{bases[i % 2]}/api/issues/zip",
            json={"document": "cable", "to": [group]},
            headers=headers,
            timeout=120,
        )
        assert response.status_code == 200, response.text
        with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
            copies = {name: archive.read(name).decode() for name in archive.namelist()}
        return int(response.headers["X-Leaktrace-Batch"]), copies

    # A first batch gives copies to leak; then issues and traces run together on both workers.
    _, first = issue(0)
    leaks = sorted(first.items())[:6]

    def trace(i: int) -> tuple[str, dict[str, object]]:
        name, text = leaks[i % len(leaks)]
        response = httpx.post(
            f"{bases[(i + 1) % 2]}/api/traces",
            json={"text": text, "name": name},
            headers=headers,
            timeout=120,
        )
        assert response.status_code == 201, response.text
        return name.removesuffix(".txt"), response.json()

    issues_requested, traces_requested = 12, 12
    with ThreadPoolExecutor(max_workers=8) as pool:
        issued = [pool.submit(issue, i) for i in range(1, issues_requested + 1)]
        traced = [pool.submit(trace, i) for i in range(traces_requested)]
        batches = [f.result() for f in issued]
        traces = [f.result() for f in traced]

    batch_ids = [batch_id for batch_id, _ in batches]
    assert len(set(batch_ids)) == issues_requested  # one new batch per request, none merged
    for batch_id, copies in batches:
        assert len(copies) == PER_GROUP
        status = httpx.get(f"{bases[0]}/api/issues/{batch_id}", headers=headers, timeout=30)
        assert status.status_code == 200, status.text
        body = status.json()
        assert body["batch"]["recipients"] == PER_GROUP
        assert body["batch"]["released"] == PER_GROUP
    for leaked_by, result in traces:
        assert result["verdict"] == "identified", result
        assert result["accused"] == [leaked_by]

    stored = httpx.get(f"{bases[1]}/api/traces", params={"limit": 100}, headers=headers)
    assert stored.status_code == 200
    assert len(stored.json()) == traces_requested
    chain = httpx.get(f"{bases[0]}/api/audit/verify", headers=headers, timeout=60).json()
    assert chain["intact"], chain["problems"]
    audit = httpx.get(
        f"{bases[0]}/api/audit", params={"action": "issue.record", "limit": 1000}, headers=headers
    ).json()
    assert len(audit) == issues_requested + 1
