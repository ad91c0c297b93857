"""Tests for the ``synonym`` kind: lexicon integrity, inflection, case, articles, exclusions."""

from __future__ import annotations

import time

import pytest

from leaktrace.model import Span, VariationPoint
from leaktrace.variants.engine import find_points
from leaktrace.variants.kinds._context import load_lexicon_entries
from leaktrace.variants.kinds.synonym import FINDER, synonym_sets

_POS = {"VERB", "NOUN", "ADJ", "ADV", "PRON", "ADP", "SCONJ", "DET"}


def _synonyms(text: str) -> list[VariationPoint]:
    return find_points(text, kinds=["synonym"])


def _renderings(text: str) -> list[tuple[str, ...]]:
    return [p.occurrences[0].renderings for p in _synonyms(text)]


def test_lexicon_parses_with_distinct_options() -> None:
    raw = load_lexicon_entries("synonyms", "set")
    assert len(raw) == len(synonym_sets()) >= 100
    seen: set[tuple[str, str]] = set()
    for synset in synonym_sets():
        assert synset.pos in _POS
        assert len(synset.words) >= 2
        assert len(set(synset.words)) == len(synset.words), synset.words
        for word in synset.words:
            assert (synset.pos, word) not in seen, f"{word} ({synset.pos}) is in two sets"
            seen.add((synset.pos, word))


def test_synonym_offers_the_author_word_as_original() -> None:
    (point,) = _synonyms("We frequently meet.")
    assert point.labels == ("often", "frequently")
    assert point.occurrences[0].renderings[point.original] == "frequently"


def test_verb_inflects_past_participle_after_have() -> None:
    assert _renderings("They had begun to fall.")[0] == ("started", "begun")


def test_verb_inflects_past_tense_after_subject_pronoun() -> None:
    assert ("started", "began") in _renderings("It started in May.")


def test_verb_inflects_gerund_after_be() -> None:
    assert ("trying", "attempting", "seeking") in _renderings("She is trying to help.")


def test_verb_skipped_when_tense_is_ambiguous() -> None:
    # "started" after a noun could be a past tense (began) or a participle (begun).
    assert _renderings("The work started in May.") == []


def test_verb_requires_its_declared_context() -> None:
    assert _renderings("He will try the soup.") == []
    assert _renderings("We will start the car.") == []


def test_noun_homograph_is_not_taken_for_a_verb() -> None:
    assert _renderings("The start of the year.") == [("beginning", "start")]


def test_sentence_start_is_capitalised() -> None:
    assert _renderings("Nobody came.") == [("Nobody", "No one")]


def test_capitalised_word_mid_sentence_is_left_alone() -> None:
    assert _renderings("We met Big Pharma and Frequently Asked.") == []


def test_article_is_fixed_when_options_need_different_articles() -> None:
    (point,) = _synonyms("It was a huge loss.")
    occ = point.occurrences[0]
    assert occ.renderings == ("a huge", "an enormous")
    assert "It was a huge loss."[occ.start : occ.end] == "a huge"


def test_article_is_untouched_when_options_agree() -> None:
    (point,) = _synonyms("It has a drawback.")
    assert point.occurrences[0].renderings == ("drawback", "disadvantage")


def test_fixed_expressions_are_excluded() -> None:
    assert _renderings("We agree, more often than not.") == []
    assert _renderings("The start-up raised money.") == []


def test_protected_quotation_is_untouched() -> None:
    assert _renderings('He said "we often fail" today.') == []


def test_author_fixed_span_is_untouched() -> None:
    text = "We often fail."
    assert find_points(text, kinds=["synonym"], fixed=[Span(3, 8, "author")]) == []


def test_after_is_offered_only_before_a_noun_phrase() -> None:
    assert _renderings("After the meeting, we left.") == [("After", "Following")]
    assert _renderings("After he left, we ate.") == []
    assert _renderings("We left after the Board had approved it.") == []


def test_before_is_not_offered_for_a_place_or_a_clause() -> None:
    assert _renderings("The paper came before the Board.") == []
    assert _renderings("We must act before the window closes.") == []
    assert _renderings("We must act before signing.") == [("before", "prior to")]


def test_adjective_keeps_its_degree() -> None:
    assert _renderings("Our two largest customers left.") == [("biggest", "largest")]


