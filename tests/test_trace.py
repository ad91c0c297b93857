from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from leaktrace.errors import EmptyInputError, InputError
from leaktrace.model import ItemEvidence, PointEvidence, Verdict
from leaktrace.trace import read_evidence, score_evidence, trace_text
from support import KEY, MemorySource, sample_text

RECIPIENTS = 500


@pytest.fixture(scope="module")
def source() -> MemorySource:
    src = MemorySource()
    src.add(1, "sample", sample_text(), RECIPIENTS)
    return src


def _article(quote: str) -> str:
    return (
        "Ministers were under pressure last night after a leaked cable was published.\n\n"
        f'The cable said: "{quote}"\n\nThe department declined to comment.'
    )


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(number=st.integers(min_value=1, max_value=RECIPIENTS))
def test_trace_whole_copy_names_its_recipient(source: MemorySource, number: int) -> None:
    result = trace_text(source.copy_of(1, number), source, KEY)
    assert result.verdict is Verdict.IDENTIFIED
    assert result.accused == (f"r{number}",)


def test_trace_retyped_extract_in_article_names_recipient(source: MemorySource) -> None:
    copy = source.copy_of(1, 77)
    body = copy[copy.index("2. The formal position") :]
    # Retyped (straight quotes, one line), one sentence cut, then quoted in an article.
    extract = " ".join(body.replace("\u201c", '"').replace("\u201d", '"').split())
    sentences = extract.split(". ")
    extract = ". ".join([*sentences[:3], "...", *sentences[4:]])
    result = trace_text(_article(extract.replace('"', "'")), source, KEY)
    assert result.accused == ("r77",)
    document = result.documents[0]
    assert document.document_id == "sample"
    assert max(p.matched_words for p in document.passages) >= 300


def test_trace_unmarked_original_accuses_nobody(source: MemorySource) -> None:
    result = trace_text(sample_text(), source, KEY)
    assert result.accused == ()
    assert result.verdict is Verdict.NARROWED


def test_trace_short_quote_narrows_but_names_nobody(source: MemorySource) -> None:
    result = trace_text(_article("a test of who blinks first"), source, KEY)
    assert result.accused == ()
    assert [d.document_id for d in result.documents] == ["sample"]


def test_trace_unrelated_text_is_no_match(source: MemorySource) -> None:
    text = "The quarterly results of the fishing cooperative showed a modest rise in catches."
    result = trace_text(text, source, KEY)
    assert result.verdict is Verdict.NO_MATCH
    assert result.documents == ()


def test_trace_empty_input_is_an_error(source: MemorySource) -> None:
    with pytest.raises(EmptyInputError):
        trace_text(" \n\t ... ", source, KEY)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=st.text(min_size=1, max_size=400))
def test_trace_never_crashes_on_arbitrary_text(source: MemorySource, text: str) -> None:
    try:
        result = trace_text(text, source, KEY)
    except EmptyInputError:
        return
    assert result.accused == ()


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_trace_never_crashes_on_mangled_copies(source: MemorySource, data: st.DataObject) -> None:
    copy = source.copy_of(1, data.draw(st.integers(1, RECIPIENTS)))
    words = copy.split()
    start = data.draw(st.integers(0, len(words) - 1))
    piece = words[start : start + data.draw(st.integers(1, 120))]
    drops = data.draw(st.lists(st.integers(0, max(len(piece) - 1, 0)), max_size=10))
    mangled = " ".join(w for i, w in enumerate(piece) if i not in set(drops))
    result = trace_text(_article(mangled), source, KEY)
    assert len(result.accused) <= 1


def test_trace_evidence_from_two_documents_adds_up() -> None:
    text = sample_text()
    middle = text.index("What we recommend")
    first, second = text[:middle], text[middle:]
    src = MemorySource()
    src.add(1, "first-half", first, 300)
    src.add(2, "second-half", second, 300)
    number = 123
    part_a = " ".join(src.copy_of(1, number).split()[-260:])
    part_b = " ".join(src.copy_of(2, number).split()[:200])
    alone = [trace_text(_article(part), src, KEY) for part in (part_a, part_b)]
    both = trace_text(_article(part_a) + "\n\n" + _article(part_b), src, KEY)
    assert {d.document_id for d in both.documents} == {"first-half", "second-half"}
    read_alone = [r.candidates[0].points_read for r in alone]
    assert both.candidates[0].points_read == sum(read_alone)
    best = both.candidates[0]
    assert best.recipient == f"r{number}"
    assert best.log10_false_accusation < min(r.candidates[0].log10_false_accusation for r in alone)


def test_read_then_score_equals_trace_text(source: MemorySource) -> None:
    text = _article(" ".join(source.copy_of(1, 42).split()[100:400]))
    item = read_evidence(text, source, name="a.txt")
    assert item.name == "a.txt" and item.words == len(text.split())
    assert score_evidence([item], source, KEY) == trace_text(text, source, KEY, name="a.txt")


def test_item_evidence_round_trips_through_json_exactly(source: MemorySource) -> None:
    item = read_evidence(_article(" ".join(source.copy_of(1, 7).split()[50:300])), source)
    stored = item.to_json()
    again = ItemEvidence.from_json(stored)
    assert again == item and again.to_json() == stored
    assert score_evidence([again], source, KEY) == score_evidence([item], source, KEY)
    with pytest.raises(ValueError, match="not leaktrace evidence"):
        ItemEvidence.from_json('{"schema": "other"}')


def test_score_evidence_adds_up_items_and_counts_a_point_once(source: MemorySource) -> None:
    words = source.copy_of(1, 321).split()
    first = read_evidence(_article(" ".join(words[40:260])), source, name="one")
    second = read_evidence(_article(" ".join(words[200:480])), source, name="two")
    both = score_evidence([first, second], source, KEY)
    keys = [
        {p.point_key for d in i.documents for p in d.points if any(p.readings)}
        for i in (first, second)
    ]
    assert keys[0] & keys[1]  # the extracts overlap: shared points count once
    assert both.candidates[0].points_read <= len(keys[0] | keys[1])
    assert both.candidates[0].recipient == "r321"
    assert both.items == ("one", "two") and both.source == "one; two"
    assert {p.item for d in both.documents for p in d.passages} == {0, 1}
    alone = [score_evidence([i], source, KEY).candidates[0] for i in (first, second)]
    assert both.candidates[0].log10_false_accusation < min(a.log10_false_accusation for a in alone)


def test_score_evidence_drops_points_whose_readings_conflict(source: MemorySource) -> None:
    item = read_evidence(source.copy_of(1, 5), source, name="copy")
    document = item.documents[0]
    point = next(p for p in document.points if p.readings and p.readings[0])
    other = tuple(o for o in range(point.option_count) if o not in point.readings[0])[:1]
    forged = PointEvidence(point.point_key, point.option_count, (other,))
    conflicting = ItemEvidence(
        "forged", "0" * 64, 1, (replace(document, passages=(), points=(forged,)),)
    )
    alone = score_evidence([item], source, KEY).candidates[0].points_read
    assert score_evidence([item, conflicting], source, KEY).candidates[0].points_read == alone - 1


def test_score_evidence_needs_an_item(source: MemorySource) -> None:
    with pytest.raises(InputError):
        score_evidence([], source, KEY)
