"""Each special-cause rule at its edges, on series whose figures are worked out by hand here.

Most series start with the same 12-point baseline, fixed with baseline_points=12: -1 and 1 in turn,
so the mean is 0, every moving range is 2, the limits are 0 ± 2.66 x 2 = ±5.32 and the
two-thirds lines are ±(2 x 2.66 / 3) x 2 = ±3.5467. The points after it are judged against those.
"""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from icp_objectives.measures.analysis import Analysis, Better
from icp_objectives.measures.spc import analyse

BASELINE = [-1.0, 1.0] * 6  # ends on 1, above the mean


def after(
    tail: Sequence[float], better: Better = "higher", target: float | None = None
) -> Analysis:
    """The baseline, then `tail`, with the limits fixed from the baseline."""
    return analyse([*BASELINE, *tail], better=better, target=target, baseline_points=12)


def flags(found: Analysis, rule: str) -> list[int]:
    """Indices (after the baseline) of the points the rule flags."""
    return [p.index - 12 for p in found.points if getattr(p, rule) and p.index >= 12]


def types(found: Analysis) -> list[str | None]:
    return [p.point_type for p in found.points[12:]]


def test_the_baseline_gives_the_hand_worked_limits() -> None:
    found = after([0.0])
    assert (found.mean, found.lower_limit, found.upper_limit) == (0.0, -5.32, 5.32)
    assert types(analyse(BASELINE, better="higher")) == []
    assert {p.point_type for p in found.points} == {"common_cause"}


# --- outside the limits ---------------------------------------------------------------------


def test_a_point_exactly_on_a_limit_is_inside() -> None:
    found = after([5.32, -5.32, 5.3201, -5.3201])
    assert flags(found, "outside_limits") == [2, 3]
    assert types(found) == ["common_cause", "common_cause", "special_cause_improvement",
                            "special_cause_concern"]  # fmt: skip


def test_lower_is_better_swaps_improvement_and_concern() -> None:
    found = after([6.0, -6.0], better="lower")
    assert types(found) == ["special_cause_concern", "special_cause_improvement"]


def test_neutral_says_high_and_low() -> None:
    found = after([6.0, -6.0], better="neutral")
    assert types(found) == ["special_cause_neutral_high", "special_cause_neutral_low"]


# --- trends ---------------------------------------------------------------------------------


def test_six_rising_points_are_no_trend_and_seven_are() -> None:
    six = after([-0.3, -0.2, -0.1, 0.1, 0.2, 0.3, -1.0])
    seven = after([-0.3, -0.2, -0.1, 0.1, 0.2, 0.3, 0.4, -1.0])
    assert flags(six, "trend") == []
    assert flags(seven, "trend") == [0, 1, 2, 3, 4, 5, 6]
    assert types(seven) == ["special_cause_improvement"] * 7 + ["common_cause"]


def test_a_falling_trend_is_concern_when_higher_is_better_and_improvement_when_lower() -> None:
    falling = [0.4, 0.3, 0.2, 0.1, -0.1, -0.2, -0.3, 1.0]
    assert types(after(falling))[:7] == ["special_cause_concern"] * 7
    assert types(after(falling, better="lower"))[:7] == ["special_cause_improvement"] * 7
    assert types(after(falling, better="neutral"))[:7] == ["special_cause_neutral_low"] * 7


def test_a_tie_breaks_a_trend() -> None:
    found = after([-0.3, -0.2, -0.1, -0.1, 0.1, 0.2, 0.3, 0.4, -1.0])
    assert flags(found, "trend") == []


def test_a_rise_then_a_tie_then_a_fall_labels_the_peak_as_r_does() -> None:
    # Seven rising to 3.1, 3.1 again, seven falling: both runs are trends. NHSRplotthedots takes a
    # trend point's direction from the step to the next point when that point is in a trend too, so
    # the first 3.1 (whose next step is flat) counts as falling, as the R code reads.
    rise = [-3.5, -2.5, -1.5, -0.5, 0.5, 1.5, 3.1]
    found = after([*rise, 3.1, *reversed(rise[:-1]), 0.0], better="higher")
    assert flags(found, "trend") == list(range(14))
    assert types(found)[:6] == ["special_cause_improvement"] * 6
    assert types(found)[6:14] == ["special_cause_concern"] * 8


