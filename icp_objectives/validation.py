"""Load a repository and run every check: the one call behind `validate`, `report` and `update`."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from icp_objectives import checks, repository
from icp_objectives.repository import Repository


def validate(root: Path, overrides: Mapping[Path, bytes] | None = None) -> Repository:
    """The repository with every schema and cross-file problem in `problems`, sorted.

    `overrides` maps files to the bytes they would hold after an edit (see `repository.load`).
    """
    repo = repository.load(root, overrides=overrides)
    repo.problems = sorted(repo.problems + checks.check(repo))
    return repo
