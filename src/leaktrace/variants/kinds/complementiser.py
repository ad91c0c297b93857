"""Optional complementiser *that* after reporting verbs: "said that he" / "said he".

English lets a writer drop *that* before a content clause after verbs of saying, thinking and
knowing, with no change of meaning or register. We offer it only where the clause that follows
is unmistakable: *that* (or its absence) is followed by a subject pronoun and then a finite verb,
or by a short determiner-led noun phrase and then an auxiliary. "Nobody thought that odd"
(demonstrative *that*) and "the parts that do not" (relative *that*) are never touched.
Verb forms that are also nouns ("note", "finds", "hope", "means") count only between a pronoun
subject and a pronoun clause ("we note they have"), where no noun reading is possible. An
author's *that* is dropped before a noun-phrase subject only after verbs that leave no object
slot ("said the customer will", "told us the inquiry is"): "assume any commitment may" and
"noted Harrowgate Homes had" would garden-path.

Example:
    >>> from leaktrace.variants.analysis import analyse
    >>> [p.labels for p in FINDER.find(analyse("She said he would come."))]
    [('said he', 'said that he')]
"""

from __future__ import annotations

from collections.abc import Iterable

from leaktrace.model import VariationPoint
from leaktrace.variants.analysis import Analysis, Tok, lemma, parts_of_speech
from leaktrace.variants.base import local_point, match_case
from leaktrace.variants.kinds._grammar import words

BRIDGE_VERBS = words(
    "say tell think believe know suggest argue claim agree find note report recognise recognize "
    "accept insist expect hope feel understand assume conclude decide announce confirm warn "
    "explain show realise realize admit acknowledge estimate fear predict reckon suspect "
    "mention indicate reveal recall remember promise stress emphasise emphasize assure "
    "judge calculate concede observe reply learn hear discover ensure mean"
)
WHETHER_VERBS = words("ask wonder know see check decide establish determine doubt")
TELLING = ("tell", "told", "assur", "warn", "remind", "inform", "notif", "promis", "show", "teach")
MONTHS_AND_DAYS = words(
    "january february march april may june july august september october november december "
    "monday tuesday wednesday thursday friday saturday sunday"
)
WH_WORDS = words("as than so which who whom what where how when")
OBJECT_PRONOUNS = words("me us you him her them")
SUBJECT_PRONOUNS = words("i we you he she it they")
DETERMINERS = words(
    "the a an our their his her its my your this these those no any some every each"
)
AUXILIARIES = words(
    "is are was were has have had will would can could should may might must shall does do did "
    "isn't aren't wasn't weren't hasn't haven't hadn't won't wouldn't can't couldn't shouldn't "
    "doesn't don't didn't"
)


_COORDINATORS = frozenset(("and", "or", "but", "nor"))


class _Complementiser:
    kind = "complementiser"
    priority = 40

    def find(self, analysis: Analysis) -> Iterable[VariationPoint]:
        tokens = analysis.tokens
        for i, tok in enumerate(tokens):
            if tok.kind != "word":
                continue
            if lemma(tok.lower, "VERB") in WHETHER_VERBS:
                point = _whether(analysis, i)
                if point is not None:
                    yield point
            strict = _is_noun_like_verb(analysis, tok)
            if not strict and not _is_bridge_verb(tok):
                continue
            j = i + 1
            nxt = analysis.token(j)
            telling = tok.lower.startswith(TELLING)
            if nxt is not None and nxt.lower in OBJECT_PRONOUNS and telling:
                j += 1
                telling = False
            that = analysis.token(j)
            if that is None or that.protected or that.lower in _COORDINATORS:
                continue  # "expects or is expected to": the verb's clause comes later
            if analysis.between(tokens[j - 1], that) != " ":
                continue
            if that.lower == "that":
                if (
                    _clause_follows(analysis, j + 1)
                    and (
                        _pronoun_clause(analysis, j + 1)
                        or (not strict and _no_object_reading(tok, j > i + 1))
                    )
                    and analysis.between(that, tokens[j + 1]) == " "
                ):
                    context_end = tokens[j + 1]
                    yield local_point(
                        self.kind,
                        (
                            _label(analysis, tok, that, context_end, True),
                            _label(analysis, tok, that, context_end, False),
                        ),
                        that.start,
                        tokens[j + 1].start,
                        ("that ", ""),
                        note="optional 'that' before a content clause",
                    )
            elif not _after_wh_word(analysis, i) and (
                _pronoun_clause(analysis, j)
                if strict
                else (
                    (that.lower in SUBJECT_PRONOUNS and _finite_after(analysis, j + 1))
                    or (not telling and _noun_subject_follows(analysis, j))
                )
            ):
                yield local_point(
                    self.kind,
                    (
                        f"{_prefix(analysis, tok, that)} {that.text}",
                        f"{_prefix(analysis, tok, that)} that {that.text}",
                    ),
                    that.start,
                    that.start,
                    ("", "that "),
                    note="optional 'that' before a content clause",
                )


