from __future__ import annotations

from leaktrace.align import align
from leaktrace.lattice import build_lattice
from leaktrace.model import Occurrence, VariationPoint
from leaktrace.tokens import tokenize

TEXT = (
    "Noise words come first. He said he would begin soon, and costs rose 25 per cent. "
    "More words follow after this."
)


def _point(
    key: str, phrase: str, renderings: tuple[str, ...], insert: bool = False
) -> VariationPoint:
    start = TEXT.index(phrase)
    end = start if insert else start + len(phrase)
    return VariationPoint(key, key.split(":")[0], renderings, (Occurrence(start, end, renderings),))


POINTS = [
    _point("that:1", "he would", ("", "that "), insert=True),
    _point("syn:1", "begin", ("begin", "start")),
    _point("num:1", "25 per cent", ("25 per cent", "25%")),
    _point("syn:2", "after", ("after", "following")),
]
LATTICE = build_lattice(TEXT, POINTS)


def _readings(leak: str) -> dict[str, int | None]:
    result = align(tokenize(leak), LATTICE.elements)
    return {
        LATTICE.points[LATTICE.elements[r.element].point].key: r.option for r in result.readings
    }


def test_align_reads_each_option_in_a_retyped_leak() -> None:
    leak = 'The paper said: "he said that he would start soon, and costs rose 25%." Then'
    assert _readings(leak) == {"that:1": 1, "syn:1": 1, "num:1": 1}


def test_align_reads_author_options() -> None:
    leak = "He said he would begin soon, and costs rose 25 per cent. More words follow after this."
    assert _readings(leak) == {"that:1": 0, "syn:1": 0, "num:1": 0, "syn:2": 0}


def test_align_cut_and_gloss_make_points_unreadable() -> None:
    readings = _readings("he said ... soon, and [prices] rose 25 per cent. more words")
    assert readings["that:1"] is None
    assert readings["syn:1"] is None
    assert readings["num:1"] == 0


def test_align_tolerates_case_typos_and_dropped_words() -> None:
    leak = "HE SAID THAT HE WOULD STRAT SOON AND COSTS ROSE 25 PER CENT. MORE WORDS FOLLOW"
    readings = _readings(leak)
    assert readings["that:1"] == 1
    assert readings["num:1"] == 0


def test_align_unrelated_text_reads_nothing() -> None:
    result = align(tokenize("Completely different prose about fishing quotas."), LATTICE.elements)
    assert result.readings == ()
