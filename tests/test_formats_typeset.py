"""Typeset copies (PDF, HTML, the portal's pages): issued, read back exactly, traced."""

from __future__ import annotations

import io
import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
from pypdf import PdfReader, PdfWriter

import leaktrace.issuing as issuing
from leaktrace import codes
from leaktrace.codes import CODE_KEY_LABEL
from leaktrace.documents import add_document
from leaktrace.errors import InputError
from leaktrace.formats.pdf_layout import drawn_text, read_pdf_layout
from leaktrace.layout import is_layout_key
from leaktrace.model import Verdict
from leaktrace.store.records import RecipientRow
from leaktrace.tracing import StoreSource, trace_bytes, trace_file
from leaktrace.workspace import Workspace, init_workspace
from support import sample_text

PEOPLE = 12


@pytest.fixture
def ready(tmp_path: Path) -> Iterator[Workspace]:
    workspace = init_workspace(tmp_path / "ws", key_file=tmp_path / "keys" / "ws.key")
    rows = [RecipientRow(f"p{i}", f"Person {i}", f"p{i}@example.org", ()) for i in range(PEOPLE)]
    workspace.store.upsert_recipients(rows)
    document = tmp_path / "cable.md"
    document.write_text(sample_text(), encoding="utf-8")
    add_document(workspace.store, document, doc_id="cable")
    try:
        yield workspace
    finally:
        workspace.close()


def _true_layout_options(workspace: Workspace, batch_id: int, number: int) -> dict[str, int]:
    batch = workspace.store.get_batch(batch_id)
    active = json.loads(batch.active_points_json)
    code_key = workspace.key.derive(CODE_KEY_LABEL)
    assert codes.scheme_of(active) is codes.NEW_BATCH_SCHEME  # the text's points
    scheme = codes.Scheme.UNIFORM  # the layout's points, in every batch
    return {
        key: int(codes.options(scheme, code_key, "cable", 1, key, 2, np.array([number]))[0])
        for key in codes.point_keys(active)
        if is_layout_key(key)
    }


def test_pdf_copies_trace_to_their_recipient_by_text_and_layout(
    ready: Workspace, tmp_path: Path
) -> None:
    out = tmp_path / "copies"
    report = issuing.issue(ready.store, ready.key, "cable", ["all"], out, fmt="pdf")
    assert report.written == PEOPLE
    source = StoreSource(ready.store)
    (skeleton,) = source.layouts(ready.store.latest_version("cable").id)
    seen = set()
    for i in (0, 5, 11):
        data = (out / f"p{i}.pdf").read_bytes()
        seen.add(data)
        assert data.startswith(b"%PDF")
        (recipient,) = ready.store.recipients_by_external_ids([f"p{i}"])
        # The layout read from the file is exactly the recipient's: every block, no error.
        read = read_pdf_layout(drawn_text(data), skeleton)
        truth = _true_layout_options(ready, report.batch_id, recipient.number)
        assert len(read) >= 0.95 * len(skeleton.blocks)
        assert all(truth[r.key] == r.option for r in read)
        traced = trace_file(ready.store, ready.key, out / f"p{i}.pdf", source=source)
        assert traced.result.verdict is Verdict.IDENTIFIED
        assert traced.result.accused == (f"p{i}",)
        text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
        assert f"issued to Person {i}," in text
    assert len(seen) == 3


def test_one_page_cut_out_of_a_pdf_copy_still_reads_its_layout(
    ready: Workspace, tmp_path: Path
) -> None:
    report = issuing.issue(ready.store, ready.key, "cable", ["p3"], tmp_path / "c", fmt="pdf")
    data = (tmp_path / "c" / "p3.pdf").read_bytes()
    reader = PdfReader(io.BytesIO(data))
    assert len(reader.pages) >= 2
    writer = PdfWriter()
    writer.add_page(reader.pages[1])
    buffer = io.BytesIO()
    writer.write(buffer)
    (skeleton,) = StoreSource(ready.store).layouts(ready.store.latest_version("cable").id)
    read = read_pdf_layout(drawn_text(buffer.getvalue()), skeleton)
    page_two = [b for b in skeleton.blocks if b.page == 2]
    assert len(read) >= 0.9 * len(page_two)
    assert {r.key for r in read} <= {b.key for b in page_two}
    (recipient,) = ready.store.recipients_by_external_ids(["p3"])
    truth = _true_layout_options(ready, report.batch_id, recipient.number)
    assert all(truth[r.key] == r.option for r in read)


def test_copies_are_deterministic_and_the_visible_mark_can_be_left_out(
    ready: Workspace, tmp_path: Path
) -> None:
    report = issuing.issue(
        ready.store, ready.key, "cable", ["p1"], tmp_path / "c", fmt="pdf", visible_mark=False
    )
    data = (tmp_path / "c" / "p1.pdf").read_bytes()
    (recipient,) = ready.store.recipients_by_external_ids(["p1"])
    again = issuing.render_copy_file(ready.store, ready.key, report.batch_id, recipient.number)
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    assert "issued to" not in text
    # The copy can be drawn again from the record and the key alone, byte for byte.
    assert again.data == data
    assert again.text == issuing.render_copy(ready.store, ready.key, report.batch_id, 2)


