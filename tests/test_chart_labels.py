"""The words beside a chart: variation and assurance labels, the table rows and the text
alternative, read from the rule that marks each point and the length of its run."""

from __future__ import annotations

import time

import pytest

from icp_objectives.measures.analysis import Analysis, Assurance, Better
from icp_objectives.measures.labels import (
    assurance_label,
    no_assurance_label,
    point_labels,
    short_assurance,
    short_variation,
    variation_label,
)
from icp_objectives.measures.rows import chart_rows, chart_summary
from tests.spc_builders import Special, Stretch, build, months, special

STEADY = [50.0, 52, 48, 51, 49, 50, 53, 47, 50, 51, 49, 50]  # 12 points around a mean of 50


def ending(tail: list[float], marks: dict[int, Special], *, better: Better = "higher") -> Analysis:
    """Twelve steady points, then `tail`; `marks` index into the tail."""
    marked = {len(STEADY) + i: mark for i, mark in marks.items()}
    return build([Stretch(STEADY + tail, 50, 20, 80)], marked=marked, better=better)


def test_common_cause() -> None:
    assert variation_label(ending([51.0], {})) == "Common cause variation"


@pytest.mark.parametrize(("run", "expected"), [(7, "7 points"), (9, "9 points")])
def test_a_run_below_the_mean_counts_the_points_in_it(run: int, expected: str) -> None:
    tail = [45.0, 44, 46, 43, 45, 44, 46, 45, 44][:run]
    marks = {i: special("special_cause_concern", "shift") for i in range(run)}
    label = variation_label(ending(tail, marks))
    assert label == f"Special cause of concern: {expected} below the mean"


def test_a_run_that_started_before_the_marked_points_is_counted_whole() -> None:
    # The steady stretch ends 50, 51, 49, 50: the run above the mean is the tail alone.
    tail = [55.0] * 8
    marks = {i: special("special_cause_improvement", "shift") for i in range(8)}
    assert variation_label(ending(tail, marks)).endswith(": 8 points above the mean")


def test_a_point_outside_the_limits() -> None:
    high = ending([85.0], {0: special("special_cause_improvement", "outside_limits")})
    assert variation_label(high) == "Special cause of improvement: a point above the upper limit"
    low = ending([15.0], {0: special("special_cause_concern", "outside_limits")})
    assert variation_label(low) == "Special cause of concern: a point below the lower limit"


@pytest.mark.parametrize(("tail", "count"), [([75.0, 60.0, 76.0], 2), ([75.0, 77.0, 76.0], 3)])
def test_two_of_three_near_a_limit_says_how_many_of_the_three(
    tail: list[float], count: int
) -> None:
    marks = {2: special("special_cause_improvement", "two_of_three")}
    label = variation_label(ending(tail, marks))
    assert label == f"Special cause of improvement: {count} of 3 points near the upper limit"


def test_two_of_three_near_the_lower_limit() -> None:
    marks = {2: special("special_cause_concern", "two_of_three")}
    label = variation_label(ending([25.0, 40.0, 24.0], marks))
    assert label == "Special cause of concern: 2 of 3 points near the lower limit"


def test_trends_say_which_way_and_how_long() -> None:
    falling = [49.0, 48, 47, 46, 45, 44, 43]
    marks = {i: special("special_cause_concern", "trend", "shift") for i in range(7)}
    # The steady stretch ends on 50, so 50, 49, ... 43 is a run of 8 falling points.
    assert variation_label(ending(falling, marks)) == (
        "Special cause of concern: a run of 8 falling points"
    )
    rising = [51.0, 52, 53, 54, 55, 56, 57]
    marks = {i: special("special_cause_improvement", "trend") for i in range(7)}
    # ... 49, 50 then 51 to 57: the run of 9 rising points starts at 49.
    assert variation_label(ending(rising, marks)).endswith("a run of 9 rising points")


def test_the_rule_first_in_precedence_names_the_variation() -> None:
    tail = [55.0] * 6 + [85.0]
    marks = {i: special("special_cause_improvement", "shift") for i in range(6)}
    marks[6] = special("special_cause_improvement", "outside_limits", "shift")
    assert variation_label(ending(tail, marks)).endswith("a point above the upper limit")


def test_neutral_special_causes_say_high_or_low() -> None:
    high = ending(
        [85.0], {0: special("special_cause_neutral_high", "outside_limits")}, better="neutral"
    )
    assert variation_label(high) == "Special cause variation, high: a point above the upper limit"
    tail = [45.0] * 7
    marks = {i: special("special_cause_neutral_low", "shift") for i in range(7)}
    low = ending(tail, marks, better="neutral")
    assert variation_label(low) == "Special cause variation, low: 7 points below the mean"


def test_runs_stop_at_a_recalculation() -> None:
    first = Stretch([55.0] * 12, 50, 20, 80)
    second = Stretch([45.0] * 5 + [61.0] * 7 + [62.0] * 3, 50, 20, 80)
    marked = {24 + i: special("special_cause_improvement", "shift") for i in range(3)}
    marked.update({17 + i: special("special_cause_improvement", "shift") for i in range(7)})
    analysis = build([first, second], marked=marked)
    assert variation_label(analysis).endswith(": 10 points above the mean")


@pytest.mark.parametrize(
    ("stretches", "expected"),
    [
        ([Stretch([1.0] * 8)], "No limits yet: 8 readings, 12 are needed"),
        ([Stretch([1.0])], "No limits yet: 1 reading, 12 are needed"),
        (
            [Stretch([1.0] * 14, 1, 0, 2), Stretch([2.0] * 5)],
            "No limits yet: 5 readings since the limits were recalculated, 12 are needed",
        ),
        ([], "No readings yet"),
    ],
)
def test_no_limits_yet_says_how_many_readings_there_are_and_are_needed(
    stretches: list[Stretch], expected: str
) -> None:
    assert variation_label(build(stretches)) == expected


