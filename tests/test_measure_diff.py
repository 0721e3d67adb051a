"""`icp-obj diff` tells a measure's variation or assurance changing (Making Data Count's two
icons), read from real git revisions: by new readings, by a new target, and only when it did."""

from __future__ import annotations

import json
import shutil
from collections.abc import Sequence

import pytest

from tests.conftest import RunCli
from tests.gitrepo import GitRepo

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

OBJECTIVE_3 = "objectives/3-age-well.yaml"
SERIES = "objectives/measures/dta-delays.csv"
MEASURE = """
id: 3
title: Age well
breakthroughs:
  - id: "3.1"
    title: Discharge to assess
    measures:
      - id: dta-delays
        title: People waiting for discharge to assess
        frequency: monthly
        better: lower
        target: {value: 20}
"""
# A year around the target: the limits (20 ± 10.6) hold it, so hitting it is hit and miss.
YEAR: list[float] = [22, 18] * 6


def _csv(values: Sequence[float]) -> str:
    months = [f"{2019 + i // 12}-{i % 12 + 1:02d}" for i in range(len(values))]
    return "period,value\n" + "".join(f"{m},{v:g}\n" for m, v in zip(months, values, strict=True))


def _measure_lines(repo: GitRepo, cli: RunCli) -> list[str]:
    result = cli("diff", "main", "HEAD", "--root", str(repo.root))
    assert result.exit_code == 0, result.output
    lines = [line.strip() for line in result.stdout.splitlines() if line.startswith("  ")]
    return [line for line in lines if " variation: " in line or " assurance: " in line]


@pytest.fixture
def measured(git_repo: GitRepo) -> GitRepo:
    git_repo.write({OBJECTIVE_3: MEASURE, SERIES: _csv(YEAR)})
    git_repo.commit("A monthly measure with a year of readings")
    git_repo.branch("figures")
    return git_repo


def test_a_year_of_readings_far_above_the_target_fails_it(measured: GitRepo, cli: RunCli) -> None:
    measured.write({SERIES: _csv(YEAR + [40, 41] * 6)})
    measured.commit("A bad year")

    assert _measure_lines(measured, cli) == [
        "3.1 measure dta-delays variation: common_cause → special_cause_concern"
        " (Common cause variation → Special cause of concern)",
        "3.1 measure dta-delays assurance: inconsistent → consistent_fail"
        " (Hit and miss → Consistently failing the target)",
    ]
    found = json.loads(
        cli("diff", "main", "HEAD", "--root", str(measured.root), "--format", "json").stdout
    )["changes"]
    told = [(c["kind"], c["before"], c["after"]) for c in found if c["kind"] != "reading"]
    assert told == [
        ("variation", "common_cause", "special_cause_concern"),
        ("assurance", "inconsistent", "consistent_fail"),
    ]


def test_the_twelfth_reading_brings_limits_and_assurance(git_repo: GitRepo, cli: RunCli) -> None:
    git_repo.write({OBJECTIVE_3: MEASURE, SERIES: _csv(YEAR[:11])})
    git_repo.commit("Eleven readings: too few for limits")
    git_repo.write({SERIES: _csv(YEAR)})
    git_repo.commit("The twelfth")

    result = cli("diff", "HEAD~1", "HEAD", "--root", str(git_repo.root))

    assert "3.1 measure dta-delays variation: none → common_cause (No limits yet → Common cause" \
        " variation)" in result.stdout  # fmt: skip
    assert "3.1 measure dta-delays assurance: none → inconsistent (Not assessed → Hit and" \
        " miss)" in result.stdout  # fmt: skip


def test_a_target_below_the_lower_limit_is_failed(measured: GitRepo, cli: RunCli) -> None:
    measured.replace(OBJECTIVE_3, "target: {value: 20}", "target: {value: 5}")
    measured.commit("A far harder target")

    result = cli("diff", "main", "HEAD", "--root", str(measured.root))

    assert "3.1 measure dta-delays target: 20 (at any time) → 5 (at any time)" in result.stdout
    assert _measure_lines(measured, cli) == [
        "3.1 measure dta-delays assurance: inconsistent → consistent_fail"
        " (Hit and miss → Consistently failing the target)"
    ]


def test_no_line_when_variation_and_assurance_stay(measured: GitRepo, cli: RunCli) -> None:
    measured.write({SERIES: _csv([21, *YEAR[1:]])})
    measured.replace(OBJECTIVE_3, "target: {value: 20}", "target: {value: 19}")
    measured.commit("January revised, and a slightly harder target")

    result = cli("diff", "main", "HEAD", "--root", str(measured.root))

    assert "reading for January 2019 in the series file: 22 → 21" in result.stdout
    assert "target: 20 (at any time) → 19 (at any time)" in result.stdout
    assert _measure_lines(measured, cli) == []


def test_readings_an_unreadable_update_may_hold_are_not_told_as_a_change(
    measured: GitRepo, cli: RunCli
) -> None:
    measured.write({SERIES: _csv(YEAR + [40, 41] * 6)})
    slip = "objective: 3\nentries: [{covers: '3.1', readings: [{measure: dta-delays, value: 9}]\n"
    measured.write({"objectives/updates/2020-21/Q1/objective-3.yaml": slip})
    measured.commit("A bad year, and a slip in an update that reads the measure")

    assert _measure_lines(measured, cli) == []


def test_an_unreadable_update_that_does_not_name_the_measure_hides_nothing(
    measured: GitRepo, cli: RunCli
) -> None:
    measured.write({SERIES: _csv(YEAR + [40, 41] * 6)})
    measured.write({"objectives/updates/2020-21/Q1/objective-1.yaml": "objective: [\n"})
    measured.commit("A bad year, and a slip in another objective's update")

    assert len(_measure_lines(measured, cli)) == 2
