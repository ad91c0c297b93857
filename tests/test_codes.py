from __future__ import annotations

import numpy as np

from leaktrace import codes


def test_choose_options_golden_vector() -> None:
    # A refactor must never change which option a recipient's copy carries.
    options = codes.choose_options(bytes(32), "cable", 1, "synonym:120", 3, np.arange(1, 9))
    assert options.tolist() == [1, 0, 1, 0, 1, 1, 0, 1]


def test_choose_options_dense_and_sparse_paths_agree() -> None:
    key = bytes(range(32))
    dense = codes.choose_options(key, "d", 2, "p", 4, np.arange(0, 5000))
    sparse_numbers = np.array([3, 4999, 1234])
    sparse = codes.choose_options(key, "d", 2, "p", 4, np.array([3, 10_000_000, 4999, 1234]))
    assert sparse.tolist()[0] == dense[3]
    assert [sparse[2], sparse[3]] == dense[sparse_numbers[1:]].tolist()


def test_choose_options_roughly_uniform() -> None:
    options = codes.choose_options(bytes(32), "d", 1, "p", 3, np.arange(30_000))
    counts = np.bincount(options, minlength=3)
    assert all(abs(c - 10_000) < 500 for c in counts)


def test_choose_options_depends_on_every_label() -> None:
    numbers = np.arange(200)
    base = codes.choose_options(bytes(32), "d", 1, "p", 2, numbers)
    for args in [("e", 1, "p"), ("d", 2, "p"), ("d", 1, "q")]:
        other = codes.choose_options(bytes(32), args[0], args[1], args[2], 2, numbers)
        assert (other != base).any()
    keyed = codes.choose_options(bytes([1]) + bytes(31), "d", 1, "p", 2, numbers)
    assert (keyed != base).any()


def test_match_probability_bounds_each_option() -> None:
    assert codes.match_probability(2) == 0.5
    assert 1 / 3 < codes.match_probability(3) < 1 / 3 + 1e-9
