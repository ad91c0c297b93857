"""Tests for the ``pair_order`` kind: order of symmetric coordinated pairs."""

from __future__ import annotations

import pytest

from leaktrace.render import render_text
from leaktrace.variants.engine import find_points


def _swapped(text: str, variety: str = "en-GB") -> str | None:
    points = find_points(text, variety=variety, kinds=["pair_order"])
    assert len(points) <= 1
    return render_text(text, points, [1]) if points else None


@pytest.mark.parametrize(
    ("text", "swapped"),
    [
        ("The UK and US agreed.", "The US and UK agreed."),
        ("We met the UK and US teams.", "We met the US and UK teams."),
        ("It hit European and British steel.", "It hit British and European steel."),
        ("The terms were clear and simple.", "The terms were simple and clear."),
        ("It was an open and competitive process.", "It was an open and competitive process"),
        ("Arrangements in Canada and the UK apply.", "Arrangements in the UK and Canada apply."),
        ("Offices in the UK and Canada closed.", "Offices in Canada and the UK closed."),
        ("File ICO and FCA notifications today.", "File FCA and ICO notifications today."),
        ("Stop discussing it by email or chat.", "Stop discussing it by chat or email."),
        ("The bank or the regulator will act.", "The regulator or the bank will act."),
        ("The rules are both clear and simple.", "The rules are both simple and clear."),
        ("It lies between Canada and the US.", "It lies between the US and Canada."),
        ("He spoke quietly and firmly.", "He spoke firmly and quietly."),
    ],
)
def test_pair_order_swaps_symmetric_pairs(text: str, swapped: str) -> None:
    result = _swapped(text)
    if text.startswith("It was an open"):
        assert result is None  # "a competitive and open" would need the article changed
    else:
        assert result == swapped


def test_pair_order_keeps_capitalisation_at_sentence_start() -> None:
    assert _swapped("Steel and aluminium are taxed.") == "Aluminium and steel are taxed."
    assert _swapped("Canada and the UK agreed.") == "The UK and Canada agreed."


def test_pair_order_keeps_capitalisation_after_paragraph_number() -> None:
    text = "4.1 Steel and aluminium are taxed at the border."
    assert _swapped(text) == "4.1 Aluminium and steel are taxed at the border."


def test_pair_order_keeps_names_capitalised_at_sentence_start() -> None:
    assert _swapped("European and British steel fell.") == "British and European steel fell."


@pytest.mark.parametrize(
    "text",
    [
        "It is a matter of law and order.",  # fixed binomial
        "The terms were fair and reasonable.",  # a term of art in takeover opinions
        "We weighed the pros and cons.",
        "Ladies and gentlemen, welcome.",
        "The first and second payments were late.",  # sequence
        "The rise and fall of the empire.",
        "Courts in England and Wales apply it.",  # one jurisdiction
        "It runs between January and March.",  # months
        "The CEO and CFO resigned.",  # rank
        "It was very rich and famous.",  # degree word scopes left conjunct
        "The affected staff and students were told.",  # modifier scopes left conjunct
        "Names, addresses and details were taken.",  # list of three
        "Gell and Brasher matter.",  # people: order may follow precedence
        "The Finance and Resources Committee met.",  # part of a name
        "The Director of Strategy and Development spoke.",  # a title
        "He was arrested and charged.",  # participles: sequence
        "We paid six or seven senators.",  # numbers
        "The costs and benefits of the deal are clear.",  # "of" may attach to one
        "It was cheap and similar to last year.",  # complement of the right conjunct
        "The UK and US sent envoys; the former sent two.",  # former/latter
        "We bought the steel and costs rose.",  # clause coordination
        "The report was accurate and the board agreed.",  # clause coordination
        "There was the President and his staff.",  # determiners differ
        # Found on held-out legal text:
        "It is a licence for software and other kinds of works.",  # "other" opens the next NP
        "It may charge for business and such litigation.",  # "such" opens the next NP
        "Any author or copyright holder may object.",  # "copyright holder" is one noun
        "It offers months of credit and identity monitoring.",  # shared head or compound?
        "Damages arising out of the use or inability to use the work.",  # "to" fits one
        "You may change the software or use pieces of it.",  # verb phrase, not a pair
    ],
)
def test_pair_order_skips_ordered_or_ambiguous_pairs(text: str) -> None:
    assert _swapped(text) is None


def test_pair_order_leaves_quotations_untouched() -> None:
    assert _swapped('She said it was "reasonable and fair" to us.') is None


def test_pair_order_labels_name_both_orders() -> None:
    points = find_points("The UK and US agreed.", kinds=["pair_order"])
    assert points[0].labels == ("UK and US", "US and UK")
