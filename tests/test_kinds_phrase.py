"""Tests for the ``phrase`` kind: lexicon integrity and each context rule, positive and negative."""

from __future__ import annotations

import time

import pytest

from leaktrace.model import VariationPoint
from leaktrace.variants.engine import find_points
from leaktrace.variants.kinds.phrase import FINDER, RULES, phrase_sets


def _phrases(text: str) -> list[VariationPoint]:
    return find_points(text, kinds=["phrase"])


def _renderings(text: str) -> list[tuple[str, ...]]:
    return [p.occurrences[0].renderings for p in _phrases(text)]


def test_lexicon_parses_with_distinct_options_and_known_rules() -> None:
    sets = phrase_sets()
    assert len(sets) >= 20
    for phrase_set in sets:
        assert phrase_set.rule in RULES
        assert len(set(phrase_set.options)) == len(phrase_set.options) >= 2
        assert phrase_set.context


def test_phrase_anywhere_keeps_author_wording_as_original() -> None:
    (point,) = _phrases("This is, for instance, the case.")
    assert point.labels == ("for example", "for instance")
    assert point.occurrences[0].renderings[point.original] == "for instance"


def test_initial_comma_capitalises_at_sentence_start() -> None:
    assert _renderings("Moreover, it failed.") == [
        ("In addition", "Moreover", "Furthermore", "Additionally")
    ]


def test_initial_comma_requires_the_comma() -> None:
    assert _renderings("In addition to costs, it failed.") == []


def test_approximation_before_figures_and_money() -> None:
    assert _renderings("It cost about £29m.") == [("about", "around", "roughly", "approximately")]
    (point,) = _phrases("Around 38,000 records leaked.")
    assert point.occurrences[0].renderings == ("About", "Around", "Roughly", "Approximately")
    assert point.original == 1


def test_about_is_not_an_approximation_after_talk() -> None:
    assert _renderings("We will talk about 40 jobs.") == []
    assert _renderings("It was built around 3 pillars.") == []


def test_over_as_a_period_is_not_more_than() -> None:
    assert _renderings("It needs £46m over three years.") == []
    assert _renderings("It took more than 40 days.") == [("more than", "over")]
    assert _renderings("It lasted for over 40 days.") == [("more than", "over")]


def test_not_less_than_is_a_legal_floor() -> None:
    assert _renderings("A value of not less than £142m.") == []


def test_whether_becomes_if_only_in_indirect_questions() -> None:
    assert _renderings("She asked whether it would go.") == [("whether", "if")]
    assert ("whether", "if") not in _renderings("She asked whether or not it would go.")
    assert _renderings("Whether it goes is unclear.") == []
    assert _renderings("We will decide whether to go.") == []


def test_all_of_the_and_all_the() -> None:
    assert _renderings("We told all of the staff.") == [("all of", "all")]
    assert _renderings("We told all the staff.") == [("all of", "all")]
    assert _renderings("We told all of them.") == []


def test_both_the_coordinator_is_not_touched() -> None:
    assert _renderings("It hurts both the firm and the staff.") == []


def test_in_order_to_offers_to_but_to_offers_nothing() -> None:
    assert _renderings("We met in order to agree.") == [("in order to", "so as to", "to")]
    assert _renderings("We met to agree.") == []


def test_despite_needs_a_noun_phrase() -> None:
    assert _renderings("Despite the delay, we met.") == [("Despite", "In spite of")]


def test_protected_quotation_is_untouched() -> None:
    assert _renderings('He wrote "for example, about 40 people" yesterday.') == []


def test_on_upon_after_rely() -> None:
    assert _renderings("We relied on the bank.") == [("on", "upon")]
    assert _renderings("We sat on the bank.") == []
    assert _renderings("It can be influenced but not relied upon, and we know it.") == [
        ("on", "upon")
    ]
    assert _renderings("It depends on.") == []


def test_next_day_only_before_day_words() -> None:
    assert _renderings("They called the following day.") == [("the following", "the next")]
    assert _renderings("They called the following people.") == []


