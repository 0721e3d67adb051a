"""A quarter presented to the board is locked: `validate` flags later edits on their own line."""

from __future__ import annotations

import json

from tests.conftest import MakeRepo, RunCli
from tests.gitrepo import GitRepo

Q1 = "objectives/updates/2020-21/Q1/objective-1.yaml"
Q1_REPORT = "objectives/updates/2020-21/Q1/report.yaml"


def _present(repo: GitRepo) -> None:
    repo.replace(Q1_REPORT, "introduction:", "presented: 2020-07-21\nintroduction:")
    repo.commit("The Q1 paper went to the board")


def _problems(cli: RunCli, repo: GitRepo) -> list[tuple[str, int, int, str]]:
    result = cli("validate", "--root", str(repo.root), "--format", "json")
    found = json.loads(result.stdout)["problems"]
    return [(p["path"], p["line"], p["column"], p["code"]) for p in found]


def test_an_edited_entry_is_flagged_on_the_changed_line(git_repo: GitRepo, cli: RunCli) -> None:
    _present(git_repo)
    git_repo.replace(Q1, "value: 72", "value: 74")

    result = cli("validate", "--root", str(git_repo.root))

    line = git_repo.line_of(Q1, "- measure: childcare")
    assert result.exit_code == 1
    assert f"{Q1}:{line}:9: error locked-quarter: a reading of the entry for 1.1 was changed" in (
        result.stdout
    )
    assert "presented to the board on 21 July 2020 (commit " in result.stdout
    assert "correction: {reason: ..., date: YYYY-MM-DD}" in result.stdout


def test_a_status_change_points_at_the_status(git_repo: GitRepo, cli: RunCli) -> None:
    _present(git_repo)
    git_repo.replace(Q1, "status: amber", "status: red")
    git_repo.commit("Rewrite history")  # committing does not unlock it
    line = git_repo.line_of(Q1, "status: red")
    assert _problems(cli, git_repo) == [(Q1, line, 13, "locked-quarter")]


def test_a_marked_correction_is_allowed(git_repo: GitRepo, cli: RunCli) -> None:
    _present(git_repo)
    git_repo.replace(
        Q1,
        "status: amber",
        "status: red\n    correction: {reason: The rating was misread., date: 2020-08-01}",
    )
    result = cli("validate", "--root", str(git_repo.root))
    assert result.exit_code == 0, result.output


def test_added_and_removed_entries_are_flagged(git_repo: GitRepo, cli: RunCli) -> None:
    _present(git_repo)
    git_repo.write(
        {
            Q1: """
            objective: 1
            entries:
              - covers: "1.2"
                body: Late news.
            """
        }
    )
    found = _problems(cli, git_repo)
    assert (Q1, 3, 13, "locked-quarter") in found  # the new entry's covers
    assert (Q1, 3, 3, "locked-quarter") in found  # 1.1's entry is gone


def test_a_deleted_file_is_flagged_at_presented(git_repo: GitRepo, cli: RunCli) -> None:
    _present(git_repo)
    git_repo.remove(Q1)
    line = git_repo.line_of(Q1_REPORT, "presented:")
    assert _problems(cli, git_repo) == [(Q1_REPORT, line, 12, "locked-quarter")]


def test_changes_before_presenting_are_free(git_repo: GitRepo, cli: RunCli) -> None:
    git_repo.replace(Q1, "value: 72", "value: 74")
    git_repo.commit("Fix a figure before the meeting")
    _present(git_repo)
    assert cli("validate", "--root", str(git_repo.root)).exit_code == 0


def test_presented_but_not_yet_committed_is_not_checked(git_repo: GitRepo, cli: RunCli) -> None:
    git_repo.replace(Q1_REPORT, "introduction:", "presented: 2020-07-21\nintroduction:")
    git_repo.replace(Q1, "value: 72", "value: 74")
    assert cli("validate", "--root", str(git_repo.root)).exit_code == 0


def test_outside_git_the_check_is_skipped(make_repo: MakeRepo, cli: RunCli) -> None:
    root = make_repo(
        {
            Q1_REPORT: """
            title: Quarter 1 update
            presented: 2020-07-21
            introduction: The quarter's update.
            """
        }
    )
    assert cli("validate", "--root", str(root)).exit_code == 0


def test_update_refuses_to_add_to_a_presented_quarter(git_repo: GitRepo, cli: RunCli) -> None:
    _present(git_repo)
    before = (git_repo.root / Q1).read_text(encoding="utf-8")
    result = cli(
        "update",
        "1.2",
        "-q",
        "2020/21 Q1",
        "-s",
        "red",
        "-b",
        "Late news",
        "--root",
        str(git_repo.root),
    )
    assert result.exit_code == 1
    assert "the 2020/21 Q1 paper was presented to the board on 21 July 2020" in result.stderr
    assert "--correction REASON" in result.stderr
    assert (git_repo.root / Q1).read_text(encoding="utf-8") == before


def test_update_with_a_correction_passes_the_lock(git_repo: GitRepo, cli: RunCli) -> None:
    _present(git_repo)
    root = str(git_repo.root)
    result = cli("update", "1.1", "-q", "2020/21 Q1", "--append", "-b", "Late news",
                 "--correction", "The lead's last point was missed", "--root", root)  # fmt: skip
    assert result.exit_code == 0, result.output
    assert cli("validate", "--root", root).exit_code == 0
    git_repo.commit("Correct the Q1 entry for 1.1")
    assert "marked as a correction" in cli("diff", "HEAD~1", "HEAD", "--root", root).stdout
