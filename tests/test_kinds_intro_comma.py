"""Tests for the ``intro_comma`` kind: optional comma after a short opening adverbial."""

from __future__ import annotations

import pytest

from leaktrace.render import render_text
from leaktrace.variants.engine import find_points


def _other(text: str) -> str | None:
    points = find_points(text, kinds=["intro_comma"])
    assert len(points) <= 1
    return render_text(text, points, [1]) if points else None


@pytest.mark.parametrize(
    ("text", "other"),
    [
        ("In 2019, the board met.", "In 2019 the board met."),
        ("In 2023 I pushed us to hire.", "In 2023, I pushed us to hire."),
        ("On Monday, she resigned.", "On Monday she resigned."),
        ("Last week we agreed.", "Last week, we agreed."),
        ("In practice, the rule is ignored.", "In practice the rule is ignored."),
        ("Since then the price has fallen.", "Since then, the price has fallen."),
        ("So far, our plan has held.", "So far our plan has held."),
        ("At present the fund is closed.", "At present, the fund is closed."),
        ("By 09:15 the officer had confirmed it.", "By 09:15, the officer had confirmed it."),
        ("At 06:40 on 2 April, the centre saw it.", "At 06:40 on 2 April the centre saw it."),
        ("On 12 March the board met.", "On 12 March, the board met."),
        ("Today we are laying off staff.", "Today, we are laying off staff."),
        ("In February, Halvorsen told us.", "In February Halvorsen told us."),
        ("Two years ago the plan failed.", "Two years ago, the plan failed."),
        ("In our view you have missed it.", "In our view, you have missed it."),
        ("Over the past year, they grew.", "Over the past year they grew."),
        ("In future the Committee will meet.", "In future, the Committee will meet."),
        ("Two weeks later the Board met.", "Two weeks later, the Board met."),
        ("A year later, we sold it.", "A year later we sold it."),
        ("On balance the risk is worth it.", "On balance, the risk is worth it."),
        ("In the circumstances we recommend a sale.", "In the circumstances, we recommend a sale."),
        ("At the outset, the Board refused.", "At the outset the Board refused."),
    ],
)
def test_intro_comma_toggles_comma(text: str, other: str) -> None:
    assert _other(text) == other


def test_intro_comma_after_paragraph_number() -> None:
    text = "2.1 At 22:14 on 3 April, the director emailed three colleagues."
    assert _other(text) == "2.1 At 22:14 on 3 April the director emailed three colleagues."


@pytest.mark.parametrize(
    "text",
    [
        "However, the board met.",  # comma required
        "In fact, the board met.",  # not on the list
        "Of course, the board met.",
        "Six months in, the White House has not settled.",  # garden path without comma
        "In 2019 studies showed a rise.",  # "2019 studies" runs on
        "In May Smith resigned.",  # "May Smith" reads as a name
        "In 2019 was the worst year.",  # not an opener
        "Today is the day.",
        "In future years we will pay.",  # "future" is an adjective here
        "In the past studies showed a rise.",  # "past studies" runs on
        "If Heron leaks, Ardent will withdraw.",  # a clause, not a phrase
        "The board met in 2019, and the staff agreed.",  # not sentence-initial
    ],
)
def test_intro_comma_skips_unsafe_openers(text: str) -> None:
    assert _other(text) is None


def test_intro_comma_leaves_quotations_untouched() -> None:
    assert _other('He wrote: "In 2019, the board met."') is None


def test_intro_comma_labels_show_both_forms() -> None:
    points = find_points("In 2019, the board met.", kinds=["intro_comma"])
    assert points[0].labels == ("In 2019, the", "In 2019 the")


@pytest.mark.parametrize(
    ("text", "other"),
    [
        (
            "On current facts, a realistic range is wide.",
            "On current facts a realistic range is wide.",
        ),
        (
            "Without a sale, the division will need cash.",
            "Without a sale the division will need cash.",
        ),
        ("After the meeting, we went home.", "After the meeting we went home."),
        (
            "Under Article 33 UK GDPR, a controller must notify.",
            "Under Article 33 UK GDPR a controller must notify.",
        ),
        (
            "It is thin; at the Pentagon, the figure is lower.",
            "It is thin; at the Pentagon the figure is lower.",
        ),
    ],
)
def test_intro_comma_drops_comma_after_prepositional_opener(text: str, other: str) -> None:
    assert _other(text) == other


