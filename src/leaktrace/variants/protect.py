"""Spans of a document that no variation point may touch.

Someone else's words (quotations), headers and classification markings, headings, tables, code,
URLs and email addresses keep their exact form in every copy: changing them would misquote a
person, break a reference or look like tampering. Authors can add spans of their own
(``extra``), stored with the document version.

Example:
    >>> text = 'SECRET\\n\\nHe called it "inept" at https://x.org today.'
    >>> [text[s.start:s.end] for s in protected_spans(text)]
    ['SECRET', '"inept"', 'https://x.org']
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable
from functools import lru_cache

from leaktrace.model import Span

# A quotation on one line; or, in hard-wrapped text, one that runs over line breaks (never over a
# blank line) and opens and closes like a quotation, so that an inch mark ('15" screen') cannot
# pair with a quote on the next line.
_LINE_BREAK = r"\r?\n(?![ \t\r]*\n)"
_QUOTE_PAIRS = re.compile(
    r"\"[^\"\n]{1,600}\"|“[^”\n]{1,600}”"
    rf"|(?<![A-Za-z0-9])\"(?:[^\"\n]|{_LINE_BREAK}){{1,600}}\"(?![A-Za-z0-9])"
    rf"|“(?:[^”\n]|{_LINE_BREAK}){{1,600}}”"
    r"|(?<![A-Za-z])‘[^’\n]{1,300}’(?![A-Za-z])"
    r"|(?<![A-Za-z0-9])'[^'\n]{1,300}'(?![A-Za-z])"
)
_URL = re.compile(r"\b(?:https?://|www\.)[^\s)>\]]+", re.IGNORECASE)
_EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")
_CODE = re.compile(r"```.*?```|`[^`\n]+`", re.DOTALL)
_MARKINGS = re.compile(
    r"\b(?:TOP SECRET|SECRET|CONFIDENTIAL|OFFICIAL[- ]SENSITIVE|OFFICIAL|RESTRICTED|"
    r"PRIVILEGED(?: AND| &)? CONFIDENTIAL|PRIVILEGED|UK EYES ONLY|NOFORN|SENSITIVE|"
    r"STRICTLY PRIVATE(?: AND| &)? CONFIDENTIAL|COMMERCIAL IN CONFIDENCE|EMBARGOED)\b"
)
_HEADER_FIELD = re.compile(r"^\W{0,4}[A-Za-z][A-Za-z .()/-]{0,30}:\**\s")
_LINK = re.compile(r"\[[^\]\n]*\]\([^)\n]*\)")
_REFERENCE = re.compile(
    # Codes such as G7, B/25/07, 231845Z or 06/05/2040; never sums of money ("USD 4m", "$38M").
    r"\b(?:(?!(?:USD|GBP|EUR|CHF|JPY|CAD|AUD)\b)[A-Z]{1,5}[- ]?\d[\w/.-]*"
    r"|(?<![$£€\d.])\d+[A-Z]+\w*|\d{1,2}/\d{1,2}/\d{2,4})\b"
)


def protected_spans(text: str, extra: Iterable[Span] = ()) -> list[Span]:
    """All protected spans of ``text``, sorted and merged, plus the author's ``extra`` spans."""
    spans: list[Span] = list(extra)
    quotations = [Span(m.start(), m.end(), "quotation") for m in _QUOTE_PAIRS.finditer(text)]
    spans += quotations
    spans += list(_term_uses(text, quotations))
    spans += [Span(m.start(), m.end(), "url") for m in _URL.finditer(text)]
    spans += [Span(m.start(), m.end(), "email") for m in _EMAIL.finditer(text)]
    spans += [Span(m.start(), m.end(), "code") for m in _CODE.finditer(text)]
    spans += [Span(m.start(), m.end(), "marking") for m in _MARKINGS.finditer(text)]
    spans += [Span(m.start(), m.end(), "link") for m in _LINK.finditer(text)]
    spans += [Span(m.start(), m.end(), "reference") for m in _REFERENCE.finditer(text)]
    spans += list(_line_spans(text))
    return merge_spans(spans)