def test_finder_is_fast_on_a_long_document() -> None:
    from leaktrace.variants.analysis import analyse

    text = " ".join(["For example, we paid about £40m to all of the staff in order to agree."] * 70)
    analysis = analyse(text)
    list(FINDER.find(analyse("About 40 paid.")))  # warm caches, as any second document would
    started = time.perf_counter()
    points = list(FINDER.find(analysis))
    assert points
    assert time.perf_counter() - started < 0.05


def test_board_request_needs_a_deciding_body() -> None:
    assert _renderings("2.1 The Board is asked to: note it.") == [
        ("is asked to", "is invited to", "is requested to")
    ]
    assert _renderings("He is asked to leave.") == []


def test_initial_comma_after_a_paragraph_number_keeps_the_capital() -> None:
    assert _renderings("3.2 In addition, it failed.") == [
        ("In addition", "Moreover", "Furthermore", "Additionally")
    ]


def test_at_most_only_as_an_upper_bound() -> None:
    assert _renderings("Give them 14 days at most.") == [("at most", "at the most")]
    assert _renderings("It happens at most universities.") == []


def test_most_as_a_quantifier_not_a_superlative() -> None:
    assert _renderings("It hosts most sports fixtures.") == [("most", "the majority of")]
    assert _renderings("It was the most damaging email.") == []


def test_rate_after_an_amount_but_not_a_span() -> None:
    assert _renderings("It costs £410m a year.") == [("a year", "per year")]
    assert ("a year", "per year") not in _renderings("It lasted about a year.")


def test_only_just_before_a_figure_not_after_a_determiner() -> None:
    assert _renderings("Profit was only £6.0m.") == [("only", "just")]
    assert _renderings("The only 2 people left.") == []


def test_causal_preposition_needs_a_noun_phrase() -> None:
    assert _renderings("He was hired because of a forecast.") == [
        ("because of", "owing to", "on account of")
    ]
    assert _renderings("He left because of it.") == []


def test_rather_than_before_a_noun_phrase_only() -> None:
    assert _renderings("Rather than the counterparts, we met Gell.") == [
        ("Rather than", "Instead of")
    ]
    assert _renderings("Rather than with the counterparts.") == []


def test_provided_that_only_as_a_conjunction() -> None:
    # one way: "provided that" is the drafting term, so only an author's "providing that" moves
    assert _renderings("We should act, providing that they pay.") == [
        ("providing that", "provided that")
    ]
    assert _renderings("We should act, provided that they pay.") == []
    assert _renderings("The data provided that day was wrong.") == []


def test_in_return_closes_a_clause() -> None:
    assert _renderings("We paid in return.") == [("in return", "in exchange")]
    assert _renderings("We paid in return for a fee.") == [("in exchange for", "in return for")]


def test_rate_a_share_after_a_price_but_not_a_share_of() -> None:
    assert _renderings("The offer is $41.50 per share in cash.") == [("a share", "per share")]
    assert _renderings("It pays £5m a share of the proceeds.") == []


def test_rate_never_after_a_year_or_a_clock_time() -> None:
    assert _renderings("In 2019 a week before the vote, we met.") == []
    assert _renderings("At 17:00 an hour later we met.") == []
    assert _renderings("It costs £50 an hour.") == [("an hour", "per hour")]


def test_whether_or_not_loses_or_not_only_in_an_indirect_question() -> None:
    assert _renderings("She asked whether or not it would go.") == [("whether or not", "whether")]
    assert _renderings("Whether or not it goes, we pay.") == []
    assert _renderings("She asked whether it would go.") == [("whether", "if")]


def test_wordy_phrases_are_reduced_one_way_only() -> None:
    assert _renderings("We meet on a regular basis.") == [("on a regular basis", "regularly")]
    assert _renderings("We meet regularly.") == []
    assert _renderings("In the event that it fails, we pay.") == [("In the event that", "If")]
    assert _renderings("If it fails, we pay.") == []
    assert _renderings("It was due to the fact that we failed.") == [
        ("due to the fact that", "because")
    ]


