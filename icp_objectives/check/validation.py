"""Load a repository and run every check: the one call behind `validate`, `report` and `update`.

Light to import: `problems` answers from the cache, when nothing it depends on has changed,
without the loader and the rules (imported only when they run).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import astuple, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from icp_objectives.domain.periods import latest_today
from icp_objectives.domain.problems import MORE, STOPPED, Problem, Severity
from icp_objectives.domain.progress import Step, quiet
from icp_objectives.load import snapshot, stored

if TYPE_CHECKING:
    from collections.abc import Callable, Collection, Iterable

    from icp_objectives.domain.periods import Quarter
    from icp_objectives.load.loaded import QuarterData, Repository
    from icp_objectives.load.presented import Presented

    Reads = Callable[[Repository], Iterable[Quarter]]


def problems(
    root: Path, *, cache: bool = True, progress: Step = quiet
) -> tuple[list[Problem], int]:
    """What `validate` reports: every problem, sorted, and how many files were checked.

    With `cache` (and the cache not switched off), a run on the same bytes, code, day and git
    history as one before gives that run's answer without checking again.
    """
    with stored.off(not cache):
        found, files, _ = _answer(snapshot.take(root), cache=cache, progress=progress)
    return found, files


def checked(
    root: Path, *, cache: bool = True, updates: Reads | None = None, progress: Step = quiet
) -> Repository:
    """The repository as `validate(root)` gives it, with the problems kept from a run on the
    same files when there was one (see `problems`): only the files are loaded then.

    `updates`, given the repository with no quarter's updates parsed (its folders and each
    report.yaml are there), names the quarters whose updates the command reads: only theirs
    are parsed, and the problems are those of the files it reads (`scope.of_quarters`), found
    by checking those files alone (the kept answer is not asked: see `_within`).
    """
    with stored.off(not cache):
        taken = snapshot.take(root)
        if updates is not None:
            from icp_objectives.load import disk

            return _within(*disk.for_quarters(taken, updates))
        found, _, repo = _answer(taken, cache=cache, progress=progress)
        if repo is not None:
            return repo
        from icp_objectives.load import disk

        repo = disk.loaded(taken, progress=progress)
        repo.problems = found
        return repo


def within(
    root: Path, quarters: Collection[Quarter], overrides: Mapping[Path, bytes] | None = None
) -> list[Problem]:
    """The problems of the files a command reading only `quarters` reads (see `checked`),
    with the files `overrides` names holding its bytes: `update`'s check of an edit that
    reaches no other quarter's file (see `scope.reached`)."""
    from icp_objectives.load import disk

    wanted = frozenset(quarters)
    return _within(
        disk.loaded(snapshot.take(root, overrides), wanted.__contains__), wanted
    ).problems


def already_within(repo: Repository, quarters: Collection[Quarter]) -> list[Problem]:
    """`within` for the files as they are, with `repo` loaded from them (with only the
    updates of `quarters`, or with all), which then holds them as `check` leaves it."""
    return _within(repo, frozenset(quarters)).problems


def _within(repo: Repository, wanted: frozenset[Quarter]) -> Repository:
    """`repo`, with only the updates of `wanted` read, checked: the problems of what it reads.
    Always found, never taken from validate's kept answer (whose warnings about other
    quarters' readings and presented papers would make a run's answer depend on the cache),
    and not kept (they are not all of validate's): checking two quarters is quick."""
    from icp_objectives.check import scope

    repo.problems = scope.of_quarters(wanted).only(check(repo, only=wanted).problems)
    return repo


def edited(root: Path, overrides: Mapping[Path, bytes], *, keep: bool = True) -> list[Problem]:
    """The problems `validate` would report with the files `overrides` names holding its
    bytes: what `update` checks before writing. With `keep`, the answer is kept as any run's
    is, so the first `validate` after the edit is written (the pre-commit hook's) is answered
    from it; a dry run leaves nothing behind and is always checked."""
    with stored.read_only(not keep):
        return _answer(snapshot.take(root, overrides), cache=keep)[0]


