"""leaktrace benchmarks, per shared/BENCHMARK.md. Results go to bench/results/.

Usage:
    python bench/run.py words [--trials 100] [--seed 20190707] [--docs NAME ...]
    python bench/run.py density
    python bench/run.py sample [--seed 7]
    python bench/run.py cost
    python bench/run.py collusion [--trials 20] [--seed 20190707] [--c 2 3] [--strategies ...]
    python bench/run.py cost-score [--n 1000000] [--points 2000]
    python bench/run.py seed
    python bench/run.py all

Reads ../shared/corpus and ../shared/seed (benchmarks may; tests never do).
"""

from __future__ import annotations

import argparse
import collections
import json
import math
import os
import platform
import random
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from leaktrace import pointsjson
from leaktrace.codes import (
    CODE_KEY_LABEL,
    NEW_BATCH_SCHEME,
    Scheme,
    match_probability,
    option_probabilities,
    with_scheme,
)
from leaktrace.documents import add_document
from leaktrace.evidence import upper_tail
from leaktrace.issuing import issue
from leaktrace.mark import CopyRenderer, option_matrix
from leaktrace.trace import trace_text
from leaktrace.tracing import StoreSource
from leaktrace.variants.engine import find_points
from leaktrace.workspace import Workspace, init_workspace
from protocol import edit, extract, publish, retype

ROOT = Path(__file__).resolve().parent.parent
SECURE = NEW_BATCH_SCHEME.value
"""The collusion-secure code new batches are issued with, measured here."""
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus"
SEED_ARTICLE = SHARED / "seed" / "000_41119d82aa048747.txt"
RESULTS = ROOT / "bench" / "results"
K_VALUES = (20, 40, 60, 80, 120, 160, 240, 320)
N_RECIPIENTS = 10_000
LEVEL = 1e-6


def corpus_files(names: list[str] | None = None) -> list[Path]:
    files = sorted(p for p in CORPUS.glob("*.md") if p.name != "README.md")
    if names:
        files = [p for p in files if any(n in p.name for n in names)]
    if not files:
        sys.exit(f"no corpus documents found in {CORPUS}")
    return files


def machine() -> str:
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return f"{os.cpu_count()} cores, {memory:.0f} GiB, {platform.processor() or platform.machine()}, Python {platform.python_version()}"


def temporary_workspace(root: Path) -> Workspace:
    return init_workspace(root / "ws", key_file=root / "keys" / "bench.key")


# -- words to name ----------------------------------------------------------------------------


def words(args: argparse.Namespace) -> None:
    rng = random.Random(args.seed)
    article = SEED_ARTICLE.read_text(encoding="utf-8")
    report: dict[str, Any] = {
        "command": "python bench/run.py words " + " ".join(sys.argv[2:]),
        "seed": args.seed,
        "trials_per_k": args.trials,
        "recipients": N_RECIPIENTS,
        "level": LEVEL,
        "machine": machine(),
        "k_values": list(args.k or K_VALUES),
        "code": args.code,
        "documents": {},
    }
    scheme = Scheme(args.code)
    print(
        f"seed {args.seed}, {args.trials} trials per K, {N_RECIPIENTS} recipients, "
        f"level {LEVEL}, code {scheme.value}"
    )
    with tempfile.TemporaryDirectory() as tmp:
        workspace = temporary_workspace(Path(tmp))
        store = workspace.store
        store.bulk_add_recipients(N_RECIPIENTS, prefix="r")
        code_key = workspace.key.derive(CODE_KEY_LABEL)
        for path in corpus_files(args.docs):
            added = add_document(store, path, doc_id=path.stem)
            version = added.version
            id_of = {n: ident for ident, n in store.recipient_numbers_by_external_id().items()}
            numbers = np.array(sorted(id_of), dtype=np.int64)
            active = with_scheme((p.key for p in added.points), scheme)
            plan = store.record_issuance(version.id, numbers.tolist(), "txt", json.dumps(active))
            store.mark_released(plan.batch_id, numbers.tolist(), [""] * numbers.size)
            renderer = CopyRenderer(version.text, list(added.points))
            source = StoreSource(store)
            chance = _chances(scheme, code_key, version.doc_id, version.number)
            per_k: dict[int, dict[str, Any]] = {}
            false_accusations = 0
            started = time.perf_counter()
            for k in report["k_values"]:
                successes = 0
                bits: list[float] = []
                points_read: list[int] = []
                trials = 0
                attempts = 0
                while trials < args.trials and attempts < args.trials * 5:
                    attempts += 1
                    leaker = int(rng.choice(numbers))
                    row = option_matrix(
                        code_key,
                        version.doc_id,
                        version.number,
                        list(added.points),
                        active,
                        np.array([leaker]),
                    )[0]
                    copy = renderer.render(row)
                    quote = extract(copy, rng, k)
                    if quote is None:
                        break
                    quote, _ = edit(retype(quote), rng)
                    result = trace_text(publish(article, quote), source, code_key, level=LEVEL)
                    trials += 1
                    leaker_id = id_of[leaker]
                    accused = set(result.accused)
                    if accused == {leaker_id}:
                        successes += 1
                    if accused - {leaker_id}:
                        false_accusations += 1
                    evidence, read = _leaker_evidence(
                        result, row, added.points, version.doc_id, chance
                    )
                    bits.append(evidence / k)
                    points_read.append(read)
                if trials:
                    per_k[k] = {
                        "trials": trials,
                        "success": successes / trials,
                        "bits_per_word_median": float(np.median(bits)),
                        "points_read_median": float(np.median(points_read)),
                    }
            smallest = next(
                (k for k in report["k_values"] if k in per_k and per_k[k]["success"] >= 0.95),
                None,
            )
            words_in_doc = len(version.text.split())
            report["documents"][path.stem] = {
                "words": words_in_doc,
                "points": len(added.points),
                "per_k": per_k,
                "smallest_k_95": smallest,
                "false_accusations": false_accusations,
                "seconds": round(time.perf_counter() - started, 1),
            }
            line = " ".join(f"{k}:{v['success']:.2f}" for k, v in per_k.items())
            print(f"{path.stem:34} K95={smallest}  FA={false_accusations}  {line}", flush=True)
        workspace.close()
    smallest_all = [d["smallest_k_95"] for d in report["documents"].values()]
    report["median_smallest_k_95"] = (
        float(np.median([s if s is not None else math.inf for s in smallest_all]))
        if smallest_all
        else None
    )
    report["false_accusations_total"] = sum(
        d["false_accusations"] for d in report["documents"].values()
    )
    write_results(args.name, report, _words_markdown(report))


