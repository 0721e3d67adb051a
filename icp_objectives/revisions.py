"""Load the repository as it was at a git revision, and compare two revisions in meaning."""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path

from icp_objectives import gitrev, locks, repository, scope, semantic_diff, sources
from icp_objectives.changes import Diff
from icp_objectives.model import Objective, QuarterReport
from icp_objectives.periods import Quarter
from icp_objectives.repository import QuarterData, Repository


@dataclass(frozen=True)
class Comparison:
    diff: Diff
    base: str  # how each side is named in the output
    head: str


def at(where: gitrev.Checkout, rev: str) -> Repository:
    """The data files as committed at `rev`, read and loaded (not cross-checked)."""
    with tempfile.TemporaryDirectory(prefix="icp-obj-") as folder:
        root = Path(folder)
        gitrev.extract(where, rev, root)
        (root / repository.DATA_DIR).mkdir(exist_ok=True)
        return repository.load(root)


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
    committed, or beyond a shallow clone's history).
    """
    marked = [
        data
        for data in repo.quarters.values()
        if data.report is not None and data.report.model.presented is not None
    ]
    if not marked:
        return {}
    try:
        where = gitrev.checkout(root)
    except gitrev.GitError:
        return {}
    found: dict[Quarter, locks.Presented] = {}
    for data in marked:
        assert data.report is not None
        commit = _first_presented(where, data.report.source.rel)
        if commit is not None:
            found[data.quarter] = locks.Presented(commit, _quarter_at(where, commit, data))
    return found


def _first_presented(where: gitrev.Checkout, rel: str) -> str | None:
    for commit in gitrev.commits_touching(where, rel, r"^presented:"):
        data = gitrev.show(where, commit, rel)
        if data is None:
            continue
        outcome = sources.read(rel, data, QuarterReport)
        if outcome.loaded is not None and outcome.loaded.model.presented is not None:
            return commit
    return None


def _quarter_at(where: gitrev.Checkout, commit: str, now: QuarterData) -> QuarterData:
    folder = f"{repository.DATA_DIR}/{repository.UPDATES_DIR}/{now.folder}"
    with tempfile.TemporaryDirectory(prefix="icp-obj-") as name:
        root = Path(name)
        gitrev.extract(where, commit, root, folder)
        then = repository.load(root, repository.data_files(root))
    return then.quarters.get(now.quarter) or QuarterData(now.quarter, now.folder)


def changed_scope(root: Path, repo: Repository, rev: str) -> tuple[list[str], set[str] | None]:
    """Files changed since `rev`, and the files they reach (None: all of them)."""
    where = gitrev.checkout(root)
    changed = gitrev.changed_since(where, rev)
    before = []
    for rel in changed:
        if rel.count("/") != 1:
            continue
        data = gitrev.show(where, rev, rel)
        outcome = sources.read(rel, data, Objective) if data is not None else None
        if outcome is not None and outcome.loaded is not None:
            before.append(outcome.loaded.model)
    return changed, scope.reached(repo, changed, before)
