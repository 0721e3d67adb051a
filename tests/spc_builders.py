"""Hand-built `Analysis` values for the chart, icon and label tests: the figures a test states,
never worked out by the statistics code."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from icp_objectives.measures.analysis import Analysis, Assurance, Better, PointType, SpcPoint

Rule = str  # "outside_limits", "trend", "two_of_three" or "shift"


@dataclass(frozen=True)
class Stretch:
    """One segment: its readings and, when it has 12 or more, the limits the test states."""

    values: Sequence[float]
    mean: float | None = None
    lower: float | None = None
    upper: float | None = None


@dataclass(frozen=True)
class Special:
    """A point the test marks as special cause, with the rules it is part of."""

    point_type: PointType
    rules: frozenset[Rule] = field(default_factory=frozenset)


def special(point_type: PointType, *rules: Rule) -> Special:
    return Special(point_type, frozenset(rules))


def build(
    stretches: Sequence[Stretch],
    *,
    marked: Mapping[int, Special] | None = None,
    better: Better = "higher",
    target: float | None = None,
    assurance: Assurance | None = None,
) -> Analysis:
    """An analysis whose points are the stretches' values in order; points not `marked` are
    common cause where their stretch has limits."""
    marked = marked or {}
    points: list[SpcPoint] = []
    for number, stretch in enumerate(stretches):
        for n, value in enumerate(stretch.values):
            i = len(points)
            mark = marked.get(i)
            has_limits = stretch.mean is not None
            kind: PointType | None = (
                (mark.point_type if mark else "common_cause") if has_limits else None
            )
            rules = mark.rules if mark else frozenset()
            before = stretch.values[n - 1] if n else None
            points.append(
                SpcPoint(
                    index=i,
                    value=value,
                    segment=number,
                    moving_range=None if before is None else abs(value - before),
                    mean=stretch.mean,
                    lower_limit=stretch.lower,
                    upper_limit=stretch.upper,
                    outside_limits="outside_limits" in rules,
                    trend="trend" in rules,
                    two_of_three="two_of_three" in rules,
                    shift="shift" in rules,
                    point_type=kind,
                )
            )
    last = stretches[-1] if stretches else Stretch(())
    return Analysis(
        points=tuple(points),
        better=better,
        target=target,
        mean=last.mean,
        lower_limit=last.lower,
        upper_limit=last.upper,
        variation=points[-1].point_type if points else None,
        assurance=assurance,
        no_limits_reason=None if last.mean is not None else "too few points",
    )


def months(count: int, start: int = 2019) -> list[str]:
    """Monthly periods written as the data does: 2019-01, 2019-02, ..."""
    return [f"{start + i // 12}-{i % 12 + 1:02d}" for i in range(count)]
