"""Financial years and quarters as people type them."""

from __future__ import annotations

import datetime as dt

import pytest

from icp_objectives.domain.periods import (
    FinancialYear,
    PeriodError,
    Quarter,
    asked_for,
    parse_period,
    parse_quarter,
    parse_reference,
    parse_year,
)

Y2020 = FinancialYear(2020)


@pytest.mark.parametrize(
    "text",
    [
        "Q1 2020/21",
        "2020/21 Q1",
        "2020-21-Q1",
        "2020-21 Q1",
        "q1 20/21",
        "Quarter 1 2020/2021",
        "FY2020/21 Q1",
        " 2020/21   Q1 ",
    ],
)
def test_every_spelling_of_a_quarter(text: str) -> None:
    assert parse_quarter(text) == Quarter(Y2020, 1)


def test_a_quarter_without_a_year() -> None:
    assert parse_period("Q3") == (None, 3)


@pytest.mark.parametrize(
    "text", ["Q5", "Q0", "2020/22 Q1", "2020 Q1", "first quarter", "", "Q1 2020"]
)
def test_nonsense_periods_are_refused_with_an_example(text: str) -> None:
    with pytest.raises(PeriodError) as error:
        parse_quarter(text)
    assert "Q1" in str(error.value) or "2020/21" in str(error.value)


def test_year_labels_and_folder_names() -> None:
    year = parse_year("2099/00")
    assert (year.label, year.slug, year.short_label) == ("2099/00", "2099-00", "99/00")
    assert parse_year("20/21") == Y2020


def test_quarters_follow_the_nhs_financial_year() -> None:
    q1, q4 = Quarter(Y2020, 1), Quarter(Y2020, 4)
    assert (q1.first_day, q1.last_day) == (dt.date(2020, 4, 1), dt.date(2020, 6, 30))
    assert (q4.first_day, q4.last_day) == (dt.date(2021, 1, 1), dt.date(2021, 3, 31))
    assert q1.months == "April to June 2020"
    assert q4.next() == Quarter(FinancialYear(2021), 1)
    assert q1.previous() == Quarter(FinancialYear(2019), 4)
    assert Quarter.containing(dt.date(2021, 2, 14)) == q4
    assert Quarter.containing(dt.date(2020, 4, 1)) == q1
    assert sorted([q4, q1, Quarter(FinancialYear(2019), 4)])[0].year.start == 2019


def test_a_reference_may_be_a_whole_year() -> None:
    assert parse_reference("2019/20") == FinancialYear(2019)
    assert parse_reference("2019/20 Q4") == Quarter(FinancialYear(2019), 4)
    with pytest.raises(PeriodError):
        parse_reference("March 2020")


@pytest.mark.parametrize(
    ("period", "year", "asked"),
    [
        (None, None, (None, None)),
        ("Q1", None, (None, 1)),
        ("2020/21 Q3", None, (Y2020, 3)),
        ("Q3", "2020/21", (Y2020, 3)),
        (None, "2020/21", (Y2020, None)),
        ("Q3 2020/21", "20/21", (Y2020, 3)),
    ],
)
def test_asked_for_names_only_what_was_typed(
    period: str | None, year: str | None, asked: tuple[FinancialYear | None, int | None]
) -> None:
    assert asked_for(period, year) == asked


def test_asked_for_refuses_two_different_years() -> None:
    with pytest.raises(PeriodError, match="the period says 2020/21 but --year says 2021/22"):
        asked_for("2020/21 Q1", "2021/22")
