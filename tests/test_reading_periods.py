"""The periods measures are read in: months, weeks, quarters and years, as people write them."""

from __future__ import annotations

import datetime as dt

import pytest

from icp_objectives.domain.periods import FinancialYear, PeriodError, Quarter
from icp_objectives.domain.reading_periods import (
    iso_week,
    month,
    of_quarter,
    of_year,
    parse_any,
    parse_reading_period,
    parse_written,
    written_kind,
)


@pytest.mark.parametrize(
    "text",
    ["2021-01", "2021-1", "Jan 2021", "January 2021", "jan-21", "JAN 21", " Jan  2021 ", "2021-01-01",
     "2021-01-31", "Jan. 2021"],
)  # fmt: skip
def test_every_spelling_of_a_month(text: str) -> None:
    period = parse_reading_period(text, "monthly")
    assert period == month(2021, 1)
    assert (period.code, period.label, period.short_label) == (
        "2021-01",
        "January 2021",
        "Jan 2021",
    )
    assert (period.first_day, period.last_day) == (dt.date(2021, 1, 1), dt.date(2021, 1, 31))


def test_september_may_be_written_sept() -> None:
    assert parse_reading_period("Sept 2021", "monthly") == month(2021, 9)


def test_an_iso_week_and_the_day_it_ends_are_one_week() -> None:
    week = parse_reading_period("2021-W03", "weekly")
    assert week == parse_reading_period("2021-01-24", "weekly") == iso_week(2021, 3)
    assert (week.first_day, week.last_day) == (dt.date(2021, 1, 18), dt.date(2021, 1, 24))
    assert (week.code, week.label) == ("2021-W03", "week ending 24 January 2021")


def test_a_week_ending_on_another_day_keeps_its_date() -> None:
    week = parse_reading_period("2021-01-27", "weekly")  # a Wednesday
    assert (week.first_day, week.code) == (dt.date(2021, 1, 21), "2021-01-27")


@pytest.mark.parametrize(
    ("text", "frequency", "expected"),
    [
        ("2020/21 Q1", None, of_quarter(Quarter(FinancialYear(2020), 1))),
        ("2020/21", None, of_year(FinancialYear(2020))),
        ("Q3 2020-21", "quarterly", of_quarter(Quarter(FinancialYear(2020), 3))),
        ("2019/2020", "yearly", of_year(FinancialYear(2019))),
    ],
)
def test_quarters_and_years_read_as_today(
    text: str, frequency: str | None, expected: object
) -> None:
    assert parse_reading_period(text, frequency) == expected  # type: ignore[arg-type]


def test_a_quarter_keeps_the_label_the_paper_prints_and_knows_its_quarter() -> None:
    q1 = parse_reading_period("Q1 2020/21", None)
    assert (q1.code, q1.label, q1.short_label) == ("2020/21 Q1", "2020/21 Q1", "Q1 20/21")
    assert month(2021, 1).quarter == Quarter(FinancialYear(2020), 4)
    assert of_year(FinancialYear(2020)).quarter == Quarter(FinancialYear(2020), 4)


def test_periods_sort_by_the_day_they_end() -> None:
    periods = [of_year(FinancialYear(2020)), month(2021, 3), month(2020, 4), iso_week(2021, 1)]
    assert sorted(periods) == [month(2020, 4), iso_week(2021, 1), month(2021, 3), periods[0]]


@pytest.mark.parametrize(
    ("text", "frequency", "says"),
    [
        ("2020/21 Q1", "monthly", "'2020/21 Q1' is a quarter, but this measure is read monthly;"
         " write a month like 2021-01"),
        ("2021-01", "quarterly", "is a month, but this measure is read quarterly; write a quarter"
         " like 2020/21 Q1"),
        ("2021-01", None, "declares no frequency, so it is read in quarters (2020/21 Q1) or"
         " financial years (2020/21); give the measure 'frequency: monthly'"),
        ("2021-13", "monthly", "the month is 01 to 12"),
        ("2021-01-15", "monthly", "a day in the middle of a month"),
        ("2021-W54", "weekly", "2021 has no week 54"),
        ("2021-02-30", "weekly", "not a real date"),
        ("2020/21", "quarterly", "is a financial year, but this measure is read quarterly"),
        ("Smarch 2021", "monthly", "is not a month; write a month like 2021-01"),
        ("1850-01", "monthly", "outside the years this tool accepts"),
    ],
)  # fmt: skip
def test_a_period_that_does_not_fit_says_how_to_write_one(
    text: str, frequency: str | None, says: str
) -> None:
    with pytest.raises(PeriodError) as raised:
        parse_reading_period(text, frequency)  # type: ignore[arg-type]
    assert says in str(raised.value)


def test_any_period_for_a_baseline_or_target_but_not_a_bare_date() -> None:
    assert parse_any("2021-01") == month(2021, 1)
    assert parse_any("2021-W03") == iso_week(2021, 3)
    with pytest.raises(PeriodError):
        parse_any("2021-01-24")
    assert parse_written("2021-01-24") == iso_week(2021, 3)
    assert written_kind("2021-01-24") == "week"
    assert written_kind("next year") is None
