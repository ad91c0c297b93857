"""End-to-end: ``leaktrace case``, ``ledger`` and ``report`` as a user runs them."""

from __future__ import annotations

import csv
import io
import json

import pytest
from pypdf import PdfReader
from test_cli import Cli, ready  # noqa: F401  (the module-scoped workspace fixture)


@pytest.fixture(scope="module")
def case(ready: Cli) -> Cli:  # noqa: F811
    ready("case", "new", "cables", "--purpose", "Cable in the press", "--authorised-by", "Chair")
    return ready


def test_cli_case_add_show_and_verify(case: Cli) -> None:
    done = case("case", "add", "cables", str(case.tmp / "copies" / "bob.txt"), "--source",
                "https://news.example/a")  # fmt: skip
    assert "Added item 1 bob.txt" in done.stdout
    assert "IDENTIFIED" in done.stdout
    shown = json.loads(case("case", "show", "cables", "--json").stdout)
    assert shown["verdict"]["accused"] == ["bob"]
    (item,) = shown["items"]
    assert (item["source"], item["added_by"]) == ("https://news.example/a", "cli")
    assert item["sha256"] in case("case", "show", "cables").stdout
    assert "Reproduced" in case("case", "verify", "cables").stdout
    assert "cables" in case("case", "list").stdout


def test_cli_case_bad_input_is_refused_and_case_unchanged(case: Cli) -> None:
    before = case("case", "show", "cables", "--json").stdout
    empty = case.file("empty.txt", "  \n")
    binary = case.file("blob.txt", b"\x00\x01\x02")
    assert "empty" in case("case", "add", "cables", empty, "--note", "x", code=1).stderr
    assert "binary" in case("case", "add", "cables", binary, "--note", "x", code=1).stderr
    missing = case("case", "add", "cables", str(case.tmp / "nope.txt"), "--note", "x", code=1)
    assert "does not exist" in missing.stderr
    unknown = case("case", "add", "nocase", empty, "--note", "x", code=1)
    assert "no case named 'nocase'" in unknown.stderr
    dup = case("case", "new", "cables", "--purpose", "p", "--authorised-by", "q", code=1)
    assert "already exists" in dup.stderr
    case("case", "add", "cables", empty, code=2)
    assert "no user called 'zed'" in case("case", "assign", "cables", "zed", code=1).stderr
    assert case("case", "show", "cables", "--json").stdout == before


def test_cli_report_html_pdf_and_verify(case: Cli) -> None:
    if not json.loads(case("case", "show", "cables", "--json").stdout)["items"]:
        case("case", "add", "cables", str(case.tmp / "copies" / "bob.txt"), "--note", "n")
    html = case.tmp / "cables.html"
    pdf = case.tmp / "cables.pdf"
    assert "identified" in case("report", "cables", "--format", "html", "--out", str(html)).stdout
    case("report", "cables", "--format", "pdf", "--out", str(pdf))
    assert "Bob Jones (bob)" in html.read_text(encoding="utf-8")
    text = " ".join(
        page.extract_text() or "" for page in PdfReader(io.BytesIO(pdf.read_bytes())).pages
    )
    assert "Bob Jones (bob)" in " ".join(text.split())
    assert "Intact" in case("report", "--verify", str(pdf)).stdout
    tampered = case.file("tampered.html", html.read_text(encoding="utf-8").replace("Bob", "Rob"))
    assert "Altered" in case("report", "--verify", tampered, code=1).stdout
    trace_json = json.loads(case("trace", "--json", str(case.tmp / "copies" / "carol.txt")).stdout)
    assert trace_json["accused"] == ["carol"]
    out = case.tmp / "trace.html"
    case("report", "--trace", "1", "--out", str(out))  # the module's first trace
    assert "Carol" in out.read_text(encoding="utf-8")
    assert case("report", code=2).returncode == 2


def test_cli_ledger_csv(case: Cli) -> None:
    out = case.tmp / "ledger.csv"
    assert "issued copies" in case("ledger", "cable", "--out", str(out)).stdout
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert {r["recipient_id"] for r in rows} >= {"alice", "bob", "carol"}
    assert all(r["channel"] and r["recorded_at"] for r in rows)
    assert "no document 'nope'" in case("ledger", "nope", code=1).stderr
