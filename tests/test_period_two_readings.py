"""`validate` (the lock) and `diff` read a change of `period` differently, on purpose.

The lock pairs an entry's readings by place and reports every front-matter field, the paper's
own `period` too; `diff` pairs readings by measure and period and leaves the paper's `period`
out. Both read the one comparison in domain/versions.py; these pin what each prints.
"""

from __future__ import annotations

import json

from tests.conftest import RunCli
from tests.gitrepo import GitRepo

Q1 = "objectives/updates/2020-21/Q1/objective-1.yaml"
Q1_REPORT = "objectives/updates/2020-21/Q1/report.yaml"


def _presented(repo: GitRepo) -> None:
    repo.replace(Q1, "value: 72", "value: 72\n        period: 2020/21 Q1")
    repo.replace(Q1_REPORT, "introduction:", "presented: 2020-07-21\nintroduction:")
    repo.commit("The Q1 paper went to the board")


def _locked(cli: RunCli, repo: GitRepo) -> list[str]:
    result = cli("validate", "--root", str(repo.root), "--format", "json")
    found = json.loads(result.stdout)["problems"]
    return [p["message"].split(" after ")[0] for p in found if p["code"] == "locked-quarter"]


def test_a_reading_s_new_period_is_a_changed_period_to_the_lock(
    git_repo: GitRepo, cli: RunCli
) -> None:
    _presented(git_repo)
    git_repo.replace(Q1, "period: 2020/21 Q1", "period: 2019/20 Q4")

    assert _locked(cli, git_repo) == ["the period of a reading of the entry for 1.1 was changed"]


def test_a_reading_s_new_period_is_one_reading_for_another_to_diff(
    git_repo: GitRepo, cli: RunCli
) -> None:
    _presented(git_repo)
    git_repo.replace(Q1, "period: 2020/21 Q1", "period: 2019/20 Q4")

    result = cli("diff", "HEAD", "--root", str(git_repo.root))

    assert result.exit_code == 0, result.output
    lines = [line.strip() for line in result.stdout.splitlines()]
    assert "1.1 reading of childcare for 2019/20 Q4 added in 2020/21 Q1: 72%" in " ".join(lines)
    assert "1.1 reading of childcare for 2020/21 Q1 removed from 2020/21 Q1 (was 72%)" in " ".join(
        lines
    )
    assert "period of a reading" not in result.stdout


def test_the_paper_s_own_period_is_locked_but_not_shown_by_diff(
    git_repo: GitRepo, cli: RunCli
) -> None:
    _presented(git_repo)
    git_repo.replace(Q1_REPORT, "period: 2020/21 Q1", "period: 2020/21 Q2")

    assert "the paper's period was changed" in _locked(cli, git_repo)
    result = cli("diff", "HEAD", "--root", str(git_repo.root))
    assert "front matter" not in result.stdout
