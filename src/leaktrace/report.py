"""The evidence report: what a case or a trace shows, written for a tribunal, as HTML or PDF.

A report is built from stored data only (a case's items and verdicts, or one recorded trace),
plus the key, which it needs to say which option each accused recipient's copy holds at each point
read. The key itself never appears. It opens with the graded result in one sentence
(identified, narrowed, inconclusive, no match), then shows what surfaced (each item's SHA-256 and
provenance), the passages side by side with the source, the point-by-point comparison for each
accused recipient, the statistics in plain words with the method and its assumptions, a plot of
every recipient's agreement with the leak, what the evidence does not show, and the command that
reproduces the verdict.

**Self-hash.** The report states its own SHA-256: the hash of the file as written with that
64-character value replaced by 64 zeros (:func:`verify_report_hash` checks it). Both formats keep
the value as plain characters in the file (the PDF's page content is not compressed), so anyone
can check it with a text editor and ``sha256sum``.

Example:
    >>> data = b"<p>Report SHA-256: " + b"0" * 64 + b"</p>"
    >>> sealed = seal(data)
    >>> verify_report_hash(sealed)
    True
"""

from __future__ import annotations

import base64
import hashlib
import html
import io
import json
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from importlib import resources
from typing import Any

import numpy as np
import numpy.typing as npt

from leaktrace import __version__, codes, pointsjson
from leaktrace.cases import Actor, case_level, item_text, show_case
from leaktrace.codes import CODE_KEY_LABEL
from leaktrace.errors import InputError
from leaktrace.keys import SecretKey
from leaktrace.model import VariationPoint
from leaktrace.store import Store, VersionRecord

FORMATS = ("html", "pdf")
PLACEHOLDER = "0" * 64
"""What the report's own hash is replaced by before hashing (see :func:`verify_report_hash`)."""

GRADES = {
    "identified": "Identified",
    "narrowed": "Narrowed",
    "inconclusive": "Inconclusive",
    "no_match": "No match",
}

ASSUMPTIONS = (
    "The workspace's secret key was kept secret. Anyone holding it could compute every "
    "recipient's copy and forge a text that points at someone.",
    "AES behaves as a pseudo-random permutation: without the key, each recipient's wording "
    "choices look like independent random draws.",
    "The options in the leak were read before any recipient's copy was looked at, so the reading "
    "cannot favour anybody.",
    "The copy of a person not involved in the leak did not contribute to it. Several recipients "
    "who blended their copies may each match too weakly to be named, but no one uninvolved is "
    "made more likely to be named.",
    "The level is spent once per verdict. A case tested again after each item splits its level "
    "over its verdicts, so that all of them together stay below it.",
)

LIMITS = (
    "It identifies a copy, not a person. A copy can be photographed over a shoulder, forwarded by "
    "an assistant, printed and left on a desk, or taken from a mailbox. Who handled the copy is "
    "for the investigation to establish with other evidence: the distribution ledger "
    "(`leaktrace ledger`), print, email and access logs, interviews.",
    "It does not show when the copy was made or passed on, nor whether the leak was deliberate.",
    "Points inside a cut ('...') or a gloss ('[...]'), and text that was paraphrased, carry no "
    "evidence; they cannot count for or against anyone.",
    "A result other than 'identified' names nobody: it is not evidence that any recipient is "
    "innocent or guilty.",
)


# -- the report's content ------------------------------------------------------------------------


@dataclass(frozen=True)
class ReportItem:
    """One thing that surfaced, with its chain of custody."""

    seq: int
    name: str
    sha256: str
    source: str
    added_by: str
    added: datetime | None


@dataclass(frozen=True)
class Fragment:
    """A piece of a passage: plain text, or a variation point (``marked``)."""

    text: str
    marked: bool = False


@dataclass(frozen=True)
class PassageView:
    """A passage of an item beside the source text it comes from, points marked on both sides."""

    item: int
    item_name: str
    leak: tuple[Fragment, ...]
    source: tuple[Fragment, ...]
    matched_words: int


