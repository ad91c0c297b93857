"""Tests for the verb part file of the synonym lexicon (``lexicons/synonyms-verbs.toml``).

Every set is held to one frame where its members mean the same thing; each gets a positive case
(the point is offered with the expected options, re-inflected) and negative cases for the senses,
idioms and constructions its constraints keep out ("draw attention to", "provided that").
"""

from __future__ import annotations

import tomllib
from importlib import resources

import pytest

from leaktrace.variants.engine import find_points
from leaktrace.variants.kinds.synonym import synonym_sets


def _verb_sets() -> list[dict[str, object]]:
    ref = resources.files("leaktrace.variants").joinpath("lexicons", "synonyms-verbs.toml")
    sets: list[dict[str, object]] = tomllib.loads(ref.read_text(encoding="utf-8"))["set"]
    return sets


def _renderings(text: str) -> list[tuple[str, ...]]:
    return [p.occurrences[0].renderings for p in find_points(text, kinds=["synonym"])]


def _offered(text: str, word: str) -> bool:
    """Whether a verb synonym point sits on ``word`` (the author's own rendering ends with it)."""
    for point in find_points(text, kinds=["synonym"]):
        if not point.note.startswith("verb "):
            continue
        own = point.occurrences[0].renderings[point.original].lower().split()
        if own and own[-1] == word:
            return True
    return False


POSITIVE = [
    ("The claimant argues that the clause is void.", ("argues", "contends")),
    ("She remarked that the figures were poor.", ("remarked", "commented")),
    ("Staff learned that the paper had leaked.", ("learned", "discovered")),
    ("We will check that the figures are right.", ("check", "verify")),
    ("Members expressed concern about the timetable.", ("expressed", "voiced")),
    ("The contract contains a change-of-control clause.", ("contains", "includes")),
    ("The Act provides that the notice must be given.", ("provides", "stipulates")),
    ("The company breached the agreement.", ("breached", "violated")),
    ("We have breached Article 33.", ("breached", "violated")),
    ("Courts will construe the clause narrowly.", ("interpret", "construe")),
    ("They filed an appeal.", ("filed", "lodged", "submitted")),
    ("We hope to resolve the dispute.", ("resolve", "settle")),
    ("The meeting closed at 16:48.", ("ended", "concluded", "closed")),
    ("We will finish the report by Friday.", ("complete", "finish")),
    ("It will conduct a review of the scheme.", ("conduct", "undertake")),
    ("The regulator opened an investigation.", ("launched", "initiated", "opened")),
    ("She heads the review into the leak.", ("leads", "heads")),
    ("The firm will implement the strategy.", ("implement", "execute")),
    ("We want to expedite the process.", ("accelerate", "expedite")),
    ("They circulated a draft for comment.", ("circulated", "distributed")),
    ("We will convey the message.", ("convey", "deliver")),
    ("We must achieve our targets.", ("achieve", "attain")),
    ("The deal is financed from existing facilities.", ("funded", "financed")),
    ("They recovered the money from the fraudster.", ("recovered", "recouped")),
    ("The building meets the standard.", ("meets", "satisfies")),
    ("They refused the offer.", ("refused", "rejected")),
    ("The Government will ease the restrictions.", ("ease", "relax")),
    ("Shares plunged by 20 per cent.", ("plunged", "plummeted")),
    ("We must address the problem.", ("address", "tackle")),
    ("This would eliminate the risk.", ("eliminate", "remove")),
    ("The leak will hamper the investigation.", ("hinder", "impede", "hamper")),
    ("It would undermine confidence.", ("undermine", "weaken")),
    ("It will strengthen our position.", ("strengthen", "reinforce")),
    ("It would exacerbate the problem.", ("exacerbate", "aggravate")),
    ("We must restore confidence.", ("restore", "rebuild")),
    ("We must maintain confidentiality.", ("maintain", "preserve")),
    ("We must protect the public.", ("protect", "safeguard")),
    ("The decision prompted a backlash.", ("prompted", "triggered", "sparked", "provoked")),
    ("We condemn the use of force.", ("condemn", "denounce")),
    ("It will attract criticism.", ("attract", "draw")),
    ("The matter warrants further investigation.", ("merits", "warrants", "deserves")),
    ("The plan involves closing two sites.", ("involves", "entails")),
    ("It represents a breach of the rules.", ("represents", "constitutes")),
    ("We should focus on delivery.", ("focus", "concentrate")),
    ("We rely heavily on two markets.", ("rely", "depend")),
    ("It forced us to act.", ("compelled", "obliged", "forced")),
    ("She gained experience abroad.", ("gained", "acquired")),
    ("We will monitor progress closely.", ("monitor", "track")),
    ("The ONS will publish the figures tomorrow.", ("publish", "release")),
    ("The Chancellor will unveil the budget.", ("announce", "unveil")),
    ("Talks averted a strike.", ("averted", "prevented")),
    ("The firm suffered losses.", ("suffered", "sustained")),
    ("We will bring proceedings against them.", ("bring", "issue", "commence", "institute")),
    ("The court quashed the conviction.", ("overturned", "quashed")),
    ("We will prepare a paper for the Board.", ("prepare", "draft")),
    ("They handled the matter badly.", ("handled", "managed")),
    ("The Board commissioned a review.", ("commissioned", "ordered")),
    ("We commend the work of the team.", ("commend", "praise")),
    ("They ignored the warnings.", ("ignored", "disregarded")),
    ("They followed the advice of counsel.", ("followed", "heeded")),
    ("He regarded it as a Canada problem.", ("regarded", "viewed")),
    ("We will develop a strategy for Asia.", ("develop", "devise", "formulate")),
    ("We must improve the quality of data.", ("improve", "enhance")),
    ("She is widely regarded as the favourite.", ("regarded", "viewed")),
]


