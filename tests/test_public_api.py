from __future__ import annotations

import leaktrace


def test_all_is_sorted_and_importable() -> None:
    assert list(leaktrace.__all__) == sorted(leaktrace.__all__)
    for name in leaktrace.__all__:
        assert hasattr(leaktrace, name), name