@dataclass(frozen=True)
class DocumentView:
    document: str
    version: int
    title: str
    recipients: int
    points_read: int
    passages: tuple[PassageView, ...]


@dataclass(frozen=True)
class PointRow:
    """One point read, compared with one recipient's copy."""

    number: int
    document: str
    kind: str
    options: str
    """Every option the point offers, so a reader sees what else the copy could have said."""
    observed: str
    in_copy: str
    match: bool
    marked: bool
    """False when the point was not marked in this copy (vetoed before it was issued)."""


@dataclass(frozen=True)
class AccusedView:
    recipient: str
    name: str
    points_read: int
    points_matching: int
    log10_false_accusation: float
    in_words: str
    rows: tuple[PointRow, ...]


@dataclass(frozen=True)
class CandidateView:
    rank: int
    recipient: str
    name: str
    points_read: int
    points_matching: int
    log10_false_accusation: float
    accused: bool


@dataclass(frozen=True)
class HistoryRow:
    after_item: int
    at: datetime
    verdict: str
    level: float
    accused: str


@dataclass(frozen=True)
class Report:
    """Everything a report says, independent of its format."""

    subject: str
    title: str
    grade: str
    headline: str
    explanation: str
    purpose: str
    authorised_by: str
    investigators: str
    level: float
    case_level: float
    items: tuple[ReportItem, ...]
    documents: tuple[DocumentView, ...]
    candidates: tuple[CandidateView, ...]
    accused: tuple[AccusedView, ...]
    statistics: tuple[str, ...]
    method: tuple[str, ...]
    history: tuple[HistoryRow, ...]
    reproduce: tuple[str, ...]
    generated: datetime
    generated_by: str
    code_version: str
    code_schemes: str
    plot_png: bytes = field(repr=False, default=b"")

    @property
    def plot_data_uri(self) -> str:
        return "data:image/png;base64," + base64.b64encode(self.plot_png).decode("ascii")


def one_in(log10_probability: float) -> str:
    """A probability as "1 in N" in words a non-specialist reads.

    Example:
        >>> one_in(-9.505)
        '1 in 3.2 billion'
    """
    if log10_probability >= -0.0001:
        return "1 in 1"
    exponent = -log10_probability
    if exponent >= 15:
        return f"1 in 10^{exponent:.0f}"
    value = 10**exponent
    for size, word in ((1e12, "trillion"), (1e9, "billion"), (1e6, "million")):
        if value >= size:
            return f"1 in {value / size:,.1f} {word}"
    return f"1 in {value:,.0f}"


def grade(data: dict[str, Any]) -> str:
    """identified / narrowed / inconclusive / no_match, from a stored result.

    ``narrowed`` only when points were read and fewer recipients agree with the leak than
    received the document; otherwise a matched document with no usable evidence is inconclusive.
    """
    verdict = str(data.get("verdict"))
    if verdict in ("identified", "no_match"):
        return verdict
    considered = int(data.get("recipients_considered", 0))
    consistent = int(data.get("recipients_consistent", considered))
    read = max((c.get("points_read", 0) for c in data.get("candidates", [])), default=0)
    return "narrowed" if read and consistent < considered else "inconclusive"


# -- building a report ---------------------------------------------------------------------------


def case_report(
    store: Store, key: SecretKey, case: str, *, actor: Actor, generated_by: str = "cli"
) -> Report:
    """The report of a case's current verdict.

    Raises:
        CaseAccessError: unknown case, or the actor may not see it.
        InputError: the case has no item yet.
    """
    view = show_case(store, case, actor=actor)
    data = view.current_result()
    if data is None:
        raise InputError(
            f"case {case!r} has no item yet; add what surfaced with "
            f"`leaktrace case add {case} FILE`"
        )
    items = tuple(
        ReportItem(i.seq, i.input_name, i.content_sha256, i.source, i.added_by, i.added)
        for i in view.items
    )
    texts = [item_text(i.content, i.input_name) for i in view.items]
    base = float(data.get("case_level", data["level"]))
    history = tuple(
        HistoryRow(
            v.after_seq,
            v.at,
            v.verdict,
            case_level(base, v.after_seq),
            ", ".join(json.loads(v.result_json).get("accused", [])) or "nobody",
        )
        for v in view.verdicts
    )
    record = view.case
    reproduce = (
        f"leaktrace case verify {record.name}",
        f"leaktrace report {record.name} --format html --out {record.name}.html",
    )
    return _build(
        store,
        key,
        data,
        texts,
        subject=f"case {record.name}",
        title=f"Evidence report: case {record.name}",
        purpose=record.purpose,
        authorised_by=record.authorised_by,
        investigators=", ".join(record.investigators),
        items=items,
        history=history,
        reproduce=reproduce,
        generated_by=generated_by,
    )


