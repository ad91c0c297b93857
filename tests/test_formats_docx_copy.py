"""DOCX copies: the author's file with each recipient's wording, formatting kept run by run."""

from __future__ import annotations

import io
import json
import os
import random
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import docx
import numpy as np
import pytest

from leaktrace.codes import CODE_KEY_LABEL
from leaktrace.formats.docx_copy import DocxCopyWriter, docx_copy
from leaktrace.formats.extract import extract_document, extract_trace_text
from leaktrace.mark import option_matrix
from leaktrace.model import Occurrence, VariationPoint
from leaktrace.pointsjson import loads as load_points
from leaktrace.render import CopyRenderer
from leaktrace.store.records import SourceFile
from leaktrace.variants.engine import find_points
from leaktrace.workspace import open_workspace
from support import sample_text

LIMIT = 5_000_000
STAFF = (
    "id,name,email,groups\n"
    "alice,Alice Smith,alice@example.org,board\n"
    "bob,Bob Jones,bob@example.org,board\n"
    "carol,Carol Wu,carol@example.org,legal\n"
)


def cable_docx(split_runs: bool = True) -> bytes:
    """The sample cable as a Word file: headings, header fields, a bulleted list, a table, a page
    header and footer, and every prose paragraph cut into three runs at odd places (mid-word
    too), the middle one bold and italic, so that variation points straddle runs."""
    document = docx.Document()
    section = document.sections[0]
    section.header.paragraphs[0].text = "OFFICIAL-SENSITIVE"
    section.footer.paragraphs[0].text = "Northwind Ltd board papers, circulation restricted."
    rng = random.Random(7)
    for block in re.split(r"\n\s*\n", sample_text()):
        lines = [line.strip() for line in block.splitlines() if line.strip()]
        text = " ".join(lines)
        if len(lines) > 1:
            for line in lines:
                document.add_paragraph(line)
        elif len(text.split()) <= 6 and not text.endswith("."):
            document.add_heading(text, level=2)
            if text == "Summary":
                document.add_paragraph("Rounds so far were held in Brussels", style="List Bullet")
                table = document.add_table(rows=2, cols=2)
                table.style = "Table Grid"
                values = ["Round", "Date", "Next", "3 November"]
                for cell, value in zip(table._cells, values, strict=True):
                    cell.text = value
        else:
            paragraph = document.add_paragraph()
            a, b = sorted(rng.sample(range(1, len(text) - 1), 2))
            paragraph.add_run(text[:a])
            middle = paragraph.add_run(text[a:b])
            middle.bold = middle.italic = True
            paragraph.add_run(text[b:])
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _style(style: object) -> str:
    name = getattr(style, "name", None)
    assert isinstance(name, str)
    return name


def _prepared(data: bytes) -> tuple[SourceFile, str, list[VariationPoint]]:
    doc = extract_document(data, "cable.docx", LIMIT)
    points = find_points(doc.text, fixed=list(doc.protected))
    return SourceFile("cable.docx", doc.media_type, doc.structure, data), doc.text, points


