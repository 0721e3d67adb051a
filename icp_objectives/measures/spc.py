"""The entry point of the statistics: a series in, the Making Data Count reading of it out, as
NHSRplotthedots (the NHS's reference implementation, in R) reads it."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import get_args

from icp_objectives.measures import special_cause, xmr
from icp_objectives.measures.analysis import (
    MINIMUM_POINTS,
    Analysis,
    Better,
    PointType,
    SpcPoint,
)
from icp_objectives.measures.assurance import assurance

_DIRECTION = {"higher": 1, "lower": -1, "neutral": 0}


def analyse(
    values: Sequence[float],
    *,
    better: Better,
    target: float | None = None,
    segment_starts: Sequence[int] = (),
    baseline_points: int | None = None,
) -> Analysis:
    """Read a series as an XmR chart: limits per segment, special causes, variation and assurance.

    `segment_starts` are the indices where the limits are recalculated (NHSRplotthedots' `rebase`):
    each is the first point of a new segment, and every segment is computed on its own, so no run
    reaches across a boundary. Index 0 and repeats change nothing.

    `baseline_points` is NHSRplotthedots' `fix_after_n_points`, and like it applies to every
    segment: each segment's mean, moving ranges and limits come from its own first n points (all of
    them when it has fewer), and its later points are judged against those fixed limits. It must be
    at least MINIMUM_POINTS, as R requires 12.

    A segment of fewer than MINIMUM_POINTS points claims no limits: its points have no mean, limits
    or type. When the latest segment is short, or its baseline values are all equal (no spread),
    `no_limits_reason` says so in words. A segment with no spread reads as R reads it, where its
    limits are NaN: a mean but no limits (None), no point outside them or beyond two thirds,
    trends and shifts still found, and assurance 'inconsistent' against a target.

    Each point's `moving_range` is its distance from the previous point of its segment, as
    measured, before any screening and after the baseline too. Values must be finite; a bad
    argument is a ValueError.
    """
    series = _checked(values, better=better, target=target, baseline_points=baseline_points)
    bounds = xmr.segment_bounds(len(series), _checked_starts(segment_starts, len(series)))
    points: list[SpcPoint] = []
    latest: xmr.Limits | None = None
    for number, (start, end) in enumerate(bounds):
        latest = _segment_limits(series[start:end], baseline_points)
        points.extend(_segment_points(series, start, end, number, latest, better))
    reason = _no_limits_reason(bounds, latest, baseline_points)
    if latest is None:
        return Analysis(tuple(points), better, target, None, None, None, None, None, reason)
    return Analysis(
        points=tuple(points),
        better=better,
        target=target,
        mean=latest.mean,
        lower_limit=latest.lower,
        upper_limit=latest.upper,
        variation=points[-1].point_type,
        assurance=assurance(target, lower=latest.lower, upper=latest.upper, better=better),
        no_limits_reason=reason,
    )


def _segment_limits(segment: Sequence[float], baseline_points: int | None) -> xmr.Limits | None:
    """The segment's limits, or None when it is too short to claim any."""
    if len(segment) < MINIMUM_POINTS:
        return None
    return xmr.limits(segment, fixed_points=baseline_points)


def _segment_points(
    series: Sequence[float],
    start: int,
    end: int,
    number: int,
    found: xmr.Limits | None,
    better: Better,
) -> list[SpcPoint]:
    """The points of one segment with its limits, rule flags and types."""
    segment = series[start:end]
    ranges: list[float | None] = [None, *xmr.moving_ranges(segment)]
    if found is None:
        return [
            SpcPoint(
                start + i, y, number, ranges[i], None, None, None, False, False, False, False, None
            )
            for i, y in enumerate(segment)
        ]
    outside, near = _against_limits(segment, found)
    sides = [special_cause.sign(y - found.mean) for y in segment]
    trend = special_cause.part_of_run(special_cause.trend_ends(segment))
    two = special_cause.two_of_three(near, sides)
    shift = special_cause.part_of_run(special_cause.one_side_ends(sides))
    decided = special_cause.causes(
        segment, sides, outside=outside, trend=trend, two=two, shift=shift
    )
    direction = _DIRECTION[better]
    return [
        SpcPoint(
            index=start + i,
            value=y,
            segment=number,
            moving_range=ranges[i],
            mean=found.mean,
            lower_limit=found.lower,
            upper_limit=found.upper,
            outside_limits=outside[i],
            trend=trend[i],
            two_of_three=two[i],
            shift=shift[i],
            point_type=_point_type(decided[i][1], direction),
        )
        for i, y in enumerate(segment)
    ]