def trace_report(
    store: Store, key: SecretKey, trace_id: int, *, generated_by: str = "cli"
) -> Report:
    """The report of one recorded trace (``leaktrace traces`` lists them).

    Raises:
        NotFoundError: no such trace.
    """
    record = store.get_trace(trace_id)
    data = json.loads(record.result_json)
    texts = [_text_from_passages(data)]
    items = (
        ReportItem(
            1, record.input_name, record.input_sha256, "trace", record.actor, record.created
        ),
    )
    reproduce = (
        f"leaktrace trace FILE --json   (FILE: the input whose SHA-256 is {record.input_sha256})",
        f"leaktrace report --trace {trace_id} --format html --out trace-{trace_id}.html",
    )
    return _build(
        store,
        key,
        data,
        texts,
        subject=f"trace {trace_id}",
        title=f"Evidence report: trace {trace_id} of {record.input_name}",
        purpose="",
        authorised_by="",
        investigators=record.actor,
        items=items,
        history=(),
        reproduce=reproduce,
        generated_by=generated_by,
    )


def _text_from_passages(data: dict[str, Any]) -> str:
    """A stored trace keeps each passage's text, not the whole input: rebuild a sparse text."""
    chars: dict[int, str] = {}
    for document in data.get("documents", []):
        for passage in document.get("passages", []):
            for offset, char in enumerate(passage.get("text", "")):
                chars[passage["input_start"] + offset] = char
    size = max(chars, default=-1) + 1
    return "".join(chars.get(i, " ") for i in range(size))


@dataclass
class _Versions:
    store: Store
    cache: dict[tuple[str, int], tuple[VersionRecord, list[VariationPoint]]] = field(
        default_factory=dict
    )

    def get(self, doc_id: str, number: int) -> tuple[VersionRecord, list[VariationPoint]]:
        found = self.cache.get((doc_id, number))
        if found is None:
            summary = next(
                v for v in self.store.get_document(doc_id).versions if v.number == number
            )
            record = self.store.get_version(summary.id)
            found = (record, pointsjson.loads(record.points_json))
            self.cache[(doc_id, number)] = found
        return found


@dataclass(frozen=True)
class _Observation:
    document: str
    version: int
    point: VariationPoint
    options: frozenset[int]


def _build(
    store: Store,
    key: SecretKey,
    data: dict[str, Any],
    texts: Sequence[str],
    *,
    subject: str,
    title: str,
    purpose: str,
    authorised_by: str,
    investigators: str,
    items: tuple[ReportItem, ...],
    history: tuple[HistoryRow, ...],
    reproduce: tuple[str, ...],
    generated_by: str,
) -> Report:
    versions = _Versions(store)
    documents = tuple(_document_view(d, texts, items, versions) for d in data.get("documents", []))
    observations = _observations(data, versions)
    code_key = key.derive(CODE_KEY_LABEL)
    accused_ids = list(data.get("accused", []))
    candidates = tuple(
        CandidateView(
            rank,
            c["recipient"],
            c["name"],
            c["points_read"],
            c["points_matching"],
            c["log10_false_accusation"],
            c["recipient"] in accused_ids,
        )
        for rank, c in enumerate(data.get("candidates", []), start=1)
    )
    numbers = store.recipient_numbers_by_external_id(accused_ids) if accused_ids else {}
    accused = tuple(
        _accused_view(c, numbers[c.recipient], observations, versions, code_key)
        for c in candidates
        if c.accused and c.recipient in numbers
    )
    level = float(data["level"])
    base = float(data.get("case_level", level))
    graded = grade(data)
    crowd = _crowd(store, observations, versions, code_key)
    return Report(
        subject=subject,
        title=title,
        grade=graded,
        headline=_headline(graded, data, candidates, subject),
        explanation=str(data.get("explanation", "")),
        purpose=purpose,
        authorised_by=authorised_by,
        investigators=investigators,
        level=level,
        case_level=base,
        items=items,
        documents=documents,
        candidates=candidates,
        accused=accused,
        statistics=_statistics(data, accused, observations, level, base, history),
        method=_method(),
        history=history,
        reproduce=reproduce,
        generated=store.now(),
        generated_by=generated_by,
        code_version=f"leaktrace {__version__}",
        code_schemes=", ".join(data.get("codes", [])) or "uniform/1",
        plot_png=_plot(candidates, crowd, accused, level, len(observations)),
    )


