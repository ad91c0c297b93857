"""Pages, scans and photos (shared/BENCHMARK.md), and the cost of issuing PDF copies.

Usage:
    python bench/pages.py trace [--trials 40] [--seed 1995] [--workers 2] [--docs NAME ...]
    python bench/pages.py issue [--copies 1000]
    python bench/pages.py report     # rewrite pages.md from pages.json

``trace``: every corpus document is issued as PDF to 10,000 recipients (recorded in the store,
exactly as `leaktrace issue --format pdf` records them). A trial picks a document, a recipient
and page 1 or 2, writes that recipient's PDF, renders the page (poppler's pdftoppm) and degrades
it: a screenshot at 100, 150 or 300 dpi, a scan (300 dpi, rotated up to 1.5 degrees, noise), a
phone photo (200 dpi page on a table, perspective, blur sigma 1-2 px, uneven light, JPEG 50).
The picture goes through exactly what `leaktrace trace picture.jpg` does (rectify, Tesseract,
both channels) and is scored at level 1e-6. Recorded per trial: named right, named wrong (a
false accusation), or not named; and the same verdict from each channel alone (the text's points
only, the layout's points only), which gives each channel's share.

``issue``: seconds to issue 1,000 PDF copies of a two-page document (written to disk).

Results: bench/results/pages.{json,md} and bench/results/cost-pdf.{json,md}.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from degrade import photo, png, render_page, scan
from run import RESULTS, corpus_files, machine, temporary_workspace, write_results

from leaktrace.codes import CODE_KEY_LABEL
from leaktrace.documents import add_document
from leaktrace.issuing import issue, prepare_issue, render_copy_file
from leaktrace.layout import is_layout_key
from leaktrace.model import ItemEvidence
from leaktrace.surfaced import read_surfaced
from leaktrace.trace import read_evidence, score_evidence
from leaktrace.tracing import StoreSource
from leaktrace.workspace import open_workspace

N_RECIPIENTS = 10_000
FULL_PAGE_WORDS = 300
"""A picture showing at least this many words (as OCR read them) is a full page; the last page
of a short document may hold only a few lines, and both kinds are reported apart."""
LEVEL = 1e-6
CONDITIONS = ("screenshot-100dpi", "screenshot-150dpi", "screenshot-300dpi", "scan-300dpi", "photo")
TARGETS = {
    "screenshot-100dpi": 0.99,
    "screenshot-150dpi": 0.99,
    "screenshot-300dpi": 0.99,
    "scan-300dpi": 0.99,
    "photo": 0.95,
}


def _picture(pdf: bytes, page: int, condition: str, rng: np.random.Generator) -> tuple[bytes, str]:
    if condition.startswith("screenshot"):
        dpi = int(condition.split("-")[1].removesuffix("dpi"))
        return png(render_page(pdf, page, dpi)), "page.png"
    if condition == "scan-300dpi":
        return scan(render_page(pdf, page, 300), rng), "scan.png"
    return photo(render_page(pdf, page, 200), rng), "photo.jpg"


def _verdict(result: Any, leaker: str) -> str:
    if not result.accused:
        return "not named"
    return "named" if list(result.accused) == [leaker] else "false accusation"


def _only(item: ItemEvidence, layout: bool) -> ItemEvidence:
    documents = tuple(
        replace(d, points=tuple(p for p in d.points if is_layout_key(p.point_key) == layout))
        for d in item.documents
    )
    return replace(item, documents=documents)


def _trial(job: dict[str, Any]) -> dict[str, Any]:
    workspace = open_workspace(Path(job["home"]), key_file=Path(job["key_file"]))
    try:
        store = workspace.store
        rng = np.random.default_rng(job["seed"])
        copy = render_copy_file(store, workspace.key, job["batch"], job["recipient"])
        picture, name = _picture(copy.data, job["page"], job["condition"], rng)
        started = time.perf_counter()
        surfaced = read_surfaced(picture, name, 100_000_000)
        source = StoreSource(store)
        code_key = workspace.key.derive(CODE_KEY_LABEL)
        item = read_evidence(surfaced.text, source, name=name, layout=surfaced.layout)
        both = score_evidence([item], source, code_key, level=LEVEL)
        seconds = time.perf_counter() - started
        text = score_evidence([_only(item, False)], source, code_key, level=LEVEL)
        layout = score_evidence([_only(item, True)], source, code_key, level=LEVEL)
        points = [p for d in item.documents for p in d.points]
        (recipient,) = store.recipients_by_numbers([job["recipient"]])
        leaker = recipient.external_id
        return {
            **{k: job[k] for k in ("document", "condition", "page", "recipient")},
            "verdict": _verdict(both, leaker),
            "text_only": _verdict(text, leaker),
            "layout_only": _verdict(layout, leaker),
            "text_points": sum(1 for p in points if not is_layout_key(p.point_key)),
            "layout_points": sum(1 for p in points if is_layout_key(p.point_key)),
            "log10_bound": both.candidates[0].log10_false_accusation if both.candidates else 0.0,
            "ocr_words": len(surfaced.text.split()),
            "seconds": seconds,
        }
    except Exception as error:  # a crash is a result too: recorded, never hidden
        return {
            **{k: job[k] for k in ("document", "condition", "page", "recipient")},
            "verdict": "error",
            "text_only": "error",
            "layout_only": "error",
            "error": f"{type(error).__name__}: {error}",
        }
    finally:
        workspace.close()


def trace(args: argparse.Namespace) -> None:
    rng = np.random.default_rng(args.seed)
    with tempfile.TemporaryDirectory() as tmp:
        workspace = temporary_workspace(Path(tmp))
        store = workspace.store
        store.bulk_add_recipients(N_RECIPIENTS, prefix="r")
        batches = {}
        for path in corpus_files(args.docs):
            add_document(store, path, doc_id=path.stem)
            job = prepare_issue(store, workspace.key, path.stem, ["all"], fmt="pdf")
            store.mark_released(
                job.batch_id, [r.number for r in job.to_write], ["bench"] * len(job.to_write)
            )
            batches[path.stem] = (job.batch_id, job.layout.pages if job.layout else 1)
        home, key_file = str(workspace.home), str(workspace.key_file)
        workspace.close()
        jobs = []
        documents = sorted(batches)
        for condition in CONDITIONS:
            for trial in range(args.trials):
                document = documents[trial % len(documents)]
                batch, pages = batches[document]
                recipient = int(rng.integers(1, N_RECIPIENTS + 1))
                jobs.append(
                    {
                        "home": home,
                        "key_file": key_file,
                        "batch": batch,
                        "document": document,
                        "condition": condition,
                        "page": int(rng.integers(1, min(pages, 2) + 1)),
                        "recipient": recipient,
                        "seed": int(rng.integers(2**31)),
                    }
                )
        started = time.perf_counter()
        with multiprocessing.Pool(args.workers) as pool:
            rows = []
            for row in pool.imap_unordered(_trial, jobs):
                rows.append(row)
                print(json.dumps(row), flush=True)
        elapsed = time.perf_counter() - started
    report = {
        "command": f"python bench/pages.py trace --trials {args.trials} --seed {args.seed}",
        "machine": machine(),
        "recipients": N_RECIPIENTS,
        "level": LEVEL,
        "seconds": elapsed,
        "summary": _summary(rows),
        "rows": rows,
    }
    write_results("pages", report, _markdown(report))


def _summary(rows: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    summary = {}
    for condition in CONDITIONS:
        mine = [r for r in rows if r["condition"] == condition]
        if not mine:
            continue
        n = len(mine)

        def rate(field: str, value: str, rows: list[dict[str, Any]] = mine) -> float:
            return sum(1 for r in rows if r[field] == value) / len(rows)

        ok = [r for r in mine if r["verdict"] != "error"]
        full = [r for r in ok if r["ocr_words"] >= FULL_PAGE_WORDS]
        short = [r for r in ok if r["ocr_words"] < FULL_PAGE_WORDS]
        summary[condition] = {
            "trials": n,
            "named": rate("verdict", "named"),
            "false_accusations": sum(
                1
                for r in mine
                for f in ("verdict", "text_only", "layout_only")
                if r[f] == "false accusation"
            ),
            "errors": n - len(ok),
            "named_text_only": rate("text_only", "named"),
            "named_layout_only": rate("layout_only", "named"),
            "mean_text_points": float(np.mean([r["text_points"] for r in ok])) if ok else 0.0,
            "mean_layout_points": float(np.mean([r["layout_points"] for r in ok])) if ok else 0.0,
            "median_seconds": float(np.median([r["seconds"] for r in ok])) if ok else 0.0,
            "target": TARGETS[condition],
            "full_pages": len(full),
            "named_full_pages": rate("verdict", "named", full) if full else 0.0,
            "short_pages": len(short),
            "named_short_pages": rate("verdict", "named", short) if short else 0.0,
        }
    return summary


def _markdown(report: dict[str, Any]) -> str:
    lines = [
        "# Pages, scans and photos",
        "",
        f"Command: `{report['command']}`. Machine: {report['machine']}. "
        f"{report['recipients']:,} recipients, level {report['level']:g}; one page (page 1 or 2) "
        "of a PDF copy per trial; Tesseract OCR for the words, the layout marks read from the "
        f"picture. Wall time {report['seconds']:.0f} s.",
        "",
        "| picture | trials | named | target | false accusations | named, text points only "
        "| named, layout points only | text points read (mean) | layout points read (mean) "
        "| seconds per trace (median) | errors | named, pages of ≥ 300 words | named, pages of fewer |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for condition, s in report["summary"].items():
        lines.append(
            f"| {condition} | {s['trials']} | {100 * s['named']:.1f} % | "
            f"≥ {100 * s['target']:.0f} % | {s['false_accusations']} | "
            f"{100 * s['named_text_only']:.1f} % | {100 * s['named_layout_only']:.1f} % | "
            f"{s['mean_text_points']:.1f} | {s['mean_layout_points']:.1f} | "
            f"{s['median_seconds']:.1f} | {s['errors']} | "
            f"{100 * s['named_full_pages']:.1f} % of {s['full_pages']} | "
            f"{100 * s['named_short_pages']:.1f} % of {s['short_pages']} |"
        )
    lines += [
        "",
        "A false accusation counts any trial in which the combined verdict or either channel "
        "alone named someone other than the leaker. Misses are listed in pages.json (`rows`). "
        f"The last two columns split the trials by the words OCR read on the page ({FULL_PAGE_WORDS} "
        "or more, or fewer: the last page of a short document, or a page of headings and bullets).",
        "",
        "Misses by page:",
        "",
        "| document | page | misses | words read on the page (median) |",
        "|---|---:|---:|---:|",
    ]
    misses: dict[tuple[str, int], list[int]] = {}
    for row in report["rows"]:
        if row["verdict"] != "named":
            misses.setdefault((row["document"], row["page"]), []).append(row.get("ocr_words", 0))
    for (document, page), words in sorted(misses.items(), key=lambda m: -len(m[1])):
        lines.append(f"| {document} | {page} | {len(words)} | {int(np.median(words))} |")
    lines.append("")
    return "\n".join(lines)


def report_again(_: argparse.Namespace) -> None:
    """Rewrite pages.md from the rows in pages.json (no trial is run again)."""
    report = json.loads((RESULTS / "pages.json").read_text(encoding="utf-8"))
    report["summary"] = _summary(report["rows"])
    write_results("pages", report, _markdown(report))


def issue_cost(args: argparse.Namespace) -> None:
    document = next(p for p in corpus_files(None) if "ceo-all-hands" in p.name)
    with tempfile.TemporaryDirectory() as tmp:
        workspace = temporary_workspace(Path(tmp))
        workspace.store.bulk_add_recipients(args.copies, prefix="r")
        add_document(workspace.store, document, doc_id="memo")
        started = time.perf_counter()
        report = issue(
            workspace.store, workspace.key, "memo", ["all"], Path(tmp) / "copies", fmt="pdf"
        )
        seconds = time.perf_counter() - started
        sizes = [p.stat().st_size for p in (Path(tmp) / "copies").glob("*.pdf")]
        workspace.close()
    assert report.written == args.copies
    result = {
        "command": f"python bench/pages.py issue --copies {args.copies}",
        "machine": machine(),
        "copies": args.copies,
        "words": len(document.read_text(encoding="utf-8").split()),
        "seconds": seconds,
        "mean_bytes": float(np.mean(sizes)),
        "target_seconds": 60,
    }
    print(json.dumps(result))
    markdown = (
        "# Cost of issuing PDF copies\n\n"
        f"Command: `{result['command']}`. Machine: {result['machine']}.\n\n"
        "| task | seconds | target | mean file size |\n|---|---:|---:|---:|\n"
        f"| issue {args.copies:,} PDF copies of a {result['words']}-word (two-page) document, "
        f"written to disk | {seconds:.1f} | < 60 | {result['mean_bytes'] / 1024:.0f} KiB |\n"
    )
    write_results("cost-pdf", result, markdown)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    sub = parser.add_subparsers(dest="command", required=True)
    t = sub.add_parser("trace")
    t.add_argument("--trials", type=int, default=40)
    t.add_argument("--seed", type=int, default=1995)
    t.add_argument("--workers", type=int, default=2)
    t.add_argument("--docs", nargs="*")
    i = sub.add_parser("issue")
    i.add_argument("--copies", type=int, default=1000)
    sub.add_parser("report")
    args = parser.parse_args()
    {"trace": trace, "issue": issue_cost, "report": report_again}[args.command](args)


if __name__ == "__main__":
    main()
