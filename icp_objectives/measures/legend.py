"""A chart's legend in words: each line and marker the chart draws, beside what it means, laid
out in rows that wrap to the chart's width."""

from __future__ import annotations

from collections.abc import Sequence

from icp_objectives.measures import palette, svg
from icp_objectives.measures.marks import RECALCULATED, Line, Mark, Paired
from icp_objectives.measures.svg import num

SIZE = 11  # font size
ROW = 18  # row height
GLYPH = 22  # width of the sample line or marker
GAP = 18  # space between items


def legend(
    items: Sequence[Line | Mark | Paired], *, left: float, right: float, top: float
) -> tuple[str, float]:
    """The legend as SVG starting at `top`, and the height it takes."""
    parts: list[str] = []
    x, row = left, 0
    for item in items:
        width = GLYPH + 5 + svg.width_of(item.words, SIZE)
        if x > left and x + width > right:
            x, row = left, row + 1
        middle = top + row * ROW + ROW / 2
        parts.append(_glyph(item, x, middle))
        parts.append(
            f'<text x="{num(x + GLYPH + 5)}" y="{num(middle + SIZE * 0.35)}">'
            f"{svg.text(item.words)}</text>"
        )
        x += width + GAP
    body = "".join(parts)
    group = (
        f'<g class="legend" font-family="{svg.FONT}" font-size="{SIZE}" fill="{palette.TEXT}">'
        f"{body}</g>"
    )
    return group, (row + 1) * ROW if items else 0.0


def _glyph(item: Line | Mark | Paired, x: float, middle: float) -> str:
    if isinstance(item, Paired):
        return _glyph(item.line, x, middle) + _glyph(item.mark, x, middle)
    if isinstance(item, Mark):
        return item.group([item.at(x + GLYPH / 2, middle)])
    if item is RECALCULATED:
        centre = num(x + GLYPH / 2)
        return f'<path d="M{centre} {num(middle - 7)}V{num(middle + 7)}" {item.attributes()}/>'
    return f'<path d="M{num(x)} {num(middle)}h{GLYPH}" {item.attributes()}/>'
