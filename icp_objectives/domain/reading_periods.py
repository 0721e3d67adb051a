"""The periods a measure is read in: months, weeks, quarters and financial years. Pure.

A measure declares how often it is read (`frequency`); a reading's period must be one of that
kind. A measure that declares none is read in quarters or whole years, as files were before
frequencies existed. Baselines and targets may name any period.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from icp_objectives.domain.periods import (
    MONTH_NAMES,
    FinancialYear,
    PeriodError,
    Quarter,
    parse_quarter,
    parse_year,
)

Frequency = Literal["monthly", "weekly", "quarterly", "yearly"]
FREQUENCIES: tuple[Frequency, ...] = ("monthly", "weekly", "quarterly", "yearly")
Kind = Literal["month", "week", "quarter", "year"]

# What each frequency's periods are called, and how one is written.
_KIND_OF: dict[Frequency, Kind] = {
    "monthly": "month",
    "weekly": "week",
    "quarterly": "quarter",
    "yearly": "year",
}
NOUN: dict[Kind, str] = {
    "month": "month",
    "week": "week",
    "quarter": "quarter",
    "year": "financial year",
}
SPELLING: dict[Kind, str] = {
    "month": "a month like 2021-01 (or Jan 2021)",
    "week": "an ISO week like 2021-W03, or the date the week ends, like 2021-01-24",
    "quarter": "a quarter like 2020/21 Q1",
    "year": "a financial year like 2020/21",
}


@dataclass(frozen=True)
class Period:
    """A period a value describes. Periods sort by the day they end, the shorter first (a
    quarter before the year it closes); two spellings of one period are equal."""

    last_day: dt.date
    first_day: dt.date
    kind: Kind

    def _key(self) -> tuple[dt.date, int]:
        return self.last_day, -self.first_day.toordinal()

    def __lt__(self, other: Period) -> bool:
        return self._key() < other._key()

    def __le__(self, other: Period) -> bool:
        return self._key() <= other._key()

    def __gt__(self, other: Period) -> bool:
        return self._key() > other._key()

    def __ge__(self, other: Period) -> bool:
        return self._key() >= other._key()

    @property
    def code(self) -> str:
        """The period as it is written in a file: 2021-01, 2021-W03, 2020/21 Q1, 2020/21."""
        if self.kind == "month":
            return f"{self.first_day:%Y-%m}"
        if self.kind == "week":
            year, week, _ = self.first_day.isocalendar()
            if self.first_day.weekday() == 0:
                return f"{year}-W{week:02d}"
            return self.last_day.isoformat()
        return self.quarter.label if self.kind == "quarter" else self.year.label

    @property
    def label(self) -> str:
        """The period for the paper: 'January 2021', 'week ending 24 January 2021',
        '2020/21 Q1', '2020/21'."""
        if self.kind == "month":
            return f"{MONTH_NAMES[self.first_day.month - 1]} {self.first_day.year}"
        if self.kind == "week":
            return f"week ending {self.last_day.day} {self.last_day:%B %Y}"
        return self.code

    @property
    def short_label(self) -> str:
        """The period on a chart's axis: 'Jan 2021', '24 Jan 2021', 'Q1 20/21', '20/21'."""
        if self.kind == "month":
            return f"{self.first_day:%b %Y}"
        if self.kind == "week":
            return f"{self.last_day.day} {self.last_day:%b %Y}"
        if self.kind == "quarter":
            return f"Q{self.quarter.number} {self.year.short_label}"
        return self.year.short_label

    @property
    def quarter(self) -> Quarter:
        """The quarter the period ends in (a year's is its Q4; a week's, that of its last day)."""
        return Quarter.containing(self.last_day)

    @property
    def year(self) -> FinancialYear:
        return FinancialYear.containing(self.last_day)

    def __str__(self) -> str:
        return self.code


def _in_range(year: int) -> None:
    if not 1900 <= year <= 2199:
        raise PeriodError(f"{year} is outside the years this tool accepts (1900 to 2199)")


