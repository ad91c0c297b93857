"""Reading .docx, .pdf, .html and .eml documents as the engine's text, and refusing bad files."""

from __future__ import annotations

import io
import json
import zipfile
from email.message import EmailMessage
from typing import Any

import docx
import pytest
from reportlab.lib import pdfencrypt
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.pdfgen import canvas
from reportlab.platypus import ListFlowable, ListItem, Paragraph, SimpleDocTemplate

from leaktrace.errors import BinaryInputError, EmptyInputError, InputError, TooLargeError
from leaktrace.formats.extract import ExtractedDocument, extract_document, extract_trace_text

LIMIT = 5_000_000
PROSE = (
    "The board said that it would begin the review of the northern route soon, and the "
    "committee agreed that the programme should be finalised in June."
)
LATER = "We think that the organisation will realise the benefits, as the analysis shows."


def memo_docx() -> bytes:
    """A memo with a marking header, a footer, a heading, a bold run mid-sentence, a list item,
    a table and a closing paragraph."""
    document = docx.Document()
    section = document.sections[0]
    section.header.paragraphs[0].text = "OFFICIAL-SENSITIVE"
    section.footer.paragraphs[0].text = "Prepared for the board of Northwind Ltd"
    document.add_heading("Review of the cable project", level=1)
    paragraph = document.add_paragraph("The board said that it would begin the review of the ")
    paragraph.add_run("northern route").bold = True
    paragraph.add_run(
        " soon, and the committee agreed that the programme should be finalised in June."
    )
    document.add_paragraph("First item of the list", style="List Bullet")
    table = document.add_table(rows=2, cols=2)
    for (row, col), value in {(0, 0): "Route", (0, 1): "Cost", (1, 0): "North"}.items():
        table.cell(row, col).text = value
    table.cell(1, 1).text = "USD 4m"
    document.add_paragraph(LATER)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def report_pdf(paragraphs: int = 30) -> bytes:
    """A report typeset by reportlab: a heading, wrapped paragraphs (30 fill three pages), a
    marking and a page number on every page, and a bulleted list."""
    styles = getSampleStyleSheet()

    def furniture(page: canvas.Canvas, template: SimpleDocTemplate) -> None:
        page.setFont("Helvetica", 9)
        page.drawString(72, A4[1] - 40, "OFFICIAL-SENSITIVE")
        page.drawString(72, 30, f"Page {template.page}")

    out = io.BytesIO()
    template = SimpleDocTemplate(out, pagesize=A4, title="Cable review")
    story: list[object] = [Paragraph("Review of the cable project", styles["Heading1"])]
    for number in range(paragraphs):
        story.append(Paragraph(f"{PROSE} {LATER} This is paragraph {number}.", styles["BodyText"]))
    items: list[Any] = [
        ListItem(Paragraph(t, styles["BodyText"])) for t in ("first point", "second point")
    ]
    story.append(ListFlowable(items, bulletType="bullet"))
    template.build(story, onFirstPage=furniture, onLaterPages=furniture)  # type: ignore[arg-type]
    return out.getvalue()


def test_extract_docx_reads_headers_body_tables_and_footers_in_order() -> None:
    doc = extract_document(memo_docx(), "memo.docx", LIMIT)
    assert doc.format == "docx"
    assert doc.title == "Review of the cable project"
    assert doc.text == (
        "OFFICIAL-SENSITIVE\n\n"
        "# Review of the cable project\n\n"
        "The board said that it would begin the review of the northern route soon, and the "
        "committee agreed that the programme should be finalised in June.\n\n"
        "- First item of the list\n\n"
        "| Route | Cost |\n| North | USD 4m |\n\n"
        f"{LATER}\n\n"
        "Prepared for the board of Northwind Ltd\n"
    )


def test_extract_docx_structure_locates_every_paragraph() -> None:
    data = memo_docx()
    doc = extract_document(data, "memo.docx", LIMIT)
    assert doc.structure is not None
    structure = json.loads(doc.structure)
    assert structure["parts"] == ["/word/document.xml", "/word/header1.xml", "/word/footer1.xml"]
    shown = [doc.text[start:end] for _, _, _, start, end in structure["paragraphs"]]
    assert shown == [
        "OFFICIAL-SENSITIVE",
        "Review of the cable project",
        PROSE,
        "First item of the list",
        "Route",
        "Cost",
        "North",
        "USD 4m",
        LATER,
        "Prepared for the board of Northwind Ltd",
    ]
    reasons = {span.reason for span in doc.protected}
    assert reasons == {"page header or footer", "paragraph break"}
    header = doc.protected[0]
    assert doc.text[header.start : header.end] == "OFFICIAL-SENSITIVE"