def _no_object_reading(verb: Tok, has_object: bool) -> bool:
    """Whether a noun phrase after the verb cannot be misread as its object once *that* goes.

    "assume that any commitment may" without *that* reads "assume any commitment" first, and
    "noted that Harrowgate Homes had" reads "noted Harrowgate Homes": a garden path a careful
    writer avoids. Verbs of saying ("said the Committee had"), and verbs of telling whose object
    is already there ("told us the inquiry is"), leave no object slot for the noun phrase.
    """
    return verb.lower in _SAYING or (has_object and verb.lower.startswith(TELLING))


_SAYING = words("say says said saying")


def _whether(analysis: Analysis, verb: int) -> VariationPoint | None:
    """ "asked whether the Minister met" / "asked if the Minister met" (never before "or")."""
    j = verb + 1
    nxt = analysis.token(j)
    if nxt is not None and nxt.lower in OBJECT_PRONOUNS:
        j += 1
    word, subject = analysis.token(j), analysis.token(j + 1)
    if word is None or subject is None or word.lower != "whether" or word.protected:
        return None
    if analysis.between(analysis.tokens[j - 1], word) != " " or subject.protected:
        return None
    if not (_clause_follows(analysis, j + 1) or _noun_subject_follows(analysis, j + 1)):
        return None
    rest = [t.lower for t in analysis.tokens[j + 1 :] if t.sentence == word.sentence]
    if "or" in rest or "whether" in rest:
        return None
    head = _prefix(analysis, analysis.tokens[verb], word)
    return local_point(
        "complementiser",
        (f"{head} whether", f"{head} if"),
        word.start,
        word.end,
        (word.text, match_case(word.text, "if")),
        note="'whether' or 'if' before an indirect question",
    )


def _after_wh_word(analysis: Analysis, verb: int) -> bool:
    """ "as he said he would", "which we believe the Board will": inserting *that* would jar."""
    return any(
        t is not None and t.lower in WH_WORDS
        for t in (analysis.token(k) for k in range(verb - 3, verb))
    )


def _noun_subject_follows(analysis: Analysis, index: int) -> bool:
    """A short noun-phrase subject then a verb: "the customer will", "Harrowgate Homes had".

    Used only where the author wrote no *that*, so a bare noun phrase is acceptable here
    ("said recruitment agents had" / "said that recruitment agents had").
    """
    first = analysis.token(index)
    if first is None or first.protected or not first.is_word:
        return False
    if first.lower in DETERMINERS and first.lower not in {"this", "these", "those", "no", "any"}:
        return _verb_within(analysis, index + 1, "det")
    if _name_start(first):
        return _verb_within(analysis, index, "name")
    if first.capitalised or "NOUN" not in parts_of_speech(first.lower):
        return False
    return _verb_within(analysis, index, "bare")


def _name_start(tok: Tok) -> bool:
    """A capitalised word the lexicon does not know, or an acronym: "Harrowgate", "ICO"."""
    if not tok.capitalised or tok.sentence_start or tok.lower in MONTHS_AND_DAYS:
        return False
    return not parts_of_speech(tok.lower) or (tok.text.isupper() and len(tok.text) > 1)


def _verb_within(analysis: Analysis, index: int, mode: str) -> bool:
    """After one or two noun-phrase words from ``index``, an auxiliary or a finite verb."""
    for k in range(index, index + 3):
        tok = analysis.token(k)
        if tok is None or tok.protected or not tok.is_word:
            return False
        if k > index and tok.lower in AUXILIARIES:
            return True
        if k > index and _finite_after(analysis, k) and "NOUN" not in parts_of_speech(tok.lower):
            return True
        if tok.lower in AUXILIARIES or tok.lower in SUBJECT_PRONOUNS | DETERMINERS:
            return False
        if (mode == "name" and not tok.capitalised) or (mode == "bare" and tok.capitalised):
            return False
    return False