def _k_text(value: float | None, longest: int) -> str:
    if value is None or math.isinf(value):
        return f"> {longest} (none reached 95 %)"
    return f"{value:g}"


def _observations(result: Any, points: Any, document: str) -> list[tuple[Any, set[int]]]:
    """(point, compatible options) per point read in ``document``, as the tracer combines them.

    Recomputed here from the readings the trace reported (one observation per point: the
    intersection of its readings), so the figures are not clipped by the candidate list.
    """
    by_key = {p.key: p for p in points}
    seen: dict[str, set[int]] = {}
    for match in result.documents:
        if match.document_id != document:
            continue  # another stored document the article also quotes
        for passage in match.passages:
            for reading in passage.readings:
                if reading.compatible:
                    seen.setdefault(reading.point_key, set(reading.compatible))
                    seen[reading.point_key] &= set(reading.compatible)
    return [
        (by_key[key], options)
        for key, options in seen.items()
        if options and len(options) < by_key[key].option_count
    ]


def _bound(observations: list[tuple[Any, set[int]]], chance: Any = None) -> Any:
    chance = chance or _uniform_chance
    return upper_tail([chance(p, o) for p, o in observations])


def _uniform_chance(point: Any, options: set[int]) -> float:
    return min(1.0, len(options) * match_probability(point.option_count))


def _chances(scheme: Scheme, code_key: bytes, document: str, version: int) -> Any:
    """An innocent's chance of showing one of ``options`` at ``point`` under ``scheme``."""
    if scheme is Scheme.UNIFORM:
        return _uniform_chance

    def chance(point: Any, options: set[int]) -> float:
        probabilities = option_probabilities(
            scheme, code_key, document, version, point.key, point.option_count
        )
        return min(1.0, sum(probabilities[o] for o in options))

    return chance


def _leaker_evidence(
    result: Any, row: Any, points: Any, document: str, chance: Any = None
) -> tuple[float, int]:
    """Bits of evidence against the leaker's own copy: -log2 P(an innocent matches as many
    points), under the code's own chances (a perfect match of every point read for the usual
    single leaker, where this is the same bound as the tracer's weighted score gives)."""
    column = {p.key: i for i, p in enumerate(points)}
    observations = _observations(result, points, document)
    matches = sum(int(row[column[p.key]]) in options for p, options in observations)
    tail = float(_bound(observations, chance)[matches])
    return -math.log2(tail), len(observations)


