"""Load a repository and run every check: the one call behind `validate`, `report` and `update`."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from icp_objectives.check import definitions, locks, rules
from icp_objectives.domain.periods import Quarter
from icp_objectives.domain.problems import Problem, Severity
from icp_objectives.domain.progress import Step, quiet
from icp_objectives.load import disk
from icp_objectives.load.loaded import QuarterData, Repository
from icp_objectives.load.presented import Presented


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
    return check(disk.load(root, overrides=overrides, progress=progress), history=history)


def check(repo: Repository, *, history: bool = True) -> Repository:
    """A loaded repository, checked: its problems, and every schema and cross-file one, in
    `problems`, sorted. Once only: the problems found are added to those it has."""
    found = repo.problems + rules.check(repo)
    if history:
        found += _locked(repo.root, repo)
    repo.problems = sorted(found)
    return repo


def _locked(root: Path, repo: Repository) -> list[Problem]:
    from icp_objectives.load import (
        gitrev,
        revisions,  # git runs only when there are quarters
    )

    marked = [d for d in repo.quarters.values() if d.presented.may_be]
    try:
        presented = revisions.presented(root, repo)
    except gitrev.GitError as error:  # git missing, or unable to open or read the repository
        return _unchecked(marked, f"{error}")
    unreadable = {p.path for p in repo.problems}
    found = [
        problem
        for quarter, then in presented.items()
        for problem in locks.check(repo.quarters[quarter], then, unreadable)
    ]
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
