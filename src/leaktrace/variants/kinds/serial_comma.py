"""The serial (Oxford) comma: "steel, pharma and the Arctic" / "steel, pharma, and the Arctic".

Both styles are standard in British and American English (Oxford and Chicago use the comma,
most British newspapers and AP do not), so the choice is one document-wide point. An author who
mixes the two keeps the mix as one option; the others put the comma in every list, or in none.

Adding or dropping that comma changes meaning when the "list" is not a list, so detection is
strict and we would rather miss a list than misread one. A list is at least three items, all
noun phrases with a lower-case head, joined by commas and a final *and* or *or*, each item short
and free of pronouns, auxiliaries, conjunctions and verb-only words. We skip:

- appositives: "Leon Brasher, the trade adviser, and Marty Gell" (a name or a capitalised head
  before the last item), "our largest customer, a national grocer, and" (an indefinite item
  after a definite one);
- introductory phrases: "In 2019, staff and managers", "Last year, sales and profits" (a
  sentence-initial preposition, adverb, time phrase or single word before the first comma);
- clauses: "If it leaks, the price and the terms", "costs of £19m, 420 redundancies, and
  leaves a sub-scale business" (a verb after the conjunction).

Example:
    >>> from leaktrace.variants.analysis import analyse
    >>> a = analyse("We use it on three things – steel, the pharma probe and the Arctic talks.")
    >>> [(p.labels, p.occurrences[0].renderings) for p in FINDER.find(a)]
    [(('A, B and C', 'A, B, and C'), ('', ','))]
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from leaktrace.model import Occurrence, VariationPoint
from leaktrace.variants.analysis import Analysis, Tok, parts_of_speech
from leaktrace.variants.base import convention_point
from leaktrace.variants.kinds._grammar import (
    AUXILIARIES,
    DETERMINERS,
    MONTHS,
    PREPOSITIONS,
    PRONOUNS,
    WEEKDAYS,
    is_closed_class,
    words,
)

_MAX_ITEMS = 8
_MAX_ITEM_TOKENS = 7
_CLAUSE_OPENERS = words(
    "when whenever once unless as where wherever whether whereas while whilst since because "
    "if although though after before until so"
)
_TIME_WORDS = (
    MONTHS
    | WEEKDAYS
    | words(
        "year years week weeks month months day days morning evening night time today "
        "yesterday tomorrow tonight now then quarter season spring summer autumn fall winter"
    )
)
_JOINERS = frozenset({"-", "'", "’", "%", "/"})
_LIST_LEADS = frozenset({":", "–", "—", "("})
_INDEFINITE = frozenset({"a", "an"})
# Prepositions that may modify a noun inside an item ("appeals to the rules-based order");
# others ("31 per cent below budget") suggest a predicate, not a list item.
_NOUN_MODIFIER_PREPOSITIONS = words("of to for in on with from at by")


class _SerialComma:
    kind = "serial_comma"
    priority = 30

    def find(self, analysis: Analysis) -> Iterable[VariationPoint]:
        places: list[tuple[int, int, bool]] = []
        for sentence in analysis.sentences():
            if _lists_within_a_list(sentence):
                continue
            for pos, tok in enumerate(sentence):
                if tok.lower in ("and", "or") and pos >= 4:
                    place = _list_end(analysis, sentence, pos)
                    if place is not None:
                        places.append(place)
        if not places:
            return
        written = tuple("," if serial else "" for _, _, serial in places)
        options: list[tuple[str, ...]] = [written]
        labels = ["as written"]
        for comma, label in ((",", "A, B, and C"), ("", "A, B and C")):
            option = tuple(comma for _ in places)
            if option == written:
                labels[0] = label
            else:
                options.append(option)
                labels.append(label)
        occurrences = [
            Occurrence(start, end, tuple(option[i] for option in options))
            for i, (start, end, _) in enumerate(places)
        ]
        point = convention_point(self.kind, labels, occurrences, note="serial comma in lists")
        if point is not None:
            yield point


def _list_end(
    analysis: Analysis, sentence: Sequence[Tok], conj: int
) -> tuple[int, int, bool] | None:
    """``(start, end, serial)`` of the serial comma's place before ``sentence[conj]``, if any."""
    serial = sentence[conj - 1].text == ","
    last_item_end = conj - 2 if serial else conj - 1
    if not _spaced(analysis, sentence[conj - 1], sentence[conj]):
        return None
    segments = _items_before(sentence, last_item_end)
    if segments is None or len(segments) < 2:
        return None
    preposition = _shared_preposition(sentence, segments[-1][0], conj + 1)
    # Inner items are the comma-bounded segments that read as items, counting back from the
    # conjunction; the segment before them holds the first item ("organise briefings for
    # staff, unions and the press": the first item is "staff").
    first = len(segments) - 1
    while first > 0 and _item_ok(sentence, *segments[first], preposition):
        first -= 1
    items = segments[first:]
    first_start = _first_item_start(sentence, items[0])
    if len(items) < 2 or first_start is None or _clause_in(sentence, items[0]):
        return None
    items[0] = (first_start, items[0][1])
    if not _lead_ok(sentence, first_start, items[0]):
        return None
    if any(_capitalised_head(sentence[end]) for _, end in items):
        return None
    if _coordinate_adjective(sentence, items[0]):
        return None
    if not _last_item_ok(sentence, conj + 1, preposition):
        return None
    if _appositive(sentence, items):
        return None
    tokens = sentence[first_start : conj + 2]
    if any(t.protected for t in tokens) or not _commas_spaced(analysis, sentence, items):
        return None
    if serial:
        comma = sentence[conj - 1]
        return comma.start, comma.end, True
    end = sentence[last_item_end].end
    return end, end, False