_TERM_WORD = re.compile(r"[A-Za-z][A-Za-z'-]*")
# Words that cannot be a defined term on their own ('"the"', '"and"', '"which"').
_FUNCTION_WORDS = frozenset(
    [
        "the",
        "and",
        "but",
        "nor",
        "for",
        "yet",
        "not",
        "its",
        "any",
        "all",
        "some",
        "this",
        "that",
        "these",
        "those",
        "which",
        "who",
        "whom",
        "whose",
        "what",
        "when",
        "where",
        "why",
        "how",
        "with",
        "from",
        "into",
        "onto",
        "upon",
        "than",
        "then",
        "there",
        "here",
        "they",
        "them",
        "their",
        "you",
        "your",
        "our",
        "his",
        "her",
        "she",
        "him",
        "are",
        "was",
        "were",
        "been",
        "being",
        "has",
        "have",
        "had",
        "does",
        "did",
        "can",
        "could",
        "will",
        "would",
        "shall",
        "should",
        "may",
        "might",
        "must",
    ]
)


def _term_uses(text: str, quotations: Iterable[Span]) -> Iterable[Span]:
    """Every other use of a short phrase the document puts in quotation marks.

    Legal and policy documents define terms in quotes ('"modify" means', 'a work "based on" the
    Program', '(the "Agreement")') and then rely on the exact wording: "alter" for "modify" or
    "upon" for "on" would step outside the definition. A scare-quoted word ('called it "inept"')
    is protected the same way, which costs nothing but a point or two. Terms made only of
    function words ('"a"', '"to"') are not terms.
    """
    by_first: dict[str, set[str]] = {}
    for span in quotations:
        inner = " ".join(text[span.start + 1 : span.end - 1].split())
        words = _TERM_WORD.findall(inner)
        if not 1 <= len(words) <= 4 or len(" ".join(words)) < len(inner) - 2:
            continue  # a sentence or a figure, not a term
        if words[0].lower() == "to" and len(words) > 1:
            words = words[1:]  # '"To modify" a work means': the term is the verb
        if all(len(w) < 3 or w.lower() in _FUNCTION_WORDS for w in words):
            continue
        by_first.setdefault(words[0].lower()[:2], set()).add(" ".join(w.lower() for w in words))
    if not by_first:
        return
    # Keyed on the first two letters, which every form of a term's first word keeps
    # ("use"/"using", "modify"/"modified"): one dictionary look-up per word of the text.
    patterns = {
        prefix: re.compile(
            "|".join(_term_pattern(t) for t in sorted(terms, key=len, reverse=True))
            + r"(?![A-Za-z])",
            re.IGNORECASE,
        )
        for prefix, terms in by_first.items()
    }
    for word in _TERM_WORD.finditer(text):
        if word.start() and text[word.start() - 1].isalpha():
            continue
        pattern = patterns.get(word.group()[:2].lower())
        if pattern is None:
            continue
        match = pattern.match(text, word.start())
        if match:
            yield Span(match.start(), match.end(), "defined term")


def _term_pattern(term: str) -> str:
    """The term with any whitespace between its words and the usual endings on its last word."""
    *head, last = term.split()
    if len(last) <= 2:
        stem = re.escape(last)
    elif last.endswith("y") and last[-2] not in "aeiou":
        stem = re.escape(last[:-1]) + "(?:y|ies|ied|ying)"  # "modify", "modifies"
    elif last.endswith("e"):
        stem = re.escape(last[:-1]) + "(?:e|es|ed|ing)"  # "propagate", "propagating"
    elif last.endswith("s") and len(last) > 3:
        stem = re.escape(last[:-1]) + "s?"  # "further restrictions" also covers the singular
    else:
        stem = re.escape(last) + "(?:s|es|d|ed|ing)?"  # "convey", "conveyed"
    return r"\s+".join([*(re.escape(w) for w in head), stem])


def _line_spans(text: str) -> Iterable[Span]:
    """Whole lines that are headings, header fields, table rows, rules or indented code."""
    for start, line, reason in _classified_lines(text):
        if reason is not None:
            yield Span(start, start + len(line.rstrip("\r\n")), reason)


def soft_line_breaks(text: str) -> frozenset[int]:
    """Offsets of the line breaks that only wrap a prose paragraph (not a sentence boundary).

    A hard-wrapped e-mail or cable breaks its lines mid-sentence; the analyser must read across
    such a break as if it were a space, or "this\nLicense" would start a sentence at "License".
    """
    soft: set[int] = set()
    lines = _classified_lines(text)
    for (start, line, reason), (_, following, next_reason) in itertools.pairwise(lines):
        if reason is not None or next_reason is not None or not line.endswith("\n"):
            continue
        stripped, nxt = line.strip(), following.strip()
        if not stripped or not nxt or stripped.endswith((".", "?", "!", ":", ";")):
            continue
        if _LIST_OR_BLOCK_START.match(nxt) or not (nxt[0].isalnum() or nxt[0] in "(\"'“‘"):
            continue
        soft.add(start + len(line) - 1)  # the "\n" itself, also after a "\r"
    return frozenset(soft)


