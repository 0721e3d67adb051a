"""Each command loads the repository once and asks git each question once: counted here.

`disk.load` (or `disk.loaded`, from the files already read) is the one way in to a loaded
repository: from the work tree (with an edit's text as an override, for update's check of
it) or from files read out of git. `gitrev.spawn`
is the one place a git process starts. The counts are the fewest each command needs now; a
change that makes any command load or ask again fails here.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import pytest

from icp_objectives.domain import periods
from icp_objectives.domain.progress import Step, quiet
from icp_objectives.load import disk, gitrev, snapshot
from icp_objectives.load.loaded import Repository
from icp_objectives.paper import publish
from tests.conftest import RunCli
from tests.gitrepo import GitRepo

Q1 = "objectives/updates/2020-21/Q1/objective-1.yaml"
Q1_REPORT = "objectives/updates/2020-21/Q1/report.yaml"


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    """Loads from the work tree ("disk") and from git ("git"), git processes, PERIOD parses."""
    seen: Counter[str] = Counter()
    load, loaded, spawn, stream = disk.load, disk.loaded, gitrev.spawn, gitrev.stream
    for_quarters = disk.for_quarters
    parse_period = periods.parse_period

    def counted_load(
        root: Path,
        files: Iterable[Path] | None = None,
        overrides: Mapping[Path, bytes] | None = None,
        progress: Step = quiet,
    ) -> Repository:
        seen["git loads" if files is not None and not list(files) else "disk loads"] += 1
        return load(root, files, overrides, progress)

    def counted_loaded(
        taken: snapshot.Snapshot, updates_of: Any = None, progress: Step = quiet
    ) -> Repository:
        seen["disk loads"] += 1
        return loaded(taken, updates_of, progress)

    def counted_for_quarters(taken: snapshot.Snapshot, choose: Any) -> Any:
        seen["disk loads"] += 1
        return for_quarters(taken, choose)

    def counted_spawn(root: Path, args: tuple[str, ...], stdin: bytes | None) -> bytes:
        seen["git processes"] += 1
        return spawn(root, args, stdin)

    def counted_stream(root: Path, args: tuple[str, ...], *streams: Any) -> Any:
        seen["git processes"] += 1
        return stream(root, args, *streams)

    def counted_parse(text: str) -> Any:
        seen["PERIOD parses"] += 1
        return parse_period(text)

    monkeypatch.setattr(disk, "load", counted_load)
    monkeypatch.setattr(disk, "loaded", counted_loaded)
    monkeypatch.setattr(disk, "for_quarters", counted_for_quarters)
    monkeypatch.setattr(gitrev, "spawn", counted_spawn)
    monkeypatch.setattr(gitrev, "stream", counted_stream)
    monkeypatch.setattr(publish, "parse_period", counted_parse)
    return seen


@pytest.fixture
def presented(git_repo: GitRepo) -> GitRepo:
    """The small repository with its 2020/21 Q1 paper presented and committed."""
    git_repo.replace(Q1_REPORT, "introduction:", "presented: 2020-07-21\nintroduction:")
    git_repo.commit("The Q1 paper went to the board")
    return git_repo


def _run(cli: RunCli, repo: GitRepo, counted: Counter[str], *args: str) -> dict[str, int]:
    counted.clear()
    result = cli(*args, "--root", str(repo.root))
    assert result.exit_code == 0, result.output
    return dict(counted)


def _old_warning(repo: GitRepo) -> None:
    """A problem already there, so update checks the repository before its edit too."""
    (repo.root / "objectives" / "notes.txt").write_text("kept here by mistake\n")


def test_validate(presented: GitRepo, cli: RunCli, counted: Counter[str]) -> None:
    # git: the prefix, the log of `presented` (with each report.yaml's object id after each
    # change: those the work tree holds are not read from git), where a shallow clone stops,
    # then the presented folder's tree (its files are the work tree's, unchanged, so they
    # are neither read from git again nor loaded: the quarter is as it is now); then the
    # definitions the presented papers printed (objectives/ at those commits: its tree and
    # its files, loaded)
    assert _run(cli, presented, counted, "validate") == {
        "disk loads": 1,
        "git loads": 1,
        "git processes": 6,
    }


def test_report(presented: GitRepo, cli: RunCli, counted: Counter[str], tmp_path: Path) -> None:
    # validate's six; the presented paper renders from git: the tree at the commit that
    # recorded `presented` and its files, templates/ there, and the footer's data commit
    assert _run(cli, presented, counted, "report", "Q1", "-o", f"{tmp_path}/papers/") == {
        "PERIOD parses": 1,
        "disk loads": 1,
        "git loads": 2,
        "git processes": 10,
    }


def test_report_of_an_open_quarter(
    presented: GitRepo, cli: RunCli, counted: Counter[str], tmp_path: Path
) -> None:
    presented.write(
        {
            "objectives/updates/2020-21/Q2/report.yaml": "title: Q2\nperiod: 2020/21 Q2\nintroduction: Q2.\n"
        }
    )
    presented.commit("Q2 opens")
    # validate's six, then the footer: the last commit and whether the files changed
    assert _run(cli, presented, counted, "report", "Q2", "-o", f"{tmp_path}/papers/") == {
        "PERIOD parses": 1,
        "disk loads": 1,
        "git loads": 1,
        "git processes": 8,
    }


UPDATE_Q2 = ("update", "1.2", "-q", "2020/21 Q2", "-b", "A point", "--create", "--dry-run")
CORRECT_Q1 = (
    *("update", "1.1", "-q", "2020/21 Q1", "--append", "-b", "A point we missed"),
    *("--correction", "The point was left out", "--dry-run"),
)


@pytest.mark.parametrize("warned", [False, True], ids=["clean", "old warning"])
def test_update(presented: GitRepo, cli: RunCli, counted: Counter[str], warned: bool) -> None:
    if warned:
        _old_warning(presented)
    # the quarter's files and the definitions, then once more with the edit (an old warning
    # elsewhere is not in what the edit reaches, and the files before are checked from the
    # load already made); the quarter is not presented, so git is asked only where it is
    assert _run(cli, presented, counted, *UPDATE_Q2) == {"disk loads": 2, "git processes": 2}


@pytest.mark.parametrize("warned", [False, True], ids=["clean", "old warning"])
def test_update_with_a_correction_to_a_presented_quarter(
    presented: GitRepo, cli: RunCli, counted: Counter[str], warned: bool
) -> None:
    if warned:
        _old_warning(presented)
    # the lock on the quarter edited (not validate's definitions check, which reads every
    # presented paper's objectives), and the log of the corrections; checking before the
    # edit asks nothing new
    assert _run(cli, presented, counted, *CORRECT_Q1) == {
        "disk loads": 2,
        "git loads": 1,
        "git processes": 6,
    }


def test_update_outside_git(
    presented: GitRepo, cli: RunCli, counted: Counter[str], tmp_path: Path
) -> None:
    (presented.root / ".git").rename(tmp_path / "hidden.git")
    _old_warning(presented)
    # the presented quarter that git cannot be asked about is not the one edited
    assert _run(cli, presented, counted, *UPDATE_Q2) == {"disk loads": 2}


def test_diff(presented: GitRepo, cli: RunCli, counted: Counter[str]) -> None:
    presented.replace(Q1, "value: 72", "value: 74")
    # the prefix, the commit BASE names, its files' listing and the contents of those the diff
    # needs; the work tree is read once for its blob ids, and each side loaded from the bytes
    assert _run(cli, presented, counted, "diff", "main") == {"git loads": 2, "git processes": 4}


def test_each_command_asks_afresh(presented: GitRepo, cli: RunCli, counted: Counter[str]) -> None:
    """Answers are kept for one command only: the next sees what changed in between."""
    presented.replace(Q1, "value: 72", "value: 74")
    assert cli("validate", "--root", str(presented.root)).exit_code == 1
    presented.replace(Q1, "value: 74", "value: 72")
    presented.commit("Put back")
    assert _run(cli, presented, counted, "validate")["git processes"] == 6