def _headline(
    graded: str, data: dict[str, Any], candidates: Sequence[CandidateView], subject: str
) -> str:
    considered = int(data.get("recipients_considered", 0))
    if graded == "identified":
        named = [c for c in candidates if c.accused]
        who = " and ".join(f"{c.name} ({c.recipient})" for c in named)
        best = named[0]
        return (
            f"The material in {subject} came from the copy issued to {who}; a copy "
            f"not issued to them would match this well with probability below "
            f"{one_in(best.log10_false_accusation)}."
        )
    if graded == "narrowed":
        consistent = int(data.get("recipients_consistent", considered))
        return (
            f"The material in {subject} quotes a stored document; {consistent} of its "
            f"{considered} recipients hold copies that agree with it as well as any copy does, too "
            "many to name anyone."
        )
    if graded == "inconclusive":
        return (
            f"The material in {subject} quotes a stored document, but it shows too "
            f"little of the copy to tell its {considered} recipients apart; it names nobody."
        )
    return f"The material in {subject} quotes no stored document; it names nobody."


def _document_view(
    document: dict[str, Any],
    texts: Sequence[str],
    items: Sequence[ReportItem],
    versions: _Versions,
) -> DocumentView:
    record, points = versions.get(document["document"], document["version"])
    by_key = {p.key: p for p in points}
    passages = []
    for passage in document.get("passages", []):
        item = int(passage.get("item", 0))
        text = texts[item] if item < len(texts) else ""
        leak_spans = [
            (r["input_start"], r["input_end"]) for r in passage.get("points", []) if r["readable"]
        ]
        source_spans = []
        for reading in passage.get("points", []):
            point = by_key.get(reading["point"])
            if point is not None and reading["occurrence"] < len(point.occurrences):
                occurrence = point.occurrences[reading["occurrence"]]
                source_spans.append((occurrence.start, occurrence.end))
        passages.append(
            PassageView(
                item=item,
                item_name=items[item].name if item < len(items) else "",
                leak=_fragments(text, passage["input_start"], passage["input_end"], leak_spans),
                source=_fragments(
                    record.text, passage["source_start"], passage["source_end"], source_spans
                ),
                matched_words=int(passage.get("matched_words", 0)),
            )
        )
    return DocumentView(
        document["document"],
        document["version"],
        document.get("title", record.title),
        int(document.get("recipients", 0)),
        int(document.get("points_read", 0)),
        tuple(passages),
    )


def _fragments(
    text: str, start: int, end: int, spans: Sequence[tuple[int, int]]
) -> tuple[Fragment, ...]:
    """``text[start:end]`` cut into plain and marked pieces (whitespace runs collapsed)."""
    pieces: list[Fragment] = []
    cursor = start
    for a, b in sorted(set(spans)):
        a, b = max(a, start), min(b, end)
        if a < cursor or b <= a:
            continue
        pieces.append(Fragment(_squash(text[cursor:a])))
        pieces.append(Fragment(_squash(text[a:b]), marked=True))
        cursor = b
    pieces.append(Fragment(_squash(text[cursor:end])))
    return tuple(p for p in pieces if p.text)


