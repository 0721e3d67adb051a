"""The repository's templates/ and the committed papers `report --check` reads follow the
rules of the data files: a link out of the repository, a named pipe, a device or a huge file
is refused by name, and nothing of it is printed."""

from __future__ import annotations

import os
import stat
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


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_committed_paper_linked_to_a_pipe_outside_is_refused_not_waited_on(
    make_repo: MakeRepo, cli: RunCli, tmp_path: Path
) -> None:
    """A pull request may commit reports/ with links in it: one to a named pipe with no reader
    would hang the run, and one to a file elsewhere would replace that file."""
    root = make_repo({})
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    os.mkfifo(outside / "pipe")
    (root / "reports").mkdir()
    (root / "reports" / "2020-21-Q1-board-report.md").symlink_to(outside / "pipe")
    result = cli("report", "Q1", "-f", "md", "--root", str(root))
    assert result.exit_code == 3
    assert "is a link to a place outside the repository" in result.stderr
    assert stat.S_ISFIFO((outside / "pipe").lstat().st_mode)


def test_a_committed_paper_linked_to_a_file_outside_leaves_that_file_alone(
    make_repo: MakeRepo, cli: RunCli, tmp_path: Path
) -> None:
    root = make_repo({})
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    victim = elsewhere / "notes.md"
    victim.write_text("my own notes\n", encoding="utf-8")
    (root / "reports").symlink_to(elsewhere)  # a folder on the way, this time
    target = root / "reports" / "notes.md"
    result = cli("report", "Q1", "-f", "md", "--root", str(root), "-o", str(target))
    assert result.exit_code == 3
    assert "a folder on the way, is a link" in result.stderr
    assert victim.read_text(encoding="utf-8") == "my own notes\n"
    assert [p.name for p in elsewhere.iterdir()] == ["notes.md"]


def test_a_paper_linked_inside_the_repository_is_written_through_the_link(
    make_repo: MakeRepo, cli: RunCli
) -> None:
    root = make_repo({})
    (root / "papers").mkdir()
    (root / "reports").symlink_to(root / "papers")
    result = cli("report", "Q1", "-f", "md", "--root", str(root))
    assert result.exit_code == 0, result.stderr
    assert (root / "papers" / "2020-21-Q1-board-report.md").read_text(encoding="utf-8")


def test_cover_refuses_a_report_file_linked_to_a_device(make_repo: MakeRepo, cli: RunCli) -> None:
    """`cover` reads report.yaml as every data file is read: a link to /dev/zero is refused,
    not read until memory runs out."""
    root = make_repo({})
    report = root / "objectives/updates/2020-21/Q1/report.yaml"
    report.unlink()
    report.symlink_to("/dev/zero")
    result = cli("cover", "2020/21 Q1", "--author", "A. Person", "--root", str(root))
    assert result.exit_code == 3
    assert "report.yaml" in result.stderr and "outside objectives/" in result.stderr
