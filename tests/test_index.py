from __future__ import annotations

from leaktrace.index import indexable, lattice_shingles, query_shingles, regions, shingle_hash
from leaktrace.lattice import build_lattice
from leaktrace.model import Occurrence, VariationPoint


def test_shingle_hash_is_stable_and_signed_64_bit() -> None:
    value = shingle_hash("uniquely", "dysfunctional")
    assert value == shingle_hash("uniquely", "dysfunctional")
    assert -(2**63) <= value < 2**63
    assert value != shingle_hash("dysfunctional", "uniquely")


def test_common_pairs_are_not_indexed() -> None:
    assert not indexable("of", "the")
    assert indexable("steel", "tariff")


def test_lattice_shingles_cover_every_option() -> None:
    text = "The tariff will begin soon across Europe."
    start = text.index("begin")
    point = VariationPoint(
        "s:1", "synonym", ("begin", "start"), (Occurrence(start, start + 5, ("begin", "start")),)
    )
    hashes = {h for h, _ in lattice_shingles(build_lattice(text, [point]))}
    assert shingle_hash("will", "start") in hashes
    assert shingle_hash("start", "soon") in hashes
    assert shingle_hash("begin", "soon") in hashes


def test_regions_need_surprising_words_unless_quoted() -> None:
    words = ["the", "cable", "called", "it", "uniquely", "dysfunctional", "and", "moved", "on"]
    hits = [(7, position, 100 + position) for _, position in query_shingles(words)[4:5]]
    assert regions(words, hits) == []
    found = regions(words, hits, quoted=[(4, 6)])
    assert [(r.version_id, r.input_start, r.input_end) for r in found] == [(7, 4, 6)]
