"""validate keeps its results between runs, keyed by the files' bytes, the code, the day and
the git commit: a run on unchanged files gives the same answer without checking again."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from icp_objectives.check import validation
from icp_objectives.load import stored
from tests.conftest import MakeRepo, RunCli
from tests.gitrepo import GitRepo

BAD_STATUS = "objectives/updates/2020-21/Q1/objective-1.yaml"


def _entries(cache: Path, kind: str = "validate") -> list[Path]:
    """validate's kept answers (or, with kind="*", every entry: files' readings too)."""
    return sorted(cache.glob(f"{kind}/*.json"))


def _broken(make_repo: MakeRepo) -> Path:
    return make_repo({BAD_STATUS: "objective: 1\nperiod: 2020/21 Q1\nentries: []\nextra: 1\n"})


def test_a_second_run_on_the_same_files_gives_the_kept_answer(
    cli: RunCli, make_repo: MakeRepo, cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = _broken(make_repo)
    first = cli("validate", "--root", str(root))
    assert first.exit_code == 1 and "unknown-key" in first.stdout
    assert len(_entries(cache)) == 1

    def no_checking(*args: object, **kwargs: object) -> None:
        raise AssertionError("checked again")

    monkeypatch.setattr(validation, "check", no_checking)
    second = cli("validate", "--root", str(root))
    assert (second.exit_code, second.stdout, second.stderr) == (
        first.exit_code,
        first.stdout,
        first.stderr,
    )


def test_a_changed_file_is_checked_again(cli: RunCli, make_repo: MakeRepo, cache: Path) -> None:
    root = _broken(make_repo)
    assert cli("validate", "--root", str(root)).exit_code == 1
    (root / BAD_STATUS).write_text("objective: 1\nperiod: 2020/21 Q1\nentries: []\n")
    fixed = cli("validate", "--root", str(root))
    assert fixed.exit_code == 0, fixed.output
    assert len(_entries(cache)) == 2


def test_a_corrupt_entry_is_ignored_and_made_again(
    cli: RunCli, make_repo: MakeRepo, cache: Path
) -> None:
    root = _broken(make_repo)
    first = cli("validate", "--root", str(root))
    (entry,) = _entries(cache)
    for damage in ("{not json", json.dumps({"format": "1", "value": {"files": "x"}}), ""):
        entry.write_text(damage)
        again = cli("validate", "--root", str(root))
        assert (again.exit_code, again.stdout) == (first.exit_code, first.stdout)
        assert json.loads(entry.read_text())["value"]["files"] > 0


def test_no_cache_neither_reads_nor_writes_entries(
    cli: RunCli, make_repo: MakeRepo, cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = _broken(make_repo)
    assert cli("validate", "--no-cache", "--root", str(root)).exit_code == 1
    monkeypatch.setenv(stored.NO_CACHE, "1")
    assert cli("validate", "--root", str(root)).exit_code == 1
    assert _entries(cache, "*") == []


def test_an_unwritable_cache_is_skipped(cli: RunCli, make_repo: MakeRepo, cache: Path) -> None:
    cache.write_text("a file where the folder would be")
    result = cli("validate", "--root", str(_broken(make_repo)))
    assert result.exit_code == 1 and "unknown-key" in result.stdout


def test_a_new_commit_is_checked_again(cli: RunCli, git_repo: GitRepo, cache: Path) -> None:
    """The locks on presented quarters are checked against git's history: the same files
    after another commit are checked again."""
    root = git_repo.root
    assert cli("validate", "--root", str(root)).exit_code == 0
    git_repo.git("commit", "--allow-empty", "-qm", "Nothing changed")
    assert cli("validate", "--root", str(root)).exit_code == 0
    assert len(_entries(cache)) == 2


@pytest.mark.parametrize("command", [["report", "2020/21 Q1", "-f", "md", "-o", "-"]])
def test_a_quarters_commands_use_the_kept_problems(
    cli: RunCli,
    make_repo: MakeRepo,
    cache: Path,
    monkeypatch: pytest.MonkeyPatch,
    command: list[str],
) -> None:
    """report reads the files again (their models make the paper), but takes the problems
    kept from a run on the same files (validate's), without checking again."""
    root = make_repo({"objectives/notes.txt": "kept here by mistake\n"})
    first = cli(*command, "--root", str(root))
    assert first.exit_code == 0, first.output
    assert cli("validate", "--root", str(root)).exit_code == 0

    def no_checking(*args: object, **kwargs: object) -> None:
        raise AssertionError("checked again")

    monkeypatch.setattr(validation, "check", no_checking)
    again = cli(*command, "--root", str(root))
    assert (again.exit_code, again.stdout, again.stderr) == (
        first.exit_code,
        first.stdout,
        first.stderr,
    )
    with pytest.raises(AssertionError, match="raised"):  # --no-cache checks again
        cli(*command, "--no-cache", "--root", str(root))


def test_status_with_kept_problems_reads_only_the_two_quarters_it_shows(
    cli: RunCli, make_repo: MakeRepo, cache: Path, parsed: list[str]
) -> None:
    later = "objectives/updates/2021-22/Q3/objective-1.yaml"
    root = make_repo(
        {later: 'objective: 1\nentries:\n  - covers: "1.1"\n    status: red\n    body: Later.\n'}
    )
    first = cli("status", "2020/21 Q1", "--root", str(root))
    assert first.exit_code == 0, first.output
    parsed.clear()
    again = cli("status", "2020/21 Q1", "--root", str(root))
    assert (again.exit_code, again.stdout, again.stderr) == (
        first.exit_code,
        first.stdout,
        first.stderr,
    )
    assert BAD_STATUS in parsed and later not in parsed


def test_without_a_home_folder_nothing_is_kept(
    cli: RunCli, make_repo: MakeRepo, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(stored.NO_CACHE, raising=False)
    monkeypatch.delenv(stored.CACHE_DIR, raising=False)
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    monkeypatch.delenv("LOCALAPPDATA", raising=False)

    def no_home() -> Path:
        raise RuntimeError("Could not determine home directory.")

    monkeypatch.setattr(Path, "home", staticmethod(no_home))
    result = cli("validate", "--root", str(_broken(make_repo)))
    assert result.exit_code == 1 and "unknown-key" in result.stdout


def test_update_checks_only_what_the_edit_reaches(
    cli: RunCli,
    make_repo: MakeRepo,
    cache: Path,
    monkeypatch: pytest.MonkeyPatch,
    parsed: list[str],
) -> None:
    """An edit of one quarter's file reaches that file alone: update checks the quarter's
    files and the definitions with the edit in place, parses no other quarter's updates,
    and, as that finds the old warning, the same files before the edit (the warning is not
    told as the edit's). What it checked is not all of validate's: the next validate checks."""
    later = "objectives/updates/2021-22/Q3/objective-1.yaml"
    root = make_repo(
        {
            "objectives/notes.txt": "kept here by mistake\n",
            later: 'objective: 1\nentries:\n  - covers: "1.1"\n    status: red\n    body: x\n',
        }
    )
    assert cli("validate", "--root", str(root)).exit_code == 0
    check = validation.check
    calls: list[int] = []

    def counted(*args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        return check(*args, **kwargs)

    monkeypatch.setattr(validation, "check", counted)
    parsed.clear()
    result = cli("update", "1.2", "-q", "2020/21 Q1", "--bullet", "More", "--root", str(root))
    assert result.exit_code == 0, result.output
    assert len(calls) == 2 and later not in parsed
    again = cli("validate", "--root", str(root))
    assert again.exit_code == 0 and "notes.txt" in again.stdout
    assert len(calls) == 3


def test_update_still_refuses_an_edit_that_breaks_the_files_with_a_kept_answer(
    cli: RunCli, make_repo: MakeRepo, cache: Path
) -> None:
    root = make_repo({"objectives/notes.txt": "kept here by mistake\n"})
    assert cli("validate", "--root", str(root)).exit_code == 0
    target = root / "objectives/updates/2020-21/Q1/objective-1.yaml"
    before = target.read_bytes()
    result = cli(
        *("update", "1.2", "-q", "2020/21 Q1", "-s", "purple", "-b", "x"), "--root", str(root)
    )
    assert result.exit_code == 1
    assert "unknown-rating" in result.stderr and "notes.txt" not in result.output
    assert target.read_bytes() == before


def test_status_says_the_same_with_the_cache_or_without(
    cli: RunCli, make_repo: MakeRepo, cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A later quarter restating an earlier quarter's reading with no note is a warning of
    validate's, which depends on a quarter the table does not read: with validate's answer
    kept or not, status counts what it checks itself."""
    root = make_repo(
        {
            "objectives/updates/2020-21/Q3/objective-1.yaml": (
                'objective: 1\nentries:\n  - covers: "1.1"\n    body: Later.\n    readings:\n'
                "      - measure: childcare\n        period: 2020/21 Q1\n        value: 75\n"
            ),
            "objectives/updates/2020-21/Q1/objective-1.yaml": (
                'objective: 1\nentries:\n  - covers: "1.1"\n    body: First.\n    readings:\n'
                "      - measure: childcare\n        value: 70\n"
            ),
        }
    )
    command = ("status", "2020/21 Q3", "--format", "json", "--root", str(root))
    monkeypatch.setenv(stored.NO_CACHE, "1")
    cold = cli(*command)
    monkeypatch.delenv(stored.NO_CACHE)
    validated = cli("validate", "--root", str(root))
    assert "revised-reading" in validated.stdout
    warm = cli(*command)
    assert (warm.exit_code, warm.stdout, warm.stderr) == (cold.exit_code, cold.stdout, cold.stderr)
