"""The colours and shapes of the charts and icons: Making Data Count's meanings, in shades dark
enough to keep 3:1 contrast against white (WCAG 1.4.11, graphics)."""

from __future__ import annotations

from typing import Final

from icp_objectives.measures.analysis import PointType

# Making Data Count's own grey, orange and light blue fail 3:1 on white (2.4, 2.5, 2.5), so each
# meaning keeps its hue in a darker shade. Contrast on white is in the comment.
GREY: Final = "#687884"  # common cause, hit and miss: 4.6:1
ORANGE: Final = "#B95A00"  # concern, consistently failing: 4.6:1
BLUE: Final = "#0072C6"  # improvement, consistently passing: 5.0:1
PURPLE: Final = "#7B3FB0"  # neutral special cause: 6.6:1
TEXT: Final = "#212B32"  # NHS text colour: 14.4:1
SECONDARY: Final = "#4C6272"  # NHS secondary text: 6.4:1
RED: Final = "#D5281B"  # NHS red, for the target line: 5.1:1
PALE: Final = "#D8DDE0"  # gridlines only: decoration, no meaning, so no contrast needed
WHITE: Final = "#FFFFFF"

POINT_COLOURS: Final[dict[PointType, str]] = {
    "common_cause": GREY,
    "special_cause_improvement": BLUE,
    "special_cause_concern": ORANGE,
    "special_cause_neutral_high": PURPLE,
    "special_cause_neutral_low": PURPLE,
}


def contrast(colour: str, background: str = WHITE) -> float:
    """The WCAG contrast ratio of two '#RRGGBB' colours, for the tests that keep these honest."""
    light, dark = sorted((_luminance(colour), _luminance(background)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def _luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    r, g, b = (c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b
