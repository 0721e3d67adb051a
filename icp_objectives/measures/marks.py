"""How each kind of point is drawn on a chart and in its legend: shape as well as colour, so a
reader who cannot tell the colours apart still sees which points are special."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from icp_objectives.measures import palette
from icp_objectives.measures.analysis import PointType
from icp_objectives.measures.svg import num


@dataclass(frozen=True)
class Mark:
    """A kind of marker: its colour, its shape and what the legend calls it."""

    kind: str  # the class of the group that holds these markers
    colour: str
    shape: str  # circle, square, up (triangle), down (triangle)
    size: float  # radius, or half the side
    words: str
    hollow: bool = False  # an outline: a reading with no limits to judge it by yet

    def at(self, x: float, y: float, scale: float = 1.0) -> str:
        """One marker centred on (x, y), `scale` times its usual size."""
        r = self.size * scale
        if self.shape == "circle":
            return f'<circle cx="{num(x)}" cy="{num(y)}" r="{num(r)}"/>'
        if self.shape == "square":
            side = num(2 * r)
            return f'<rect x="{num(x - r)}" y="{num(y - r)}" width="{side}" height="{side}"/>'
        tip = -1.15 * r if self.shape == "up" else 1.15 * r
        return (
            f'<path d="M{num(x)} {num(y + tip)}L{num(x + r)} {num(y - tip * 0.75)}H{num(x - r)}Z"/>'
        )

    def group(self, markers: list[str], *, ring: float = 1.0) -> str:
        """The markers of this kind, ringed in white so that they stand out from the lines."""
        fill, stroke = (palette.WHITE, self.colour) if self.hollow else (self.colour, palette.WHITE)
        width = ring * 1.5 if self.hollow else ring
        return (
            f'<g class="{self.kind}" fill="{fill}" stroke="{stroke}"'
            f' stroke-width="{num(width)}">{"".join(markers)}</g>'
        )


COMMON: Final = Mark("points-common", palette.GREY, "circle", 3, "Readings, common cause")
NO_LIMITS: Final = Mark(
    "points-no-limits", palette.GREY, "circle", 3, "Readings, no limits yet", hollow=True
)
MARKS: Final[dict[PointType, Mark]] = {
    "common_cause": COMMON,
    "special_cause_improvement": Mark(
        "points-improvement", palette.BLUE, "circle", 5.5, "Special cause: improvement"
    ),
    "special_cause_concern": Mark(
        "points-concern", palette.ORANGE, "square", 4.5, "Special cause: concern"
    ),
    "special_cause_neutral_high": Mark(
        "points-neutral-high", palette.PURPLE, "up", 5.5, "Special cause: high"
    ),
    "special_cause_neutral_low": Mark(
        "points-neutral-low", palette.PURPLE, "down", 5.5, "Special cause: low"
    ),
}


@dataclass(frozen=True)
class Line:
    """A kind of line: the series, the mean, the limits, the target, a recalculation."""

    colour: str
    width: float
    dash: str  # "" for solid
    words: str

    def attributes(self) -> str:
        """The stroke attributes, the same on the chart and in the legend."""
        dash = f' stroke-dasharray="{self.dash}"' if self.dash else ""
        return f'fill="none" stroke="{self.colour}" stroke-width="{num(self.width)}"{dash}'


@dataclass(frozen=True)
class Paired:
    """A legend entry for the readings line with the dots on it."""

    line: Line
    mark: Mark

    @property
    def words(self) -> str:
        return self.mark.words


SERIES: Final = Line(palette.GREY, 1.5, "", "Readings")
DENSE_SERIES: Final = Line(palette.GREY, 0.8, "", "Readings")  # more points than pixels
MEAN: Final = Line(palette.TEXT, 1.5, "", "Mean")
LIMITS: Final = Line(palette.SECONDARY, 1.2, "6 4", "Process limits")
TARGET: Final = Line(palette.RED, 2, "12 3 2 3", "Target")
RECALCULATED: Final = Line(palette.SECONDARY, 1, "2 3", "Limits recalculated")
