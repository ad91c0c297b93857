"""Near-synonyms of one word: "began"/"started", "often"/"frequently", "nobody"/"no one".

Choosing among equivalent words is the densest source of variation in ordinary prose, and a
retyped extract keeps it. The words come from a curated lexicon (``lexicons/synonyms.toml``) of
sets that are interchangeable in formal English *within the contexts each set declares*: a set
lists its part of speech, the neighbours it needs ("try" only before "to") and the fixed
expressions that freeze it ("more often than not"). The finder then stays conservative:

* a verb is offered only where the context shows a verb (after a modal, auxiliary, subject
  pronoun or "to", after a noun subject such as "the Trust" or "Frozen" in the finite form the
  author wrote, or in a form that cannot be anything else), and is re-inflected with
  lemminflect to the tag the context allows ("had begun" -> "had started");
* a capitalised word in mid-sentence (likely a name) and a word glued into a compound
  ("start-up") are left alone;
* "a"/"an" in front of the word travels with it when the options need different articles.

Example:
    >>> from leaktrace.variants.analysis import analyse
    >>> [p.occurrences[0].renderings for p in FINDER.find(analyse("We tried to agree."))]
    [('tried', 'attempted', 'sought')]
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import lemminflect

from leaktrace.model import VariationPoint
from leaktrace.variants.analysis import Analysis, Tok, parts_of_speech
from leaktrace.variants.base import local_point, match_case
from leaktrace.variants.kinds._context import (
    ARTICLES,
    BE,
    DO,
    HAVE,
    MODALS,
    PREPOSITIONS,
    article_for,
    in_compound,
    load_lexicon_entries,
    matches,
    noun_subject,
    previous_word,
    split_words,
    starts_sentence,
    words,
)

_TAGS = {
    "VERB": ("VB", "VBP", "VBZ", "VBD", "VBN", "VBG"),
    "NOUN": ("NN", "NNS"),
    "ADJ": ("JJ", "JJR", "JJS"),
}
_VBG_PREVIOUS = BE | words("by without of for after before in on about from")
_FINITE_PREVIOUS = words("i we you he she it they who which")
_ADJ_PREVIOUS = words("very so too more most less least quite fairly highly rather")


@dataclass(frozen=True)
class SynonymSet:
    """One lexicon set: members (lemmas) and the contexts where they are interchangeable."""

    pos: str
    words: tuple[str, ...]
    next: tuple[str, ...] = ()
    then: tuple[str, ...] = ()
    not_next: tuple[str, ...] = ()
    prev: tuple[str, ...] = ()
    not_prev: tuple[str, ...] = ()
    exclude: tuple[tuple[str, ...], ...] = ()
    forms: tuple[str, ...] = ()
    not_start: bool = False
    not_in_np: tuple[str, ...] = ()
    degrees: bool = False

    def inflections(self, word: str) -> dict[str, str]:
        """Penn tag -> surface form of ``word`` for every form this set may offer."""
        return _inflections(self, word)


@lru_cache(maxsize=4096)
def _inflections(synset: SynonymSet, word: str) -> dict[str, str]:
    """Inflection tables, computed once per member (the lexicon is fixed at import)."""
    if " " in word or synset.pos not in ("VERB", "NOUN", "ADJ"):
        return {"": word}
    if synset.pos == "ADJ" and not synset.degrees:
        return {"JJ": word}
    table: dict[str, str] = {}
    for tag in _TAGS[synset.pos]:
        found = lemminflect.getInflection(word, tag=tag)
        if found:
            table[tag] = found[0]
    if synset.forms:
        table = {tag: form for tag, form in table.items() if tag in synset.forms}
    return table


@dataclass(frozen=True)
class _Entry:
    """A surface form found in text: which set, which member, and the tags it may carry."""

    synset: SynonymSet
    member: int
    words: tuple[str, ...]
    tags: tuple[str, ...]


def _parse(raw: dict[str, Any]) -> SynonymSet:
    def strings(key: str) -> tuple[str, ...]:
        return tuple(str(v) for v in raw.get(key, ()))

    return SynonymSet(
        pos=str(raw["pos"]),
        words=strings("words"),
        next=strings("next"),
        then=strings("then"),
        not_next=strings("not_next"),
        prev=strings("prev"),
        not_prev=strings("not_prev"),
        exclude=tuple(split_words(p) for p in strings("exclude")),
        forms=strings("forms"),
        not_start=bool(raw.get("not_start", False)),
        not_in_np=strings("not_in_np"),
        degrees=bool(raw.get("degrees", False)),
    )


def synonym_sets() -> tuple[SynonymSet, ...]:
    """Every set of ``lexicons/synonyms.toml``, in file order."""
    return tuple(_parse(raw) for raw in load_lexicon_entries("synonyms", "set"))


def _index(sets: Iterable[SynonymSet]) -> dict[str, list[_Entry]]:
    """First word of every surface form -> the entries it may start (built once, at import)."""
    index: dict[str, list[_Entry]] = {}
    for synset in sets:
        for member, word in enumerate(synset.words):
            by_form: dict[str, list[str]] = {}
            for tag, form in synset.inflections(word).items():
                by_form.setdefault(form, []).append(tag)
            for form, tags in by_form.items():
                words = tuple(form.split())
                index.setdefault(words[0], []).append(_Entry(synset, member, words, tuple(tags)))
    return index


_INDEX = _index(synonym_sets())
parts_of_speech("start")  # load lemminflect's lemma tables now, not inside the first find()


class _Synonym:
    kind = "synonym"
    priority = 60

    def find(self, analysis: Analysis) -> Iterable[VariationPoint]:
        for i, tok in enumerate(analysis.tokens):
            if tok.kind != "word" or tok.protected or tok.lower not in _INDEX:
                continue
            if _frozen_case(analysis, tok) or in_compound(analysis, tok):
                continue
            for entry in _INDEX[tok.lower]:
                point = _propose(analysis, i, entry)
                if point is not None:
                    yield point
                    break


def _frozen_case(analysis: Analysis, tok: Tok) -> bool:
    """A capital in mid-sentence marks a name; all capitals mark a heading or acronym."""
    if tok.text.isupper() and len(tok.text) > 1:
        return True
    return tok.capitalised and not starts_sentence(analysis, tok)


def _propose(analysis: Analysis, i: int, entry: _Entry) -> VariationPoint | None:
    synset = entry.synset
    last = i + len(entry.words) - 1
    tokens = analysis.tokens
    if last >= len(tokens):
        return None
    for k, word in enumerate(entry.words[1:], start=1):
        if tokens[i + k].lower != word or analysis.between(tokens[i + k - 1], tokens[i + k]) != " ":
            return None
    if synset.not_start and starts_sentence(analysis, tokens[i]):
        return None
    if not _context_allows(analysis, i, last, synset):
        return None
    tags = _tags_in_context(analysis, i, entry)
    if not tags or _excluded(analysis, i, entry):
        return None
    options = _options(synset, entry, tags)
    if options is None:
        return None
    labels, renderings, original = options
    return _point(analysis, i, last, labels, renderings, original, synset)


def _context_allows(analysis: Analysis, i: int, last: int, synset: SynonymSet) -> bool:
    heads = synset.not_in_np
    if synset.next and not matches(analysis, last + 1, synset.next, heads):
        return False
    if synset.then and not matches(analysis, last + 2, synset.then):
        return False
    if synset.not_next and matches(analysis, last + 1, synset.not_next):
        return False
    if synset.prev and not matches(analysis, i - 1, synset.prev):
        return False
    if synset.not_prev and matches(analysis, i - 1, synset.not_prev):
        return False
    if synset.prev or synset.pos not in ("NOUN", "ADJ"):
        return True
    if synset.pos == "NOUN":
        return matches(analysis, i - 1, ("@det",))
    tok = analysis.tokens[i]
    if parts_of_speech(tok.lower) <= {"ADJ"}:
        return True
    before = analysis.token(i - 1)
    return before is not None and (
        before.lower in BE or before.lower in _ADJ_PREVIOUS or matches(analysis, i - 1, ("@det",))
    )


def _tags_in_context(analysis: Analysis, i: int, entry: _Entry) -> tuple[str, ...]:
    """The tags the surface may carry here; for verbs, only those the context shows."""
    if entry.synset.pos != "VERB":
        return entry.tags
    tok = analysis.tokens[i]
    prev = previous_word(analysis, i)
    word = prev.lower if prev is not None and prev.sentence == tok.sentence else ""
    if word in MODALS or word in DO or word == "to":
        allowed: set[str] = {"VB"}
    elif word in HAVE:
        allowed = {"VBN"}
    elif word in BE:
        allowed = {"VBN", "VBG"}
    elif word in _FINITE_PREVIOUS:
        allowed = {"VBD", "VBP", "VBZ"} if word not in ("he", "she", "it") else {"VBD", "VBZ"}
    elif word in _VBG_PREVIOUS:
        allowed = {"VBG"}
    elif (subject := noun_subject(analysis, i)) and "VBZ" in entry.tags:
        allowed = {"VBZ"}
    elif subject in ("name", "plural") and "VBP" in entry.tags and tok.lower == entry.words[0]:
        allowed = {"VBP"}
    elif (
        word
        and word not in PREPOSITIONS
        and not matches(analysis, i - 1, ("@det",))
        and _past_form(tok.lower, entry)
    ):
        allowed = {"VBD", "VBN"}
    else:
        return ()
    if _excluded_form_possible(tok.lower, entry, allowed):
        return ()
    return tuple(tag for tag in entry.tags if tag in allowed)


def _excluded_form_possible(word: str, entry: _Entry, allowed: set[str]) -> bool:
    """The context allows a tag the set never offers, and the word has that form too.

    "intend"/"plan"/"aim" are offered only as finite verbs; "measures intended to reduce" may
    be the participle, which "aimed" cannot replace, so the point is skipped.
    """
    synset = entry.synset
    if not synset.forms:
        return False
    lemma_word = synset.words[entry.member]
    return any(
        word in lemminflect.getInflection(lemma_word, tag=tag)
        for tag in allowed - set(synset.forms)
    )


def _past_form(word: str, entry: _Entry) -> bool:
    """An inflected past form ("rose", "started"), not the base form that nouns share."""
    return bool({"VBD", "VBN"} & set(entry.tags)) and word != entry.synset.words[entry.member]


def _excluded(analysis: Analysis, i: int, entry: _Entry) -> bool:
    """The word sits inside one of the set's fixed expressions (any inflection of the member)."""
    own = {entry.words[0], entry.synset.words[entry.member]}
    for phrase in entry.synset.exclude:
        for p, word in enumerate(phrase):
            if word not in own:
                continue
            start = i - p
            if start < 0 or start + len(phrase) > len(analysis.tokens):
                continue
            if all(k == p or analysis.tokens[start + k].lower == w for k, w in enumerate(phrase)):
                return True
    return False


