"""The fixed layout: the same lines in every copy, blocks keyed per layout, sound typesetting."""

from __future__ import annotations

import numpy as np
import pytest

from leaktrace import codes
from leaktrace.copywriters import layout_for, prepare_active
from leaktrace.layout import (
    DEFAULT_GEOMETRY,
    LAYOUT_MARK,
    is_layout_key,
    layout_ids,
    text_width,
    typeset,
)
from leaktrace.render import CopyRenderer
from leaktrace.variants.engine import find_points
from support import sample_text


def test_layout_breaks_lines_alike_whatever_the_copy_says() -> None:
    text = sample_text()
    points = find_points(text)
    layout = typeset(text, points)
    rng = np.random.default_rng(3)
    for _ in range(5):
        choices = [int(rng.integers(p.option_count)) for p in points]
        copy = CopyRenderer(text, points).render(choices)
        lines = [
            " ".join(layout.unit_text(u, choices) for block in line.blocks for u in block)
            for line in layout.lines
        ]
        # Every word of the copy is on the page, in order: nothing lost to the fixed breaks.
        assert " ".join(lines).replace("**", "").split() == _drawn_words(copy)


def _drawn_words(copy: str) -> list[str]:
    words = []
    for line in copy.split("\n"):
        stripped = line.strip()
        if stripped.startswith("#"):
            stripped = stripped.lstrip("#")
        elif stripped[:2] in ("- ", "* "):
            stripped = stripped[2:]
        words += stripped.replace("**", "").split()
    return words


def test_no_line_is_wider_than_the_page_with_any_option() -> None:
    text = sample_text()
    points = find_points(text)
    layout = typeset(text, points)
    geometry = DEFAULT_GEOMETRY
    rng = np.random.default_rng(11)
    randoms = [[int(rng.integers(p.option_count)) for p in points] for _ in range(3)]
    for choices in ([0] * len(points), [p.option_count - 1 for p in points], *randoms):
        for line in layout.lines:
            text_of_line = " ".join(
                layout.unit_text(u, choices) for block in line.blocks for u in block
            )
            width, _ = text_width(text_of_line, line.bold, geometry.font_size_pt)
            assert width <= geometry.text_width_pt - line.indent_pt + 0.01


def test_rows_stay_on_the_page_and_headings_never_end_one() -> None:
    text = "\n\n".join(
        f"## Section {i}\n\n" + "Lorem ipsum dolor sit amet. " * 30 for i in range(8)
    )
    layout = typeset(text, [])
    assert layout.pages >= 3
    rows = DEFAULT_GEOMETRY.rows
    for line in layout.lines:
        assert 0 <= line.row < rows
        if line.heading:
            assert line.row < rows - 1, "a heading on the last row of a page"


def test_layout_keys_name_the_layout_so_two_layouts_never_share_one() -> None:
    text = sample_text()
    points = find_points(text)
    all_keys = [p.key for p in points]
    one = layout_for(text, points, all_keys).skeleton()
    # Vetoing a wide point changes the widths, hence possibly the layout, hence its id.
    vetoed = layout_for(text, points, all_keys[1:]).skeleton()
    assert all(is_layout_key(k) and one.layout_id in k for k in one.block_keys())
    if one.layout_id != vetoed.layout_id:
        assert not set(one.block_keys()) & set(vetoed.block_keys())
    assert layout_for(text, points, all_keys).layout_id == one.layout_id  # deterministic


def test_a_pdf_batch_records_its_layout_and_its_blocks_as_points() -> None:
    text = sample_text()
    points = find_points(text)
    keys = [p.key for p in points]
    active = codes.with_scheme(prepare_active("pdf", text, points, keys), codes.Scheme.TARDOS)
    assert codes.scheme_of(active) is codes.Scheme.TARDOS
    (layout_id,) = layout_ids(active)
    assert any(a.startswith(LAYOUT_MARK) for a in active)
    marked = codes.point_keys(active)
    assert set(keys) < marked and all(not k.startswith("@") for k in marked)
    assert sum(is_layout_key(k) for k in marked) == len(
        layout_for(text, points, keys).skeleton().blocks
    )
    assert prepare_active("txt", text, points, keys) == keys
    assert layout_id == layout_for(text, points, keys).layout_id


def test_unknown_layout_scheme_asks_for_an_upgrade() -> None:
    with pytest.raises(ValueError, match="upgrade"):
        layout_ids(["@layout:pdf/9:abc"])
