"""What the in-process benchmarks share: the best of several timed runs."""

from __future__ import annotations

import time
from collections.abc import Callable


def best_of(runs: int, action: Callable[[], object]) -> float:
    """The shortest wall time, in seconds, of `runs` calls of `action`."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return min(times)
