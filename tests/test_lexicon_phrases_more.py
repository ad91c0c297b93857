"""Tests for ``lexicons/phrases-more.toml`` and the rules added with it, in and out of context."""

from __future__ import annotations

import tomllib
from importlib import resources
from typing import Any

import pytest

from leaktrace.variants.engine import find_points
from leaktrace.variants.kinds.phrase import RULES, phrase_sets


def _renderings(text: str) -> list[tuple[str, ...]]:
    return [p.occurrences[0].renderings for p in find_points(text, kinds=["phrase"])]


def _part_sets() -> list[dict[str, Any]]:
    ref = resources.files("leaktrace.variants").joinpath("lexicons", "phrases-more.toml")
    return list(tomllib.loads(ref.read_text(encoding="utf-8"))["set"])


def test_part_file_is_loaded_after_the_main_file() -> None:
    part = _part_sets()
    assert len(part) >= 100
    loaded = phrase_sets()
    assert [s.options for s in loaded[-len(part) :]] == [tuple(s["options"]) for s in part]


def test_part_sets_are_well_formed_and_multiword() -> None:
    for raw in _part_sets():
        options = [str(o) for o in raw["options"]]
        assert raw["rule"] in RULES
        assert raw["context"]
        assert len(set(options)) == len(options) >= 2
        assert any(" " in option for option in options), options
        assert all(option.replace(" I ", " i ") == option.lower() for option in options)


