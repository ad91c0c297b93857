"""Tests for ``lexicons/synonyms-adverbs.toml``: adverb and preposition sets of the synonym kind.

Each set is checked where it applies (the author's word and its equivalents are offered) and
where its constraints keep it out (a second sense of the word, or a frame where a member would
read wrongly). The file is a part file of ``synonyms.toml``, so the main lexicon's integrity test
(one set per word and part of speech) covers it too; here we check it is really loaded.
"""

from __future__ import annotations

import pytest

from leaktrace.variants.engine import find_points
from leaktrace.variants.kinds._context import load_lexicon
from leaktrace.variants.kinds.synonym import synonym_sets


def _renderings(text: str) -> list[tuple[str, ...]]:
    return [p.occurrences[0].renderings for p in find_points(text, kinds=["synonym"])]


def _all_renderings(text: str) -> list[tuple[str, ...]]:
    """Points of every kind, to check that another kind does not take the span first."""
    return [p.occurrences[0].renderings for p in find_points(text)]


def test_part_file_is_loaded_after_the_main_lexicon() -> None:
    part = load_lexicon("synonyms-adverbs")["set"]
    assert len(part) >= 30
    loaded = [s.words for s in synonym_sets()]
    for raw in part:
        assert tuple(raw["words"]) in loaded
    assert {raw["pos"] for raw in part} <= {"ADV", "ADP", "DET", "PRON", "SCONJ"}


def test_part_file_does_not_repeat_a_word_of_the_main_lexicon() -> None:
    main = {(raw["pos"], w) for raw in load_lexicon("synonyms")["set"] for w in raw["words"]}
    for raw in load_lexicon("synonyms-adverbs")["set"]:
        for word in raw["words"]:
            assert (raw["pos"], word) not in main, word


FOUND = [
    ("The plant was originally scheduled to close in May.", ("originally", "initially")),
    ("As initially envisaged, the fund is small.", ("originally", "initially")),
    ("The firm, formerly known as Acme, is based here.", ("formerly", "previously")),
    ("She was previously employed as a consultant.", ("formerly", "previously")),
    ("He resigned immediately after the meeting.", ("immediately", "directly")),
    (
        "Disclosure is expressly prohibited by clause 4.",
        ("expressly", "explicitly", "specifically"),
    ),
    ("The Act specifically prohibits the practice.", ("expressly", "explicitly", "specifically")),
    ("The two meetings were held simultaneously.", ("simultaneously", "at the same time")),
    ("The offers were sent at the same time by email.", ("simultaneously", "at the same time")),
    ("The Board tacitly accepted the proposal.", ("implicitly", "tacitly")),
    ("The data was inadvertently disclosed.", ("inadvertently", "unintentionally")),
    ("Staff unwittingly forwarded the email.", ("unwittingly", "unknowingly")),
    ("The sum was erroneously paid to the wrong account.", ("erroneously", "mistakenly")),
    ("The meeting was hastily arranged.", ("hastily", "hurriedly")),
    ("Earnings will be adversely affected.", ("adversely", "negatively")),
    ("We will robustly defend the claim.", ("robustly", "vigorously")),
    ("The Ministry categorically denied the report.", ("categorically", "unequivocally")),
    ("We firmly believe the offer is too low.", ("firmly", "strongly")),
    ("The cause has not been conclusively established.", ("conclusively", "definitively")),
    ("The forms are readily available online.", ("readily", "easily")),
    ("The project is not sufficiently resourced.", ("sufficiently", "adequately")),
    ("We need a suitably qualified engineer.", ("a suitably", "an appropriately")),
    ("The two drafts are virtually identical.", ("virtually", "practically")),
    ("Costs were markedly higher this year.", ("markedly", "noticeably")),
    ("The committee is keenly aware of the risk.", ("keenly", "acutely")),
    ("It was an apparently minor error.", ("an apparently", "a seemingly")),
    ("This is undoubtedly the right course.", ("undoubtedly", "unquestionably")),
    ("The Trust will probably appeal.", ("probably", "most likely")),
    ("The Trust will most likely appeal.", ("probably", "most likely")),
    ("We can probably shape the outcome.", ("probably", "most likely")),
    ("Please reply, ideally by Friday.", ("ideally", "preferably")),
    ("The talks were sometimes difficult.", ("sometimes", "at times")),
    ("The talks were at times difficult.", ("sometimes", "at times")),
    ("Most of the staff are based overseas.", ("overseas", "abroad")),
    ("They want us to say publicly that the tender was rigged.", ("publicly", "in public")),
    ("He has never spoken in public about the case.", ("publicly", "in public")),
    ("The product is sold worldwide.", ("worldwide", "globally")),
    ("Further, we note that the deadline has passed.", ("Further", "Furthermore")),
    ("Fees are payable regardless of the outcome.", ("regardless", "irrespective")),
    ("The newly appointed chair will attend.", ("newly", "recently")),
    ("The price is £5m excluding VAT.", ("excluding", "exclusive of")),
    ("The fee is £200 (including VAT).", ("including", "inclusive of")),
    ("The total, inclusive of interest, is £3m.", ("including", "inclusive of")),
    ("Henceforth, all requests must be in writing.", ("Henceforth", "From now on")),
    ("There is hardly any evidence of harm.", ("hardly", "scarcely")),
    ("Several members, notably the Treasurer, objected.", ("notably", "in particular")),
    ("Several members, in particular the Chair, objected.", ("notably", "in particular")),
    ("The two reports are remarkably similar.", ("remarkably", "strikingly")),
    ("Costs were somewhat higher than expected.", ("somewhat", "a little")),
    ("Costs were a little higher than expected.", ("somewhat", "a little")),
    ("Witnesses must attend in person.", ("in person", "personally")),
    ("She appeared personally before the tribunal.", ("in person", "personally")),
    ("We will closely monitor the position.", ("closely", "carefully")),
    ("The claims were fully investigated.", ("fully", "thoroughly")),
    ("This is a widely held view.", ("widely", "commonly")),
    ("The decision is, of course, a matter for the Board.", ("naturally", "of course")),
]


