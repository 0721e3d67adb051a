"""`icp-obj diff`: what a pull request changes in meaning, read from real git revisions."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import MINIMAL, MakeRepo, RunCli
from tests.gitrepo import GitRepo

Q1 = "objectives/updates/2020-21/Q1/objective-1.yaml"
Q1_REPORT = "objectives/updates/2020-21/Q1/report.yaml"
Q2 = "objectives/updates/2020-21/Q2/objective-1.yaml"
OBJECTIVE_1 = "objectives/1-start.yaml"
OBJECTIVE_2 = "objectives/2-choices.yaml"
PRESENTED = "the paper was presented to the board on 21 July 2020"


def _meaning(output: str) -> list[str]:
    """The indented lines of the text format: one per change."""
    return [line.strip() for line in output.splitlines() if line.startswith("  ")]


def _present_q1_and_add_q2(repo: GitRepo) -> None:
    repo.replace(Q1_REPORT, "introduction:", "presented: 2020-07-21\nintroduction:")
    repo.write(
        {
            Q2: """
            objective: 1
            entries:
              - covers: "1.1"
                status: amber
                body: Still recovering.
                readings:
                  - measure: childcare
                    value: 73
            """
        }
    )
    repo.commit("Q1 presented; Q2 updates")


def test_status_reading_and_locked_edit_are_three_lines(git_repo: GitRepo, cli: RunCli) -> None:
    _present_q1_and_add_q2(git_repo)
    git_repo.branch("q2-changes")
    git_repo.replace(Q2, "status: amber", "status: red")
    git_repo.replace(Q2, "value: 73", "value: 75")
    git_repo.replace(Q1, "Take-up is recovering.", "Take-up is falling.")

    result = cli("diff", "--root", str(git_repo.root))

    assert result.exit_code == 0, result.output
    assert "where this branch left main" in result.stdout
    assert "to the working tree" in result.stdout
    assert _meaning(result.stdout) == [
        f"LOCKED: 1.1 update for 2020/21 Q1 edited: body ({PRESENTED}; not marked as a correction)",
        "1.1 status in 2020/21 Q2: amber → red (Some risk → Off track)",
        "1.1 reading of childcare in 2020/21 Q2: 73% → 75%",
    ]


def test_a_correction_is_shown_with_its_reason_not_as_locked(
    git_repo: GitRepo, cli: RunCli
) -> None:
    _present_q1_and_add_q2(git_repo)
    git_repo.branch("fix")
    git_repo.replace(
        Q1,
        "status: amber",
        "status: red\n    correction: {reason: The rating was misread., date: 2020-08-01}",
    )
    git_repo.commit("Correct the Q1 rating")

    result = cli("diff", "main", "fix", "--root", str(git_repo.root))

    assert _meaning(result.stdout) == [
        "1.1 status in 2020/21 Q1: amber → red (Some risk → Off track); marked as a correction:"
        f' "The rating was misread." ({PRESENTED})'
    ]


def test_a_correction_names_the_paper_that_lists_it(git_repo: GitRepo, cli: RunCli) -> None:
    _present_q1_and_add_q2(git_repo)
    git_repo.write(
        {
            "objectives/updates/2020-21/Q2/report.yaml": """
            title: Quarter 2 update
            introduction: The second quarter.
            """
        }
    )
    git_repo.commit("Q2 paper started")
    git_repo.branch("fix")
    git_repo.replace(
        Q1,
        "status: amber",
        "status: red\n    correction: {reason: The rating was misread., date: 2020-08-01}",
    )
    git_repo.commit("Correct the Q1 rating")

    result = cli("diff", "main", "fix", "--format", "quarters", "--root", str(git_repo.root))

    assert result.stdout.split() == ["2020-21-Q1", "2020-21-Q2"]  # Q2's paper lists the correction


def test_renames_renumbering_and_a_deleted_objective(git_repo: GitRepo, cli: RunCli) -> None:
    git_repo.branch("restructure")
    git_repo.replace(OBJECTIVE_1, "title: School readiness", "title: Ready for school")
    git_repo.replace(OBJECTIVE_1, 'id: "1.2"', 'id: "1.3"')
    git_repo.replace(OBJECTIVE_1, "id: childcare", "id: funded-childcare")
    git_repo.replace(OBJECTIVE_1, "value: 85}", "value: 90}")
    git_repo.replace(Q1, "measure: childcare", "measure: funded-childcare")
    git_repo.remove(OBJECTIVE_2)
    git_repo.commit("Restructure the objectives")

    result = cli("diff", "main", "HEAD", "--root", str(git_repo.root))

    lines = _meaning(result.stdout)
    assert 'Objective 2 removed: "Healthy choices"' in lines
    assert '1.1 retitled: "School readiness" → "Ready for school"' in lines
    assert '1.2 renumbered to 1.3: "Healthy pregnancies"' in lines
    assert (
        '1.1 measure childcare renamed to funded-childcare: "Take-up of funded childcare"' in lines
    )
    assert "1.1 measure funded-childcare target: 85% (2021/22 Q4) → 90% (2021/22 Q4)" in lines
    assert not any("2.1" in line or "2.2" in line for line in lines), "no noise from objective 2"
    assert not any("reading" in line for line in lines), "a renamed measure's reading is the same"


def test_a_measure_renamed_only_in_its_objective_does_not_move_readings(
    git_repo: GitRepo, cli: RunCli
) -> None:
    _present_q1_and_add_q2(git_repo)
    git_repo.replace(OBJECTIVE_1, "id: childcare", "id: childcare-2yo")
    result = cli("diff", "HEAD", "--root", str(git_repo.root))
    lines = _meaning(result.stdout)
    assert lines == [
        '1.1 measure childcare renamed to childcare-2yo: "Take-up of funded childcare"'
    ]


def test_a_file_broken_on_one_side_is_reported_not_a_crash(git_repo: GitRepo, cli: RunCli) -> None:
    git_repo.branch("broken")
    git_repo.replace(OBJECTIVE_2, "title: Healthy choices", "title: [Healthy choices")
    git_repo.replace(Q1, "status: amber", "status: green")
    git_repo.commit("Break objective 2")

    result = cli("diff", "main", "broken", "--root", str(git_repo.root), "-f", "md")

    assert result.exit_code == 0, result.output
    assert "Objective 2 removed" not in result.stdout  # unknown, not removed
    assert "#### Files that could not be read" in result.stdout
    assert "`objectives/2-choices.yaml:2:8`" in result.stdout
    assert "(at broken)" in result.stdout
    assert "- 1.1 status in 2020/21 Q1: amber → green (Some risk → On track)" in result.stdout


def test_merge_commit_against_its_first_parent(git_repo: GitRepo, cli: RunCli) -> None:
    git_repo.branch("lead-a")
    git_repo.replace(Q1, "status: amber", "status: green")
    git_repo.commit("Lead A: rating")
    git_repo.checkout("main")
    git_repo.branch("lead-b")
    git_repo.replace(OBJECTIVE_2, "title: Stop smoking", "title: Smoke-free pregnancies")
    git_repo.commit("Lead B: retitle 2.2")
    git_repo.git("merge", "-q", "--no-ff", "lead-a", "-m", "Merge lead A")

    result = cli("diff", "HEAD^1", "HEAD", "--root", str(git_repo.root), "-f", "json")

    data = json.loads(result.stdout)
    assert [c["text"] for c in data["changes"]] == [
        "1.1 status in 2020/21 Q1: amber → green (Some risk → On track)"
    ]
    assert data["quarters"] == ["2020-21-Q1"]
    status = data["changes"][0]
    assert (status["kind"], status["subject"], status["before"], status["after"]) == (
        "status",
        "1.1",
        "amber",
        "green",
    )
    both = json.loads(
        cli("diff", "main", "HEAD", "--root", str(git_repo.root), "-f", "json").stdout
    )
    assert both["count"] == 2


def test_works_in_a_shallow_clone(git_repo: GitRepo, cli: RunCli, tmp_path: Path) -> None:
    git_repo.replace(Q1, "value: 72", "value: 70")
    git_repo.commit("Second")
    git_repo.replace(Q1, "value: 70", "value: 71")
    git_repo.commit("Third")
    clone = tmp_path / "shallow"
    git_repo.git("clone", "-q", "--depth", "2", f"file://{git_repo.root}", str(clone))
    assert git_repo.git("rev-parse", "--is-shallow-repository", cwd=clone) == "true"

    result = cli("diff", "HEAD~1", "HEAD", "--root", str(clone))
    assert _meaning(result.stdout) == ["1.1 reading of childcare in 2020/21 Q1: 70% → 71%"]

    beyond = cli("diff", "HEAD~2", "HEAD", "--root", str(clone))
    assert beyond.exit_code == 2
    assert "'HEAD~2' is not a commit in this repository" in beyond.stderr
    assert "shallow clone" in beyond.stderr


def test_quarters_format_names_the_papers_to_render(git_repo: GitRepo, cli: RunCli) -> None:
    git_repo.replace(OBJECTIVE_1, "value: 85}", "value: 86}")
    result = cli("diff", "HEAD", "--root", str(git_repo.root), "-f", "quarters")
    assert result.stdout.split() == ["2020-21-Q1"]  # objectives changed: the latest paper


def test_no_changes_says_so(git_repo: GitRepo, cli: RunCli) -> None:
    result = cli("diff", "--root", str(git_repo.root))
    assert result.exit_code == 0
    assert result.stdout.startswith("No changes in meaning from ")
    md = cli("diff", "--root", str(git_repo.root), "-f", "md").stdout
    assert md.startswith("### Objectives: No changes in meaning from ")


def test_markdown_escapes_text_from_the_data(git_repo: GitRepo, cli: RunCli) -> None:
    git_repo.replace(OBJECTIVE_2, "title: Stop smoking", "title: '<b>Stop</b> *smoking*'")
    md = cli("diff", "--root", str(git_repo.root), "-f", "md").stdout
    assert "<b>" not in md
    assert "\\<b\\>Stop\\</b\\> \\*smoking\\*" in md


def test_outside_git_is_a_usage_error(make_repo: MakeRepo, cli: RunCli) -> None:
    root = make_repo({})
    result = cli("diff", "--root", str(root))
    assert result.exit_code == 2
    assert "is not inside a git repository" in result.stderr


def test_unknown_revision_and_format_are_usage_errors(git_repo: GitRepo, cli: RunCli) -> None:
    result = cli("diff", "no-such-branch", "--root", str(git_repo.root))
    assert result.exit_code == 2
    assert "'no-such-branch' is not a commit" in result.stderr
    assert cli("diff", "-f", "xml", "--root", str(git_repo.root)).exit_code == 2


def test_git_missing_is_a_usage_error(
    git_repo: GitRepo, cli: RunCli, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", "/nonexistent")
    result = cli("diff", "--root", str(git_repo.root))
    assert result.exit_code == 2
    assert "git is not installed" in result.stderr


def test_locked_changes_are_flagged_in_markdown(git_repo: GitRepo, cli: RunCli) -> None:
    _present_q1_and_add_q2(git_repo)
    git_repo.replace(Q1, "status: amber", "status: red")
    md = cli("diff", "HEAD", "--root", str(git_repo.root), "-f", "md").stdout
    assert "> [!WARNING]\n> 1 change to a paper already presented to the board" in md
    assert (
        f"- **LOCKED:** 1.1 status in 2020/21 Q1: amber → red (Some risk → Off track) ({PRESENTED};"
        in md
    )


def test_a_repository_in_a_subfolder_of_the_git_work_tree(tmp_path: Path, cli: RunCli) -> None:
    outer = GitRepo(tmp_path / "outer")
    outer.write({f"data/{rel}": text for rel, text in MINIMAL.items()})
    outer.write({"objectives/partnership.yaml": "not: this one\n"})  # a decoy at the top
    outer.commit("Data in a subfolder")
    outer.replace(f"data/{Q1}", "value: 72", "value: 73")
    result = cli("diff", "HEAD", "--root", str(outer.root / "data"))
    assert _meaning(result.stdout) == ["1.1 reading of childcare in 2020/21 Q1: 72% → 73%"]


def test_a_reading_with_the_same_note_shows_the_note_once(git_repo: GitRepo, cli: RunCli) -> None:
    git_repo.replace(Q1, "value: 72", "value: 72\n        note: Recovering after lockdown.")
    git_repo.commit("A note")
    git_repo.replace(Q1, "value: 72", "value: 70")
    result = cli("diff", "HEAD", "--root", str(git_repo.root), "-f", "json")
    change = json.loads(result.stdout)["changes"][0]
    assert (
        change["text"]
        == "1.1 reading of childcare in 2020/21 Q1: 72% → 70% (Recovering after lockdown.)"
    )
    assert (change["before"], change["after"]) == ("72", "70")