def test_enumerators_vary_only_from_the_ly_form() -> None:
    assert _renderings("Firstly, we pay. Lastly, we go.") == [
        ("Firstly", "First"),
        ("Lastly", "Finally"),
    ]
    assert _renderings("First, we pay. Finally, we go.") == []


def test_in_addition_to_may_become_as_well_as_but_not_back() -> None:
    assert _renderings("In addition to the fee, we pay.") == [("In addition to", "As well as")]
    assert _renderings("He did as well as the others.") == []


def test_just_over_and_in_excess_of_before_figures_only() -> None:
    assert _renderings("Revenue was just over 40 per cent.") == [
        ("just over", "slightly more than")
    ]
    assert _renderings("It cost in excess of £1m.") == [("in excess of", "more than")]
    assert _renderings("The deal is just over.") == []


def test_of_this_kind_and_extent_phrases() -> None:
    assert _renderings("Groups of this kind have re-extorted victims.") == [
        ("of this kind", "of this type")
    ]
    assert _renderings("It is, to some extent, our fault.") == [
        ("to some extent", "to some degree")
    ]


def test_a_or_one_for_a_length_of_time_but_not_a_rate() -> None:
    assert _renderings("He killed it within a day.") == [("a day", "one day")]
    assert _renderings("Anything longer than a page is ignored.") == [("a page", "one page")]
    assert _renderings("We meet twice a week.") == [("a week", "per week")]
    assert _renderings("For a year or two we paid.") == []
    assert _renderings("It took a week of talks.") == []


def test_approximating_some_is_varied_but_never_offered() -> None:
    assert _renderings("Exposure is some £2.5bn.") == [
        ("some", "about", "around", "roughly", "approximately")
    ]
    assert ("about", "around", "roughly", "approximately") in _renderings("We paid about £2m.")
    assert _renderings("We met some people.") == []


