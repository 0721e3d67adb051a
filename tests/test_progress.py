"""Long runs show progress on a terminal, and nothing on a pipe.

`validate` reports each file it reads, and `report` each format it renders, through a
callback (domain/progress); only the command line draws it, with rich, on standard error.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from rich.console import Console

from icp_objectives.cli import terminal
from icp_objectives.domain.progress import Step
from tests.conftest import RunCli

COLOUR = re.compile(r"\x1b\[[0-9;]*m")  # an SGR code: colour or bold
CURSOR = "\x1b[?25l"  # a live display hides the cursor while it draws


@pytest.fixture
def watched(monkeypatch: pytest.MonkeyPatch) -> tuple[io.StringIO, list[tuple[str, str]]]:
    """Progress drawn on a terminal (a forced one, writing to a buffer), and every step the
    core reported: (what the run is, the item)."""
    screen = io.StringIO()
    steps: list[tuple[str, str]] = []
    real = terminal.progress

    @contextmanager
    def recorded(what: str, console: Console | None = None) -> Iterator[Step]:
        forced = Console(file=screen, force_terminal=True, width=120)
        with real(what, forced) as step:

            def spy(item: str, number: int, total: int) -> None:
                steps.append((what, item))
                step(item, number, total)

            yield spy

    monkeypatch.setattr(terminal, "progress", recorded)
    return screen, steps


def test_validate_reports_each_file_on_a_terminal(
    shipped_repo: Path, cli: RunCli, watched: tuple[io.StringIO, list[tuple[str, str]]]
) -> None:
    screen, steps = watched
    result = cli("validate", "--root", str(shipped_repo))
    assert result.exit_code == 0, result.output
    files = int(result.stderr.split(" files checked")[0].split()[-1])
    read = [item for what, item in steps if what == "Checking"]
    assert len(read) == files
    assert "objectives/partnership.yaml" in read
    assert "Checking" in screen.getvalue()
    assert f"{files}/{files}" in screen.getvalue()
    assert "Checking" not in result.stderr  # the bar is not the command's output


def test_report_reports_each_format_on_a_terminal(
    shipped_repo: Path,
    cli: RunCli,
    tmp_path: Path,
    watched: tuple[io.StringIO, list[tuple[str, str]]],
) -> None:
    screen, steps = watched
    result = cli("report", "Q1", "2020/21", "-f", "all", "-o", f"{tmp_path / 'out'}/",
                 "--root", str(shipped_repo))  # fmt: skip
    assert result.exit_code == 0, result.output
    rendered = [item for what, item in steps if what == "Rendering the paper"]
    assert rendered == ["md", "html", "docx"]
    assert [what for what, _ in steps].count("Reading the data") > 10
    assert "Rendering the paper" in screen.getvalue()


def test_on_a_pipe_nothing_is_shown(shipped_repo: Path, cli: RunCli, tmp_path: Path) -> None:
    checked = cli("validate", "--root", str(shipped_repo))
    written = cli("report", "Q1", "2020/21", "-f", "all", "-o", f"{tmp_path / 'out'}/",
                  "--root", str(shipped_repo))  # fmt: skip
    for result in (checked, written):
        assert result.exit_code == 0, result.output
        for sign in ("Checking", "Reading the data", "Rendering", CURSOR, "\r"):
            assert sign not in result.output


def test_no_color_keeps_the_bar_and_drops_its_colour(
    shipped_repo: Path, cli: RunCli, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FORCE_COLOR", "1")  # rich: act as a terminal although it is a pipe
    monkeypatch.setenv("NO_COLOR", "1")
    result = cli("validate", "--root", str(shipped_repo))
    assert result.exit_code == 0, result.output
    assert "Checking" in result.stderr
    assert CURSOR in result.stderr
    assert not COLOUR.search(result.stderr)
    assert result.stderr.rstrip().endswith("files checked: no problems.")


def test_the_core_reports_progress_without_rich() -> None:
    import ast

    from icp_objectives import check, load, paper

    for package in (check, load, paper):
        for path in Path(package.__path__[0]).glob("*.py"):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            imported = {
                alias.name
                for node in ast.walk(tree)
                if isinstance(node, ast.Import)
                for alias in node.names
            } | {node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
            assert not any(name.split(".")[0] == "rich" for name in imported), path
