"""Collusion benchmark (shared/BENCHMARK.md, "Collusion"), and single-leaker words for both codes.

c colluders compare their copies of every corpus document and publish a blend: (a) majority,
(b) a random colluder's choice, (c) the minority choice, (d) whole sentences from different
copies, (e) every differing place rewritten into something none of them had (an option none of
them holds where the point has one, else a bracketed gloss: unreadable). K words are gathered
across the documents of a case (an extract per document, at sentence boundaries, in random order,
until K words), each extract retyped, edited and quoted in the seed article as the protocol says,
each article one item; the items are scored together (``score_evidence``). Success: at least one
colluder accused and no innocent. The copies live in memory (the store is not what is measured).
"""

from __future__ import annotations

import random
import re
import time
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np

from leaktrace import codes
from leaktrace.index import lattice_shingles
from leaktrace.lattice import build_lattice
from leaktrace.mark import option_matrix
from leaktrace.model import Occurrence, VariationPoint
from leaktrace.render import render_text
from leaktrace.trace import CopySet, VersionInfo, read_evidence, score_evidence
from leaktrace.variants.engine import find_points
from protocol import edit, extract, prose_sentence_starts, publish, retype

STRATEGIES = ("majority", "random", "minority", "interleave", "erasure")
KEY = bytes(range(32))


class Corpus:
    """Every corpus document issued to ``n`` recipients under one code scheme, in memory."""

    def __init__(self, files: Sequence[Path], n: int, scheme: codes.Scheme) -> None:
        self.scheme = scheme
        self.numbers = np.arange(1, n + 1, dtype=np.int64)
        self.versions: dict[int, VersionInfo] = {}
        self.points: dict[int, list[VariationPoint]] = {}
        self.sets: dict[int, list[CopySet]] = {}
        self.matrix: dict[int, np.ndarray] = {}
        self.sentence: dict[int, list[int]] = {}
        self.index: dict[int, list[tuple[int, int]]] = {}
        for version_id, path in enumerate(files, start=1):
            text = path.read_text(encoding="utf-8")
            points = find_points(text)
            lattice = build_lattice(text, points)
            self.versions[version_id] = VersionInfo(version_id, path.stem, 1, path.stem, lattice)
            for h, position in lattice_shingles(lattice):
                self.index.setdefault(h, []).append((version_id, position))
            active = codes.with_scheme((p.key for p in points), scheme)
            self.sets[version_id] = [CopySet(self.numbers, frozenset(active))]
            self.points[version_id] = points
            self.matrix[version_id] = option_matrix(KEY, path.stem, 1, points, active, self.numbers)
            ends = [m.end() for m in re.finditer(r"[.!?]\s", text)]
            self.sentence[version_id] = [
                int(np.searchsorted(ends, p.start, side="right")) for p in points
            ]

    # the TraceSource protocol
    def shingle_hits(self, hashes: Sequence[int]) -> list[tuple[int, int, int]]:
        return [(h, v, p) for h in hashes for v, p in self.index.get(h, [])]

    def version(self, version_id: int) -> VersionInfo:
        return self.versions[version_id]

    def copies(self, version_id: int) -> list[CopySet]:
        return self.sets[version_id]

    def recipient_labels(self, numbers: Sequence[int]) -> dict[int, tuple[str, str]]:
        return {n: (f"r{n}", f"Recipient {n}") for n in numbers}

    def blend(
        self, version_id: int, colluders: Sequence[int], strategy: str, rng: random.Random
    ) -> str:
        """The text the colluders publish for one document (rows of ``colluders`` are 0-based)."""
        rows = self.matrix[version_id][list(colluders)]
        points = list(self.points[version_id])
        sentence_owner: dict[int, int] = {}
        choices: list[int] = []
        for column, point in enumerate(points):
            held = rows[:, column].tolist()
            counts = {o: held.count(o) for o in sorted(set(held))}
            if len(counts) == 1:
                choices.append(held[0])
            elif strategy == "majority":
                top = max(counts.values())
                choices.append(rng.choice([o for o, k in counts.items() if k == top]))
            elif strategy == "minority":
                low = min(counts.values())
                choices.append(rng.choice([o for o, k in counts.items() if k == low]))
            elif strategy == "random":
                choices.append(rng.choice(held))
            elif strategy == "interleave":
                sentence = self.sentence[version_id][column]
                owner = sentence_owner.setdefault(sentence, rng.randrange(len(held)))
                choices.append(held[owner])
            else:  # erasure
                unseen = [o for o in range(point.option_count) if o not in counts]
                if unseen:
                    choices.append(rng.choice(unseen))
                else:
                    points[column] = _with_gloss(point)
                    choices.append(point.option_count)
        return render_text(self.versions[version_id].lattice.text, points, choices)

    def copy(self, version_id: int, row: int) -> str:
        return render_text(
            self.versions[version_id].lattice.text,
            self.points[version_id],
            self.matrix[version_id][row].tolist(),
        )


