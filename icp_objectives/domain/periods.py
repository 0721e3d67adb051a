"""Financial years (April to March) and their quarters, in every spelling people type."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from icp_objectives.domain.errors import IcpError
from icp_objectives.domain.wording import PERIOD_EXAMPLES

MONTH_NAMES = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


class PeriodError(IcpError, ValueError):
    """A period a person typed that names no real financial year or quarter."""


@dataclass(frozen=True, order=True)
class FinancialYear:
    """The NHS financial year that starts on 1 April of `start`."""

    start: int

    @property
    def label(self) -> str:
        return f"{self.start}/{(self.start + 1) % 100:02d}"

    @property
    def short_label(self) -> str:
        return f"{self.start % 100:02d}/{(self.start + 1) % 100:02d}"

    @property
    def slug(self) -> str:
        """The folder name under objectives/updates/."""
        return f"{self.start}-{(self.start + 1) % 100:02d}"

    @classmethod
    def containing(cls, day: dt.date) -> FinancialYear:
        return cls(day.year if day.month >= 4 else day.year - 1)

    def __str__(self) -> str:
        return self.label


@dataclass(frozen=True, order=True)
class Quarter:
    """One quarter of a financial year: Q1 is April to June, Q4 is January to March."""

    year: FinancialYear
    number: int

    def __post_init__(self) -> None:
        if not 1 <= self.number <= 4:
            raise PeriodError(f"Q{self.number} is not a quarter: use Q1, Q2, Q3 or Q4")

    @property
    def label(self) -> str:
        return f"{self.year.label} Q{self.number}"

    @property
    def name(self) -> str:
        return f"Q{self.number}"

    @property
    def slug(self) -> str:
        return f"{self.year.slug}-Q{self.number}"

    @property
    def first_day(self) -> dt.date:
        month = 4 + 3 * (self.number - 1)
        year = self.year.start + (month - 1) // 12
        return dt.date(year, (month - 1) % 12 + 1, 1)

    @property
    def last_day(self) -> dt.date:
        return self.next().first_day - dt.timedelta(days=1)

    @property
    def months(self) -> str:
        """For example 'April to June 2020'."""
        first, last = self.first_day, self.last_day
        return f"{MONTH_NAMES[first.month - 1]} to {MONTH_NAMES[last.month - 1]} {last.year}"

    def next(self) -> Quarter:
        if self.number == 4:
            return Quarter(FinancialYear(self.year.start + 1), 1)
        return Quarter(self.year, self.number + 1)

    def previous(self) -> Quarter:
        if self.number == 1:
            return Quarter(FinancialYear(self.year.start - 1), 4)
        return Quarter(self.year, self.number - 1)

    @classmethod
    def containing(cls, day: dt.date) -> Quarter:
        year = FinancialYear.containing(day)
        return cls(year, ((day.month - 4) % 12) // 3 + 1)

    def __str__(self) -> str:
        return self.label


_YEAR = r"(?:FY\s*)?(?P<y1>\d{4}|\d{2})\s*[-/]\s*(?P<y2>\d{4}|\d{2})"
_QUARTER = r"Q(?:uarter)?\s*(?P<q>\d)"
_SEP = r"[\s,_-]*"
_YEAR_RE = re.compile(rf"^{_YEAR}$", re.IGNORECASE)
_QUARTER_RE = re.compile(rf"^{_QUARTER}$", re.IGNORECASE)
_YEAR_QUARTER_RE = re.compile(rf"^{_YEAR}{_SEP}{_QUARTER}$", re.IGNORECASE)
_QUARTER_YEAR_RE = re.compile(rf"^{_QUARTER}{_SEP}{_YEAR}$", re.IGNORECASE)


def _year_from(first: str, second: str) -> FinancialYear:
    start = int(first) + (2000 if len(first) == 2 else 0)
    end = int(second)
    if len(second) == 2:
        end += start - start % 100
        if end < start:
            end += 100
    if end != start + 1:
        raise PeriodError(
            f"{first}/{second} is not a financial year: the second year must follow the first,"
            f" as in {start}/{(start + 1) % 100:02d}"
        )
    if not 1900 <= start <= 2199:
        raise PeriodError(f"{first}/{second} is outside the years this tool accepts (1900 to 2199)")
    return FinancialYear(start)


def parse_year(text: str) -> FinancialYear:
    """Read '2020/21', '2020-21', '20/21' or '2020/2021'."""
    match = _YEAR_RE.match(text.strip())
    if not match:
        raise PeriodError(f"'{text}' is not a financial year: write it like 2020/21")
    return _year_from(match["y1"], match["y2"])


def parse_quarter_number(text: str) -> int:
    match = _QUARTER_RE.match(text.strip())
    if not match:
        raise PeriodError(f"'{text}' is not a quarter: write Q1, Q2, Q3 or Q4")
    number = int(match["q"])
    if not 1 <= number <= 4:
        raise PeriodError(f"'{text}' is not a quarter: write Q1, Q2, Q3 or Q4")
    return number


@lru_cache(maxsize=4096)  # every quarter file and reading asks; the labels are few
def parse_period(text: str) -> tuple[FinancialYear | None, int]:
    """Read a quarter with or without its year; the year is None when not given."""
    cleaned = " ".join(text.split())
    for pattern in (_YEAR_QUARTER_RE, _QUARTER_YEAR_RE):
        match = pattern.match(cleaned)
        if match:
            return _year_from(match["y1"], match["y2"]), parse_quarter_number("Q" + match["q"])
    if _QUARTER_RE.match(cleaned):
        return None, parse_quarter_number(cleaned)
    raise PeriodError(f"'{text}' is not a quarter: write it as {PERIOD_EXAMPLES}")


def parse_quarter(text: str) -> Quarter:
    """Read a quarter that must state its year."""
    year, number = parse_period(text)
    if year is None:
        raise PeriodError(f"'{text}' needs its financial year, as in 2020/21 Q{number}")
    return Quarter(year, number)


def parse_reference(text: str) -> Quarter | FinancialYear:
    """Read the period a baseline, target or reading describes: a quarter or a whole year."""
    try:
        return parse_year(text)
    except PeriodError:
        pass
    try:
        return parse_quarter(text)
    except PeriodError:
        raise PeriodError(
            f"'{text}' is not a period: write a financial year (2020/21) or a quarter (2020/21 Q1)"
        ) from None


def named_year(stated: FinancialYear | None, year: str | None) -> FinancialYear | None:
    """The financial year a period states or --year names (None when neither does); a
    PeriodError when both do and they differ."""
    extra = parse_year(year) if year else None
    if stated and extra and stated != extra:
        raise PeriodError(f"the period says {stated.label} but --year says {extra.label}; give one")
    return stated or extra


def asked_for(period: str | None, year: str | None) -> tuple[FinancialYear | None, int | None]:
    """The financial year and quarter number that PERIOD and/or --year name, each None when
    not named: which quarter that means is the data's to say (`check.quarters.meant`)."""
    stated, number = parse_period(period) if period else (None, None)
    return named_year(stated, year), number


def latest_today() -> dt.date:
    """Today's date in the time zone furthest ahead (UTC+14): no one's today is later."""
    return (dt.datetime.now(dt.UTC) + dt.timedelta(hours=14)).date()
