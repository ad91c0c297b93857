"""Tests for the ``list_order`` kind: permutations of short lists of parallel items."""

from __future__ import annotations

import doctest

import pytest

from leaktrace.model import Scope, VariationPoint
from leaktrace.render import render_text
from leaktrace.variants.engine import find_points
from leaktrace.variants.kinds import list_order


def _points(text: str) -> list[VariationPoint]:
    return find_points(text, variety="en-GB", kinds=["list_order"])


def _copies(text: str) -> list[str]:
    points = _points(text)
    assert len(points) == 1
    return [render_text(text, points, [k]) for k in range(points[0].option_count)]


def test_list_order_offers_every_permutation_of_three_items() -> None:
    text = "We agreed on the route, the capacity and the financing model."
    (point,) = _points(text)
    assert point.option_count == 6 and point.original == 0 and point.scope is Scope.LOCAL
    assert point.labels[0] == "route, capacity, financing model"
    assert len(set(point.labels)) == 6
    assert len(point.occurrences) == 3
    assert [text[o.start : o.end] for o in point.occurrences] == [
        "the route",
        "the capacity",
        "the financing model",
    ]
    copies = _copies(text)
    assert copies[0] == text
    assert "We agreed on the financing model, the capacity and the route." in copies
    assert len(set(copies)) == 6


def test_list_order_offers_24_orders_of_four_items() -> None:
    text = "Talks covered steel, oil, gas and timber."
    copies = _copies(text)
    assert len(copies) == 24 and len(set(copies)) == 24
    assert "Talks covered timber, gas, oil and steel." in copies


@pytest.mark.parametrize(
    ("text", "last"),
    [
        ("We want steel, oil and gas.", "We want gas, oil and steel."),
        ("It sells steel, oil, and gas.", "It sells gas, oil, and steel."),
        ("The plan was fast, cheap and reliable.", "The plan was reliable, cheap and fast."),
        (
            "Costs rose for the bank, the insurer or the broker.",
            "Costs rose for the broker, the insurer or the bank.",
        ),
        (
            "Talks with France, Germany and Italy stalled.",
            "Talks with Italy, Germany and France stalled.",
        ),
        ("We reviewed the UK, the EU and the US.", "We reviewed the US, the EU and the UK."),
        (
            "Health data combined with names, addresses and policy details plainly meets it.",
            "Health data combined with policy details, addresses and names plainly meets it.",
        ),
        (
            "The note sets out the cost of capital, the route and the timing.",
            "The note sets out the timing, the route and the cost of capital.",
        ),
        ("They took names, addresses and bank details from us.", None),
    ],
)
def test_list_order_permutes_parallel_items(text: str, last: str | None) -> None:
    copies = _copies(text)
    assert copies[0] == text
    if last is not None:
        assert copies[-1] == last


@pytest.mark.parametrize(
    "text",
    [
        "The route, the capacity and the financing model were agreed.",  # sentence start
        "In London, Paris and Berlin, we met them.",  # introductory phrase
        "We met in London, Paris and Berlin, respectively.",  # order refers back
        "Ratings are small, medium and large.",  # a fixed scale
        "Status is red, amber and green.",
        "We compared past, present and future.",
        "It moves through first, second and third gear.",  # ordinals
        "We met on Monday, Tuesday and Friday.",  # weekdays
        "It ran in January, March and May.",  # months
        "We paid 10, 20 and 30 pounds.",  # numbers
        "We discussed legal, commercial and reputational risk.",  # a shared head
        "It covers credit, debit and identity monitoring.",
        "We reviewed the UK, the EU and the US positions.",
        "We use it on steel, the drugs probe and the Arctic talks.",  # mixed shapes
        "What does not work: criticism, appeals to the rules, or long papers.",  # preposition
        "He said the route, the capacity and the financing needs review.",  # verb swallowed
        "We met Gell, Brasher and Pellow.",  # people: order may be rank
        "We told the CEO, the CFO and the COO.",  # roles
        "We told the chair, the secretary and the treasurer.",
        "We want steel, oil and gas of good quality.",  # "of" may attach to the last item
        "We want steel, oil and gas, which are scarce.",  # the relative may attach to gas
        "Costs, risks, benefits, timing and scope matter to us.",  # five items
        "We want steel and gas.",  # a pair is pair_order's
        "It sold steel, oil, gas, timber and coal.",  # five items
        "We agreed on the route, the capacity and the route.",  # repeated item
        "Pay the bank, the insurer or the brokers today.",  # "or" with mixed number
        "We bought steel,oil and gas.",  # odd spacing
        "Plan, build and test it quickly.",  # verbs
        "We met them. The bank, the insurer and the broker agreed.",
    ],
)
def test_list_order_skips_ordered_or_unsafe_lists(text: str) -> None:
    assert _points(text) == []


def test_list_order_leaves_quotations_untouched() -> None:
    assert _points('He wrote "we want steel, oil and gas" to us.') == []


def test_list_order_coexists_with_serial_comma() -> None:
    text = "We want steel, oil and gas. They sell cash, shares and bonds."
    points = find_points(text, variety="en-GB")
    kinds = [p.kind for p in points]
    assert kinds.count("list_order") == 2 and kinds.count("serial_comma") == 1
    choices = []
    for point in points:
        choices.append({"list_order": point.option_count - 1, "serial_comma": 1}.get(point.kind, 0))
    assert render_text(text, points, choices) == (
        "We want gas, oil, and steel. They sell bonds, shares, and cash."
    )


def test_list_order_coexists_with_an_authored_serial_comma() -> None:
    text = "We want steel, oil, and gas."
    points = find_points(text, variety="en-US")
    assert sorted(p.kind for p in points) == ["list_order", "serial_comma"]
    choices = [p.option_count - 1 for p in points]
    assert render_text(text, points, choices) == "We want gas, oil and steel."


def test_list_order_module_example_runs() -> None:
    result = doctest.testmod(list_order)
    assert result.failed == 0 and result.attempted > 0
