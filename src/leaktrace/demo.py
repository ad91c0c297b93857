"""``leaktrace demo``: the whole story on a temporary workspace, in well under a minute.

A made-up organisation registers the bundled sample cable, issues it to a few hundred made-up
recipients, and one of them leaks: a newspaper prints a retyped, cut and glossed extract of their
copy. leaktrace traces the article and names the leaker; then it traces a second article that
quotes just a few words, and says how far that narrows the field without naming anyone. Last,
the cable goes out as PDF and a photo of a printed page is traced (when Tesseract is installed).
"""

from __future__ import annotations

import csv
import random
import re
import shutil
import subprocess
import tempfile
import time
from importlib import resources
from pathlib import Path

from rich.console import Console
from rich.rule import Rule

from leaktrace.documents import add_document
from leaktrace.issuing import issue
from leaktrace.store.csvimport import read_recipients_csv
from leaktrace.tracing import StoreSource, trace_file
from leaktrace.views import print_added, print_issue, print_trace
from leaktrace.workspace import init_workspace

_FIRST = [
    "Alex",
    "Sam",
    "Jo",
    "Chris",
    "Pat",
    "Robin",
    "Morgan",
    "Jamie",
    "Taylor",
    "Casey",
    "Jordan",
    "Charlie",
    "Drew",
    "Hilary",
    "Leslie",
    "Frances",
    "Ashley",
    "Kim",
    "Lee",
    "Ray",
    "Noor",
    "Priya",
    "Tomasz",
    "Ines",
    "Yusuf",
    "Mei",
    "Olu",
    "Freya",
]
_LAST = [
    "Smith",
    "Jones",
    "Patel",
    "Brown",
    "Khan",
    "Taylor",
    "Wilson",
    "Evans",
    "Walker",
    "Wright",
    "Green",
    "Hall",
    "Wood",
    "Clarke",
    "Hughes",
    "Lewis",
    "Hill",
    "Ahmed",
    "Edwards",
    "Turner",
    "Baker",
    "Ward",
    "Price",
    "Nowak",
    "Okafor",
    "Chen",
    "Silva",
]
_GROUPS = ["private-office", "policy", "legal", "press", "treasury-liaison", "ministers"]


def run_demo(console: Console, *, recipients: int = 300, seed: int = 2019) -> None:
    """Run the demo story, printing each step."""
    rng = random.Random(seed)
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="leaktrace-demo-") as tmp:
        root = Path(tmp)
        console.print(Rule("1. Mark"))
        workspace = init_workspace(root / "workspace", key_file=root / "keys" / "demo.key")
        try:
            _story(console, workspace, root, rng, recipients)
        finally:
            workspace.close()
    console.print(f"\nDemo finished in {time.perf_counter() - started:.1f} s.")


def _story(console: Console, workspace: object, root: Path, rng: random.Random, n: int) -> None:
    from leaktrace.workspace import Workspace

    assert isinstance(workspace, Workspace)
    store = workspace.store
    document = root / "north-sea-cable.md"
    document.write_text(_data("sample-cable.md"), encoding="utf-8")
    added = add_document(store, document, doc_id="north-sea-cable")
    print_added(console, added)

    console.print(Rule("2. Issue"))
    people = root / "staff.csv"
    with people.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "name", "email", "groups"])
        for i in range(1, n + 1):
            name = f"{rng.choice(_FIRST)} {rng.choice(_LAST)}"
            ident = f"staff{i:04d}"
            writer.writerow([ident, name, f"{ident}@example.org", rng.choice(_GROUPS)])
    counts = store.upsert_recipients(read_recipients_csv(people))
    console.print(f"Imported {counts.created} made-up recipients.")
    report = issue(store, workspace.key, "north-sea-cable", ["all"], root / "copies")
    print_issue(console, report)

    console.print(Rule("3. Leak"))
    leaker = store.list_recipients()[rng.randrange(n)]
    copy = (root / "copies" / f"{leaker.external_id}.txt").read_text(encoding="utf-8")
    quote = _newspaper_extract(copy, rng)
    article = root / "sunday-paper.txt"
    article.write_text(_data("demo-article.txt").replace("{QUOTE}", quote), encoding="utf-8")
    console.print(
        f"{leaker.name} ({leaker.external_id}) leaks their copy. A newspaper prints a retyped, "
        f"edited extract of {len(quote.split())} words inside its story:"
    )
    console.print(f'[italic]"{quote[:300]}..."[/italic]')

    console.print(Rule("4. Trace"))
    source = StoreSource(store)
    traced = trace_file(store, workspace.key, article, source=source)
    print_trace(console, traced.result, traced.text)
    named = traced.result.accused
    verdict = "correctly named" if named == (leaker.external_id,) else "did not name"
    console.print(f"[bold]leaktrace {verdict} the leaker[/bold] ({leaker.external_id}).")

    console.print(Rule("5. A thinner leak"))
    short = root / "radio-transcript.txt"
    short.write_text(
        'On the radio this morning the presenter read out that the talks had become "a test of '
        'who blinks first", according to a cable from the embassy.',
        encoding="utf-8",
    )
    traced = trace_file(store, workspace.key, short, source=source)
    print_trace(console, traced.result, traced.text)

    console.print(Rule("6. A photo of a printed page"))
    _photo_leak(console, workspace, root, rng)


