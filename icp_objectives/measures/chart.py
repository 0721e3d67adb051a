"""The XmR chart of a measure as an inline SVG: readings, mean, process limits, target,
recalculated segments and special-cause points marked by shape and colour, with a legend in
words and a text alternative. Plain SVG 1.1 (no CSS, script or foreign objects) so that
browsers, WeasyPrint and cairosvg draw it alike; the same input gives the same bytes."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

from icp_objectives.measures import marks, palette, svg
from icp_objectives.measures.analysis import Analysis
from icp_objectives.measures.frame import (
    PAD,
    SMALL,
    TITLE,
    Frame,
    axes,
    frame,
    period_axis,
    value_axis,
)
from icp_objectives.measures.labels import no_limits_label
from icp_objectives.measures.legend import legend
from icp_objectives.measures.marks import Line, Mark, Paired
from icp_objectives.measures.rows import chart_summary
from icp_objectives.measures.svg import num

WIDTH = 640.0
DOTS_FROM = 5.0  # common-cause points get a marker when at least this far apart


def xmr_chart(
    analysis: Analysis,
    *,
    periods: Sequence[str],
    title: str,
    unit: str,
    target: float | None,
    id_prefix: str | None = None,
) -> str:
    """The chart as one `<svg>` element. `periods` names the points one for one; `id_prefix`
    keeps the ids of several charts on a page apart (by default, one made from the data)."""
    if len(periods) != len(analysis.points):
        raise ValueError(f"{len(periods)} periods for {len(analysis.points)} points")
    ids = svg.identifier(id_prefix or _fingerprint(analysis, periods, title))
    lines = svg.wrap(title, TITLE * 1.1, WIDTH - 2 * PAD, lines=2)
    note = no_limits_label(analysis) if analysis.points and analysis.mean is None else ""
    top = PAD + len(lines) * (TITLE + 4) + (SMALL + 6 if note else 0) + 10
    scale = axes(analysis, unit=unit, target=target)
    at = frame(scale, width=WIDTH, top=top, count=len(analysis.points))
    body: list[str] = [_heading(lines, note)]
    items: list[Line | Mark | Paired] = []
    if analysis.points:
        body += [value_axis(at, scale), period_axis(at, periods)]
        body.append(_segments(analysis, at, items))
        if target is not None:
            body.append(_target(at, target, scale.target_label))
            items.append(marks.TARGET)
        body.append(_markers(analysis, at, items))
    else:
        middle = (at.top + at.bottom) / 2
        body.append(f'<text x="{num(WIDTH / 2)}" y="{num(middle)}" text-anchor="middle">')
        body.append("No readings yet</text>")
    key, tall = legend(items, left=PAD, right=WIDTH - PAD, top=at.bottom + SMALL + 18)
    height = at.bottom + SMALL + 18 + tall + PAD
    summary = chart_summary(analysis, periods, unit=unit, target=target)
    return "".join(
        [
            f'<svg xmlns="http://www.w3.org/2000/svg" width="{num(WIDTH)}" height="{num(height)}"'
            f' viewBox="0 0 {num(WIDTH)} {num(height)}" role="img"'
            f' aria-labelledby="{ids}-title {ids}-desc" font-family="{svg.FONT}"'
            f' font-size="{num(SMALL)}" fill="{palette.TEXT}">',
            f'<title id="{ids}-title">{svg.text(title)}</title>',
            f'<desc id="{ids}-desc">{svg.text(summary)}</desc>',
            f'<rect width="{num(WIDTH)}" height="{num(height)}" fill="{palette.WHITE}"/>',
            *body,
            key,
            "</svg>",
        ]
    )


def _fingerprint(analysis: Analysis, periods: Sequence[str], title: str) -> str:
    """An id prefix that differs between charts of different data, and is the same every run."""
    digest = hashlib.blake2s(digest_size=5)
    digest.update(title.encode("utf-8", "surrogatepass"))
    digest.update("\x00".join(periods).encode("utf-8", "surrogatepass"))
    digest.update(repr([p.value for p in analysis.points]).encode())
    return f"xmr-{digest.hexdigest()}"


def _heading(lines: list[str], note: str) -> str:
    """The measure's name in bold, and why there are no limits when there are none."""
    parts = [
        f'<text x="{num(PAD)}" y="{num(PAD + (TITLE + 4) * (n + 1) - 4)}" font-size="{num(TITLE)}"'
        f' font-weight="bold">{svg.text(line)}</text>'
        for n, line in enumerate(lines)
    ]
    if note:
        y = PAD + (TITLE + 4) * len(lines) + SMALL + 2
        parts.append(
            f'<text x="{num(PAD)}" y="{num(y)}" fill="{palette.SECONDARY}">{svg.text(note)}.</text>'
        )
    return "".join(parts)