def test_finder_is_fast_on_a_long_document() -> None:
    from leaktrace.variants.analysis import analyse

    text = " ".join(
        ["We often try to start the review after the meeting, although nobody came."] * 80
    )
    analysis = analyse(text)
    list(FINDER.find(analyse("We often try.")))  # warm caches, as any second document would
    started = time.perf_counter()
    points = list(FINDER.find(analysis))
    assert points
    assert time.perf_counter() - started < 0.05


def test_verb_after_a_name_subject_keeps_its_tense() -> None:
    assert _renderings("Without a sale, Frozen buys the plant.") == [("buys", "purchases")]
    assert _renderings("The Trust permits the use.") == [("allows", "permits")]
    # need/require only after a person: a rule that "requires" something demands it
    assert _renderings("The Trust requires the data.") == []


def test_verb_after_a_noun_is_not_read_in_a_noun_compound() -> None:
    assert _renderings("The customer needs analysis.") == []
    assert _renderings("We saw the price increases that hurt.") == []


def test_expect_takes_an_object_but_not_an_infinitive() -> None:
    assert _renderings("We expect a loss of £29m.") == [("expect", "anticipate")]
    assert _renderings("We expect them to go.") == []


def test_every_each_before_a_singular_count_noun() -> None:
    assert _renderings("We read every report.") == [("every", "each")]
    assert _renderings("We make every effort.") == []
    assert _renderings("We read nearly every report.") == []


def test_many_numerous_before_a_plural_noun() -> None:
    assert _renderings("He attends many events.") == [("many", "numerous")]
    assert _renderings("How many events did he attend?") == []


def test_largely_set_offers_four_options_but_not_before_a_verb() -> None:
    assert _renderings("It is largely a spectator.") == [("mainly", "largely", "mostly", "chiefly")]
    assert _renderings("The argument largely collapses.") == []


def test_simply_merely_before_a_verb_not_in_simply_because() -> None:
    assert _renderings("It simply keeps the lights on.") == [("simply", "merely")]
    assert _renderings("We act simply because we must.") == []


def test_therefore_thus_after_an_auxiliary_not_before_a_gerund() -> None:
    assert _renderings("We should therefore act now.") == [("therefore", "consequently")]
    # "thus" before a participle means "in this way"
    assert _renderings("They were thus incorporated in the work.") == []
    assert _renderings("It is thus reducing costs.") == []


def test_partly_is_never_varied_because_it_comes_in_parallel_pairs() -> None:
    # "partly a tactic and partly a reflection": varying one half would break the parallel.
    assert _renderings("It was partly a tactic and partly a reflection of the debate.") == []
    assert _renderings("As set out in part 3 of the report.") == []


def test_talks_only_as_a_noun() -> None:
    assert _renderings("He regarded the talks as a problem.") == [("talks", "negotiations")]
    assert ("talks", "negotiations") not in _renderings("He talks to everyone.")


def test_badly_poorly_only_before_a_participle_of_conduct() -> None:
    assert _renderings("He was badly advised.") == [("badly", "poorly")]
    assert _renderings("It was badly damaged.") == []


def test_clear_apparent_evident_before_that_not_at_clause_end() -> None:
    assert _renderings("It is clear that we failed.") == [("clear", "apparent", "evident")]
    assert _renderings("The rules are clear.") == []


def test_suggest_propose_needs_a_proposing_subject() -> None:
    assert _renderings("We suggest a clean-team arrangement only.") == [("suggest", "propose")]
    assert ("suggest", "propose") not in _renderings("Estimates suggest a further £19m.")


def test_sole_only_before_a_listed_head() -> None:
    assert _renderings("A firm whose sole director is his brother.") == [("sole", "only")]
    assert _renderings("It is the only way.") == []


def test_word_after_a_paragraph_number_counts_as_a_sentence_start() -> None:
    (point,) = _synonyms("3.2 Nobody came.")
    assert point.occurrences[0].renderings == ("Nobody", "No one")


def test_effect_impact_only_before_on() -> None:
    assert _renderings("It will have an effect on prices.") == [("effect", "impact")]
    assert _renderings("The effect of clause 5 is clear.") == []