# Forms that are nouns as well as verbs ("our findings", "the notes", "a fear", "the means"):
# as verbs they pass only with a pronoun subject just before ("we note", "it means", "I fear")
# and a pronoun clause just after ("we note they have"), where no noun reading is possible and
# no object can be misread ("we found the report was wrong" would garden-path).
_NOUN_LIKE = words(
    "find finds note notes hope hopes fear fears estimate estimates show shows mean means "
    "report reports judge"
)
_VERB_SUBJECTS = words("i we you they he she it this that")
_MODALS = words("will would can could should may might must shall do does did")
_LIGHT_ADVERBS = words("also now still therefore further really certainly")
NOMINATIVE = words("i we he she they")


def _is_noun_like_verb(analysis: Analysis, tok: Tok) -> bool:
    """ "we note", "it means", "I would hope": a noun-like form with a verb's subject before it."""
    if tok.lower not in _NOUN_LIKE:
        return False
    k = tok.index - 1
    before = analysis.token(k)
    if before is not None and before.lower in _LIGHT_ADVERBS:
        k -= 1
        before = analysis.token(k)
    if before is not None and before.lower in _MODALS:
        k -= 1
        before = analysis.token(k)
    if before is None or before.sentence != tok.sentence or before.lower not in _VERB_SUBJECTS:
        return False
    if before.lower in ("this", "that") and tok.lower not in ("means", "shows"):
        return False  # "this means", "that shows"; but "those that fear" is a relative
    ahead = analysis.token(k - 1)
    if ahead is None or ahead.sentence != tok.sentence or ahead.kind == "punct":
        return True
    if ahead.lower == "of":  # "none of this means", but never "by this means"
        quantifier = analysis.token(k - 2)
        return quantifier is not None and quantifier.lower in _QUANTIFIERS
    return ahead.lower not in DETERMINERS and ahead.lower not in _PREPOSITIONS


_PREPOSITIONS = words("of in on at by for with from to about")
_QUANTIFIERS = words("none all some any much most part each either neither one")


def _pronoun_clause(analysis: Analysis, index: int) -> bool:
    """ "they have", "we will", "it is": a nominative pronoun (or *it*) and a finite verb."""
    tok = analysis.token(index)
    if tok is None or tok.protected:
        return False
    if tok.lower in NOMINATIVE:
        return _finite_after(analysis, index + 1)
    nxt = analysis.token(index + 1)
    return tok.lower == "it" and nxt is not None and nxt.lower in AUXILIARIES


def _is_bridge_verb(tok: Tok) -> bool:
    if tok.lower in {"says", "said", "saying", "say"}:
        return True
    if tok.lower in _NOUN_LIKE:
        return False  # only with a pronoun subject: see _is_noun_like_verb
    base = lemma(tok.lower, "VERB")
    return (
        base in BRIDGE_VERBS
        and not tok.sentence_start
        and tok.lower
        not in {
            "finding",
            "feeling",
            "report",
            "reports",
            "estimate",
            "estimates",
            "fear",
            "fears",
            "promise",
            "promises",
            "hope",
            "hopes",
            "show",
            "shows",
            "judge",
            "note",
            "notes",
            "find",
            "finds",
        }
        | ({tok.lower} if tok.lower.endswith("ing") else set())
    )


def _clause_follows(analysis: Analysis, index: int) -> bool:
    """A subject then a finite verb starts at ``index``."""
    first = analysis.token(index)
    if first is None or first.protected:
        return False
    if first.lower in SUBJECT_PRONOUNS:
        return _finite_after(analysis, index + 1)
    if _name_start(first):
        return _verb_within(analysis, index, "name")
    if first.lower in DETERMINERS and first.lower not in {"this", "these", "those"}:
        for k in range(index + 1, index + 4):
            tok = analysis.token(k)
            if tok is None or not tok.is_word:
                return False
            if tok.lower in AUXILIARIES:
                return k > index + 1
    return False


def _finite_after(analysis: Analysis, index: int) -> bool:
    tok = analysis.token(index)
    if tok is None or not tok.is_word:
        return False
    if tok.lower in AUXILIARIES:
        return True
    if tok.lower in {"also", "never", "always", "now", "still", "only", "just", "often"}:
        return _finite_after(analysis, index + 1)
    verb = lemma(tok.lower, "VERB")
    return verb is not None and tok.lower.endswith(("ed", "s")) and verb != tok.lower


def _prefix(analysis: Analysis, verb: Tok, upto: Tok) -> str:
    return analysis.text[verb.start : upto.start].strip()


def _label(analysis: Analysis, verb: Tok, that: Tok, after: Tok, keep: bool) -> str:
    head = _prefix(analysis, verb, that)
    return f"{head} that {after.text}" if keep else f"{head} {after.text}"


FINDER = _Complementiser()
