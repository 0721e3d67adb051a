"""What a fault is, and the faults of values that read but not as written (an impossible date)."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class YamlFault(Exception):
    """A file that is not readable YAML, located at a line and column counted from 1."""

    line: int
    column: int
    code: str
    message: str


class BadDate(str):
    """A plain value shaped like a date that names no real day, kept as it was written.

    The reader reports it (see `load_with_faults`); the schema leaves it to that report.
    """


def _value_fault(node: Any, code: str, message: str) -> YamlFault:
    mark = node.start_mark
    return YamlFault(mark.line + 1, mark.column + 1, code, message)


def bad_date_fault(node: Any) -> YamlFault:
    value = str(node.value)
    return _value_fault(
        node,
        "bad-date",
        f"{value} is not a real date: {_why_not_a_date(value)}; write a real date as"
        " YYYY-MM-DD, or put it in quotes if it is meant as text",
    )


def bad_number_fault(node: Any) -> YamlFault:
    value = str(node.value)
    if len(value) > 40:  # Python reads a few thousand digits, and prints fewer
        return _value_fault(
            node,
            "bad-value",
            f"a number {len(value)} characters long is too long to read; a reading needs a few"
            " digits at most, so check what was pasted here, or put it in quotes if it is text",
        )
    return _value_fault(
        node,
        "bad-value",
        f"{value} is written like a number but names none; write the number in digits,"
        " or put it in quotes if it is meant as text",
    )


def _why_not_a_date(value: str) -> str:
    match = re.match(r"^(\d{4})-(\d{1,2})-(\d{1,2})", value)
    if not match:  # pragma: no cover - the resolver only tags such values as dates
        return "it names no day"
    year, month, day = (int(part) for part in match.groups())
    if not 1 <= month <= 12:
        return f"there is no month {month}"
    last = calendar.monthrange(year, month)[1]
    if not 1 <= day <= last:
        return f"{calendar.month_name[month]} {year} has {last} days"
    return "the time of day is not a real time"


def one_line(text: str) -> str:
    return " ".join(text.split())


_BREAK = re.compile(r"\r\n|\r|\n")  # how YAML ends a line, and so how lines are counted
_BYTE_BREAK = re.compile(rb"\r\n|\r|\n")


def place(text: str, index: int) -> tuple[int, int]:
    """The line and column (from 1) of character `index`, lines ended as YAML ends them."""
    breaks = list(_BREAK.finditer(text, 0, index))
    start = breaks[-1].end() if breaks else 0
    return len(breaks) + 1, index - start + 1


def place_in_bytes(data: bytes, index: int) -> tuple[int, int]:
    """As `place`, for byte `index` of bytes that may not all be text: columns in characters."""
    breaks = list(_BYTE_BREAK.finditer(data, 0, index))
    start = breaks[-1].end() if breaks else 0
    return len(breaks) + 1, len(data[start:index].decode("utf-8", "replace")) + 1
