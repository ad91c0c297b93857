"""Every lexicon parses, and the convention lexicons are well formed."""

from __future__ import annotations

import tomllib
from importlib import resources

import pytest

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
