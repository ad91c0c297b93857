"""The evidence report as PDF (reportlab, pure Python: no system libraries needed).

Laid out like the HTML report, section for section, from the same :class:`~leaktrace.report.Report`.
Text is set in DejaVu Sans (shipped with matplotlib, so every character of a leak prints); the
report's own hash is set in Courier, a standard PDF font, so that it stays plain characters in the
uncompressed page content and :func:`leaktrace.report.seal` can write it in place.

Example:
    See :func:`leaktrace.report.render`, which calls :func:`render_pdf` and seals the result.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    Flowable,
    Image,
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from leaktrace.report import GRADES, Fragment, Report, escape, one_in

_FONT = "LeaktraceSans"
_BOLD = "LeaktraceSans-Bold"
_GRADE_COLOUR = {
    "identified": colors.HexColor("#c0392b"),
    "narrowed": colors.HexColor("#d4a017"),
    "inconclusive": colors.HexColor("#5b7a99"),
    "no_match": colors.HexColor("#5b7a99"),
}
_MARK = "#ffe08a"


def _register_fonts() -> tuple[str, str]:
    """DejaVu Sans from matplotlib's data folder; Helvetica if it is somehow missing."""
    if _FONT in pdfmetrics.getRegisteredFontNames():
        return _FONT, _BOLD
    import matplotlib

    folder = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
    regular, bold = folder / "DejaVuSans.ttf", folder / "DejaVuSans-Bold.ttf"
    if not (regular.is_file() and bold.is_file()):
        return "Helvetica", "Helvetica-Bold"
    pdfmetrics.registerFont(TTFont(_FONT, str(regular)))
    pdfmetrics.registerFont(TTFont(_BOLD, str(bold)))
    return _FONT, _BOLD


