"""What the statistics say about one measure's series: the types the SPC code returns and the
paper, the `measures` command and the review read."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Better = Literal["higher", "lower", "neutral"]
PointType = Literal[
    "common_cause",
    "special_cause_improvement",
    "special_cause_concern",
    "special_cause_neutral_high",
    "special_cause_neutral_low",
]
Assurance = Literal["consistent_pass", "consistent_fail", "inconsistent"]

# Fewer points than this in a segment and no limits are claimed for it (Making Data Count).
MINIMUM_POINTS = 12


@dataclass(frozen=True)
class SpcPoint:
    """One point of the series with the figures of the segment it belongs to."""

    index: int
    value: float
    segment: int  # 0 for the first stretch, 1 after the first recalculation, ...
    moving_range: float | None  # None for a segment's first point
    # The segment's centre line and process limits; None when the segment has too few points.
    mean: float | None
    lower_limit: float | None
    upper_limit: float | None
    # Which special-cause rules the point is part of (all False when there are no limits).
    outside_limits: bool
    trend: bool  # part of a run of 7 rising or 7 falling
    two_of_three: bool  # 2 of 3 beyond two thirds of the way to a limit, on one side
    shift: bool  # part of a run of 7 on one side of the mean
    point_type: PointType | None  # None when the segment has too few points


@dataclass(frozen=True)
class Analysis:
    """A measure's series read the Making Data Count way."""

    points: tuple[SpcPoint, ...]
    better: Better
    target: float | None
    # The latest segment's centre line and limits; None when it has too few points.
    mean: float | None
    lower_limit: float | None
    upper_limit: float | None
    variation: PointType | None  # the last point's type
    assurance: Assurance | None  # None with no target, a neutral measure or no limits
    # Why there are no limits (for the paper to say), or None when there are.
    no_limits_reason: str | None
