"""End-to-end: the ``leaktrace`` command as a user runs it, in a subprocess."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from support import sample_text

STAFF = (
    "id,name,email,groups\n"
    "alice,Alice Smith,alice@example.org,board\n"
    "bob,Bob Jones,bob@example.org,board;legal\n"
    "carol,Carol Wu,carol@example.org,legal\n"
)


class Cli:
    def __init__(self, tmp_path: Path) -> None:
        self.env = dict(os.environ)
        self.env["LEAKTRACE_HOME"] = str(tmp_path / "ws")
        self.env["XDG_CONFIG_HOME"] = str(tmp_path / "config")
        self.env["COLUMNS"] = "200"
        self.tmp = tmp_path

    def __call__(
        self, *args: str, code: int = 0, stdin: str | None = None
    ) -> subprocess.CompletedProcess[str]:
        done = subprocess.run(
            [sys.executable, "-m", "leaktrace", *args],
            env=self.env,
            capture_output=True,
            text=True,
            timeout=120,
            input=stdin if stdin is not None else "",
        )
        assert done.returncode == code, (done.stdout, done.stderr)
        assert "Traceback" not in done.stderr
        return done

    def file(self, name: str, text: str | bytes) -> str:
        path = self.tmp / name
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
        return str(path)


@pytest.fixture(scope="module")
def ready(tmp_path_factory: pytest.TempPathFactory) -> Cli:
    """A workspace with three recipients, the sample document, and copies issued to all."""
    cli = Cli(tmp_path_factory.mktemp("cli"))
    cli("init")
    cli("recipients", "import", cli.file("staff.csv", STAFF))
    cli("add", cli.file("cable.md", sample_text()), "--id", "cable")
    cli("issue", "cable", "--to", "all", "--out", str(cli.tmp / "copies"))
    return cli


def test_cli_without_workspace_says_to_init(tmp_path: Path) -> None:
    done = Cli(tmp_path)("recipients", "list", code=1)
    assert "leaktrace init" in done.stderr


def test_cli_init_twice_is_refused(ready: Cli) -> None:
    done = ready("init", code=1)
    assert "already exists" in done.stderr


def test_cli_reimport_updates_without_duplicates(ready: Cli) -> None:
    changed = STAFF.replace("Carol Wu", "Carol Wu-Smith")
    done = ready("recipients", "import", ready.file("staff2.csv", changed))
    assert "0 new, 1 updated" in done.stdout
    listing = ready("recipients", "list").stdout
    assert listing.count("carol@example.org") == 1
    assert "Wu-Smith" in listing


def test_cli_malformed_csv_is_refused_and_store_unchanged(ready: Cli) -> None:
    before = ready("recipients", "list").stdout
    bad = "id,name,email\ndave,Dave,dave@example.org\n,No Id,x@example.org\n"
    done = ready("recipients", "import", ready.file("bad.csv", bad), code=1)
    assert "row 3" in done.stderr or "line 3" in done.stderr
    assert ready("recipients", "list").stdout == before


def test_cli_add_reports_points(ready: Cli) -> None:
    done = ready(
        "add", ready.file("memo.md", sample_text().replace("HALLORAN", "H.")), "--id", "memo"
    )
    assert "Added memo version 1" in done.stdout
    assert "variation points" in done.stdout


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("empty.md", "   \n", "empty"),
        ("binary.md", b"\x00\x01\x02binary", "binary"),
        ("latin1.md", "caf\xe9 au lait".encode("latin-1"), "UTF-8"),
        ("sheet.xlsx", "not a document", ".txt and .md"),
    ],
)
def test_cli_add_bad_input_is_refused(
    ready: Cli, name: str, content: str | bytes, message: str
) -> None:
    before = ready("documents").stdout
    done = ready("add", ready.file(name, content), code=1)
    assert message in done.stderr
    assert ready("documents").stdout == before


def test_cli_add_fix_keeps_phrases_untouched(ready: Cli) -> None:
    text = "The Board said that it would begin the review soon, and the Board agreed."
    path = ready.file("fixed.md", text)
    free = ready("add", path, "--id", "fixed-free").stdout
    assert "complementiser" in free
    fixed = ready("add", path, "--id", "fixed", "--fix", "said that it").stdout
    assert "complementiser" not in fixed
    done = ready("add", path, "--id", "fixed2", "--fix", "not in the text", code=1)
    assert "does not occur" in done.stderr


def test_cli_author_alternative_is_issued_and_traced(ready: Cli) -> None:
    text = sample_text().replace("HALLORAN", "HALLORAN (copy B)")
    ready("add", ready.file("alt.md", text), "--id", "alt")
    phrase = "a test of who blinks first"
    ready("points", "alt", "--alternative", f"{phrase}=a contest of nerve", code=1)  # quoted words
    done = ready("points", "alt", "--alternative", "None of this is fatal=None of this is terminal")
    assert "Added point author:" in done.stdout
    ready("points", "alt", "--alternative", "nowhere in the text=x", code=1)
    out = ready.tmp / "alt-copies"
    ready("issue", "alt", "--to", "all", "--out", str(out))
    texts = [(out / f"{r}.txt").read_text(encoding="utf-8") for r in ("alice", "bob", "carol")]
    assert any("None of this is terminal" in t for t in texts) or all(
        "None of this is fatal" in t for t in texts
    )
    result = json.loads(ready("trace", "--json", str(out / "carol.txt")).stdout)
    kinds = {p["kind"] for d in result["documents"] for s in d["passages"] for p in s["points"]}
    assert "author" in kinds


def test_cli_documents_lists_what_was_added(ready: Cli) -> None:
    listing = ready("documents").stdout
    assert "cable" in listing and "NORTH SEA INTERCONNECTOR" in listing


def test_cli_oversized_input_is_refused(ready: Cli) -> None:
    big = ready.file("big.md", "word " * 5000)
    ready.env["LEAKTRACE_MAX_INPUT_BYTES"] = "1000"
    try:
        done = ready("add", big, code=1)
        assert "over the limit" in done.stderr
        assert "over the limit" in ready("trace", big, code=1).stderr
    finally:
        del ready.env["LEAKTRACE_MAX_INPUT_BYTES"]


def test_cli_points_lists_and_vetoes(ready: Cli) -> None:
    listing = ready("points", "cable").stdout
    assert "variation points" in listing
    done = ready("points", "cable", "--veto", "1")
    assert "Vetoed point 1" in done.stdout
    assert "vetoed" in ready("points", "cable").stdout
    ready("points", "cable", "--restore", "1")
    ready("points", "cable", "--veto", "999", code=1)


def test_cli_issue_writes_one_copy_per_recipient(ready: Cli) -> None:
    copies = sorted(p.name for p in (ready.tmp / "copies").iterdir())
    assert copies == ["alice.txt", "bob.txt", "carol.txt"]
    texts = {(ready.tmp / "copies" / c).read_text(encoding="utf-8") for c in copies}
    assert len(texts) == 3


def test_cli_issue_unknown_recipient_is_refused(ready: Cli) -> None:
    done = ready("issue", "cable", "--to", "zed", "--out", str(ready.tmp / "other"), code=1)
    assert "zed" in done.stderr
    assert not (ready.tmp / "other").exists() or not any((ready.tmp / "other").iterdir())


def test_cli_issue_rerun_completes_without_duplicates(ready: Cli) -> None:
    out = ready.tmp / "copies"
    (out / "bob.txt").unlink()
    done = ready("issue", "cable", "--to", "all", "--out", str(out))
    assert (out / "bob.txt").exists()
    assert "Issued" in done.stdout


def test_cli_trace_json_names_the_leaker(ready: Cli) -> None:
    done = ready("trace", "--json", str(ready.tmp / "copies" / "bob.txt"))
    lines = done.stdout.strip().splitlines()
    assert len(lines) == 1
    result = json.loads(lines[0])
    assert set(result) >= {
        "schema",
        "source",
        "input_sha256",
        "verdict",
        "level",
        "accused",
        "candidates",
        "documents",
        "recipients_considered",
        "recipients_consistent",
        "explanation",
    }
    assert result["verdict"] == "identified"
    assert result["accused"] == ["bob"]
    best = result["candidates"][0]
    assert set(best) == {
        "recipient",
        "name",
        "points_read",
        "points_matching",
        "log10_false_accusation",
    }
    assert best["recipient"] == "bob" and best["log10_false_accusation"] <= -6
    document = result["documents"][0]
    assert document["document"] == "cable"
    point = document["passages"][0]["points"][0]
    assert set(point) == {
        "point",
        "kind",
        "occurrence",
        "readable",
        "option",
        "compatible",
        "label",
        "input_start",
        "input_end",
    }


def test_cli_trace_human_output_and_several_files(ready: Cli) -> None:
    news = ready.file("news.txt", 'The cable said it was "a test of who blinks first".')
    done = ready("trace", str(ready.tmp / "copies" / "alice.txt"), news)
    assert "IDENTIFIED" in done.stdout and "alice" in done.stdout
    assert "NARROWED" in done.stdout


def test_cli_trace_reads_standard_input(ready: Cli) -> None:
    copy = (ready.tmp / "copies" / "carol.txt").read_text(encoding="utf-8")
    result = json.loads(ready("trace", "--json", "-", stdin=copy).stdout)
    assert result["source"] == "<stdin>"
    assert result["accused"] == ["carol"]
    assert "holds no words" in ready("trace", "-", stdin="   ", code=1).stderr


def test_cli_trace_missing_file_and_bad_level(ready: Cli) -> None:
    assert "does not exist" in ready("trace", str(ready.tmp / "nope.txt"), code=1).stderr
    ready("trace", "--level", "2", str(ready.tmp / "copies" / "bob.txt"), code=2)


def test_cli_traces_and_audit_record_what_happened(ready: Cli) -> None:
    ready("trace", str(ready.tmp / "copies" / "alice.txt"))
    listing = ready("traces").stdout
    assert "alice.txt" in listing and "identified" in listing
    last = json.loads(ready("traces", "--show", "1", "--json").stdout)
    assert last["schema"] == "leaktrace.trace/1"
    assert "trace 1 of" in ready("traces", "--show", "1").stdout
    ready("traces", "--show", "9999", code=1)
    audit = ready("audit", "--limit", "200").stdout
    for action in ("recipients", "document", "issu", "trace.record"):
        assert action in audit


def test_cli_never_prints_the_key(ready: Cli) -> None:
    keys = list((ready.tmp / "config").rglob("*.key"))
    assert len(keys) == 1
    material = keys[0].read_text().split("\n")[1]
    for args in (
        ("recipients", "list"),
        ("points", "cable"),
        ("trace", str(ready.tmp / "copies" / "bob.txt")),
    ):
        done = ready(*args)
        assert material not in done.stdout + done.stderr


def test_cli_usage_error_exits_2(ready: Cli) -> None:
    ready("issue", "cable", code=2)
