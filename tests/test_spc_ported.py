"""NHSRplotthedots' own test expectations (inputs and expected outputs), ported. Each test names
the R test file under tests/testthat/ that it comes from."""

from __future__ import annotations

import pytest

from icp_objectives.measures import special_cause, xmr
from icp_objectives.measures.analysis import Better
from icp_objectives.measures.assurance import assurance
from icp_objectives.measures.spc import analyse

# R: set.seed(123); rnorm(24), then rnorm(12, 5) and rnorm(12, -5), printed with 17 digits.
RNORM_24 = [
    -0.5604756465522126, -0.23017748948327996, 1.558708314149124, 0.070508391424576003,
    0.12928773516094624, 1.715064986883281, 0.4609162059892023, -1.265061234606534,
    -0.68685285189352607, -0.44566197009995806, 1.2240817974394615, 0.35981382705736381,
    0.40077145059405217, 0.11068271594511971, -0.55584113475407493, 1.7869131368030782,
    0.49785047822923939, -1.9666171566296382, 0.70135590156368555, -0.47279140772793404,
    -1.0678237059868452, -0.21797491465829513, -1.0260044483072397, -0.72889122929114025,
]  # fmt: skip
RNORM_PLUS_5 = [
    4.3749607321507433, 3.3133066892575869, 5.837787044494525, 5.153373117836515,
    3.8618630629880526, 6.2538149210699263, 5.426464221476814, 4.7049285170077288,
    5.8951256610450224, 5.8781334875330424, 5.8215810816374871, 5.6886402541000907,
]  # fmt: skip
RNORM_MINUS_5 = [
    -4.4460823464624113, -5.0619117105767213, -5.3059626637399164, -5.3804710010123831,
    -5.6947069789205127, -5.2079172780195986, -6.2653963515682642, -2.8310440346614874,
    -3.7920380016950093, -6.1231085832033489, -5.4028848352990764, -5.466655353623219,
]  # fmt: skip
RNORM_20 = RNORM_24[:20]


# --- test-ptd_spc_standard.R ---------------------------------------------------------------


def test_limits_of_twenty_random_normals() -> None:
    found = analyse(RNORM_20, better="higher")
    assert found.mean == pytest.approx(0.1416238, abs=5e-8)
    assert found.lower_limit == pytest.approx(-3.01138, abs=5e-6)
    assert found.upper_limit == pytest.approx(3.294627, abs=5e-7)
    assert found.mean is not None
    sides = [special_cause.sign(p.value - found.mean) for p in found.points]
    assert sides[:15] == [-1, -1, 1, -1, -1, 1, 1, -1, -1, -1, 1, 1, 1, -1, -1]
    assert not any(p.outside_limits for p in found.points)


def test_screening_an_outlier_narrows_the_limits() -> None:
    values = [*RNORM_20[:14], 10.0, *RNORM_20[15:]]
    screened = xmr.limits(values)
    unscreened = xmr.limits(values, screen=False)
    assert screened.mean == pytest.approx(0.6694159, abs=5e-8)
    assert (screened.lower, screened.upper) == pytest.approx((-2.383666, 3.722497), abs=5e-7)
    assert (unscreened.lower, unscreened.upper) == pytest.approx((-4.596625, 5.935457), abs=5e-7)
    sides = [special_cause.sign(y - screened.mean) for y in values]
    assert sides[:14] == [-1, -1, 1, -1, -1, 1, -1, -1, -1, -1, 1, -1, -1, -1]


def test_a_rebase_point_starts_the_second_segment() -> None:
    found = analyse(RNORM_20, better="higher", segment_starts=[10])
    assert [p.segment for p in found.points] == [0] * 10 + [1] * 10


def test_fixing_after_twelve_points_changes_the_limits() -> None:
    free = analyse(RNORM_20, better="higher")
    fixed = analyse(RNORM_20, better="higher", baseline_points=12)
    assert fixed.lower_limit != free.lower_limit
    assert fixed.upper_limit != free.upper_limit


def test_two_close_points_on_opposite_sides_are_common_cause() -> None:
    values = [1.0, -1.0] * 8
    values[14], values[15] = 5.5, -5.5
    found = analyse(values, better="higher")
    assert [p.point_type for p in found.points[-2:]] == ["common_cause", "common_cause"]


