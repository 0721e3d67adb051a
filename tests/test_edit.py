"""Safe writing on every system: the Windows lock, and a folder that cannot be synced."""

from __future__ import annotations

import errno
import importlib
import os
import stat
import sys
import types
from collections.abc import Iterator
from pathlib import Path

import pytest

from icp_objectives.edit import safe_write


def test_a_folder_that_cannot_be_synced_does_not_stop_the_write(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_fsync = os.fsync

    def fsync(fd: int) -> None:
        if stat.S_ISDIR(os.fstat(fd).st_mode):
            raise OSError(errno.EINVAL, "Invalid argument")  # as some file systems answer
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", fsync)
    path = tmp_path / "objective-1.yaml"
    safe_write.write_atomic(path, b"objective: 1\n")
    assert path.read_bytes() == b"objective: 1\n"


def test_a_folder_that_cannot_be_opened_does_not_stop_the_write(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_open = os.open

    def open_(path: str | os.PathLike[str], flags: int, mode: int = 0o777) -> int:
        if Path(path).is_dir():
            raise PermissionError(errno.EACCES, "Permission denied")  # as on Windows
        return real_open(path, flags, mode)

    monkeypatch.setattr(os, "open", open_)
    path = tmp_path / "objective-1.yaml"
    path.write_bytes(b"old\n")
    safe_write.write_atomic(path, b"new\n")
    assert path.read_bytes() == b"new\n"


class FakeMsvcrt(types.ModuleType):
    """msvcrt.locking as Windows does it: a byte of a file, held by one open file at a time."""

    LK_UNLCK = 0
    LK_NBLCK = 2

    def __init__(self) -> None:
        super().__init__("msvcrt")
        self.held: dict[tuple[int, int], int] = {}
        self.calls: list[tuple[int, int]] = []

    def locking(self, fd: int, mode: int, nbytes: int) -> None:
        assert nbytes == 1 and os.lseek(fd, 0, os.SEEK_CUR) == 0  # the first byte
        self.calls.append((fd, mode))
        info = os.fstat(fd)
        key = (info.st_dev, info.st_ino)
        if mode == self.LK_NBLCK:
            if key in self.held:
                raise PermissionError(errno.EACCES, "Permission denied")
            self.held[key] = fd
        else:
            assert self.held.pop(key) == fd


@pytest.fixture
def windows(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeMsvcrt]:
    """The safe-write module as Windows loads it, with msvcrt simulated."""
    fake = FakeMsvcrt()
    with monkeypatch.context() as patch:
        patch.setattr(sys, "platform", "win32")
        patch.setitem(sys.modules, "msvcrt", fake)
        patch.setitem(sys.modules, "fcntl", None)  # not on Windows: importing it fails
        importlib.reload(safe_write)
    try:
        yield fake
    finally:
        importlib.reload(safe_write)


def test_windows_locks_a_byte_and_lets_go_before_removing_the_lock_file(
    windows: FakeMsvcrt, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert not safe_write.REMOVE_WHILE_OPEN and not safe_write.SYNC_FOLDERS
    path = tmp_path / "Q1" / "objective-1.yaml"
    monkeypatch.setattr(safe_write, "LOCK_TIMEOUT", 0.2)
    with safe_write.locked(path):
        assert windows.held and safe_write.lock_path(path).exists()
        with pytest.raises(safe_write.LockTimeout, match="another update"), safe_write.locked(path):
            pass  # pragma: no cover - the lock is held
        safe_write.write_atomic(path, b"objective: 1\n")
    assert not windows.held
    assert [mode for _, mode in windows.calls][-1] == windows.LK_UNLCK
    assert sorted(p.name for p in path.parent.iterdir()) == ["objective-1.yaml"]
    with safe_write.locked(path):  # free again
        pass


def test_windows_keeps_a_lock_file_another_process_has_open(
    windows: FakeMsvcrt, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "objective-1.yaml"
    real_unlink = Path.unlink

    def unlink(self: Path, missing_ok: bool = False) -> None:
        if self.name.endswith(".lock"):
            raise PermissionError(errno.EACCES, "The process cannot access the file")
        real_unlink(self, missing_ok)

    monkeypatch.setattr(Path, "unlink", unlink)
    with safe_write.locked(path):
        pass
    assert safe_write.lock_path(path).exists()  # left for the other process
    with safe_write.locked(path):  # and it can still be taken
        assert windows.held
    assert not windows.held


def test_windows_does_not_open_the_folder_to_sync_it(
    windows: FakeMsvcrt, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_open = os.open

    def open_(path: str | os.PathLike[str], flags: int, mode: int = 0o777) -> int:
        assert not Path(path).is_dir(), "Windows cannot open a folder"
        return real_open(path, flags, mode)

    monkeypatch.setattr(os, "open", open_)
    path = tmp_path / "objective-1.yaml"
    safe_write.write_atomic(path, b"objective: 1\n")
    assert path.read_bytes() == b"objective: 1\n"