def _lists_within_a_list(sentence: Sequence[Tok]) -> bool:
    """Two comma lists in one sentence, or a "plus" series: the grouping is the author's.

    "numerical parameters, data structure layouts and accessors, or small macros, inline
    functions and templates" holds two lists inside a third; a serial comma in one of them would
    regroup its items ("layouts, and accessors").
    """
    conjunctions = 0
    for pos, tok in enumerate(sentence):
        if tok.lower == "plus":
            return True
        if (
            tok.lower in ("and", "or")
            and not tok.protected
            and any(t.text == "," for t in sentence[max(0, pos - 6) : pos])
        ):
            conjunctions += 1
    return conjunctions > 1


def _clause_in(sentence: Sequence[Tok], segment: tuple[int, int]) -> bool:
    """The comma closes a clause, not a list item: "if you need help, pull in X or Y"."""
    return any(t.lower in _CLAUSE_OPENERS for t in sentence[segment[0] : segment[1] + 1])


def _shared_preposition(sentence: Sequence[Tok], penultimate: int, last: int) -> str | None:
    """ "to gestures, and to the last person": the preposition that opens every item, if any."""
    if last >= len(sentence):
        return None
    word = sentence[last].lower
    same = sentence[penultimate].lower == word
    return word if word in PREPOSITIONS and same else None


def _items_before(sentence: Sequence[Tok], end: int) -> list[tuple[int, int]] | None:
    """Comma-separated segments ending at ``end``, earliest first (the first one unbounded)."""
    items: list[tuple[int, int]] = []
    while end >= 0 and len(items) < _MAX_ITEMS:
        start = end
        while start > 0 and _item_token(sentence, start - 1) and end - start < _MAX_ITEM_TOKENS:
            start -= 1
        if not _item_token(sentence, start):
            return None
        items.insert(0, (start, end))
        if start >= 2 and sentence[start - 1].text == ",":
            end = start - 2
            continue
        return items
    return None


def _item_token(sentence: Sequence[Tok], pos: int) -> bool:
    tok = sentence[pos]
    return tok.is_word or tok.kind == "number" or tok.text in _JOINERS


def _first_item_start(sentence: Sequence[Tok], segment: tuple[int, int]) -> int | None:
    """Where the first item's noun phrase begins inside its segment (stops at a verb, say)."""
    start, end = segment
    pos = end
    while pos > start:
        prev = sentence[pos - 1]
        if prev.text in _JOINERS or prev.kind == "number":
            pos -= 1
            continue
        if not prev.is_word or _stops_phrase(prev) or _verb_after_subject(sentence, pos - 1):
            break
        pos -= 1
        if prev.lower in DETERMINERS:
            break
    if end - pos >= 5:
        return None
    return pos


def _verb_after_subject(sentence: Sequence[Tok], pos: int) -> bool:
    """ "we want steel": a noun/verb word after a pronoun or auxiliary is the verb."""
    if pos == 0 or "VERB" not in parts_of_speech(sentence[pos].lower):
        return False
    before = sentence[pos - 1].lower
    return before in PRONOUNS or before in AUXILIARIES or before == "to"


def _stops_phrase(tok: Tok) -> bool:
    if tok.lower in DETERMINERS:
        return False
    return is_closed_class(tok.text) or _verb_only(tok) or tok.lower in _CLAUSE_OPENERS


def _lead_ok(sentence: Sequence[Tok], start: int, first: tuple[int, int]) -> bool:
    """What comes before the first item must introduce a list, not a clause or an aside."""
    words = [t for t in sentence[first[0] : first[1] + 1] if t.is_word]
    if any(t.lower in _TIME_WORDS for t in words) or not words:
        return False
    if (
        start == 0
        or sentence[start - 1].text == ";"
        or not any(t.is_word for t in sentence[:start])
    ):
        # Sentence-initial: "Last year, sales and" or "However, X and Y" are not lists.
        return len(words) > 1 and not words[0].lower.endswith("ly") and _plain_item(words)
    lead = sentence[start - 1]
    if lead.text in _LIST_LEADS:
        return _plain_item(words)
    if not lead.is_word or lead.lower in _CLAUSE_OPENERS:
        return False
    if lead.lower in PREPOSITIONS:
        before = sentence[start - 2] if start >= 2 else None
        opens_clause = before is None or not before.is_word or before.lower in _CLAUSE_OPENERS
        return not opens_clause and _plain_item(words)
    if is_closed_class(lead.text) and lead.lower not in DETERMINERS:
        return lead.lower in ("is", "are", "was", "were", "be", "been") and _plain_item(words)
    return "VERB" in parts_of_speech(lead.lower) and _plain_item(words)


