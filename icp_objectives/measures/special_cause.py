"""The four Making Data Count special-cause rules over one segment, each in one pass (linear time),
with NHSRplotthedots' edges: strict rises and falls, a point on the mean on neither side, and runs
that never reach past the segment."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

RUN = 7  # points in a trend or a shift
Rule = Literal["outside_limits", "trend", "two_of_three", "shift", "common_cause"]


def sign(x: float) -> int:
    """-1, 0 or 1, as R's `sign`."""
    return (x > 0) - (x < 0)


def trend_ends(values: Sequence[float]) -> list[int]:
    """1 (or -1) at each point that ends 7 strictly rising (falling) points, else 0.

    A tie, two equal neighbours, breaks the run.
    """
    ends = [0] * len(values)
    run = 0  # how many steps in the same direction end here
    last = 0
    for i in range(1, len(values)):
        step = sign(values[i] - values[i - 1])
        run = run + 1 if step != 0 and step == last else (1 if step != 0 else 0)
        last = step
        if run >= RUN - 1:
            ends[i] = step
    return ends


def one_side_ends(sides: Sequence[int]) -> list[bool]:
    """True at each point that ends 7 points on one side of the mean (a point on it is on none)."""
    ends = [False] * len(sides)
    run = 0
    for i, side in enumerate(sides):
        run = run + 1 if side != 0 and i > 0 and side == sides[i - 1] else (1 if side != 0 else 0)
        ends[i] = run >= RUN
    return ends


def part_of_run(ends: Sequence[int] | Sequence[bool]) -> list[bool]:
    """True at each point that is one of the 7 points of a run: a run end lies at it or within
    the 6 points after it."""
    part = [False] * len(ends)
    next_end = -1  # the nearest run end at or after the point, -1 for none
    for i in range(len(ends) - 1, -1, -1):
        if ends[i]:
            next_end = i
        part[i] = next_end != -1 and next_end - i < RUN
    return part


def two_of_three(near: Sequence[bool], sides: Sequence[int]) -> list[bool]:
    """True at each point beyond two thirds (and inside the limits) that is one of at least two
    such points among 3 neighbouring points all on the same side of the mean."""
    count = len(near)
    window = [
        sum(near[s : s + 3]) >= 2 and abs(sides[s] + sides[s + 1] + sides[s + 2]) == 3
        for s in range(count - 2)
    ]
    return [
        near[i] and any(window[s] for s in range(max(0, i - 2), min(i, count - 3) + 1))
        for i in range(count)
    ]


def causes(
    values: Sequence[float],
    sides: Sequence[int],
    *,
    outside: Sequence[bool],
    trend: Sequence[bool],
    two: Sequence[bool],
    shift: Sequence[bool],
) -> list[tuple[Rule, int]]:
    """Each point's deciding rule, in NHSRplotthedots' precedence, and its side (1 high, -1 low).

    A trend point's direction is that of the step to the next point when the next point is also
    part of a trend, else that of the step from the previous point; a step that is not a rise
    counts as falling, as in R.
    """
    last = len(values) - 1
    out: list[tuple[Rule, int]] = []
    for i, side in enumerate(sides):
        if outside[i]:
            out.append(("outside_limits", 1 if side == 1 else -1))
        elif trend[i]:
            ahead = i < last and trend[i + 1]
            step = values[i + 1] - values[i] if ahead else (values[i] - values[i - 1] if i else 0.0)
            out.append(("trend", 1 if step > 0 else -1))
        elif two[i]:
            out.append(("two_of_three", 1 if side > 0 else -1))
        elif shift[i]:
            out.append(("shift", 1 if side > 0 else -1))
        else:
            out.append(("common_cause", 0))
    return out
