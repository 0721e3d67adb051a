"""analyse() as the paper and the `measures` command see it: segments, fixed baselines, too few
points and why, flat series, refused input, and properties that hold for any series."""

from __future__ import annotations

import itertools
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from icp_objectives.measures import xmr
from icp_objectives.measures.analysis import MINIMUM_POINTS, Better
from icp_objectives.measures.spc import analyse

PAIRS = [0.0, 2.0] * 6  # mean 1, moving ranges 2: limits 1 ± 5.32


# --- segments (NHSRplotthedots' rebase) ------------------------------------------------------


def test_each_segment_has_its_own_limits() -> None:
    found = analyse([*PAIRS, *[5.0, 6.0] * 6], better="higher", segment_starts=[12])
    first, second = found.points[0], found.points[12]
    assert (first.segment, first.mean, first.lower_limit, first.upper_limit) == (
        0,
        1.0,
        -4.32,
        6.32,
    )
    assert second.segment == 1 and second.mean == 5.5
    assert (second.lower_limit, second.upper_limit) == pytest.approx((2.84, 8.16))
    assert (found.mean, found.upper_limit) == (5.5, second.upper_limit)


def test_a_segments_first_point_has_no_moving_range() -> None:
    found = analyse([*PAIRS, *[5.0, 6.0] * 6], better="higher", segment_starts=[12])
    ranges = [p.moving_range for p in found.points]
    assert ranges[0] is None and ranges[12] is None
    assert ranges[1:12] == [2.0] * 11 and ranges[13:] == [1.0] * 11


def test_a_run_does_not_reach_across_a_recalculation() -> None:
    # 1, 2, 3, ..., 9 rises for nine points from index 10, but index 15 starts a new segment.
    values = [*[1.0, 2.0] * 5, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, *[1.0, 2.0] * 4]
    whole = analyse(values, better="higher")
    cut = analyse(values, better="higher", segment_starts=[15])
    assert any(p.trend for p in whole.points)
    assert not any(p.trend for p in cut.points)


def test_starts_in_any_order_and_repeated_are_the_same_cut() -> None:
    values = [float(i % 5) for i in range(40)]
    one = analyse(values, better="higher", segment_starts=[14, 27])
    assert analyse(values, better="higher", segment_starts=[27, 14, 14, 0]) == one
    assert [p.segment for p in one.points] == [0] * 14 + [1] * 13 + [2] * 13


# --- fixed baselines (fix_after_n_points) ----------------------------------------------------


def test_baseline_points_fix_the_limits_and_later_points_are_judged_against_them() -> None:
    found = analyse([*PAIRS, 10.0, 10.0, 10.0], better="higher", baseline_points=12)
    assert (found.mean, found.lower_limit, found.upper_limit) == (1.0, -4.32, 6.32)
    assert [p.point_type for p in found.points[12:]] == ["special_cause_improvement"] * 3
    # the moving ranges of later points are still reported
    assert [p.moving_range for p in found.points[12:]] == [8.0, 0.0, 0.0]


def test_baseline_points_apply_to_every_segment() -> None:
    values = [*PAIRS, 10.0, 10.0, *[5.0, 6.0] * 6, 20.0]
    found = analyse(values, better="lower", segment_starts=[14], baseline_points=12)
    assert found.points[0].mean == 1.0
    assert (found.mean, found.lower_limit) == pytest.approx((5.5, 2.84))
    assert found.points[-1].point_type == "special_cause_concern"


def test_a_baseline_longer_than_the_segment_uses_all_of_it() -> None:
    values = [float(v) for v in [3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 8, 9]]
    assert analyse(values, better="higher", baseline_points=40) == analyse(values, better="higher")


# --- too few points ----------------------------------------------------------------------------


def test_fewer_than_twelve_points_claim_no_limits() -> None:
    found = analyse([float(v) for v in range(8)], better="higher", target=3.0)
    assert (found.mean, found.lower_limit, found.upper_limit) == (None, None, None)
    assert (found.variation, found.assurance) == (None, None)
    assert found.no_limits_reason == (
        "Only 8 readings so far: statistical process control needs at least 12."
    )
    point = found.points[7]
    assert (point.mean, point.point_type, point.trend, point.shift) == (None, None, False, False)
    assert point.moving_range == 1.0