def _entries(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return {info.filename: package.read(info) for info in package.infolist()}


def test_docx_copy_text_is_the_rendered_copy_for_any_choices() -> None:
    source, text, points = _prepared(cable_docx())
    assert len(points) > 40
    writer = DocxCopyWriter(source, text, points)
    assert writer.unplaced == ()
    renderer = CopyRenderer(text, points)
    rng = np.random.default_rng(3)
    for _ in range(20):
        choices = np.array([rng.integers(p.option_count) for p in points], dtype=np.uint8)
        copy = writer.write(choices)
        assert extract_trace_text(copy, "copy.docx", LIMIT) == renderer.render(choices)


def test_docx_copy_changes_only_the_body_and_keeps_every_other_part() -> None:
    data = cable_docx()
    source, text, points = _prepared(data)
    choices = [1 if p.original == 0 else 0 for p in points]
    copy = docx_copy(source, text, points, choices)
    before, after = _entries(data), _entries(copy)
    assert list(after) == list(before)
    changed = [name for name in before if before[name] != after[name]]
    assert changed == ["word/document.xml"]
    original, copied = docx.Document(io.BytesIO(data)), docx.Document(io.BytesIO(copy))
    assert [_style(p.style) for p in copied.paragraphs] == [
        _style(p.style) for p in original.paragraphs
    ]
    assert [[c.text for c in r.cells] for t in copied.tables for r in t.rows] == [
        [c.text for c in r.cells] for t in original.tables for r in t.rows
    ]
    assert copied.sections[0].header.paragraphs[0].text == "OFFICIAL-SENSITIVE"
    assert _style(copied.tables[0].style) == "Table Grid"
    for old, new in zip(original.paragraphs, copied.paragraphs, strict=True):
        assert [(r.bold, r.italic) for r in new.runs] == [(r.bold, r.italic) for r in old.runs]


def _point(start: int, end: int, *renderings: str) -> VariationPoint:
    occurrence = Occurrence(start, end, renderings)
    return VariationPoint(f"p:{start}", "test", renderings, (occurrence,))


def test_docx_copy_edits_runs_where_the_point_starts_and_trims_the_runs_it_covers() -> None:
    document = docx.Document()
    paragraph = document.add_paragraph("The board said ")
    paragraph.add_run("that it").bold = True
    paragraph.add_run(" would begin the ")
    paragraph.add_run("review").italic = True
    paragraph.add_run(" soon.")
    out = io.BytesIO()
    document.save(out)
    doc = extract_document(out.getvalue(), "memo.docx", LIMIT)
    text = doc.text
    assert text == "The board said that it would begin the review soon.\n"
    said = text.index("said that")
    points = [
        _point(said, said + len("said that"), "said that", "said"),  # plain run into bold one
        _point(text.index("begin"), text.index("begin") + 5, "begin", "start"),
        _point(text.index(" soon"), text.index(" soon"), "", ","),  # an insertion after a run
    ]
    source = SourceFile("memo.docx", doc.media_type, doc.structure, out.getvalue())
    copy = DocxCopyWriter(source, text, points).write([1, 1, 1])
    runs = [
        (r.text, bool(r.bold), bool(r.italic))
        for r in docx.Document(io.BytesIO(copy)).paragraphs[0].runs
    ]
    assert runs == [
        ("The board said", False, False),
        (" it", True, False),
        (" would start the ", False, False),
        ("review,", False, True),
        (" soon.", False, False),
    ]


MARKDOWN = (
    "# Cable review\n\n"
    "The board said that it would begin the review soon,\n"
    "and the committee agreed that the programme should be finalised in June.\n\n"
    "- First item\n- Second item\n\n"
    "| Route | Cost |\n|---|---|\n| North | USD 4m |\n"
)


def test_docx_copy_of_a_text_source_builds_headings_lists_and_tables() -> None:
    points = find_points(MARKDOWN)
    choices = [1 - p.original for p in points]
    copy = DocxCopyWriter(None, MARKDOWN, points).write(choices)
    document = docx.Document(io.BytesIO(copy))
    rendered = CopyRenderer(MARKDOWN, points).render(choices)
    prose = " ".join(rendered.split("\n\n")[1].splitlines())
    assert [(_style(p.style), p.text) for p in document.paragraphs] == [
        ("Heading 1", "Cable review"),
        ("Normal", prose),
        ("List Bullet", "First item"),
        ("List Bullet", "Second item"),
    ]
    assert prose != "The board said that it would begin the review soon, and the committee " + (
        "agreed that the programme should be finalised in June."
    )
    table = document.tables[0]
    assert _style(table.style) == "Table Grid"
    assert [[c.text for c in row.cells] for row in table.rows] == [
        ["Route", "Cost"],
        ["North", "USD 4m"],
    ]


def test_docx_copy_of_an_html_source_keeps_one_paragraph_per_line() -> None:
    html = b"<h1>Plan</h1><p>He said that he would resign.</p><ul><li>First</li></ul>"
    doc = extract_document(html, "plan.html", LIMIT)
    points = find_points(doc.text)
    source = SourceFile("plan.html", doc.media_type, doc.structure, html)
    copy = DocxCopyWriter(source, doc.text, points).write([1] * len(points))
    document = docx.Document(io.BytesIO(copy))
    shown = [(_style(p.style), p.text) for p in document.paragraphs]
    assert shown == [
        ("Heading 1", "Plan"),
        ("Normal", "He said he would resign."),
        ("List Bullet", "First"),
    ]


def _leaktrace(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(
        [sys.executable, "-m", "leaktrace", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        input="",
    )
    assert done.returncode == 0, (done.stdout, done.stderr)
    return done


def test_docx_copy_resaved_by_libreoffice_still_traces_to_its_recipient(tmp_path: Path) -> None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed; apt-get install libreoffice-writer")
    env = dict(os.environ, LEAKTRACE_HOME=str(tmp_path / "ws"), COLUMNS="200")
    staff, memo = tmp_path / "staff.csv", tmp_path / "cable.docx"
    staff.write_text(STAFF, encoding="utf-8")
    memo.write_bytes(cable_docx())
    _leaktrace(env, "init")
    _leaktrace(env, "recipients", "import", str(staff))
    _leaktrace(env, "add", str(memo), "--id", "cable")
    _leaktrace(env, "issue", "cable", "--to", "all", "--out", str(tmp_path / "copies"))

    with open_workspace(tmp_path / "ws") as workspace:
        store = workspace.store
        version = store.latest_version("cable")
        points = load_points(version.points_json)
        batch = store.issuance_batches_of_version(version.id)[-1]
        bob = store.recipient_numbers_by_external_id(["bob"])["bob"]
        matrix = option_matrix(
            workspace.key.derive(CODE_KEY_LABEL),
            version.doc_id,
            version.number,
            points,
            json.loads(batch.active_points_json),
            np.array([bob], dtype=np.int64),
        )
        source = store.version_source(version.id)
        assert source is not None and source.filename == "cable.docx"
        copy = DocxCopyWriter(source, version.text, points).write(matrix[0])
        issued = (tmp_path / "copies" / "bob.txt").read_text(encoding="utf-8")
        assert CopyRenderer(version.text, points).render(matrix[0]) in issued

    (tmp_path / "bob.docx").write_bytes(copy)
    profile = (tmp_path / "lo-profile").as_uri()
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            "docx",
            "--outdir",
            str(tmp_path / "resaved"),
            str(tmp_path / "bob.docx"),
        ],
        capture_output=True,
        timeout=180,
        check=True,
    )
    resaved = (tmp_path / "resaved" / "bob.docx").read_bytes()
    assert resaved != copy
    leak = tmp_path / "leak.txt"
    leak.write_text(extract_trace_text(resaved, "bob.docx", LIMIT), encoding="utf-8")
    result = json.loads(_leaktrace(env, "trace", "--json", str(leak)).stdout)
    assert result["verdict"] == "identified"
    assert result["accused"] == ["bob"]