def test_read_options_are_not_read_by_two_sets_with_the_same_rule() -> None:
    seen: dict[tuple[str, str], tuple[str, ...]] = {}
    for phrase_set in phrase_sets():
        for n, option in enumerate(phrase_set.options):
            if phrase_set.one_way and n:
                continue
            key = (option, phrase_set.rule)
            assert key not in seen, (option, seen.get(key), phrase_set.options)
            seen[key] = phrase_set.options


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # prepositions meaning "concerning"
        (
            "We claim in respect of the breach.",
            [("in respect of", "in relation to", "with regard to", "with respect to")],
        ),
        ("It is the claim in respect of which we act.", []),
        ("We wrote in regard to the fee.", [("in regard to", "with regard to", "with respect to")]),
        (
            "Costs incurred in connection with the sale rose.",
            [("in connection with", "in relation to")],
        ),
        ("We hold data pertaining to the claims.", [("pertaining to", "relating to")]),
        ("We hold data relating to the claims.", []),
        # other prepositional phrases
        (
            "It is used in conjunction with other measures.",
            [("in conjunction with", "together with")],
        ),
        (
            "The Board, together with the auditors, agreed.",
            [("together with", "along with")],
        ),
        ("We will not go along with the plan.", []),
        ("We brought the teams together with a facilitator.", []),
        (
            "We won with the help of counsel.",
            [("with the help of", "with the assistance of", "with the aid of")],
        ),
        ("It passed by means of a resolution.", [("by means of", "through")]),
        ("It was paid in place of the bonus.", [("in place of", "instead of")]),
        ("We met in advance of the vote.", [("in advance of", "ahead of")]),
        ("It failed by reason of the delay.", [("by reason of", "because of", "owing to")]),
        (
            "It failed in consequence of the delay.",
            [("in consequence of", "as a result of", "as a consequence of")],
        ),
        (
            "It grew over the course of the year.",
            [("over the course of", "during", "in the course of")],
        ),
        ("It applies for the duration of the contract.", [("for the duration of", "throughout")]),
        (
            "All terms stand, save for minor changes.",
            [("save for", "except for", "apart from")],
        ),
        ("We need to save for the future.", []),
        ("They saw it as opposed to their interests.", []),
        ("It is small in comparison with the deficit.", [("in comparison with", "compared with")]),
        (
            "We bought it with the intention of selling the site.",
            [("with the intention of", "with the aim of", "with a view to")],
        ),
        ("We acted with the intention of the parties.", []),
        (
            "They cut prices in a bid to win share.",
            [("in a bid to", "in an attempt to", "in an effort to")],
        ),
        ("It serves as a means of reducing costs.", [("as a means of", "as a way of")]),
        ("We waited so as not to alarm staff.", [("so as not to", "in order not to")]),
        ("It failed for lack of evidence.", [("for lack of", "for want of")]),
        ("It is on the verge of collapse.", [("on the verge of", "on the brink of")]),
        ("We bore the bulk of the cost.", [("the bulk of", "most of")]),
        ("It lasted the whole of the year.", [("the whole of", "all of")]),
        # quantities and figures
        (
            "It took a great deal of work.",
            [
                (
                    "a considerable amount of",
                    "a significant amount of",
                    "a substantial amount of",
                    "a great deal of",
                )
            ],
        ),
        ("It matters a great deal.", []),
        (
            "A large proportion of staff left.",
            [("A large proportion of", "A high proportion of")],
        ),
        ("A small number of customers left.", [("A small number of", "A few")]),
        ("A small number of the staff left.", []),
        (
            "An increasing number of firms pay.",
            [("An increasing number of", "A growing number of")],
        ),
        (
            "We met on a number of occasions.",
            [("on a number of occasions", "on several occasions")],
        ),
        ("It takes no more than 14 days.", [("no more than", "not more than")]),
        ("It is no more than a gesture.", []),
        ("It cost upwards of £5m.", [("upwards of", "more than", "in excess of")]),
        (
            "It cost in the order of £20m.",
            [("in the order of", "in the region of", "about", "approximately")],
        ),
        ("They are listed in the order of arrival.", []),
        ("It costs £5m per annum.", [("per annum", "a year", "per year")]),
        # extent and degree
        (
            "It rose to a significant extent.",
            [
                (
                    "to a significant extent",
                    "to a considerable extent",
                    "to a significant degree",
                    "to a considerable degree",
                )
            ],
        ),
        ("We ask to what extent it helped.", [("to what extent", "to what degree")]),
        (
            "It was due in large part to the delay.",
            [("in large part", "largely", "to a large extent")],
        ),
        ("Staff were, for the most part, supportive.", [("for the most part", "in the main")]),
        ("In the main, staff agreed.", [("In the main", "For the most part")]),
        ("We met in the main hall.", []),
        ("It will in all likelihood fail.", [("in all likelihood", "in all probability")]),
        # respect and regard
        ("It is sound in all respects.", [("in all respects", "in every respect")]),
        ("In this respect, we agree.", [("In this respect", "In this regard")]),
        ("In this regard, we agree.", [("In this respect", "In this regard")]),
        ("In many respects, it failed.", [("In many respects", "In many ways")]),
        ("We can help in many ways.", []),
        # circumstances and knowledge
        ("In the circumstances, we agree.", [("In the circumstances", "Under the circumstances")]),
        ("In the circumstances of the case, we agree.", []),
        (
            "We will cut costs as far as possible.",
            [("as far as possible", "so far as possible", "to the extent possible")],
        ),
        ("Move it as far as possible from the site.", []),
        (
            "So far as we are aware, nothing leaked.",
            [("So far as we are aware", "As far as we are aware")],
        ),
        ("Insofar as it applies, we agree.", [("Insofar as", "To the extent that")]),
        # view and opinion
        ("In their view, the offer is poor.", [("In their view", "In their opinion")]),
        ("It changed in their view of the market.", []),
        ("In our judgement, it fails.", [("In our judgement", "In our view")]),
        ("In our assessment of the bid we erred.", []),
        (
            "The Board is of the view that it fails.",
            [("is of the view that", "is of the opinion that", "takes the view that")],
        ),
        (
            "We are of the opinion that it fails.",  # a law firm's formal opinion
            [],
        ),
        ("We remain of the view that it fails.", []),  # "of the opinion": a formal opinion
        (
            "In the view of the Board, it fails.",  # "opinion" may be a formal opinion
            [],
        ),
        ("It seems that the offer is poor.", [("It seems that", "It appears that")]),
        (
            "It should be noted that the offer is poor.",
            [("It should be noted that", "It is worth noting that")],
        ),
        # time
        ("With hindsight, we erred.", [("With hindsight", "In hindsight", "In retrospect")]),
        ("Since then, prices rose.", [("Since then", "Since that time")]),
        ("At that time, prices rose.", [("At that time", "At the time")]),
        ("We paid at that time the sum due.", []),
        (
            "At this juncture, we should wait.",
            [("At this juncture", "At this stage", "At this point")],
        ),
        (
            "In the interim, we will wait.",
            [("In the interim", "In the meantime", "Meanwhile")],
        ),
        ("We will pay the fee in the interim.", [("in the interim", "in the meantime")]),
        ("The interim report is in the interim report folder.", []),
        (
            "Details will follow in due course.",
            [("in due course", "at the appropriate time")],
        ),
        ("It applies with effect from 1 April.", [("with effect from", "effective from")]),
        (
            "It was flawed from the outset.",
            [("from the outset", "from the start", "from the beginning")],
        ),
        ("We met at the start of the year.", [("at the beginning of", "at the start of")]),
        ("We met earlier this year.", [("earlier this year", "earlier in the year")]),
        ("Costs rose in recent years.", [("in recent years", "over recent years")]),
        ("We will decide in the coming weeks.", [("in the coming weeks", "in the weeks ahead")]),
        ("It pays off in the medium term.", [("in the medium term", "over the medium term")]),
        ("It is available on request.", [("on request", "upon request")]),
        ("It is paid upon completion of the works.", [("on completion", "upon completion")]),
        ("The fee is payable on completion.", [("on completion", "upon completion")]),
        ("On reflection, we agree.", [("On reflection", "Upon reflection")]),
        ("We issued guidance on termination of leases.", []),
        ("The rules on request handling changed.", []),
        ("More often than not, we pay.", [("More often than not", "In most cases")]),
        # manner
        (
            "It will be fixed as a matter of priority.",
            [("as a matter of priority", "as a priority")],
        ),
        ("It was identified as a priority.", []),
        ("In this way, we saved money.", [("In this way", "In this manner")]),
        ("In this way of working, all gain.", []),
        (
            "It was drafted in such a way that it fails.",
            [("in such a way that", "in such a manner that")],
        ),
        (
            "It is, to all intents and purposes, a sale.",
            [("to all intents and purposes", "in effect", "effectively")],
        ),
        # sentence connectives
        ("To this end, we will act.", [("To this end", "To that end")]),
        ("On this basis, we recommend it.", [("On this basis", "On that basis")]),
        ("We proceed on this basis: pay now.", []),
        ("On balance, we recommend it.", [("On balance", "All things considered")]),
        (
            "As a rule, we pay.",
            [("As a rule", "As a general rule", "In general", "Generally")],
        ),
        ("That said, we paid.", [("That said", "Even so", "Nevertheless")]),
        ("Above all, we must pay.", [("Above all", "Most importantly")]),
        ("In effect, the offer is $43.", [("In effect", "Effectively")]),
        ("The ban was in effect in 2019.", []),
        ("Not surprisingly, it failed.", [("Not surprisingly", "Unsurprisingly")]),
        ("Broadly speaking, it failed.", [("Broadly speaking", "Generally speaking")]),
        ("It was set out in broad terms.", [("in broad terms", "in general terms")]),
        (
            "Bearing this in mind, we paid.",
            [("With this in mind", "Bearing this in mind")],
        ),
        ("At a minimum, we should pay.", [("At a minimum", "At the very least")]),
        ("Keep costs at a minimum.", []),
        ("In total, 212 roles go.", [("In total", "In all", "Altogether")]),
        ("We cut 212 roles in total.", [("in total", "in all", "altogether")]),
        ("They had total control.", []),
        # conjunctions
        (
            "We act on the assumption that it is lawful.",
            [("on the assumption that", "assuming that")],
        ),
        (
            "We pay on condition that it ships.",
            [("on condition that", "on the condition that", "provided that")],
        ),
        ("We pay so long as it ships.", [("so long as", "as long as", "provided that")]),
        ("We pay as long as it ships.", []),
        (
            "We paid notwithstanding the fact that it failed.",
            [("notwithstanding the fact that", "although", "even though")],
        ),
        ("Please make certain that it ships.", [("make certain that", "ensure that")]),
        ("Please make certain changes.", []),
        # cross-references
        (
            "As noted above, we paid.",
            [("As noted above", "As mentioned above", "As stated above")],
        ),
        ("The terms are as set out below.", [("as set out below", "as described below")]),
        # verb phrases
        (
            "We will carry out a review of the contract.",
            [("carry out", "conduct", "undertake")],
        ),
        ("We will carry out the instructions.", []),
        ("They will conduct a full review next year.", [("carry out", "conduct", "undertake")]),
        ("We will carry out the review team's advice.", []),
        (
            "The firm has carried out an audit.",
            [("carried out", "conducted", "undertaken")],
        ),
        (
            "A review of the contract was carried out.",
            [("carried out", "conducted", "undertaken")],
        ),
        ("The instructions were carried out.", []),
        ("After the review, the instructions were carried out.", []),
        ("We carried out checks on the server.", [("carried out", "conducted")]),
        ("They undertook a survey of staff.", [("undertook", "carried out", "conducted")]),
        ("They undertook to pay the fee.", []),
        ("It is conducting interviews.", [("carrying out", "conducting", "undertaking")]),
        ("He gave an undertaking to the court.", []),
        ("The conduct of the review was poor.", []),
        ("We made use of the funds.", [("made use of", "used")]),
        ("The note makes reference to the fee.", [("makes reference to", "refers to")]),
        ("The Board gave consideration to the bid.", [("gave consideration to", "considered")]),
        (
            "We reached the conclusion that it fails.",
            [("reached the conclusion that", "concluded that")],
        ),
        (
            "He drew attention to the risk.",
            [("drew attention to", "called attention to", "highlighted")],
        ),
        ("Please bear in mind the cost.", [("bear in mind", "keep in mind")]),
        ("It must be borne in mind.", [("borne in mind", "kept in mind")]),
        ("Please make sure that it ships.", [("make sure", "ensure")]),
        ("Please make sure of the facts.", []),
        ("Please make sure to lock up.", []),
        ("We must find out whether it leaked.", [("find out", "establish")]),
        ("He was found out in the end.", []),
        ("Work is under way.", [("under way", "in progress")]),
        ("Work in progress rose.", []),
        ("The talks got under way.", []),
        ("She is in charge of the review.", [("in charge of", "responsible for")]),
        ("She was put in charge of the review.", []),
        ("The Act came into force in 2018.", [("came into force", "came into effect")]),
        # further common formal wordings
        ("We plan as if it will pass.", [("as if", "as though")]),
        ("It is the same as if we had paid.", []),
        ("Terms such as if and when apply.", []),
        (
            "A handful of people decide.",
            [("A handful of", "A small number of", "A few")],
        ),
        ("A handful of sand fell.", []),
        ("A small number of staff left.", [("A small number of", "A few")]),
        ("It happened, in public, at noon.", [("in public", "publicly")]),
        ("We spoke about it in public.", [("in public", "publicly")]),
        ("It is in public ownership.", []),
        ("It happened by accident.", [("by accident", "accidentally")]),
        ("It happened by accident or design.", []),
        (
            "The minutes were approved as a correct record.",
            [("a correct record", "an accurate record", "a true record")],
        ),
        ("We are not minded to accept.", [("minded to", "inclined to")]),
        ("Prices are inclined to fall.", []),
        (
            "It was published in the usual way.",
            [("in the usual way", "in the normal way", "in the usual manner")],
        ),
        ("Ministers played no part in the decision.", [("no part in", "no role in")]),
        ("He played a key role in the deal.", [("a key part in", "a key role in")]),
        ("He took a key role in the deal.", []),
        ("It has been weak since it took office.", [("took office", "assumed office")]),
        ("It took office in 2023.", [("took office", "assumed office")]),
        ("The firm took office space in Leeds.", []),
        ("It is worth far less than $6.", [("far less than", "much less than")]),
        ("Costs have far more than doubled.", [("far more than", "much more than")]),
        ("Costs have so far more than doubled.", []),
        (
            "Notify the FCA in parallel under Principle 11.",
            [("in parallel", "at the same time", "simultaneously")],
        ),
        ("It runs in parallel with the sale.", []),
        ("Draw them in parallel lines.", []),
        ("Paying is not in itself unlawful.", [("in itself", "of itself")]),
        ("It is an end in itself.", []),
        (
            "Our view, put plainly, is that we failed.",
            [("put plainly", "to put it plainly")],
        ),
        ("It was put plainly to the Board.", []),
        ("We paid even though it failed.", [("even though", "although")]),
        ("They reached agreement on the terms.", [("reached agreement", "reached an agreement")]),
        ("It is without doubt the best.", [("without doubt", "undoubtedly", "without question")]),
        ("It was proved beyond doubt.", [("beyond doubt", "beyond question")]),
        ("Guilt was proved beyond reasonable doubt.", []),
        ("Notify them without delay.", [("without delay", "promptly")]),
        ("Notify them without undue delay.", []),
        ("He told us in confidence.", [("in confidence", "confidentially")]),
        ("It lies in confidence intervals.", []),
        ("In the wake of the breach, we paid.", [("In the wake of", "Following", "After")]),
        ("If so, we will pay.", [("If so", "If that is the case")]),
        ("We will, if so requested, pay.", []),
        ("We will, where possible, reuse it.", [("if possible", "where possible")]),
        ("Where possible solutions exist, try them.", []),
        ("If required, we pay.", [("Where required", "If required")]),
        ("If required to pay, we pay.", []),
        ("We will act where necessary.", [("where necessary", "if necessary", "if need be")]),
        (
            "We must take account of the risk.",
            [("take account of", "take into account", "take into consideration")],
        ),
        ("We must take into account that costs rise.", [("into account", "into consideration")]),
        ("This may give rise to a claim.", [("give rise to", "result in")]),
        ("It has given rise to a claim.", [("given rise to", "resulted in")]),
        ("It resulted in a loss.", [("resulted in", "led to")]),
        ("We were led to believe it.", []),
        (
            "At this point in time, we wait.",
            [("At this point in time", "At this stage", "At this point")],
        ),
        (
            "They met on the sidelines of the summit.",
            [("on the sidelines of", "in the margins of")],
        ),
        ("It is in the margins of the page.", []),
        ("The Committee took note of the report.", [("took note of", "noted")]),
        ("Members voted in favour of the motion.", [("voted in favour of", "voted for")]),
        (
            "Please reply at your earliest convenience.",
            [("at your earliest convenience", "as soon as possible")],
        ),
        ("It lies in the vicinity of the site.", [("in the vicinity of", "near", "close to")]),
    ],
)
def test_more_phrases_in_and_out_of_context(text: str, expected: list[tuple[str, ...]]) -> None:
    assert _renderings(text) == expected
