"""Which bias law for the collusion-secure code: points needed, by attack, for two laws.

A quick simulation of the code alone (no text, every point read): per point a bias vector
``p = (1 - rho) Dirichlet(kappa) + rho / q`` with ``rho = 1/8`` and ``q`` drawn like the corpus's
points (mostly two options), ``c`` colluders' options drawn from it, their blend by the attack,
and the tracer's own statistic and exact bound (``score_weights``, ``weighted_upper_tail``, union
over 10,000 recipients, level 1e-6). It reports the smallest number of points with >= 95 %
success (at least one colluder named) for ``kappa`` = 1 (the law in use) and 2.

    python bench/bias_law.py [SEED]

Results: bench/results/bias-law.md. It informs a design choice; the benchmark figures come from
bench/run.py on real text.
"""

from __future__ import annotations

import sys

import numpy as np

from leaktrace.evidence import score_weights, weighted_upper_tail

N = 10_000
LEVEL = 1e-6
QS = np.array([2] * 8 + [3] * 2 + [4])  # like the corpus: mostly binary points


def trial(rng: np.random.Generator, n: int, kappa: int, rho: float, c: int, attack: str) -> bool:
    q = rng.choice(QS, size=n)
    x = np.empty((c, n), int)
    y = np.empty(n, int)
    chance = np.empty(n)
    keep = np.ones(n, bool)
    for i in range(n):
        p = (1 - rho) * rng.dirichlet([kappa] * q[i]) + rho / q[i]
        held = rng.choice(q[i], size=c, p=p)
        x[:, i] = held
        values, counts = np.unique(held, return_counts=True)
        if len(values) == 1:
            chosen = values[0]
        elif attack == "majority":
            chosen = rng.choice(values[counts == counts.max()])
        elif attack == "minority":
            chosen = rng.choice(values[counts == counts.min()])
        elif attack == "erasure":
            keep[i] = False
            chosen = 0
        else:
            chosen = held[rng.integers(c)]
        y[i] = chosen
        chance[i] = p[chosen]
    x, y, chance = x[:, keep], y[keep], chance[keep]
    weights = score_weights(chance)
    tail = weighted_upper_tail(chance, weights)
    best = min(N * tail[int(weights[x[j] == y].sum())] for j in range(c))
    return bool(best <= LEVEL)


def needed(
    rng: np.random.Generator, kappa: int, c: int, attack: str, grid: list[int], trials: int
) -> tuple[object, float]:
    rate = 0.0
    for n in grid:
        rate = float(np.mean([trial(rng, n, kappa, 1 / 8, c, attack) for _ in range(trials)]))
        if rate >= 0.95:
            return n, rate
    return f"> {grid[-1]}", rate


def main() -> None:
    rng = np.random.default_rng(int(sys.argv[1]) if len(sys.argv) > 1 else 2)
    coarse = list(range(100, 1000, 50)) + list(range(1000, 3200, 200))
    for kappa in (1, 2):
        rows = {"single": needed(rng, kappa, 1, "", list(range(30, 120, 4)), 100)}
        for c, attack in [
            (2, "majority"),
            (2, "random"),
            (2, "erasure"),
            (3, "majority"),
            (3, "random"),
            (3, "minority"),
        ]:
            rows[f"c={c} {attack}"] = needed(rng, kappa, c, attack, coarse, 40)
        print(f"kappa={kappa}", rows, flush=True)


if __name__ == "__main__":
    main()
