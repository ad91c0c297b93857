"""Tests for ``lexicons/synonyms-adjectives.toml``: adjective and noun sets of formal prose.

Each set is checked both ways: the frame it was written for yields a point with every member as
an option, and the neighbouring senses its constraints exclude ("primary school", "the issue of
new shares", "this complicated matters") are left alone.
"""

from __future__ import annotations

import pytest

from leaktrace.variants.engine import find_points
from leaktrace.variants.kinds._context import load_lexicon
from leaktrace.variants.kinds.synonym import synonym_sets

_PART = "synonyms-adjectives"


def _renderings(text: str) -> list[tuple[str, ...]]:
    return [p.occurrences[0].renderings for p in find_points(text, kinds=["synonym"])]


def _mine(text: str) -> list[tuple[str, ...]]:
    """Renderings of the points that come from this part file only."""
    notes = {
        f"{raw['pos'].lower()} synonyms: {'/'.join(raw['words'])}"
        for raw in load_lexicon(_PART)["set"]
    }
    return [
        p.occurrences[0].renderings for p in find_points(text, kinds=["synonym"]) if p.note in notes
    ]


def test_part_file_is_loaded_with_the_main_lexicon() -> None:
    raw = load_lexicon(_PART)["set"]
    assert len(raw) >= 40
    loaded = {synset.words for synset in synonym_sets()}
    for entry in raw:
        assert tuple(entry["words"]) in loaded
        assert entry["pos"] in ("ADJ", "NOUN")


def test_part_file_repeats_no_word_of_the_main_file() -> None:
    main = {(raw["pos"], word) for raw in load_lexicon("synonyms")["set"] for word in raw["words"]}
    for raw in load_lexicon(_PART)["set"]:
        for word in raw["words"]:
            assert (raw["pos"], word) not in main, word


def test_every_set_of_the_part_file_is_held_to_a_context() -> None:
    # Adjectives and nouns change sense with their neighbours: no set may be free of both.
    for raw in load_lexicon(_PART)["set"]:
        assert raw.get("next") or raw.get("prev"), raw["words"]


POSITIVE = [
    ("Our chief concern is cost.", ("chief", "primary", "key")),
    ("But it is the right decision.", ("right", "correct")),
    ("Our initial view is that the claim fails.", ("initial", "preliminary")),
    ("2.2 Preliminary analysis suggests the data was taken.", ("Initial", "Preliminary")),
    ("We will provide full details.", ("full", "complete")),
    ("They called for fresh elections.", ("new", "fresh")),
    ("New evidence has emerged.", ("New", "Fresh")),
    ("We made a minor change.", ("small", "minor", "slight")),
    ("There was a sharp rise in costs.", ("sharp", "steep")),
    ("Rapid growth continued.", ("Rapid", "Fast")),
    ("That is a separate issue.", ("separate", "distinct")),
    ("They lodged a formal complaint.", ("a formal", "an official")),
    ("Foreign investors are wary.", ("Foreign", "Overseas")),
    ("Global sales rose.", ("Global", "Worldwide")),
    ("We engaged external advisers.", ("external", "outside")),
    ("A complex issue arose.", ("complex", "complicated")),
    ("It is a simple process.", ("simple", "straightforward")),
    ("There is strong evidence that he knew.", ("strong", "robust")),
    ("Strict conditions apply.", ("Strict", "Stringent")),
    ("The outstanding issues were settled.", ("outstanding", "remaining")),
    ("Any negative publicity would hurt.", ("negative", "adverse")),
    ("The Trust has interim arrangements in place.", ("temporary", "interim")),
    ("The eventual outcome is unclear.", ("eventual", "ultimate")),
    ("It deserves close scrutiny.", ("close", "careful")),
    ("That is a fair assessment.", ("fair", "reasonable")),
    ("In a later letter he withdrew.", ("subsequent", "later")),
    ("For an extended period we waited.", ("an extended", "a prolonged")),
    ("There was a marked improvement.", ("marked", "noticeable")),
    ("We found a suitable venue.", ("a suitable", "an appropriate")),
    ("A wide range of options exists.", ("wide", "broad")),
    ("This is an important step.", ("an important", "a significant")),
    ("This is relevant to the claim.", ("relevant", "pertinent")),
    ("We are mindful of the need to act.", ("mindful", "conscious")),
    ("It would be prudent to wait.", ("advisable", "prudent")),
    ("It is damaging to the brand.", ("harmful", "detrimental", "damaging")),
    ("It is unlikely that he knew.", ("unlikely", "improbable")),
    ("We remain hopeful that talks resume.", ("hopeful", "optimistic")),
    ("We will, if necessary, seek an injunction.", ("necessary", "required", "needed")),
    ("This is central to our case.", ("central", "fundamental")),
    ("It is plain that the claim fails.", ("obvious", "plain")),
    ("It is doubtful whether he knew.", ("doubtful", "questionable")),
    ("Some delay is inevitable.", ("inevitable", "unavoidable")),
    ("There is a problem with the data.", ("problem", "difficulty")),
    ("We have no difficulties with that.", ("problems", "difficulties")),
    ("A sum of £5m was paid.", ("A sum", "An amount")),
    ("They won a larger share of the fund.", ("proportion", "share")),
    ("A cut in funding is likely.", ("reduction", "cut")),
    ("The timetable for completion is tight.", ("timetable", "schedule")),
    ("The question of whether to pay is open.", ("question", "issue")),
    ("The likelihood of a fine is low.", ("likelihood", "probability")),
    ("We have taken steps to contain it.", ("steps", "measures")),
    ("To a large extent, this is true.", ("extent", "degree")),
    ("In his remarks to the press he was careful.", ("remarks", "comments")),
]


