"""Adding .docx, .pdf, .html and .eml documents: points in prose only, the file kept with it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from test_formats_extract import HTML, PROSE, _mail, memo_docx, report_pdf

from leaktrace.documents import add_document, add_document_bytes
from leaktrace.errors import InputError
from leaktrace.store import Store


def _html() -> bytes:
    return HTML.encode()


def _eml() -> bytes:
    return _mail(PROSE + "\n\nWe think that the plan will realise savings.\n", None)


FILES: dict[str, Callable[[], bytes]] = {
    "memo.docx": memo_docx,
    "report.pdf": report_pdf,
    "review.html": _html,
    "mail.eml": _eml,
}
PROTECTED_LINES = ("#", "|", "OFFICIAL", "Prepared for", "From:", "To:", "Date:", "Subject:")


@pytest.mark.parametrize("name", sorted(FILES))
def test_documents_add_each_format_marks_prose_only(store: Store, name: str) -> None:
    data = FILES[name]()
    added = add_document_bytes(store, data, name)
    version = added.version
    assert version.format == "md"
    assert version.doc_id == name.split(".")[0]
    assert added.points, "the prose should carry variation points"
    for point in added.points:
        for occ in point.occurrences:
            line_start = version.text.rfind("\n", 0, occ.start) + 1
            line = version.text[line_start : version.text.find("\n", occ.start)]
            assert not line.startswith(PROTECTED_LINES), (point.kind, line)
    source = store.version_source(version.id)
    assert source is not None
    assert (source.filename, source.data) == (name, data)
    assert (source.structure_json is not None) == name.endswith(".docx")


def test_documents_add_docx_from_a_path_takes_id_and_title_from_it(
    store: Store, tmp_path: Path
) -> None:
    path = tmp_path / "board-memo.docx"
    path.write_bytes(memo_docx())
    added = add_document(store, path, fixed=["northern route"])
    assert added.version.doc_id == "board-memo"
    assert added.version.title == "Review of the cable project"
    start = added.version.text.index("northern route")
    assert all(
        occ.end <= start or occ.start >= start + len("northern route")
        for point in added.points
        for occ in point.occurrences
    )


def test_documents_text_files_are_added_as_before(store: Store) -> None:
    added = add_document_bytes(store, b"# Memo\n\nHe said that he would resign.\n", "memo.md")
    assert (added.version.format, added.version.text) == (
        "md",
        "# Memo\n\nHe said that he would resign.\n",
    )
    assert store.version_source(added.version.id) is None


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("memo.docx", b"PK\x03\x04broken", "not a valid .docx file"),
        ("scan.pdf", b"%PDF-1.4 broken", "not a readable PDF"),
        ("sheet.xlsx", b"x", ".txt and .md"),
        ("memo.docx", b"x" * 2000, "over the limit of 1,000"),
    ],
)
def test_documents_bad_files_are_refused_and_nothing_is_stored(
    store: Store, name: str, data: bytes, message: str
) -> None:
    with pytest.raises(InputError, match=message):
        add_document_bytes(store, data, name, max_bytes=1000)
    assert store.list_documents() == []
