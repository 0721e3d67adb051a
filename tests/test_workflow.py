"""The CI workflow's steps are icp-obj commands: run each one against a test git repository."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from icp_objectives import yamlio
from tests.conftest import PROJECT
from tests.gitrepo import GitRepo

WORKFLOW = PROJECT / ".github" / "workflows" / "objectives.yml"
Q1 = "objectives/updates/2020-21/Q1/objective-1.yaml"


def _job() -> dict[str, Any]:
    data = yamlio.load(WORKFLOW.read_text(encoding="utf-8"))
    job = data["jobs"]["objectives"]
    assert isinstance(job, dict)
    return job


def _env(job: dict[str, Any], base: str, tmp_path: Path) -> dict[str, str]:
    """The job's env with GitHub expressions replaced by what they mean here."""
    meaning = {"BASE": base}
    env = {}
    for key, value in job["env"].items():
        if "${{" in str(value):
            assert key in meaning, f"the test does not know what {key} means; add it"
            value = meaning[key]
        env[key] = str(value)
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir(exist_ok=True)
    script = bin_dir / "icp-obj"
    script.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m icp_objectives "$@"\n')
    script.chmod(0o755)
    return {
        **os.environ,
        **env,
        "GITHUB_STEP_SUMMARY": str(tmp_path / "summary.md"),
        "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}",
        "NO_COLOR": "1",
    }


def _run_steps(
    repo: GitRepo, base: str, tmp_path: Path
) -> dict[str, subprocess.CompletedProcess[str]]:
    """Each step whose script runs icp-obj, run as GitHub runs it (bash -eo pipefail)."""
    job = _job()
    env = _env(job, base, tmp_path)
    github_env = tmp_path / "github-env"
    results = {}
    for step in job["steps"]:
        script = step.get("run", "")
        if not script or "pip install" in script:
            continue
        github_env.write_text("", encoding="utf-8")
        results[step["name"]] = done = subprocess.run(
            ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", script],
            cwd=repo.root,
            env={**env, "GITHUB_ENV": str(github_env)},
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        if done.returncode == 0:  # what a step appends to $GITHUB_ENV, later steps see
            for line in github_env.read_text().splitlines():
                name, _, value = line.partition("=")
                env[name] = value
    return results


def _pull_request(repo: GitRepo) -> str:
    base = repo.head()
    repo.branch("pr")
    repo.replace(Q1, "status: amber", "status: green")
    repo.commit("1.1 is back on track")
    return base


def test_workflow_checks_out_history_and_keeps_the_papers() -> None:
    steps = _job()["steps"]
    checkout = next(s for s in steps if str(s.get("uses", "")).startswith("actions/checkout"))
    assert checkout["with"]["fetch-depth"] == 0
    upload = next(s for s in steps if str(s.get("uses", "")).startswith("actions/upload-artifact"))
    assert upload["with"]["path"].rstrip("/") == _job()["env"]["PAPERS"]
    commands = [s["run"] for s in steps if "run" in s]
    assert any("validate --format github" in c for c in commands)
    assert any("--format md" in c and "GITHUB_STEP_SUMMARY" in c for c in commands)
    assert any("--check" in c for c in commands)


def test_every_step_passes_on_a_good_pull_request(git_repo: GitRepo, tmp_path: Path) -> None:
    base = _pull_request(git_repo)
    subprocess.run(
        [sys.executable, "-m", "icp_objectives", "report", "Q1"],
        cwd=git_repo.root,
        check=True,
        capture_output=True,
    )
    git_repo.commit("Re-render the Q1 paper")

    results = _run_steps(git_repo, base, tmp_path)

    assert len(results) == 5
    for name, done in results.items():
        assert done.returncode == 0, f"{name}: {done.stdout}{done.stderr}"
    summary = (tmp_path / "summary.md").read_text(encoding="utf-8")
    assert "- 1.1 status in 2020/21 Q1: amber → green (Some risk → On track)" in summary
    papers = git_repo.root / _job()["env"]["PAPERS"]
    assert sorted(p.name for p in papers.iterdir()) == [
        "2020-21-Q1-board-report.docx",
        "2020-21-Q1-board-report.html",
        "2020-21-Q1-board-report.md",
    ]


def test_a_broken_file_is_annotated_and_still_summarised(git_repo: GitRepo, tmp_path: Path) -> None:
    base = _pull_request(git_repo)
    git_repo.replace(Q1, "status: green", "status: greeen")
    git_repo.commit("A typo")

    results = _run_steps(git_repo, base, tmp_path)

    check = results["Check the data files"]
    assert check.returncode == 1
    assert check.stdout.startswith(
        f"::error file={Q1},line=4,col=13,title=icp-obj unknown-rating::"
    )
    assert results["Summarise the changes in meaning"].returncode == 0
    assert "amber → greeen" in (tmp_path / "summary.md").read_text(encoding="utf-8")
    stale = results["Check the committed papers match the data"]
    assert stale.returncode == 1
    assert "the data has problems, so no paper was written" in stale.stderr


def test_the_first_push_of_a_branch_compares_with_its_parent(
    git_repo: GitRepo, tmp_path: Path
) -> None:
    _pull_request(git_repo)
    results = _run_steps(git_repo, "0" * 40, tmp_path)  # github.event.before on a first push
    summary = (tmp_path / "summary.md").read_text(encoding="utf-8")
    assert results["Summarise the changes in meaning"].returncode == 0
    assert "- 1.1 status in 2020/21 Q1: amber → green (Some risk → On track)" in summary


def test_a_failing_diff_fails_the_paper_steps(git_repo: GitRepo, tmp_path: Path) -> None:
    _pull_request(git_repo)
    results = _run_steps(git_repo, "f" * 40, tmp_path)  # a base this clone does not have
    for name in (
        "Render the paper for each affected quarter",
        "Check the committed papers match the data",
    ):
        assert results[name].returncode == 2, name
        assert "is not a commit in this repository" in results[name].stderr