@lru_cache(maxsize=4)
def _classified_lines(text: str) -> list[tuple[int, str, str | None]]:
    """Every line with its offset and the reason it is protected (``None`` for prose or blank).

    Plain text is often hard-wrapped (e-mail, cables, licences): a short line that runs on into the
    next line of its paragraph is prose, not a heading, and an indented paragraph that reads as
    sentences is prose, not code. Each line is therefore judged with its neighbours.
    """
    lines: list[tuple[int, str]] = []
    offset = 0
    for line in text.splitlines(keepends=True):
        lines.append((offset, line))
        offset += len(line)
    classified: list[tuple[int, str, str | None]] = []
    in_header_block = True
    previous_prose = False
    for index, (start, line) in enumerate(lines):
        stripped = line.strip()
        if not stripped:
            previous_prose = False
            classified.append((start, line, None))
            continue
        following = lines[index + 1][1] if index + 1 < len(lines) else ""
        reason = _line_reason(line, stripped, in_header_block)
        if reason in ("heading", "code") and _wrapped_prose(line, following, previous_prose):
            reason = None
        classified.append((start, line, reason))
        if reason is None:
            in_header_block = False
            previous_prose = not stripped.endswith((".", "?", "!", ":"))
            continue
        previous_prose = False
        if reason != "header-field":
            in_header_block = in_header_block and reason in ("marking-line", "heading")
    return classified


_LIST_OR_BLOCK_START = re.compile(r"^(?:[-*+#|>]|\d+[.)]\s|\([a-z0-9]{1,3}\)\s)")
_CODE_CHARACTERS = re.compile(r"[{}<>=\\]|\w\(|;\s*$|^(?:def|class|import|return|if|for)\b")


def _wrapped_prose(line: str, following: str, previous_prose: bool) -> bool:
    """The line is part of a hard-wrapped prose paragraph (so neither a heading nor code)."""
    stripped = line.strip()
    if line.startswith(("    ", "\t")) and not _reads_as_prose(stripped):
        return False
    if previous_prose:
        return True
    nxt = following.strip()
    if not nxt or _LIST_OR_BLOCK_START.match(nxt):
        return False
    if nxt[0].islower() and not _CODE_CHARACTERS.search(nxt):
        return True  # the sentence runs on, however short its last line ("received.")
    if not _reads_as_prose(nxt):
        return False
    return len(stripped) >= 45 and not stripped.endswith((".", "?", "!", ":", ";"))


def _reads_as_prose(stripped: str) -> bool:
    """Words and ordinary punctuation, no programming syntax: a sentence, not code."""
    words = stripped.split()
    if len(words) < 3 or _CODE_CHARACTERS.search(stripped):
        return False
    alphabetic = sum(1 for w in words if w.strip(".,;:!?()\"'-").isalpha())
    return alphabetic >= 0.75 * len(words)


def _line_reason(line: str, stripped: str, in_header_block: bool) -> str | None:
    letters = [c for c in stripped if c.isalpha()]
    if stripped.startswith("#"):
        return "heading"
    if stripped.startswith("|") or set(stripped) <= set("-=_*| :"):
        return "table"
    if line.startswith(("    ", "\t")):
        return "code"
    if letters and all(c.isupper() for c in letters):
        return "marking-line"
    if _HEADER_FIELD.match(stripped) and (in_header_block or stripped.startswith("**")):
        return "header-field"
    words = stripped.split()
    bare = stripped.strip("*_ ")
    if len(words) <= 12 and not bare.endswith((".", "?", "!", ":", ";", ",")):
        return "heading"
    return None


def merge_spans(spans: Iterable[Span]) -> list[Span]:
    """Spans sorted by start, overlapping or touching ones merged (the first one's reason kept)."""
    merged: list[Span] = []
    for span in sorted(spans, key=lambda s: (s.start, s.end)):
        if merged and span.start <= merged[-1].end:
            last = merged[-1]
            if span.end > last.end:
                merged[-1] = Span(last.start, span.end, last.reason)
            continue
        merged.append(span)
    return merged
