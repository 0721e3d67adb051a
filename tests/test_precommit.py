"""The shipped pre-commit hook, run through the real `pre-commit` tool in a tmp git repository.

The fast test runs the hook as declared in .pre-commit-hooks.yaml but with `language: system`,
using the icp-obj of this test run. The slow one lets pre-commit install this project from a
git commit into its own environment, as another repository would; it needs the package index,
so it is marked `slow` (deselect with `-m "not slow"`).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from icp_objectives import yamlio
from tests.conftest import PROJECT
from tests.gitrepo import GitRepo

HOOKS = PROJECT / ".pre-commit-hooks.yaml"


def _hook() -> dict[str, object]:
    hooks = yamlio.load(HOOKS.read_text(encoding="utf-8"))
    assert isinstance(hooks, list)
    hook = next(h for h in hooks if h["id"] == "icp-obj-validate")
    assert isinstance(hook, dict)
    return dict(hook)


def _flow(value: object) -> str:
    """A YAML value for a config line (flow style; strings quoted)."""
    if isinstance(value, list):
        return "[" + ", ".join(_flow(v) for v in value) + "]"
    if isinstance(value, bool):
        return "true" if value else "false"
    return f"'{value}'"


def _config(hook: dict[str, object], repo_lines: str) -> str:
    keys = "".join(f"        {k}: {_flow(v)}\n" for k, v in hook.items())
    return f"repos:\n{repo_lines}    hooks:\n      - {keys.lstrip()}"


def _bin_with_icp_obj(folder: Path) -> Path:
    """A folder whose icp-obj runs the package under test with this interpreter."""
    folder.mkdir()
    script = folder / "icp-obj"
    script.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m icp_objectives "$@"\n')
    script.chmod(0o755)
    return folder


def _pre_commit(
    repo: GitRepo, home: Path, path: str, *which: str
) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PRE_COMMIT_HOME": str(home), "PATH": path, "NO_COLOR": "1"}
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "pre_commit",
            "run",
            *(which or ["--all-files"]),
            "--color",
            "never",
        ],
        cwd=repo.root,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


def _break(repo: GitRepo) -> None:
    repo.replace("objectives/1-start.yaml", "lead: ncc\n", "lead: nobody\n")
    repo.commit("A lead that is not a partner")


def test_hook_declaration_fits_a_whole_repository_check() -> None:
    hook = _hook()
    assert hook["entry"] == "icp-obj validate"
    assert hook["language"] == "python"
    assert hook["always_run"] is True  # a deleted file is a change too, and no file is passed
    assert hook["pass_filenames"] is False


def test_hook_passes_good_data_and_fails_on_the_broken_line(
    git_repo: GitRepo, tmp_path: Path
) -> None:
    hook = _hook() | {"language": "system"}
    git_repo.write({".pre-commit-config.yaml": _config(hook, "  - repo: local\n")})
    git_repo.commit("Use the hook")
    path = f"{_bin_with_icp_obj(tmp_path / 'bin')}{os.pathsep}{os.environ['PATH']}"

    good = _pre_commit(git_repo, tmp_path / "pre-commit-home", path)
    assert good.returncode == 0, good.stdout + good.stderr
    assert "icp-obj validate" in good.stdout and "Passed" in good.stdout

    _break(git_repo)
    bad = _pre_commit(git_repo, tmp_path / "pre-commit-home", path)
    assert bad.returncode == 1, bad.stdout + bad.stderr
    assert "Failed" in bad.stdout
    assert "objectives/1-start.yaml:3:7: error unknown-partner: 'nobody' is not a partner" in (
        bad.stdout
    )


def test_hook_catches_a_deleted_file_that_others_refer_to(
    git_repo: GitRepo, tmp_path: Path
) -> None:
    hook = _hook() | {"language": "system"}
    git_repo.write({".pre-commit-config.yaml": _config(hook, "  - repo: local\n")})
    git_repo.commit("Use the hook")
    path = f"{_bin_with_icp_obj(tmp_path / 'bin')}{os.pathsep}{os.environ['PATH']}"
    git_repo.git("rm", "-q", "objectives/1-start.yaml")

    staged = _pre_commit(git_repo, tmp_path / "pre-commit-home", path, "--hook-stage", "pre-commit")

    assert staged.returncode == 1, staged.stdout + staged.stderr
    assert "unknown-objective" in staged.stdout


@pytest.mark.slow
def test_another_repository_installs_the_hook_from_git(git_repo: GitRepo, tmp_path: Path) -> None:
    tool = GitRepo(tmp_path / "icp-objectives")
    for name in ("pyproject.toml", "README.md", ".pre-commit-hooks.yaml"):
        shutil.copy(PROJECT / name, tool.root / name)
    shutil.copytree(
        PROJECT / "icp_objectives",
        tool.root / "icp_objectives",
        ignore=shutil.ignore_patterns("__pycache__"),
    )
    rev = tool.commit("The tool")
    config = (
        f"repos:\n  - repo: {tool.root}\n    rev: {rev}\n    hooks:\n      - id: icp-obj-validate\n"
    )
    git_repo.write({".pre-commit-config.yaml": config})
    git_repo.commit("Use the hook")
    _break(git_repo)

    result = _pre_commit(git_repo, tmp_path / "pre-commit-home", os.environ["PATH"])

    assert result.returncode == 1, result.stdout + result.stderr
    assert "objectives/1-start.yaml:3:7: error unknown-partner" in result.stdout