def _with_document_xml(data: bytes, change: tuple[bytes, bytes]) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            content = source.read(info)
            if info.filename == "word/document.xml":
                assert change[0] in content
                content = content.replace(*change, 1)
            target.writestr(info, content)
    return out.getvalue()


def test_extract_docx_with_tracked_changes_is_refused() -> None:
    revised = _with_document_xml(
        memo_docx(),
        (
            b"<w:r><w:t>First item",
            b'<w:ins w:id="9" w:author="A" w:date="2026-01-01T00:00:00Z"><w:r><w:t>New '
            b"</w:t></w:r></w:ins><w:r><w:t>First item",
        ),
    )
    with pytest.raises(InputError, match="tracked changes; accept or reject them all"):
        extract_document(revised, "memo.docx", LIMIT)


def test_extract_docx_with_comments_is_refused() -> None:
    document = docx.Document()
    paragraph = document.add_paragraph("The board said that it would begin soon.")
    document.add_comment(paragraph.runs, text="check the date", author="Ann")
    out = io.BytesIO()
    document.save(out)
    with pytest.raises(InputError, match="has comments; delete them"):
        extract_document(out.getvalue(), "memo.docx", LIMIT)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"PK\x03\x04 not really a zip", "not a valid .docx file"),
        (b"just some text", "not a valid .docx file"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "password-protected or an old"),
    ],
)
def test_extract_docx_damaged_or_encrypted_is_refused(data: bytes, message: str) -> None:
    with pytest.raises(InputError, match=message):
        extract_document(data, "memo.docx", LIMIT)


def test_extract_docx_zip_without_word_document_is_refused() -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as package:
        package.writestr("hello.txt", "hi")
    with pytest.raises(InputError, match=r"not a valid \.docx file \(\w+\); open it in Word"):
        extract_document(out.getvalue(), "memo.docx", LIMIT)


def test_extract_empty_docx_is_refused() -> None:
    out = io.BytesIO()
    docx.Document().save(out)
    with pytest.raises(EmptyInputError, match="holds no text"):
        extract_document(out.getvalue(), "blank.docx", LIMIT)


@pytest.mark.parametrize("name", ["memo.docx", "report.pdf", "page.html", "mail.eml", "a.txt"])
def test_extract_over_the_limit_is_refused(name: str) -> None:
    with pytest.raises(TooLargeError, match="over the limit of 1,000; raise LEAKTRACE_MAX"):
        extract_document(b"x" * 1001, name, 1000)


def test_extract_docx_that_unpacks_too_large_is_refused() -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("word/document.xml", b" " * 2_000_000)
    with pytest.raises(TooLargeError, match="unpacks to 2,000,000 bytes"):
        extract_document(out.getvalue(), "bomb.docx", 20_000)


def test_extract_pdf_joins_lines_into_paragraphs_and_keeps_page_furniture_once() -> None:
    doc = extract_document(report_pdf(), "report.pdf", LIMIT)
    assert doc.format == "pdf" and doc.title == "Cable review"
    blocks = doc.text.rstrip("\n").split("\n\n")
    assert blocks[0] == "OFFICIAL-SENSITIVE"
    assert blocks[1] == "Review of the cable project"
    assert blocks[2] == f"{PROSE} {LATER} This is paragraph 0."
    assert blocks[-3] == f"{PROSE} {LATER} This is paragraph 29."
    assert len(blocks) == 2 + 30 + 2
    assert blocks[-2:] == ["- first point", "- second point"]
    assert doc.text.count("OFFICIAL-SENSITIVE") == 1
    assert "Page" not in doc.text
    assert doc.protected[0].reason == "page header or footer"


def test_extract_pdf_without_text_layer_says_to_trace_it_as_an_image() -> None:
    out = io.BytesIO()
    page = canvas.Canvas(out)
    page.rect(72, 72, 200, 100, fill=1)
    page.save()
    with pytest.raises(EmptyInputError, match=r"has no text layer.*trace it as an image"):
        extract_document(out.getvalue(), "scan.pdf", LIMIT)


