from __future__ import annotations

import json

import pytest

from leaktrace.jsonout import SCHEMA, trace_to_dict
from leaktrace.trace import trace_text
from support import KEY, MemorySource, sample_text


@pytest.fixture(scope="module")
def source() -> MemorySource:
    src = MemorySource()
    src.add(1, "sample", sample_text(), 50)
    return src


def test_trace_to_dict_shape_is_pinned(source: MemorySource) -> None:
    copy = source.copy_of(1, 9)
    data = trace_to_dict(trace_text(copy, source, KEY, name="copy.txt"), copy)
    assert data["schema"] == SCHEMA
    assert list(data) == [
        "schema",
        "source",
        "input_sha256",
        "verdict",
        "level",
        "accused",
        "explanation",
        "recipients_considered",
        "recipients_consistent",
        "candidates",
        "documents",
    ]
    assert list(data["documents"][0]) == [
        "document",
        "version",
        "title",
        "recipients",
        "points_read",
        "layout_points_read",
        "passages",
    ]
    passage = data["documents"][0]["passages"][0]
    assert list(passage) == [
        "input_start",
        "input_end",
        "source_start",
        "source_end",
        "matched_words",
        "text",
        "points",
    ]
    assert passage["text"] == copy[passage["input_start"] : passage["input_end"]]
    json.dumps(data)
