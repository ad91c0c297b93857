"""Store a version's variation points as JSON, and read them back exactly.

The points found when a version is added are frozen with it: later improvements to the engine
must never change which options an issued copy carries, so tracing always reads the points as
they were when the copies were made.

Example:
    >>> from leaktrace.variants.engine import find_points
    >>> points = find_points("He said that he would resign.")
    >>> loads(dumps(points)) == points
    True
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from leaktrace.model import Occurrence, Scope, VariationPoint

FORMAT = 1


def dumps(points: Sequence[VariationPoint]) -> str:
    return json.dumps(
        {
            "format": FORMAT,
            "points": [
                {
                    "key": p.key,
                    "kind": p.kind,
                    "labels": list(p.labels),
                    "original": p.original,
                    "scope": p.scope.value,
                    "note": p.note,
                    "occurrences": [[o.start, o.end, list(o.renderings)] for o in p.occurrences],
                }
                for p in points
            ],
        },
        ensure_ascii=False,
        separators=(",", ":"),
    )


def loads(text: str) -> list[VariationPoint]:
    data: dict[str, Any] = json.loads(text)
    if data.get("format") != FORMAT:
        raise ValueError(f"unknown points format {data.get('format')!r}")
    return [
        VariationPoint(
            key=p["key"],
            kind=p["kind"],
            labels=tuple(p["labels"]),
            occurrences=tuple(Occurrence(o[0], o[1], tuple(o[2])) for o in p["occurrences"]),
            original=p["original"],
            scope=Scope(p["scope"]),
            note=p["note"],
        )
        for p in data["points"]
    ]
