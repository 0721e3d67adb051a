"""A pull request's files cannot leak, hang or swell the process: links out of the repository,
named pipes, devices, huge files and folders that cannot be listed are refused at path:1:1,
and nothing of a refused file is ever printed."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from icp_objectives.check import validation
from icp_objectives.domain import limits
from icp_objectives.load import bounded
from tests.conftest import MakeRepo, RunCli

Q1 = "objectives/updates/2020-21/Q1"
SECRET = "SECRET-MARKER-7f3a"
# Lines like /etc/shadow's, which the complaints would quote were they ever read.
SECRET_TEXT = f"root:{SECRET}:19000:0:99999:7:::\ndaemon:*:19000:0:99999:7:::\n"


def _secret(tmp_path: Path) -> Path:
    outside = tmp_path / "outside"
    outside.mkdir(exist_ok=True)
    secret = outside / "shadow"
    secret.write_text(SECRET_TEXT, encoding="utf-8")
    return secret


def _link(path: Path, target: Path) -> None:
    if path.exists() or path.is_symlink():
        path.unlink()
    path.symlink_to(target)


def _problems(cli: RunCli, root: Path) -> list[tuple[str, int, int, str]]:
    result = cli("validate", "--root", str(root), "--format", "json")
    found = json.loads(result.stdout)["problems"]
    return [(p["path"], p["line"], p["column"], p["code"]) for p in found]


@pytest.mark.parametrize("fmt", ["text", "json", "github"])
def test_a_link_to_a_file_outside_is_refused_unread(
    make_repo: MakeRepo, cli: RunCli, tmp_path: Path, fmt: str
) -> None:
    root = make_repo({})
    _link(root / Q1 / "objective-1.yaml", _secret(tmp_path))
    _link(root / Q1 / "objective-7.yaml", _secret(tmp_path))
    result = cli("validate", "--root", str(root), "--format", fmt)
    assert result.exit_code == 1
    assert SECRET not in result.output
    assert "a link to a place outside objectives/" in result.stdout
    assert "replace the link with the file itself" in result.stdout
    for command in (("status", "2020/21 Q1"), ("report", "Q1", "-o", "-")):
        assert SECRET not in cli(*command, "--root", str(root)).output


def test_the_same_text_in_a_file_of_the_repository_would_be_quoted(
    make_repo: MakeRepo, cli: RunCli
) -> None:
    """So the tests above, which never see the marker, show that the file was never read."""
    root = make_repo({f"{Q1}/objective-7.yaml": SECRET_TEXT})
    assert SECRET in cli("validate", "--root", str(root), "--format", "github").stdout


def test_the_refusal_is_located_at_the_start_of_the_link(
    make_repo: MakeRepo, cli: RunCli, tmp_path: Path
) -> None:
    root = make_repo({})
    _link(root / Q1 / "objective-1.yaml", _secret(tmp_path))
    assert _problems(cli, root) == [(f"{Q1}/objective-1.yaml", 1, 1, "link-outside")]


def test_a_link_to_dev_zero_is_refused_at_once(make_repo: MakeRepo, cli: RunCli) -> None:
    root = make_repo({})
    _link(root / "objectives" / "9-zero.yaml", Path("/dev/zero"))
    started = time.monotonic()
    found = _problems(cli, root)
    assert time.monotonic() - started < 10
    assert ("objectives/9-zero.yaml", 1, 1, "link-outside") in found


def test_a_device_is_not_read_even_inside(tmp_path: Path) -> None:
    assert Path("/dev/zero").exists()
    refusal = bounded.read(Path("/"), Path("/dev/zero"))
    assert refusal == bounded.not_a_file(Path("/dev/zero").stat().st_mode)
    assert isinstance(refusal, bounded.Refusal)
    assert "a device" in refusal.message


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_named_pipe_does_not_hang(make_repo: MakeRepo) -> None:
    root = make_repo({})
    os.mkfifo(root / Q1 / "objective-3.yaml")
    done = subprocess.run(
        [sys.executable, "-m", "icp_objectives", "validate", "--root", str(root)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        env={**os.environ, "NO_COLOR": "1"},
    )
    assert done.returncode == 1
    assert f"{Q1}/objective-3.yaml:1:1: error not-a-file: this is a named pipe" in done.stdout


def test_a_link_inside_to_a_named_pipe_is_refused(make_repo: MakeRepo, cli: RunCli) -> None:
    root = make_repo({})
    (root / "objectives" / ".kept").mkdir()  # hidden: read only through the link
    os.mkfifo(root / "objectives" / ".kept" / "pipe")
    _link(root / Q1 / "objective-3.yaml", root / "objectives" / ".kept" / "pipe")
    assert (f"{Q1}/objective-3.yaml", 1, 1, "not-a-file") in _problems(cli, root)


def test_a_huge_file_is_refused_before_it_is_opened(
    make_repo: MakeRepo, cli: RunCli, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_repo({"objectives/9-huge.yaml": "# padding\n" * 500})
    monkeypatch.setattr(limits, "MAX_BYTES", 2000)
    opened: list[str] = []
    real_open = os.open

    def spy(path: str, flags: int, *args: int) -> int:
        opened.append(str(path))
        return real_open(path, flags, *args)

    monkeypatch.setattr(os, "open", spy)
    result = cli("validate", "--root", str(root))
    assert result.exit_code == 1
    assert "objectives/9-huge.yaml:1:1: error file-too-large: the file is 0.0 MB" in result.stdout
    assert not [p for p in opened if p.endswith("9-huge.yaml")]


def test_a_file_larger_than_it_says_is_read_no_further_than_the_cap(
    make_repo: MakeRepo, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_repo({"objectives/9-grows.yaml": "x" * 5000})
    monkeypatch.setattr(limits, "MAX_BYTES", 100)
    for name in ("stat", "lstat", "fstat"):  # every status of the file says 10 bytes
        real = getattr(os, name)

        def lying(
            path: str | int, *, _real: Callable[..., os.stat_result] = real, **options: bool
        ) -> os.stat_result:
            info = _real(path, **options)
            return os.stat_result((*info[:6], 10, *info[7:]))

        monkeypatch.setattr(os, name, lying)
    refusal = bounded.read(root, root / "objectives/9-grows.yaml")
    assert isinstance(refusal, bounded.Refusal)
    assert (refusal.code, "over 0.0 MB" in refusal.message) == ("file-too-large", True)


def test_a_folder_that_cannot_be_listed_is_an_error(
    make_repo: MakeRepo, cli: RunCli, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_repo({})
    real_scandir = os.scandir
    denied = root / Q1

    def scandir(path: object) -> object:
        if Path(str(path)) == denied:
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)  # type: ignore[call-overload]

    monkeypatch.setattr(os, "scandir", scandir)
    result = cli("validate", "--root", str(root))
    assert result.exit_code == 1
    assert f"{Q1}:1:1: error unreadable: cannot list this folder (Permission denied)" in (
        result.stdout
    )


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads any folder")
def test_a_folder_without_read_permission_is_an_error(make_repo: MakeRepo, cli: RunCli) -> None:
    root = make_repo({})
    (root / Q1).chmod(0)
    try:
        assert (Q1, 1, 1, "unreadable") in _problems(cli, root)
    finally:
        (root / Q1).chmod(0o755)


def test_a_linked_quarter_folder_inside_is_read(make_repo: MakeRepo, cli: RunCli) -> None:
    root = make_repo({})
    archive = root / "objectives" / ".archive"  # hidden: read only through the link
    archive.mkdir()
    (root / Q1).rename(archive / "Q1")
    (root / Q1).symlink_to(archive / "Q1", target_is_directory=True)
    assert _problems(cli, root) == []
    data = json.loads(cli("status", "2020/21 Q1", "-f", "json", "--root", str(root)).stdout)
    assert data["missing"] == ["1.2", "2.1", "2.2"]  # what the small repository has


def test_a_linked_folder_outside_is_refused(
    make_repo: MakeRepo, cli: RunCli, tmp_path: Path
) -> None:
    root = make_repo({})
    outside = _secret(tmp_path).parent
    (outside / "objective-1.yaml").write_text(SECRET_TEXT, encoding="utf-8")
    (root / "objectives/updates/2020-21/Q2").symlink_to(outside, target_is_directory=True)
    result = cli("validate", "--root", str(root), "--format", "github")
    assert result.exit_code == 1
    assert SECRET not in result.output
    assert (
        "::error file=objectives/updates/2020-21/Q2,line=1,col=1,title=icp-obj link-outside"
        "::this folder is a link to a place outside objectives/" in result.stdout
    )


def test_a_link_to_objectives_outside_is_refused(
    make_repo: MakeRepo, cli: RunCli, tmp_path: Path
) -> None:
    root = make_repo({})
    (root / "objectives").rename(tmp_path / "elsewhere")
    (root / "objectives").symlink_to(tmp_path / "elsewhere", target_is_directory=True)
    assert ("objectives", 1, 1, "link-outside") in _problems(cli, root)


def test_a_folder_linked_to_a_folder_that_holds_it_is_read_once(
    make_repo: MakeRepo, cli: RunCli
) -> None:
    root = make_repo({})
    (root / Q1 / "again").symlink_to(root / "objectives", target_is_directory=True)
    assert _problems(cli, root) == [(f"{Q1}/again", 1, 1, "linked-folder")]


def test_a_linked_file_inside_is_still_read(make_repo: MakeRepo) -> None:
    root = make_repo({})
    link = root / Q1 / "objective-1.yaml"
    kept = root / "objectives" / ".kept.yaml"  # hidden: read only through the link
    kept.write_bytes(link.read_bytes())
    _link(link, kept)
    assert validation.validate(root).problems == []


def test_a_link_to_a_file_of_the_checkout_outside_objectives_is_refused(
    make_repo: MakeRepo, cli: RunCli
) -> None:
    root = make_repo({})
    (root / ".git").mkdir()
    (root / ".git" / "config").write_text(f"[http]\n  extraheader = {SECRET}\n")
    _link(root / Q1 / "objective-7.yaml", root / ".git" / "config")
    for fmt in ("text", "json", "github"):
        result = cli("validate", "--root", str(root), "--format", fmt)
        assert SECRET not in result.output
        assert "link-outside" in result.output
