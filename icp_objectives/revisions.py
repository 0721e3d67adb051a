"""The repository as it was at git revisions: compared in meaning, presented, or changed since.

Files are read from git into memory and loaded as they were; nothing is written to disk.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from icp_objectives import gitrev, locks, repository, scope, semantic_diff, sources
from icp_objectives.changes import Diff
from icp_objectives.model import Objective, QuarterReport
from icp_objectives.periods import Quarter
from icp_objectives.problems import Problem
from icp_objectives.repository import QuarterData, Repository

PRESENTED_LINE = r"^presented:"


@dataclass(frozen=True)
class Comparison:
    diff: Diff
    base: str  # how each side is named in the output
    head: str


def _loaded(where: gitrev.Checkout, files: dict[str, bytes]) -> Repository:
    """Files read from git, loaded as if they sat in the work tree (not cross-checked)."""
    return repository.load(where.root, [], {where.root / rel: data for rel, data in files.items()})


def at(where: gitrev.Checkout, rev: str) -> Repository:
    """The data files as committed at `rev`, read and loaded."""
    return _loaded(where, gitrev.files_at(where, rev))


def compare(root: Path, base: str | None, head: str | None) -> Comparison:
    """BASE defaults to where this branch left the default branch; HEAD to the work tree."""
    where = gitrev.checkout(root)
    if base is None:
        branch = gitrev.default_branch(where)
        base_commit = gitrev.merge_base(where, branch)
        base_name = f"{base_commit[:8]} (where this branch left {branch})"
    else:
        base_commit = gitrev.commit(where, base)
        base_name = base
    if head is None:
        head_repo, head_name = repository.load(root), "the working tree"
    else:
        head_repo, head_name = at(where, gitrev.commit(where, head)), head
    diff = semantic_diff.compare(at(where, base_commit), head_repo)
    return Comparison(diff, base_name, head_name)


def presented(root: Path, repo: Repository) -> dict[Quarter, locks.Presented]:
    """Each quarter marked presented, as it was at the first commit recording that.

    Empty outside git; a quarter is left out when that commit cannot be found (not yet
    committed, or beyond a shallow clone's history). A handful of git processes in all.
    """
    reports = {
        data.report.source.rel: data
        for data in repo.quarters.values()
        if data.report is not None and data.report.model.presented is not None
    }
    if not reports:
        return {}
    try:
        where = gitrev.checkout(root)
    except gitrev.GitError:
        return {}
    history = gitrev.commits_touching(where, sorted(reports), PRESENTED_LINE)
    first = _first_presented(where, history)
    chosen = [(rel, commit) for rel, commit in first.items() if commit is not None]
    wanted = [(commit, rel.rsplit("/", 1)[0]) for rel, commit in chosen]
    found: dict[Quarter, locks.Presented] = {}
    for (rel, commit), files in zip(chosen, gitrev.folders_at(where, wanted), strict=True):
        now = reports[rel]
        then = _loaded(where, files).quarters.get(now.quarter)
        found[now.quarter] = locks.Presented(commit, then or QuarterData(now.quarter, now.folder))
    return found


def _first_presented(
    where: gitrev.Checkout, history: dict[str, list[str]]
) -> dict[str, str | None]:
    """For each report.yaml, the first commit in its history at which it records `presented`."""
    names = [(rel, commit) for rel, commits in history.items() for commit in commits]
    contents = gitrev.objects(where, [f"{commit}:{where.prefix}{rel}" for rel, commit in names])
    first: dict[str, str | None] = dict.fromkeys(history)
    for (rel, commit), data in zip(names, contents, strict=True):
        if first[rel] is not None or data is None:
            continue
        loaded = sources.read(rel, data, QuarterReport).loaded
        if loaded is not None and loaded.model.presented is not None:
            first[rel] = commit
    return first


@dataclass(frozen=True)
class Reach:
    """What `validate --changed-since REV` reports on: the changed files and what they reach."""

    rev: str
    changed: tuple[str, ...]
    files: frozenset[str] | None  # existing files in reach; None for all of them

    def only(self, problems: list[Problem]) -> list[Problem]:
        return problems if self.files is None else [p for p in problems if p.path in self.files]

    def sentence(self) -> str:
        count = len(self.changed)
        reached = "all" if self.files is None else str(len(self.files))
        changed = f"{count} file{'s' if count != 1 else ''} changed since {self.rev}"
        return f"{changed}; {reached} files in reach."


def changed_scope(root: Path, repo: Repository, rev: str) -> Reach:
    """Files changed since `rev`, and the files they reach."""
    where = gitrev.checkout(root)
    changed = gitrev.changed_since(where, rev)
    objective_files = [rel for rel in changed if rel.count("/") == 1]
    names = [f"{rev}:{where.prefix}{rel}" for rel in objective_files]
    before = []
    for rel, data in zip(objective_files, gitrev.objects(where, names), strict=True):
        loaded = sources.read(rel, data, Objective).loaded if data is not None else None
        if loaded is not None:
            before.append(loaded.model)
    reached = scope.reached(repo, changed, before)
    if reached is None:
        return Reach(rev, tuple(changed), None)
    existing = {p.relative_to(root).as_posix() for p in repository.data_files(root)}
    return Reach(rev, tuple(changed), frozenset(reached & existing))
