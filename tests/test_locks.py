"""A quarter presented to the board is locked: `validate` flags later edits on their own line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

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

    line = git_repo.line_of(Q1, "value: 74")
    assert result.exit_code == 1
    assert (
        f"{Q1}:{line}:16: error locked-quarter: the value of a reading of the entry for 1.1 was"
        " changed" in result.stdout
    )
    assert "presented to the board on 21 July 2020 (commit " in result.stdout
    assert "correction: {reason: ..., date: YYYY-MM-DD}" in result.stdout


def test_a_status_change_points_at_the_status(git_repo: GitRepo, cli: RunCli) -> None:
    _present(git_repo)
    git_repo.replace(Q1, "status: amber", "status: red")
    git_repo.commit("Rewrite history")  # committing does not unlock it
    line = git_repo.line_of(Q1, "status: red")
    assert _problems(cli, git_repo) == [(Q1, line, 13, "locked-quarter")]


def test_a_body_edit_is_flagged_on_the_line_that_changed(git_repo: GitRepo, cli: RunCli) -> None:
    git_repo.replace(
        Q1,
        "- Take-up is recovering.",
        "- Take-up is recovering.\n      - More places.\n      - A third point.",
    )
    git_repo.commit("Three points")
    _present(git_repo)
    git_repo.replace(Q1, "- A third point.", "- A third point, reworded.")
    line = git_repo.line_of(Q1, "A third point, reworded")
    assert _problems(cli, git_repo) == [(Q1, line, 7, "locked-quarter")]


def test_every_changed_field_of_an_entry_is_flagged(git_repo: GitRepo, cli: RunCli) -> None:
    _present(git_repo)
    git_repo.replace(Q1, "status: amber", "status: red\n    heading: New heading")
    git_repo.replace(Q1, "value: 72", "value: 70")
    found = _problems(cli, git_repo)
    assert found == [
        (Q1, git_repo.line_of(Q1, "status: red"), 13, "locked-quarter"),
        (Q1, git_repo.line_of(Q1, "heading: New"), 14, "locked-quarter"),
        (Q1, git_repo.line_of(Q1, "value: 70"), 16, "locked-quarter"),
    ]


def test_removing_presented_does_not_unlock_the_quarter(git_repo: GitRepo, cli: RunCli) -> None:
    _present(git_repo)
    git_repo.replace(Q1_REPORT, "presented: 2020-07-21\n", "")
    git_repo.commit("Unlock it")
    git_repo.replace(Q1, "status: amber", "status: red")
    result = cli("validate", "--root", str(git_repo.root))
    assert result.exit_code == 1
    assert f"{Q1_REPORT}:1:1: error locked-quarter: `presented:` was removed after" in result.stdout
    assert "put back `presented: 2020-07-21`" in result.stdout
    assert f"{Q1}:{git_repo.line_of(Q1, 'status: red')}:13: error locked-quarter" in result.stdout


def test_the_presented_date_cannot_move(git_repo: GitRepo, cli: RunCli) -> None:
    _present(git_repo)
    git_repo.replace(Q1_REPORT, "presented: 2020-07-21", "presented: 2020-09-01")
    result = cli("validate", "--root", str(git_repo.root))
    assert result.exit_code == 1
    line = git_repo.line_of(Q1_REPORT, "presented:")
    assert f"{Q1_REPORT}:{line}:12: error locked-quarter: the date was changed to 2020-09-01" in (
        result.stdout
    )
    assert "presented to the board on 21 July 2020" in result.stdout


def test_a_correction_dated_before_the_meeting_is_refused(git_repo: GitRepo, cli: RunCli) -> None:
    _present(git_repo)
    git_repo.replace(
        Q1,
        "status: amber",
        "status: red\n    correction:\n      reason: Misread.\n      date: 2020-07-01",
    )
    line = git_repo.line_of(Q1, "date: 2020-07-01")
    assert _problems(cli, git_repo) == [(Q1, line, 13, "locked-quarter")]


def test_a_corrected_entry_changed_again_needs_a_new_correction(
    git_repo: GitRepo, cli: RunCli
) -> None:
    _present(git_repo)
    git_repo.replace(
        Q1, "status: amber", "status: red\n    correction: {reason: Misread., date: 2020-08-01}"
    )
    git_repo.commit("Correct the rating")
    assert cli("validate", "--root", str(git_repo.root)).exit_code == 0

    git_repo.replace(Q1, "value: 72", "value: 99")
    git_repo.commit("And quietly another figure")
    result = cli("validate", "--root", str(git_repo.root))
    assert result.exit_code == 1
    assert f"{Q1}:{git_repo.line_of(Q1, 'value: 99')}:16: error locked-quarter" in result.stdout
    assert "after its correction was committed (commit " in result.stdout
    assert "give the correction a new reason and today's date" in result.stdout

    git_repo.replace(
        Q1, "reason: Misread., date: 2020-08-01", "reason: Misread; figure fixed., date: 2020-09-03"
    )
    assert cli("validate", "--root", str(git_repo.root)).exit_code == 0


def test_a_broken_file_in_a_presented_quarter_is_not_called_removed(
    git_repo: GitRepo, cli: RunCli
) -> None:
    _present(git_repo)
    git_repo.replace(Q1, "objective: 1", "objective: 1\nbogus: 1")
    found = _problems(cli, git_repo)
    assert [code for *_, code in found] == ["unknown-key"]


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


def test_a_file_added_to_a_presented_quarter_is_flagged(git_repo: GitRepo, cli: RunCli) -> None:
    # Every file the quarter held then is as it was: only the added one differs, and it is
    # still a change to what the board was shown.
    _present(git_repo)
    added = Q1.replace("objective-1", "objective-2")
    git_repo.write(
        {added: "objective: 2\nperiod: 2020/21 Q1\nentries:\n  - covers: '2'\n    body: New.\n"}
    )
    codes = [code for path, _, _, code in _problems(cli, git_repo) if code == "locked-quarter"]
    assert codes == ["locked-quarter"]


def test_a_status_written_by_its_label_is_the_same_rating_then_and_now(
    git_repo: GitRepo, cli: RunCli
) -> None:
    # Git's copy of the quarter is read with the partnership's words, as the quarter now is:
    # whether another line of the folder changed since makes no difference.
    git_repo.replace(Q1, "status: amber", "status: Some risk")
    git_repo.commit("The status in the words of the scale")
    _present(git_repo)
    assert [p for p in _problems(cli, git_repo) if p[3] == "locked-quarter"] == []
    git_repo.replace(Q1, "status: Some risk", "status: Some risk  # as the board heard it")
    assert [p for p in _problems(cli, git_repo) if p[3] == "locked-quarter"] == []


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


def test_without_git_a_presented_quarter_is_a_warning(
    git_repo: GitRepo, cli: RunCli, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    _present(git_repo)
    git_repo.replace(Q1, "value: 72", "value: 74")
    monkeypatch.setenv("PATH", str(tmp_path / "no-git-here"))
    result = cli("validate", "--root", str(git_repo.root))
    assert result.exit_code == 0
    line = git_repo.line_of(Q1_REPORT, "presented:")
    assert f"{Q1_REPORT}:{line}:12: warning locked-quarter: git is not installed" in result.stdout
    assert "changes since the paper was presented cannot be checked" in result.stdout
    assert "1 warning in 1 of" in result.stderr


def test_update_with_a_correction_passes_the_lock(git_repo: GitRepo, cli: RunCli) -> None:
    _present(git_repo)
    root = str(git_repo.root)
    result = cli("update", "1.1", "-q", "2020/21 Q1", "--append", "-b", "Late news",
                 "--correction", "The lead's last point was missed", "--root", root)  # fmt: skip
    assert result.exit_code == 0, result.output
    assert cli("validate", "--root", root).exit_code == 0
    git_repo.commit("Correct the Q1 entry for 1.1")
    assert "marked as a correction" in cli("diff", "HEAD~1", "HEAD", "--root", root).stdout


@pytest.mark.parametrize("reason", ["", "   ", "two\nlines"])
def test_update_with_an_empty_or_long_correction_is_a_usage_error(
    git_repo: GitRepo, cli: RunCli, reason: str
) -> None:
    _present(git_repo)
    before = (git_repo.root / Q1).read_bytes()
    result = cli("update", "1.1", "-q", "2020/21 Q1", "--append", "-b", "x",
                 "--correction", reason, "--root", str(git_repo.root))  # fmt: skip
    assert result.exit_code == 2
    assert "--correction" in result.stderr
    assert (git_repo.root / Q1).read_bytes() == before


def test_a_shallow_clone_without_the_presented_commit_warns(
    git_repo: GitRepo, cli: RunCli, tmp_path: Path
) -> None:
    _present(git_repo)
    git_repo.replace(Q1, "value: 72", "value: 74")
    git_repo.commit("A later edit")
    clone = tmp_path / "shallow"
    git_repo.git("clone", "-q", "--depth", "1", f"file://{git_repo.root}", str(clone))
    result = cli("validate", "--root", str(clone))
    assert result.exit_code == 0
    assert (
        "warning locked-quarter: the commit that recorded `presented` is not in this shallow clone"
        in result.stdout
    )


def test_a_presented_paper_s_front_matter_is_locked_too(git_repo: GitRepo, cli: RunCli) -> None:
    _present(git_repo)
    git_repo.replace(Q1_REPORT, "title: Quarter 1 update", "title: Quarter 1 update, revised")
    line = git_repo.line_of(Q1_REPORT, "title:")
    result = cli("validate", "--root", str(git_repo.root))
    assert result.exit_code == 1
    assert f"{Q1_REPORT}:{line}:8: error locked-quarter: the paper's title was changed after" in (
        result.stdout
    )
    diff = cli("diff", "HEAD", "--root", str(git_repo.root))
    assert "LOCKED: 2020/21 Q1 paper's front matter edited: title" in diff.stdout


def test_reordering_a_combined_entry_s_covers_is_not_a_change(
    git_repo: GitRepo, cli: RunCli
) -> None:
    combined = "objectives/updates/2020-21/Q1/objective-2.yaml"
    git_repo.write(
        {combined: 'objective: 2\nentries:\n  - covers: ["2.1", "2.2"]\n    body: Both.\n'}
    )
    git_repo.commit("A combined update")
    _present(git_repo)
    git_repo.replace(combined, '["2.1", "2.2"]', '["2.2", "2.1"]')
    assert cli("validate", "--root", str(git_repo.root)).exit_code == 0
    assert "No changes in meaning" in cli("diff", "HEAD", "--root", str(git_repo.root)).stdout


@pytest.mark.parametrize(
    "broken",
    ["presented: 2020-13-45", "presented: [2020-07-21", "presented: '2020-07-21"],
    ids=["impossible-date", "unclosed-list", "unclosed-quote"],
)
def test_update_refuses_while_the_report_yaml_is_unreadable(
    git_repo: GitRepo, cli: RunCli, broken: str
) -> None:
    _present(git_repo)
    git_repo.replace(Q1_REPORT, "presented: 2020-07-21", broken)
    before = (git_repo.root / Q1).read_text(encoding="utf-8")
    result = cli(
        "update", "1.1", "-q", "2020/21 Q1", "--append", "-b", "Late news",
        "--root", str(git_repo.root),
    )  # fmt: skip
    assert result.exit_code == 1
    what = "has presented: 2020-13-45, no real date" if "13" in broken else "cannot be read"
    assert f"{Q1_REPORT} {what}, so whether the 2020/21 Q1 paper was presented" in result.stderr
    assert (git_repo.root / Q1).read_text(encoding="utf-8") == before


def test_an_edit_is_still_locked_while_the_report_yaml_is_broken(
    git_repo: GitRepo, cli: RunCli
) -> None:
    _present(git_repo)
    git_repo.replace(Q1_REPORT, "presented: 2020-07-21", "presented: 2020-07-21\ntitel: x")
    git_repo.replace(Q1, "value: 72", "value: 74")
    found = _problems(cli, git_repo)
    assert (Q1, git_repo.line_of(Q1, "value: 74"), 16, "locked-quarter") in found
    assert (Q1_REPORT, git_repo.line_of(Q1_REPORT, "titel:"), 1, "unknown-key") in found


def test_a_history_git_cannot_read_is_a_warning_not_silence(git_repo: GitRepo, cli: RunCli) -> None:
    _present(git_repo)
    presented = git_repo.git("rev-parse", f"HEAD:{Q1_REPORT}").strip()
    git_repo.replace(Q1_REPORT, "presented: 2020-07-21", "presented: 2020-07-21\n# checked")
    git_repo.commit("A comment")
    (git_repo.root / ".git" / "objects" / presented[:2] / presented[2:]).unlink()
    result = cli("validate", "--root", str(git_repo.root))
    line = git_repo.line_of(Q1_REPORT, "presented:")
    assert result.exit_code == 0
    assert (
        f"{Q1_REPORT}:{line}:12: warning locked-quarter: git cannot read this repository's"
        f" history (fatal: unable to read {presented})" in result.stdout
    )


def test_a_repository_git_will_not_open_is_a_warning_not_silence(
    git_repo: GitRepo, cli: RunCli
) -> None:
    _present(git_repo)
    git_repo.replace(Q1, "value: 72", "value: 74")
    (git_repo.root / ".git" / "HEAD").write_text("not a reference\n")  # a damaged checkout
    result = cli("validate", "--root", str(git_repo.root))
    line = git_repo.line_of(Q1_REPORT, "presented:")
    assert result.exit_code == 0
    assert (
        f"{Q1_REPORT}:{line}:12: warning locked-quarter: git cannot open the repository here"
        " (fatal: not a git repository" in result.stdout
    )


def test_a_repository_of_another_owner_says_how_to_trust_it(
    git_repo: GitRepo, cli: RunCli, monkeypatch: pytest.MonkeyPatch
) -> None:
    _present(git_repo)
    monkeypatch.setenv("GIT_TEST_ASSUME_DIFFERENT_OWNER", "1")  # as in a container or a share
    result = cli("validate", "--root", str(git_repo.root))
    assert result.exit_code == 0
    assert "warning locked-quarter: git cannot open the repository here" in result.stdout
    assert "dubious ownership" in result.stdout
    assert f"git config --global --add safe.directory {git_repo.root}" in result.stdout


def test_a_bad_meeting_date_does_not_stop_an_update_to_a_quarter_not_presented(
    git_repo: GitRepo, cli: RunCli
) -> None:
    git_repo.replace(Q1_REPORT, "introduction:", "date: 2020-09-31\nintroduction:")
    result = cli(
        "update", "1.1", "-q", "2020/21 Q1", "--append", "-b", "Late news",
        "--root", str(git_repo.root),
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert "- Late news" in (git_repo.root / Q1).read_text(encoding="utf-8")


def test_update_refuses_while_the_report_yaml_is_a_broken_link(
    git_repo: GitRepo, cli: RunCli
) -> None:
    _present(git_repo)
    report = git_repo.root / Q1_REPORT
    report.unlink()
    report.symlink_to(git_repo.root / "moved-away.yaml")
    result = cli(
        "update", "1.1", "-q", "2020/21 Q1", "--append", "-b", "Late news",
        "--root", str(git_repo.root),
    )  # fmt: skip
    assert result.exit_code == 1
    assert f"{Q1_REPORT} cannot be read" in result.stderr


def test_removing_a_presented_report_yaml_does_not_unlock_the_quarter(
    git_repo: GitRepo, cli: RunCli
) -> None:
    _present(git_repo)
    git_repo.git("rm", "-q", Q1_REPORT)
    git_repo.commit("No more front matter")
    git_repo.replace(Q1, "value: 72", "value: 74")
    found = _problems(cli, git_repo)
    assert found == [
        (Q1, git_repo.line_of(Q1, "value: 74"), 16, "locked-quarter"),
        (Q1_REPORT, 1, 1, "locked-quarter"),
    ]
    result = cli("validate", "--root", str(git_repo.root))
    assert "report.yaml was removed after the 2020/21 Q1 paper was presented" in result.stdout


def test_without_git_a_presented_quarter_with_a_broken_report_yaml_still_warns(
    git_repo: GitRepo, cli: RunCli, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    _present(git_repo)
    git_repo.replace(Q1_REPORT, "presented: 2020-07-21", "presented: 2020-07-21\ntitel: x")
    monkeypatch.setenv("PATH", str(tmp_path / "no-git-here"))
    found = _problems(cli, git_repo)
    line = git_repo.line_of(Q1_REPORT, "presented:")
    assert (Q1_REPORT, line, 12, "locked-quarter") in found


def test_a_file_removed_while_the_report_yaml_is_broken_is_still_flagged(
    git_repo: GitRepo, cli: RunCli
) -> None:
    _present(git_repo)
    git_repo.replace(Q1_REPORT, "presented: 2020-07-21", "presented: 2020-07-21\ntitel: x")
    git_repo.remove(Q1)
    found = _problems(cli, git_repo)
    assert (Q1, 1, 1, "locked-quarter") in found