@pytest.mark.parametrize(("text", "expected"), POSITIVE)
def test_set_is_offered_in_its_frame(text: str, expected: tuple[str, ...]) -> None:
    assert expected in _mine(text)


NEGATIVE = [
    # Names, offices and terms of art.
    "The Chief Executive agreed.",
    "Primary legislation is needed.",
    "The chief aims to cut costs.",
    "The prosecutor opened a preliminary inquiry.",
    "A full year of trading.",
    "Foreign policy matters.",
    "A simple majority is needed.",
    "Strict liability applies.",
    "A material adverse change occurred.",
    "The official visits the site.",
    "The result is statistically significant.",
    "They took reasonable steps to prevent it.",
    "The probability of default is low.",
    "We were wrong about the pace.",  # an admission: "mistaken" softens it
    # Verbs and other parts of speech spelt like a member.
    "We must review and complete records.",
    "This complicated matters further.",
    "It is damaging the brand.",
    "He is unlikely to go.",
    "Reports are prepared as required by law.",
    "It is as necessary as ever.",
    "In the interim arrangements were made.",
    "Calls outside support hours are charged.",
    # Compounds and other senses of the head.
    "The new capital requirements apply.",
    "A small number of staff left.",
    "It would not be appropriate to comment.",
    "The issue of new shares was approved.",
    "His share of the proceeds is fixed.",
    "The sum of its parts.",
    "To the extent that it applies, it binds.",
    "Some degree courses were cut.",
    "Please send your comments by Friday.",
    "The reduction in force was announced.",
    "They agreed a reduction in the price.",
]


@pytest.mark.parametrize("text", NEGATIVE)
def test_set_is_not_offered_outside_its_frame(text: str) -> None:
    assert _mine(text) == []


def test_article_follows_the_adjective() -> None:
    (point,) = [
        p
        for p in find_points("It was an important step.", kinds=["synonym"])
        if p.labels == ("important", "significant")
    ]
    occ = point.occurrences[0]
    assert occ.renderings == ("an important", "a significant")
    assert "It was an important step."[occ.start : occ.end] == "an important"


def test_capitalised_member_mid_sentence_is_left_alone() -> None:
    assert _mine("We met the Chief Concern Officer and New Evidence Ltd.") == []


SECOND_POSITIVE = [
    ("We must consider the wider context.", ("wider", "broader")),
    ("There is a higher risk of default.", ("higher", "greater")),
    ("A smaller proportion of staff agreed.", ("lower", "smaller")),
    ("Amid growing concern, the Board met.", ("growing", "increasing")),
    ("The plant faces falling demand.", ("falling", "declining")),
    ("They met again the following day.", ("next", "following")),
    ("He won by a narrow margin.", ("narrow", "slim")),
    ("That is a valid point.", ("valid", "legitimate")),
    ("Training is mandatory.", ("mandatory", "compulsory")),
    ("A national campaign was launched.", ("national", "nationwide")),
    ("Given the lack of evidence, we stop.", ("lack", "absence")),
    ("With the full support of the Board, we proceed.", ("support", "backing")),
    ("The current position is unclear.", ("situation", "position")),
    ("It was a deliberate act of sabotage.", ("a deliberate", "an intentional")),
    ("The inadvertent disclosure of data is a breach.", ("accidental", "inadvertent")),
    ("He gave a plausible explanation.", ("credible", "plausible")),
    ("Public spending on health rose.", ("spending", "expenditure")),
    ("The next stage of the project starts in May.", ("stage", "phase")),
]


@pytest.mark.parametrize(("text", "expected"), SECOND_POSITIVE)
def test_comparative_and_trend_sets_are_offered(text: str, expected: tuple[str, ...]) -> None:
    assert expected in _mine(text)


SECOND_NEGATIVE = [
    "Prices were higher than expected.",
    "The regulator is increasing pressure on lenders.",
    "We will meet next week.",
    "The next year will be hard.",
    "We rely on legitimate interests.",
    "National security is at stake.",
    "In the absence of evidence, we stop.",
    "The absence of the Chair delayed it.",
    "They gave technical support of a kind.",
    "Key terms are set out below.",
    "It was a deliberate decision.",
    "Capital expenditure was cut.",
    "They were spending on health.",
    "Ardent is a credible bidder.",
    "It plays a key role.",
    "With the support of our advisers, we proceed.",
    "Costs rose, increasing pressure on margins.",
    "We responded by increasing pressure on suppliers.",
    "Adverse reactions were reported.",
    "See the statement of financial position.",
    "We have the right to appeal.",
    "Our position is that we should pay.",
    "At the final stage, the Board will decide.",
]


@pytest.mark.parametrize("text", SECOND_NEGATIVE)
def test_comparative_and_trend_sets_stay_in_their_frame(text: str) -> None:
    assert _mine(text) == []
