"""The Making Data Count summary icons, drawn here as small inline SVGs: a ring in the meaning's
colour, a letter (H or L for which way the variation went; P, F or ? for assurance) and a short
run of dots, each with its words as the accessible name. Our own drawing, not NHS artwork."""

from __future__ import annotations

from typing import Final

from icp_objectives.measures import palette, svg
from icp_objectives.measures.analysis import Analysis, Assurance, Better, PointType
from icp_objectives.measures.labels import ASSURANCES, KINDS, no_limits_label

_DOTS_X: Final = (22, 31, 40, 50, 60, 69, 78)
_FEW_X: Final = (29, 43, 57, 71)  # no limits yet: a short run
# Heights of the run of dots in the lower half: level for common cause, climbing for high.
_LEVEL: Final = (66, 60, 70, 62, 68, 61, 66)
_CLIMB: Final = (76, 74, 77, 71, 66, 61, 56)
_ABOVE: Final = (57, 54, 56, 53, 56, 52, 55)  # all on the passing side of the target line
_ACROSS: Final = (57, 72, 59, 74, 55, 71, 63)  # either side of it
_TARGET_Y: Final = 64
_USUAL: Final = 3  # how many dots at the start of a special-cause run are drawn common cause


def variation_icon(analysis: Analysis, *, size: int = 40) -> str:
    """The variation icon of the measure's last point; a dashed grey ring when there are no
    limits yet, named with the reason."""
    kind = analysis.variation
    if kind is None:
        title = no_limits_label(analysis)
        return _icon(title, palette.GREY, "", _LEVEL[:4], size, dashed=True, dots_y=-16)
    colour = palette.POINT_COLOURS[kind]
    if kind == "common_cause":
        return _icon(KINDS[kind], colour, "", _LEVEL, size, dots_y=-16)
    high = _high(kind, analysis.better)
    heights = _CLIMB if high else tuple(130 - y for y in _CLIMB)
    title = variation_title(kind, analysis.better)
    return _icon(title, colour, "H" if high else "L", heights, size, usual=_USUAL)


def assurance_icon(analysis: Analysis, *, size: int = 40) -> str:
    """The assurance icon: P passing, F failing, ? hit and miss; '' when there is no
    assurance (no target, a neutral measure or no limits), so a template can leave it out."""
    if analysis.assurance is None:
        return ""
    title = assurance_title(analysis.assurance)
    if analysis.assurance == "consistent_pass":
        return _icon(title, palette.BLUE, "P", _ABOVE, size, target=True)
    if analysis.assurance == "consistent_fail":
        below = tuple(2 * _TARGET_Y - y for y in _ABOVE)
        return _icon(title, palette.ORANGE, "F", below, size, target=True)
    return _icon(title, palette.GREY, "?", _ACROSS, size, target=True)


def variation_title(kind: PointType, better: Better) -> str:
    """The words a variation icon carries: its kind and, for special cause, which way."""
    if kind == "common_cause":
        return KINDS[kind]
    if kind.startswith("special_cause_neutral"):
        return f"{KINDS[kind]}: neither direction is better"
    return f"{KINDS[kind]} ({'high' if _high(kind, better) else 'low'})"


def assurance_title(assurance: Assurance) -> str:
    """The words an assurance icon carries."""
    return ASSURANCES[assurance]


def _high(kind: PointType, better: Better) -> bool:
    """Whether the special cause is above the mean: improvement is on the better side."""
    if kind == "special_cause_neutral_high":
        return True
    if kind == "special_cause_neutral_low":
        return False
    improving = kind == "special_cause_improvement"
    return improving == (better != "lower")


def _icon(
    title: str,
    colour: str,
    letter: str,
    heights: tuple[int, ...],
    size: int,
    *,
    dashed: bool = False,
    target: bool = False,
    dots_y: int = 0,
    usual: int = 0,
) -> str:
    name = svg.text(title)
    dash = ' stroke-dasharray="9 6"' if dashed else ""
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{size}" height="{size}"'
        f' viewBox="0 0 100 100" role="img" aria-label="{name}"><title>{name}</title>',
        f'<circle cx="50" cy="50" r="45" fill="{palette.WHITE}" stroke="{colour}"'
        f' stroke-width="7"{dash}/>',
    ]
    if target:
        parts.append(
            f'<path d="M18 {_TARGET_Y}H82" stroke="{palette.RED}" stroke-width="3"'
            ' stroke-dasharray="6 4" fill="none"/>'
        )
    if heights:
        xs = _DOTS_X if len(heights) == len(_DOTS_X) else _FEW_X
        line = " ".join(f"{x} {y + dots_y}" for x, y in zip(xs, heights, strict=True))
        parts.append(
            f'<polyline points="{line}" fill="none" stroke="{palette.GREY}" stroke-width="2.5"/>'
        )
        parts.extend(
            f'<circle cx="{x}" cy="{y + dots_y}" r="5"'
            f' fill="{palette.GREY if n < usual else colour}"/>'
            for n, (x, y) in enumerate(zip(xs, heights, strict=True))
        )
    if letter:
        parts.append(
            f'<text x="50" y="45" font-family="{svg.FONT}" font-size="34" font-weight="bold"'
            f' text-anchor="middle" fill="{colour}">{letter}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)