def _squash(text: str) -> str:
    """Whitespace runs collapsed to one space, keeping a space at either end if there was one."""
    if not text.strip():
        return " " if text else ""
    inner = " ".join(text.split())
    return (" " if text[:1].isspace() else "") + inner + (" " if text[-1:].isspace() else "")


def _observations(data: dict[str, Any], versions: _Versions) -> list[_Observation]:
    """One observation per point read, over every item: the options all its readings allow."""
    sets: dict[tuple[str, int, str], list[frozenset[int]]] = {}
    for document in data.get("documents", []):
        for passage in document.get("passages", []):
            for reading in passage.get("points", []):
                if reading["compatible"]:
                    where = (document["document"], document["version"], reading["point"])
                    sets.setdefault(where, []).append(frozenset(reading["compatible"]))
    found = []
    for (doc_id, number, point_key), readings in sets.items():
        _, points = versions.get(doc_id, number)
        point = next((p for p in points if p.key == point_key), None)
        if point is None:
            continue
        common = frozenset.intersection(*readings)
        if common and len(common) < point.option_count:
            found.append(_Observation(doc_id, number, point, common))
    return found


def _variants(
    store: Store, version_id: int
) -> list[tuple[codes.Scheme, frozenset[str], npt.NDArray[np.int64]]]:
    """(scheme, active points, recipients) per distinct way a version was issued."""
    grouped: dict[str, list[npt.NDArray[np.int64]]] = {}
    for batch_id, active in store.active_point_sets(version_id):
        grouped.setdefault(active, []).append(store.recipients_of_batch(batch_id))
    variants = []
    for active, parts in grouped.items():
        listed = json.loads(active)
        numbers = np.unique(np.concatenate(parts)) if parts else np.zeros(0, dtype=np.int64)
        variants.append((codes.scheme_of(listed), codes.point_keys(listed), numbers))
    return variants


def _copy_options(
    code_key: bytes,
    observation: _Observation,
    scheme: codes.Scheme,
    active: frozenset[str],
    numbers: npt.NDArray[np.int64],
) -> npt.NDArray[np.int64]:
    """Each recipient's option at the observed point (the author's, where it was not marked)."""
    point = observation.point
    if point.key not in active:
        return np.full(numbers.size, point.original, dtype=np.int64)
    return codes.options(
        scheme,
        code_key,
        observation.document,
        observation.version,
        point.key,
        point.option_count,
        numbers,
    ).astype(np.int64)


def _accused_view(
    candidate: CandidateView,
    number: int,
    observations: Sequence[_Observation],
    versions: _Versions,
    code_key: bytes,
) -> AccusedView:
    rows: list[PointRow] = []
    by_version: dict[tuple[str, int], list[_Observation]] = {}
    for observation in observations:
        by_version.setdefault((observation.document, observation.version), []).append(observation)
    for (doc_id, version), group in by_version.items():
        record, _ = versions.get(doc_id, version)
        best: list[PointRow] | None = None
        for scheme, active, numbers in _variants(versions.store, record.id):
            if not np.isin(number, numbers):
                continue
            held = np.array([number], dtype=np.int64)
            candidate_rows = []
            for observation in group:
                option = int(_copy_options(code_key, observation, scheme, active, held)[0])
                labels = observation.point.labels
                candidate_rows.append(
                    PointRow(
                        number=0,
                        document=f"{doc_id} v{version}",
                        kind=observation.point.kind,
                        options=" / ".join(labels),
                        observed=" or ".join(repr(labels[o]) for o in sorted(observation.options)),
                        in_copy=repr(labels[option]),
                        match=option in observation.options,
                        marked=observation.point.key in active,
                    )
                )
            if best is None or sum(r.match for r in candidate_rows) > sum(r.match for r in best):
                best = candidate_rows
        rows.extend(best or [])
    numbered = tuple(
        PointRow(i, r.document, r.kind, r.options, r.observed, r.in_copy, r.match, r.marked)
        for i, r in enumerate(rows, start=1)
    )
    return AccusedView(
        candidate.recipient,
        candidate.name,
        candidate.points_read,
        candidate.points_matching,
        candidate.log10_false_accusation,
        one_in(candidate.log10_false_accusation),
        numbered,
    )


