from __future__ import annotations

from pathlib import Path

import pytest

import leaktrace.issuing as issuing
from leaktrace.documents import add_document
from leaktrace.errors import InputError, NotFoundError, OutputError
from leaktrace.store.records import RecipientRow
from leaktrace.tracing import trace_file
from leaktrace.workspace import Workspace
from support import sample_text


@pytest.fixture
def ready(workspace: Workspace, tmp_path: Path) -> Workspace:
    rows = [
        RecipientRow(f"p{i}", f"Person {i}", f"p{i}@example.org", ("staff",)) for i in range(40)
    ]
    workspace.store.upsert_recipients(rows)
    document = tmp_path / "cable.md"
    document.write_text(sample_text(), encoding="utf-8")
    add_document(workspace.store, document, doc_id="cable")
    return workspace


def test_issue_interrupted_then_rerun_completes_without_duplicates(
    ready: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "copies"
    real_write = issuing._write_atomically
    written: list[Path] = []

    def failing_write(path: Path, text: str) -> None:
        if len(written) == 25:
            raise OSError("disk full")
        written.append(path)
        real_write(path, text)

    monkeypatch.setattr(issuing, "_write_atomically", failing_write)
    monkeypatch.setattr(issuing, "_CHUNK", 10)
    with pytest.raises(OutputError, match="run the same command again"):
        issuing.issue(ready.store, ready.key, "cable", ["all"], out)
    # Record, then release: every recipient was recorded before any copy was written.
    version = ready.store.latest_version("cable")
    assert ready.store.recipients_of_version(version.id).size == 40
    monkeypatch.setattr(issuing, "_write_atomically", real_write)
    report = issuing.issue(ready.store, ready.key, "cable", ["all"], out)
    assert report.resumed
    assert report.written == 20  # the two chunks never released; the first two were
    assert sorted(p.name for p in out.iterdir()) == sorted(f"p{i}.txt" for i in range(40))
    batches = ready.store.issuance_batches_of_version(version.id)
    assert len(batches) == 1 and batches[0].complete


def test_issued_copies_differ_and_trace_to_their_recipient(
    ready: Workspace, tmp_path: Path
) -> None:
    out = tmp_path / "copies"
    issuing.issue(ready.store, ready.key, "cable", ["staff"], out)
    texts = {p.name: p.read_text(encoding="utf-8") for p in out.iterdir()}
    assert len(set(texts.values())) == 40
    traced = trace_file(ready.store, ready.key, out / "p7.txt")
    assert traced.result.accused == ("p7",)


def test_vetoed_point_keeps_the_author_wording(ready: Workspace, tmp_path: Path) -> None:
    version = ready.store.latest_version("cable")
    from leaktrace import pointsjson

    point = pointsjson.loads(version.points_json)[0]
    ready.store.set_veto(version.id, point.key, True)
    out = tmp_path / "copies"
    issuing.issue(ready.store, ready.key, "cable", ["all"], out)
    occ = point.occurrences[0]
    authored = occ.renderings[point.original]
    context = version.text[max(0, occ.start - 20) : occ.start] + authored
    for path in out.iterdir():
        assert context in path.read_text(encoding="utf-8")


def test_issue_refuses_an_output_folder_that_is_a_file(ready: Workspace, tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    with pytest.raises(InputError, match="output folder"):
        issuing.issue(ready.store, ready.key, "cable", ["all"], blocker)


def test_issue_refuses_unknown_targets_and_bad_format(ready: Workspace, tmp_path: Path) -> None:
    with pytest.raises(NotFoundError, match="nobody-here"):
        issuing.issue(ready.store, ready.key, "cable", ["nobody-here"], tmp_path / "x")
    with pytest.raises(InputError, match="format"):
        issuing.issue(ready.store, ready.key, "cable", ["all"], tmp_path / "x", fmt="odt")
    with pytest.raises(NotFoundError):
        issuing.issue(ready.store, ready.key, "no-such-doc", ["all"], tmp_path / "x")
    version = ready.store.latest_version("cable")
    assert ready.store.issuance_batches_of_version(version.id) == []
