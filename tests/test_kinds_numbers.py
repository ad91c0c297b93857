"""Tests for the `numbers` kind: percentage style and abbreviated sums of money, copy-wide."""

from __future__ import annotations

import doctest

from leaktrace.model import Scope, VariationPoint
from leaktrace.render import render_text
from leaktrace.variants.engine import find_points
from leaktrace.variants.kinds import numbers


def _points(text: str, variety: str = "en-GB") -> list[VariationPoint]:
    return find_points(text, variety=variety, kinds=["numbers"])


def _copies(text: str, point: VariationPoint, points: list[VariationPoint]) -> list[str]:
    index = points.index(point)
    copies = []
    for option in range(point.option_count):
        choices = [p.original for p in points]
        choices[index] = option
        copies.append(render_text(text, points, choices))
    return copies


def test_percentages_switch_together_in_british_documents() -> None:
    text = "Margins fell to 1.9 per cent against 8.4 per cent for the Group.\n\nIt lost 4 per cent."
    points = _points(text)
    assert [p.labels for p in points] == [("per cent", "%")]
    assert points[0].scope is Scope.DOCUMENT and len(points[0].occurrences) == 3
    assert _copies(text, points[0], points)[1] == (
        "Margins fell to 1.9% against 8.4% for the Group.\n\nIt lost 4%."
    )


def test_percentages_use_percent_in_american_documents() -> None:
    text = "We are laying off 14% of staff and cutting pay 20%."
    points = _points(text, "en-US")
    assert [p.labels for p in points] == [("percent", "%")]
    assert _copies(text, points[0], points)[0] == (
        "We are laying off 14 percent of staff and cutting pay 20 percent."
    )


def test_percent_is_never_offered_in_a_british_document() -> None:
    assert _points("Costs rose 14 percent.", "en-GB") == []


def test_percentages_keep_an_author_who_mixes_forms() -> None:
    assert _points("Costs rose 14 per cent and prices 3%.") == []


def test_percentages_leave_quotations_and_words_alone() -> None:
    text = 'He said "done, one hundred per cent" and "up 25 per cent" after a 41 per cent fall.'
    points = _points(text)
    assert len(points) == 1 and len(points[0].occurrences) == 1
    assert _copies(text, points[0], points)[1] == (
        'He said "done, one hundred per cent" and "up 25 per cent" after a 41% fall.'
    )


def test_money_abbreviations_switch_together() -> None:
    text = "Exports are worth £2.5bn; the tariff costs £410m and ranges from £120m–£135m."
    points = _points(text)
    assert [p.labels for p in points] == [("£m, £bn", "£ million, £ billion")]
    assert _copies(text, points[0], points)[1] == (
        "Exports are worth £2.5 billion; the tariff costs £410 million and ranges from "
        "£120 million–£135 million."
    )


def test_spelled_british_sums_may_be_abbreviated() -> None:
    text = "The deficit is £14.2 million against £6.8 million."
    points = _points(text)
    assert points[0].original == 1
    assert _copies(text, points[0], points)[0] == "The deficit is £14.2m against £6.8m."


def test_american_sums_are_only_ever_spelled_out() -> None:
    assert [p.labels for p in _points("Equity value is $3.1bn.", "en-US")] == [("$M", "$ million")]
    assert _points("Halvorsen was $38 million of revenue.", "en-US") == []


def test_money_with_a_currency_code_follows_the_convention() -> None:
    # "USD 4m" is a sum, not a reference code: it switches together with "£17.5m".
    (point,) = _points("The demand is USD 4m; the fine could be £17.5m.")
    assert [o.renderings for o in point.occurrences] == [("m", " million")] * 2


def test_tables_keep_their_form() -> None:
    text = "Costs rose 5 per cent.\n\n| Item | Share |\n|---|---|\n| Staff | 31 per cent |\n"
    points = _points(text)
    assert len(points) == 1 and len(points[0].occurrences) == 1
    assert "| Staff | 31 per cent |" in _copies(text, points[0], points)[1]


def test_dates_and_spelled_numbers_are_not_points() -> None:
    assert _points("On 20 October, eleven days later, 212 people left.") == []


def test_numbers_module_example_runs() -> None:
    result = doctest.testmod(numbers)
    assert result.attempted > 0 and result.failed == 0
