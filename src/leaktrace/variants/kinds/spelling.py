"""Spelling conventions: "judgement"/"judgment", "whilst"/"while", and Oxford -ize, copy-wide.

English allows some words two standard spellings, and careful writers pick one and keep it. A
copy may pick the other, but only where both are standard in the document's own variety
("whilst" is at home in a London memo and odd in a Washington one) and only everywhere at
once: each pair is one document-wide point, so a copy never spells a word two ways. The pairs
and the Oxford -ise/-ize stems are data (``lexicons/spelling.toml``); the code adds the checks a
word list cannot make:

- "learned" varies only as a verb ("staff had learned of it"), never as the adjective ("a
  learned judge"); "while" only as a conjunction, never in "a while";
- a capitalised form mid-sentence is a name or a title and is never changed ("World Health
  Organization"); for a two-way pair it also rules the pair out, so a copy never reads "Special
  Adviser ... our advisors";
- an author who already mixes two spellings keeps them as written.

Example:
    >>> from leaktrace.variants.analysis import analyse
    >>> text = "We will organise the review and prioritise the findings."
    >>> [(p.labels, len(p.occurrences)) for p in FINDER.find(analyse(text, "en-GB"))]
    [(('-ise', '-ize'), 2)]
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache

from leaktrace.model import VariationPoint
from leaktrace.variants.analysis import Analysis, Tok
from leaktrace.variants.kinds._convention import (
    Found,
    Word,
    casing,
    free,
    one_choice,
    recased,
    scan_words,
)
from leaktrace.variants.kinds._grammar import (
    DEGREE_WORDS,
    DETERMINERS,
    PRE_VERB_ADVERBS,
    SUBJECT_PRONOUNS,
    lexicon,
    words,
)

_HAVE = words("have has had having 've 'd")
_BE = words("is are was were be been being")
# After these, "learned"/"spelled" is a verb with its object or complement.
_VERB_FOLLOWERS = words(
    "that of about how what why when where whether from to the a an this these it them him "
    "her us me nothing something much more lessons their our his its"
)
_PASSIVE_FOLLOWERS = words("from by through during early quickly")
# Before these words "while" is a noun: "a while", "all the while", "worth while".
_WHILE_NOUN_BEFORE = words(
    "a the little short long good great whole worth all quite this that some any"
)


@dataclass(frozen=True)
class Pair:
    """A set of interchangeable spellings from the lexicon."""

    name: str
    rows: tuple[tuple[str, ...], ...]
    varieties: frozenset[str]
    only_from: int | None
    context: str

    @property
    def labels(self) -> tuple[str, ...]:
        return self.rows[0]


class _Spelling:
    kind = "spelling"
    priority = 20

    def find(self, analysis: Analysis) -> Iterable[VariationPoint]:
        forms = _forms(analysis.variety)
        found: dict[str, list[Found]] = {}
        blocked: set[str] = set()
        for word in scan_words(analysis):
            hit = forms.get(word.lower)
            if hit is None:
                continue
            pair, row, option = hit
            case = casing(analysis, word)
            if case != "plain":
                # A name keeps its own spelling ("World Health Organization"); for a pair of
                # plain words it also rules the pair out ("Special Adviser ... advisors").
                if case == "unsure" or pair.name != "oxford":
                    blocked.add(pair.name)
                continue
            if not free(analysis, word.start, word.end) or not _context_ok(analysis, pair, word):
                continue
            renderings = recased(word.text, pair.rows[row])
            found.setdefault(pair.name, []).append(Found(word.start, word.end, option, renderings))
        for name, places in found.items():
            if name in blocked:
                continue
            pair = _pairs()[name]
            allowed = None if pair.only_from is None else (pair.only_from,)
            note = f"spelling convention: {' / '.join(pair.labels)}"
            point = one_choice(self.kind, pair.labels, places, note, allowed)
            if point is not None:
                yield point


def _context_ok(analysis: Analysis, pair: Pair, word: Word) -> bool:
    if pair.context == "verb":
        return _verb_use(analysis, word.first)
    if pair.context == "conjunction":
        before = analysis.token(word.first.index - 1)
        after = analysis.token(word.first.index + 1)
        noun_use = before is not None and before.lower in _WHILE_NOUN_BEFORE
        return not noun_use and not (after is not None and after.lower == "away")
    return True


def _verb_use(analysis: Analysis, tok: Tok) -> bool:
    """A past tense or participle ("had learnt", "we learned that"), not the adjective."""
    index = tok.index - 1
    before = analysis.token(index)
    while before is not None and before.lower in PRE_VERB_ADVERBS and index > tok.index - 3:
        index -= 1
        before = analysis.token(index)
    after = analysis.token(tok.index + 1)
    after_lower = after.lower if after is not None and after.is_word else ""
    if before is not None and before.is_word:
        if before.lower in DETERMINERS or before.lower in DEGREE_WORDS:
            return False
        if before.lower in _HAVE or before.lower.endswith(("'ve", "'d")):
            return True
        if before.lower in SUBJECT_PRONOUNS or before.lower in ("who", "which"):
            return True
        if before.lower in _BE:
            return after_lower in _PASSIVE_FOLLOWERS or after_lower == ""
    return after_lower in _VERB_FOLLOWERS


@cache
def _pairs() -> dict[str, Pair]:
    data = lexicon("spelling")
    pairs: dict[str, Pair] = {}
    for entry in data["pair"]:
        only_from = entry.get("from")
        pairs[entry["name"]] = Pair(
            name=entry["name"],
            rows=tuple(tuple(row) for row in entry["forms"]),
            varieties=frozenset(entry["varieties"]),
            only_from=None if only_from is None else int(only_from),
            context=entry.get("context", ""),
        )
    pairs["oxford"] = Pair("oxford", _oxford_rows(data["oxford"]), frozenset({"en-GB"}), None, "")
    return pairs


def _oxford_rows(data: dict[str, Sequence[str]]) -> tuple[tuple[str, ...], ...]:
    """Every -ise form with its -ize twin; row 0 is the labels ("-ise", "-ize")."""
    rows: list[tuple[str, ...]] = [("-ise", "-ize")]
    for stem in data["stems"]:
        zed = stem[:-2] + "iz"
        for prefix in data["prefixes"]:
            for suffix in data["suffixes"]:
                rows.append((prefix + stem + suffix, prefix + zed + suffix))
    return tuple(rows)


@cache
def _forms(variety: str) -> dict[str, tuple[Pair, int, int]]:
    """Lower-case form -> (pair, row, option) for the pairs standard in ``variety``."""
    table: dict[str, tuple[Pair, int, int]] = {}
    for pair in _pairs().values():
        if variety not in pair.varieties:
            continue
        first = 1 if pair.name == "oxford" else 0
        for row in range(first, len(pair.rows)):
            for option, form in enumerate(pair.rows[row]):
                table[form.lower()] = (pair, row, option)
    return table


FINDER = _Spelling()
