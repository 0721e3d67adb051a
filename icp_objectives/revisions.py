"""Load the repository as it was at a git revision, and compare two revisions in meaning."""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path

from icp_objectives import gitrev, repository, semantic_diff
from icp_objectives.changes import Diff
from icp_objectives.repository import Repository


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
