"""The package's layout shows the data flow, and its modules stay small enough to read."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

PACKAGE = Path(__file__).parent.parent / "icp_objectives"
FLOW = {
    "domain",
    "yamlio",
    "load",
    "measures",
    "check",
    "paper",
    "review",
    "edit",
    "cli",
    "templates",
}


def test_the_top_level_holds_one_folder_per_step_of_the_flow() -> None:
    folders = {p.name for p in PACKAGE.iterdir() if p.is_dir() and p.name != "__pycache__"}
    modules = {p.name for p in PACKAGE.glob("*.py")}
    assert folders == FLOW
    assert modules == {"__init__.py", "__main__.py"}


@pytest.mark.parametrize("module", sorted(PACKAGE.rglob("*.py")), ids=lambda p: p.stem)
def test_no_module_is_over_450_lines(module: Path) -> None:
    lines = len(module.read_text(encoding="utf-8").splitlines())
    assert lines <= 450, f"{module.relative_to(PACKAGE)} has {lines} lines: split it by job"


@pytest.mark.skipif(shutil.which("lint-imports") is None, reason="import-linter is not installed")
def test_the_layer_contracts_hold() -> None:
    done = subprocess.run(
        ["lint-imports", "--no-cache"], cwd=PACKAGE.parent, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stdout[-2000:]