def test_trend_outranks_two_of_three_and_shift() -> None:
    # 3.6, 3.7 are beyond two thirds and all seven are above the mean, but the trend decides.
    found = after([0.5, 1.0, 1.5, 2.0, 3.0, 3.6, 3.7, 0.0])
    assert flags(found, "two_of_three") == [5, 6]
    assert flags(found, "shift") == [0, 1, 2, 3, 4, 5, 6]
    assert flags(found, "trend") == [0, 1, 2, 3, 4, 5, 6]
    assert types(found) == ["special_cause_improvement"] * 7 + ["common_cause"]


# --- two of three beyond two thirds -----------------------------------------------------------


def test_two_of_three_on_one_side_flags_the_two() -> None:
    found = after([4.0, 0.5, 4.0, -0.5])
    assert flags(found, "two_of_three") == [0, 2]
    assert types(found) == ["special_cause_improvement", "common_cause",
                            "special_cause_improvement", "common_cause"]  # fmt: skip


def test_two_of_three_needs_the_third_point_on_the_same_side() -> None:
    assert flags(after([-0.5, 4.0, -0.5, 4.0, -0.5]), "two_of_three") == []
    # the baseline's last point (1) is above: 1, 4, 4 is a window on one side
    assert flags(after([4.0, 4.0, -1.0]), "two_of_three") == [0, 1]


def test_two_of_three_on_opposite_sides_is_nothing() -> None:
    assert flags(after([4.0, -4.0, 0.5]), "two_of_three") == []


def test_exactly_on_the_two_thirds_line_is_not_beyond_it() -> None:
    line = 2 * (2.66 / 3) * 2  # as R computes it: limitclose x the mean moving range
    assert flags(after([line, 0.5, line, -0.5]), "two_of_three") == []
    assert flags(after([line + 1e-9, 0.5, line + 1e-9, -0.5]), "two_of_three") == [0, 2]


def test_a_point_outside_is_not_one_of_the_two() -> None:
    found = after([6.0, 4.0, 0.5, -0.5])
    assert flags(found, "two_of_three") == []
    assert flags(found, "outside_limits") == [0]


def test_lower_is_better_two_of_three_below_is_improvement() -> None:
    found = after([-4.0, -4.0, -1.0], better="lower")
    assert types(found) == ["special_cause_improvement"] * 2 + ["common_cause"]


# --- shifts: seven on one side of the mean ----------------------------------------------------


def test_six_points_above_are_no_shift_and_seven_are() -> None:
    assert flags(after([-0.5] + [0.5] * 6 + [-0.5]), "shift") == []
    seven = after([-0.5] + [0.5] * 7 + [-0.5])
    assert flags(seven, "shift") == list(range(1, 8))
    assert types(seven) == ["common_cause"] + ["special_cause_improvement"] * 7 + ["common_cause"]


def test_the_baseline_point_before_counts_towards_a_shift() -> None:
    # The baseline ends on 1, above the mean, so six more above make seven.
    found = after([0.5] * 6 + [-0.5])
    assert [p.shift for p in found.points][11:] == [True] * 7 + [False]
    assert found.points[11].point_type == "special_cause_improvement"


def test_a_point_on_the_mean_breaks_a_shift() -> None:
    assert flags(after([-0.5] * 3 + [0.0] + [-0.5] * 4 + [0.5]), "shift") == []
    below = after([-0.5] * 7 + [0.5], better="higher")
    assert types(below)[:7] == ["special_cause_concern"] * 7


def test_two_of_three_outranks_a_shift() -> None:
    found = after([-0.5, -4.0, -0.5, -4.0, -0.5, -0.5, -0.5, 0.5], better="neutral")
    assert flags(found, "shift") == list(range(7))
    assert flags(found, "two_of_three") == [1, 3]
    assert found.points[13].point_type == "special_cause_neutral_low"


# --- assurance ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("target", "better", "expected"),
    [
        (5.33, "higher", "consistent_fail"),
        (-5.33, "higher", "consistent_pass"),
        (5.33, "lower", "consistent_pass"),
        (-5.33, "lower", "consistent_fail"),
        (5.32, "higher", "inconsistent"),  # exactly on a limit
        (-5.32, "lower", "inconsistent"),
        (0.0, "higher", "inconsistent"),
        (99.0, "neutral", None),
    ],
)
def test_assurance_against_the_limits(target: float, better: Better, expected: str | None) -> None:
    assert after([0.0], better=better, target=target).assurance == expected