def _options(
    synset: SynonymSet, entry: _Entry, tags: tuple[str, ...]
) -> tuple[list[str], list[str], int] | None:
    """Labels and forms of every member that inflects unambiguously for the allowed tags."""
    labels: list[str] = []
    forms: list[str] = []
    original = -1
    for member, word in enumerate(synset.words):
        if member == entry.member:
            original = len(labels)
            labels.append(word)
            forms.append(" ".join(entry.words))
            continue
        table = synset.inflections(word)
        candidates = {table[t] for t in tags if t in table} if tags != ("",) else {word}
        if len(candidates) != 1 or any(t not in table for t in tags if t):
            continue
        form = candidates.pop()
        if form not in forms:
            labels.append(word)
            forms.append(form)
    return (labels, forms, original) if len(labels) >= 2 else None


def _point(
    analysis: Analysis,
    i: int,
    last: int,
    labels: list[str],
    forms: list[str],
    original: int,
    synset: SynonymSet,
) -> VariationPoint:
    tokens = analysis.tokens
    first = tokens[i]
    start, end = first.start, tokens[last].end
    renderings = [match_case(first.text, form) for form in forms]
    renderings[original] = analysis.text[start:end]
    article = analysis.token(i - 1)
    if (
        article is not None
        and article.lower in ARTICLES
        and not article.protected
        and analysis.between(article, first).isspace()
        and any(article_for(form) != article.lower for form in forms)
    ):
        # The gap is kept as written: in hard-wrapped text the article may end a line.
        gap = analysis.between(article, first)
        start = article.start
        renderings = [
            f"{match_case(article.text, article_for(f))}{gap}{r}"
            for f, r in zip(forms, renderings, strict=True)
        ]
        renderings[original] = analysis.text[start:end]
    return local_point(
        "synonym",
        labels,
        start,
        end,
        renderings,
        original=original,
        note=f"{synset.pos.lower()} synonyms: {'/'.join(synset.words)}",
    )


def iter_surfaces() -> Iterator[str]:
    """Every word form the finder looks for (for tests and lexicon review)."""
    return iter(sorted(_INDEX))


FINDER = _Synonym()
