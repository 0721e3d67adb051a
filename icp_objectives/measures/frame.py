"""Where things go on a chart: the margins, the plot area, the scales from periods and values
to positions, and the axes with their thinned labels. Pure arithmetic on the figures."""

from __future__ import annotations

import heapq
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property

from icp_objectives.domain.figures import symbol_unit
from icp_objectives.measures import palette, svg
from icp_objectives.measures.analysis import Analysis
from icp_objectives.measures.figures import figure, period_ticks, tick, value_ticks
from icp_objectives.measures.svg import num

PAD = 8.0  # around the edge
TITLE = 15.0  # font sizes
SMALL = 11.0
PLOT_HEIGHT = 200.0
INSET = 6.0  # between the outermost ticks and the plot's edges, so no point sits on an axis
MOST_PERIOD_LABELS = 12


@dataclass(frozen=True)
class Frame:
    """The plot area and the scales of one chart."""

    width: float
    left: float
    right: float
    top: float
    bottom: float
    count: int  # points along the x axis
    low: float  # the value at the bottom of the plot, and at the top
    high: float

    @cached_property
    def step(self) -> float:
        """The distance between two neighbouring points."""
        return (self.right - self.left) / max(1, self.count)

    def x(self, i: int) -> float:
        """Where point `i` sits across."""
        return self.left + (i + 0.5) * self.step

    def y(self, value: float) -> float:
        """Where `value` sits up the plot."""
        room = self.bottom - self.top - 2 * INSET
        return self.bottom - INSET - (value - self.low) / (self.high - self.low) * room


@dataclass(frozen=True)
class Axes:
    """The value ticks with their labels, the unit caption and the target's label: what sets
    the margins."""

    ticks: list[float]
    labels: list[str]
    caption: str
    target_label: str


def axes(analysis: Analysis, *, unit: str, target: float | None) -> Axes:
    """Round-number ticks that cover every reading, limit and the target."""
    values = [p.value for p in analysis.points]
    for p in analysis.points:
        values.extend(v for v in (p.mean, p.lower_limit, p.upper_limit) if v is not None)
    if target is not None:
        values.append(target)
    ticks, decimals = value_ticks(min(values, default=0.0), max(values, default=1.0))
    return Axes(
        ticks=ticks,
        labels=[tick(v, unit, decimals) for v in ticks],
        caption="" if symbol_unit(unit) else unit,
        target_label="" if target is None else f"Target {figure(target, unit)}",
    )


def frame(scale: Axes, *, width: float, top: float, count: int) -> Frame:
    """The plot area that leaves room for the value labels, the caption and the target label."""
    widest = max((svg.width_of(label, SMALL) for label in scale.labels), default=0.0)
    left = PAD + (SMALL + 8 if scale.caption else 0) + widest + 8
    room = svg.width_of(scale.target_label, SMALL) + 6 if scale.target_label else 14
    return Frame(
        width=width,
        left=left,
        right=width - PAD - room,
        top=top,
        bottom=top + PLOT_HEIGHT,
        count=count,
        low=scale.ticks[0],
        high=scale.ticks[-1],
    )


def value_axis(at: Frame, scale: Axes) -> str:
    """Gridlines at the ticks, their labels, the axis line and the unit caption."""
    grid = "".join(f"M{num(at.left)} {num(at.y(v))}H{num(at.right)}" for v in scale.ticks)
    parts = [f'<path class="grid" d="{grid}" stroke="{palette.PALE}" stroke-width="1"/>']
    parts.extend(
        f'<text x="{num(at.left - 6)}" y="{num(at.y(v) + SMALL * 0.35)}"'
        f' text-anchor="end">{svg.text(label)}</text>'
        for v, label in zip(scale.ticks, scale.labels, strict=True)
    )
    if scale.caption:
        middle = (at.top + at.bottom) / 2
        caption = svg.shorten(scale.caption, SMALL, at.bottom - at.top)
        parts.append(
            f'<text x="{num(PAD + SMALL)}" y="{num(middle)}" text-anchor="middle"'
            f' transform="rotate(-90 {num(PAD + SMALL)} {num(middle)})">{svg.text(caption)}</text>'
        )
    return "".join(parts)


def period_axis(at: Frame, periods: Sequence[str]) -> str:
    """The axis line and a label under every so many periods: never more than fit, nor 12."""
    longest = heapq.nlargest(50, periods, key=len)  # the widest is among the longest
    widest = max((svg.width_of(p, SMALL) for p in longest), default=0.0)
    fit = int((at.right - at.left) // (widest + 12)) if widest else MOST_PERIOD_LABELS
    shown = period_ticks(len(periods), most=max(1, min(MOST_PERIOD_LABELS, fit)))
    marks = "".join(f"M{num(at.x(i))} {num(at.bottom)}v4" for i in shown)
    base = f"M{num(at.left)} {num(at.top)}V{num(at.bottom)}H{num(at.right)}"
    parts = [f'<path class="axes" d="{base}{marks}" fill="none" stroke="{palette.SECONDARY}"/>']
    for i in shown:
        label = svg.shorten(periods[i], SMALL, at.width - 2 * PAD)
        half = svg.width_of(label, SMALL) / 2
        centre = min(max(at.x(i), PAD + half), at.width - PAD - half)
        parts.append(
            f'<text class="period" x="{num(centre)}" y="{num(at.bottom + 6 + SMALL)}"'
            f' text-anchor="middle">{svg.text(label)}</text>'
        )
    return "".join(parts)