def _with_gloss(point: VariationPoint) -> VariationPoint:
    """The point with one more 'option': a bracketed gloss none of the copies has."""
    occurrences = tuple(
        Occurrence(o.start, o.end, (*o.renderings, "[the wording]")) for o in point.occurrences
    )
    return replace(point, labels=(*point.labels, "[gloss]"), occurrences=occurrences)


def gather(texts: dict[int, str], k: int, rng: random.Random) -> list[str]:
    """Extracts totalling ``k`` words across the documents (random order), one per document."""
    order = list(texts)
    rng.shuffle(order)
    extracts: list[str] = []
    remaining = k
    for version_id in order:
        if remaining <= 0:
            break
        text = texts[version_id]
        starts = prose_sentence_starts(text)
        if not starts:
            continue
        length = min(remaining, len(text.split()) - min(starts))
        if length < 20:
            continue
        quote = extract(text, rng, length)
        if quote is None:
            continue
        extracts.append(quote)
        remaining -= length
    return extracts if remaining <= 0 else []


def trace_items(corpus: Corpus, quotes: list[str], article: str, rng: random.Random) -> Any:
    items = []
    for number, quote in enumerate(quotes):
        edited, _ = edit(retype(quote), rng)
        items.append(read_evidence(publish(article, edited), corpus, name=f"item-{number}"))
    return score_evidence(items, corpus, KEY, level=1e-6)


def collusion_run(
    corpus: Corpus,
    article: str,
    c: int,
    strategy: str,
    k_values: Sequence[int],
    trials: int,
    seed: int,
) -> dict[str, Any]:
    """Success per K for one (c, strategy), stopping at the first K with >= 95 % success."""
    rng = random.Random(f"{seed}-{c}-{strategy}")
    per_k: dict[int, dict[str, Any]] = {}
    false_accusations = 0
    started = time.perf_counter()
    for k in k_values:
        successes = 0
        done = 0
        named: list[int] = []
        for _ in range(3 * trials):
            if done == trials:
                break
            colluders = rng.sample(range(corpus.numbers.size), c)
            texts = {v: corpus.blend(v, colluders, strategy, rng) for v in corpus.versions}
            quotes = gather(texts, k, rng)
            if not quotes:
                continue  # this draw of documents is too short for K words: draw again
            result = trace_items(corpus, quotes, article, rng)
            guilty = {f"r{i + 1}" for i in colluders}
            accused = set(result.accused)
            done += 1
            false_accusations += bool(accused - guilty)
            successes += bool(accused & guilty) and accused <= guilty
            named.append(len(accused & guilty))
        if not done:
            break
        per_k[k] = {
            "trials": done,
            "success": successes / done,
            "colluders_named_mean": float(np.mean(named)),
        }
        if successes / done >= 0.95:
            break
    smallest = next((k for k, v in per_k.items() if v["success"] >= 0.95), None)
    return {
        "c": c,
        "strategy": strategy,
        "per_k": per_k,
        "smallest_k_95": smallest,
        "false_accusations": false_accusations,
        "seconds": round(time.perf_counter() - started, 1),
    }


