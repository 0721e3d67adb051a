"""What a measure's chart and icons say in plain English, for the paper, its screen-reader text
and the terminal: "Special cause of concern: 7 points below the mean". Pure."""

from __future__ import annotations

from typing import Final

from icp_objectives.measures.analysis import MINIMUM_POINTS, Analysis, Assurance, PointType
from icp_objectives.measures.runs import Finding, Runs

KINDS: Final[dict[PointType, str]] = {
    "common_cause": "Common cause variation",
    "special_cause_improvement": "Special cause of improvement",
    "special_cause_concern": "Special cause of concern",
    "special_cause_neutral_high": "Special cause variation, high",
    "special_cause_neutral_low": "Special cause variation, low",
}
ASSURANCES: Final[dict[Assurance, str]] = {
    "consistent_pass": "Consistently passing the target",
    "consistent_fail": "Consistently failing the target",
    "inconsistent": "Hit and miss: the target lies within the limits",
}
# The same in a word or two, for the summary table's narrow columns.
SHORT_KINDS: Final[dict[PointType, str]] = {
    "common_cause": "Common cause",
    "special_cause_improvement": "Improvement",
    "special_cause_concern": "Concern",
    "special_cause_neutral_high": "Special cause, high",
    "special_cause_neutral_low": "Special cause, low",
}
SHORT_ASSURANCES: Final[dict[Assurance, str]] = {
    "consistent_pass": "Passing",
    "consistent_fail": "Failing",
    "inconsistent": "Hit and miss",
}
NO_LIMITS_SHORT: Final = "No limits yet"
NO_READINGS: Final = "No readings yet"


def variation_label(analysis: Analysis) -> str:
    """The measure's variation, from its last point and the rule that marks it."""
    if analysis.variation is None or not analysis.points:
        return no_limits_label(analysis)
    kind = KINDS[analysis.variation]
    if analysis.variation == "common_cause":
        return kind
    last = len(analysis.points) - 1
    found = Runs(analysis.points).finding(last)
    return f"{kind}: {_latest(found)}" if found else kind


def assurance_label(analysis: Analysis) -> str | None:
    """Whether the process will meet its target; None when there is nothing to assure against."""
    return ASSURANCES[analysis.assurance] if analysis.assurance else None


def no_assurance_label(analysis: Analysis) -> str:
    """Why a measure has no assurance: no target, neither direction better, or no limits."""
    if not analysis.points:
        return NO_READINGS
    if analysis.target is None:
        return "No target to assure against"
    if analysis.better == "neutral":
        return "No assurance: neither higher nor lower is better"
    return "No assurance until the limits are drawn"


def short_variation(analysis: Analysis) -> str:
    """The variation in a word or two: 'Concern', 'Common cause', 'No limits yet'."""
    if not analysis.points:
        return NO_READINGS
    return SHORT_KINDS[analysis.variation] if analysis.variation else NO_LIMITS_SHORT


def short_assurance(analysis: Analysis) -> str:
    """The assurance in a word or two: 'Passing', 'Hit and miss', 'No target'."""
    if analysis.assurance is not None:
        return SHORT_ASSURANCES[analysis.assurance]
    if not analysis.points:
        return NO_READINGS
    if analysis.target is None:
        return "No target"
    return "None" if analysis.better == "neutral" else NO_LIMITS_SHORT


def no_limits_label(analysis: Analysis) -> str:
    """Why no limits are drawn: too few readings in the latest stretch."""
    if not analysis.points:
        return NO_READINGS
    last = len(analysis.points) - 1
    count = len(Runs(analysis.points).segment(last))
    since = " since the limits were recalculated" if analysis.points[last].segment else ""
    readings = "1 reading" if count == 1 else f"{count} readings"
    return f"No limits yet: {readings}{since}, {MINIMUM_POINTS} are needed"


def point_labels(analysis: Analysis) -> list[str]:
    """What each point shows, for the table beside the chart."""
    runs = Runs(analysis.points)
    return [_point(analysis, runs, i) for i in range(len(analysis.points))]


def _point(analysis: Analysis, runs: Runs, i: int) -> str:
    point = analysis.points[i]
    if point.point_type is None:
        return "No limits yet"
    if point.point_type == "common_cause":
        return "Common cause"
    kind = KINDS[point.point_type]
    found = runs.finding(i)
    if found is None:
        return kind
    last = i == len(analysis.points) - 1
    return f"{kind}: {_latest(found) if last else _within(found)}"


def _latest(found: Finding) -> str:
    """The rule as the latest point shows it: the run ends here."""
    if found.rule == "outside_limits":
        return f"a point {_beyond(found.side)}"
    if found.rule == "trend":
        return f"a run of {found.count} {_moving(found.side)} points"
    if found.rule == "two_of_three":
        return f"{found.count} of 3 points near the {_limit(found.side)}"
    return f"{found.count} points {_about(found.side)}"


def _within(found: Finding) -> str:
    """The rule as a point inside the run shows it."""
    if found.rule == "outside_limits":
        return _beyond(found.side)
    if found.rule == "trend":
        return f"part of a run of {found.count} {_moving(found.side)} points"
    if found.rule == "two_of_three":
        return f"one of {found.count} of 3 points near the {_limit(found.side)}"
    return f"part of {found.count} points {_about(found.side)}"


def _beyond(side: int) -> str:
    return "above the upper limit" if side > 0 else "below the lower limit"


def _moving(side: int) -> str:
    return "rising" if side > 0 else "falling"


def _limit(side: int) -> str:
    return "upper limit" if side > 0 else "lower limit"


def _about(side: int) -> str:
    return "above the mean" if side > 0 else "below the mean"