@pytest.mark.parametrize(("text", "expected"), POSITIVE)
def test_verb_set_is_offered_in_its_frame(text: str, expected: tuple[str, ...]) -> None:
    assert expected in _renderings(text)


NEGATIVE = [
    # say/state: hearsay, hedges and discourse markers
    ("It is said he left.", "said"),
    ("It is often said it rains.", "said"),
    ("They said the following.", "said"),
    ("Having said that, we agree.", "said"),
    ("I would say it is fine.", "say"),
    # a demonstrative "that", not a clause
    ("We argue that point.", "argue"),
    ("We must learn that lesson.", "learn"),
    ("We will check that box.", "check"),
    ("He remarked that.", "remarked"),
    # contain/include: membership, an agent, a preposition, "contain the costs"
    ("The Board includes three lay members.", "includes"),
    ("We will include a summary.", "include"),
    ("Costs, including the fee, rose.", "including"),
    ("The contract includes the costs of delivery.", "includes"),
    # provide/stipulate: the conjunction and other senses
    ("We will pay provided that the goods arrive.", "provided"),
    ("The contract provided that the fee was payable.", "provided"),
    ("We can provide that information.", "provide"),
    # breach/violate: walls and networks
    ("The army breached the defences.", "breached"),
    ("The hackers breached the network.", "breached"),
    ("He was arrested for a breach of the peace.", "breach"),
    # file/lodge/submit: "submit that" argues
    ("He submitted that the claim failed.", "submitted"),
    ("We lodged the documents with the court.", "lodged"),
    # agree/consent
    ("I agree to a point.", "agree"),
    ("The Committee agreed to recommend the Programme.", "agreed"),
    ("We agree to no further talks.", "agree"),
    ("We agree.", "agree"),
    # end/conclude/close: inference, or a subject that is not a meeting
    ("We concluded, however, that it was wrong.", "concluded"),
    ("The report concluded that the plan failed.", "concluded"),
    ("The shop closed at noon.", "closed"),
    ("The meeting ended in chaos.", "ended"),
    # complete/finish and other head-restricted sets
    ("We will complete the sale in July.", "complete"),
    ("Can you open the door?", "open"),
    ("They will launch a new product.", "launch"),
    ("He led the team to victory.", "led"),
    ("We will execute the agreement today.", "execute"),
    ("We will distribute the dividend.", "distribute"),
    ("Deliver the goods by Monday.", "deliver"),
    ("They released the hostages.", "released"),
    ("They acquired the company.", "acquired"),
    ("This will prevent the spread.", "prevent"),
    ("They recovered the body.", "recovered"),
    ("We will meet the Minister.", "meet"),
    ("She rejected the argument.", "rejected"),
    ("They will ease the pain.", "ease"),
    ("She will address the meeting.", "address"),
    ("They removed the documents.", "removed"),
    ("This will restore order.", "restore"),
    ("It will maintain the building.", "maintain"),
    ("They condemned the prisoner.", "condemned"),
    ("She deserves praise.", "deserves"),
    ("The firm represents a major client.", "represents"),
    ("They will prepare the ground.", "prepare"),
    ("He will order a taxi.", "order"),
    ("We commend the proposal to the Board.", "commend"),
    ("Following the warning, shares fell.", "following"),
    # regard/view: looking at something, or "taken together"
    ("Viewed as a whole, the portfolio is sound.", "viewed"),
    ("I will view it as soon as I can.", "view"),
    ("In our view as advisers, it is sound.", "view"),
    # develop/devise/formulate: products, skills and illnesses; improve/enhance: other objects
    ("They developed a new drug.", "developed"),
    ("They will develop a set of skills.", "develop"),
    ("He developed a cough.", "developed"),
    ("We must improve the situation.", "improve"),
    # stop/cease and generate/produce are not offered: "cease" and "produced revenue" shift register
    ("We should stop planning as if it will.", "stop"),
    ("Frozen generated revenue of £318m.", "generated"),
    # fund/finance: the noun "funds"
    ("The pension funds from the scheme were moved.", "funds"),
    # plunge/plummet: transitive
    ("He plunged the knife into the table.", "plunged"),
    # weaken/undermine: a currency; strengthen/reinforce: other objects
    ("It could weaken the pound.", "weaken"),
    ("We will strengthen the rules.", "strengthen"),
    # aggravate a person is to annoy them
    ("It would aggravate the customer.", "aggravate"),
    ("We protect the lead.", "protect"),
    # attract/draw: "draw attention to" points at something
    ("I would draw attention to paragraph 4.", "draw"),
    ("The show drew crowds.", "drew"),
    # involve/entail: people, or the participle
    ("The incident involved the police.", "involved"),
    ("Two incidents involving delayed results were found.", "involving"),
    # focus noun
    ("The focus on costs is welcome.", "focus"),
    # rely/depend: "it depends on" (is contingent on)
    ("It depends on the vote.", "depends"),
    ("They depend on exports.", "depend"),
    # compel/oblige/force
    ("I am obliged to you.", "obliged"),
    ("He forced it open.", "forced"),
    # suffer from
    ("He suffered from asthma.", "suffered"),
    # express as an adjective
    ("We have the express consent of the Board.", "express"),
]


