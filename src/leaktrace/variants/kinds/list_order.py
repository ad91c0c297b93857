"""Order of a short list: "the route, the capacity and the financing model" in any order.

A list of three or four parallel items that nothing orders reads as well in any order, so a
copy may permute it: one point with 6 (three items) or 24 (four items) options, the author's
order first. The occurrences are the item spans only, one per position; the separators stay
where they are, so the serial comma (its own convention) and the order are chosen apart.

We offer a list only when every permutation reads naturally and says the same:

- three or four items joined by ", " and a final *and* or *or* (", and" too);
- items of one shape, 1-4 words each: all led by a determiner ("the route"), all bare lower-case
  words of the same length ("costs", "risks"), or all single place names or organisation
  acronyms ("France", "Germany", "the UK") — never people or roles, whose order may be rank;
- items hold only nouns, adjectives and acronyms (an "of" with one word is allowed before the
  last item): no verbs, adverbs, numbers, prepositions, commas or conjunctions;
- the list opens after a preposition, a verb, a colon or a dash, never at a sentence start or
  after a sentence-initial preposition ("In London, Paris and Berlin, we ..."), and closes at
  punctuation, a preposition other than *of*, an auxiliary or a verb;
- not a sequence or fixed series (ordinals, months, "small, medium and large", see the
  ``list_order`` lexicon), and not where *respectively*, *former* or *latter* refers back.

Example:
    >>> from leaktrace.variants.analysis import analyse
    >>> a = analyse("We agreed on the route, the capacity and the financing model.")
    >>> point = next(iter(FINDER.find(a)))
    >>> point.option_count, point.labels[1]
    (6, 'route, financing model, capacity')
    >>> [occ.renderings[1] for occ in point.occurrences]
    ['the route', 'the financing model', 'the capacity']
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import cache
from itertools import pairwise, permutations

from leaktrace.model import Occurrence, Scope, VariationPoint
from leaktrace.variants.analysis import Analysis, Tok, parts_of_speech
from leaktrace.variants.kinds._grammar import (
    AUXILIARIES,
    DETERMINERS,
    MONTHS,
    PREPOSITIONS,
    SUBJECT_PRONOUNS,
    WEEKDAYS,
    clause_start,
    is_acronym,
    is_closed_class,
    is_finite_verb,
    is_plural_noun,
    lexicon,
    word_set,
    words,
)

_LEXICON = "list_order"
_MAX_WORDS = 4
_LEADS = frozenset(":–—")
_RIGHT_PUNCT = frozenset(",.;:)–—!?")
_BACK_REFERENCES = words("respectively former latter")
_NOT_LEADS = words("than as like of per")
_AFTER_COMMA = words("which who whom whose where respectively etc")
_FINAL_SEPARATORS = (" and ", ", and ", " or ", ", or ")

Item = tuple[int, int]  # first and last token positions in the sentence, inclusive


class _ListOrder:
    kind = "list_order"
    priority = 48

    def find(self, analysis: Analysis) -> Iterable[VariationPoint]:
        sentences = list(analysis.sentences())
        for number, sentence in enumerate(sentences):
            following = sentences[number + 1] if number + 1 < len(sentences) else []
            if any(t.lower in _BACK_REFERENCES for t in [*sentence, *following]):
                continue
            first = clause_start(analysis, sentence)
            for pos, tok in enumerate(sentence):
                if tok.lower in ("and", "or") and not tok.protected and pos >= 3:
                    point = _list_at(analysis, sentence, pos, first)
                    if point is not None:
                        yield point


def _list_at(
    analysis: Analysis, sentence: Sequence[Tok], conj: int, first: int | None
) -> VariationPoint | None:
    if conj + 1 >= len(sentence):
        return None
    shape = _shape(sentence[conj + 1])
    last = _last_item(sentence, conj + 1, shape)
    if last is None:
        return None
    items = [last]
    end = conj - 2 if sentence[conj - 1].text == "," else conj - 1
    while True:
        start = _item_start(sentence, end, shape)
        if start is None:
            return None
        items.insert(0, (start, end))
        if start >= 2 and sentence[start - 1].text == "," and len(items) < 4:
            end = start - 2
            continue
        break
    if len(items) < 3 or not _lead_ok(sentence, items[0][0], first):
        return None
    tokens = sentence[items[0][0] : last[1] + 1]
    if any(t.protected for t in tokens) or analysis.is_protected(tokens[0].start, tokens[-1].end):
        return None
    if not _separators_ok(analysis, sentence, items) or not _parallel(sentence, items, shape):
        return None
    texts = [analysis.text[sentence[a].start : sentence[b].end] for a, b in items]
    bare = [_strip(sentence, item) for item in items]
    if len({b.lower() for b in bare}) < len(bare) or _series([b.lower() for b in bare]):
        return None
    orders = list(permutations(range(len(items))))
    occurrences = tuple(
        Occurrence(sentence[a].start, sentence[b].end, tuple(texts[order[i]] for order in orders))
        for i, (a, b) in enumerate(items)
    )
    labels = tuple(", ".join(bare[i] for i in order) for order in orders)
    return VariationPoint(
        key="",
        kind="list_order",
        labels=labels,
        occurrences=occurrences,
        original=0,
        scope=Scope.LOCAL,
        note="order of the items of a short list",
    )


def _shape(tok: Tok) -> str | None:
    if tok.lower in DETERMINERS:
        return "determiner"
    if _place(tok):
        return "name"
    if _content(tok, acronyms=False):
        return "bare"
    return None


def _last_item(sentence: Sequence[Tok], pos: int, shape: str | None) -> Item | None:
    """The item after the conjunction, which must end where the noun phrase ends."""
    if shape is None:
        return None
    start = pos
    if shape == "name":
        end = pos
    else:
        end = pos if shape == "determiner" else pos - 1
        while end + 1 < len(sentence) and _content(sentence[end + 1], shape == "determiner"):
            end += 1
        if end < start or (shape == "determiner" and end == start):
            return None
    if end - start + 1 > _MAX_WORDS or not _right_ok(sentence, end + 1):
        return None
    return start, end


def _item_start(sentence: Sequence[Tok], end: int, shape: str | None) -> int | None:
    """Where the item ending at ``end`` begins, or ``None`` if it does not fit the shape."""
    if end < 1 or shape is None:
        return None
    if shape == "name":
        return end if _place(sentence[end]) else None
    pos = end
    while pos >= 0 and end - pos < _MAX_WORDS:
        tok = sentence[pos]
        if shape == "determiner" and tok.lower in DETERMINERS:
            return pos if pos < end else None
        of_phrase = shape == "determiner" and tok.lower == "of" and pos == end - 1
        if (shape == "bare" and _verb(sentence, pos)) or not (
            _content(tok, shape == "determiner") or of_phrase
        ):
            return pos + 1 if shape == "bare" and pos < end else None
        pos -= 1
    return None


def _content(tok: Tok, acronyms: bool) -> bool:
    """A noun, adjective or (when allowed) organisation acronym, and nothing that orders."""
    if tok.kind != "word" or tok.protected or "'" in tok.text:
        return False
    if acronyms and is_acronym(tok):
        return tok.lower not in word_set("pair_order", "role_acronyms")
    if tok.capitalised or is_closed_class(tok.text) or tok.lower.endswith("ly"):
        return False
    word = tok.lower
    if word in _ordering_words() or word in MONTHS or word in WEEKDAYS:
        return False
    return bool(parts_of_speech(word) & {"NOUN", "ADJ"})


def _place(tok: Tok) -> bool:
    if tok.kind not in ("word", "abbr") or tok.protected or not tok.capitalised:
        return False
    if tok.sentence_start:
        return False
    if is_acronym(tok):
        return tok.lower not in word_set("pair_order", "role_acronyms")
    return any(tok.lower in word_set("pair_order", key) for key in ("places", "nationalities"))


def _lead_ok(sentence: Sequence[Tok], start: int, first: int | None) -> bool:
    """The list opens after a preposition, a verb, a colon or a dash, never a sentence start."""
    if start < 1 or sentence[start].index == first:
        return False
    lead = sentence[start - 1]
    if lead.text in _LEADS:
        return start >= 2
    if lead.kind != "word" or lead.index == first or lead.lower in _NOT_LEADS:
        return False
    if lead.lower in PREPOSITIONS or lead.lower in AUXILIARIES:
        return True
    return _verb(sentence, start - 1)


def _verb(sentence: Sequence[Tok], pos: int) -> bool:
    """A verb: verb-only ("include"), an -ed/-ing form, or after "we" or "to" ("we want")."""
    tags = parts_of_speech(sentence[pos].lower)
    after_subject = pos > 0 and sentence[pos - 1].lower in SUBJECT_PRONOUNS | {"to"}
    plain = tags <= {"VERB", "AUX"} or sentence[pos].lower.endswith(("ed", "ing"))
    return "VERB" in tags and (after_subject or plain)


def _right_ok(sentence: Sequence[Tok], pos: int) -> bool:
    """What follows the last item closes the noun phrase and attaches to no single item."""
    if pos >= len(sentence):
        return True
    after = sentence[pos]
    if after.text in _RIGHT_PUNCT:
        nxt = sentence[pos + 1] if pos + 1 < len(sentence) else None
        return after.text != "," or nxt is None or nxt.lower not in _AFTER_COMMA
    if after.kind != "word" or after.lower in ("of", "and", "or"):
        return False
    if after.lower in PREPOSITIONS or after.lower in AUXILIARIES:
        return True
    if after.lower.endswith("ly") and pos + 1 < len(sentence):
        return is_finite_verb(sentence[pos + 1].text)  # "policy details plainly meets"
    return bool(parts_of_speech(after.lower)) and parts_of_speech(after.lower) <= {"VERB", "AUX"}


def _separators_ok(analysis: Analysis, sentence: Sequence[Tok], items: Sequence[Item]) -> bool:
    """Items are separated by exactly ", " and end with " and ", ", and", " or " or ", or "."""
    for i, ((_, end), (start, _)) in enumerate(pairwise(items)):
        between = analysis.text[sentence[end].end : sentence[start].start]
        if between not in (_FINAL_SEPARATORS if i == len(items) - 2 else (", ",)):
            return False
    return True


_OPEN_ENDED = frozenset(("other", "another", "similar", "such", "related"))


def _parallel(sentence: Sequence[Tok], items: Sequence[Item], shape: str | None) -> bool:
    """Items have one shape, none is much longer than the others, and "or" items agree."""
    if any(sentence[a].lower in _OPEN_ENDED for a, _ in items):
        return False  # "consents, permissions or other rights": the open-ended item stays last
    if shape == "determiner" and not all(sentence[a].lower in DETERMINERS for a, _ in items):
        return False  # "any necessary consents, permissions or ...": "any" covers them all
    lengths = [sum(1 for t in sentence[a : b + 1] if t.kind != "punct") for a, b in items]
    if lengths[-1] > max(lengths[:-1]) + 1:
        return False  # "and the financing needs review": a verb swallowed into the last item
    plural = [is_plural_noun(sentence[b].text) for _, b in items]
    if shape == "bare" and len(set(lengths)) > 1 and not all(plural):
        return False  # "legal, commercial and reputational risk" shares its head
    acronyms = [[is_acronym(t) for t in sentence[a + 1 : b + 1]] for a, b in items]
    if shape == "determiner" and any(map(any, acronyms)) and any(a != [True] for a in acronyms):
        return False  # "the UK, the EU and the US positions": a head shared by every item
    # "or" agrees with the nearest item ("the bank, the insurer or the brokers are").
    return shape == "name" or len(set(plural)) == 1 or sentence[items[-1][0] - 1].lower != "or"


def _strip(sentence: Sequence[Tok], item: Item) -> str:
    a, b = item
    if sentence[a].lower in DETERMINERS and a < b:
        a += 1
    return " ".join(t.text for t in sentence[a : b + 1])


def _series(items: Sequence[str]) -> bool:
    """Two items of one fixed series ("small, medium and large") keep their order."""
    groups = lexicon(_LEXICON).get("series", [])
    return any(sum(1 for item in items if item in group) >= 2 for group in groups)


@cache
def _ordering_words() -> frozenset[str]:
    own = word_set(_LEXICON, "sequence") | word_set(_LEXICON, "roles")
    return word_set("pair_order", "sequence") | own


FINDER = _ListOrder()
