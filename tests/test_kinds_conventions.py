"""The convention kinds together: lexicons parse and are well formed, the shared plumbing's
example runs, and every convention finder is fast on a long document."""

from __future__ import annotations

import doctest
import time
import tomllib
from importlib import resources

import pytest

from leaktrace.variants.analysis import analyse
from leaktrace.variants.engine import finders
from leaktrace.variants.kinds import _convention
from leaktrace.variants.kinds._grammar import lexicon

_VARIETIES = {"en-GB", "en-US"}


def _lexicon_names() -> list[str]:
    folder = resources.files("leaktrace.variants").joinpath("lexicons")
    return sorted(p.name[: -len(".toml")] for p in folder.iterdir() if p.name.endswith(".toml"))


@pytest.mark.parametrize("name", _lexicon_names())
def test_lexicon_parses_with_a_source_header(name: str) -> None:
    folder = resources.files("leaktrace.variants").joinpath("lexicons")
    text = folder.joinpath(f"{name}.toml").read_text(encoding="utf-8")
    assert tomllib.loads(text)
    assert text.startswith("#"), f"{name}.toml must open with a comment naming its sources"


def test_lexicons_include_the_convention_kinds() -> None:
    assert {"spelling", "hyphenation"} <= set(_lexicon_names())


@pytest.mark.parametrize(("name", "key"), [("spelling", "pair"), ("hyphenation", "compound")])
def test_convention_lexicon_rows_are_aligned_and_unique(name: str, key: str) -> None:
    seen: dict[str, set[str]] = {variety: set() for variety in _VARIETIES}
    for entry in lexicon(name)[key]:
        rows = entry["forms"]
        assert rows and all(len(row) == len(rows[0]) >= 2 for row in rows), entry
        assert set(entry["varieties"]) <= _VARIETIES, entry
        for variety in entry["varieties"]:
            for row in rows:
                for form in row:
                    assert form == form.lower(), form
                    assert form not in seen[variety], f"{form} listed twice for {variety}"
                    seen[variety].add(form)


def test_spelling_one_way_pairs_name_a_real_option() -> None:
    for entry in lexicon("spelling")["pair"]:
        if "from" in entry:
            assert 0 <= entry["from"] < len(entry["forms"][0]), entry


def test_oxford_stems_are_ise_stems_without_always_ise_words() -> None:
    stems = lexicon("spelling")["oxford"]["stems"]
    assert all(stem.endswith("is") for stem in stems)
    assert len(stems) == len(set(stems))
    never = {"advis", "revis", "compris", "surpris", "exercis", "televis", "supervis", "analys"}
    assert not never & set(stems)


def test_convention_plumbing_example_runs() -> None:
    result = doctest.testmod(_convention)
    assert result.attempted > 0 and result.failed == 0


_PARAGRAPH = (
    "The Board recognised that the U.S. team, our advisers and the Treasury had organised "
    "talks at 9am, whilst costs rose 4 per cent to £410m, or £2.5bn a year. Decision-making "
    "is slow; data with names, addresses and policy details was taken and staff learnt of it. "
)


@pytest.mark.parametrize(
    "kind", ["spelling", "numbers", "abbreviation", "serial_comma", "hyphenation"]
)
def test_convention_finder_is_fast_on_a_thousand_words(kind: str) -> None:
    text = "\n\n".join([_PARAGRAPH] * 25)
    assert len(text.split()) >= 1000
    analysis = analyse(text, "en-GB")
    finder = next(f for f in finders() if f.kind == kind)
    assert list(finder.find(analysis)), f"{kind} found nothing to time"
    best = min(_seconds(lambda: list(finder.find(analysis))) for _ in range(3))
    assert best < 0.05, f"{kind} took {best * 1000:.0f} ms"


def _seconds(run: object) -> float:
    assert callable(run)
    started = time.perf_counter()
    run()
    return time.perf_counter() - started


def _string_lists(value: object, where: str) -> list[tuple[str, list[str]]]:
    """Every list of strings inside a parsed lexicon, with where it sits."""
    if isinstance(value, dict):
        return [pair for k, v in value.items() for pair in _string_lists(v, f"{where}.{k}")]
    if isinstance(value, list):
        if value and all(isinstance(v, str) for v in value):
            return [(where, [str(v) for v in value])]
        return [pair for i, v in enumerate(value) for pair in _string_lists(v, f"{where}[{i}]")]
    return []


@pytest.mark.parametrize("name", _lexicon_names())
def test_lexicon_lists_hold_no_duplicates(name: str) -> None:
    folder = resources.files("leaktrace.variants").joinpath("lexicons")
    data = tomllib.loads(folder.joinpath(f"{name}.toml").read_text(encoding="utf-8"))
    for where, values in _string_lists(data, name):
        repeated = sorted({v for v in values if values.count(v) > 1})
        assert not repeated, f"{where} repeats {repeated}"
