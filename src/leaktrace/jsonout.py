"""The documented, stable JSON shape of a trace result (``leaktrace trace --json``).

One object per input, schema ``leaktrace.trace/1``. Fields are only ever added, never renamed
or removed, within a schema version; ``tests/test_jsonout.py`` pins the shape. See
``docs/trace-json.md`` for every field.

Example:
    >>> from leaktrace.model import TraceResult, Verdict
    >>> result = TraceResult("x.txt", Verdict.NO_MATCH, 1e-6, (), (), (), 0, 0, "No match.")
    >>> trace_to_dict(result, "text")["verdict"]
    'no_match'
"""

from __future__ import annotations

from typing import Any

from leaktrace.model import TraceResult

SCHEMA = "leaktrace.trace/1"


def trace_to_dict(result: TraceResult, text: str) -> dict[str, Any]:
    """``result`` as plain JSON-ready data; ``text`` is the input, for passage excerpts."""
    return {
        "schema": SCHEMA,
        "source": result.source,
        "input_sha256": result.input_sha256,
        "verdict": result.verdict.value,
        "level": result.level,
        "accused": list(result.accused),
        "explanation": result.explanation,
        "recipients_considered": result.recipients_considered,
        "recipients_consistent": result.recipients_consistent,
        "candidates": [
            {
                "recipient": c.recipient,
                "name": c.name,
                "points_read": c.points_read,
                "points_matching": c.points_matching,
                "log10_false_accusation": c.log10_false_accusation,
            }
            for c in result.candidates
        ],
        "documents": [
            {
                "document": d.document_id,
                "version": d.version,
                "title": d.title,
                "recipients": d.recipients,
                "points_read": d.points_read,
                "layout_points_read": d.layout_points_read,
                "passages": [
                    {
                        "input_start": p.input_start,
                        "input_end": p.input_end,
                        "source_start": p.source_start,
                        "source_end": p.source_end,
                        "matched_words": p.matched_words,
                        "text": text[p.input_start : p.input_end],
                        "points": [
                            {
                                "point": r.point_key,
                                "kind": r.kind,
                                "occurrence": r.occurrence,
                                "readable": bool(r.compatible),
                                "option": r.option,
                                "compatible": list(r.compatible),
                                "label": r.label,
                                "input_start": r.input_start,
                                "input_end": r.input_end,
                            }
                            for r in p.readings
                        ],
                    }
                    for p in d.passages
                ],
            }
            for d in result.documents
        ],
    }