def _crowd(
    store: Store, observations: Sequence[_Observation], versions: _Versions, code_key: bytes
) -> dict[int, int]:
    """Points agreeing with the leak, for every recipient of the matched versions."""
    totals: dict[int, int] = {}
    by_version: dict[tuple[str, int], list[_Observation]] = {}
    for observation in observations:
        by_version.setdefault((observation.document, observation.version), []).append(observation)
    for (doc_id, version), group in by_version.items():
        record, _ = versions.get(doc_id, version)
        best: dict[int, int] = {}
        for scheme, active, numbers in _variants(store, record.id):
            agree = np.zeros(numbers.size, dtype=np.int64)
            for observation in group:
                options = _copy_options(code_key, observation, scheme, active, numbers)
                agree += np.isin(options, sorted(observation.options))
            for n, a in zip(numbers.tolist(), agree.tolist(), strict=True):
                best[n] = max(best.get(n, 0), a)
        for n, a in best.items():
            totals[n] = totals.get(n, 0) + a
    return totals


def _statistics(
    data: dict[str, Any],
    accused: Sequence[AccusedView],
    observations: Sequence[_Observation],
    level: float,
    base: float,
    history: Sequence[HistoryRow],
) -> tuple[str, ...]:
    considered = int(data.get("recipients_considered", 0))
    lines = [
        f"{len(observations)} variation points were read in the material; "
        f"{considered} recipients received the matched document(s) and were all considered.",
    ]
    for a in accused:
        lines.append(
            f"{a.name} ({a.recipient}): their copy agrees with the leak at {a.points_matching} of "
            f"{a.points_read} points. A copy not issued to this person would match this well "
            f"with probability below {a.in_words}, counting every recipient who could have been "
            "named."
        )
    if history:
        lines.append(
            f"This case has been scored {len(history)} time(s), once after each item. The case's "
            f"level is {one_in(math.log10(base))}; the verdict after item n is tested at that "
            f"level divided by n(n+1), so that all verdicts of the case together stay below it. "
            f"This verdict was tested at {one_in(math.log10(level))}."
        )
    else:
        lines.append(f"The verdict was tested at level {one_in(math.log10(level))}.")
    return tuple(lines)


def _method() -> tuple[str, ...]:
    return (
        "Every recipient received a copy that differs from the others in small, natural "
        "wording choices (variation points). Each copy's choices were derived from a secret key "
        "and the recipient's number.",
        "The material that surfaced was matched to the stored document; at each variation point "
        "in a matched passage the wording was read, without looking at anyone's copy.",
        "Only then were the recipients' copies derived from the key and compared with the "
        "readings. For a recipient whose copy was not used, each agreement is a chance event "
        "with a known probability; the chance that such a copy agrees as well as observed is "
        "computed exactly, and multiplied by the number of copies considered (so it covers "
        "every innocent recipient at once).",
        "A recipient is named only when that chance is below the level.",
    )


# -- the plot --------------------------------------------------------------------------------------