def test_twelve_points_are_enough() -> None:
    found = analyse([float(v % 3) for v in range(MINIMUM_POINTS)], better="higher")
    assert found.no_limits_reason is None and found.mean == 1.0


def test_a_short_latest_segment_says_so_and_earlier_ones_keep_their_limits() -> None:
    found = analyse([*PAIRS, 4.0, 5.0, 4.0, 5.0, 4.0], better="higher", segment_starts=[12])
    assert found.no_limits_reason == (
        "Only 5 readings since the limits were last recalculated:"
        " statistical process control needs at least 12."
    )
    assert found.mean is None and found.variation is None
    assert found.points[0].upper_limit == 6.32
    assert found.points[0].point_type == "common_cause"
    assert found.points[12].point_type is None


def test_one_reading_is_singular() -> None:
    reason = analyse([4.0], better="lower").no_limits_reason
    assert reason == "Only 1 reading so far: statistical process control needs at least 12."


def test_no_readings() -> None:
    found = analyse([], better="higher", target=1.0)
    assert found.points == () and found.mean is None and found.assurance is None
    assert (
        found.no_limits_reason == "No readings yet: statistical process control needs at least 12."
    )


# --- moving ranges screened, and series with no spread -----------------------------------------


def test_a_big_moving_range_is_screened_out_of_the_limits() -> None:
    # mean (6 + 20) / 13 = 2; moving ranges: eleven 1s and a 19; their mean 2.5 x 3.267 = 8.17,
    # so 19 is dropped and the mean moving range is 1: limits 2 ± 2.66.
    found = analyse([*[0.0, 1.0] * 6, 20.0], better="higher")
    assert found.mean == 2.0
    assert (found.lower_limit, found.upper_limit) == pytest.approx((-0.66, 4.66))
    assert xmr.limits([*[0.0, 1.0] * 6, 20.0], screen=False).upper == pytest.approx(2 + 6.65)
    assert found.points[-1].point_type == "special_cause_improvement"


def test_a_moving_range_exactly_at_the_cut_is_screened() -> None:
    # twelve moving ranges of a and one of 5, where 3.267 x their mean is exactly 5 in doubles
    # (R agrees: it keeps only ranges strictly below the cut).
    a = 1.24132741556984
    values = [*[0.0, a] * 6, 0.0, 5.0]
    assert 3.267 * xmr.mean_of(xmr.moving_ranges(values)) == 5.0
    found = analyse(values, better="higher")
    assert found.upper_limit == pytest.approx((6 * a + 5) / 14 + 2.66 * a, rel=1e-15)


def test_a_constant_series_has_a_mean_but_no_limits_as_in_r() -> None:
    # Every moving range is 0, none is below 3.267 x 0, so R's limits are NaN; its points are
    # common cause and its assurance, with a target, 'inconsistent'.
    found = analyse([3.0] * 15, better="higher", target=4.0)
    assert found.mean == 3.0
    assert (found.lower_limit, found.upper_limit) == (None, None)
    assert found.variation == "common_cause" and found.assurance == "inconsistent"
    assert found.no_limits_reason == (
        "All 15 readings that set the limits are the same, so there is no variation to set limits from."
    )


def test_a_flat_baseline_still_shows_trends_and_shifts_after_it() -> None:
    found = analyse([*[5.0] * 12, 6.0, 7.0, 8.0, 9.0, 10.0, 11.0, 12.0], better="higher",
                    baseline_points=12)  # fmt: skip
    assert found.upper_limit is None and not any(p.outside_limits for p in found.points)
    assert [p.trend for p in found.points] == [False] * 11 + [True] * 8
    assert found.variation == "special_cause_improvement"
    assert found.no_limits_reason is not None and "All 12 readings" in found.no_limits_reason


# --- refused input -------------------------------------------------------------------------------


