"""Genitive alternation in a safe frame: "the Board's approval" / "the approval of the Board".

English marks a possessor either with *'s* before the head noun or with *of* after it, and for
a definite possessor (an institution, an office, a party) both read the same in formal prose:
"with the Bank's consent" / "with the consent of the Bank", "brought to the Committee's
attention" / "brought to the attention of the Committee". The alternation is not free in
general, so we offer it only where it cannot change meaning or attachment:

* the head noun is one of a closed set whose *of*-phrase can only name the possessor or agent
  (approval, consent, decision, view, members, obligations, discretion...). Nouns of doing to
  something ("review", "assessment", "appointment", "acquisition", "control", "support") are
  left out: "the review of the Board" may be a review *of* the Board;
* one plain adjective may stand before the head and moves with it ("the Board's final
  decision" / "the final decision of the Board"), never *own* ("the Group's own policy");
* the possessor is "the" plus one or two words ending in a noun ("the Board", "the Pensions
  Regulator", "the directors"), never a time ("the year's results"), never "the public";
* nothing attaches after the head but punctuation, an auxiliary or one of a few prepositions
  (*to*, *on*, *under*; never *in* or *for*, which could attach to the moved possessor: "the
  customers of the Company in Europe"): "the Board's approval of the plan" would stack two
  *of*-phrases, and "the Company's shares and assets" (or "shares, assets and staff") would
  change what *and* joins, and "the Court's decision, which was unanimous" would offer the
  relative a new antecedent; an *'s* after *and*, *or* or *of* is left alone, since it may belong
  to a longer possessor ("the Bank and the Board's approval", "the Chair of the Board's view");
* in the *of* to *'s* direction the head is lower-case ("the Secretary of the Treasury" is a
  title) and the possessor must end the phrase the same way, so "the members
  of the Court of Appeal" or "the approval of the Board and the Bank" are left alone.

"on the Board's behalf" / "on behalf of the Board" is the same alternation in a fixed frame.
A plural possessor ending in *s* takes a bare apostrophe ("the directors' approval").

Example:
    >>> from leaktrace.variants.analysis import analyse
    >>> a = analyse("We need the Board's approval.")
    >>> [p.occurrences[0].renderings for p in FINDER.find(a)]
    [("the Board's approval", 'the approval of the Board')]
"""

from __future__ import annotations

from collections.abc import Iterable

from leaktrace.model import VariationPoint
from leaktrace.variants.analysis import Analysis, Tok, parts_of_speech
from leaktrace.variants.base import swap_point
from leaktrace.variants.kinds._grammar import (
    AUXILIARIES,
    is_closed_class,
    is_plural_noun,
    spaced,
    words,
)

# Heads whose of-phrase names only the possessor or agent (checked against usage: "with the
# consent of", "at the discretion of", "the members of", "the obligations of").
HEADS = words(
    "approval consent permission authorisation authorization authority discretion attention "
    "decision decisions view views position intention intentions wishes request instructions "
    "recommendation recommendations findings conclusions policy role responsibilities "
    "obligations liabilities rights powers interests members staff employees officers "
    "directors shareholders creditors chair chairman secretary satisfaction concerns "
    "website premises headquarters offices accounts assets shares budget strategy plans "
    "priorities objectives approach response reputation performance future operations "
    "activities business customers auditors"
)
# Possessors that would turn the phrase into an idiom or a time reference.
_BAD_POSSESSORS = words(
    "public press world day days week weeks month months year years quarter today tomorrow "
    "yesterday night morning evening decade century moment hour"
)
# What may follow the head so that nothing new attaches to the moved possessor.
_AFTER_PREPOSITIONS = words("to on under")
_AFTER_PUNCT = frozenset(",.;:)")

_KIND = "genitive"
_NOTE = "possessive 's or an of-phrase"


class _Genitive:
    kind = _KIND
    priority = 75

    def find(self, analysis: Analysis) -> Iterable[VariationPoint]:
        tokens = analysis.tokens
        for i, tok in enumerate(tokens):
            if tok.protected:
                continue
            point = None
            prev = analysis.token(i - 1)
            if tok.lower == "the" and not (prev is not None and prev.lower in _CONJUNCTIONS):
                point = _from_of_genitive(analysis, i)
                if point is None and not _coordinated(analysis, i):
                    point = _from_s_genitive(analysis, i)
            elif tok.lower == "on":
                point = _behalf(analysis, i)
            if point is not None:
                yield point


