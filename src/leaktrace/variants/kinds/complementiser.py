"""Optional complementiser *that* after reporting verbs: "said that he" / "said he".

English lets a writer drop *that* before a content clause after verbs of saying, thinking and
knowing, with no change of meaning or register. We offer it only where the clause that follows
is unmistakable: *that* (or its absence) is followed by a subject pronoun and then a finite verb,
or by a short determiner-led noun phrase and then an auxiliary. "Nobody thought that odd"
(demonstrative *that*) and "the parts that do not" (relative *that*) are never touched.

Example:
    >>> from leaktrace.variants.analysis import analyse
    >>> [p.labels for p in FINDER.find(analyse("She said he would come."))]
    [('said he', 'said that he')]
"""

from __future__ import annotations

from collections.abc import Iterable

from leaktrace.model import VariationPoint
from leaktrace.variants.analysis import Analysis, Tok, lemma
from leaktrace.variants.base import local_point

BRIDGE_VERBS = frozenset(
    "say tell think believe know suggest argue claim agree find note report recognise recognize "
    "accept insist expect hope feel understand assume conclude decide announce confirm warn "
    "explain show realise realize admit acknowledge estimate fear predict reckon suspect "
    "mention indicate reveal recall remember promise stress emphasise emphasize assure "
    "judge calculate concede observe reply learn hear discover ensure".split()
)
OBJECT_PRONOUNS = frozenset("me us you him her them".split())
SUBJECT_PRONOUNS = frozenset("i we you he she it they".split())
DETERMINERS = frozenset("the a an our their his her its my your this these those no any some every each".split())
AUXILIARIES = frozenset(
    "is are was were has have had will would can could should may might must shall does do did "
    "isn't aren't wasn't weren't hasn't haven't hadn't won't wouldn't can't couldn't shouldn't "
    "doesn't don't didn't".split()
)


class _Complementiser:
    kind = "complementiser"
    priority = 40

    def find(self, analysis: Analysis) -> Iterable[VariationPoint]:
        tokens = analysis.tokens
        for i, tok in enumerate(tokens):
            if tok.kind != "word" or not _is_bridge_verb(tok):
                continue
            j = i + 1
            nxt = analysis.token(j)
            if nxt is not None and nxt.lower in OBJECT_PRONOUNS and tok.lower.startswith(("tell", "told", "assur", "warn", "remind")):
                j += 1
            that = analysis.token(j)
            if that is None or that.protected:
                continue
            if not analysis.between(tokens[j - 1], that) == " ":
                continue
            if that.lower == "that":
                if _clause_follows(analysis, j + 1) and analysis.between(that, tokens[j + 1]) == " ":
                    context_end = tokens[j + 1]
                    yield local_point(
                        self.kind,
                        (_label(analysis, tok, that, context_end, True),
                         _label(analysis, tok, that, context_end, False)),
                        that.start,
                        tokens[j + 1].start,
                        ("that ", ""),
                        note="optional 'that' before a content clause",
                    )
            elif that.lower in SUBJECT_PRONOUNS and _finite_after(analysis, j + 1):
                yield local_point(
                    self.kind,
                    (f"{_prefix(analysis, tok, that)} {that.text}",
                     f"{_prefix(analysis, tok, that)} that {that.text}"),
                    that.start,
                    that.start,
                    ("", "that "),
                    note="optional 'that' before a content clause",
                )


def _is_bridge_verb(tok: Tok) -> bool:
    if tok.lower in {"says", "said", "saying", "say"}:
        return True
    base = lemma(tok.lower, "VERB")
    return base in BRIDGE_VERBS and not tok.sentence_start and tok.lower not in {"finding", "feeling", "report", "reports", "estimate", "estimates", "fear", "fears", "promise", "promises", "hope", "hopes", "show", "shows", "judge", "note", "notes", "find", "finds"} | ({tok.lower} if tok.lower.endswith("ing") else set())


def _clause_follows(analysis: Analysis, index: int) -> bool:
    """A subject then a finite verb starts at ``index``."""
    first = analysis.token(index)
    if first is None or first.protected:
        return False
    if first.lower in SUBJECT_PRONOUNS:
        return _finite_after(analysis, index + 1)
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
