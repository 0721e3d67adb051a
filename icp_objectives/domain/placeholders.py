"""The figures a narrative refers to, written {kind:measure-id}, found in its text. Pure.

`{latest:dta-medically-fit}` is the measure's latest reading; a backslash before the brace
(`\\{latest:x}`) keeps it as text, as Markdown reads `\\{` as a plain brace.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Final

# What each kind of figure is, for messages and the documentation.
KINDS: Final[dict[str, str]] = {
    "latest": "the latest reading",
    "baseline": "the baseline",
    "target": "the target",
    "lowest": "the lowest reading",
    "highest": "the highest reading",
    "numerator": "the latest reading's numerator (115 of 118: 115)",
    "denominator": "the latest reading's denominator (115 of 118: 118)",
}

# A word, a colon and one more word in braces is meant as a figure; what the words are is
# judged afterwards, so that a misspelt kind or id is reported rather than printed as it
# stands. Braces around other text ({as here}) are text.
_PLACEHOLDER = re.compile(
    r"(?<!\\)\{[ \t]*(?P<kind>[A-Za-z][\w-]*)[ \t]*:[ \t]*(?P<measure>[^\s{}]*)[ \t]*\}"
)


@dataclass(frozen=True)
class Placeholder:
    """One figure as written: its kind and measure, and where it is in the text."""

    kind: str
    measure: str
    start: int
    end: int

    @property
    def written(self) -> str:
        return f"{{{self.kind}:{self.measure}}}"


def placeholders(text: str) -> Iterator[Placeholder]:
    """Every figure `text` refers to, in order."""
    for found in _PLACEHOLDER.finditer(text):
        yield Placeholder(found["kind"], found["measure"], found.start(), found.end())


def replaced(text: str, fill: dict[int, str]) -> str:
    """`text` with the placeholder starting at each index of `fill` replaced by its value."""
    parts = []
    at = 0
    for placeholder in placeholders(text):
        if placeholder.start in fill:
            parts += [text[at : placeholder.start], fill[placeholder.start]]
            at = placeholder.end
    return "".join(parts) + text[at:]