def _from_s_genitive(analysis: Analysis, the: int) -> VariationPoint | None:
    """ "the [Mod] X's HEAD" -> "the HEAD of the [Mod] X" (and "on the X's behalf")."""
    for size in (1, 2):
        owner = _possessor(analysis, the, size)
        if owner is None:
            continue
        name, mark = owner
        head = analysis.token(mark + 1)
        if head is None or head.protected or not spaced(analysis, analysis.tokens[mark], head):
            return None
        first = analysis.tokens[the]
        if head.lower == "behalf":
            on = analysis.token(the - 1)
            if on is None or on.lower != "on" or on.protected or not spaced(analysis, on, first):
                return None
            original = analysis.text[on.start : head.end]
            other = f"{on.text} behalf of {first.text.lower()} {name}"
            return swap_point(_KIND, on, head, original, other, _NOTE)
        phrase = head
        if _adjective(head):
            phrase = analysis.token(head.index + 1) or head
            if phrase is head or phrase.protected or not spaced(analysis, head, phrase):
                return None
        if phrase.lower not in HEADS or not _closed_after(analysis, phrase.index + 1):
            return None
        original = analysis.text[first.start : phrase.end]
        other = f"{first.text} {analysis.text[head.start : phrase.end]} of the {name}"
        return swap_point(_KIND, first, phrase, original, other, _NOTE)
    return None


def _adjective(tok: Tok) -> bool:
    """One plain adjective before the head ("the Board's final decision"), never "own"."""
    if tok.kind != "word" or tok.capitalised or tok.lower in HEADS or tok.lower in _NOT_MOVABLE:
        return False
    return "ADJ" in parts_of_speech(tok.lower) and not is_closed_class(tok.text)


# "the Group's own policy" has no of-form; quantifiers read differently after "the".
_NOT_MOVABLE = words("own other same such various several many few much more most")


def _possessor(analysis: Analysis, the: int, size: int) -> tuple[str, int] | None:
    """The possessor's words after "the" without the *'s*, and the index of its last token."""
    words_ = [analysis.token(the + k) for k in range(1, size + 1)]
    if any(w is None or w.protected or w.kind != "word" for w in words_):
        return None
    toks = [w for w in words_ if w is not None]
    last = toks[-1]
    previous = analysis.tokens[the]
    for tok in toks:
        if not spaced(analysis, previous, tok):
            return None
        previous = tok
    if last.lower.endswith("'s") and len(last.lower) > 2:
        noun = last.text[:-2]
        mark = last.index
    else:
        apostrophe = analysis.token(last.index + 1)
        if (
            apostrophe is None
            or apostrophe.text not in ("'", "’")
            or apostrophe.start != last.end
            or not last.lower.endswith("s")
            or not is_plural_noun(last.text)
        ):
            return None
        noun = last.text
        mark = apostrophe.index
    if not _nominal(noun) or any(not _modifier(t) for t in toks[:-1]):
        return None
    name = " ".join([*(t.text for t in toks[:-1]), noun])
    return name, mark


def _nominal(word: str) -> bool:
    lower = word.lower()
    if lower in _BAD_POSSESSORS or is_closed_class(lower) or not word.isalpha():
        return False
    pos = parts_of_speech(lower)
    return "NOUN" in pos or "PROPN" in pos or (word[:1].isupper() and not pos)


def _modifier(tok: Tok) -> bool:
    return tok.kind == "word" and "'" not in tok.lower and not is_closed_class(tok.text)


def _closed_after(analysis: Analysis, index: int) -> bool:
    """What follows the head leaves the possessor nothing to attach to."""
    nxt = analysis.token(index)
    if nxt is None:
        return True
    if nxt.kind == "punct":
        return nxt.text in _AFTER_PUNCT and not (nxt.text == "," and _list_follows(analysis, index))
    return nxt.lower in AUXILIARIES or nxt.lower in _AFTER_PREPOSITIONS