def calibration(args: argparse.Namespace) -> None:
    """Innocents simulated against real traced leaks: observed tail vs the bound the rule uses."""
    rng = random.Random(args.seed)
    article = SEED_ARTICLE.read_text(encoding="utf-8")
    innocents = np.arange(10_000_001, 10_000_001 + args.innocents, dtype=np.int64)
    rows = []
    worst = 0.0
    worst_z = -math.inf
    with tempfile.TemporaryDirectory() as tmp:
        workspace = temporary_workspace(Path(tmp))
        store = workspace.store
        numbers = np.array(store.bulk_add_recipients(N_RECIPIENTS, prefix="r"), dtype=np.int64)
        code_key = workspace.key.derive(CODE_KEY_LABEL)
        for path in corpus_files(args.docs):
            added = add_document(store, path, doc_id=path.stem)
            version = added.version
            points = list(added.points)
            active = sorted(p.key for p in points)
            plan = store.record_issuance(version.id, numbers.tolist(), "txt", json.dumps(active))
            store.mark_released(plan.batch_id, numbers.tolist(), [""] * numbers.size)
            renderer = CopyRenderer(version.text, points)
            source = StoreSource(store)
            for _ in range(args.leaks):
                leaker = int(rng.choice(numbers))
                row = option_matrix(code_key, version.doc_id, 1, points, active, np.array([leaker]))
                quote = extract(renderer.render(row[0]), rng, rng.choice([160, 320, 640]))
                if quote is None:
                    continue
                quote, _ = edit(retype(quote), rng)
                result = trace_text(publish(article, quote), source, code_key, level=LEVEL)
                observations = _observations(result, points, version.doc_id)
                if not observations:
                    continue
                matches = np.zeros(innocents.size, dtype=np.int64)
                for point, options in observations:
                    derived = codes_choose(code_key, version, point, innocents)
                    matches += np.isin(derived, list(options))
                bound = _bound(observations)
                observed = np.cumsum(np.bincount(matches, minlength=len(bound))[::-1])[::-1]
                observed = observed / innocents.size
                for m in range(1, len(bound)):
                    if 100 / innocents.size <= bound[m] < 0.999:  # resolved, not trivial
                        ratio = observed[m] / bound[m]
                        z = (observed[m] - bound[m]) / math.sqrt(
                            bound[m] * (1 - bound[m]) / innocents.size
                        )
                        worst = max(worst, ratio)
                        worst_z = max(worst_z, z)
                        rows.append((path.stem, len(observations), m, observed[m], bound[m], ratio))
        workspace.close()
    lines = [
        "# Calibration of the accusation bound",
        "",
        f"Command: `python bench/run.py calibration --innocents {args.innocents} --leaks {args.leaks}"
        f" --seed {args.seed}`. For each traced leak (retyped, edited extracts of 160-640 words "
        f"quoted in the seed article), {args.innocents:,} simulated innocent recipients (numbers "
        "never issued, options derived from the key like everyone else's) are scored against the "
        "points read. The rule's bound P(S >= m) must be at least the observed share of innocents "
        "with m or more matches, at every m.",
        "",
        f"Leak/threshold pairs checked: {len(rows)} (those with bound >= 100 / innocents, where "
        "the simulation resolves the tail). **Largest observed / bound ratio: "
        f"{worst:.3f}**; largest excess over the bound in standard errors of the simulation: "
        f"**{worst_z:.2f}**. For this code the bound is the exact tail (the innocents' matches are "
        "independent Bernoulli variables with known probabilities), so observed values scatter "
        "around it by sampling noise; a failing bound would show excesses far beyond the noise of "
        "several hundred correlated comparisons (a maximum near 3 standard errors).",
        "",
        "| document | points read | m | observed P(S >= m) | bound | ratio |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for name, k, m, observed_value, bound_value, ratio in rows[:: max(1, len(rows) // 40)]:
        lines.append(
            f"| {name} | {k} | {m} | {observed_value:.3g} | {bound_value:.3g} | {ratio:.3f} |"
        )
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "calibration.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines[:10]))


def codes_choose(code_key: bytes, version: Any, point: Any, numbers: Any) -> Any:
    from leaktrace.codes import choose_options

    return choose_options(
        code_key, version.doc_id, version.number, point.key, point.option_count, numbers
    )


def _words_markdown(report: dict[str, Any]) -> str:
    k_values = report["k_values"]
    lines = [
        "# Words to name the leaker",
        "",
        f"Command: `{report['command']}`  ",
        f"Seed {report['seed']}, {report['trials_per_k']} trials per K, {report['recipients']:,} recipients, "
        f"level {report['level']}, code `{report.get('code', 'uniform/1')}`. "
        f"Machine: {report['machine']}.",
        "",
        "Success = the accused set is exactly the leaker. Protocol: shared/BENCHMARK.md "
        "(retyped, newspaper-edited extract quoted inside the seed article).",
        "",
        "| document | words | points | "
        + " | ".join(f"K={k}" for k in k_values)
        + " | smallest K (>=95%) | false accusations |",
        "|---|---:|---:|" + "---:|" * len(k_values) + "---:|---:|",
    ]
    for name, doc in report["documents"].items():
        cells = []
        for k in k_values:
            entry = doc["per_k"].get(str(k)) or doc["per_k"].get(k)
            cells.append(f"{entry['success']:.0%}" if entry else "–")
        lines.append(
            f"| {name} | {doc['words']} | {doc['points']} | "
            + " | ".join(cells)
            + f" | {doc['smallest_k_95'] or f'> {max(k_values)}'} | {doc['false_accusations']} |"
        )
    lines += [
        "",
        f"Median over documents of the smallest K: **{_k_text(report['median_smallest_k_95'], max(k_values))}**. "
        f"False accusations over all trials: **{report['false_accusations_total']}**.",
        "",
        "Median robust evidence per word of extract: bits = -log2 of the chance that an innocent "
        "copy matches the points read as well as the leaker's copy does, divided by K. Naming one "
        "of 10,000 at 1e-6 needs about 33 bits (0.21 bits per word at K = 160).",
        "",
        "| document | " + " | ".join(f"K={k}" for k in k_values) + " |",
        "|---|" + "---:|" * len(k_values),
    ]
    for name, doc in report["documents"].items():
        cells = []
        for k in k_values:
            entry = doc["per_k"].get(str(k)) or doc["per_k"].get(k)
            cells.append(f"{entry['bits_per_word_median']:.3f}" if entry else "–")
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


# -- density and sample -----------------------------------------------------------------------


class _Tally:
    """Points found in a set of files, by file and by kind (the density benchmarks' count)."""

    def __init__(self, paths: list[Path], name: Callable[[Path], str]) -> None:
        self.counts: collections.Counter[str] = collections.Counter()
        self.options: collections.Counter[str] = collections.Counter()
        self.occurrences: collections.Counter[str] = collections.Counter()
        self.rows: dict[str, dict[str, Any]] = {}
        self.words = 0
        self.bits = 0.0
        for path in paths:
            text = path.read_text(encoding="utf-8")
            points = find_points(text)
            n_words = len(text.split())
            self.words += n_words
            self.rows[name(path)] = {
                "words": n_words,
                "points": len(points),
                "per_100_words": round(100 * len(points) / n_words, 2),
            }
            for p in points:
                self.counts[p.kind] += 1
                self.options[p.kind] += p.option_count
                self.occurrences[p.kind] += len(p.occurrences)
                self.bits += math.log2(p.option_count)


def density(_: argparse.Namespace) -> None:
    tally = _Tally(corpus_files(), lambda path: path.stem)
    counts, options, occurrences = tally.counts, tally.options, tally.occurrences
    per_doc, total_words, total_bits = tally.rows, tally.words, tally.bits
    total = sum(counts.values())
    report = {
        "command": "python bench/run.py density",
        "words": total_words,
        "points": total,
        "per_100_words": round(100 * total / total_words, 2),
        "bits_per_word_if_all_read": round(total_bits / total_words, 3),
        "by_kind": {
            k: {
                "points": n,
                "per_100_words": round(100 * n / total_words, 2),
                "avg_options": round(options[k] / n, 2),
                "occurrences": occurrences[k],
            }
            for k, n in counts.most_common()
        },
        "documents": per_doc,
    }
    lines = [
        "# Variation-point density on the corpus",
        "",
        f"Command: `{report['command']}`",
        "",
        f"**{report['per_100_words']} points per 100 words** ({total} points in {total_words:,} words, "
        f"`wc -w` counting); {report['bits_per_word_if_all_read']} bits per word if every point were read.",
        "",
        "| kind | points | per 100 words | avg options | places shown |",
        "|---|---:|---:|---:|---:|",
    ]
    for kind, row in report["by_kind"].items():
        lines.append(
            f"| {kind} | {row['points']} | {row['per_100_words']} | {row['avg_options']} | {row['occurrences']} |"
        )
    lines += ["", "| document | words | points | per 100 words |", "|---|---:|---:|---:|"]
    for name, row in per_doc.items():
        lines.append(f"| {name} | {row['words']} | {row['points']} | {row['per_100_words']} |")
    write_results("density", report, "\n".join(lines) + "\n")
    print("\n".join(lines))


def density_heldout(args: argparse.Namespace) -> None:
    """Density on texts the lexicons and rules were never tuned on (a check against overfitting).

    The corpus is small and every rule was read against it, so its figure flatters the engine; the
    same count on unrelated formal prose (a news report, licence texts) says how far it carries.
    """
    tally = _Tally([Path(name) for name in args.files], lambda path: path.name)
    rows, counts, total_words = tally.rows, tally.counts, tally.words
    total = sum(counts.values())
    command = "python bench/run.py density-heldout " + " ".join(args.files)
    report = {
        "command": command,
        "words": total_words,
        "points": total,
        "per_100_words": round(100 * total / max(total_words, 1), 2),
        "by_kind": dict(counts.most_common()),
        "files": rows,
    }
    lines = [
        "# Variation-point density on held-out text",
        "",
        f"Command: `{command}`",
        "",
        "Texts no lexicon entry or rule was written against. Quotations and headings are protected",
        "here as in any document, so a news report with many quotations shows fewer points.",
        "",
        f"**{report['per_100_words']} points per 100 words** ({total} points in {total_words:,} words).",
        "",
        "| file | words | points | per 100 words |",
        "|---|---:|---:|---:|",
    ]
    for name, row in rows.items():
        lines.append(f"| {name} | {row['words']} | {row['points']} | {row['per_100_words']} |")
    lines += ["", "| kind | points |", "|---|---:|"]
    lines += [f"| {kind} | {n} |" for kind, n in counts.most_common()]
    write_results("density-heldout", report, "\n".join(lines) + "\n")
    print("\n".join(lines))


def sample(args: argparse.Namespace) -> None:
    rng = random.Random(args.seed)
    pool = []
    for path in corpus_files():
        text = path.read_text(encoding="utf-8")
        for point in find_points(text):
            pool.append((path.stem, text, point))
    chosen = sorted(rng.sample(pool, min(50, len(pool))), key=lambda item: (item[0], item[2].start))
    lines = [
        "# 50 random variation points in context",
        "",
        f"Command: `python bench/run.py sample --seed {args.seed}` (drawn from all {len(pool)} points "
        "of the corpus). The author's wording is in bold; every option must read as something the "
        "author would sign off without a second thought.",
        "",
    ]
    for number, (name, text, point) in enumerate(chosen, start=1):
        occ = point.occurrences[0]
        before = " ".join(text[max(0, occ.start - 80) : occ.start].split())
        after = " ".join(text[occ.end : occ.end + 60].split())
        options = " / ".join(
            f"**{r or '∅'}**" if i == point.original else (r or "∅")
            for i, r in enumerate(occ.renderings)
        )
        extra = (
            f" (one choice for all {len(point.occurrences)} places)"
            if len(point.occurrences) > 1
            else ""
        )
        lines.append(f"{number}. `{point.kind}` {name}{extra}: …{before} [{options}] {after}…")
    (RESULTS / "points-sample.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))


# -- the seed case ----------------------------------------------------------------------------


def seed_case(_: argparse.Namespace) -> None:
    """The news article that started the project, traced against the telegram issued to 300."""
    with tempfile.TemporaryDirectory() as tmp:
        workspace = temporary_workspace(Path(tmp))
        store = workspace.store
        store.bulk_add_recipients(300, prefix="official")
        add_document(store, CORPUS / "ambassador-washington-telegram.md", doc_id="telegram")
        issue(store, workspace.key, "telegram", ["all"], Path(tmp) / "copies")
        result = trace_text(
            SEED_ARTICLE.read_text(encoding="utf-8"),
            StoreSource(store),
            workspace.key.derive(CODE_KEY_LABEL),
            name=SEED_ARTICLE.name,
        )
        workspace.close()
    article = SEED_ARTICLE.read_text(encoding="utf-8")
    lines = [
        "# The seed case",
        "",
        "Command: `python bench/run.py seed`. The telegram issued to 300 recipients; the 2019-style "
        "news article traced as a whole.",
        "",
        f"* verdict: **{result.verdict.value}**; accused: {list(result.accused) or 'nobody'}",
        f"* explanation: {result.explanation}",
    ]
    for document in result.documents:
        lines.append(f"* document: `{document.document_id}` ({document.recipients} recipients)")
        for passage in document.passages:
            quoted = " ".join(article[passage.input_start : passage.input_end].split())
            lines.append(f'  * passage: "{quoted}" ({len(passage.readings)} points read)')
    (RESULTS / "seed-case.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))


# -- cost --------------------------------------------------------------------------------------


def cost(_: argparse.Namespace) -> None:
    rows = []
    for job in (
        ["cost-issue"],
        ["cost-trace", "10000"],
        ["cost-trace", "100000"],
        ["cost-trace", "1000000"],
        ["cost-score"],
    ):
        done = subprocess.run(
            [sys.executable, __file__, *job], capture_output=True, text=True, check=True
        )
        rows.append(json.loads(done.stdout.strip().splitlines()[-1]))
        print(rows[-1], flush=True)
    report = {"command": "python bench/run.py cost", "machine": machine(), "rows": rows}
    lines = [
        "# Cost",
        "",
        f"Command: `{report['command']}`. Machine: {report['machine']}. Each row runs in its own "
        "process; peak memory is that process's maximum resident set.",
        "",
        "| task | seconds | peak memory (MiB) | target |",
        "|---|---:|---:|---|",
    ]
    for row in rows:
        lines.append(
            f"| {row['task']} | {row['seconds']:.2f} | {row['peak_mib']:.0f} | {row['target']} |"
        )
    write_results("cost", report, "\n".join(lines) + "\n")


def cost_issue(_: argparse.Namespace) -> None:
    document = CORPUS / "ambassador-washington-telegram.md"
    with tempfile.TemporaryDirectory() as tmp:
        workspace = temporary_workspace(Path(tmp))
        workspace.store.bulk_add_recipients(N_RECIPIENTS, prefix="r")
        add_document(workspace.store, document, doc_id="telegram")
        started = time.perf_counter()
        report = issue(workspace.store, workspace.key, "telegram", ["all"], Path(tmp) / "copies")
        seconds = time.perf_counter() - started
        assert report.written == N_RECIPIENTS
        workspace.close()
    _emit(
        f"issue {N_RECIPIENTS:,} text copies of a {len(document.read_text().split()):,}-word document",
        seconds,
        "< 20 s",
    )


def cost_trace(args: argparse.Namespace) -> None:
    n = int(args.n)
    document = CORPUS / "ambassador-washington-telegram.md"
    rng = random.Random(5)
    with tempfile.TemporaryDirectory() as tmp:
        workspace = temporary_workspace(Path(tmp))
        store = workspace.store
        numbers = store.bulk_add_recipients(n, prefix="r")
        added = add_document(store, document, doc_id="telegram")
        active = [p.key for p in added.points]
        plan = store.record_issuance(added.version.id, numbers, "txt", json.dumps(active))
        store.mark_released(plan.batch_id, numbers, [""] * len(numbers))
        code_key = workspace.key.derive(CODE_KEY_LABEL)
        leaker = numbers[len(numbers) // 2]
        points = pointsjson.loads(added.version.points_json)
        row = option_matrix(code_key, "telegram", 1, points, active, np.array([leaker]))[0]
        copy = CopyRenderer(added.version.text, points).render(row)
        quote = extract(copy, rng, 200) or ""
        text = publish(SEED_ARTICLE.read_text(encoding="utf-8"), retype(quote))
        timings = []
        for _ in range(3):
            started = time.perf_counter()
            trace_text(text, StoreSource(store), code_key, level=LEVEL)
            timings.append(time.perf_counter() - started)
        workspace.close()
    target = "< 2 s" if n == 1_000_000 else "–"
    _emit(
        f"trace a 200-word extract among {n:,} recipients (median of 3)", sorted(timings)[1], target
    )


def collusion(args: argparse.Namespace) -> None:
    """shared/BENCHMARK.md "Collusion" on the collusion-secure code, plus single-leaker words."""
    import collusion as bench

    article = SEED_ARTICLE.read_text(encoding="utf-8")
    files = corpus_files()
    strategies = args.strategies or list(bench.STRATEGIES)
    report: dict[str, Any] = {
        "command": "python bench/run.py collusion " + " ".join(sys.argv[2:]),
        "seed": args.seed,
        "trials_per_k": args.trials,
        "single_trials_per_k": args.single_trials,
        "recipients": N_RECIPIENTS,
        "level": LEVEL,
        "machine": machine(),
        "k_values": args.k,
        "runs": [],
        "single": {},
    }
    print(f"seed {args.seed}, {args.trials} trials per K, {N_RECIPIENTS} recipients", flush=True)
    tardos = bench.Corpus(files, N_RECIPIENTS, bench.codes.NEW_BATCH_SCHEME)
    for c in args.c:
        for strategy in strategies:
            run = bench.collusion_run(tardos, article, c, strategy, args.k, args.trials, args.seed)
            report["runs"].append(run)
            print(json.dumps(run), flush=True)
    single_k = args.single_k
    if not args.single_trials:
        write_results(args.name, report, _collusion_markdown(report))
        return
    report["single"][SECURE] = bench.single_run(
        tardos, article, single_k, args.single_trials, args.seed
    )
    print("single tardos", report["single"][SECURE], flush=True)
    uniform = bench.Corpus(files, N_RECIPIENTS, bench.codes.Scheme.UNIFORM)
    report["single"]["uniform/1"] = bench.single_run(
        uniform, article, single_k, args.single_trials, args.seed
    )
    print("single uniform", report["single"]["uniform/1"], flush=True)
    write_results(args.name, report, _collusion_markdown(report))


def _collusion_markdown(report: dict[str, Any]) -> str:
    k_values = report["k_values"]
    lines = [
        "# Collusion",
        "",
        f"Command: `{report['command']}`  ",
        f"Seed {report['seed']}, {report['trials_per_k']} trials per K (a run stops at the first K "
        f"with >= 95 % success), {report['recipients']:,} recipients, level {report['level']}, "
        f"collusion-secure code `{SECURE}`. Machine: {report['machine']}.",
        "",
        "K words are gathered across the corpus documents of one case (one extract per document, "
        "each retyped, edited and quoted in the seed article as one item; all items scored "
        "together). Success = at least one colluder accused and no innocent. Protocol: "
        "shared/BENCHMARK.md; strategies in bench/collusion.py.",
        "",
        "| c | strategy | " + " | ".join(f"K={k}" for k in k_values) + " | smallest K (>=95%) "
        "| false accusations |",
        "|---:|---|" + "---:|" * len(k_values) + "---:|---:|",
    ]
    for run in report["runs"]:
        cells = []
        for k in k_values:
            entry = run["per_k"].get(str(k)) or run["per_k"].get(k)
            cells.append(f"{entry['success']:.0%}" if entry else "–")
        smallest = run["smallest_k_95"] or f"> {max(int(k) for k in run['per_k'] or [0])}"
        lines.append(
            f"| {run['c']} | {run['strategy']} | "
            + " | ".join(cells)
            + f" | {smallest} | {run['false_accusations']} |"
        )
    total = sum(r["false_accusations"] for r in report["runs"])
    lines += ["", f"False accusations over all collusion trials: **{total}**.", ""]
    single = report["single"]
    if single:
        ks = list(next(iter(single.values()))["per_k"])
        lines += [
            "## Single leaker: words to name, both codes (same run, same extracts' lengths)",
            "",
            f"{report['single_trials_per_k']} trials per K; K words gathered across documents from the leaker's copies as above; "
            "success = exactly the leaker accused.",
            "",
            "| code | "
            + " | ".join(f"K={k}" for k in ks)
            + " | smallest K (>=95%) | false accusations |",
            "|---|" + "---:|" * len(ks) + "---:|---:|",
        ]
        for code, entry in single.items():
            cells = [f"{entry['per_k'][k]:.0%}" for k in ks]
            lines.append(
                f"| {code} | "
                + " | ".join(cells)
                + f" | {entry['smallest_k_95']} | {entry['false_accusations']} |"
            )
        new, old = single.get(SECURE), single.get("uniform/1")
        if new and old and new["smallest_k_95"] and old["smallest_k_95"]:
            ratio = new["smallest_k_95"] / old["smallest_k_95"]
            lines += [
                "",
                f"Ratio tardos/uniform of the smallest K: **{ratio:.2f}** (target <= 1.25).",
            ]
    return "\n".join(lines) + "\n"


def calibration_tardos(args: argparse.Namespace) -> None:
    """The collusion-secure score's bound against a million simulated innocents, with a plot."""
    import collusion as bench

    corpus = bench.Corpus(corpus_files(), N_RECIPIENTS, bench.codes.NEW_BATCH_SCHEME)
    article = SEED_ARTICLE.read_text(encoding="utf-8")
    rows = bench.calibrate(corpus, article, args.innocents, args.leaks, args.seed)
    ratios = [share / bound for _, _, _, share, bound in rows]
    zs = [
        (share - bound) / math.sqrt(bound * (1 - bound) / args.innocents)
        for _, _, _, share, bound in rows
    ]
    command = (
        f"python bench/run.py calibration-tardos --innocents {args.innocents} "
        f"--leaks {args.leaks} --seed {args.seed}"
    )
    lines = [
        "# Calibration of the collusion-secure score's bound",
        "",
        f"Command: `{command}`. For each traced leak (half single copies, half blends of 2-3 "
        "colluders; retyped, edited extracts of 160-640 words quoted in the seed article), "
        f"{args.innocents:,} simulated innocent recipients (numbers never issued, options derived "
        f"from the key under the `{SECURE}` code like everyone else's) are scored with the "
        "tracer's statistic (the integer-weighted symmetric Tardos score). The rule's bound "
        "P(W >= s) must be at least the observed share of innocents scoring s or more, at every s.",
        "",
        f"Leak/threshold pairs checked: {len(rows)} (bound >= 100 / innocents). **Largest "
        f"observed / bound ratio: {max(ratios, default=0):.3f}**; largest excess over the bound "
        f"in standard errors: **{max(zs, default=0):.2f}**. The bound is the exact law of an "
        "innocent's statistic, so observed values scatter around it by sampling noise only.",
        "",
        "![observed vs bound](calibration-tardos.png)",
        "",
        "| leak | points read | s | observed P(W >= s) | bound | ratio |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for name, k, s, share, bound in rows[:: max(1, len(rows) // 40)]:
        lines.append(f"| {name} | {k} | {s} | {share:.3g} | {bound:.3g} | {share / bound:.3f} |")
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "calibration-tardos.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        print("matplotlib not installed: no plot")
    else:
        figure, axes = plt.subplots(figsize=(5, 5))
        bounds = [r[4] for r in rows]
        axes.loglog(bounds, [max(r[3], 1 / args.innocents) for r in rows], ".", alpha=0.5)
        axes.loglog([min(bounds), 1], [min(bounds), 1], "k--", label="bound")
        axes.set_xlabel("bound P(W >= s)")
        axes.set_ylabel(f"observed share of {args.innocents:,} innocents")
        axes.legend()
        figure.tight_layout()
        figure.savefig(RESULTS / "calibration-tardos.png", dpi=100)
    print("\n".join(lines[:10]))


def cost_score(args: argparse.Namespace) -> None:
    """Scoring cost: a case of several documents, many points read, a million recipients."""
    from collusion import KEY

    from leaktrace.lattice import Lattice
    from leaktrace.model import DocumentEvidence, ItemEvidence, Occurrence, PointEvidence
    from leaktrace.model import VariationPoint as Point
    from leaktrace.trace import CopySet, VersionInfo, score_evidence

    rng = random.Random(3)
    numbers = np.arange(1, args.n + 1, dtype=np.int64)
    per_doc = args.points // args.documents
    versions: dict[int, VersionInfo] = {}
    sets: dict[int, list[CopySet]] = {}
    items = []
    for vid in range(1, args.documents + 1):
        points = tuple(
            Point(
                f"synthetic:{i}",
                "synthetic",
                ("a", "b", "c")[:q],
                (Occurrence(i, i + 1, ("x",) * q),),
            )
            for i, q in enumerate(rng.choice([2, 2, 2, 3]) for _ in range(per_doc))
        )
        versions[vid] = VersionInfo(vid, f"doc{vid}", 1, f"doc{vid}", Lattice("", points, ()))
        active = frozenset(with_scheme((p.key for p in points), Scheme(args.code)))
        sets[vid] = [CopySet(numbers, active)]
        observed = tuple(
            PointEvidence(p.key, p.option_count, ((rng.randrange(p.option_count),),))
            for p in points
        )
        items.append(
            ItemEvidence(
                f"item{vid}",
                "0" * 64,
                per_doc,
                (DocumentEvidence(vid, f"doc{vid}", 1, f"doc{vid}", (), observed),),
            )
        )

    class Source:
        def shingle_hits(self, hashes: Any) -> list[tuple[int, int, int]]:
            return []

        def version(self, version_id: int) -> VersionInfo:
            return versions[version_id]

        def copies(self, version_id: int) -> list[CopySet]:
            return sets[version_id]

        def recipient_labels(self, wanted: Any) -> dict[int, tuple[str, str]]:
            return {int(n): (f"r{n}", "") for n in wanted}

    started = time.perf_counter()
    score_evidence(items, Source(), KEY)
    seconds = time.perf_counter() - started
    _emit(
        f"score a case of {args.documents} documents, {args.points:,} points read, "
        f"among {args.n:,} recipients (collusion-secure code {args.code})",
        seconds,
        "< 5 s",
    )


def _emit(task: str, seconds: float, target: str) -> None:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"task": task, "seconds": seconds, "peak_mib": peak, "target": target}))


def write_results(name: str, report: dict[str, Any], markdown: str) -> None:
    """``bench/results/<name>.json`` and ``.md``: the figures and their readable table."""
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / f"{name}.json").write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    (RESULTS / f"{name}.md").write_text(markdown, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    sub = parser.add_subparsers(dest="command", required=True)
    w = sub.add_parser("words")
    w.add_argument("--trials", type=int, default=100)
    w.add_argument("--seed", type=int, default=20190707)
    w.add_argument("--docs", nargs="*")
    w.add_argument("--k", type=int, nargs="*", help="extract lengths (default: the protocol's)")
    w.add_argument("--name", default="words-to-name", help="results file name")
    w.add_argument(
        "--code",
        default=NEW_BATCH_SCHEME.value,
        choices=[s.value for s in Scheme],
        help="the code the copies are issued with (default: the one new batches get)",
    )
    sub.add_parser("density")
    dh = sub.add_parser("density-heldout")
    dh.add_argument("files", nargs="+", help="plain-text or Markdown files of formal prose")
    s = sub.add_parser("sample")
    s.add_argument("--seed", type=int, default=7)
    sub.add_parser("cost")
    c = sub.add_parser("calibration")
    c.add_argument("--innocents", type=int, default=1_000_000)
    c.add_argument("--leaks", type=int, default=10)
    c.add_argument("--seed", type=int, default=11)
    c.add_argument("--docs", nargs="*")
    sub.add_parser("seed")
    co = sub.add_parser("collusion")
    co.add_argument("--trials", type=int, default=20)
    co.add_argument("--single-trials", type=int, default=40)
    co.add_argument("--seed", type=int, default=20190707)
    co.add_argument("--c", type=int, nargs="*", default=[2, 3])
    co.add_argument("--strategies", nargs="*")
    co.add_argument("--k", type=int, nargs="*", default=[400, 800, 1600, 3200, 6400])
    co.add_argument("--single-k", type=int, nargs="*", default=[400, 800, 1200, 1600, 2400, 3200])
    co.add_argument("--name", default="collusion")
    ct = sub.add_parser("calibration-tardos")
    ct.add_argument("--innocents", type=int, default=1_000_000)
    ct.add_argument("--leaks", type=int, default=16)
    ct.add_argument("--seed", type=int, default=11)
    cs = sub.add_parser("cost-score")
    cs.add_argument("--n", type=int, default=1_000_000)
    cs.add_argument("--points", type=int, default=2000)
    cs.add_argument("--documents", type=int, default=5)
    cs.add_argument(
        "--code",
        default=NEW_BATCH_SCHEME.value,
        choices=[s.value for s in Scheme if s.collusion_secure],
    )
    sub.add_parser("cost-issue")
    t = sub.add_parser("cost-trace")
    t.add_argument("n")
    sub.add_parser("all")
    args = parser.parse_args()
    handlers = {
        "words": words,
        "density": density,
        "density-heldout": density_heldout,
        "sample": sample,
        "cost": cost,
        "cost-issue": cost_issue,
        "cost-trace": cost_trace,
        "seed": seed_case,
        "calibration": calibration,
        "collusion": collusion,
        "cost-score": cost_score,
        "calibration-tardos": calibration_tardos,
    }
    if args.command == "all":
        for name in ("density", "sample", "seed", "cost"):
            handlers[name](args)
        args.trials, args.seed, args.docs, args.k, args.name = (
            100,
            20190707,
            None,
            None,
            "words-to-name",
        )
        words(args)
        return
    handlers[args.command](args)


if __name__ == "__main__":
    main()
