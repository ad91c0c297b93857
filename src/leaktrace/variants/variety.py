"""Decide whether a document is written in British or American English.

Spelling variants are only offered where both forms are standard in the document's own variety
("whilst" is fine in a London memo and odd in a Washington one), so the variety must be known.
It is read from spelling and style markers; ties go to British English, the house variety of
most documents leaktrace protects, and the author can override it.

Example:
    >>> detect_variety("The programme will be organised in the autumn.")
    'en-GB'
    >>> detect_variety("The program will be organized this fall; call 555-1234.")
    'en-US'
"""

from __future__ import annotations

import re

_GB = re.compile(
    r"\b(?:\w+is(?:e|es|ed|ing|ation|ations)|\w+our|\w+ours|centre|centres|programme|programmes|"
    r"per cent|whilst|amongst|learnt|judgement|towards|cheque|defence|licence|travelled|"
    r"catalogue|grey|behaviour|favour\w*|honour\w*|colleague)\b|£|\b\d{1,2} (?:January|"
    r"February|March|April|May|June|July|August|September|October|November|December)\b",
    re.IGNORECASE,
)
_US = re.compile(
    r"\b(?:\w+iz(?:e|es|ed|ing|ation|ations)|color\w*|favor\w*|honor\w*|behavior\w*|center|"
    r"centers|program|percent|toward|defense|license|traveled|catalog|gray|fall)\b|\$|"
    r"\b(?:U\.S\.|Mr\.|Mrs\.|Dr\.)|\b(?:January|February|March|April|May|June|July|August|"
    r"September|October|November|December) \d{1,2}\b",
)
_NOT_MARKERS = {
    "four",
    "hour",
    "hours",
    "our",
    "ours",
    "your",
    "yours",
    "tour",
    "tours",
    "pour",
    "sour",
    "flour",
    "devour",
    "otherwise",
    "wise",
    "rise",
    "arise",
    "raise",
    "noise",
    "praise",
    "exercise",
    "advise",
    "advertise",
    "comprise",
    "compromise",
    "surprise",
    "promise",
    "premise",
    "precise",
    "concise",
    "expertise",
    "enterprise",
    "franchise",
    "disguise",
    "revise",
    "supervise",
    "televise",
    "improvise",
    "despise",
    "devise",
    "size",
    "prize",
    "seize",
    "citizen",
    "paradise",
    "rises",
    "arises",
    "raises",
    "praises",
    "exercises",
    "advises",
    "comprises",
    "promises",
    "premises",
    "surprised",
    "promised",
    "advised",
    "revised",
    "raised",
    "arisen",
    "risen",
    "raising",
    "rising",
    "arising",
    "exercised",
    "devised",
    "supervised",
    "comprised",
    "surprising",
    "poise",
    "cruise",
    "bruise",
    "guise",
    "lise",
    "denise",
    "louise",
    "elise",
    "ourselves",
    "yourself",
    "yourselves",
    "journal",
    "odour",
    "harbour",
    "neighbour",
    "labour",
}


def detect_variety(text: str) -> str:
    """Return ``"en-GB"`` or ``"en-US"`` for ``text``."""
    gb = sum(1 for m in _GB.finditer(text) if m.group().lower() not in _NOT_MARKERS)
    gb += sum(
        2
        for m in _GB.finditer(text)
        if m.group().lower() in {"odour", "harbour", "neighbour", "labour"}
    )
    us = sum(1 for m in _US.finditer(text) if m.group().lower() not in _NOT_MARKERS)
    return "en-US" if us > gb else "en-GB"