def _against_limits(segment: Sequence[float], found: xmr.Limits) -> tuple[list[bool], list[bool]]:
    """Which points lie strictly outside the limits; which strictly beyond two thirds but inside.

    With no lines (no spread) R compares against NaN and finds neither.
    """
    lo, hi, near_lo, near_hi = found.lower, found.upper, found.near_lower, found.near_upper
    if lo is None or hi is None or near_lo is None or near_hi is None:
        return [False] * len(segment), [False] * len(segment)
    outside = [y > hi or y < lo for y in segment]
    near = [
        not out and (y < near_lo or y > near_hi) for y, out in zip(segment, outside, strict=True)
    ]
    return outside, near


def _point_type(high_or_low: int, direction: int) -> PointType:
    """The point's type from the side its special cause lies on and which way is better."""
    if high_or_low == 0:
        return "common_cause"
    if direction == 0:
        return "special_cause_neutral_high" if high_or_low > 0 else "special_cause_neutral_low"
    good = high_or_low * direction > 0
    return "special_cause_improvement" if good else "special_cause_concern"


def _no_limits_reason(
    bounds: Sequence[tuple[int, int]], latest: xmr.Limits | None, baseline_points: int | None
) -> str | None:
    """Why the latest segment shows no limits, in words a board paper can print, or None."""
    need = f"statistical process control needs at least {MINIMUM_POINTS}."
    if not bounds:
        return f"No readings yet: {need}"
    start, end = bounds[-1]
    count = end - start
    if latest is None:
        readings = f"{count} reading{'' if count == 1 else 's'}"
        since = "since the limits were last recalculated" if len(bounds) > 1 else "so far"
        return f"Only {readings} {since}: {need}"
    if latest.lower is None:
        used = min(count, baseline_points) if baseline_points is not None else count
        return (
            f"All {used} readings that set the limits are the same, so there is no variation"
            " to set limits from."
        )
    return None


def _checked(
    values: Sequence[float], *, better: Better, target: float | None, baseline_points: int | None
) -> list[float]:
    """The values as floats, after refusing what the statistics cannot read."""
    if better not in get_args(Better):
        raise ValueError(f"better must be one of {', '.join(get_args(Better))}, not {better!r}")
    if target is not None and not math.isfinite(target):
        raise ValueError(f"target must be a finite number, not {target!r}")
    if baseline_points is not None and (
        isinstance(baseline_points, bool)
        or not isinstance(baseline_points, int)
        or baseline_points < MINIMUM_POINTS
    ):
        raise ValueError(
            f"baseline_points must be a whole number of at least {MINIMUM_POINTS},"
            f" not {baseline_points!r}"
        )
    series = [float(v) for v in values]
    for i, v in enumerate(series):
        if not math.isfinite(v):
            raise ValueError(f"value {i} is {v!r}: every value must be a finite number")
    return series


def _checked_starts(starts: Sequence[int], count: int) -> list[int]:
    """The segment starts, after refusing any that is not the index of a point."""
    for s in starts:
        if isinstance(s, bool) or not isinstance(s, int) or not 0 <= s < count:
            raise ValueError(f"segment start {s!r} is not the index of a point (0 to {count - 1})")
    return list(starts)
