"""Optional comma after a short opening adverbial: "In 2019, the board" / "In 2019 the board".

Style guides (Oxford Guide to Style §4.2.2, Chicago §6.36) leave the comma after a short
introductory phrase of time or viewpoint to the writer, and careful writers go both ways. We
offer it only for a curated grammar of openers, each of which is complete in itself (so no
reader can run it into what follows), and only when the clause that follows starts with a
determiner, a subject pronoun or a name: "In 2019 the board", never "In 2019 studies showed"
(a garden path), never "Six months in the White House" (an opener that is not on the list).
Connectives whose comma is required ("However,", "In fact,", "Of course,") are not on it.

Example:
    >>> from leaktrace.variants.analysis import analyse
    >>> [p.labels for p in FINDER.find(analyse("In 2019, the board met twice."))]
    [('In 2019, the', 'In 2019 the')]
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator, Sequence

from leaktrace.model import VariationPoint
from leaktrace.variants.analysis import Analysis, Tok
from leaktrace.variants.base import local_point
from leaktrace.variants.kinds._grammar import (
    AUXILIARIES,
    DETERMINERS,
    MONTHS,
    PRE_VERB_ADVERBS,
    PREPOSITIONS,
    SUBJECT_PRONOUNS,
    WEEKDAYS,
    clause_start,
    is_closed_class,
    is_finite_verb,
    is_noun,
    spaced,
    words,
)

# The opener grammar. Slots: <year> <month> <day> <weekday> <time> (06:40) <count> <unit> <span>
# <season>; "a|b" alternatives; a trailing "?" makes a slot optional.
_OPENERS = """
in <year>
in early|mid|late <month>|<year>
in <month> <year>?
in the first|second|third|fourth|final|last half|quarter of? <year>?
in the past|last|coming|next <count>? <span>
in recent <unit>
in practice|principle|theory|hindsight|retrospect|future|general|response
in the past|future|circumstances
in the first instance
as a result
on balance|reflection
at the outset
at first
at the same time
for the time being
for the moment|present
within <count> <span>
within a|an|one <span>
within days|hours|weeks|months
<count> <span> later
a|an|one <span> later
in the meantime|interim|end
in the short|medium|long term|run
in our|my view
on <weekday> morning|afternoon|evening|night?
on <day> <month> <year>?
on <month> <day>
at <time> on? <day>? <month>? <day>?
at present
at the time|moment
at that|this point|stage|time
by <time>|<year>|then|now|<weekday>
by <month> <year>?
by <day> <month> <year>?
by the end of the? <month>|<year>|<unit>|year|month|week
since <year>|then
since <month> <year>?
since <day> <month> <year>?
until then|now|recently
before|after|until|during|from <year>
before|after|until|during|from <month> <year>
after that|this
before then
so far
to date
for now
last|this|next <unit>|<season>|<weekday>|weekend|morning|afternoon|evening
the next|following day|morning|week|month|year
earlier|later this|last|next <unit>
earlier|later that day|morning|week|month|year
earlier|later the same day|morning|week|month|year
earlier|later today
<count> <span> ago
over the past|last|next <count>? <span>
today|yesterday|tomorrow|tonight|meanwhile|recently|previously|historically|currently
"""
_UNITS = words("week weeks month months year years quarter quarters decade decades")
# A length of time, for openers that measure one ("within days", "two hours later").
_SPANS = _UNITS | words("day days hour hours")
_SEASONS = words("spring summer autumn fall winter")
_COUNT_WORDS = words("two three four five six seven eight nine ten twelve few")
_NAME_MONTHS = words("april may june august")
_SUBJECT_STARTS = words(
    "the a an this these those our their its his her my your some many most several both each "
    "every no i we you he she they it"
)


def _slot_matches(slot: str, tok: Tok) -> bool:
    if not (tok.is_word or tok.kind == "number"):
        return False
    for option in slot.split("|"):
        if option == "<time>":
            ok = False
        elif option == "<year>":
            ok = tok.kind == "number" and len(tok.text) == 4 and tok.text[:2] in ("19", "20")
        elif option == "<day>":
            ok = tok.kind == "number" and tok.text.isdigit() and 1 <= int(tok.text) <= 31
        elif option == "<count>":
            ok = tok.lower in _COUNT_WORDS or (tok.kind == "number" and tok.text.isdigit())
        elif option == "<month>":
            ok = tok.lower in MONTHS and tok.capitalised
        elif option == "<weekday>":
            ok = tok.lower in WEEKDAYS and tok.capitalised
        elif option == "<unit>":
            ok = tok.lower in _UNITS
        elif option == "<span>":
            ok = tok.lower in _SPANS
        elif option == "<season>":
            ok = tok.lower in _SEASONS
        else:
            ok = tok.lower == option
        if ok:
            return True
    return False


def _match(pattern: Sequence[str], tokens: Sequence[Tok], pos: int) -> Iterator[int]:
    """Every end position (exclusive) at which ``pattern`` matches from ``pos``."""
    if not pattern:
        yield pos
        return
    slot, rest = pattern[0], pattern[1:]
    optional = slot.endswith("?")
    slot = slot.rstrip("?")
    if optional:
        yield from _match(rest, tokens, pos)
    options = slot.split("|")
    if "<time>" in options and _is_time(tokens, pos):
        yield from _match(rest, tokens, pos + 3)
    if pos < len(tokens) and _slot_matches(slot, tokens[pos]):
        yield from _match(rest, tokens, pos + 1)


def _is_time(tokens: Sequence[Tok], pos: int) -> bool:
    """ "06:40": number, colon, two-digit number, with no spaces."""
    if pos + 2 >= len(tokens):
        return False
    hour, colon, minute = tokens[pos], tokens[pos + 1], tokens[pos + 2]
    return (
        hour.kind == "number"
        and colon.text == ":"
        and minute.kind == "number"
        and len(minute.text) == 2
        and hour.end == colon.start
        and colon.end == minute.start
    )


_PHRASE_PREPOSITIONS = words(
    "in on at by for after before during since until under within without following despite "
    "over across through throughout from against among between beyond"
)
# Nouns after which an opener runs into a clause of its own: "In the event the Board decides",
# "By the time we met", "On the grounds we gave": never offered.
_CLAUSE_NOUNS = words(
    "event case time times moment day days point grounds basis hope extent way fact view "
    "assumption understanding expectation condition"
)
_NOMINATIVE = words("i we he she they")
# Connectives whose comma careful writers keep: "For example, the", never "For example the".
_CONNECTIVES = frozenset(
    (
        "for example",
        "for the avoidance of doubt",
        "for instance",
        "in other words",
        "in addition",
        "in particular",
        "in contrast",
        "by contrast",
        "in short",
        "in sum",
        "in brief",
        "in fact",
        "in turn",
        "in effect",
        "in conclusion",
        "in summary",
        "on the other hand",
        "on the contrary",
        "in any case",
        "in any event",
        "above all",
        "after all",
        "at least",
        "at last",
        "in the end",
    )
)
# -ing words that are plain adjectives after a determiner: "the remaining 174,000".
_ING_ADJECTIVES = words("remaining following preceding existing outstanding ongoing prevailing")
# The verbs after which an added comma is safe (see _phrase_add_point).
_BE = words("is are was were")
# Words that open the object of a transitive verb: "Frozen needs a further £46m".
_OBJECT_STARTS = DETERMINERS | words("£ $ € some no every each all both any")
_PATTERNS = tuple(tuple(line.split()) for line in _OPENERS.strip().splitlines())


class _IntroComma:
    kind = "intro_comma"
    priority = 65

    def find(self, analysis: Analysis) -> Iterable[VariationPoint]:
        for sentence in analysis.sentences():
            first = clause_start(analysis, sentence)
            starts = [first - sentence[0].index] if first is not None else []
            # A clause after a semicolon opens like a sentence: "...; at the Pentagon the figure".
            starts += [i + 1 for i, t in enumerate(sentence[:-1]) if t.text == ";"]
            for offset in starts:
                if sentence[offset].protected or not sentence[offset].is_word:
                    continue
                point = (
                    self._point(analysis, sentence, offset)
                    or _phrase_point(analysis, sentence, offset)
                    or _phrase_add_point(analysis, sentence, offset)
                )
                if point is not None:
                    yield point

    def _point(
        self, analysis: Analysis, sentence: Sequence[Tok], start: int
    ) -> VariationPoint | None:
        ends = {end for pattern in _PATTERNS for end in _match(pattern, sentence, start)}
        ends.discard(start)
        for end in sorted(ends, reverse=True):
            if end >= len(sentence) or end - start > 7:
                continue
            tokens = sentence[start:end]
            if any(t.protected for t in tokens) or not _plain_spacing(analysis, tokens):
                continue
            last = tokens[-1]
            comma = sentence[end] if sentence[end].text == "," else None
            nxt_pos = end + 1 if comma is not None else end
            if nxt_pos >= len(sentence):
                continue
            nxt = sentence[nxt_pos]
            if nxt.protected or not _clause_follows(sentence, end - 1, nxt):
                continue
            opener = analysis.text[tokens[0].start : last.end]
            with_comma, without = f"{opener}, {nxt.text}", f"{opener} {nxt.text}"
            if comma is not None:
                if comma.protected or last.end != comma.start or not spaced(analysis, comma, nxt):
                    continue
                return local_point(
                    self.kind,
                    (with_comma, without),
                    comma.start,
                    comma.end,
                    (",", ""),
                    note="optional comma after a short opening adverbial",
                )
            if not spaced(analysis, last, nxt):
                continue
            return local_point(
                self.kind,
                (without, with_comma),
                last.end,
                last.end,
                ("", ","),
                note="optional comma after a short opening adverbial",
            )
        return None


def _phrase_point(analysis: Analysis, sentence: Sequence[Tok], start: int) -> VariationPoint | None:
    """ "Without a sale, the division needs" -> "Without a sale the division needs".

    Any short prepositional opener may lose its comma when a determiner, a nominative pronoun or
    a name with its verb ("On the facts, Pellinor was aware") opens the main clause. A comma is
    added only under the stricter test of :func:`_phrase_add_point`, since "After the meeting we
    held" may continue.
    """
    if sentence[start].lower not in _PHRASE_PREPOSITIONS:
        return None
    comma = next(
        (i for i in range(start + 2, min(start + 7, len(sentence))) if sentence[i].text == ","),
        None,
    )
    if comma is None or comma + 2 >= len(sentence):
        return None
    tokens = sentence[start + 1 : comma]
    if not _plain_spacing(analysis, sentence[start:comma]):
        return None
    if " ".join(t.lower for t in sentence[start:comma]) in _CONNECTIVES:
        return None
    if not all(_phrase_word(t, sentence[i - 1]) for i, t in enumerate(tokens, start + 1)):
        return None
    if tokens[-1].lower in _CLAUSE_NOUNS or tokens[-1].lower in ("of", *DETERMINERS):
        return None
    mark, subject = sentence[comma], sentence[comma + 1]
    if mark.protected or subject.protected or mark.start != tokens[-1].end:
        return None
    if not spaced(analysis, mark, subject):
        return None
    if not _main_clause(sentence, comma + 1) and (
        tokens[-1].capitalised or not _name_clause(sentence, comma + 1)
    ):
        return None  # a name after a name runs on: "In the GUI Vim knows"
    opener = analysis.text[sentence[start].start : tokens[-1].end]
    return local_point(
        "intro_comma",
        (f"{opener}, {subject.text}", f"{opener} {subject.text}"),
        mark.start,
        mark.end,
        (",", ""),
        note="optional comma after a short opening adverbial",
    )


def _phrase_add_point(
    analysis: Analysis, sentence: Sequence[Tok], start: int
) -> VariationPoint | None:
    """ "For the remaining 174,000 the position is" -> "For the remaining 174,000, the position is".

    Adding a comma is safe only where the words after the opener cannot be a relative clause on
    its last noun ("At the meeting the Board held we agreed"). We ask for a subject that is a
    nominative pronoun, a name, or a determiner and at most two more words, then a form of *be*
    and a complement of at least two words that is neither a participle ("the Board was sent")
    nor ends in a preposition ("the state the economy is in"): such a clause has no gap, so it
    cannot modify the opener.
    """
    if sentence[start].lower not in _PHRASE_PREPOSITIONS:
        return None
    for subj in range(start + 2, min(start + 7, len(sentence) - 2)):
        tokens = sentence[start + 1 : subj]
        prev, first = sentence[subj - 1], sentence[subj]
        if prev.kind == "punct" or not _plain_spacing(analysis, sentence[start : subj + 1]):
            return None
        if not all(_phrase_word(t, sentence[i - 1]) for i, t in enumerate(tokens, start + 1)):
            return None
        if prev.lower in _CLAUSE_NOUNS or prev.lower in ("of", *DETERMINERS):
            continue
        if not (prev.kind == "number" or is_noun(prev.lower) or _name_word(prev)):
            continue
        verb = _be_after_subject(sentence, subj, prev)
        if verb is None or not _gapless_complement(sentence, verb + 1):
            continue
        if first.protected or not spaced(analysis, prev, first):
            return None
        opener = analysis.text[sentence[start].start : prev.end]
        return local_point(
            "intro_comma",
            (f"{opener} {first.text}", f"{opener}, {first.text}"),
            prev.end,
            prev.end,
            ("", ","),
            note="optional comma after a short opening adverbial",
        )
    return None


def _be_after_subject(sentence: Sequence[Tok], subj: int, prev: Tok) -> int | None:
    """Index of the *is/are/was/were* after a clear subject starting at ``subj``, or None."""
    first = sentence[subj]
    if first.lower in _NOMINATIVE or (
        _name_word(first) and not prev.capitalised and not _name_word(sentence[subj + 1])
    ):
        return subj + 1 if sentence[subj + 1].lower in _BE else None
    if first.lower not in DETERMINERS or prev.lower in DETERMINERS:
        return None
    for k in range(subj + 2, min(subj + 4, len(sentence))):
        tok = sentence[k]
        if tok.lower in _BE:
            return k
        if tok.kind != "word" or is_closed_class(tok.text) or is_finite_verb(tok.text):
            return None
    return None


def _gapless_complement(sentence: Sequence[Tok], pos: int) -> bool:
    """Two or more words up to the next mark, with no gap and no second clause in them.

    Not a participle first ("was sent"), a preposition first only before two more words that
    do not start with another ("is in recess this week", never "were in for"), no preposition
    last, and no pronoun or auxiliary that could start a main clause after a relative one.
    """
    end = pos
    while end < len(sentence) and sentence[end].kind != "punct":
        end += 1
    words_ = sentence[pos:end]
    if len(words_) < 2 or words_[-1].lower in PREPOSITIONS:
        return False
    head = words_[0]
    if head.lower not in AUXILIARIES and is_finite_verb(head.text):
        return False
    if head.lower in PREPOSITIONS and (len(words_) < 3 or words_[1].lower in PREPOSITIONS):
        return False  # "is in", "were in for": a stranded preposition may leave a gap
    if any(t.lower in SUBJECT_PRONOUNS or t.lower in AUXILIARIES for t in words_):
        return False
    # "In the areas the figures are very low, we act": a clause after the comma may be the
    # main one, which makes the first a contact clause on "areas".
    after = sentence[end + 1] if end + 1 < len(sentence) and sentence[end].text == "," else None
    return after is None or not (
        after.lower in SUBJECT_PRONOUNS or after.lower in DETERMINERS or _name_word(after)
    )


def _name_word(tok: Tok) -> bool:
    """A capitalised word in mid-sentence that is not a month, a weekday or a function word."""
    return (
        tok.is_word
        and tok.capitalised
        and not tok.sentence_start
        and tok.lower not in MONTHS | WEEKDAYS
        and not is_closed_class(tok.text)
    )


def _name_clause(sentence: Sequence[Tok], pos: int) -> bool:
    """A name and its verb: "Pellinor was aware", "Frozen needs a further £46m".

    A verb that may also be a noun ("needs") counts only when an object clearly follows.
    """
    first = sentence[pos]
    if not _name_word(first) or pos + 2 >= len(sentence):
        return False
    verb, after = sentence[pos + 1], sentence[pos + 2]
    if verb.capitalised or verb.kind != "word":
        return False
    if verb.lower in AUXILIARIES or verb.lower in PRE_VERB_ADVERBS:
        return True
    if not is_finite_verb(verb.text):
        return False
    return not is_noun(verb.lower) or (after.lower in _OBJECT_STARTS and not after.capitalised)


def _phrase_word(tok: Tok, before: Tok) -> bool:
    """A word of a plain noun phrase: determiner, number, name, adjective or noun, or "of".

    An -ing word counts only as a noun after a determiner ("the meeting", not "talking").
    """
    if tok.protected or tok.kind == "punct":
        return False
    if tok.kind != "word" or tok.lower in DETERMINERS or tok.lower in ("of", "all", "each"):
        return True
    gerund = tok.lower.endswith("ing") and not (
        before.lower in DETERMINERS and (is_noun(tok.lower) or tok.lower in _ING_ADJECTIVES)
    )
    if gerund or (is_closed_class(tok.text) and not tok.capitalised):
        return False
    return tok.capitalised or not is_finite_verb(tok.text) or is_noun(tok.lower)


def _main_clause(sentence: Sequence[Tok], pos: int) -> bool:
    """A nominative pronoun and a verb, or a determiner and a short noun phrase and a verb."""
    first = sentence[pos]
    nxt = sentence[pos + 1] if pos + 1 < len(sentence) else None
    if nxt is None:
        return False
    if first.lower in _NOMINATIVE:
        return nxt.lower in AUXILIARIES or is_finite_verb(nxt.text) or nxt.lower in PRE_VERB_ADVERBS
    if first.lower not in DETERMINERS:
        return False
    for k in range(pos + 1, min(pos + 5, len(sentence))):
        tok = sentence[k]
        if k > pos + 1 and (tok.lower in AUXILIARIES or tok.lower in PRE_VERB_ADVERBS):
            return True
        if tok.kind == "punct" or is_closed_class(tok.text):
            return False
        if k > pos + 1 and is_finite_verb(tok.text) and not is_noun(tok.lower):
            return True
    return False


def _plain_spacing(analysis: Analysis, tokens: Sequence[Tok]) -> bool:
    """Single spaces between the opener's words (times such as 06:40 have none)."""
    for left, right in itertools.pairwise(tokens):
        gap = analysis.between(left, right)
        if gap not in ("", " ") or (gap == "" and ":" not in (left.text, right.text)):
            return False
    return True


def _clause_follows(sentence: Sequence[Tok], last: int, nxt: Tok) -> bool:
    """The main clause starts with a determiner, a subject pronoun or a name."""
    if nxt.lower in _SUBJECT_STARTS:
        return True
    if nxt.kind != "word" or not nxt.capitalised or nxt.lower in MONTHS | WEEKDAYS:
        return False
    month = sentence[last]
    # "In May Smith said": a month that is also a given name may run into the name.
    dated = last > 0 and sentence[last - 1].kind == "number"
    return not (month.lower in _NAME_MONTHS and not dated)


FINDER = _IntroComma()