def render_pdf(
    report: Report, placeholder: str, assumptions: Sequence[str], limits: Sequence[str]
) -> bytes:
    """The PDF bytes, with ``placeholder`` where the report's hash goes (unsealed)."""
    font, bold = _register_fonts()
    styles = _Styles(font, bold)
    story: list[Flowable] = []
    p = styles.paragraph

    story.append(p(report.title, styles.title))
    story.append(
        p(
            f"Generated {report.generated:%Y-%m-%d %H:%M:%S} UTC by {report.generated_by} with "
            f"{report.code_version} (code: {report.code_schemes}).",
            styles.muted,
        )
    )
    verdict = report.headline
    box = Table(
        [[Paragraph(f"<b>{GRADES[report.grade]}.</b> {escape(verdict)}", styles.grade)]],
        colWidths=[170 * mm],
    )
    box.setStyle(
        TableStyle(
            [
                ("LINEBEFORE", (0, 0), (0, 0), 6, _GRADE_COLOUR[report.grade]),
                ("BACKGROUND", (0, 0), (0, 0), colors.HexColor("#f7f4ef")),
                ("LEFTPADDING", (0, 0), (0, 0), 10),
                ("TOPPADDING", (0, 0), (0, 0), 8),
                ("BOTTOMPADDING", (0, 0), (0, 0), 8),
            ]
        )
    )
    story += [Spacer(1, 4 * mm), box, Spacer(1, 2 * mm), p(report.explanation)]

    if report.purpose:
        story.append(p("The case", styles.h2))
        story.append(
            styles.table(
                [
                    ["Purpose", report.purpose],
                    ["Authorised by", report.authorised_by],
                    ["Investigators", report.investigators],
                ],
                [35 * mm, 135 * mm],
                header=False,
            )
        )

    story.append(p("What surfaced", styles.h2))
    rows = [["#", "item", "SHA-256 of its exact bytes", "source", "added by, when (UTC)"]]
    for item in report.items:
        when = f", {item.added:%Y-%m-%d %H:%M:%S}" if item.added else ""
        rows.append([str(item.seq), item.name, item.sha256, item.source, item.added_by + when])
    story.append(styles.table(rows, [8 * mm, 30 * mm, 52 * mm, 40 * mm, 40 * mm], mono={2}))

    story.append(p("Which documents and passages it matches", styles.h2))
    if not report.documents:
        story.append(p("No passage of the material comes from any stored document."))
    for document in report.documents:
        story.append(
            p(
                f"<b>{escape(document.title)}</b> ({escape(document.document)}, version "
                f"{document.version}; {document.recipients} recipients; {document.points_read} "
                "points read)",
                raw=True,
            )
        )
        side: list[list[object]] = [
            [p("<b>What surfaced</b>", raw=True), p("<b>The source document</b>", raw=True)]
        ]
        for passage in document.passages:
            label = f"item {passage.item + 1}"
            if passage.item_name:
                label += f" ({passage.item_name})"
            left = f'<font color="#666666">{escape(label)}:</font> ' + _marked(passage.leak)
            side.append(
                [
                    p(left, styles.small, raw=True),
                    p(_marked(passage.source), styles.small, raw=True),
                ]
            )
        story.append(styles.grid(side, [85 * mm, 85 * mm]))
    story.append(
        p(
            "Highlighted: the variation points, the places where recipients' copies differ "
            "from one another.",
            styles.muted,
        )
    )

    for accused in report.accused:
        story.append(p(f"Point by point: {accused.name} ({accused.recipient})", styles.h2))
        story.append(
            p(
                f"At each point read, the wording observed in what surfaced and the wording in "
                f"the copy issued to {escape(accused.name)}. Their copy agrees at "
                f"<b>{accused.points_matching} of {accused.points_read}</b> points.",
                raw=True,
            )
        )
        rows = [["#", "kind", "the options", "observed", f"in {accused.recipient}'s copy", "match"]]
        for row in accused.rows:
            copy = row.in_copy + ("" if row.marked else " (not marked in this copy)")
            rows.append(
                [
                    str(row.number),
                    row.kind,
                    row.options,
                    row.observed,
                    copy,
                    "match" if row.match else "DIFFERS",
                ]
            )
        story.append(styles.table(rows, [8 * mm, 24 * mm, 48 * mm, 35 * mm, 37 * mm, 18 * mm]))

    story.append(p("The statistics in plain words", styles.h2))
    story += [p(line) for line in report.statistics]
    if report.candidates:
        rows = [
            ["#", "recipient", "name", "points agreeing", "chance a copy not theirs matches", ""]
        ]
        for c in report.candidates:
            rows.append(
                [
                    str(c.rank),
                    c.recipient,
                    c.name,
                    f"{c.points_matching} of {c.points_read}",
                    one_in(c.log10_false_accusation),
                    "named" if c.accused else "",
                ]
            )
        story.append(styles.table(rows, [8 * mm, 28 * mm, 40 * mm, 28 * mm, 50 * mm, 16 * mm]))
    if report.plot_png:
        image = Image(io.BytesIO(report.plot_png), width=170 * mm, height=170 * mm * 3.4 / 9.0)
        caption = p(
            "Left: every recipient of the matched documents, by the number of points at which "
            "their copy agrees with what surfaced (log scale); red lines mark those named. Right: "
            "the strength of the evidence against the best candidates (higher is stronger); a "
            "recipient is named only above the dashed line.",
            styles.muted,
        )
        story.append(KeepTogether([Spacer(1, 3 * mm), image, caption]))

    story.append(p("Method and assumptions", styles.h2))
    story += [p(line) for line in report.method]
    story += [p("• " + line) for line in assumptions]

    story.append(p("What the evidence does not show", styles.h2))
    story += [p("• " + line) for line in limits]

    if report.history:
        story.append(p("Verdict history", styles.h2))
        rows = [["after item", "when (UTC)", "verdict", "tested at", "named"]]
        for h in report.history:
            rows.append(
                [
                    str(h.after_item),
                    f"{h.at:%Y-%m-%d %H:%M:%S}",
                    h.verdict,
                    one_in(_log10(h.level)),
                    h.accused,
                ]
            )
        story.append(styles.table(rows, [22 * mm, 40 * mm, 28 * mm, 40 * mm, 40 * mm]))

    story.append(p("How to reproduce this verdict", styles.h2))
    story.append(p("On the workspace that holds the stored data, with its secret key:"))
    story += [p(command, styles.code) for command in report.reproduce]
    story.append(
        p(
            "The first command re-derives the verdict from what is stored; it must report the "
            "same result, the same recipients and the same figures."
        )
    )

    story.append(p("Integrity of this report", styles.h2))
    story.append(Paragraph(f"Report SHA-256: {placeholder}", styles.hash))
    story.append(
        p(
            "This value is the SHA-256 of this file as written, with the value itself replaced by "
            '64 zeros ("0"); the page content of this PDF is not compressed, so the value can be '
            "found and replaced in the file. Check it with `leaktrace report --verify FILE`. "
            f"Produced with {report.code_version}.",
            styles.muted,
        )
    )

    buffer = io.BytesIO()
    template = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=20 * mm,
        rightMargin=20 * mm,
        topMargin=18 * mm,
        bottomMargin=18 * mm,
        title=report.title,
        author=report.generated_by,
        creator=report.code_version,
        pageCompression=0,
        invariant=1,
    )

    def footer(canvas: Canvas, doc: object) -> None:
        canvas.saveState()
        canvas.setFont(font, 8)
        canvas.setFillColor(colors.HexColor("#666666"))
        page = canvas.getPageNumber()
        canvas.drawString(20 * mm, 10 * mm, f"{report.title} — page {page}")
        canvas.restoreState()

    template.build(story, onFirstPage=footer, onLaterPages=footer)
    return buffer.getvalue()