@pytest.mark.parametrize(
    "text",
    [
        "In the event, the Board declined.",  # "In the event the Board declines" means "if"
        "By the time, we had left.",
        "After talking to staff, we agreed.",  # a verbal opener
        "Without a sale, Frozen needs cash.",  # a name may run on: "a sale Frozen"
        "At the meeting we held last week the Board agreed.",  # never add a comma
        "After the meeting, it rained.",  # "it" is no clear subject start
        "Despite the risks of the plan as drafted by the team, we agreed.",  # too long
    ],
)
def test_intro_comma_skips_unsafe_prepositional_openers(text: str) -> None:
    assert _other(text) is None


@pytest.mark.parametrize(
    ("text", "other"),
    [
        ("As a result the launch slipped.", "As a result, the launch slipped."),
        ("In response, the council wrote to us.", "In response the council wrote to us."),
        ("Within a week the shop had reopened.", "Within a week, the shop had reopened."),
        ("Within days, we had an answer.", "Within days we had an answer."),
        ("Three hours later the alarm stopped.", "Three hours later, the alarm stopped."),
        ("Later that day, she called back.", "Later that day she called back."),
        (
            "The following morning the roads were clear.",
            "The following morning, the roads were clear.",
        ),
        ("After that we stopped buying.", "After that, we stopped buying."),
        ("Before 2010 the site was a farm.", "Before 2010, the site was a farm."),
        ("From March 2026, the rules change.", "From March 2026 the rules change."),
        ("For the moment we are waiting.", "For the moment, we are waiting."),
        ("On reflection, I was wrong.", "On reflection I was wrong."),
        ("At the same time the price fell.", "At the same time, the price fell."),
    ],
)
def test_intro_comma_toggles_comma_after_more_openers(text: str, other: str) -> None:
    assert _other(text) == other


@pytest.mark.parametrize(
    "text",
    [
        "As a result of the delay the launch slipped.",  # a longer phrase, not on the list
        "In response to the letter, we wrote back.",
        "The following morning was clear.",  # the opener is the subject
        "Even so, the council wrote to us.",  # a connective: its comma stays
        "Within weeks of the sale the price fell.",
        "In general terms the rule holds.",
    ],
)
def test_intro_comma_skips_longer_or_connective_openers(text: str) -> None:
    assert _other(text) is None


@pytest.mark.parametrize(
    ("text", "other"),
    [
        (
            "Without a sale, Frozen needs a further sum.",
            "Without a sale Frozen needs a further sum.",
        ),
        ("On the facts, Pellinor was aware.", "On the facts Pellinor was aware."),
        ("By default, Vim does not wrap.", "By default Vim does not wrap."),
    ],
)
def test_intro_comma_drops_comma_before_a_name_and_its_verb(text: str, other: str) -> None:
    assert _other(text) == other


@pytest.mark.parametrize(
    ("text", "other"),
    [
        (
            "For the remaining 174,000 the position is more finely balanced.",
            "For the remaining 174,000, the position is more finely balanced.",
        ),
        (
            "It is thin; at the Pentagon the figure is 33 per cent.",
            "It is thin; at the Pentagon, the figure is 33 per cent.",
        ),
        (
            "At the end of the year the fund was much smaller.",
            "At the end of the year, the fund was much smaller.",
        ),
        (
            "After the vote Parliament was in recess for a week.",
            "After the vote, Parliament was in recess for a week.",
        ),
        (
            "For the remaining claims the position is less clear, but we wait.",
            "For the remaining claims, the position is less clear, but we wait.",
        ),
    ],
)
def test_intro_comma_adds_comma_before_subject_and_be(text: str, other: str) -> None:
    assert _other(text) == other


@pytest.mark.parametrize(
    "text",
    [
        "At the meeting the Board held we agreed.",  # a contact relative clause, no "be"
        "In the state the economy is in we cannot act.",  # stranded preposition
        "In the report the Board was sent a letter.",  # a participle: may be a gap
        "In the areas the figures are very low, we act.",  # a clause follows the comma
        "In the room the staff were in for the meeting the lights failed.",
        "In the UK Government papers are secret.",  # "UK Government" runs on
        "Without the sale is a risky path.",  # the phrase is the subject
        "On the day the results are very late we will publish.",  # a clause noun
        "In the office the staff are.",  # a complement too short to be sure
        "Without a sale, Frozen needs cash.",  # "needs" may be a noun: no clear object
        "For example, the character is odd.",  # a connective keeps its comma
        "In other words, the first is bad.",
        "For instance, the Board met.",
        "In the GUI, Vim knows about pasting.",  # "GUI Vim" runs on
    ],
)
def test_intro_comma_skips_unsafe_added_or_connective_commas(text: str) -> None:
    assert _other(text) is None
