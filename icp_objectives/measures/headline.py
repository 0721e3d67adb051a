"""A headline figure of a measure, as a summary's narrative prints it, as it stood on a date.

The figure is written as the paper writes values ('£175,000', '0.75%', '115 of 118 (97%)',
'over 11,000') but without a unit that is a word: the sentence around it names what is
counted ("**5,256** referrals"), and says "to date" where a figure is cumulative. Pure.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from icp_objectives.domain import figures
from icp_objectives.domain.figures import number, show_value
from icp_objectives.domain.model import Measure
from icp_objectives.domain.periods import MONTH_NAMES
from icp_objectives.measures.series import Observation, Series


@dataclass(frozen=True)
class Missing:
    """Why a measure has no such figure on the date: a sentence ending in how to fix it."""

    why: str


def symbol_unit(measure: Measure) -> str:
    """The measure's unit if it is one printed with the number (%, £), otherwise ''."""
    return measure.unit if figures.symbol_unit(measure.unit) else ""


def month_label(day: dt.date) -> str:
    """'February 2021': the month a date falls in, as a summary is dated."""
    return f"{MONTH_NAMES[day.month - 1]} {day.year}"


def figure(series: Series, kind: str, as_of: dt.date | None) -> str | Missing:
    """The figure of `kind` (see domain.placeholders.KINDS) from a series cut at `as_of`
    (the readings; a baseline and a target are the measure's at any date)."""
    measure = series.measure
    unit = symbol_unit(measure)
    if kind == "target":
        if measure.target is None:
            return Missing(f"'{measure.id}' has no target; give it one, or use another figure")
        return show_value(measure.target.value, unit)
    if kind == "baseline":
        return _baseline(measure, unit)
    points = series.observations
    if not points:
        return Missing(f"'{measure.id}' has no reading{_by(as_of)}; {_fix(measure, as_of)}")
    if kind in ("lowest", "highest"):
        pick = min if kind == "lowest" else max
        return _shown(pick(points, key=lambda o: o.value), unit)
    latest = points[-1]
    if kind == "latest":
        return _shown(latest, unit)
    count = latest.numerator if kind == "numerator" else latest.denominator
    if count is None:
        return Missing(
            f"the latest reading of '{measure.id}' ({latest.period.label}) is no ratio, so it"
            f" has no {kind}; give it a numerator and denominator, or use {{latest:{measure.id}}}"
        )
    return number(count)


def _shown(point: Observation, unit: str) -> str:
    return show_value(
        point.value,
        unit,
        numerator=point.numerator,
        denominator=point.denominator,
        qualifier=point.qualifier,
    )


def _baseline(measure: Measure, unit: str) -> str | Missing:
    """The baseline, whatever the date: like the target, it belongs to the measure, and may
    be set after the period it describes."""
    if measure.baseline is None:
        return Missing(f"'{measure.id}' has no baseline; give it one, or use another figure")
    return show_value(measure.baseline.value, unit)


def _by(as_of: dt.date | None) -> str:
    return f" by the end of {month_label(as_of)}" if as_of is not None else ""


def _fix(measure: Measure, as_of: dt.date | None) -> str:
    later = ", or choose a later --as-of" if as_of is not None else ""
    return f"add one to objectives/measures/{measure.id}.csv{later}"
