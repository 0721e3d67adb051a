"""Benchmark: how fast analyse() reads series: a board's worth of monthly measures, and long ones.

Run: python benchmarks/spc.py [--runs 5]
Prints one line per measurement, in points per second (best of the runs). Not a test: timings vary.
"""

from __future__ import annotations

import argparse
import random
import sys
from collections.abc import Callable
from pathlib import Path

from icp_objectives.measures.spc import analyse

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run as a script
from benchmarks.timing import best_of


def series(count: int, seed: int) -> list[float]:
    """A monthly-looking series: noise about a level, a step change and a slow drift, to 1 dp."""
    rng = random.Random(seed)
    level = rng.uniform(20, 80)
    step_at = rng.randrange(count) if count else 0
    return [
        round(level + rng.gauss(0, 4) + (6 if i >= step_at else 0) + 0.02 * i, 1)
        for i in range(count)
    ]


def board(measures: list[list[float]]) -> None:
    """What one paper asks of the statistics: every measure, higher better, a target, one rebase."""
    for values in measures:
        analyse(values, better="higher", target=60.0, segment_starts=[len(values) // 2])


def _one(values: list[float]) -> Callable[[], object]:
    """One long series, lower better, no target."""
    return lambda: analyse(values, better="lower")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    monthly = [series(60, seed) for seed in range(30)]
    seconds = best_of(args.runs, lambda: board(monthly))
    points = 60 * 30
    print(
        f"30 measures x 60 months: {seconds * 1000:.1f} ms,"
        f" {points / seconds:,.0f} points/s (best of {args.runs})"
    )
    for count in (10_000, 100_000):
        seconds = best_of(args.runs, _one(series(count, count)))
        print(
            f"one series of {count:,} points: {seconds * 1000:.1f} ms,"
            f" {count / seconds:,.0f} points/s (best of {args.runs})"
        )
    values = series(100_000, 7)
    seconds = best_of(
        args.runs,
        lambda: analyse(values, better="higher", baseline_points=24, segment_starts=[50_000]),
    )
    print(
        f"100,000 points, 2 segments, fixed baselines: {seconds * 1000:.1f} ms,"
        f" {100_000 / seconds:,.0f} points/s (best of {args.runs})"
    )


if __name__ == "__main__":
    main()