@pytest.mark.parametrize("bad", [math.nan, math.inf, -math.inf])
def test_a_value_that_is_not_finite_is_refused(bad: float) -> None:
    with pytest.raises(ValueError, match="value 2 is"):
        analyse([1.0, 2.0, bad], better="higher")


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"better": "up"}, "better must be one of"),
        ({"better": "higher", "target": math.nan}, "target must be a finite number"),
        ({"better": "higher", "baseline_points": 11}, "at least 12"),
        ({"better": "higher", "baseline_points": True}, "at least 12"),
        ({"better": "higher", "segment_starts": [20]}, "not the index of a point"),
        ({"better": "higher", "segment_starts": [-1]}, "not the index of a point"),
    ],
)
def test_bad_arguments_are_refused(kwargs: dict[str, object], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        analyse([1.0] * 20, **kwargs)  # type: ignore[arg-type]


@pytest.mark.parametrize("values", [[1e308, -1e308] * 6, [1e308] * 12, [0.0, 1.7e308] * 6])
def test_values_too_large_to_sum_are_refused(values: list[float]) -> None:
    with pytest.raises(ValueError, match="too large"):
        analyse(values, better="higher")


# --- properties ----------------------------------------------------------------------------------

series = st.lists(
    st.floats(min_value=-1e6, max_value=1e6, allow_nan=False).map(lambda v: round(v, 2)),
    min_size=MINIMUM_POINTS,
    max_size=60,
)
small_integers = st.lists(st.integers(-5, 5).map(float), min_size=MINIMUM_POINTS, max_size=60)
betters = st.sampled_from(["higher", "lower", "neutral"])


@settings(max_examples=150, deadline=None)
@given(series)
def test_limits_are_symmetric_about_the_mean(values: list[float]) -> None:
    found = analyse(values, better="higher")
    if found.upper_limit is None or found.lower_limit is None or found.mean is None:
        assert len(set(values)) == 1
        return
    spread = found.upper_limit - found.mean
    assert found.mean - found.lower_limit == pytest.approx(spread, rel=1e-9, abs=1e-6)
    assert spread >= 0


@settings(max_examples=150, deadline=None)
@given(series, st.floats(min_value=-1e4, max_value=1e4).map(lambda v: round(v, 1)))
def test_shifting_a_series_shifts_its_mean_and_limits(values: list[float], shift: float) -> None:
    base = analyse(values, better="higher")
    moved = analyse([v + shift for v in values], better="higher")
    for mine, theirs in [(base.mean, moved.mean), (base.upper_limit, moved.upper_limit),
                         (base.lower_limit, moved.lower_limit)]:  # fmt: skip
        if mine is None or theirs is None:
            continue  # a series with no spread may gain or lose one in rounding
        assert theirs == pytest.approx(mine + shift, rel=1e-9, abs=1e-6)


@settings(max_examples=150, deadline=None)
@given(small_integers, betters)
def test_doubling_a_series_doubles_its_figures_exactly(values: list[float], better: Better) -> None:
    # Multiplying by 2 is exact in floating point, so every comparison comes out the same.
    base = analyse(values, better=better)
    doubled = analyse([2 * v for v in values], better=better)
    assert [p.point_type for p in doubled.points] == [p.point_type for p in base.points]
    assert doubled.upper_limit == (None if base.upper_limit is None else 2 * base.upper_limit)


@settings(max_examples=150, deadline=None)
@given(small_integers)
def test_mirroring_a_series_and_which_way_is_better_keeps_every_type(values: list[float]) -> None:
    # True except where a trend meets a flat step: R calls a trend point whose next step is flat
    # falling, whichever way the series faces (see test_spc_rules' rise-tie-fall test).
    if any(a == b for a, b in itertools.pairwise(values)):
        values = [v + 0.001 * i for i, v in enumerate(values)]
    up = analyse(values, better="higher")
    mirrored = analyse([-v for v in values], better="lower")
    assert [p.point_type for p in mirrored.points] == [p.point_type for p in up.points]
    assert [p.trend for p in mirrored.points] == [p.trend for p in up.points]