def test_another_only_before_an_amount() -> None:
    assert _renderings("It needs a further £46m.") == [("a further", "an additional", "another")]
    assert _renderings("It needs a further review.") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # able to / in a position to: capacity after present or infinitive "be" only
        ("We are not in a position to comment.", [("in a position to", "able to")]),
        ("We will be in a position to pay.", [("in a position to", "able to")]),
        ("The system is able to cope.", []),
        ("He was in a position to escape.", []),
        ("It put him in a position to act.", []),
        # privately / in private at clause end; "at once" is never offered
        # for "immediately" ("fix everything at once" means "simultaneously")
        ("We must act at once.", []),
        ("We must act immediately.", []),
        ("They met in private.", [("privately", "in private")]),
        ("The firm is privately owned.", []),
        ("It is held privately.", []),
        ("It was educated privately.", []),
        ("It was released publicly.", []),
        # wordy forms reduced one way only
        ("We should review it as a matter of urgency.", [("as a matter of urgency", "urgently")]),
        ("We met so as to agree.", []),  # "so as to" may mean "in a way that"
        ("We met so that we could agree.", []),
        ("We wrote in order that they knew.", [("in order that", "so that")]),
        (
            "Despite the fact that it failed, we paid.",
            [("Despite the fact that", "In spite of the fact that", "Although", "Even though")],
        ),
        (
            "In view of the fact that it failed, we paid.",
            [("In view of the fact that", "Given that")],
        ),
        ("The data given that day was wrong.", []),
        ("It was refused on the grounds that it was late.", [("on the grounds that", "because")]),
        ("We wait until such time as they pay.", [("until such time as", "until")]),
        ("We will pay in the near future.", [("in the near future", "soon", "shortly")]),
        ("It is too soon.", []),
        ("We should in the first instance write.", [("in the first instance", "initially")]),
        ("Please reply in a timely manner.", [("in a timely manner", "promptly")]),
        ("It is in close proximity to the site.", [("in close proximity to", "near", "close to")]),
        ("We will decide at a later date.", [("at a later date", "at a later stage", "later")]),
        (
            "It was shared on a confidential basis.",
            [("on a confidential basis", "in confidence", "confidentially")],
        ),
        ("He works on a voluntary basis.", [("on a voluntary basis", "voluntarily")]),
        ("He resigned with immediate effect.", [("with immediate effect", "immediately")]),
        ("He resigned with immediate effect from Monday.", []),
        # point out that -> note/observe that, in each form
        (
            "She pointed out that we had paid.",
            [("pointed out that", "noted that", "observed that")],
        ),
        ("We would point out that it failed.", [("point out that", "note that", "observe that")]),
        ("She noted that we had paid.", []),
        # two-way fixed phrases
        ("We met, with a view to selling the site.", [("with a view to", "with the aim of")]),
        ("It is a flat with a view to the harbour.", []),
        ("Reply no later than 30 April.", [("no later than", "not later than")]),
        ("Take the delay into account.", [("into account", "into consideration")]),
        ("We took part in the review.", [("took part in", "participated in")]),
        ("We will sue, if necessary.", [("if necessary", "if need be")]),
        ("If necessary steps are taken, we pay.", []),
        (
            "A significant number of staff left.",
            [("A significant number of", "A considerable number of", "A substantial number of")],
        ),
        ("The vast majority of staff left.", [("The vast majority of", "The great majority of")]),
        ("We offer a wide range of services.", [("a wide range of", "a broad range of")]),
        (
            "We met shortly afterwards.",
            [("shortly afterwards", "shortly thereafter", "soon afterwards")],
        ),
        ("As a result of the breach, we paid.", [("As a result of", "As a consequence of")]),
        ("We lost a large number of customers.", [("a large number of", "many", "numerous")]),
        ("We lost many customers.", []),
        ("As regards the fee, we will pay.", [("As regards", "Regarding", "Concerning")]),
        ("Once again, we paid.", [("Once again", "Again")]),
        ("We paid again.", []),
        # sentence-initial connectives need the comma
        ("In conclusion, we should sell.", [("In conclusion", "To conclude")]),
        ("In other words, we failed.", [("In other words", "That is to say")]),
        ("It was put in other words.", []),
        ("By contrast, the rival paid.", [("By contrast", "In contrast")]),
        ("In contrast to the rival, we paid.", []),
        ("Even so, we paid.", [("Even so", "Nevertheless", "Nonetheless")]),
        ("In the same way, we paid.", [("Similarly", "Likewise", "In the same way")]),
        ("We paid in the same way as them.", []),
        ("First of all, we paid.", [("First of all", "Firstly")]),
        # close to before a figure: not "came close to", never before a year
        ("We value it at close to 40 percent.", [("close to", "nearly", "almost")]),
        ("He came close to 40 points.", []),
        ("It was close to 2020.", []),
        # refuse -> decline, only before a bare verb
        ("Our customers have refused to accept it.", []),  # "declined" is weaker
        ("He refuses to sign it.", [("refuses to", "declines to")]),
        ("Entry was refused to non-members.", []),
        ("Revenue declined to £40m.", []),
        ("They declined to comment.", []),
        # clause-final and sentence-initial adverbials added last
        (
            "It pays off in the long term.",
            [("in the long term", "in the long run", "over the long term")],
        ),
        ("It is in the long term interest of staff.", []),
        ("In most cases, we pay.", [("In most cases", "In the majority of cases")]),
        ("Frankly, the offer is poor.", [("Frankly", "Candidly", "To be frank", "To be candid")]),
        ("Put simply, we failed.", [("Put simply", "Simply put", "To put it simply")]),
        ("As things stand, we lose.", [("As things stand", "As matters stand")]),
    ],
)
def test_fourth_pass_phrases_in_and_out_of_context(
    text: str, expected: list[tuple[str, ...]]
) -> None:
    assert _renderings(text) == expected