def _plain_item(words: Sequence[Tok]) -> bool:
    return all(not _stops_phrase(t) for t in words)


def _item_ok(sentence: Sequence[Tok], start: int, end: int, preposition: str | None) -> bool:
    """An inner item: a short noun phrase, perhaps with a prepositional modifier."""
    toks = list(sentence[start : end + 1])
    if preposition is not None and toks and toks[0].lower == preposition:
        toks = toks[1:]
    if not toks or len(toks) > _MAX_ITEM_TOKENS:
        return False
    first = toks[0]
    if first.lower in PREPOSITIONS or first.lower.endswith("ly") or first.lower in _TIME_WORDS:
        return False
    if _adjective_phrase(toks, 0):
        return False
    for i, tok in enumerate(toks):
        if not tok.is_word:
            continue
        after_preposition = i > 0 and toks[i - 1].lower in PREPOSITIONS
        if tok.lower in DETERMINERS and (i == 0 or after_preposition):
            continue
        inner = 0 < i < len(toks) - 1
        if tok.lower in _NOUN_MODIFIER_PREPOSITIONS and inner and tok.lower != "to":
            continue
        if tok.lower == "to" and 0 < i < len(toks) - 1 and not _verb_only(toks[i + 1]):
            continue
        if _stops_phrase(tok):
            return False
    return True


def _last_item_ok(sentence: Sequence[Tok], pos: int, preposition: str | None) -> bool:
    """The item after the conjunction starts like a noun phrase, not a verb or an adverb."""
    if pos < len(sentence) and preposition is not None and sentence[pos].lower == preposition:
        pos += 1
    while pos < len(sentence) and (
        sentence[pos].lower in DETERMINERS or sentence[pos].kind == "number"
    ):
        pos += 1
    if pos >= len(sentence):
        return False
    head = sentence[pos]
    if not head.is_word or _stops_phrase(head) or head.lower in PREPOSITIONS:
        return False
    tags = parts_of_speech(head.lower)
    if head.lower.endswith("ly") or tags == {"ADV"} or _adjective_phrase(sentence, pos):
        return False
    if "VERB" in tags and pos + 1 < len(sentence):
        nxt = sentence[pos + 1]
        # "and leaves a sub-scale business", "or message me": a verb taking its object.
        if nxt.lower in DETERMINERS or nxt.lower in PRONOUNS:
            return False
        if is_closed_class(nxt.text):
            return not _verb_likely(head)
    return True


def _adjective_phrase(toks: Sequence[Tok], pos: int) -> bool:
    """ "equivalent to £9.6m", "dependent on one man's moods": a predicate, not a noun phrase."""
    while pos < len(toks) and toks[pos].lower in DETERMINERS:
        pos += 1
    if pos + 1 >= len(toks):
        return False
    word, nxt = toks[pos], toks[pos + 1]
    return "ADJ" in parts_of_speech(word.lower) and nxt.lower in PREPOSITIONS


def _appositive(sentence: Sequence[Tok], items: Sequence[tuple[int, int]]) -> bool:
    """ "our largest customer, a national grocer, and": an indefinite item after a definite one."""
    first = sentence[items[0][0]].lower
    if first in _INDEFINITE:
        return False
    definite = first in DETERMINERS
    return definite and any(sentence[start].lower in _INDEFINITE for start, _ in items[1:])


def _coordinate_adjective(sentence: Sequence[Tok], first: tuple[int, int]) -> bool:
    """ "a free, copyleft licence for software and other works": the comma joins adjectives."""
    start, end = first
    return (
        end == start + 1
        and sentence[start].lower in ("a", "an")
        and "ADJ" in parts_of_speech(sentence[end].lower)
    )


def _capitalised_head(tok: Tok) -> bool:
    """A name, title or acronym heads the item: "Leon Brasher", "the Executive Committee"."""
    return tok.is_word and tok.capitalised and not tok.sentence_start


def _verb_only(tok: Tok) -> bool:
    tags = parts_of_speech(tok.lower)
    return bool(tags) and tags <= {"VERB", "AUX"}


def _verb_likely(tok: Tok) -> bool:
    """A noun/verb form that, before an object, reads as the verb: "leaves", "requires"."""
    return tok.lower.endswith("s") or _verb_only(tok)


def _spaced(analysis: Analysis, left: Tok, right: Tok) -> bool:
    return analysis.between(left, right) == " "


def _commas_spaced(
    analysis: Analysis, sentence: Sequence[Tok], items: Sequence[tuple[int, int]]
) -> bool:
    """Each separating comma sits right after its item and before one space."""
    for _, end in items[:-1]:
        comma = sentence[end + 1]
        if comma.start != sentence[end].end or analysis.between(comma, sentence[end + 2]) != " ":
            return False
    return True


FINDER = _SerialComma()
