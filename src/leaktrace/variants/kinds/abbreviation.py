"""Abbreviation conventions: "US"/"U.S.", "Mr"/"Mr.", "9am"/"9 a.m.", kept throughout a copy.

Whether abbreviations carry full stops is a house-style choice a careful writer makes once for
the whole document, and the two varieties of English differ in which choices are standard:

- **US, UK.** American style admits both "U.S." (AP) and "US" (Chicago); British style writes
  "US" and "UK". So an en-US copy may use either throughout, and an en-GB copy may drop the
  stops an author wrote (a British telegram that says "U.S." may say "US"), never add them.
- **Mr, Mrs, Ms, Dr.** British English writes contractions without a stop, American English
  with one. We only ever move an author's titles to the form standard in the variety; a
  document already in its own style has no point here.
- **am, pm.** "9am" and "9 a.m." are both British; "9 AM" and "9 a.m." both American.
- **eg, ie.** "e.g." and "i.e." are standard everywhere; bare "eg" may gain its stops.

Each family is one document-wide point. An author who mixes forms (the telegram's "U.S." beside
"UK") keeps the mix as one option; the others apply one form everywhere.

Example:
    >>> from leaktrace.variants.analysis import analyse
    >>> a = analyse("The U.S. team met the UK side at 9 AM.", "en-US")
    >>> [p.labels for p in FINDER.find(a)]
    [('U.S., UK', 'US, UK', 'U.S., U.K.'), ('AM', 'a.m.')]
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from leaktrace.model import Occurrence, VariationPoint
from leaktrace.variants.analysis import Analysis, Tok
from leaktrace.variants.base import convention_point
from leaktrace.variants.kinds._convention import free, sentence_ends_after
from leaktrace.variants.kinds._grammar import is_closed_class

_COUNTRIES = {
    "us": ("US", "U.S."),
    "uk": ("UK", "U.K."),
    "u.s.": ("US", "U.S."),
    "u.k.": ("UK", "U.K."),
}
_TITLES = frozenset({"mr", "mrs", "ms", "dr"})
_TIME_MARKERS = {"am": "am", "pm": "pm", "a.m.": "am", "p.m.": "pm"}
_LATIN = {"eg": "e.g.", "ie": "i.e."}

# One option of a convention: a rendering for every occurrence, in order.
_Option = tuple[str, ...]


class _Abbreviation:
    kind = "abbreviation"
    priority = 20

    def find(self, analysis: Analysis) -> Iterable[VariationPoint]:
        finders = (_countries, _titles, _times, _latin)
        for finder in finders:
            point = finder(analysis)
            if point is not None:
                yield point


def _countries(analysis: Analysis) -> VariationPoint | None:
    """US/U.S. and UK/U.K.: the author's forms, all without stops, and (en-US) all with."""
    spans: list[tuple[int, int]] = []
    written: list[str] = []
    bare: list[str] = []
    dotted: list[str] = []
    for tok in analysis.tokens:
        forms = _COUNTRIES.get(tok.lower)
        if forms is None or tok.text not in forms:
            continue
        if (
            not free(analysis, tok.start, tok.end)
            or _shouted(analysis, tok)
            or _money(analysis, tok)
        ):
            continue
        end = tok.end
        nxt = analysis.token(tok.index + 1)
        stop = ""
        if tok.kind == "abbr":
            ends = sentence_ends_after(analysis, tok)
            if ends is None:
                return None  # "in the U.S. Officials said": cannot tell, so do not vary
            stop = "." if ends else ""  # "in the U.S. The" becomes "in the US. The"
        elif tok.kind == "word" and nxt is not None and nxt.text == "." and nxt.start == tok.end:
            end = nxt.end  # "in the US." becomes "in the U.S."
        spans.append((tok.start, end))
        written.append(analysis.text[tok.start : end])
        bare.append(forms[0] + stop if tok.kind == "abbr" else analysis.text[tok.start : end])
        dotted.append(forms[1] if tok.kind == "word" else tok.text)
    options = [tuple(written), tuple(bare)]
    if analysis.variety == "en-US":
        options.append(tuple(dotted))
    return _point(spans, options, "full stops in US and UK")


def _titles(analysis: Analysis) -> VariationPoint | None:
    """Mr/Mr.: move the author's titles to the variety's own form, never away from it."""
    spans: list[tuple[int, int]] = []
    written: list[str] = []
    standard: list[str] = []
    for tok in analysis.tokens:
        if tok.kind != "word" or tok.lower not in _TITLES or not tok.capitalised:
            continue
        nxt = analysis.token(tok.index + 1)
        if nxt is None or not free(analysis, tok.start, tok.end):
            continue
        end = tok.end
        if nxt.text == "." and nxt.start == tok.end:
            end = nxt.end
            nxt = analysis.token(nxt.index + 1)
        if nxt is None or not nxt.is_word or not nxt.capitalised or nxt.start != end + 1:
            continue  # a title is followed by a name
        spans.append((tok.start, end))
        written.append(analysis.text[tok.start : end])
        standard.append(tok.text + ("." if analysis.variety == "en-US" else ""))
    options = [tuple(written), tuple(standard)]
    return _point(spans, options, "full stop after Mr, Mrs, Ms, Dr", sentence_stops=False)