def _segments(analysis: Analysis, at: Frame, items: list[Line | Mark | Paired]) -> str:
    """Each stretch between recalculations: its own readings line, mean and limits, with a
    gap and a dotted divider between stretches."""
    stretches = _stretches(analysis)
    series, means, limits, dividers = [], "", "", ""
    for stretch in stretches:
        first, last = analysis.points[stretch[0]], stretch[-1]
        series.append(_polyline(analysis, at, stretch))
        span = f"{num(at.x(stretch[0]))} "
        end = f"H{num(at.x(last))}"
        if first.mean is not None:
            means += f"M{span}{num(at.y(first.mean))}{end}"
        for limit in (first.lower_limit, first.upper_limit):
            if limit is not None:
                limits += f"M{span}{num(at.y(limit))}{end}"
        if stretch[0]:
            dividers += f"M{num(at.x(stretch[0]) - at.step / 2)} {num(at.top)}V{num(at.bottom)}"
    line = marks.SERIES if at.step >= 1 else marks.DENSE_SERIES
    parts = [f'<g class="series" {line.attributes()}>{"".join(series)}</g>']
    items.append(marks.SERIES)
    for name, line, d in (
        ("mean", marks.MEAN, means),
        ("limits", marks.LIMITS, limits),
        ("recalculated", marks.RECALCULATED, dividers),
    ):
        if d:
            parts.append(f'<path class="{name}" d="{d}" {line.attributes()}/>')
            items.append(line)
    return "".join(parts)


def _stretches(analysis: Analysis) -> list[range]:
    starts = [
        i
        for i, point in enumerate(analysis.points)
        if i == 0 or analysis.points[i - 1].segment != point.segment
    ]
    ends = [*starts[1:], len(analysis.points)]
    return [range(a, b) for a, b in zip(starts, ends, strict=True)]


def _polyline(analysis: Analysis, at: Frame, stretch: range) -> str:
    """The readings joined up. A long series keeps, for each pixel column, only its first,
    lowest, highest and last point: the same picture in a fraction of the bytes."""
    keep: list[int] = list(stretch)
    if len(stretch) > 2 * (at.right - at.left):
        keep = []
        column: list[int] = []
        for i in stretch:
            if column and int(at.x(i)) != int(at.x(column[0])):
                keep += _extremes(analysis, column)
                column = []
            column.append(i)
        keep += _extremes(analysis, column)
    points = " ".join(f"{num(at.x(i))} {num(at.y(analysis.points[i].value))}" for i in keep)
    return f'<polyline points="{points}"/>'


def _extremes(analysis: Analysis, column: list[int]) -> list[int]:
    values = [analysis.points[i].value for i in column]
    low = column[values.index(min(values))]
    high = column[values.index(max(values))]
    return sorted({column[0], low, high, column[-1]})


def _target(at: Frame, target: float, label: str) -> str:
    y = at.y(target)
    return (
        f'<path class="target" d="M{num(at.left)} {num(y)}H{num(at.right)}"'
        f" {marks.TARGET.attributes()}/>"
        f'<text class="target-label" x="{num(at.right + 6)}" y="{num(y + SMALL * 0.35)}"'
        f' fill="{palette.RED}">{svg.text(label)}</text>'
    )


def _markers(analysis: Analysis, at: Frame, items: list[Line | Mark | Paired]) -> str:
    """A marker on every special-cause point, and on every other point where there is room.
    Where points crowd, the markers are smaller and only one is drawn in each small cell."""
    dots = at.step >= DOTS_FROM
    scale, cell = (1.0, 1.0) if dots else (0.6, 3.0)
    drawn: dict[Mark, dict[tuple[int, int], str]] = {}
    for i, point in enumerate(analysis.points):
        mark = marks.NO_LIMITS if point.point_type is None else marks.MARKS[point.point_type]
        if mark in (marks.NO_LIMITS, marks.COMMON) and not dots:
            continue
        x, y = at.x(i), at.y(point.value)
        where = (round(x / cell), round(y / cell))
        drawn.setdefault(mark, {}).setdefault(where, mark.at(x, y, scale))
    order = [*marks.MARKS.values(), marks.NO_LIMITS]
    shown = [mark for mark in order if mark in drawn]
    for mark in shown:  # the first kind of dot on the readings line shares its legend entry
        if mark in (marks.NO_LIMITS, marks.COMMON) and marks.SERIES in items:
            items[items.index(marks.SERIES)] = Paired(marks.SERIES, mark)
        else:
            items.append(mark)
    return "".join(mark.group(list(drawn[mark].values()), ring=scale) for mark in shown)