def _list_follows(analysis: Analysis, comma: int) -> bool:
    """ "the Company's customers, suppliers and staff": the comma continues a list; and
    "the Court's decision, which was" would give the relative a new antecedent."""
    after = analysis.token(comma + 1)
    if after is not None and after.lower in _RELATIVES:
        return True
    if after is not None and after.lower in _CONJUNCTIONS:
        return False  # ", and the Bank agreed": a new clause, not a list
    for k in range(comma + 1, comma + 8):
        tok = analysis.token(k)
        if tok is None or tok.kind == "punct":
            return False
        if tok.lower in ("and", "or"):
            return True
    return False


def _coordinated(analysis: Analysis, the: int) -> bool:
    """ "the Bank and the Board's approval", "the Chair of the Board's decision": the *'s* may
    belong to a longer possessor than the one we see."""
    prev = analysis.token(the - 1)
    return prev is not None and (prev.lower in _CONJUNCTIONS or prev.lower == "of")


_CONJUNCTIONS = words("and or nor")
_RELATIVES = words("which who whom whose where")


def _from_of_genitive(analysis: Analysis, the: int) -> VariationPoint | None:
    """ "the HEAD of the [Mod] X" -> "the [Mod] X's HEAD"."""
    first = analysis.tokens[the]
    head = analysis.token(the + 1)
    if head is not None and _adjective(head):
        adjective = head
        head = analysis.token(the + 2)
        if head is None or not spaced(analysis, adjective, head):
            return None
    if head is None or head.lower not in HEADS or head.capitalised:
        return None  # "the Secretary of the Treasury" is a title, not a possessive
    of, the2 = analysis.token(head.index + 1), analysis.token(head.index + 2)
    if of is None or the2 is None or of.lower != "of" or the2.lower != "the":
        return None
    owner = _of_possessor(analysis, analysis.tokens[head.index - 1], head, of, the2)
    if owner is None:
        return None
    name, last = owner
    original = analysis.text[first.start : last.end]
    phrase = analysis.text[analysis.tokens[the + 1].start : head.end]
    return swap_point(_KIND, first, last, original, f"{first.text} {name} {phrase}", _NOTE)


def _behalf(analysis: Analysis, on: int) -> VariationPoint | None:
    """ "on behalf of the [Mod] X" -> "on the [Mod] X's behalf"."""
    first = analysis.tokens[on]
    behalf, of, the2 = (analysis.token(on + k) for k in (1, 2, 3))
    if behalf is None or of is None or the2 is None or behalf.lower != "behalf":
        return None
    if of.lower != "of" or the2.lower != "the":
        return None
    owner = _of_possessor(analysis, first, behalf, of, the2)
    if owner is None:
        return None
    name, last = owner
    original = analysis.text[first.start : last.end]
    return swap_point(_KIND, first, last, original, f"{first.text} the {name} behalf", _NOTE)


def _of_possessor(
    analysis: Analysis, first: Tok, head: Tok, of: Tok, the2: Tok
) -> tuple[str, Tok] | None:
    """ "the Board" in "... of the Board." as "Board's", with its last token.

    One word may be followed by punctuation, an auxiliary or *to*, *on* or *under*; two words
    ("the Pensions Regulator") only by punctuation, and the second must not be a possible verb
    ("the views of the Board matter" is a clause, not a possessor).
    """
    for left, right in ((first, head), (head, of), (of, the2)):
        if left.protected or right.protected or not spaced(analysis, left, right):
            return None
    for size in (1, 2):
        toks = [analysis.token(the2.index + k) for k in range(1, size + 1)]
        if any(t is None or t.protected or t.kind != "word" for t in toks):
            return None
        owner = [t for t in toks if t is not None]
        pairs = zip([the2, *owner[:-1]], owner, strict=True)
        if not all(spaced(analysis, a, b) for a, b in pairs):
            return None
        last = owner[-1]
        nxt = analysis.token(last.index + 1)
        closed = (
            nxt is None or (nxt.kind == "punct" and nxt.text in _AFTER_PUNCT)
            if size == 2
            else _closed_after(analysis, last.index + 1)
        )
        if not closed:
            continue
        if "'" in last.lower or not _nominal(last.text):
            return None
        if size == 2 and ("VERB" in parts_of_speech(last.lower) or not _modifier(owner[0])):
            return None
        mark = "'" if last.lower.endswith("s") and is_plural_noun(last.text) else "'s"
        return " ".join(t.text for t in owner) + mark, last
    return None


FINDER = _Genitive()
