"""Load benchmark of the JSON API: concurrent clients tracing extracts of issued copies.

A benchmark, not a test. On a temporary workspace it issues a corpus document to 10,000
recipients (published to the reader portal: recorded and released, nothing written to disk),
starts the service with uvicorn on loopback, and has 50 concurrent clients POST 200-word
extracts of issued copies to ``/api/traces`` until ``--requests`` traces are done. It reports
throughput, latency percentiles, errors, and whether each trace named the right recipient.

Usage:
    python bench/load.py [--requests 1000] [--clients 50] [--recipients 10000]
                         [--words 200] [--document NAME] [--database-url URL] [--label NAME]

Without ``--database-url`` the workspace uses SQLite; give a PostgreSQL URL to measure that.
Writes bench/results/load.md and load.json (one entry per label, so SQLite and PostgreSQL runs
sit side by side). Reads ../shared/corpus (benchmarks may; tests never do).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import random
import socket
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import httpx
import uvicorn

from leaktrace.accounts import hash_password, issue_api_token
from leaktrace.documents import add_document_text
from leaktrace.issuing import publish_to_portal, render_copy
from leaktrace.service import ServiceConfig, create_app
from leaktrace.workspace import init_workspace

HERE = Path(__file__).resolve().parent
CORPUS = HERE.parent.parent / "shared" / "corpus"
RESULTS = HERE / "results"
TARGET_P99_MS = 500.0


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(q / 100 * len(ordered)) - 1))
    return ordered[index]


def _extracts(
    workspace: Any, batch_id: int, numbers: list[int], words: int, count: int, seed: int
) -> list[tuple[str, str]]:
    """``count`` (extract, recipient id) pairs: ``words`` consecutive words of issued copies."""
    rng = random.Random(seed)
    store = workspace.store
    chosen = rng.sample(numbers, min(count, len(numbers)))
    ids = {r.number: r.external_id for r in store.recipients_by_numbers(chosen)}
    pairs = []
    for number in chosen:
        text = render_copy(store, workspace.key, batch_id, number).split()
        start = rng.randrange(0, max(1, len(text) - words))
        pairs.append((" ".join(text[start : start + words]), ids[number]))
    return pairs


async def _load(
    url: str, token: str, extracts: list[tuple[str, str]], requests: int, clients: int
) -> dict[str, Any]:
    latencies: list[float] = []
    outcomes = {"right": 0, "wrong": 0, "unnamed": 0, "in_candidates": 0, "errors": 0}
    error_samples: list[str] = []
    counter = iter(range(requests))
    headers = {"Authorization": f"Bearer {token}"}
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)

    async def client(session: httpx.AsyncClient) -> None:
        for i in counter:
            text, expected = extracts[i % len(extracts)]
            began = time.perf_counter()
            try:
                response = await session.post(
                    "/api/traces", json={"text": text, "name": f"extract-{i}"}, headers=headers
                )
            except httpx.HTTPError as error:
                outcomes["errors"] += 1
                error_samples.append(repr(error))
                continue
            latencies.append(time.perf_counter() - began)
            if response.status_code != 201:
                outcomes["errors"] += 1
                error_samples.append(f"{response.status_code} {response.text[:200]}")
                continue
            result = response.json()
            accused = result["accused"]
            key = "right" if accused == [expected] else "wrong" if accused else "unnamed"
            outcomes[key] += 1
            outcomes["in_candidates"] += expected in [c["recipient"] for c in result["candidates"]]

    async with httpx.AsyncClient(base_url=url, limits=limits, timeout=120) as session:
        began = time.perf_counter()
        await asyncio.gather(*(client(session) for _ in range(clients)))
        elapsed = time.perf_counter() - began
    ms = [1000 * x for x in latencies]
    return {
        "requests": requests,
        "seconds": round(elapsed, 2),
        "throughput_per_s": round(requests / elapsed, 1),
        "p50_ms": round(_percentile(ms, 50), 1),
        "p95_ms": round(_percentile(ms, 95), 1),
        "p99_ms": round(_percentile(ms, 99), 1),
        "max_ms": round(max(ms), 1),
        "mean_ms": round(statistics.fmean(ms), 1),
        **outcomes,
        "error_samples": error_samples[:5],
    }


def run(args: argparse.Namespace) -> dict[str, Any]:
    document = CORPUS / args.document
    with tempfile.TemporaryDirectory(prefix="leaktrace-load-") as folder:
        root = Path(folder)
        workspace = init_workspace(
            root / "ws", key_file=root / "keys" / "ws.key", database_url=args.database_url
        )
        store = workspace.store
        began = time.perf_counter()
        numbers = store.bulk_add_recipients(args.recipients, prefix="r")
        add_document_text(store, document.read_text(encoding="utf-8"), document.name, doc_id="doc")
        report = publish_to_portal(store, workspace.key, "doc", ["all"], actor="bench")
        setup_s = time.perf_counter() - began
        user = store.create_user("bench", "Bench", hash_password("bench password 1234"), ["admin"])
        token = issue_api_token(store, user, "load").secret
        extracts = _extracts(workspace, report.batch_id, numbers, args.words, 200, args.seed)

        config = ServiceConfig(home=workspace.home, key_file=workspace.key_file)
        app = create_app(config, workspace)
        port = _free_port()
        server = uvicorn.Server(
            uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="on")
        )
        thread = threading.Thread(target=server.run, daemon=True)
        thread.start()
        while not server.started:
            time.sleep(0.05)
        try:
            url = f"http://127.0.0.1:{port}"
            asyncio.run(_load(url, token, extracts, min(20, args.requests), args.clients))  # warm
            result = asyncio.run(_load(url, token, extracts, args.requests, args.clients))
        finally:
            server.should_exit = True
            thread.join(timeout=30)
            workspace.close()
    return {
        "label": args.label,
        "database": "postgresql" if args.database_url else "sqlite",
        "document": args.document,
        "recipients": args.recipients,
        "clients": args.clients,
        "words": args.words,
        "distinct_extracts": len(extracts),
        "setup_s": round(setup_s, 1),
        "server": "uvicorn, 1 process, handlers in its thread pool",
        **result,
        "target_p99_ms": TARGET_P99_MS,
        "meets_target": result["p99_ms"] < TARGET_P99_MS and result["errors"] == 0,
        "machine": f"{platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}",
        "command": "python bench/load.py " + " ".join(sys.argv[1:]),
    }


def write(entry: dict[str, Any]) -> None:
    RESULTS.mkdir(exist_ok=True)
    path = RESULTS / "load.json"
    runs = json.loads(path.read_text()) if path.exists() else {}
    runs[entry["label"]] = entry
    path.write_text(json.dumps(runs, indent=2) + "\n")
    lines = [
        "# Load: concurrent traces through the JSON API",
        "",
        "`bench/load.py`: a corpus document issued to N recipients, the service under uvicorn on",
        "loopback, concurrent clients POSTing extracts of issued copies to `/api/traces` (each",
        "trace is recorded with its audit entry, as in real use). Target (issue 4): p99 under",
        f"{TARGET_P99_MS:.0f} ms with 50 clients, 200-word extracts, 10,000 recipients, no errors.",
        "",
        "| run | database | recipients | clients | requests | throughput/s | p50 ms | p95 ms "
        "| p99 ms | errors | right | wrong | unnamed | leaker in candidates | meets target |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for run in runs.values():
        lines.append(
            f"| {run['label']} | {run['database']} | {run['recipients']:,} | {run['clients']} "
            f"| {run['requests']} | {run['throughput_per_s']} | {run['p50_ms']} | {run['p95_ms']} "
            f"| {run['p99_ms']} | {run['errors']} | {run['right']} | {run['wrong']} "
            f"| {run['unnamed']} | {run['in_candidates']} "
            f"| {'yes' if run['meets_target'] else 'no'} |"
        )
    lines += ["", "Commands and machines:", ""]
    lines += [f"- {r['label']}: `{r['command']}` on {r['machine']}" for r in runs.values()]
    lines += [
        "",
        "`right`: the trace named exactly the recipient whose copy the extract came from; "
        "`wrong`: it named anyone else (must be 0); `unnamed`: no one was named (the extract "
        "did not carry enough evidence at the default level); `leaker in candidates`: the true "
        "recipient was among the (at most 10) best candidates listed.",
        "",
    ]
    (RESULTS / "load.md").write_text("\n".join(lines))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=1000)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--recipients", type=int, default=10_000)
    parser.add_argument("--words", type=int, default=200)
    parser.add_argument("--document", default="board-paper-project-heron.md")
    parser.add_argument("--database-url", default=None)
    parser.add_argument("--label", default=None)
    parser.add_argument("--seed", type=int, default=4)
    parser.add_argument(
        "--postgres", action="store_true", help="Start a throwaway PostgreSQL cluster and use it."
    )
    args = parser.parse_args()
    if args.postgres:
        sys.path.insert(0, str(HERE.parent / "tests"))
        from postgres import cluster, fresh_database

        with cluster() as server:
            args.database_url = fresh_database(server, "load")
            args.label = args.label or "postgresql"
            entry = run(args)
    else:
        args.label = args.label or ("postgresql" if args.database_url else "sqlite")
        entry = run(args)
    write(entry)
    print(json.dumps(entry, indent=2))


if __name__ == "__main__":
    main()