def _photo_leak(console: Console, workspace: object, root: Path, rng: random.Random) -> None:
    """The cable also went out as PDF; someone photographs page 1 of their printout."""
    from leaktrace.workspace import Workspace

    assert isinstance(workspace, Workspace)
    missing = [tool for tool in ("tesseract", "pdftoppm") if shutil.which(tool) is None]
    if missing:
        console.print(
            f"Skipped: reading a photo needs {' and '.join(missing)} (Debian's tesseract-ocr and "
            "poppler-utils)."
        )
        return
    store = workspace.store
    report = issue(store, workspace.key, "north-sea-cable", ["all"], root / "pdf", fmt="pdf")
    print_issue(console, report)
    leaker = store.list_recipients()[rng.randrange(len(store.list_recipients()))]
    pdf = root / "pdf" / f"{leaker.external_id}.pdf"
    photo = root / "photo.jpg"
    photo.write_bytes(_photograph(pdf, root))
    console.print(
        f"{leaker.name} ({leaker.external_id}) prints their PDF copy; a photo of page 1 (tilted, "
        "blurred, JPEG) reaches a newspaper."
    )
    traced = trace_file(store, workspace.key, photo)  # a fresh view: the PDF batch is new
    print_trace(console, traced.result, traced.text)
    verdict = (
        "correctly named" if traced.result.accused == (leaker.external_id,) else "did not name"
    )
    console.print(f"[bold]leaktrace {verdict} the leaker[/bold] ({leaker.external_id}).")


def _photograph(pdf: Path, root: Path) -> bytes:
    """Page 1 at 200 dpi, on a grey table, tilted by a degree, blurred, saved as JPEG."""
    import cv2
    import numpy as np

    subprocess.run(
        ["pdftoppm", "-r", "200", "-f", "1", "-l", "1", "-gray", "-png", str(pdf), str(root / "p")],
        check=True,
        capture_output=True,
    )
    (page_file,) = root.glob("p*.png")
    page = cv2.imread(str(page_file), cv2.IMREAD_GRAYSCALE)
    assert page is not None
    height, width = page.shape
    table = np.full((height + 200, width + 200), 90, dtype=np.uint8)
    table[100 : 100 + height, 100 : 100 + width] = page
    turn = cv2.getRotationMatrix2D((table.shape[1] / 2, table.shape[0] / 2), 1.0, 1.0)
    tilted = cv2.warpAffine(table, turn, table.shape[::-1], borderValue=(90,))
    blurred = cv2.GaussianBlur(tilted, (0, 0), 1.2)
    ok, jpeg = cv2.imencode(".jpg", blurred, [cv2.IMWRITE_JPEG_QUALITY, 60])
    assert ok
    return bytes(jpeg.tobytes())


def _newspaper_extract(copy: str, rng: random.Random, words: int = 800) -> str:
    """Several paragraphs of body prose, retyped and edited the way a newspaper would.

    Like the papers in the case that started this project, the newspaper prints long extracts:
    a sentence cut (``...``), a gloss in brackets, straight quotes.
    """
    body = copy[copy.index("2. ") :]
    sentences = re.split(r"(?<=[.!?])\s+", " ".join(body.split()))
    sentences = [s for s in sentences if not re.fullmatch(r"\d+\.", s)]
    chosen: list[str] = []
    for sentence in sentences:
        chosen.append(re.sub(r"^\d+\. ", "", sentence))
        if sum(len(s.split()) for s in chosen) >= words:
            break
    if len(chosen) > 4:
        chosen[2] = "..."  # the sub-editor cuts a sentence
    text = " ".join(chosen).replace("\u2019", "'").replace("\u201c", "'").replace("\u201d", "'")
    text = text.replace('"', "'")
    tokens = text.split(" ")
    at = rng.randrange(5, max(len(tokens) - 5, 6))
    if "..." not in tokens[at : at + 2]:
        tokens[at : at + 2] = ["[the ministers]"]
    return " ".join(tokens)


def _data(name: str) -> str:
    return resources.files("leaktrace").joinpath(f"data/{name}").read_text(encoding="utf-8")