def test_extract_pdf_with_a_password_is_refused() -> None:
    out = io.BytesIO()
    page = canvas.Canvas(out, encrypt=pdfencrypt.StandardEncryption("open-sesame", "owner"))
    page.drawString(72, 700, "The board said that it would begin soon.")
    page.save()
    with pytest.raises(InputError, match="password-protected; save or print it"):
        extract_document(out.getvalue(), "locked.pdf", LIMIT)


def test_extract_pdf_restricted_only_for_editing_is_read() -> None:
    out = io.BytesIO()
    page = canvas.Canvas(out, encrypt=pdfencrypt.StandardEncryption("", "owner", canModify=0))
    page.drawString(72, 700, "The board said that it would begin soon.")
    page.save()
    doc = extract_document(out.getvalue(), "restricted.pdf", LIMIT)
    assert doc.text == "The board said that it would begin soon.\n"


@pytest.mark.parametrize("data", [b"%PDF-1.7\n garbage", b"not a pdf at all"])
def test_extract_damaged_pdf_is_refused(data: bytes) -> None:
    with pytest.raises(InputError, match="not a readable PDF"):
        extract_document(data, "broken.pdf", LIMIT)


HTML = """<!doctype html><html><head><title>Cable review</title>
<style>p { color: red }</style><script>alert("x")</script></head>
<body><div class="marking">OFFICIAL-SENSITIVE</div>
<h1>Review of the <em>cable</em> project</h1>
<p>The board said that it would begin the review of the <b>northern route</b> soon,
   and the committee agreed that the programme should be finalised in June.</p>
<ul><li>First item</li><li>Second &amp; last item</li></ul>
<table><tr><th>Route</th><th>Cost</th></tr><tr><td>North</td><td>USD 4m</td></tr></table>
<p>We think that the organisation will realise the benefits,<br>as the analysis shows.</p>
</body></html>"""


def test_extract_html_blocks_headings_lists_and_tables() -> None:
    doc = extract_document(HTML.encode(), "review.html", LIMIT)
    assert doc == ExtractedDocument(
        "OFFICIAL-SENSITIVE\n\n"
        "# Review of the cable project\n\n"
        f"{PROSE}\n\n"
        "- First item\n\n- Second & last item\n\n"
        "| Route | Cost |\n| North | USD 4m |\n\n"
        "We think that the organisation will realise the benefits,\n\n"
        "as the analysis shows.\n",
        "html",
        "Cable review",
    )


def test_extract_html_declared_charset_is_honoured() -> None:
    page = '<meta charset="iso-8859-1"><p>Café society.</p>'.encode("latin-1")
    assert extract_document(page, "page.htm", LIMIT).text == "Café society.\n"


def test_extract_html_without_text_is_refused() -> None:
    with pytest.raises(EmptyInputError, match="holds no text"):
        extract_document(b"<html><script>x()</script></html>", "page.html", LIMIT)


def _mail(plain: str | None, html: str | None) -> bytes:
    message = EmailMessage()
    message["From"] = "Ann Archer <ann@example.org>"
    message["To"] = "board@example.org"
    message["Date"] = "Fri, 27 Nov 2026 09:00:00 +0000"
    message["Subject"] = "Cable review"
    if plain is not None:
        message.set_content(plain)
    if html is not None:
        if plain is None:
            message.set_content(html, subtype="html")
        else:
            message.add_alternative(html, subtype="html")
    return message.as_bytes()


HEADER_LINES = (
    "From: Ann Archer <ann@example.org>\n\nTo: board@example.org\n\n"
    "Date: Fri, 27 Nov 2026 09:00:00 +0000\n\nSubject: Cable review\n\n"
)


def test_extract_eml_prefers_the_plain_text_body_and_joins_wrapped_lines() -> None:
    plain = (
        "The board said that it would begin the review of the northern route soon,\n"
        "and the committee agreed that the programme should be finalised in June.\n\n"
        "- First item\n"
    )
    doc = extract_document(_mail(plain, "<p>HTML version</p>"), "mail.eml", LIMIT)
    assert doc.format == "eml" and doc.title == "Cable review"
    assert doc.text == HEADER_LINES + PROSE + "\n\n- First item\n"
    first = doc.protected[0]
    assert doc.text[first.start : first.end].startswith("From: Ann")


