"""Print the variation points found in documents, in context, for review.

Usage: python tools/show_points.py FILE... [--kind KIND] [--summary]
"""

from __future__ import annotations

import argparse
import collections
import re
import time

from leaktrace.variants.engine import find_points


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("files", nargs="+")
    parser.add_argument("--kind", action="append")
    parser.add_argument("--summary", action="store_true")
    args = parser.parse_args()
    total_words = 0
    counts: collections.Counter[str] = collections.Counter()
    options: collections.Counter[str] = collections.Counter()
    for path in args.files:
        with open(path, encoding="utf-8") as handle:
            text = handle.read()
        started = time.perf_counter()
        points = find_points(text, kinds=args.kind)
        elapsed = time.perf_counter() - started
        words = len(re.findall(r"\S+", text))
        total_words += words
        print(f"== {path}: {len(points)} points, {words} words, {elapsed * 1000:.0f} ms")
        for p in points:
            counts[p.kind] += 1
            options[p.kind] += p.option_count
            if args.summary:
                continue
            occ = p.occurrences[0]
            before = text[max(0, occ.start - 40) : occ.start].replace("\n", " ")
            after = text[occ.end : occ.end + 40].replace("\n", " ")
            alts = " | ".join(repr(r) for r in occ.renderings)
            extra = f" (+{len(p.occurrences) - 1} more)" if len(p.occurrences) > 1 else ""
            print(f"  [{p.kind}] ...{before}[{alts}]{after}...{extra}")
    print(
        f"\n{sum(counts.values())} points in {total_words} words = "
        f"{100 * sum(counts.values()) / max(total_words, 1):.1f} per 100 words"
    )
    for kind, n in counts.most_common():
        print(f"  {kind:24} {n:5}  avg options {options[kind] / n:.2f}")


if __name__ == "__main__":
    main()
