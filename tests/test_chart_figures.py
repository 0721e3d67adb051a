"""How a chart writes its numbers and picks its ticks and colours."""

from __future__ import annotations

import pytest

from icp_objectives.domain.figures import show_value
from icp_objectives.measures import palette
from icp_objectives.measures.figures import figure, period_ticks, tick, value_ticks


@pytest.mark.parametrize(
    ("value", "unit", "expected"),
    [
        (175000, "£", "£175,000"),
        (-2500, "£", "-£2,500"),
        (1.5, "£m", "£1.5m"),
        (87, "%", "87%"),
        (0.75, "%", "0.75%"),
        (1250, "people", "1,250 people"),
        (3.5, "", "3.5"),
        (1234.5, "£", "£1,234.50"),  # pence to two places, as in the measures table
        (-0.001, "%", "0%"),  # nothing rounds to a minus nought
        (-0.001, "£", "£0.00"),
    ],
)
def test_figures_are_written_as_the_paper_writes_them(
    value: float, unit: str, expected: str
) -> None:
    assert figure(value, unit) == expected
    assert show_value(value, unit) == expected  # one way of writing a value, everywhere


@pytest.mark.parametrize(
    ("value", "unit", "decimals", "expected"),
    [
        (12.5, "%", 1, "12.5%"),
        (15, "%", 1, "15.0%"),
        (150000, "£", 0, "£150,000"),
        (1.5, "£m", 1, "£1.5m"),
        (-2.5, "people", 1, "-2.5"),  # a word unit goes in the axis caption
        (-0.001, "", 1, "0.0"),
    ],
)
def test_ticks_keep_the_decimals_of_their_step(
    value: float, unit: str, decimals: int, expected: str
) -> None:
    assert tick(value, unit, decimals) == expected


@pytest.mark.parametrize(
    ("low", "high", "expected", "decimals"),
    [
        (13, 20, [12, 14, 16, 18, 20], 0),
        (0.5, 0.75, [0.5, 0.55, 0.6, 0.65, 0.7, 0.75], 2),
        (150000, 200000, [150000, 160000, 170000, 180000, 190000, 200000], 0),
        (0, 12.5, [0, 2.5, 5, 7.5, 10, 12.5], 1),
    ],
)
def test_value_ticks_are_round_numbers_that_cover_the_values(
    low: float, high: float, expected: list[float], decimals: int
) -> None:
    assert value_ticks(low, high) == (expected, decimals)


def test_a_flat_range_still_gets_ticks_around_it() -> None:
    ticks, _ = value_ticks(50, 50)
    assert ticks[0] < 50 < ticks[-1]


@pytest.mark.parametrize(
    ("count", "most", "expected"),
    [
        (12, 12, list(range(12))),
        (24, 9, list(range(0, 24, 3))),
        (60, 9, [0, 12, 24, 36, 48]),  # a label each January of five years of months
        (10_000, 12, list(range(0, 10_000, 1000))),
        (0, 12, []),
    ],
)
def test_period_ticks_step_by_round_numbers(count: int, most: int, expected: list[int]) -> None:
    assert period_ticks(count, most=most) == expected


@pytest.mark.parametrize(
    "colour",
    [
        palette.GREY,
        palette.ORANGE,
        palette.BLUE,
        palette.PURPLE,
        palette.RED,
        palette.SECONDARY,
        palette.TEXT,
    ],
)
def test_every_colour_that_carries_meaning_keeps_3_to_1_contrast_on_white(colour: str) -> None:
    assert palette.contrast(colour) >= 3


def test_the_contrast_sum_is_right() -> None:
    assert palette.contrast("#000000") == pytest.approx(21)
    assert palette.contrast("#ED8B00") == pytest.approx(2.53, abs=0.01)  # NHS orange fails
