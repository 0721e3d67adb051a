"""The numbers behind a chart, as data for a table (for screen readers and the Markdown paper),
and the one-paragraph description a chart carries as its text alternative. Pure."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from icp_objectives.measures.analysis import Analysis, PointType
from icp_objectives.measures.figures import figure
from icp_objectives.measures.labels import assurance_label, point_labels, variation_label


@dataclass(frozen=True)
class ChartRow:
    """One point as a table row: the figures, and the same written with the unit."""

    period: str
    value: float
    mean: float | None
    lower_limit: float | None
    upper_limit: float | None
    point_type: PointType | None
    shows: str  # what the point shows, in words: "Special cause of concern: below the lower limit"
    value_text: str  # "72%", "£175,000"
    mean_text: str  # "" when the point's segment has no limits yet
    limits_text: str  # "60% to 85%", or "" with no limits


def chart_rows(analysis: Analysis, periods: Sequence[str], *, unit: str = "") -> list[ChartRow]:
    """A row per point, in order, so a template can print the chart's numbers."""
    _check(analysis, periods)
    rows = []
    for point, period, shows in zip(analysis.points, periods, point_labels(analysis), strict=True):
        low, high = point.lower_limit, point.upper_limit
        limits = ""
        if low is not None and high is not None:
            limits = f"{figure(low, unit)} to {figure(high, unit)}"
        rows.append(
            ChartRow(
                period=period,
                value=point.value,
                mean=point.mean,
                lower_limit=low,
                upper_limit=high,
                point_type=point.point_type,
                shows=shows,
                value_text=figure(point.value, unit),
                mean_text="" if point.mean is None else figure(point.mean, unit),
                limits_text=limits,
            )
        )
    return rows


def chart_summary(
    analysis: Analysis, periods: Sequence[str], *, unit: str = "", target: float | None
) -> str:
    """A few short sentences that say what the chart shows: its text alternative."""
    _check(analysis, periods)
    goal = "" if target is None else f"target {figure(target, unit)}"
    if not analysis.points:
        return " ".join(_sentence(s) for s in ("No readings yet", goal) if s)
    latest = figure(analysis.points[-1].value, unit)
    sentences = [f"Latest value {latest} in {periods[-1]}", variation_label(analysis)]
    assurance = assurance_label(analysis)
    if assurance:
        sentences.append(assurance)
    figures = [goal] if goal else []
    if analysis.mean is not None:
        figures.append(f"mean {figure(analysis.mean, unit)}")
    if analysis.lower_limit is not None and analysis.upper_limit is not None:
        low, high = figure(analysis.lower_limit, unit), figure(analysis.upper_limit, unit)
        figures.append(f"process limits {low} to {high}")
    starts = [i for i in range(1, len(analysis.points)) if _new_segment(analysis, i)]
    if starts:
        figures.append(f"limits recalculated from {_listing([periods[i] for i in starts])}")
    if figures:
        sentences.append(", ".join(figures))
    return " ".join(_sentence(s) for s in sentences)


def _new_segment(analysis: Analysis, i: int) -> bool:
    return analysis.points[i].segment != analysis.points[i - 1].segment


def _sentence(words: str) -> str:
    return words[:1].upper() + words[1:] + ("" if words.endswith(".") else ".")


def _listing(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _check(analysis: Analysis, periods: Sequence[str]) -> None:
    """A caller's mistake, not a user's: the periods must name the points one for one."""
    if len(periods) != len(analysis.points):
        raise ValueError(f"{len(periods)} periods for {len(analysis.points)} points")
