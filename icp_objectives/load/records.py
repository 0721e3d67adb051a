"""The data a presented quarter's paper was built from, read from git; or why it cannot be.

Once a quarter's paper has gone to the board, its paper in reports/ is the record. Rendering it
again from the data as git held it when `presented` was first recorded gives that paper, whatever
was changed in the data since. Nothing is written to disk.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from icp_objectives.domain.periods import Quarter
from icp_objectives.load import as_presented, disk, gitrev, revisions
from icp_objectives.load.bounded import Refusal
from icp_objectives.load.loaded import DATA_DIR, Repository
from icp_objectives.load.memo import remembered
from icp_objectives.load.presented import Presented
from icp_objectives.load.templates import TEMPLATES_DIR

Templates = dict[str, bytes | OSError]


@dataclass(frozen=True)
class Record:
    """A presented quarter's data as git holds it at the commit that recorded `presented`."""

    quarter: Quarter
    commit: str  # the full id of that commit
    repo: Repository  # every data file as committed then, loaded (not checked)
    templates: Templates  # the repository's templates/ as committed then


@dataclass(frozen=True)
class Unavailable:
    """A quarter whose data says it was presented, but whose data as presented cannot be read."""

    quarter: Quarter
    why: str  # one clause: what stops it, and how to put it right
    committed: bool = True  # False when `presented` is only not committed yet


def find(root: Path, repo: Repository, quarter: Quarter) -> Record | Unavailable | None:
    """The data `quarter`'s paper was presented from; None when it has not been presented.

    A quarter counts as presented once git recorded it so (`as_presented.presented`), or when its
    report.yaml says so now.
    """
    data = repo.quarters.get(quarter)
    marked = data is not None and data.presented.date is not None
    try:
        then = as_presented.presented(root, repo).get(quarter)
    except gitrev.GitError as error:
        return Unavailable(quarter, f"{error}") if marked else None
    if then is not None:
        where = gitrev.checkout(root)
        return Record(quarter, then.commit, _tree(where, then), _templates(where, then.commit))
    if not marked:
        return None
    if not gitrev.nearby(root):
        return Unavailable(
            quarter,
            "this copy of the repository is not in git, so the data as presented cannot be read"
            " from its history; run this in a clone of the repository",
        )
    if gitrev.shallow(root):
        return Unavailable(
            quarter,
            "the commit that recorded `presented` is not in this shallow clone; fetch the"
            " history with git fetch --unshallow",
        )
    return Unavailable(
        quarter,
        "its `presented:` date is not committed yet; commit it, and later runs render the data"
        " as it was then",
        committed=False,
    )


def _tree(where: gitrev.Checkout, then: Presented) -> Repository:
    key = ("record", str(where.root), then.commit)
    return remembered(key, lambda: revisions.at(where, then.commit))


def _templates(where: gitrev.Checkout, commit: str) -> Templates:
    """templates/ at `commit`, by name there, as `templates.read` gives the work tree's."""
    found: Templates = {}
    for rel, data in gitrev.files_at(where, commit, TEMPLATES_DIR).items():
        name = rel.removeprefix(f"{TEMPLATES_DIR}/")
        found[name] = OSError(data.message) if isinstance(data, Refusal) else data
    return found


def data_commit(root: Path, commit: str, pathspecs: list[str]) -> str | None:
    """The short id of the last commit, up to `commit`, that changed the data under the paths
    other than by recording `presented`: the commit the paper the board saw names.

    One `git log` of the last few such commits and their changes; a commit whose changes are
    all `presented:` lines is passed over.
    """
    args = ("log", f"-n{_LOOK_BACK}", "-p", "-U0", "--no-color", "--no-ext-diff")
    try:
        out = gitrev.run(root, *args, "--format=%x00%h", commit, "--", *pathspecs)
    except gitrev.GitError:
        return None
    found = None
    for record in out.decode("utf-8", "replace").split("\0")[1:]:
        short, _, patch = record.partition("\n")
        found = short.strip()
        if not _only_presented(patch):
            return found
    return found


_LOOK_BACK = 8  # commits of `presented` alone, one after another, that are passed over
_PRESENTED_CHANGE = re.compile(r"^[+-]presented:")


def _only_presented(patch: str) -> bool:
    """Whether every line a commit's patch adds or removes is a `presented:` line (and there is
    one: a merge shows none, and counts as a change)."""
    changes = [
        line
        for line in patch.splitlines()
        if line[:1] in "+-" and line[:4] not in ("+++ ", "--- ") and line
    ]
    return bool(changes) and all(_PRESENTED_CHANGE.match(line) for line in changes)


def catalogs(root: Path, presented: dict[Quarter, Presented]) -> dict[Quarter, Repository]:
    """The partnership and objective files of each presented quarter, as committed when it was
    presented: the definitions its paper printed (two git processes in all)."""
    if not presented:
        return {}
    where = gitrev.checkout(root)
    commits = tuple(sorted({then.commit for then in presented.values()}))
    loaded = remembered(("catalogs", str(root), commits), lambda: _catalogs(where, commits))
    return {quarter: loaded[then.commit] for quarter, then in presented.items()}


def _catalogs(where: gitrev.Checkout, commits: tuple[str, ...]) -> dict[str, Repository]:
    folders = gitrev.folders_at(where, [(commit, DATA_DIR) for commit in commits])
    return {
        commit: disk.load(where.root, [], {where.root / rel: data for rel, data in files.items()})
        for commit, files in zip(commits, folders, strict=True)
    }
