"""Which special-cause rule a point shows and how long its run is, read back from the flags
and values the statistics return, so the words can say "a run of 9 falling points". Pure;
linear in the number of points, so a table of 10,000 points is quick."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from icp_objectives.measures.analysis import SpcPoint

Rule = Literal["outside_limits", "trend", "two_of_three", "shift"]


@dataclass(frozen=True)
class Finding:
    """The rule that marks a point, in Making Data Count's order of precedence, and its extent."""

    rule: Rule
    side: int  # +1 above the mean (or rising, for a trend), -1 below (or falling)
    count: int  # points in the run; for 2 of 3, how many of the 3 are near the limit


class Runs:
    """Every point's segment and the runs through it, worked out once for the whole series."""

    def __init__(self, points: Sequence[SpcPoint]) -> None:
        self.points = points
        self.start = _starts(points)
        self.shift = _sides(points, self.start)
        self.rising = _moves(points, 1)
        self.falling = _moves(points, -1)

    def segment(self, i: int) -> range:
        """The indices of the points in the same segment as point `i`."""
        end = i
        while end + 1 < len(self.points) and self.start[end + 1] == self.start[i]:
            end += 1
        return range(self.start[i], end + 1)

    def finding(self, i: int) -> Finding | None:
        """What marks point `i` as special cause, or None when no rule does."""
        point = self.points[i]
        if point.outside_limits:
            upper = point.upper_limit is not None and point.value > point.upper_limit
            return Finding("outside_limits", 1 if upper else -1, 1)
        if point.trend:
            rising, falling = self.rising[i], self.falling[i]
            return Finding("trend", *((1, rising) if rising >= falling else (-1, falling)))
        if point.two_of_three:
            return Finding("two_of_three", _side(point), self._near(i))
        if point.shift:
            return Finding("shift", _side(point), self.shift[i])
        return None

    def _near(self, i: int) -> int:
        """How many of the first window of 3 around point `i`, all on its side, are near a limit."""
        here = _side(self.points[i])
        for first in (i - 2, i - 1, i):
            window = range(first, first + 3)
            if first < 0 or window[-1] >= len(self.points):
                continue
            if any(self.start[j] != self.start[i] for j in window):
                continue
            if all(_side(self.points[j]) == here for j in window):
                count = sum(near(self.points[j]) for j in window)
                if count >= 2:
                    return count
        return 2  # the flag says so, even where the values alone do not show the window


def near(point: SpcPoint) -> bool:
    """Beyond two thirds of the way from the mean to a limit, but not past it."""
    if point.mean is None or point.upper_limit is None or point.lower_limit is None:
        return False
    if point.lower_limit <= point.value <= point.upper_limit:
        high = point.mean + (point.upper_limit - point.mean) * 2 / 3
        low = point.mean - (point.mean - point.lower_limit) * 2 / 3
        return point.value > high or point.value < low
    return False


def _side(point: SpcPoint) -> int:
    """+1 above the segment's mean, -1 below, 0 on it or with no mean."""
    if point.mean is None or point.value == point.mean:
        return 0
    return 1 if point.value > point.mean else -1


def _step(points: Sequence[SpcPoint], j: int) -> int:
    """The direction from point j - 1 to point j within a segment; 0 at a segment's start."""
    if j == 0 or points[j - 1].segment != points[j].segment:
        return 0
    before, now = points[j - 1].value, points[j].value
    return 0 if now == before else (1 if now > before else -1)


def _starts(points: Sequence[SpcPoint]) -> list[int]:
    starts: list[int] = []
    for j, point in enumerate(points):
        new = j == 0 or points[j - 1].segment != point.segment
        starts.append(j if new else starts[-1])
    return starts


def _sides(points: Sequence[SpcPoint], starts: Sequence[int]) -> list[int]:
    """For each point, how many points its run on one side of the mean holds (0 on the mean)."""
    sides = [_side(p) for p in points]
    lengths = [0] * len(points)
    j = 0
    while j < len(points):
        k = j
        while k + 1 < len(points) and starts[k + 1] == starts[j] and sides[k + 1] == sides[j]:
            k += 1
        for m in range(j, k + 1):
            lengths[m] = k - j + 1 if sides[j] else 0
        j = k + 1
    return lengths


def _moves(points: Sequence[SpcPoint], direction: int) -> list[int]:
    """For each point, how many points the run rising (1) or falling (-1) through it holds."""
    lengths = [1] * len(points)
    j = 1
    while j < len(points):
        if _step(points, j) != direction:
            j += 1
            continue
        k = j
        while k + 1 < len(points) and _step(points, k + 1) == direction:
            k += 1
        for m in range(j - 1, k + 1):  # the run starts at the point before its first step
            lengths[m] = k - j + 2
        j = k + 1
    return lengths
