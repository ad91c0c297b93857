"""The leak simulation of the benchmark protocol (shared/BENCHMARK.md), independent of the tracer.

Everything here is written from the protocol's text, not from leaktrace's own normaliser, so the
benchmark does not grade the tracer against its own assumptions.
"""

from __future__ import annotations

import random
import re
import unicodedata

# Latin skeletons of the look-alike letters a retyping or a CMS may introduce (TR39 subset).
_SKELETON = str.maketrans(
    {
        "а": "a",
        "е": "e",
        "о": "o",
        "р": "p",
        "с": "c",
        "у": "y",
        "х": "x",
        "і": "i",
        "ј": "j",
        "ѕ": "s",
        "А": "A",
        "В": "B",
        "Е": "E",
        "К": "K",
        "М": "M",
        "Н": "H",
        "О": "O",
        "Р": "P",
        "С": "C",
        "Т": "T",
        "Х": "X",
        "ο": "o",
        "α": "a",
        "ν": "v",
        "\u2018": "'",
        "\u2019": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u2013": "-",
        "\u2014": "-",
        "\u2212": "-",
        "\u2026": "...",
    }
)
_GLOSSES = [
    "the president",
    "the minister",
    "the government",
    "officials",
    "the company",
    "the board",
    "the committee",
    "the department",
    "the official",
    "the plan",
]
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9\"'(])")


def prose_sentence_starts(text: str) -> list[int]:
    """Word indices (in ``text.split()``) where a sentence of body prose begins."""
    starts: list[int] = []
    word_offsets = [m.start() for m in re.finditer(r"\S+", text)]
    offset_to_word = {o: i for i, o in enumerate(word_offsets)}
    for paragraph in re.finditer(r"[^\n]+", text):
        line = paragraph.group()
        if len(line.split()) < 12 or not line.rstrip().endswith((".", '"', "?", "!", ")")):
            continue  # headings, header fields and list fragments are not prose
        if line.strip().startswith(("#", "|", "**")):
            continue
        first = re.search(r"[A-Za-z]", line)
        if first is None:
            continue
        candidates = [paragraph.start() + first.start()]
        candidates += [paragraph.start() + m.end() for m in _SENTENCE.finditer(line)]
        for offset in candidates:
            # align to the start of the word that contains the offset
            while offset not in offset_to_word and offset > 0:
                offset -= 1
            if offset in offset_to_word:
                starts.append(offset_to_word[offset])
    return sorted(set(starts))


def extract(text: str, rng: random.Random, words: int) -> str | None:
    """A contiguous ``words``-word extract starting at a sentence boundary, or None if too short."""
    tokens = text.split()
    starts = [s for s in prose_sentence_starts(text) if s + words <= len(tokens)]
    if not starts:
        return None
    start = rng.choice(starts)
    return " ".join(tokens[start : start + words])


def retype(text: str) -> str:
    """NFKC, drop format characters, ASCII skeletons, straight quotes and dashes, one space."""
    text = unicodedata.normalize("NFKC", text)
    text = "".join(c for c in text if unicodedata.category(c) != "Cf")
    text = text.translate(_SKELETON)
    return " ".join(text.split())


def edit(text: str, rng: random.Random) -> tuple[str, list[str]]:
    """The newspaper's edits, each with probability 1/2; returns the text and what was done."""
    done: list[str] = []
    sentences = re.split(r"(?<=[.!?]) (?=[A-Z0-9])", text)
    if rng.random() < 0.5 and len(sentences) >= 3:
        cut = rng.randrange(1, len(sentences) - 1)
        sentences = [*sentences[:cut], "...", *sentences[cut + 1 :]]
        done.append("cut")
    text = " ".join(sentences)
    if rng.random() < 0.5:
        words = text.split(" ")
        length = rng.randint(1, 3)
        candidates = [i for i in range(len(words) - length) if "..." not in words[i : i + length]]
        if candidates:
            at = rng.choice(candidates)
            words[at : at + length] = [f"[{rng.choice(_GLOSSES)}]"]
            text = " ".join(words)
            done.append("gloss")
    if rng.random() < 0.5:
        text = text[:1].lower() + text[1:]
        if text.endswith("."):
            text = text[:-1]
        done.append("lowercase")
    return text, done


def publish(article: str, quote: str) -> str:
    """Insert the quote after the article's third paragraph."""
    paragraphs = [p for p in article.split("\n\n")]
    inserted = f'The cable said: "{quote}"'
    return "\n\n".join([*paragraphs[:3], inserted, *paragraphs[3:]])
