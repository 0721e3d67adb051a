"""`icp-obj diff` on measures' series: readings added, removed and changed per period, and the
fields a series depends on (target, frequency, better), read from real git revisions."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import RunCli
from tests.gitrepo import GitRepo

BASE = (Path(__file__).parent / "corpus" / "series-base.yaml").read_text("utf-8")
OBJECTIVE_3 = "objectives/3-age-well.yaml"
SERIES = "objectives/measures/dta-delays.csv"


def _meaning(output: str) -> list[str]:
    return [line.strip() for line in output.splitlines() if line.startswith("  ")]


def _with_series(repo: GitRepo) -> None:
    repo.write({OBJECTIVE_3: BASE, SERIES: "period,value\n2021-01,17\n2021-02,13\n2021-03,15\n"})
    repo.commit("A monthly measure and its series")
    repo.branch("figures")


def test_changed_readings_in_a_series_file(git_repo: GitRepo, cli: RunCli) -> None:
    _with_series(git_repo)
    git_repo.write({SERIES: "period,value\n2021-01,17\n2021-02,14\n2021-04,12\n"})
    git_repo.commit("February revised, March withdrawn, April added")

    result = cli("diff", "main", "HEAD", "--root", str(git_repo.root))

    assert result.exit_code == 0, result.output
    assert _meaning(result.stdout) == [
        "3.1 measure dta-delays reading for February 2021 in the series file: 13 → 14",
        "3.1 measure dta-delays reading for March 2021 removed from the series file (was 15)",
        "3.1 measure dta-delays reading for April 2021 added to the series file: 12",
    ]
    found = json.loads(cli("diff", "main", "HEAD", "--root", str(git_repo.root),
                           "--format", "json").stdout)["changes"]  # fmt: skip
    assert [(c["quarter"], c["before"], c["after"]) for c in found] == [
        ("2020/21 Q4", "13", "14"),
        ("2020/21 Q4", "15", None),
        ("2021/22 Q1", None, "12"),
    ]


def test_a_long_run_of_new_readings_is_one_line(git_repo: GitRepo, cli: RunCli) -> None:
    _with_series(git_repo)
    months = "".join(f"2021-{m:02d},{m}\n" for m in range(1, 13))
    git_repo.write({SERIES: "period,value\n" + months})
    git_repo.commit("A year of figures")

    lines = _meaning(cli("diff", "main", "HEAD", "--root", str(git_repo.root)).stdout)

    assert "3.1 measure dta-delays: 9 readings added to the series file, April 2021 to" \
        " December 2021" in lines  # fmt: skip
    assert "3.1 measure dta-delays reading for February 2021 in the series file: 13 → 2" in lines


def test_target_frequency_and_better_changes(git_repo: GitRepo, cli: RunCli) -> None:
    _with_series(git_repo)
    git_repo.replace(OBJECTIVE_3, "target: {value: 20}", "target: {value: 18}")
    git_repo.replace(OBJECTIVE_3, "better: neutral", "better: higher")
    git_repo.replace(OBJECTIVE_3, "frequency: quarterly", "frequency: yearly")
    git_repo.commit("Tighter threshold")

    lines = _meaning(cli("diff", "main", "HEAD", "--root", str(git_repo.root)).stdout)

    assert "3.1 measure dta-delays target: 20 (at any time) → 18 (at any time)" in lines
    assert '3.1 measure swabs better: "neutral" → "higher"' in lines
    assert '3.1 measure contract-value frequency: "quarterly" → "yearly"' in lines


def test_a_broken_series_file_is_listed_as_unreadable_not_as_removed(
    git_repo: GitRepo, cli: RunCli
) -> None:
    _with_series(git_repo)
    git_repo.write({SERIES: "period,value\n2021-01,17\n2021-02,x\n2021-03,15\n"})
    git_repo.commit("A slip")

    result = cli("diff", "main", "HEAD", "--root", str(git_repo.root))

    assert not any("reading" in line for line in _meaning(result.stdout)), result.stdout
    assert f"{SERIES}:3:9" in result.stdout