def single_run(
    corpus: Corpus, article: str, k_values: Sequence[int], trials: int, seed: int
) -> dict[str, Any]:
    """Words to name one leaker (exactly the leaker accused), gathered across documents as for
    collusion (one extract per document of the leaker's copies, all scored together)."""
    rng = random.Random(f"{seed}-single")
    per_k: dict[int, float] = {}
    false_accusations = 0
    for k in k_values:
        successes = done = 0
        for _ in range(3 * trials):
            if done == trials:
                break
            leaker = rng.randrange(corpus.numbers.size)
            texts = {v: corpus.copy(v, leaker) for v in corpus.versions}
            quotes = gather(texts, k, rng)
            if not quotes:
                continue
            result = trace_items(corpus, quotes, article, rng)
            done += 1
            successes += result.accused == (f"r{leaker + 1}",)
            false_accusations += bool(set(result.accused) - {f"r{leaker + 1}"})
        per_k[k] = successes / max(done, 1)
    smallest = next((k for k, v in per_k.items() if v >= 0.95), None)
    return {"per_k": per_k, "smallest_k_95": smallest, "false_accusations": false_accusations}


def calibrate(
    corpus: Corpus, article: str, innocents: int, leaks: int, seed: int
) -> list[tuple[str, int, int, float, float]]:
    """Simulated innocents (numbers never issued) scored against real traced leaks.

    Half the leaks are single copies, half blends of 2-3 colluders (random strategy), so the
    readings come from every kind of leak the rule must withstand. For each, the innocents'
    statistic (the weighted count the tracer uses) is compared with the exact tail the rule
    uses: rows (leak, points read, threshold s, observed share >= s, bound P(W >= s)).
    """
    from leaktrace.evidence import score_weights, weighted_upper_tail

    rng = random.Random(seed)
    numbers = np.arange(10_000_001, 10_000_001 + innocents, dtype=np.int64)
    rows: list[tuple[str, int, int, float, float]] = []
    for leak in range(leaks):
        version_id = rng.choice(list(corpus.versions))
        c = 1 if leak % 2 == 0 else rng.choice([2, 3])
        colluders = rng.sample(range(corpus.numbers.size), c)
        text = corpus.blend(version_id, colluders, "random", rng)
        quote = extract(text, rng, rng.choice([160, 320, 640]))
        if quote is None:
            continue
        edited, _ = edit(retype(quote), rng)
        item = read_evidence(publish(article, edited), corpus)
        info = corpus.versions[version_id]
        observed: list[tuple[str, int, tuple[int, ...]]] = []
        for document in item.documents:
            if document.version_id != version_id:
                continue
            for point in document.points:
                sets = [set(r) for r in point.readings if r]
                common = set.intersection(*sets) if sets else set()
                if common and len(common) < point.option_count:
                    observed.append((point.point_key, point.option_count, tuple(sorted(common))))
        if not observed:
            continue
        chances = [
            sum(
                codes.option_probabilities(corpus.scheme, KEY, info.document, 1, key, q)[o]
                for o in options
            )
            for key, q, options in observed
        ]
        weights = score_weights(chances)
        statistic = np.zeros(numbers.size, dtype=np.int64)
        for (key, q, options), weight in zip(observed, weights, strict=True):
            hit = codes.matches(corpus.scheme, KEY, info.document, 1, key, q, options, numbers)
            statistic += int(weight) * hit
        tail = weighted_upper_tail(chances, weights)
        counts = np.bincount(statistic, minlength=tail.size)
        share = np.cumsum(counts[::-1])[::-1] / numbers.size
        label = f"{info.document} (c={c})"
        for s in range(1, tail.size):
            if 100 / numbers.size <= tail[s] < 0.999:
                rows.append((label, len(observed), s, float(share[s]), float(tail[s])))
    return rows
