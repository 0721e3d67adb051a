"""How dates, lists and numbers are written, in the paper and in every message. Pure."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, overload

from icp_objectives.domain.figures import show_value

if TYPE_CHECKING:
    from icp_objectives.domain.partnership import Partnership
    from icp_objectives.domain.periods import Quarter


@overload
def long_date(day: dt.date) -> str: ...
@overload
def long_date(day: None) -> None: ...
def long_date(day: dt.date | None) -> str | None:
    """For example '21 July 2020'; None for no date."""
    return f"{day.day} {day:%B %Y}" if day else None


def listing(items: Iterable[object], *, last: str = " and ", empty: str = "") -> str:
    """'A', 'A and B', 'A, B and C'; `last` goes before the last item (", " for 'A, B, C'),
    and `empty` stands for no items."""
    names = [str(item) for item in items]
    if not names:
        return empty
    if len(names) == 1:
        return names[0]
    return last.join([", ".join(names[:-1]), names[-1]])


def count(number: int, noun: str, plural: str | None = None, *, none: str = "no") -> str:
    """'no files', '1 file', '2 files': every count in a message agrees with its number.

    `plural` is for a noun that does not just add an s ('entry', 'entries'); `none` stands
    for zero ('No' at the start of a sentence, '0' where a figure reads better).
    """
    if number == 1:
        return f"1 {noun}"
    return f"{none if number == 0 else number} {plural or noun + 's'}"


QUARTER_SPELLINGS = ("Q1", "Q1 2020/21", "2020/21 Q1", "2020-21-Q1")  # how a quarter is typed
PERIOD_EXAMPLES = listing(QUARTER_SPELLINGS, last=" or ")
QUOTED_PERIOD_EXAMPLES = listing(  # as one value on a command line: quoted where it has a space
    (f"'{spelling}'" if " " in spelling else spelling for spelling in QUARTER_SPELLINGS),
    last=" or ",
)


def with_unit(value: float, unit: str) -> str:
    """A value as the paper prints it: '72%', '1,250 people', '£175,000', '3.5' (see
    `figures.show_value` for ratios, qualifiers and figures to date)."""
    return show_value(value, unit)


def paper_title(quarter: Quarter, partnership: Partnership | None = None) -> str:
    """The quarter's paper's title by the partnership's pattern; by default the title the
    first papers used, e.g. 'ICP Objectives Quarter 2 update Report for 20/21'."""
    from icp_objectives.domain.partnership import Terms

    terms = partnership.terms if partnership else Terms()
    name = (partnership.short_name or partnership.name) if partnership else ""
    return terms.paper_title.format(
        quarter=quarter.number,
        year=quarter.year.short_label,
        financial_year=quarter.year.label,
        partnership=name,
    )


# The words new-quarter writes for people to replace. `validate` warns where they are left in,
# since the paper would print them.
INTRODUCTION_PLACEHOLDER = "To be written: what the partnership achieved in"
BODY_PLACEHOLDER = "What changed this quarter, one bullet per point."
PLACEHOLDERS = (INTRODUCTION_PLACEHOLDER, BODY_PLACEHOLDER)
# How new-quarter's prompts for the cover sheet's text fields start ("To be written: the
# author's name and job title"): a cover field that still starts so is example text.
COVER_PLACEHOLDER = "To be written:"


def close_matches(typed: str, known: Iterable[str], *, most: int = 1) -> list[str]:
    """Up to `most` of the `known` words that look like `typed`, closest first: what a
    "did you mean" in a message offers."""
    import difflib  # only a message that offers a guess needs it

    return difflib.get_close_matches(typed, list(known), n=most, cutoff=0.6)


# What must never reach a terminal, a log or an annotation as it is: control characters (which
# move the cursor, colour the screen or end a line), line and paragraph separators, the marks
# that reverse the direction of text, and lone surrogates from file names that are not UTF-8.
_UNSEEN = re.compile(
    "[\x00-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def visible(text: str) -> str:
    """`text` on one line, with every character that could act on a terminal written as an
    escape (\\n, \\x1b, \\u202e) that shows what is in the file."""
    return _UNSEEN.sub(_escape, text)


def _escape(found: re.Match[str]) -> str:
    char = found[0]
    code = ord(char)
    return _NAMED.get(char) or (f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")
