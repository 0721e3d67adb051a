"""`icp-obj validate --changed-since REV`: what a branch touched, and what refers to it."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import MINIMAL, RunCli
from tests.gitrepo import GitRepo

Q1 = "objectives/updates/2020-21/Q1"
OLD_PROBLEM = f"{Q1}/objective-2.yaml"


def _with_an_old_problem(repo: GitRepo) -> None:
    """main already has a problem in a file no branch below touches."""
    repo.write(
        {
            OLD_PROBLEM: "objective: 2\nentries:\n  - covers: '2.1'\n    status: purple\n    body: x\n"
        }
    )
    repo.commit("An old mistake")
    repo.branch("work")


def _paths(cli: RunCli, repo: GitRepo, *args: str) -> set[str]:
    result = cli("validate", "--root", str(repo.root), "-f", "json", *args)
    return {p["path"] for p in json.loads(result.stdout)["problems"]}


def test_a_changed_objective_brings_in_the_quarter_files_that_use_it(
    git_repo: GitRepo, cli: RunCli
) -> None:
    _with_an_old_problem(git_repo)
    git_repo.replace("objectives/1-start.yaml", "id: childcare", "id: childcare-places")

    assert _paths(cli, git_repo) == {OLD_PROBLEM, f"{Q1}/objective-1.yaml"}
    result = cli("validate", "--root", str(git_repo.root), "--changed-since", "main")
    assert result.exit_code == 1
    assert f"{Q1}/objective-1.yaml:8:18: error unknown-measure" in result.stdout
    assert OLD_PROBLEM not in result.stdout
    assert "1 file changed since main" in result.stderr


def test_a_quarter_file_alone_is_checked_alone(git_repo: GitRepo, cli: RunCli) -> None:
    _with_an_old_problem(git_repo)
    git_repo.replace(f"{Q1}/objective-1.yaml", "status: amber", "status: amberr")
    git_repo.commit("Typo")
    assert _paths(cli, git_repo, "--changed-since", "main") == {f"{Q1}/objective-1.yaml"}


def test_a_changed_partnership_brings_in_everything(git_repo: GitRepo, cli: RunCli) -> None:
    _with_an_old_problem(git_repo)
    git_repo.replace("objectives/partnership.yaml", "name: Test Partnership", "name: Renamed")
    assert _paths(cli, git_repo, "--changed-since", "main") == {OLD_PROBLEM}


def test_a_changed_report_brings_in_its_quarter(git_repo: GitRepo, cli: RunCli) -> None:
    _with_an_old_problem(git_repo)
    git_repo.replace(f"{Q1}/report.yaml", "title: Quarter 1 update", "title: Q1 update")
    assert _paths(cli, git_repo, "--changed-since", "main") == {OLD_PROBLEM}


def test_nothing_changed_reports_nothing(git_repo: GitRepo, cli: RunCli) -> None:
    _with_an_old_problem(git_repo)
    result = cli("validate", "--root", str(git_repo.root), "--changed-since", "main")
    assert result.exit_code == 0
    assert "No files changed since main; no files in reach." in result.stderr


def test_an_unknown_revision_is_a_usage_error(git_repo: GitRepo, cli: RunCli) -> None:
    result = cli("validate", "--root", str(git_repo.root), "--changed-since", "nope")
    assert result.exit_code == 2
    assert "'nope' is not a commit in this repository" in result.stderr


def test_a_new_file_with_a_space_in_its_name(git_repo: GitRepo, cli: RunCli) -> None:
    _with_an_old_problem(git_repo)
    git_repo.write(
        {
            "objectives/6-six six.yaml": "id: 6\ntitle: Six\nbreakthroughs:\n  - id: '6.1'\n    title: x\n"
        }
    )
    git_repo.commit("A new objective whose file name has a space")
    result = cli("validate", "--root", str(git_repo.root), "--changed-since", "main")
    assert result.exit_code == 0, result.output
    assert "1 file changed since main" in result.stderr


def test_github_annotations_name_files_from_the_top_of_the_checkout(
    tmp_path: Path, cli: RunCli
) -> None:
    outer = GitRepo(tmp_path / "outer")
    outer.write({f"data/{rel}": text for rel, text in MINIMAL.items()})
    outer.commit("Data in a subfolder")
    outer.replace(f"data/{Q1}/objective-1.yaml", "status: amber", "status: amberr")
    result = cli("validate", "--root", str(outer.root / "data"), "--format", "github")
    assert result.stdout.startswith(f"::error file=data/{Q1}/objective-1.yaml,line=4,col=13,")
    plain = cli("validate", "--root", str(outer.root / "data"))
    assert plain.stdout.startswith(f"{Q1}/objective-1.yaml:4:13: error unknown-rating")


def test_later_work_on_main_is_not_the_branch_s_change(git_repo: GitRepo, cli: RunCli) -> None:
    git_repo.branch("work")
    git_repo.replace(f"{Q1}/objective-1.yaml", "status: amber", "status: amberr")
    git_repo.commit("The branch's own typo")
    git_repo.checkout("main")
    git_repo.write(
        {
            OLD_PROBLEM: "objective: 2\nentries:\n  - covers: '2.1'\n    status: purple\n    body: x\n"
        }
    )
    git_repo.commit("Meanwhile on main")
    git_repo.checkout("work")
    result = cli("validate", "--root", str(git_repo.root), "--changed-since", "main")
    assert "1 file changed since main" in result.stderr
    assert _paths(cli, git_repo, "--changed-since", "main") == {f"{Q1}/objective-1.yaml"}


def test_a_file_saved_with_the_wrong_suffix_is_in_reach(git_repo: GitRepo, cli: RunCli) -> None:
    _with_an_old_problem(git_repo)
    git_repo.write({f"{Q1}/objective-2.yaml.txt": "objective: 2\nentries: []\n"})
    assert _paths(cli, git_repo, "--changed-since", "main") == {f"{Q1}/objective-2.yaml.txt"}


def test_a_changed_series_file_brings_in_the_readings_it_conflicts_with(
    git_repo: GitRepo, cli: RunCli
) -> None:
    _with_an_old_problem(git_repo)
    git_repo.write({"objectives/measures/childcare.csv": "period,value\n2020/21 Q1,70\n"})
    git_repo.commit("Childcare's series")

    result = cli("validate", "--root", str(git_repo.root), "--changed-since", "main")

    assert result.exit_code == 1
    assert f"{Q1}/objective-1.yaml:8:18: error conflicting-reading" in result.stdout
    assert "objectives/measures/childcare.csv:2" in result.stdout  # the other place, named
    assert OLD_PROBLEM not in result.stdout


def test_a_changed_objective_brings_in_its_measures_series_files(
    git_repo: GitRepo, cli: RunCli
) -> None:
    git_repo.write({"objectives/measures/childcare.csv": "period,value\n2020/21 Q2,70\n"})
    git_repo.commit("Childcare's series")
    git_repo.branch("monthly")
    git_repo.replace("objectives/1-start.yaml", "unit:", "frequency: monthly\n        unit:")
    git_repo.replace(f"{Q1}/objective-1.yaml", "value: 72", "value: 72\n        period: 2020-06")

    result = cli("validate", "--root", str(git_repo.root), "--changed-since", "monthly")

    assert result.exit_code == 1
    assert "objectives/measures/childcare.csv:2:1: error wrong-frequency" in result.stdout
