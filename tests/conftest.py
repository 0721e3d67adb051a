"""Shared fixtures: a CLI runner that refuses tracebacks, and small repositories in tmp_path."""

from __future__ import annotations

import os
import shutil
import textwrap
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from icp_objectives.cli import app
from tests.gitrepo import GitRepo

# Results kept between runs are keyed by the files' bytes and the code, not by what a test
# patches in between: every test checks afresh, but those of the cache itself (test_cache.py).
os.environ["ICP_OBJ_NO_CACHE"] = "1"

PROJECT = Path(__file__).resolve().parent.parent
SHIPPED = PROJECT / "objectives"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@dataclass
class Result:
    exit_code: int
    stdout: str
    stderr: str

    @property
    def output(self) -> str:
        return self.stdout + self.stderr


RunCli = Callable[..., Result]


@pytest.fixture
def cli(monkeypatch: pytest.MonkeyPatch) -> RunCli:
    """Run `icp-obj` in-process; fail the test on any traceback or unexpected exception."""
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "120")

    def run(*args: str, input: str | bytes | None = None, cwd: Path | None = None) -> Result:
        runner = CliRunner()
        if cwd is not None:
            monkeypatch.chdir(cwd)
        outcome = runner.invoke(app, list(args), input=input, catch_exceptions=True)
        if outcome.exception is not None and not isinstance(outcome.exception, SystemExit):
            raise AssertionError(f"icp-obj {' '.join(args)} raised") from outcome.exception
        result = Result(outcome.exit_code, outcome.stdout, outcome.stderr)
        assert "Traceback" not in result.output, result.output
        return result

    return run


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The cache switched on, in a folder of the test's own."""
    from icp_objectives.load import stored

    folder = tmp_path / "cache"
    monkeypatch.delenv(stored.NO_CACHE, raising=False)
    monkeypatch.setenv(stored.CACHE_DIR, str(folder))
    return folder


@pytest.fixture
def parsed(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The path of each data file parsed from here on, in order (`parse.read` recording)."""
    from icp_objectives.load import parse

    seen: list[str] = []
    read = parse.read

    def recorded(rel: str, *args: Any, **kwargs: Any) -> Any:
        seen.append(rel)
        return read(rel, *args, **kwargs)

    monkeypatch.setattr(parse, "read", recorded)
    return seen


@pytest.fixture
def shipped_repo(tmp_path: Path) -> Path:
    """A copy of the shipped data (objectives/ and templates/) that a test may change."""
    shutil.copytree(SHIPPED, tmp_path / "objectives")
    if (PROJECT / "templates").is_dir():
        shutil.copytree(PROJECT / "templates", tmp_path / "templates")
    return tmp_path


MakeRepo = Callable[[dict[str, str]], Path]


@pytest.fixture
def git_repo(make_repo: MakeRepo) -> GitRepo:
    """The small valid repository, committed on `main` in a fresh git repository."""
    repo = GitRepo(make_repo({}))
    repo.commit("Objectives and the 2020/21 Q1 updates")
    return repo


@pytest.fixture
def make_repo(tmp_path: Path) -> MakeRepo:
    """Build a repository from {relative path: YAML text}, on top of a small valid base."""

    def build(files: dict[str, str]) -> Path:
        root = tmp_path / "repo"
        for rel, text in {**MINIMAL, **files}.items():
            path = root / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
        return root

    return build


# Objective 2's file; it ends in breakthrough 2.2, so a test may add keys of 2.2 to it.
CHOICES = """
    id: 2
    title: Healthy choices
    breakthroughs:
      - id: "2.1"
        title: Connect services
      - id: "2.2"
        title: Stop smoking
"""

MINIMAL = {
    "objectives/partnership.yaml": """
        name: Test Partnership
        partners:
          ncc: Nottinghamshire County Council
        ratings:
          - id: green
            label: On track
            definition: Delivery is on plan.
          - id: amber
            label: Some risk
            definition: Issues need attention.
          - id: red
            label: Off track
            definition: Delivery is not expected without intervention.
        """,
    "objectives/1-start.yaml": """
        id: 1
        title: Best start in life
        lead: ncc
        breakthroughs:
          - id: "1.1"
            title: School readiness
            measures:
              - id: childcare
                title: Take-up of funded childcare
                unit: "%"
                better: higher
                baseline: {period: 2019/20 Q4, value: 80}
                target: {period: 2021/22 Q4, value: 85}
          - id: "1.2"
            title: Healthy pregnancies
        """,
    "objectives/2-choices.yaml": CHOICES,
    "objectives/updates/2020-21/Q1/report.yaml": """
        title: Quarter 1 update
        period: 2020/21 Q1
        introduction: |
          The quarter's update.
        """,
    "objectives/updates/2020-21/Q1/objective-1.yaml": """
        objective: 1
        entries:
          - covers: "1.1"
            status: amber
            body: |
              - Take-up is recovering.
            readings:
              - measure: childcare
                value: 72
        """,
}