def test_total_overall_and_current_present_only_before_listed_heads() -> None:
    assert _renderings("The total cost was £5m.") == [("total", "overall")]
    assert _renderings("It was a total failure.") == []
    assert _renderings("Under current rules we must pay.") == [("current", "present")]
    assert _renderings("All current students will be taught.") == []


def test_urgent_pressing_moves_the_article() -> None:
    assert _renderings("It is an urgent matter.") == [("an urgent", "a pressing")]
    assert _renderings("Urgent care is needed.") == []


def test_very_highly_before_listed_adjectives_not_after_not() -> None:
    assert _renderings("It is very unlikely to pass.") == [("very", "highly")]
    assert _renderings("It is not very likely.") == []
    assert _renderings("It is very careful.") == []


def test_register_and_judgement_sensitive_words_are_left_alone() -> None:
    assert _renderings("He had previously advised them.") == []  # "had earlier advised": odd
    assert _renderings("It was previously unknown.") == []
    assert _renderings("Cutting the team was a mistake.") == []  # "an error" softens it
    assert ("mistake", "error") in _renderings("They made a serious mistake in March.")
    assert _renderings("Call me if you need help.") == []  # "assistance" is stiffer
    assert _renderings("You may seek further help from the desk.") == [("help", "assistance")]
    assert _renderings("We were wrong about the pace.") == []
    assert _renderings("The pace of change was slow.") == [("pace", "speed")]


def test_view_opinion_only_after_a_possessive() -> None:
    assert _renderings("Our view is that we should pay.") == [("view", "opinion")]
    assert _renderings("They took a dim view of it.") == []
    assert _renderings("The view is stunning.") == []


def test_broadly_generally_and_likely_probable() -> None:
    assert _renderings("The figures are broadly similar.") == [("broadly", "generally")]
    assert _renderings("It was generally agreed.") == []
    assert _renderings("The likely outcome is a sale.") == [("likely", "probable")]
    assert _renderings("It is likely that we pay.") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # tell/inform: past forms, a pronoun object, then a content clause
        ("He told us that the fee was high.", [("told", "informed")]),
        ("She informed them that they had won.", [("told", "informed")]),
        ("She informed them they had won.", []),  # without "that", "informed" reads stiff
        ("I have told you that it works.", [("told", "informed")]),
        ("He told them to leave.", []),
        ("He told us what we wanted to hear.", []),
        ("He told us that much.", []),
        ("I will tell you that it works.", []),
        ("He told the board that it works.", []),
        # recommend/advise: counsel before "against", "strongly" or an -ing clause
        ("We recommend waiting a week.", [("recommend", "advise")]),
        ("They advised against the sale.", [("recommended", "advised")]),
        ("We advise strongly against paying.", []),  # "recommend strongly against" is odd
        ("The Trust recommends seeking advice.", [("recommends", "advises")]),
        ("We advise that the office is closed.", []),
        ("It is recommended against.", []),
        ("We recommend the fund.", []),
        # regarding/concerning: preposition before a noun phrase, never the adjective
        ("We have questions regarding the fee.", [("regarding", "concerning")]),
        ("We wrote a letter concerning his pension.", [("regarding", "concerning")]),
        ("The figures are concerning.", []),
        ("It is a deeply concerning trend.", []),
        ("It is concerning the Board.", []),
        # predict/forecast: present forms only ("forecasted" reads as American)
        ("We predict that prices will fall.", [("predict", "forecast")]),
        ("He forecast that prices would fall.", []),
        ("We predict a fall.", []),
        # repeat/reiterate before a content clause
        ("He reiterated that we must pay.", [("repeated", "reiterated")]),
        ("He repeated the question.", []),
    ],
)
def test_reporting_and_advising_verbs_in_their_frames(
    text: str, expected: list[tuple[str, ...]]
) -> None:
    assert _renderings(text) == expected


def test_believe_consider_only_before_a_clause_that_plainly_starts() -> None:
    assert _renderings("We believe that it is wrong.") == [("believe", "consider")]
    assert _renderings("We consider that there is a risk.") == [("believe", "consider")]
    # A demonstrative "that": "believe that unwise" would be ungrammatical.
    assert _renderings("We consider that unwise.") == []
    assert _renderings("I consider that approach risky.") == []