def test_a_pdf_of_another_document_reads_no_layout(ready: Workspace, tmp_path: Path) -> None:
    issuing.issue(ready.store, ready.key, "cable", ["p2"], tmp_path / "c", fmt="pdf")
    other = tmp_path / "other.md"
    other.write_text(
        "# Minutes\n\n" + "The committee met to discuss the budget for next year. " * 40,
        encoding="utf-8",
    )
    add_document(ready.store, other, doc_id="minutes")
    issuing.issue(ready.store, ready.key, "minutes", ["p2"], tmp_path / "m", fmt="pdf")
    (skeleton,) = StoreSource(ready.store).layouts(ready.store.latest_version("cable").id)
    minutes = (tmp_path / "m" / "p2.pdf").read_bytes()
    assert read_pdf_layout(drawn_text(minutes), skeleton) == []


def test_html_copies_and_portal_pages_carry_the_same_layout(
    ready: Workspace, tmp_path: Path
) -> None:
    issuing.issue(ready.store, ready.key, "cable", ["p4"], tmp_path / "h", fmt="html")
    html = (tmp_path / "h" / "p4.html").read_text(encoding="utf-8")
    assert html.count("<svg") >= 2 and "@font-face" in html and "<script" not in html
    report = issuing.publish_to_portal(ready.store, ready.key, "cable", ["p4"])
    (recipient,) = ready.store.recipients_by_external_ids(["p4"])
    pages = issuing.render_copy_pages(ready.store, ready.key, report.batch_id, recipient.number)
    assert pages is not None and len(pages) >= 2
    assert all(page.startswith("<svg") and "Copy " in page for page in pages)
    batch = ready.store.get_batch(report.batch_id)
    assert batch.format == "html"
    assert any(is_layout_key(k) for k in json.loads(batch.active_points_json))


def test_text_batches_have_no_pages_and_bad_formats_are_refused(
    ready: Workspace, tmp_path: Path
) -> None:
    report = issuing.issue(ready.store, ready.key, "cable", ["p6"], tmp_path / "t")
    (recipient,) = ready.store.recipients_by_external_ids(["p6"])
    assert (
        issuing.render_copy_pages(ready.store, ready.key, report.batch_id, recipient.number) is None
    )
    with pytest.raises(InputError, match="format"):
        issuing.issue(ready.store, ready.key, "cable", ["p6"], tmp_path / "t", fmt="odt")
    with pytest.raises(InputError, match=r"cannot read \(\.xyz\)"):
        trace_bytes(ready.store, ready.key, b"\x00\x01data", "leak.xyz")
    # A text file by any other name is still text.
    traced = trace_bytes(ready.store, ready.key, b"Nothing to do with it.", "notes.log")
    assert traced.result.verdict is Verdict.NO_MATCH


needs_ocr = pytest.mark.skipif(
    not (shutil.which("tesseract") and shutil.which("pdftoppm")),
    reason="tracing pictures needs Debian's tesseract-ocr and poppler-utils (apt-get install "
    "tesseract-ocr poppler-utils)",
)


@needs_ocr
def test_a_screenshot_and_a_photo_of_a_printed_page_trace_to_the_recipient(
    ready: Workspace, tmp_path: Path
) -> None:
    import layout_synth

    issuing.issue(ready.store, ready.key, "cable", ["p7"], tmp_path / "c", fmt="pdf")
    pdf = (tmp_path / "c" / "p7.pdf").read_bytes()
    shot = layout_synth.encode(layout_synth.rasterize(pdf, 100, page=2))
    traced = trace_bytes(ready.store, ready.key, shot, "screenshot.png")
    assert traced.result.accused == ("p7",)
    printed = layout_synth.rasterize(pdf, 300, page=1)
    photo = layout_synth.encode(layout_synth.photo(printed, seed=5, finger=True), ".jpg")
    traced = trace_bytes(ready.store, ready.key, photo, "photo.jpg")
    assert traced.result.accused == ("p7",)
    # Text and layout points together: far more than the text of one page offers alone.
    assert traced.result.candidates[0].points_read > 40


@needs_ocr
def test_a_picture_of_another_document_matches_nothing(ready: Workspace) -> None:
    import layout_synth

    other = layout_synth.make_copy(layout_synth.OTHER_TEXT, seed=1)
    picture = layout_synth.encode(layout_synth.rasterize(other.pdf, 150))
    traced = trace_bytes(ready.store, ready.key, picture, "other.png")
    assert traced.result.verdict is Verdict.NO_MATCH
    assert traced.result.accused == ()


@needs_ocr
def test_a_photo_kept_in_a_case_is_verified_and_reported(ready: Workspace, tmp_path: Path) -> None:
    import layout_synth

    from leaktrace import cases, report

    issuing.issue(ready.store, ready.key, "cable", ["p9"], tmp_path / "c", fmt="pdf")
    pdf = (tmp_path / "c" / "p9.pdf").read_bytes()
    photo = layout_synth.encode(
        layout_synth.photo(layout_synth.rasterize(pdf, 300), seed=2), ".jpg"
    )
    cases.open_case(
        ready.store, "heron", purpose="leak", authorised_by="Board", actor=cases.CLI_ACTOR
    )
    added = cases.add_item(
        ready.store, ready.key, "heron", photo, "photo.jpg", source="tabloid", actor=cases.CLI_ACTOR
    )
    assert added.verdict.accused == ("p9",)
    (item,) = cases.show_case(ready.store, "heron", actor=cases.CLI_ACTOR).items
    assert item.content == photo  # the picture itself is the evidence, byte for byte
    check = cases.verify_case(ready.store, ready.key, "heron", actor=cases.CLI_ACTOR)
    assert check.mismatches == ()
    built = report.case_report(ready.store, ready.key, "heron", actor=cases.CLI_ACTOR)
    assert b"p9" in report.render(built, "html")