def test_extract_eml_reads_an_html_only_body() -> None:
    doc = extract_document(_mail(None, f"<h2>Plan</h2><p>{PROSE}</p>"), "mail.eml", LIMIT)
    assert doc.text == HEADER_LINES + "## Plan\n\n" + PROSE + "\n"


def test_extract_eml_without_headers_or_body_is_refused() -> None:
    with pytest.raises(InputError, match="not an e-mail message"):
        extract_document(b"just a line of text\n", "mail.eml", LIMIT)
    message = EmailMessage()
    message["Subject"] = "Only an attachment"
    message.add_attachment(b"\x89PNG...", maintype="image", subtype="png", filename="a.png")
    with pytest.raises(EmptyInputError, match="no text or HTML body"):
        extract_document(message.as_bytes(), "mail.eml", LIMIT)


def test_extract_text_files_are_read_as_they_are() -> None:
    doc = extract_document(b"# Memo\r\n\r\nThe board met.", "memo.md", LIMIT)
    assert doc == ExtractedDocument("# Memo\n\nThe board met.", "md")
    with pytest.raises(BinaryInputError, match="binary"):
        extract_document(b"\x00\x01", "memo.txt", LIMIT)


def test_extract_unsupported_suffix_names_the_formats() -> None:
    with pytest.raises(InputError, match=r"reads \.txt and \.md text, and \.docx, \.pdf"):
        extract_document(b"x", "sheet.xlsx", LIMIT)


def test_extract_trace_text_is_the_documents_text() -> None:
    data = memo_docx()
    assert (
        extract_trace_text(data, "leak.docx", LIMIT) == extract_document(data, "x.docx", 10**7).text
    )


def test_extract_html_nested_and_unclosed_tables_keep_every_cell() -> None:
    nested = (
        b"<table><tr><td><h2>A</h2><p>x<b>y</b></p></td><td>B<table><tr><td>in</td>"
        b"<td>two</td></tr></table>C</td></tr></table><p>After it.</p>"
    )
    assert extract_document(nested, "t.html", LIMIT).text == "| A xy | B in two C |\n\nAfter it.\n"
    unclosed = b"<table><tr><td>a<td>b<tr><td>c</table>after"
    assert extract_document(unclosed, "t.html", LIMIT).text == "| a | b |\n| c |\n\nafter\n"


def test_extract_docx_tabs_and_line_breaks_read_as_spaces() -> None:
    document = docx.Document()
    run = document.add_paragraph().add_run("Ref")
    run.add_tab()
    run.add_text("one")
    run.add_break()
    run.add_text("two.")
    out = io.BytesIO()
    document.save(out)
    assert extract_document(out.getvalue(), "t.docx", LIMIT).text == "Ref one two.\n"


def test_extract_docx_protects_text_shown_by_fields() -> None:
    from docx.oxml import parse_xml

    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    document = docx.Document()
    paragraph = document.add_paragraph("As said that in ")
    paragraph._p.append(
        parse_xml(
            f'<w:fldSimple {w} w:instr="REF s1"><w:r><w:t>said that</w:t></w:r></w:fldSimple>'
        )
    )
    paragraph.add_run(" and ")
    for xml in (
        f'<w:r {w}><w:fldChar w:fldCharType="begin"/></w:r>',
        f'<w:r {w}><w:instrText xml:space="preserve"> DATE </w:instrText></w:r>',
        f'<w:r {w}><w:fldChar w:fldCharType="separate"/></w:r>',
        f"<w:r {w}><w:t>27 November</w:t></w:r>",
        f'<w:r {w}><w:fldChar w:fldCharType="end"/></w:r>',
    ):
        paragraph._p.append(parse_xml(xml))
    paragraph.add_run(", we said that it would begin.")
    out = io.BytesIO()
    document.save(out)
    doc = extract_document(out.getvalue(), "f.docx", LIMIT)
    assert doc.text == "As said that in said that and 27 November, we said that it would begin.\n"
    fields = [doc.text[s.start : s.end] for s in doc.protected if s.reason == "field"]
    assert fields == ["said that", "27 November"]