def _lookup(
    taken: snapshot.Snapshot, today: dt.date, *, cache: bool
) -> tuple[str | None, tuple[list[Problem], int] | None]:
    """The key of a run on these files (None when nothing is to be kept), and the answer
    kept under it, if any."""
    key = _key(taken, today) if cache and stored.enabled() else None
    return key, _kept(stored.get("validate", key)) if key is not None else None


def _answer(
    taken: snapshot.Snapshot, *, cache: bool, progress: Step = quiet
) -> tuple[list[Problem], int, Repository | None]:
    """The problems and the number of files, kept or found; and the repository checked,
    when it was (None for an answer from the cache)."""
    today = latest_today()
    key, kept = _lookup(taken, today, cache=cache)
    if kept is not None:
        return (*kept, None)
    from icp_objectives.load import disk

    repo = check(disk.loaded(taken, progress=progress), today=today)
    if key is not None and not any(_unchecked_lock(p) for p in repo.problems):
        entry = {"files": repo.files, "problems": [list(astuple(p)) for p in repo.problems]}
        stored.put("validate", key, entry)
    return repo.problems, repo.files, repo


def _unchecked_lock(problem: Problem) -> bool:
    """A warning that a lock could not be checked (git failed, say): an answer not to keep."""
    return problem.code == "locked-quarter" and problem.severity == Severity.WARNING  # locks.CODE


def _key(taken: snapshot.Snapshot, today: dt.date) -> str | None:
    """The key of a run's answer: the bytes read, the code, the day, and the git commit that
    the locks on presented quarters are checked against (None when git cannot say)."""
    from icp_objectives.load import gitrev

    history = gitrev.head_state(taken.root)
    if history is None:
        return None
    return taken.digest("validate", stored.code_version(), today.isoformat(), history)


def _kept(value: Any) -> tuple[list[Problem], int] | None:
    """An answer as kept, or None for one that is not as written."""
    try:
        files = value["files"]
        found = [_problem(*fields) for fields in value["problems"]]
    except (TypeError, KeyError, ValueError, AttributeError):
        return None
    return (found, files) if isinstance(files, int) else None


def _problem(path: str, line: int, column: int, code: str, message: str, severity: str) -> Problem:
    if not all(isinstance(text, str) for text in (path, code, message)):
        raise TypeError("not text")
    if not isinstance(line, int) or not isinstance(column, int):
        raise TypeError("not a number")
    return Problem(path, line, column, code, message, Severity(severity))


def validate(
    root: Path,
    overrides: Mapping[Path, bytes] | None = None,
    *,
    history: bool = True,
    progress: Step = quiet,
) -> Repository:
    """The repository with every schema and cross-file problem in `problems`, sorted.

    `overrides` maps files to the bytes they would hold after an edit (see `disk.load`).
    With `history`, quarters presented to the board are compared with git's record of them.
    `progress` is told of each file as it is read.
    """
    from icp_objectives.load import disk

    return check(disk.load(root, overrides=overrides, progress=progress), history=history)


def check(
    repo: Repository,
    *,
    history: bool = True,
    today: dt.date | None = None,
    only: Collection[Quarter] | None = None,
) -> Repository:
    """A loaded repository, checked: its problems, and every schema and cross-file one, in
    `problems`, sorted. Once only: the problems found are added to those it has. `today`:
    the last day that is not in the future (see `rules.check`). `only`: the quarters whose
    updates were read; the history of no other is checked, nor the definitions that papers
    printed (which every presented quarter has a say in)."""
    from icp_objectives.check import rules

    found = repo.problems + rules.check(repo, today)
    if history and only is None:
        found += _locked(repo.root, repo)
    elif history and only is not None:
        read = {q: data for q, data in repo.quarters.items() if q in only}
        found += _locked(repo.root, replace(repo, quarters=read, derived={}), definitions=False)
    repo.problems = _capped(sorted(found))
    return repo