@pytest.mark.parametrize(("text", "word"), NEGATIVE)
def test_verb_set_is_not_offered_outside_its_frame(text: str, word: str) -> None:
    assert not _offered(text, word)


def test_every_verb_set_has_a_positive_case() -> None:
    covered = {word for _, expected in POSITIVE for word in expected}
    for raw in _verb_sets():
        words = raw["words"]
        assert isinstance(words, list)
        parsed = next(s for s in synonym_sets() if s.pos == "VERB" and s.words == tuple(words))
        forms = {form for word in parsed.words for form in parsed.inflections(word).values()}
        assert forms & covered, f"no positive test for {words}"


def test_verb_part_file_holds_verbs_only_with_a_frame() -> None:
    sets = _verb_sets()
    assert len(sets) >= 50
    for raw in sets:
        assert raw["pos"] == "VERB"
        # Every set names the context it is held to: no verb is varied everywhere.
        assert any(key in raw for key in ("next", "prev")), raw["words"]


def test_verb_part_file_states_its_source() -> None:
    ref = resources.files("leaktrace.variants").joinpath("lexicons", "synonyms-verbs.toml")
    header = ref.read_text(encoding="utf-8").split("[[set]]")[0]
    assert "Source:" in header
    assert "WordNet 3.0" in header


def test_verb_sets_are_loaded_after_the_main_file() -> None:
    loaded = [s.words for s in synonym_sets()]
    for raw in _verb_sets():
        assert tuple(raw["words"]) in loaded  # type: ignore[arg-type]


def test_past_forms_keep_the_author_tense() -> None:
    # say/state and agree/consent are not offered: "stated he sympathised", "consented to" shift
    assert ("said", "stated") not in _renderings("She had said it was late.")
    assert ("attracted", "drawn") in _renderings("It has drawn criticism.")
