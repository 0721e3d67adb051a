"""Small pieces for writing SVG by hand: escaped text, short numbers, and text widths guessed
well enough for layout. Plain SVG 1.1, so browsers, WeasyPrint and cairosvg draw the same."""

from __future__ import annotations

import re
from html import escape
from typing import Final

FONT: Final = "sans-serif"  # a generic family: every renderer has one
# Advance of a character in a sans-serif face, as a fraction of the font size: DejaVu Sans's
# (what Linux renderers fall back to, and wider than Arial or Helvetica), so layout errs wide.
CHAR_WIDTH: Final = 0.6  # a typical character, for fitting words to a width
_NARROW: Final = frozenset(" .,:;'!|()[]-ijlrtf")
_NOT_IN_ID = re.compile(r"[^A-Za-z0-9_-]")
# What XML 1.0 does not allow in a document at all, even escaped.
_NOT_IN_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def text(value: str) -> str:
    """Character data or an attribute value with every markup character escaped, and any
    character XML cannot hold (control characters, lone surrogates) made U+FFFD."""
    return escape(_NOT_IN_XML.sub("\ufffd", value), quote=True)


def num(value: float) -> str:
    """A coordinate to one decimal, without a trailing '.0': small files, same bytes each run."""
    rounded = round(value, 1)
    if rounded == 0:
        return "0"
    return f"{rounded:.1f}".removesuffix(".0")


def width_of(words: str, size: float) -> float:
    """Roughly how wide `words` draw at font `size`: enough to keep labels apart."""
    ems = sum(0.36 if c in _NARROW else 0.66 if c.isupper() or c.isdigit() else 0.6 for c in words)
    return ems * size


def identifier(prefix: str) -> str:
    """`prefix` made into a valid XML id: letters, digits, '-' and '_', starting with a letter."""
    cleaned = _NOT_IN_ID.sub("-", prefix)
    return cleaned if cleaned[:1].isalpha() else f"c-{cleaned}"


def shorten(words: str, size: float, room: float) -> str:
    """`words` cut with an ellipsis to fit `room` at font `size`."""
    most = max(1, int(room / (size * CHAR_WIDTH)))
    return words if len(words) <= most else words[: most - 1].rstrip() + "…"


def wrap(words: str, size: float, room: float, *, lines: int) -> list[str]:
    """`words` broken at spaces into at most `lines` lines that fit `room`; the last one cut."""
    most = max(1, int(room / (size * CHAR_WIDTH)))
    out: list[str] = []
    rest = words.split()
    while rest and len(out) < lines - 1:
        line = rest.pop(0)
        while rest and len(line) + 1 + len(rest[0]) <= most:
            line += " " + rest.pop(0)
        out.append(line)
    if rest:
        out.append(shorten(" ".join(rest), size, room))
    return [shorten(line, size, room) for line in out]
