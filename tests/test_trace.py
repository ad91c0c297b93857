from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from leaktrace.errors import EmptyInputError
from leaktrace.model import Verdict
from leaktrace.trace import trace_text
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
