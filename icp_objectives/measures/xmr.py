"""XmR arithmetic for one segment: the centre line, the moving ranges and the process limits,
computed in the order and with the comparisons NHSRplotthedots uses, so the figures agree."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

# 2.66 is 3 / d2 for moving ranges of two points (d2 = 1.128), the usual XmR constant.
LIMIT_FACTOR = 2.66
# Two thirds of the way from the mean to a limit; written as R writes it so the doubles agree.
NEAR_FACTOR = 2 * (LIMIT_FACTOR / 3)
# A moving range at least this many times the mean moving range is screened out (3.267 = D4).
SCREEN_FACTOR = 3.267
TOO_LARGE = "values too large to analyse: their sums or differences overflow"


@dataclass(frozen=True)
class Limits:
    """A segment's centre line and lines; the lines are None when the moving ranges are all zero."""

    mean: float
    mean_moving_range: float | None
    lower: float | None
    upper: float | None
    near_lower: float | None  # two thirds of the way from the mean to the lower limit
    near_upper: float | None


def mean_of(values: Sequence[float]) -> float:
    """The mean as R's `mean` gives it (an accurate sum, then one division); NaN for no values."""
    if not values:
        return math.nan
    try:
        return math.fsum(values) / len(values)
    except OverflowError:
        raise ValueError(TOO_LARGE) from None


def moving_ranges(values: Sequence[float]) -> list[float]:
    """The absolute differences of neighbouring values: one fewer than there are values."""
    return [abs(values[i] - values[i - 1]) for i in range(1, len(values))]


def limits(
    values: Sequence[float], *, fixed_points: int | None = None, screen: bool = True
) -> Limits:
    """The limits of one segment, fixed from its first `fixed_points` values (all when None).

    Screening follows NHSRplotthedots: a moving range is kept only when it is strictly below 3.267
    times the mean of all the baseline's moving ranges, and the limits use the mean of those kept.
    When every moving range is zero none is kept, so there is no spread to set lines from: R's
    limits are then NaN, here None.
    """
    baseline = values[:fixed_points] if fixed_points is not None else values
    centre = mean_of(baseline)
    ranges = moving_ranges(baseline)
    if any(math.isinf(r) for r in ranges):
        raise ValueError(TOO_LARGE)
    if screen:
        cut = SCREEN_FACTOR * mean_of(ranges)
        ranges = [r for r in ranges if r < cut]
    if not ranges:
        return Limits(centre, None, None, None, None, None)
    spread = mean_of(ranges)
    found = Limits(
        mean=centre,
        mean_moving_range=spread,
        lower=centre - LIMIT_FACTOR * spread,
        upper=centre + LIMIT_FACTOR * spread,
        near_lower=centre - NEAR_FACTOR * spread,
        near_upper=centre + NEAR_FACTOR * spread,
    )
    if not math.isfinite(found.lower or 0.0) or not math.isfinite(found.upper or 0.0):
        raise ValueError(TOO_LARGE)
    return found


def segment_bounds(count: int, starts: Sequence[int]) -> list[tuple[int, int]]:
    """The [start, end) ranges of the segments that the rebase points `starts` cut `count` into."""
    cuts = sorted({s for s in starts if s != 0})
    edges = [0, *cuts, count]
    return [(edges[i], edges[i + 1]) for i in range(len(edges) - 1)] if count else []
