"""The repository's templates/ and the committed papers `report --check` reads follow the
rules of the data files: a link out of the repository, a named pipe, a device or a huge file
is refused by name, and nothing of it is printed."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from icp_objectives.domain import limits
from tests.conftest import MakeRepo, RunCli

SECRET = "SECRET-MARKER-5d7e"


def test_a_template_linked_outside_is_refused_by_name(
    make_repo: MakeRepo, cli: RunCli, tmp_path: Path
) -> None:
    root = make_repo({})
    (root / "templates").mkdir()
    secret = tmp_path / "secret.j2"
    secret.write_text(f"{SECRET} {{{{ paper.title }}}}\n", encoding="utf-8")
    (root / "templates" / "summary.md.j2").symlink_to(secret)
    result = cli("report", "Q1", "-f", "md", "-o", "-", "--root", str(root))
    assert result.exit_code == 1
    assert SECRET not in result.output
    assert (
        "templates/summary.md.j2 cannot be read: this file is a link to a place outside"
        " objectives/ (or templates/ for a template)" in result.stderr
    )


def test_a_template_that_is_a_named_pipe_does_not_hang(make_repo: MakeRepo, cli: RunCli) -> None:
    root = make_repo({})
    (root / "templates").mkdir()
    os.mkfifo(root / "templates" / "summary.md.j2")
    result = cli("report", "Q1", "-f", "md", "-o", "-", "--root", str(root))
    assert result.exit_code == 1
    assert "templates/summary.md.j2 cannot be read: this is a named pipe" in result.stderr


def test_a_huge_template_is_refused(
    make_repo: MakeRepo, cli: RunCli, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_repo({"templates/summary.md.j2": "x" * 5000})
    monkeypatch.setattr(limits, "MAX_BYTES", 3000)
    result = cli("report", "Q1", "-f", "md", "-o", "-", "--root", str(root))
    assert result.exit_code == 1
    assert "templates/summary.md.j2 cannot be read: the file is 0.0 MB" in result.stderr


def test_templates_in_a_folder_linked_outside_are_refused(
    make_repo: MakeRepo, cli: RunCli, tmp_path: Path
) -> None:
    root = make_repo({"templates/summary.md.j2": '{% include "parts/row.md.j2" %}\n'})
    (tmp_path / "parts").mkdir()
    (tmp_path / "parts" / "row.md.j2").write_text(SECRET, encoding="utf-8")
    (root / "templates" / "parts").symlink_to(tmp_path / "parts", target_is_directory=True)
    result = cli("report", "Q1", "-f", "md", "-o", "-", "--root", str(root))
    assert result.exit_code == 1
    assert SECRET not in result.output
    assert "templates/parts/row.md.j2 cannot be read: this folder is a link" in result.stderr


def test_a_templates_folder_linked_outside_is_refused(
    make_repo: MakeRepo, cli: RunCli, tmp_path: Path
) -> None:
    root = make_repo({})
    (tmp_path / "theirs").mkdir()
    (tmp_path / "theirs" / "summary.md.j2").write_text(SECRET, encoding="utf-8")
    (root / "templates").symlink_to(tmp_path / "theirs", target_is_directory=True)
    result = cli("report", "Q1", "-f", "md", "-o", "-", "--root", str(root))
    assert result.exit_code == 1
    assert SECRET not in result.output
    assert "cannot be read: this folder is a link to a place outside" in result.stderr


def test_a_template_linked_inside_is_used(make_repo: MakeRepo, cli: RunCli) -> None:
    root = make_repo({"templates/shared/scale.md.j2": "## Our own scale\n"})
    (root / "templates" / "rating-scale.md.j2").symlink_to(
        root / "templates" / "shared" / "scale.md.j2"
    )
    md = cli("report", "Q1", "-f", "md", "-o", "-", "--root", str(root)).stdout
    assert "## Our own scale" in md


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_report_check_does_not_hang_on_a_committed_paper_that_is_a_pipe(
    make_repo: MakeRepo, cli: RunCli
) -> None:
    root = make_repo({})
    (root / "reports").mkdir()
    os.mkfifo(root / "reports" / "2020-21-Q1-board-report.md")
    result = cli("report", "Q1", "-f", "md", "--check", "--root", str(root))
    assert result.exit_code == 1
    assert "cannot be read: this is a named pipe" in result.output


def test_report_check_reads_a_huge_committed_paper_no_further_than_it_needs(
    make_repo: MakeRepo, cli: RunCli
) -> None:
    root = make_repo({})
    (root / "reports").mkdir()
    (root / "reports" / "2020-21-Q1-board-report.md").symlink_to("/dev/zero")
    result = cli("report", "Q1", "-f", "md", "--check", "--root", str(root))
    assert result.exit_code == 1
    assert "cannot be read: this is a device" in result.output