def month(year: int, number: int) -> Period:
    """The calendar month `number` (1 to 12) of `year`."""
    _in_range(year)
    first = dt.date(year, number, 1)
    following = dt.date(year + number // 12, number % 12 + 1, 1)
    return Period(following - dt.timedelta(days=1), first, "month")


def week_ending(day: dt.date) -> Period:
    """The seven days that end on `day`."""
    _in_range(day.year)
    return Period(day, day - dt.timedelta(days=6), "week")


def iso_week(year: int, number: int) -> Period:
    """ISO week `number` of ISO year `year`: Monday to Sunday."""
    _in_range(year)
    try:
        monday = dt.date.fromisocalendar(year, number, 1)
    except ValueError:
        raise PeriodError(
            f"{year} has no week {number}: ISO weeks run from W01 to W52 (or W53)"
        ) from None
    return week_ending(monday + dt.timedelta(days=6))


def of_quarter(quarter: Quarter) -> Period:
    return Period(quarter.last_day, quarter.first_day, "quarter")


def of_year(year: FinancialYear) -> Period:
    last = dt.date(year.start + 1, 3, 31)
    return Period(last, dt.date(year.start, 4, 1), "year")


_SHORT_MONTHS = {name[:3].lower(): index for index, name in enumerate(MONTH_NAMES, 1)}
_LONG_MONTHS = {name.lower(): index for index, name in enumerate(MONTH_NAMES, 1)}
_ISO_MONTH = re.compile(r"^(?P<y>\d{4})-(?P<m>\d{1,2})$")
_NAMED_MONTH = re.compile(r"^(?P<name>[A-Za-z]+)\.?[\s-]*(?P<y>\d{4}|\d{2})$")
_ISO_WEEK = re.compile(r"^(?P<y>\d{4})-?W(?P<w>\d{1,2})$", re.IGNORECASE)
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _month_of(text: str) -> Period | None:
    """A month written 2021-01, Jan 2021, January 2021, Jan-21 or Sept 2021; None if the
    text is not written as a month at all; PeriodError if it is, but names none."""
    iso = _ISO_MONTH.match(text)
    if iso:
        written = int(iso["m"])
        if not 1 <= written <= 12:
            raise PeriodError(f"'{text}' is not a month: the month is 01 to 12, as in 2021-01")
        return month(int(iso["y"]), written)
    named = _NAMED_MONTH.match(text)
    if not named:
        return None
    name = named["name"].lower()
    number: int | None = _LONG_MONTHS.get(name) or _SHORT_MONTHS.get(
        name[:3] if name == "sept" else name
    )
    if number is None:
        return None
    year = int(named["y"]) + (2000 if len(named["y"]) == 2 else 0)
    return month(year, number)


def _date_of(text: str) -> dt.date | None:
    if not _ISO_DATE.match(text):
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise PeriodError(f"'{text}' is not a real date; write it like 2021-01-24") from None


def _week_of(text: str) -> Period | None:
    iso = _ISO_WEEK.match(text)
    if iso:
        return iso_week(int(iso["y"]), int(iso["w"]))
    day = _date_of(text)
    return week_ending(day) if day else None


def _financial(text: str) -> Period | None:
    """A financial year or a quarter of one, as today's files write them; None if neither."""
    try:
        return of_year(parse_year(text))
    except PeriodError:
        pass
    try:
        return of_quarter(parse_quarter(text))
    except PeriodError:
        return None


def parse_any(text: str) -> Period:
    """A period of any kind, for a baseline or target: a month, an ISO week, a quarter or a
    financial year. A date alone (2021-01-24) is not accepted here: it could mean a week or a
    month, and only a reading of a weekly measure says which."""
    cleaned = " ".join(text.split())
    found = _financial(cleaned) or _month_of(cleaned)
    if found is None:
        iso = _ISO_WEEK.match(cleaned)
        found = iso_week(int(iso["y"]), int(iso["w"])) if iso else None
    if found is None:
        raise PeriodError(
            f"'{text}' is not a period: write a financial year (2020/21), a quarter"
            " (2020/21 Q1), a month (2021-01) or a week (2021-W03)"
        )
    return found


def parse_reading_period(text: str, frequency: Frequency | None) -> Period:
    """The period of a reading of a measure read at `frequency`; None stands for a measure
    that declares none, read in quarters or financial years as before frequencies existed.

    A PeriodError says what was wrong and how to write the period this measure needs.
    """
    cleaned = " ".join(text.split())
    wanted = _KIND_OF[frequency] if frequency else None
    found: Period | None
    if wanted == "month":
        found = _month_of(cleaned)
        day = None if found else _date_of(cleaned)
        if day is not None:
            found = month(day.year, day.month)
            if day not in (found.first_day, found.last_day):
                raise PeriodError(
                    f"'{text}' is a day in the middle of a month, and this measure is read"
                    f" monthly; write {SPELLING['month']}"
                )
    elif wanted == "week":
        found = _week_of(cleaned)
    else:
        found = _financial(cleaned)
    if found is not None and (wanted is None or found.kind == wanted):
        return found
    raise PeriodError(_misfit(text, cleaned, wanted))


@lru_cache(maxsize=4096)  # every reading's period is checked and ordered; the labels are few
def parse_written(text: str) -> Period:
    """The period `text` is written as, whatever a measure wants: any of `parse_any`, or a
    date alone as the end of a week. A PeriodError when it is none."""
    cleaned = " ".join(text.split())
    try:
        return parse_any(cleaned)
    except PeriodError:
        day = _date_of(cleaned)
        if day is None:
            raise
        return week_ending(day)


def written_kind(text: str) -> Kind | None:
    """The kind of period `text` is written as (see `parse_written`); None for no period."""
    try:
        return parse_written(text).kind
    except PeriodError:
        return None


def _misfit(text: str, cleaned: str, wanted: Kind | None) -> str:
    """Why `text` is not a period of the kind wanted, and how to write one."""
    try:
        other: Period | None = parse_any(cleaned)
    except PeriodError:
        day = _date_of(cleaned)
        other = week_ending(day) if day is not None else None
    if wanted is None:
        if other is not None:
            return (
                f"'{text}' is a {NOUN[other.kind]}, but this measure declares no frequency, so"
                " it is read in quarters (2020/21 Q1) or financial years (2020/21); give the"
                f" measure 'frequency: {_frequency_of(other.kind)}', or write a quarter"
            )
        return (
            f"'{text}' is not a period: write a financial year (2020/21) or a quarter (2020/21 Q1)"
        )
    frequency = _frequency_of(wanted)
    if other is not None and other.kind != wanted:
        return (
            f"'{text}' is a {NOUN[other.kind]}, but this measure is read {frequency}; write"
            f" {SPELLING[wanted]}"
        )
    return f"'{text}' is not a {NOUN[wanted]}; write {SPELLING[wanted]}"


def _frequency_of(kind: Kind) -> Frequency:
    return next(f for f, k in _KIND_OF.items() if k == kind)


def period_or_none(text: str, frequency: Frequency | None) -> Period | None:
    """The reading period `text` names, or None where it names none of that frequency."""
    try:
        return parse_reading_period(text, frequency)
    except PeriodError:
        return None
