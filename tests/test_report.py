"""The evidence report: HTML and PDF carry the verdict, custody, comparison, plot, self-hash."""

from __future__ import annotations

import base64
import io
import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from leaktrace import cases, report
from leaktrace.cases import CLI_ACTOR
from leaktrace.documents import add_document
from leaktrace.errors import InputError
from leaktrace.issuing import issue
from leaktrace.store import RecipientRow
from leaktrace.tracing import trace_input
from leaktrace.workspace import Workspace
from support import sample_text


@pytest.fixture
def case(workspace: Workspace, tmp_path: Path) -> str:
    """A case whose one item, bob's whole copy, identifies bob among five recipients."""
    rows = [
        RecipientRow(n, n.title(), f"{n}@example.org", ())
        for n in ("ann", "bob", "cat", "dan", "eve")
    ]
    workspace.store.upsert_recipients(rows)
    (tmp_path / "cable.md").write_text(sample_text(), encoding="utf-8")
    add_document(workspace.store, tmp_path / "cable.md", doc_id="cable", max_bytes=5_000_000)
    issue(workspace.store, workspace.key, "cable", ["all"], tmp_path / "copies")
    cases.open_case(
        workspace.store, "cables", purpose="Cable in the press", authorised_by="The Chair",
        actor=CLI_ACTOR,
    )  # fmt: skip
    copy = (tmp_path / "copies" / "bob.txt").read_bytes()
    cases.add_item(
        workspace.store, workspace.key, "cables", copy, "article.txt",
        source="https://news.example/cable", actor=CLI_ACTOR,
    )  # fmt: skip
    return "cables"


def test_report_html_states_verdict_custody_points_plot_and_hash(
    workspace: Workspace, case: str
) -> None:
    built = report.case_report(workspace.store, workspace.key, case, actor=CLI_ACTOR)
    assert built.grade == "identified"
    data = report.render(built, "html")
    page = data.decode("utf-8")
    (item,) = workspace.store.case_items(case)
    assert "came from the copy issued to Bob (bob)" in page
    assert item.content_sha256 in page
    assert "https://news.example/cable" in page
    assert 'id="points-bob"' in page
    rows = re.findall(r'<td><span class="(yes|no)">', page)
    assert rows and set(rows) == {"yes"}
    assert "<mark>" in page
    png = re.search(r'src="data:image/png;base64,([^"]+)"', page)
    assert png is not None and base64.b64decode(png.group(1)).startswith(b"\x89PNG")
    assert f"leaktrace case verify {case}" in page
    assert "identifies a copy, not a person" in page
    assert "The Chair" in page
    assert workspace.key.derive(b"leaktrace code v1").hex() not in page
    assert report.verify_report_hash(data)
    assert not report.verify_report_hash(data.replace(b"Bob (bob)", b"Eve (eve)"))


def test_report_pdf_parses_and_carries_the_same_facts(workspace: Workspace, case: str) -> None:
    built = report.case_report(workspace.store, workspace.key, case, actor=CLI_ACTOR)
    data = report.render(built, "pdf")
    assert data.startswith(b"%PDF")
    assert report.verify_report_hash(data)
    reader = PdfReader(io.BytesIO(data))
    text = " ".join((page.extract_text() or "") for page in reader.pages)
    flat = " ".join(text.split())
    (item,) = workspace.store.case_items(case)
    assert "Identified." in flat
    assert "Bob (bob)" in flat
    assert item.content_sha256[:20] in flat.replace(" ", "")
    assert "Point by point: Bob (bob)" in flat
    assert f"leaktrace case verify {case}" in flat
    assert report.stated_hash(data) in flat.replace(" ", "")
    assert any("/Image" in str(page.get("/Resources", {})) or page.images for page in reader.pages)


def test_report_of_a_single_trace(workspace: Workspace, case: str, tmp_path: Path) -> None:
    text = (tmp_path / "copies" / "cat.txt").read_text(encoding="utf-8")
    traced = trace_input(workspace.store, workspace.key, text, "cat-leak.txt")
    built = report.trace_report(workspace.store, workspace.key, traced.trace_id)
    page = report.render(built, "html").decode("utf-8")
    assert "Cat (cat)" in page
    assert traced.result.input_sha256 in page
    assert "leaktrace trace FILE --json" in page


def test_report_grades_and_words() -> None:
    assert report.one_in(-9.505) == "1 in 3.2 billion"
    field = {"verdict": "narrowed", "recipients_considered": 5, "recipients_consistent": 5}
    assert report.grade({**field, "candidates": []}) == "inconclusive"
    assert report.grade({"verdict": "narrowed", "recipients_considered": 5,
                         "recipients_consistent": 2,
                         "candidates": [{"points_read": 3}]}) == "narrowed"  # fmt: skip
    with pytest.raises(InputError, match="html or pdf"):
        report.render(None, "docx")  # type: ignore[arg-type]


def test_report_of_an_empty_case_says_what_to_do(workspace: Workspace) -> None:
    cases.open_case(workspace.store, "empty", purpose="p", authorised_by="C", actor=CLI_ACTOR)
    with pytest.raises(InputError, match="leaktrace case add empty FILE"):
        report.case_report(workspace.store, workspace.key, "empty", actor=CLI_ACTOR)