def _plot(
    candidates: Sequence[CandidateView],
    crowd: dict[int, int],
    accused: Sequence[AccusedView],
    level: float,
    points_read: int,
) -> bytes:
    """Two panels: every recipient's agreement with the leak; the best candidates' evidence."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot as plt

    figure, (left, right) = plt.subplots(1, 2, figsize=(9.0, 3.4), dpi=150)
    try:
        counts = np.array(list(crowd.values()), dtype=np.int64)
        if counts.size:
            bins = np.arange(0, max(points_read, int(counts.max())) + 2) - 0.5
            left.hist(counts, bins=bins, color="#8a9bb0", edgecolor="white", log=True)
            for a in accused:
                left.axvline(a.points_matching, color="#c0392b", linewidth=2)
                left.annotate(
                    a.recipient,
                    (a.points_matching, 1),
                    xytext=(-4, 18),
                    textcoords="offset points",
                    ha="right",
                    color="#c0392b",
                    fontsize=8,
                )
        left.set_xlabel(f"points where the copy agrees with the leak (of {points_read} read)")
        left.set_ylabel("recipients")
        left.set_title(f"Every recipient ({counts.size})", fontsize=10)

        threshold = -math.log10(level)
        strengths = [-c.log10_false_accusation for c in candidates]
        colours = ["#c0392b" if c.accused else "#8a9bb0" for c in candidates]
        positions = range(1, len(candidates) + 1)
        right.bar(positions, strengths, color=colours)
        right.axhline(threshold, color="black", linestyle="--", linewidth=1)
        right.annotate(
            f"level ({one_in(math.log10(level))})",
            (0.5, threshold),
            xytext=(0, 3),
            textcoords="offset points",
            fontsize=8,
        )
        right.set_xticks(
            list(positions), [c.recipient for c in candidates], rotation=45, fontsize=7
        )
        right.set_ylabel("evidence: -log10(chance for an innocent)")
        right.set_title("Best candidates and the threshold", fontsize=10)
        right.set_ylim(0, max([threshold * 1.15, *strengths]) * 1.05 + 0.5)
        figure.tight_layout()
        buffer = io.BytesIO()
        figure.savefig(buffer, format="png", metadata={"Software": None})
        return buffer.getvalue()
    finally:
        plt.close(figure)


# -- writing and sealing -------------------------------------------------------------------------


def render_html(report: Report) -> bytes:
    """The report as one self-contained HTML file (plot embedded), sealed with its own hash."""
    from jinja2 import Environment, select_autoescape

    template = (
        resources.files("leaktrace").joinpath("report_templates/report.html").read_text("utf-8")
    )
    environment = Environment(
        autoescape=select_autoescape(default=True), keep_trailing_newline=True
    )
    environment.filters["one_in"] = one_in
    environment.filters["log10"] = math.log10
    page = environment.from_string(template).render(
        report=report,
        grades=GRADES,
        placeholder=PLACEHOLDER,
        assumptions=ASSUMPTIONS,
        limits=LIMITS,
    )
    return seal(page.encode("utf-8"))


def render(report: Report, fmt: str) -> bytes:
    """The report in ``fmt`` (``html`` or ``pdf``), sealed.

    Raises:
        InputError: an unknown format.
    """
    if fmt == "html":
        return render_html(report)
    if fmt == "pdf":
        from leaktrace.report_pdf import render_pdf

        return seal(render_pdf(report, PLACEHOLDER, ASSUMPTIONS, LIMITS))
    raise InputError(f"report format {fmt!r} is not supported; choose html or pdf")


def seal(data: bytes) -> bytes:
    """Replace the placeholder with the SHA-256 of ``data`` (which holds the placeholder)."""
    marker = PLACEHOLDER.encode("ascii")
    if marker not in data:
        raise ValueError("the report holds no hash placeholder to seal")
    digest = hashlib.sha256(data).hexdigest().encode("ascii")
    return data.replace(marker, digest)


def stated_hash(data: bytes) -> str | None:
    """The SHA-256 a report states about itself, or ``None`` if it states none."""
    marker = b"Report SHA-256: "
    at = data.find(marker)
    if at < 0:
        return None
    value = data[at + len(marker) : at + len(marker) + 64].decode("ascii", "replace")
    return value if len(value) == 64 and all(c in "0123456789abcdef" for c in value) else None


def verify_report_hash(data: bytes) -> bool:
    """Whether a report's stated hash is the SHA-256 of the file with that hash zeroed."""
    value = stated_hash(data)
    if value is None:
        return False
    zeroed = data.replace(value.encode("ascii"), PLACEHOLDER.encode("ascii"))
    return hashlib.sha256(zeroed).hexdigest() == value


def escape(text: str) -> str:
    """HTML-escape (for the PDF's paragraph markup, which reads a subset of HTML)."""
    return html.escape(text, quote=False)
