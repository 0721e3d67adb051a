"""How dates, lists and numbers are written, in the paper and in every message. Pure."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import overload


@overload
def long_date(day: dt.date) -> str: ...
@overload
def long_date(day: None) -> None: ...
def long_date(day: dt.date | None) -> str | None:
    """For example '21 July 2020'; None for no date."""
    return f"{day.day} {day:%B %Y}" if day else None


def listing(items: Sequence[str]) -> str:
    """'A', 'A and B', 'A, B and C'."""
    if len(items) < 2:
        return "".join(items)
    return " and ".join([", ".join(items[:-1]), items[-1]])


def with_unit(value: float, unit: str) -> str:
    """A value as the paper prints it: '72%', '1,250 people', '3.5'."""
    number = _number(value)
    if unit == "%":
        return f"{number}%"
    return f"{number} {unit}".strip()


def _number(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}".rstrip("0")