def _log10(value: float) -> float:
    import math

    return math.log10(value)


def _cell(value: str, *, bold: bool) -> str:
    if value == "DIFFERS":
        return '<font color="#b03a2e"><b>differs</b></font>'
    if value == "match":
        return '<font color="#1e7b34">match</font>'
    return f"<b>{escape(value)}</b>" if bold else escape(value)


def _marked(fragments: Sequence[Fragment]) -> str:
    return "".join(
        f'<font backColor="{_MARK}"><b>{escape(f.text)}</b></font>' if f.marked else escape(f.text)
        for f in fragments
    )


class _Styles:
    def __init__(self, font: str, bold: str) -> None:
        self.body = ParagraphStyle("body", fontName=font, fontSize=9.5, leading=13, spaceAfter=4)
        self.small = ParagraphStyle("small", parent=self.body, fontSize=8.5, leading=11.5)
        self.muted = ParagraphStyle(
            "muted",
            parent=self.body,
            fontSize=8,
            leading=10.5,
            textColor=colors.HexColor("#666666"),
        )
        self.title = ParagraphStyle("title", fontName=bold, fontSize=17, leading=21, spaceAfter=4)
        self.h2 = ParagraphStyle(
            "h2",
            fontName=bold,
            fontSize=12.5,
            leading=16,
            spaceBefore=10,
            spaceAfter=5,
            keepWithNext=1,
        )
        self.grade = ParagraphStyle("grade", parent=self.body, fontSize=11.5, leading=15)
        self.code = ParagraphStyle(
            "code",
            parent=self.body,
            fontName="Courier",
            fontSize=8.5,
            leading=11,
            alignment=TA_LEFT,
        )
        self.hash = ParagraphStyle("hash", parent=self.code, fontSize=8)
        self.cell = ParagraphStyle("cell", parent=self.body, fontSize=8, leading=10, spaceAfter=0)
        self.mono_cell = ParagraphStyle("mono", parent=self.cell, fontName="Courier", fontSize=6.5)

    def paragraph(
        self, text: str, style: ParagraphStyle | None = None, *, raw: bool = False
    ) -> Paragraph:
        return Paragraph(text if raw else escape(text), style or self.body)

    def table(
        self,
        rows: Sequence[Sequence[str]],
        widths: Sequence[float],
        *,
        header: bool = True,
        mono: set[int] | None = None,
    ) -> Table:
        cells = [
            [
                Paragraph(
                    _cell(value, bold=header and r == 0),
                    self.mono_cell if mono and c in mono and r > 0 else self.cell,
                )
                for c, value in enumerate(row)
            ]
            for r, row in enumerate(rows)
        ]
        return self.grid(cells, widths, header=header)

    def grid(
        self, cells: Sequence[Sequence[object]], widths: Sequence[float], *, header: bool = True
    ) -> Table:
        table = Table(
            [list(row) for row in cells],
            colWidths=list(widths),
            repeatRows=int(header),
            splitInRow=1,
        )
        style: list[Any] = [
            ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#bbbbbb")),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 4),
            ("RIGHTPADDING", (0, 0), (-1, -1), 4),
        ]
        if header:
            style.append(("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eeeeee")))
        table.setStyle(TableStyle(style))
        return table