MOST_PROBLEMS = 200  # of one file's problems listed (parse.MOST_PROBLEMS): past that, fix first


def _capped(found: list[Problem]) -> list[Problem]:
    """The sorted problems, each file's first MOST_PROBLEMS listed and one problem standing
    for the rest, at the first of them: a file with 100,000 problems is read in a second."""
    by_file: dict[str, list[Problem]] = {}
    for problem in found:
        by_file.setdefault(problem.path, []).append(problem)
    if all(len(some) <= MOST_PROBLEMS + 1 for some in by_file.values()):
        return found
    listed: list[Problem] = []
    for some in by_file.values():
        own = [p for p in some if p.code != MORE]  # the reader's count is replaced
        if len(some) <= MOST_PROBLEMS + 1 or len(own) <= MOST_PROBLEMS:
            listed += some
            continue
        kept, rest = own[:MOST_PROBLEMS], own[MOST_PROBLEMS:]
        stopped = any(p.code == MORE and p.message == STOPPED for p in some)  # at_most's
        errors = stopped or any(p.severity == Severity.ERROR for p in rest)
        how_many = f"at least {len(rest) + 1}" if stopped else f"up to {len(rest)}"
        more = Problem(
            rest[0].path,
            rest[0].line,
            rest[0].column,
            MORE,
            f"the file has more problems than the {MOST_PROBLEMS} listed ({how_many} more);"
            " fix those and run again",
            Severity.ERROR if errors else Severity.WARNING,
        )
        listed += sorted([*kept, more])
    return listed


def _locked(root: Path, repo: Repository, *, definitions: bool = True) -> list[Problem]:
    from icp_objectives.load.root import nearby

    if not nearby(root):  # outside git nothing is recorded as presented: no git is asked
        return []
    from icp_objectives.check import locks
    from icp_objectives.load import as_presented, gitrev

    marked = [d for d in repo.quarters.values() if d.presented.may_be]
    try:
        presented = as_presented.presented(root, repo)
    except gitrev.GitError as error:  # git missing, or unable to open or read the repository
        return _unchecked(marked, f"{error}")
    unreadable = {p.path for p in repo.problems}
    found = [
        problem
        for quarter, then in presented.items()
        for problem in locks.check(repo.quarters[quarter], then, unreadable)
    ]
    if definitions:
        found += _definitions(root, repo, presented)
    unseen = [d for d in marked if d.quarter not in presented]
    if unseen and gitrev.shallow(root):
        found += _unchecked(
            unseen,
            "the commit that recorded `presented` is not in this shallow clone (fetch the"
            " history with git fetch --unshallow)",
        )
    return found


def _definitions(
    root: Path, repo: Repository, presented: Mapping[Quarter, Presented]
) -> list[Problem]:
    """Warnings at definitions changed since a presented paper printed them."""
    from icp_objectives.check import definitions
    from icp_objectives.load import gitrev, records

    try:
        printed = records.catalogs(root, dict(presented))
    except gitrev.GitError:  # the lock check has just read this history: nothing to add
        return []
    return definitions.check(repo, printed)


def _unchecked(quarters: list[QuarterData], why: str) -> list[Problem]:
    """A warning at each quarter's `presented` that its lock could not be checked, and why.

    A report.yaml too broken to read has its own error, and no place for this warning.
    """
    from icp_objectives.check import locks

    found = []
    for data in quarters:
        unfit = data.unfit_report.source if data.unfit_report else None
        source = data.report.source if data.report else unfit
        if source is not None:
            found.append(
                source.problem(
                    ["presented"],
                    locks.CODE,
                    f"{why}: without it, changes since the paper was presented cannot be checked",
                    severity=Severity.WARNING,
                )
            )
    return found
