"""Every write is whole or not at all, and never over what someone else changed meanwhile:
papers, new quarters, schema files and updates. A disk that refuses exits 3."""

from __future__ import annotations

import errno
import os
import stat
import threading
from pathlib import Path

import pytest

from icp_objectives.edit import safe_write, update
from tests.conftest import MakeRepo, RunCli

Q1 = "objectives/updates/2020-21/Q1/objective-1.yaml"


def _disk_full(*args: object, **kwargs: object) -> None:
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


def test_a_full_disk_leaves_the_old_paper_whole(
    make_repo: MakeRepo, cli: RunCli, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_repo({})
    assert cli("report", "Q1", "--root", str(root)).exit_code == 0
    paper = root / "reports/2020-21-Q1-board-report.md"
    before = paper.read_bytes()
    monkeypatch.setattr(os, "fsync", _disk_full)
    result = cli("report", "Q1", "--root", str(root), "--format", "md")
    assert result.exit_code == 3
    assert "No space left on device" in result.stderr
    assert paper.read_bytes() == before
    assert sorted(p.name for p in paper.parent.iterdir()) == [
        "2020-21-Q1-board-report.docx",
        "2020-21-Q1-board-report.html",
        "2020-21-Q1-board-report.md",
    ]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_paper_written_to_a_pipe_goes_through_it_and_leaves_it_a_pipe(
    make_repo: MakeRepo, cli: RunCli, tmp_path: Path
) -> None:
    """`-o /dev/null` or a named pipe is written into, as `>` does; replacing it with a file
    (as a paper's file is replaced) would, run as root, put a file where /dev/null was."""
    root = make_repo({})
    out = tmp_path / "out"
    out.mkdir()
    pipe = out / "paper.md"
    os.mkfifo(pipe)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(pipe.read_bytes()), daemon=True)
    reader.start()
    result = cli("report", "Q1", "--root", str(root), "-o", str(pipe))
    reader.join(timeout=30)
    assert result.exit_code == 0, result.stderr
    assert stat.S_ISFIFO(pipe.lstat().st_mode)
    assert len(received) == 1 and received[0].startswith(b"# ")  # the Markdown paper
    assert [p.name for p in out.iterdir()] == ["paper.md"]  # no temporary file either


def test_a_quarter_is_started_whole_or_not_at_all(
    make_repo: MakeRepo, cli: RunCli, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_repo({})
    written: list[Path] = []
    real = safe_write.write_atomic

    def fail_on_the_second(path: Path, data: bytes) -> None:
        if written:
            _disk_full()
        real(path, data)
        written.append(path)

    monkeypatch.setattr(safe_write, "write_atomic", fail_on_the_second)
    result = cli("new-quarter", "2020/21 Q2", "--root", str(root))
    assert result.exit_code == 3
    assert written and not any(path.exists() for path in written)
    folder = root / "objectives/updates/2020-21/Q2"
    assert not folder.exists() or not [p for p in folder.iterdir() if p.suffix == ".yaml"]


def test_update_refuses_a_read_only_file(make_repo: MakeRepo, cli: RunCli) -> None:
    root = make_repo({})
    target = root / Q1
    before = target.read_bytes()
    target.chmod(0o444)
    result = cli("update", "1.2", "-q", "2020/21 Q1", "--bullet", "More", "--root", str(root))
    assert result.exit_code == 3
    assert "is read-only, so nothing was written" in result.stderr
    assert target.read_bytes() == before


def test_update_never_writes_over_an_edit_saved_meanwhile(
    make_repo: MakeRepo, cli: RunCli, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_repo({})
    target = root / Q1
    checked = update._new_problems

    def an_editor_saves_meanwhile(*args: object, **kwargs: object) -> object:
        found = checked(*args, **kwargs)  # type: ignore[arg-type]
        target.write_text(target.read_text(encoding="utf-8") + "# saved in an editor\n")
        return found

    monkeypatch.setattr(update, "_new_problems", an_editor_saves_meanwhile)
    result = cli("update", "1.2", "-q", "2020/21 Q1", "--bullet", "More", "--root", str(root))
    assert result.exit_code == 1
    assert "changed while this update ran" in result.stderr
    assert target.read_text(encoding="utf-8").endswith("# saved in an editor\n")
    assert "More" not in target.read_text(encoding="utf-8")


def test_schema_files_are_written_whole(
    tmp_path: Path, cli: RunCli, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "schema"
    assert cli("schema", "--output", str(folder)).exit_code == 0
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    monkeypatch.setattr(os, "fsync", _disk_full)
    result = cli("schema", "--output", str(folder))
    assert result.exit_code == 3
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before
