"""`icp-obj init`: a new partnership's repository that validates at once and renders its paper."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from icp_objectives.load.loaded import DATA_DIR
from tests.conftest import RunCli

FLAGS = (
    "--name",
    "South Nottinghamshire Integrated Care Partnership",
    "--short-name",
    "South Notts ICP",
    "--board",
    "ICS Board",
)
WRITTEN = {
    "objectives/partnership.yaml",
    "objectives/1-first-objective.yaml",
    "schema/partnership.schema.json",
    "schema/objective.schema.json",
    "templates/README.md",
    ".pre-commit-config.yaml",
    ".github/workflows/objectives.yml",
    ".gitignore",
}
needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def files_under(root: Path) -> set[str]:
    return {
        p.relative_to(root).as_posix()
        for p in root.rglob("*")
        if p.is_file() and ".git/" not in p.relative_to(root).as_posix() + "/"
    }


@pytest.fixture
def today(monkeypatch: pytest.MonkeyPatch) -> None:
    import datetime as dt

    monkeypatch.setattr("icp_objectives.cli.starting._today", lambda: dt.date(2026, 12, 2))


@pytest.fixture
def terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("icp_objectives.cli.starting._stdin_is_terminal", lambda: True)


def test_flags_alone_start_a_repository_that_validates_and_renders(
    cli: RunCli, tmp_path: Path, today: None
) -> None:
    root = tmp_path / "south-notts"
    result = cli("init", str(root), *FLAGS, "--scale", "rag")
    assert result.exit_code == 0, result.output
    assert files_under(root) >= WRITTEN
    assert "objectives/updates/2026-27/Q3/report.yaml" in files_under(root)
    assert "2026/27 Q3 open" in result.stderr
    partnership = (root / DATA_DIR / "partnership.yaml").read_text()
    assert 'board: "ICS Board"' in partnership
    assert "id: amber-green" not in partnership  # the simple scale, three points
    checked = cli("validate", "--root", str(root))
    assert checked.exit_code == 0, checked.output
    assert "error" not in checked.output
    report = cli("report", "Q3", "--root", str(root), "--format", "md", "--output", "-")
    assert report.exit_code == 0, report.output
    assert "South Nottinghamshire Integrated Care Partnership" in report.stdout
    assert "Our first breakthrough objective" in report.stdout


def test_the_new_quarter_example_uses_the_partnerships_own_first_rating(
    cli: RunCli, tmp_path: Path, today: None
) -> None:
    result = cli(
        "init", str(tmp_path), *FLAGS, "--scale", "custom", "--ratings", "In place, In development"
    )
    assert result.exit_code == 0, result.output
    example = (tmp_path / "objectives/updates/2026-27/Q3/objective-1.yaml").read_text()
    assert "#     status: in-place  # one of: in-place, in-development" in example
    assert "amber" not in example
    assert cli("validate", "--root", str(tmp_path)).exit_code == 0


@needs_git
def test_a_folder_outside_git_becomes_a_repository(
    cli: RunCli, tmp_path: Path, today: None
) -> None:
    result = cli("init", str(tmp_path), *FLAGS)
    assert result.exit_code == 0, result.output
    assert "started a git repository" in result.stderr
    branch = subprocess.run(
        ["git", "-C", str(tmp_path), "symbolic-ref", "--short", "HEAD"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert branch.stdout.strip() == "main"


@needs_git
def test_a_folder_inside_a_repository_is_not_made_another(
    cli: RunCli, tmp_path: Path, today: None
) -> None:
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    inner = tmp_path / "partnership"
    result = cli("init", str(inner), *FLAGS)
    assert result.exit_code == 0, result.output
    assert not (inner / ".git").exists()
    assert "git repository" not in result.stderr


def test_with_no_terminal_it_names_every_missing_flag_and_writes_nothing(
    cli: RunCli, tmp_path: Path
) -> None:
    result = cli("init", str(tmp_path), "--name", "Somewhere ICP")
    assert result.exit_code == 2
    assert "pass --short-name, --board" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert files_under(tmp_path) == set()


def test_it_refuses_a_folder_that_holds_a_partnership(
    cli: RunCli, shipped_repo: Path, today: None
) -> None:
    before = {p: (shipped_repo / p).read_bytes() for p in files_under(shipped_repo)}
    result = cli("init", str(shipped_repo), *FLAGS)
    assert result.exit_code == 2
    assert "objectives/ exists and is not empty" in result.stderr
    assert {p: (shipped_repo / p).read_bytes() for p in files_under(shipped_repo)} == before


def test_it_keeps_files_that_exist_already(cli: RunCli, tmp_path: Path, today: None) -> None:
    (tmp_path / ".gitignore").write_text("my-own-rules/\n")
    result = cli("init", str(tmp_path), *FLAGS)
    assert result.exit_code == 0, result.output
    assert (tmp_path / ".gitignore").read_text() == "my-own-rules/\n"
    assert "kept .gitignore (it exists already)" in result.stderr


def test_dry_run_lists_the_files_and_writes_none(cli: RunCli, tmp_path: Path) -> None:
    result = cli("init", str(tmp_path), *FLAGS, "--dry-run")
    assert result.exit_code == 0, result.output
    for path in WRITTEN:
        assert f"would create {path}" in result.stderr
    assert files_under(tmp_path) == set()
    assert not (tmp_path / ".git").exists()


def test_a_person_at_a_terminal_is_asked_each_answer(
    cli: RunCli, tmp_path: Path, terminal: None, today: None
) -> None:
    answers = "\n".join(
        [
            'Bassetlaw "Place" Partnership',  # quotes survive into the YAML
            "Bassetlaw ICP",
            "Place Board",
            "",  # the default scale
            "Children grow up safe",
            "",  # the default breakthrough title
        ]
    )
    result = cli("init", str(tmp_path), input=answers + "\n")
    assert result.exit_code == 0, result.output
    assert "The partnership's full name" in result.stderr
    text = (tmp_path / DATA_DIR / "partnership.yaml").read_text()
    assert r'name: "Bassetlaw \"Place\" Partnership"' in text
    assert "id: blue" in text  # five-point delivery confidence, with blue for complete
    assert (
        'title: "Children grow up safe"'
        in (tmp_path / DATA_DIR / "1-first-objective.yaml").read_text()
    )
    assert cli("validate", "--root", str(tmp_path)).exit_code == 0


def test_an_unknown_scale_is_refused_with_the_choices(cli: RunCli, tmp_path: Path) -> None:
    result = cli("init", str(tmp_path), *FLAGS, "--scale", "traffic-lights")
    assert result.exit_code == 2
    assert "--scale must be one of delivery-confidence, rag, custom" in result.stderr
    assert files_under(tmp_path) == set()


def test_labels_alone_make_a_custom_scale_and_clashing_ones_are_refused(
    cli: RunCli, tmp_path: Path, today: None
) -> None:
    result = cli("init", str(tmp_path / "a"), *FLAGS, "--ratings", "Good,Poor")
    assert result.exit_code == 0, result.output
    assert "id: good" in (tmp_path / "a" / DATA_DIR / "partnership.yaml").read_text()
    clash = cli("init", str(tmp_path / "b"), *FLAGS, "--ratings", "Good,good")
    assert clash.exit_code == 2
    assert "'Good' and 'good' would be the same rating" in clash.stderr
    assert not (tmp_path / "b").exists() or files_under(tmp_path / "b") == set()
    mixed = cli("init", str(tmp_path / "c"), *FLAGS, "--scale", "rag", "--ratings", "Good")
    assert mixed.exit_code == 2
    assert "--ratings makes a custom scale; leave out --scale rag" in mixed.stderr


def test_a_new_partnership_names_its_levels_and_titles_its_papers_by_its_own_name(
    cli: RunCli, tmp_path: Path, today: None
) -> None:
    result = cli(
        "init", str(tmp_path), *FLAGS, "--objective-term", "priority",
        "--breakthrough-term", "workstream",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    paper = cli("report", "Q3", "--root", str(tmp_path), "-f", "md", "-o", "-").stdout
    assert paper.startswith("# South Notts ICP: quarter 3 update, 2026/27\n")
    assert "## Priority 1 \N{EN DASH}" in paper
    assert "ICP Objectives Quarter" not in paper


def test_dry_run_lists_the_quarter_it_would_open(cli: RunCli, tmp_path: Path, today: None) -> None:
    result = cli("init", str(tmp_path), *FLAGS, "--dry-run")
    assert "would create objectives/updates/2026-27/Q3/report.yaml" in result.stderr
    assert "would create objectives/updates/2026-27/Q3/objective-1.yaml" in result.stderr


def test_a_folder_it_would_write_into_that_is_a_link_is_refused(
    cli: RunCli, tmp_path: Path, today: None
) -> None:
    root, elsewhere = tmp_path / "repo", tmp_path / "elsewhere"
    root.mkdir()
    elsewhere.mkdir()
    (root / ".github").symlink_to(elsewhere)
    result = cli("init", str(root), *FLAGS)
    assert result.exit_code == 2
    assert ".github is a link, and init writes only inside the folder it starts" in result.stderr
    assert list(elsewhere.iterdir()) == []
    assert not (root / "objectives").exists()


def test_answers_that_would_not_validate_write_nothing(cli: RunCli, tmp_path: Path) -> None:
    result = cli(
        "init", str(tmp_path / "r"), "--name", "Bad\x07Name", "--short-name", "B", "--board", "B"
    )
    assert result.exit_code == 1
    assert "control-character" in result.stderr
    assert "nothing was written" in result.stderr
    assert not (tmp_path / "r").exists()