# --- test-ptd_spc.R (summary snapshots in _snaps/ptd_spc.md) --------------------------------


def test_facets_of_ten_points_have_the_limits_r_prints() -> None:
    # R prints trial limits for these 10-point groups (analyse() claims none under 12 points).
    first, second = xmr.limits(RNORM_20[:10]), xmr.limits(RNORM_20[10:])
    # R prints 3 significant figures
    assert first.mean == pytest.approx(0.0746, abs=5e-5)
    assert (first.lower, first.upper) == pytest.approx((-2.60, 2.75), abs=5e-3)
    assert second.mean == pytest.approx(0.209, abs=5e-4)
    assert (second.lower, second.upper) == pytest.approx((-3.28, 3.70), abs=5e-3)
    assert analyse(RNORM_20[:10], better="higher").upper_limit is None


def test_a_rebase_on_a_date_before_the_data_changes_nothing() -> None:
    # R rebases on 2020-01-01, the day before the first point: one group, as with index 0 here.
    rebased = analyse(RNORM_20, better="higher", segment_starts=[0])
    assert rebased == analyse(RNORM_20, better="higher")
    assert {p.point_type for p in rebased.points} == {"common_cause"}


def test_summary_with_a_target_inside_the_limits() -> None:
    found = analyse(RNORM_20, better="higher", target=0.5)
    assert (found.variation, found.assurance) == ("common_cause", "inconsistent")


# --- test-ptd_calculate_point_type.R -------------------------------------------------------


@pytest.mark.parametrize(
    ("sides", "expected"),
    [
        ([], []),
        ([1] * 6, [0] * 6),
        ([1] * 6 + [-1], [0] * 7),
        ([1] * 8 + [-1], [0] * 6 + [1, 1, 0]),
        ([-1] * 8 + [1], [0] * 6 + [1, 1, 0]),
    ],
)
def test_seven_points_one_side_of_the_mean(sides: list[int], expected: list[int]) -> None:
    assert special_cause.one_side_ends(sides) == [bool(e) for e in expected]


@pytest.mark.parametrize(
    ("ends", "expected"),
    [
        ([], []),
        ([0] * 6, [0] * 6),
        ([0] * 6 + [1, 0], [1] * 7 + [0]),
        ([0] * 7 + [1, 0], [0] + [1] * 7 + [0]),
        ([0] * 6 + [-1, 0], [1] * 7 + [0]),
        ([0] * 7 + [-1, 0], [0] + [1] * 7 + [0]),
    ],
)
def test_part_of_a_run_of_seven(ends: list[int], expected: list[int]) -> None:
    assert special_cause.part_of_run(ends) == [bool(e) for e in expected]


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ([], []),
        ([1, 2, 3, 4, 5, 6], [0] * 6),
        ([1, 2, 3, 3, 4, 5, 6], [0] * 7),
        ([1, 2, 3, 4, 5, 6, 7], [0] * 6 + [1]),
        ([2, 1, 2, 3, 4, 5, 6, 7, 3], [0] * 7 + [1, 0]),
        ([7, 6, 5, 4, 3, 2, 1], [0] * 6 + [-1]),
        ([2, 7, 6, 5, 4, 3, 2, 1, 3], [0] * 7 + [-1, 0]),
    ],
)
def test_seven_point_trend(values: list[float], expected: list[int]) -> None:
    assert special_cause.trend_ends(values) == expected


