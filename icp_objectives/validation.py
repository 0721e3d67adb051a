"""Load a repository and run every check: the one call behind `validate`, `report` and `update`."""

from __future__ import annotations

from pathlib import Path

from icp_objectives import checks, repository
from icp_objectives.repository import Repository


def validate(root: Path) -> Repository:
    """The repository with every schema and cross-file problem in `problems`, sorted."""
    repo = repository.load(root)
    repo.problems = sorted(repo.problems + checks.check(repo))
    return repo