def _times(analysis: Analysis) -> VariationPoint | None:
    """9am / 9 a.m. (en-GB) and 9 AM / 9 a.m. (en-US) after a clock time."""
    spans: list[tuple[int, int]] = []
    written: list[str] = []
    dotted: list[str] = []
    plain: list[str] = []
    british = analysis.variety == "en-GB"
    for tok in analysis.tokens:
        marker = _TIME_MARKERS.get(tok.lower)
        number = analysis.token(tok.index - 1)
        if marker is None or number is None or not _clock_time(analysis, number):
            continue
        if analysis.text[number.end : tok.start] not in ("", " ") or not free(
            analysis, number.end, tok.end
        ):
            continue
        end, stop = tok.end, ""
        nxt = analysis.token(tok.index + 1)
        if tok.kind == "word" and nxt is not None and nxt.text == "." and nxt.start == tok.end:
            end = nxt.end  # "at 11 AM." becomes "at 11 a.m."
        elif tok.kind == "abbr":
            ends = sentence_ends_after(analysis, tok)
            if ends is None:
                return None
            stop = "." if ends else ""
        spans.append((number.end, end))
        written.append(analysis.text[number.end : end])
        dotted.append(f" {marker[0]}.m.")
        bare = marker if british else marker.upper()
        plain.append(("" if british else " ") + bare + (stop or analysis.text[tok.end : end]))
    return _point(spans, [tuple(written), tuple(plain), tuple(dotted)], "am/pm style")


def _latin(analysis: Analysis) -> VariationPoint | None:
    """Bare "eg"/"ie" may gain the stops that every style guide accepts."""
    spans: list[tuple[int, int]] = []
    written: list[str] = []
    dotted: list[str] = []
    for tok in analysis.tokens:
        if tok.kind != "word" or tok.text not in _LATIN or not free(analysis, tok.start, tok.end):
            continue
        nxt = analysis.token(tok.index + 1)
        if nxt is None or (nxt.text not in (",", ":") and not nxt.is_word):
            continue
        spans.append((tok.start, tok.end))
        written.append(tok.text)
        dotted.append(_LATIN[tok.text])
    return _point(spans, [tuple(written), tuple(dotted)], "full stops in e.g. and i.e.")


def _point(
    spans: Sequence[tuple[int, int]],
    options: Sequence[_Option],
    note: str,
    sentence_stops: bool = True,
) -> VariationPoint | None:
    """A convention whose first option is the author's text; duplicate options are dropped.

    With ``sentence_stops``, a rendering's last full stop may be the sentence's own ("US."),
    and labels leave it out.
    """
    unique: list[_Option] = []
    for option in options:
        if option not in unique:
            unique.append(option)
    if len(unique) < 2 or not spans:
        return None
    occurrences = [
        Occurrence(start, end, tuple(option[i] for option in unique))
        for i, (start, end) in enumerate(spans)
    ]
    # "UK" in a document that only varies "U.S." shows nothing: leave it out of the point.
    occurrences = [occ for occ in occurrences if len(set(occ.renderings)) > 1]
    labels = tuple(_label(option, sentence_stops) for option in unique)
    return convention_point("abbreviation", labels, occurrences, original=0, note=note)


def _label(option: _Option, sentence_stops: bool) -> str:
    """The distinct forms an option uses, in order: "U.S., UK"."""
    seen: list[str] = []
    for rendering in option:
        form = rendering.strip()
        if sentence_stops and form.endswith(".") and form.count(".") in (1, 3):
            form = form[:-1]
        if form not in seen:
            seen.append(form)
    return ", ".join(seen)


def _shouted(analysis: Analysis, tok: Tok) -> bool:
    """ "LET US KNOW": an all-capitals run of ordinary words, where "US" is a pronoun."""
    for index in (tok.index - 1, tok.index + 1):
        near = analysis.token(index)
        if near is None or near.kind != "word" or not near.text.isupper() or len(near.text) < 2:
            continue
        if is_closed_class(near.text) or near.lower in ("let", "tell", "help", "join", "give"):
            return True
    return False


def _money(analysis: Analysis, tok: Tok) -> bool:
    """ "US$": a currency code, not the country's name in running text."""
    return analysis.text[tok.end : tok.end + 1] == "$"


def _clock_time(analysis: Analysis, number: Tok) -> bool:
    """ "9", "11", "9.30" or the minutes of "9:30"."""
    if number.kind != "number":
        return False
    before = analysis.token(number.index - 1)
    if before is not None and before.text == ":" and before.end == number.start:
        return len(number.text) == 2
    hour, _, minutes = number.text.partition(".")
    return hour.isdigit() and 1 <= int(hour) <= 12 and minutes in ("", *_MINUTES)


_MINUTES = tuple(f"{m:02d}" for m in range(60))

FINDER = _Abbreviation()