@pytest.mark.parametrize(
    ("near", "sides", "expected"),
    [
        ([], [], []),
        ([0, 0, 0], [0, 0, 0], [0, 0, 0]),
        ([1, 0, 1], [1, 1, 1], [1, 0, 1]),
        ([0, 1, 1], [1, 1, 1], [0, 1, 1]),
        ([1, 1, 0], [1, 1, 1], [1, 1, 0]),
        ([0, 0, 1, 0, 1, 0, 0], [1] * 7, [0, 0, 1, 0, 1, 0, 0]),
        ([0, 0, 1, 1, 0, 0, 0], [1] * 7, [0, 0, 1, 1, 0, 0, 0]),
        ([1, 0, 0, 1], [1] * 4, [0, 0, 0, 0]),
        ([1, 0, 0, 1, 1], [1] * 5, [0, 0, 0, 1, 1]),
        # opposite sides of the mean
        ([1, 0, 1], [1, -1, 1], [0, 0, 0]),
        ([0, 1, 1], [1, -1, 1], [0, 0, 0]),
        ([1, 1, 0], [1, -1, 1], [0, 0, 0]),
        ([0, 0, 1, 0, 1, 0, 0], [1, -1, 1, -1, 1, -1, 1], [0] * 7),
        ([0, 0, 1, 1, 0, 0, 0], [-1, 1, -1, 1, -1, 1, -1], [0] * 7),
    ],
)
def test_part_of_two_in_three(near: list[int], sides: list[int], expected: list[int]) -> None:
    # R tests the windows (ptd_two_in_three) and the points in them (ptd_part_of_two_in_three);
    # two_of_three() returns the latter: the close points of a qualifying window.
    got = special_cause.two_of_three([bool(n) for n in near], sides)
    assert got == [bool(e) for e in expected]


def test_special_cause_precedence_and_direction() -> None:
    # The R test stubs the rule helpers with these part-of vectors.
    decided = special_cause.causes(
        [1, 2, 3, 4, 5, 6, 7, 8],
        [1, 1, 1, 1, -1, -1, -1, -1],
        outside=[False] * 5 + [True, True, False],
        trend=[True, True] + [False] * 6,
        two=[False] * 4 + [True] + [False] * 3,
        shift=[False, False, True, True] + [False] * 4,
    )
    assert decided == [
        ("trend", 1),
        ("trend", 1),
        ("shift", 1),
        ("shift", 1),
        ("two_of_three", -1),
        ("outside_limits", -1),
        ("outside_limits", -1),
        ("common_cause", 0),
    ]


# --- test-ptd_calculate_assurance_type.R ---------------------------------------------------

LIMITS = [(1.0, 3.0), (5.0, 7.0), (1.0, 5.0)]  # (lpl, upl) of facets a, b, c; target 4


@pytest.mark.parametrize(
    ("better", "expected"),
    [
        ("higher", ["consistent_fail", "consistent_pass", "inconsistent"]),
        ("lower", ["consistent_pass", "consistent_fail", "inconsistent"]),
        ("neutral", [None, None, None]),
    ],
)
def test_assurance_by_direction(better: Better, expected: list[str | None]) -> None:
    got = [assurance(4.0, lower=lo, upper=hi, better=better) for lo, hi in LIMITS]
    assert got == expected


def test_no_target_no_assurance() -> None:
    assert assurance(None, lower=1.0, upper=3.0, better="higher") is None
    assert analyse(RNORM_20, better="higher").assurance is None


def test_assurance_reads_the_latest_segment() -> None:
    # R orders three rebase groups three ways; the last group's limits decide (decrease, target 4).
    def latest(order: list[int]) -> str | None:
        lo, hi = LIMITS[order[-1]]
        return assurance(4.0, lower=lo, upper=hi, better="lower")

    assert latest([0, 1, 2]) == "inconsistent"
    assert latest([1, 2, 0]) == "consistent_pass"
    assert latest([2, 0, 1]) == "consistent_fail"


# --- test-geom_ptd_icon.R (ptd_get_icons: the variation and assurance icons) -----------------


@pytest.mark.parametrize(
    ("second_half", "target", "better", "variation", "assured"),
    [
        (None, None, "higher", "common_cause", None),
        (None, 0.5, "higher", "common_cause", "inconsistent"),
        (RNORM_PLUS_5, -3.0, "higher", "special_cause_improvement", "consistent_pass"),
        (RNORM_PLUS_5, -3.0, "lower", "special_cause_concern", "consistent_fail"),
        (RNORM_MINUS_5, 3.0, "higher", "special_cause_concern", "consistent_fail"),
        (RNORM_MINUS_5, 3.0, "lower", "special_cause_improvement", "consistent_pass"),
        (RNORM_MINUS_5, 3.0, "neutral", "special_cause_neutral_low", None),
    ],
)
def test_variation_and_assurance_icons(
    second_half: list[float] | None,
    target: float | None,
    better: Better,
    variation: str,
    assured: str | None,
) -> None:
    values = RNORM_24[:12] + (second_half or RNORM_24[12:])
    found = analyse(values, better=better, target=target)
    assert (found.variation, found.assurance) == (variation, assured)
