"""A closing time adverbial may open the sentence: "X was withdrawn in July 2023." / "In July 2023,
X was withdrawn."

A short adverbial of time sits equally well at either end of a simple sentence, with no change of
meaning or register; a fronted one takes a comma. We offer the move only where nothing else in
the sentence could claim the adverbial, so the fronted sentence means exactly what the author
wrote:

* the sentence is one plain clause: a subject (a determiner, a pronoun or a name) and a single
  verb group, no commas or other inner punctuation, no quotation, no subordinate or infinitive
  clause ("that", "which", "because", "to decide"), no negation or focus word whose scope the
  move would change ("not", "only", "also");
* the adverbial is one of a closed grammar of dates and deictic times ("on 2 May 2023",
  "in early March", "since 2019", "for now", "last week", "today"), one to four words;
* the word before it is the verb, a pronoun, a particle or a name, never a common noun: in "we
  discussed the meeting on 4 June" the date may belong to the meeting, and fronting it would
  change the sentence;
* the verb does not take the time as its complement: "the meeting is on Monday", "the vote was
  postponed until May", "the deadline falls on Friday" are never offered.

The reverse move ("In July 2023, X was withdrawn." -> "X was withdrawn in July 2023.") obeys the
same rules. The moved text lives in two occurrences, the sentence's first word and the
adverbial's place at the end, so that points elsewhere in the sentence survive beside it.

Example:
    >>> from leaktrace.render import render_text
    >>> from leaktrace.variants.engine import find_points
    >>> text = "The legal challenge was withdrawn in July 2023."
    >>> render_text(text, find_points(text, kinds=["adverbial_fronting"]), [1])
    'In July 2023, the legal challenge was withdrawn.'
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence

from leaktrace.model import Occurrence, Scope, VariationPoint
from leaktrace.variants.analysis import Analysis, Tok, lemma, parts_of_speech
from leaktrace.variants.kinds._grammar import (
    AUXILIARIES,
    DETERMINERS,
    MONTHS,
    SUBJECT_PRONOUNS,
    WEEKDAYS,
    clause_start,
    is_acronym,
    is_closed_class,
    is_finite_verb,
    words,
)

# The adverbial grammar. Slots: <year> <month> <day> <weekday>; "a|b" alternatives; a trailing
# "?" makes a slot optional. "by" and "until" are left out: they usually mark a deadline that
# belongs to the verb ("we need an answer by Friday").
_GRAMMAR = """
in <year>
in <month> <year>?
in early|mid|late <month>|<year>
in early|mid|late <month> <year>
on <day> <month> <year>?
on <month> <day>
on <weekday>
since|before|after <year>
since|before|after <month> <year>?
since|before|after <day> <month> <year>?
since|before|after <month> <day>
for now
last|next|this week|month|year
today|yesterday|tomorrow
"""
_PATTERNS = tuple(tuple(line.split()) for line in _GRAMMAR.strip().splitlines())
_SUBJECT_DETERMINERS = DETERMINERS | words("some many most each every both several all")
_LOWER_STARTS = _SUBJECT_DETERMINERS | (SUBJECT_PRONOUNS - {"i"})
# Words that open a second clause, change the scope of the adverbial or need it as a complement.
_BANNED = words(
    "which who whom whose whoever what whatever because if when whenever whether where "
    "while although though unless as than so since until before after once till lest "
    "and or but nor yet not never no nothing none nobody neither only just even also still "
    "already ever every"
)
_CLITICS = frozenset(("re", "ll", "ve", "s", "m", "d"))
# Verbs whose time expression is an argument, not an adverbial ("postponed until", "falls on").
_SCHEDULING_VERBS = words(
    "schedule reschedule set fix plan arrange postpone defer delay move adjourn push bring put "
    "extend shift slip book timetable change bear expect"
)
# Verbs that take the time as a complement when nothing follows them: "the offer closes on
# Friday", "the meeting is on Monday"; with an object they are ordinary ("closing the office").
_TIME_VERBS = words(
    "be fall last date expire end begin start run close open happen occur take fall come go "
    "remain stay"
)
_PARTICLES = words("out up down off back away over")
_OBJECT_PRONOUNS = words("it them him her us me this that these those")
_MIN_WORDS = 4
_DEICTIC = words("today yesterday tomorrow")
_TIME_NOUNS = words(
    "now then tonight week weeks month months year years weekend morning afternoon evening "
    "ago later earlier recently previously currently quarter"
)


class _AdverbialFronting:
    kind = "adverbial_fronting"
    priority = 90

    def find(self, analysis: Analysis) -> Iterable[VariationPoint]:
        names, lowered = _names(analysis)
        for sentence in analysis.sentences():
            first = clause_start(analysis, sentence)
            if first is None or len(sentence) < 3 or sentence[-1].text != ".":
                continue
            pos = first - sentence[0].index
            point = _to_front(analysis, sentence, pos, names, lowered) or _to_end(
                analysis, sentence, pos
            )
            if point is not None:
                yield point


def _to_front(
    analysis: Analysis,
    sentence: Sequence[Tok],
    pos: int,
    names: frozenset[str],
    lowered: frozenset[str],
) -> VariationPoint | None:
    """ "X was withdrawn in July 2023." -> "In July 2023, x was withdrawn."."""
    last = len(sentence) - 1
    for start in range(last - 1, max(pos, last - 5), -1):
        if not _adverbial(analysis, sentence[start:last]):
            continue
        body = sentence[pos:start]
        if not _simple_clause(analysis, body) or not _attaches(body, sentence[start:last]):
            return None
        head = body[0]
        subject = _fronted_word(head, names, lowered)
        if subject is None:
            return None
        adverbial = analysis.text[sentence[start].start : sentence[last - 1].end]
        opener = f"{adverbial[:1].upper()}{adverbial[1:]}"
        fronted = f"{opener}, {subject}"
        tail = analysis.text[sentence[start - 1].end : sentence[last - 1].end]
        if tail != f" {adverbial}":
            return None
        return _point(
            (f"… {adverbial}.", f"{opener}, …"),
            Occurrence(head.start, head.end, (head.text, fronted)),
            Occurrence(sentence[start - 1].end, sentence[last - 1].end, (tail, "")),
        )
    return None


def _to_end(analysis: Analysis, sentence: Sequence[Tok], pos: int) -> VariationPoint | None:
    """ "In July 2023, x was withdrawn." -> "X was withdrawn in July 2023."."""
    last = len(sentence) - 1
    for end in range(min(pos + 5, last), pos, -1):
        if not _adverbial(analysis, sentence[pos:end]):
            continue
        subject_pos = end + 1 if sentence[end].text == "," else end
        if subject_pos >= last:
            return None
        head = sentence[subject_pos]
        body = sentence[subject_pos:last]
        if not _simple_clause(analysis, body) or not _attaches(body, sentence[pos:end]):
            return None
        if head.text[:1].islower() and any(c.isupper() for c in head.text[1:]):
            return None  # "iPhone"
        opener = sentence[pos]
        adverbial = analysis.text[opener.start : sentence[end - 1].end]
        gap = analysis.between(sentence[end - 1], head)
        if gap not in (", ", " ") or (gap == ", " and sentence[end].start != sentence[end - 1].end):
            return None
        if not (opener.text[:1].isupper() and opener.text[1:].islower()):
            return None  # "IN 2019," in capitals is a heading style, not a sentence
        moved = adverbial[:1].lower() + adverbial[1:]
        written = analysis.text[opener.start : head.end]
        return _point(
            (f"{adverbial}, …", f"… {moved}."),
            Occurrence(opener.start, head.end, (written, head.text[:1].upper() + head.text[1:])),
            Occurrence(sentence[last - 1].end, sentence[last - 1].end, ("", f" {moved}")),
        )
    return None


def _point(labels: tuple[str, str], *occurrences: Occurrence) -> VariationPoint:
    return VariationPoint(
        key="",
        kind="adverbial_fronting",
        labels=labels,
        occurrences=occurrences,
        original=0,
        scope=Scope.LOCAL,
        note="a closing time adverbial moved to the front, or back",
    )


def _adverbial(analysis: Analysis, tokens: Sequence[Tok]) -> bool:
    """The tokens spell one whole phrase of the grammar, separated by single spaces."""
    if not tokens or any(t.protected for t in tokens):
        return False
    if any(analysis.between(a, b) != " " for a, b in itertools.pairwise(tokens)):
        return False
    return any(_matches(pattern, tokens) for pattern in _PATTERNS)


def _matches(pattern: Sequence[str], tokens: Sequence[Tok]) -> bool:
    if not pattern:
        return not tokens
    slot, rest = pattern[0], pattern[1:]
    if slot.endswith("?") and _matches(rest, tokens):
        return True
    return bool(tokens) and _slot(slot.rstrip("?"), tokens[0]) and _matches(rest, tokens[1:])


def _slot(slot: str, tok: Tok) -> bool:
    for option in slot.split("|"):
        if option == "<year>":
            ok = tok.kind == "number" and len(tok.text) == 4 and tok.text[:2] in ("19", "20")
        elif option == "<day>":
            ok = tok.kind == "number" and tok.text.isdigit() and 1 <= int(tok.text) <= 31
        elif option == "<month>":
            ok = tok.lower in MONTHS and tok.capitalised
        elif option == "<weekday>":
            ok = tok.lower in WEEKDAYS and tok.capitalised
        else:
            ok = tok.lower == option
        if ok:
            return True
    return False


def _simple_clause(analysis: Analysis, body: Sequence[Tok]) -> bool:
    """One subject and one verb group, no inner punctuation, subordinator, negation or focus."""
    if sum(t.is_word or t.kind == "number" for t in body) < _MIN_WORDS:
        return False
    for left, tok in itertools.pairwise(body):
        if analysis.between(left, tok) not in (" ", ""):
            return False
    for k, tok in enumerate(body):
        if tok.protected or tok.lower in _BANNED or tok.lower.endswith("n't"):
            return False
        if tok.kind == "punct" and not _glued_punct(body, k):
            return False
        if tok.lower == "to" and k + 1 < len(body) and _verb_capable(body[k + 1]):
            return False
        if _time_word(tok):
            return False  # one time expression per sentence: "met in Paris on Monday"
        if tok.lower == "that" and k + 1 < len(body):
            return False  # a demonstrative object ("against that") only, never a clause
    head = body[0]
    if not _subject_head(head):
        return False
    groups = _verb_groups(body)
    if len(groups) != 1:
        return False
    first, last = groups[0]
    if first == 0 and not _clitic_subject(head):
        return False
    main = body[last]
    base = lemma(main.lower, "VERB") or main.lower
    if base in _SCHEDULING_VERBS or main.lower in AUXILIARIES or _clitic_subject(main):
        return False
    if base in _TIME_VERBS and last == len(body) - 1:
        return False
    # No second verb outside the group: "we expect prices falling", "the fund remaining".
    return not any(
        "VERB" in parts_of_speech(t.lower)
        and t.lower.endswith("ing")
        and body[k - 1].lower not in _SUBJECT_DETERMINERS
        for k, t in enumerate(body)
        if k > last
    )


def _time_word(tok: Tok) -> bool:
    """A word of another time expression: a month, weekday, year or deictic time."""
    if tok.kind == "number":
        return len(tok.text) == 4 and tok.text[:2] in ("19", "20")
    return tok.lower in MONTHS | WEEKDAYS | _DEICTIC | _TIME_NOUNS


def _subject_head(head: Tok) -> bool:
    """A word that can open a subject: a determiner, a pronoun, a name or a common noun."""
    if head.lower in _LOWER_STARTS or head.lower == "i" or _clitic_subject(head):
        return True
    if not head.capitalised or is_closed_class(head.text) or head.lower in MONTHS | WEEKDAYS:
        return False
    pos = parts_of_speech(_stem(head.lower))
    return not pos or (("NOUN" in pos or "PROPN" in pos) and "ADV" not in pos)


def _glued_punct(body: Sequence[Tok], k: int) -> bool:
    """A hyphen inside a compound, a per cent sign or a currency sign before a figure."""
    tok = body[k]
    prev = body[k - 1] if k else None
    nxt = body[k + 1] if k + 1 < len(body) else None
    if tok.text in "-–" and prev is not None and nxt is not None:
        return prev.end == tok.start and tok.end == nxt.start
    if tok.text == "%":
        return prev is not None and prev.kind == "number" and prev.end == tok.start
    if tok.text in "£$€":
        return nxt is not None and nxt.kind == "number" and tok.end == nxt.start
    return False


def _verb_groups(body: Sequence[Tok]) -> list[tuple[int, int]]:
    """(first, last) index of every run of verbs: "has been withdrawn", "was quietly sold"."""
    groups: list[tuple[int, int]] = []
    k = 0
    while k < len(body):
        if not _verbish(body, k):
            k += 1
            continue
        first = k
        while _auxiliary(body[k]):
            step = 2 if k + 2 < len(body) and _adverb(body[k + 1]) else 1
            if k + step >= len(body) or not _verb_word(body[k + step]):
                break
            k += step
        groups.append((first, k))
        k += 1
    return groups


def _verbish(body: Sequence[Tok], k: int) -> bool:
    """A word that opens a verb group: an auxiliary, a finite verb, or a bare verb after "we"."""
    tok = body[k]
    if tok.kind != "word" or (tok.capitalised and k > 0):
        return False
    if _auxiliary(tok):
        return True
    if is_closed_class(tok.text) or tok.lower in _PARTICLES:
        return False
    prev = body[k - 1].lower if k else ""
    if is_finite_verb(tok.lower) and not tok.lower.endswith("ing"):
        return "NOUN" not in parts_of_speech(tok.lower) or prev in SUBJECT_PRONOUNS
    return prev in SUBJECT_PRONOUNS and lemma(tok.lower, "VERB") == tok.lower


def _auxiliary(tok: Tok) -> bool:
    return tok.lower in AUXILIARIES or _clitic_subject(tok)


def _verb_word(tok: Tok) -> bool:
    """A word that can carry on a verb group after an auxiliary ("been", "withdrawn")."""
    if tok.kind != "word" or tok.capitalised:
        return False
    return tok.lower in AUXILIARIES or "VERB" in parts_of_speech(tok.lower)


def _clitic_subject(tok: Tok) -> bool:
    """ "we're", "they'll", "I've": a subject pronoun and an auxiliary in one token."""
    pronoun, _, clitic = tok.lower.partition("'")
    return pronoun in SUBJECT_PRONOUNS and clitic in _CLITICS


def _verb_capable(tok: Tok) -> bool:
    return tok.kind == "word" and not tok.capitalised and "VERB" in parts_of_speech(tok.lower)


def _attaches(body: Sequence[Tok], adverbial: Sequence[Tok]) -> bool:
    """The clause's last word cannot take the adverbial as a modifier ("the meeting on 4 June").

    It must be the verb itself, a pronoun, a particle, an adverb in -ly or a name; a plain noun
    only before "today", "yesterday" or "tomorrow", which do not restrict a noun in plain prose.
    """
    before = body[-1]
    if before.kind != "word":
        return False
    if len(adverbial) == 1 and adverbial[0].lower in _DEICTIC:
        return True
    if _verb_groups(body)[-1][1] == len(body) - 1 or before.lower in _OBJECT_PRONOUNS:
        return True
    if before.lower in _PARTICLES:
        return True
    if before.capitalised:
        return before.lower not in MONTHS | WEEKDAYS
    return _adverb(before) or before.lower == "again"


def _adverb(tok: Tok) -> bool:
    """ "quietly", "sharply": a manner adverb in -ly."""
    return tok.kind == "word" and tok.lower.endswith("ly") and "ADV" in parts_of_speech(tok.lower)


def _fronted_word(head: Tok, names: frozenset[str], lowered: frozenset[str]) -> str | None:
    """The sentence's first word as it reads after a fronted adverbial, or None if unsure."""
    text = head.text
    if head.lower in _LOWER_STARTS:
        return text[:1].lower() + text[1:]
    if head.lower == "i" or is_acronym(head) or _clitic_subject(head):
        if _clitic_subject(head) and not head.lower.startswith("i'"):
            return text[:1].lower() + text[1:]
        return text
    stem = _stem(text)
    if stem in names or not parts_of_speech(stem.lower()):
        return text
    if stem.lower() in lowered:
        return text[:1].lower() + text[1:]
    return None


def _stem(text: str) -> str:
    for suffix in ("'s", "’s"):
        if text.endswith(suffix):
            return text[: -len(suffix)]
    return text


def _names(analysis: Analysis) -> tuple[frozenset[str], frozenset[str]]:
    """Words written with a capital in mid-sentence (names), and words written in lower case."""
    names: set[str] = set()
    lowered: set[str] = set()
    tokens = analysis.tokens
    for tok in tokens[1:]:
        if tok.kind != "word":
            continue
        prev = tokens[tok.index - 1]
        if not tok.capitalised:
            lowered.add(_stem(tok.lower))
        elif not tok.sentence_start and prev.sentence == tok.sentence and prev.is_word:
            names.add(_stem(tok.text))
    return frozenset(names), frozenset(lowered)


FINDER = _AdverbialFronting()