@pytest.mark.parametrize(("text", "expected"), FOUND)
def test_set_applies_in_its_context(text: str, expected: tuple[str, ...]) -> None:
    assert expected in _renderings(text)


LEFT_ALONE = [
    # "originally" as "in an original way", and away from its planning participles.
    "The room was originally decorated.",
    # "previously known" = known before now; "previously called for" and "has formerly".
    "These are the previously known risks.",
    "The union previously called for a strike.",
    "She has previously been employed as a consultant.",
    # "directly before the committee" = in person.
    "He appeared directly before the committee.",
    # "specifically" of purpose; "at the same time" as a connective or a point in the year.
    "The product was specifically designed for children.",
    "At the same time, we must cut costs.",
    "We must grow and at the same time, cut costs.",
    "He arrived at the same time as the Minister.",
    "Sales were above the level seen at the same time in 2023.",
    # "implicitly" = completely; "readily" = willingly; "strongly" = in graded formulas.
    "We trust them implicitly.",
    "The Minister readily agreed to meet.",
    "We strongly condemn the attack.",
    "We strongly recommend a review.",
    # "negatively" outside "affect"; "virtually" = online; "practically" = in practice.
    "The question was answered negatively.",
    "The committee met virtually.",
    "She is practically minded.",
    # "appropriately" as a sentence adverb; "widely known" (reach) and "commonly known as" (name).
    "Appropriately, the award went to the nurses.",
    "The risks were widely known.",
    "The drug is commonly known as aspirin.",
    # "unquestionably" as a slip for "unquestioningly".
    "Staff obeyed unquestionably.",
    # "Apparently, ..." and "this apparently" report hearsay.
    "Apparently, he resigned.",
    "This apparently caused the delay.",
    # "most likely" as a superlative adjective.
    "This is the most likely outcome.",
    "Smaller firms are most likely to fail.",
    "It is most likely that the deal will close.",
    "Which option is most likely in practice?",
    "Which option is most likely?",
    "She is the largest and most likely bidder.",
    # "ideally placed/suited" = perfectly; "Ideally," opening a sentence.
    "The firm is ideally placed to bid.",
    "Ideally, we would meet in person.",
    "The team is ideally in a position to help.",
    "The site is located ideally in the centre.",
    # "at times" as a noun phrase; "sometimes" before a verb.
    "Support is offered at times of crisis.",
    "Visits are at times to be agreed.",
    "Delivery is at times convenient to both parties.",
    "The rule is sometimes referred to as the cap.",
    # "in public" as a noun's modifier, in a pair, or "publicly" before its verb.
    "His conduct in public was poor.",
    "The bank is in public hands.",
    "They opposed it in public and private.",
    "The flaw had been publicly disclosed.",
    # "overseas"/"worldwide" as adjectives.
    "Overseas students pay more.",
    "We compared overseas, domestic and EU fees.",
    "Worldwide sales fell.",
    # "Further to your email" and "further" as an adjective.
    "Further to your email, we attach the report.",
    "A further payment is due.",
    # "proceed regardless" has no "irrespective" counterpart.
    "We will proceed regardless.",
    # "notwithstanding that ..." is a conjunction; postposed "notwithstanding".
    "Notwithstanding that the fee was paid, access was refused.",
    "The foregoing notwithstanding, the fee is due.",
    # "notably" = noticeably; "closely" = nearly; "carefully" = with care; "fully" = completely.
    "He was notably absent.",
    "The two issues are closely linked.",
    "The letter was carefully worded.",
    "The shares are fully paid.",
    "We are fully aware of the risk.",
    # "somewhat" before a positive adjective; "personally" = myself.
    "The result was somewhat surprising.",
    "I will personally send the list.",
    # "remarkably" before praise.
    "The team was remarkably generous.",
    # "excluding"/"including" as verbs, or before a noun that does not close the phrase.
    "By excluding interest, we lower the figure.",
    "We recommend excluding costs from the total.",
    "All parties, including interest groups, attended.",
    # "recently" as part of a finite verb phrase.
    "We recently appointed a new chair.",
    # "henceforth referred to as" = hereafter.
    "The Company (henceforth referred to as Acme) agrees.",
    # "naturally" as manner; "of course" as a noun phrase.
    "The market will adjust naturally over time.",
    "The ship made a change of course, then stopped.",
]


@pytest.mark.parametrize("text", LEFT_ALONE)
def test_set_is_kept_out_of_other_senses(text: str) -> None:
    offered = {option.lower() for point in _renderings(text) for option in point}
    new_members = {w for raw in load_lexicon("synonyms-adverbs")["set"] for w in raw["words"]} - {
        "despite",
        "further",
    }
    assert not offered & new_members, _renderings(text)


def test_despite_in_the_text_stays_with_the_phrase_kind() -> None:
    # phrases.toml (despite/in spite of) runs first and keeps the span.
    points = _all_renderings("Despite the delay, the project will proceed.")
    assert ("Despite", "In spite of") in points
    assert ("Notwithstanding", "Despite") not in points


def test_article_follows_the_adverb() -> None:
    assert ("an apparently", "a seemingly") in _renderings("It was a seemingly minor error.")


def test_capital_is_kept_at_sentence_start() -> None:
    assert ("Undoubtedly", "Unquestionably") in _renderings("Unquestionably, the plan is late.")
