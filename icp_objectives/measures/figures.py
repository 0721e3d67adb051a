"""How a chart writes its numbers: each value as the paper writes it everywhere
(`domain.figures.show_value`: '87%', '£175,000', '1,250 people'), and the round numbers and
periods an axis is marked with. Pure."""

from __future__ import annotations

import math
from typing import Final

from icp_objectives.domain.figures import CURRENCIES, number, show_value

# Steps between labelled periods: whole years and quarters of monthly data first, then round
# numbers, so long series are marked every 100 or 1,000 points.
_PERIOD_STEPS: Final = (1, 2, 3, 4, 6, 12, 24, 36, 48, 60)


def figure(value: float, unit: str) -> str:
    """A value on a chart or in its words, written as in the rest of the paper."""
    return show_value(value, unit)


def tick(value: float, unit: str, decimals: int) -> str:
    """An axis label with the decimals its step needs ('12.5', '15.0'), and its % or currency
    sign; other units go in the axis caption."""
    written = number(abs(value), decimals)
    sign = "-" if value < 0 and written.strip("0.,") else ""
    if unit == "%":
        return f"{sign}{written}%"
    if unit[:1] in CURRENCIES:
        return f"{sign}{unit[0]}{written}{unit[1:]}"
    return f"{sign}{written}"


def value_ticks(low: float, high: float, *, most: int = 6) -> tuple[list[float], int]:
    """Round numbers from at or below `low` to at or above `high`, at most about `most` of
    them, and the decimals they need."""
    if high - low < max(abs(low), abs(high)) * 1e-9 + 1e-6:  # flat, to the digits we print
        pad = max(abs(high) * 0.1, 1.0)
        low, high = low - pad, high + pad
    step = _nice_step((high - low) / max(1, most - 1))
    first, last = math.floor(low / step + 1e-9), math.ceil(high / step - 1e-9)
    decimals = next(d for d in range(12) if abs(step * 10**d - round(step * 10**d)) < 1e-6)
    return [round(k * step, decimals + 2) for k in range(first, last + 1)], decimals


def _nice_step(rough: float) -> float:
    power = 10.0 ** math.floor(math.log10(rough))
    for nice in (1.0, 2.0, 2.5, 5.0, 10.0):
        if rough <= nice * power * (1 + 1e-9):
            return nice * power
    return 10 * power


def period_ticks(count: int, *, most: int) -> list[int]:
    """Which of `count` periods get a label, at a regular round step, so that no more than
    `most` of them are written."""
    if count <= 0:
        return []
    need = math.ceil(count / max(1, most))
    step = next((s for s in _PERIOD_STEPS if s >= need), 0)
    power = 100
    while not step:
        step = next((s * power for s in (1, 2, 5) if s * power >= need), 0)
        power *= 10
    return list(range(0, count, step))
