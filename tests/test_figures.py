"""Values written the way NHS papers write them (the figures of seed 000 among them)."""

from __future__ import annotations

import pytest

from icp_objectives.domain.figures import show_value
from icp_objectives.domain.wording import with_unit


@pytest.mark.parametrize(
    ("value", "unit", "shown"),
    [
        (175000, "£", "£175,000"),
        (1234.5, "£", "£1,234.50"),
        (-3000, "£", "-£3,000"),
        (1.2, "£m", "£1.2m"),
        (87, "%", "87%"),
        (0.75, "%", "0.75%"),
        (5256, "referrals", "5,256 referrals"),
        (1431, "", "1,431"),
        (3.5, "", "3.5"),
    ],
)
def test_a_value_with_its_unit(value: float, unit: str, shown: str) -> None:
    assert show_value(value, unit) == shown
    assert with_unit(value, unit) == shown  # the paper's old name says the same


def test_a_ratio_shows_both_counts_and_the_percentage() -> None:
    assert show_value(115 / 118 * 100, "%", numerator=115, denominator=118) == "115 of 118 (97%)"
    assert show_value(0.5, "%", numerator=1, denominator=200) == "1 of 200 (0.5%)"


def test_a_qualifier_leads_and_a_cumulative_figure_is_to_date() -> None:
    assert show_value(11000, "", qualifier="over") == "over 11,000"
    assert show_value(1431, "people", cumulative=True) == "1,431 people to date"