@pytest.mark.parametrize(
    ("assurance", "expected"),
    [
        ("consistent_pass", "Consistently passing the target"),
        ("consistent_fail", "Consistently failing the target"),
        ("inconsistent", "Hit and miss: the target lies within the limits"),
        (None, None),
    ],
)
def test_assurance_labels(assurance: Assurance | None, expected: str | None) -> None:
    analysis = build([Stretch(STEADY, 50, 20, 80)], target=60, assurance=assurance)
    assert assurance_label(analysis) == expected


def test_each_point_says_what_it_shows_and_where_it_sits_in_its_run() -> None:
    tail = [55.0, 56, 57, 85.0, 54, 55, 56, 57, 58]
    marks = {i: special("special_cause_improvement", "shift") for i in range(9)}
    marks[3] = special("special_cause_improvement", "outside_limits", "shift")
    labels = point_labels(ending(tail, marks))
    assert labels[:12] == ["Common cause"] * 12
    assert labels[12] == "Special cause of improvement: part of 9 points above the mean"
    assert labels[15] == "Special cause of improvement: above the upper limit"
    assert labels[-1] == "Special cause of improvement: 9 points above the mean"
    assert point_labels(build([Stretch([3.0, 4.0])])) == ["No limits yet"] * 2


def test_table_rows_carry_the_figures_and_the_same_written_with_the_unit() -> None:
    analysis = build([Stretch([150000.0, 175000.0])])
    rows = chart_rows(analysis, ["2020/21 Q1", "2020/21 Q2"], unit="£")
    assert [(r.period, r.value, r.value_text, r.mean_text, r.limits_text) for r in rows] == [
        ("2020/21 Q1", 150000.0, "£150,000", "", ""),
        ("2020/21 Q2", 175000.0, "£175,000", "", ""),
    ]
    limited = chart_rows(
        ending([85.5], {0: special("special_cause_improvement", "outside_limits")}),
        months(13),
        unit="%",
    )
    last = limited[-1]
    assert (last.value_text, last.mean_text, last.limits_text) == ("85.5%", "50%", "20% to 80%")
    assert last.point_type == "special_cause_improvement"
    assert last.shows == "Special cause of improvement: a point above the upper limit"
    with pytest.raises(ValueError, match="1 periods for 2 points"):
        chart_rows(analysis, ["2020/21 Q1"])


def test_the_text_alternative_gives_the_latest_value_variation_assurance_and_limits() -> None:
    tail = [45.0] * 7
    marks = {i: special("special_cause_concern", "shift") for i in range(7)}
    analysis = build(
        [Stretch(STEADY + tail, 50, 20, 80)],
        marked={12 + i: m for i, m in marks.items()},
        target=60,
        assurance="inconsistent",
    )
    assert chart_summary(analysis, months(19), unit="%", target=60) == (
        "Latest value 45% in 2020-07. Special cause of concern: 7 points below the mean."
        " Hit and miss: the target lies within the limits."
        " Target 60%, mean 50%, process limits 20% to 80%."
    )
    short = build([Stretch([3.0, 4.0])])
    assert chart_summary(short, ["2021-01", "2021-02"], unit="", target=None) == (
        "Latest value 4 in 2021-02. No limits yet: 2 readings, 12 are needed."
    )


def test_labels_for_ten_thousand_points_take_linear_time() -> None:
    values = [float(i) for i in range(10_000)]  # a cumulative figure: one long rising run
    marked = {i: special("special_cause_improvement", "trend", "shift") for i in range(10_000)}
    analysis = build([Stretch(values, 5000, 0, 10_000)], marked=marked)
    start = time.perf_counter()
    rows = chart_rows(analysis, [str(i) for i in range(10_000)])
    assert time.perf_counter() - start < 1.0  # quadratic would take minutes
    assert rows[5].shows == "Special cause of improvement: part of a run of 10000 rising points"


@pytest.mark.parametrize(
    ("analysis", "words", "short"),
    [
        (build([Stretch(STEADY, 50, 20, 80)]), "No target to assure against", "No target"),
        (
            build([Stretch(STEADY, 50, 20, 80)], better="neutral", target=60.0),
            "No assurance: neither higher nor lower is better",
            "None",
        ),
        (
            build([Stretch(STEADY[:5])], target=60.0),
            "No assurance until the limits are drawn",
            "No limits yet",
        ),
        (build([]), "No readings yet", "No readings yet"),
    ],
)
def test_no_assurance_says_why(analysis: Analysis, words: str, short: str) -> None:
    assert no_assurance_label(analysis) == words
    assert short_assurance(analysis) == short


@pytest.mark.parametrize(
    ("assurance", "short"),
    [
        ("consistent_pass", "Passing"),
        ("consistent_fail", "Failing"),
        ("inconsistent", "Hit and miss"),
    ],
)
def test_assurance_in_a_word_or_two(assurance: Assurance, short: str) -> None:
    analysis = build([Stretch(STEADY, 50, 20, 80)], target=60.0, assurance=assurance)
    assert short_assurance(analysis) == short


def test_variation_in_a_word_or_two() -> None:
    assert short_variation(ending([51.0], {})) == "Common cause"
    concern = ending([15.0], {0: special("special_cause_concern", "outside_limits")})
    assert short_variation(concern) == "Concern"
    high = ending([85.0], {0: special("special_cause_neutral_high", "outside_limits")})
    assert short_variation(high) == "Special cause, high"
    assert short_variation(build([Stretch(STEADY[:5])])) == "No limits yet"
    assert short_variation(build([])) == "No readings yet"
