"""Writing a data file safely: one writer at a time, and never a half-written file.

`locked` holds an exclusive lock on a lock file beside the data file while a change is read,
checked and written, so two people running `icp-obj update` at once both get their entry in.
`write_atomic` writes a temporary file in the same folder, flushes it to disk and renames it over
the old one: a process killed at any moment leaves the old file or the new one, never a mix.

The lock is `flock` on POSIX systems and `msvcrt.locking` of the lock file's first byte on
Windows, where a file cannot be deleted while it is open and a folder cannot be synced.
"""

from __future__ import annotations

import contextlib
import os
import stat
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from icp_objectives.domain.errors import IcpError
from icp_objectives.load import memo

LOCK_TIMEOUT = 30.0

if sys.platform == "win32":
    import msvcrt

    # Windows refuses to delete a file that is open: the lock is let go before its file is
    # removed, and the removal is left to the last one out.
    REMOVE_WHILE_OPEN = False
    SYNC_FOLDERS = False  # a folder cannot be opened as a file to sync it

    def _lock_now(fd: int) -> bool:
        """Lock the lock file's first byte without waiting; False if someone else holds it."""
        os.lseek(fd, 0, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _unlock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        with contextlib.suppress(OSError):
            msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    # Removing the lock file before closing it lets a waiting process see that the file it
    # locked was replaced, so no two processes ever hold locks on different files.
    REMOVE_WHILE_OPEN = True
    SYNC_FOLDERS = True

    def _lock_now(fd: int) -> bool:
        """Lock the file without waiting; False if someone else holds it."""
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def _unlock(fd: int) -> None:
        """Nothing to do: closing the file lets go of its lock."""


class LockTimeout(IcpError):
    """Another process kept the file locked for too long."""


def real_path(path: Path) -> Path:
    """The file a path stands for: the target of a symbolic link, or the path itself.

    Locks, temporary files and the rename all happen beside the real file, so a link stays a
    link and everyone writing the file, through the link or not, takes the same lock.
    """
    return path.resolve() if path.is_symlink() else path


def lock_path(path: Path) -> Path:
    path = real_path(path)
    return path.parent / f".{path.name}.lock"


@contextlib.contextmanager
def locked(path: Path, timeout: float | None = None) -> Iterator[None]:
    """Hold the lock for `path`, creating its folder if needed (and removing it if left empty)."""
    path = real_path(path)
    created = _make_folders(path.parent)
    fd = _acquire(lock_path(path), LOCK_TIMEOUT if timeout is None else timeout)
    try:
        yield
    finally:
        _release(fd, lock_path(path))
        _remove_if_empty(created)


def _release(fd: int, lock: Path) -> None:
    if REMOVE_WHILE_OPEN:
        with contextlib.suppress(FileNotFoundError):
            lock.unlink()
        os.close(fd)
        return
    _unlock(fd)
    os.close(fd)
    # Another process that has the file open keeps it (and will remove it when it is done).
    with contextlib.suppress(OSError):
        lock.unlink()


def _acquire(lock: Path, timeout: float) -> int:
    deadline = time.monotonic() + timeout
    while True:
        try:
            fd = os.open(lock, os.O_RDWR | os.O_CREAT, 0o644)
        except FileNotFoundError:  # another process removed the folder it had made
            _make_folders(lock.parent)
            continue
        if _try_lock(fd, deadline):
            try:
                same = lock.stat().st_ino == os.fstat(fd).st_ino
            except FileNotFoundError:
                same = False
            if same:
                return fd
        os.close(fd)
        if time.monotonic() > deadline:
            raise LockTimeout(
                f"another update to {lock.parent / lock.name[1:-5]} has been running for"
                f" {timeout:.0f} seconds; wait for it, or delete {lock} if no update is running"
            )


def _try_lock(fd: int, deadline: float) -> bool:
    delay = 0.005
    while not _lock_now(fd):
        if time.monotonic() > deadline:
            return False
        time.sleep(delay)
        delay = min(delay * 2, 0.1)
    return True


def _make_folders(folder: Path) -> list[Path]:
    """Create `folder` and any missing parents; the ones created, deepest first."""
    missing = []
    for candidate in (folder, *folder.parents):
        if candidate.exists():
            break
        missing.append(candidate)
    for candidate in reversed(missing):
        candidate.mkdir(exist_ok=True)
    return missing


def _remove_if_empty(folders: list[Path]) -> None:
    for folder in folders:
        try:
            folder.rmdir()
        except OSError:  # not empty (something was written), or already gone
            return


def remove_leftovers(path: Path) -> None:
    """Delete temporary files a killed writer left beside `path`; call it holding the lock."""
    path = real_path(path)
    for leftover in path.parent.glob(f".{path.name}.*.tmp"):
        with contextlib.suppress(FileNotFoundError):
            leftover.unlink()


def write_atomic(path: Path, data: bytes) -> None:
    """Replace `path` (a link's target, for a link) with `data` in one step, keeping its
    permissions.

    A path that is itself neither a file nor a folder nor a link (a device such as /dev/null,
    a named pipe) is written into, as a shell's `>` does: replacing it would put a file in its
    place (and, for root, a file where /dev/null was). A link is never written through to one:
    a link committed to a repository could lead to a pipe with no reader (a run that hangs) or
    to a disk.
    """
    if _special(path):
        with path.open("wb") as stream:
            stream.write(data)
        return
    path = real_path(path)
    mode = stat.S_IMODE(path.stat().st_mode) if path.exists() else _default_mode()
    fd, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    temporary = Path(name)
    try:
        with os.fdopen(fd, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        temporary.chmod(mode)
        temporary.replace(path)
        memo.forget()
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            temporary.unlink()
        raise
    _sync_folder(path.parent)


def _special(path: Path) -> bool:
    """Whether `path` itself (not a link's target) is other than a file, a folder or a link."""
    try:
        mode = path.lstat().st_mode
    except OSError:
        return False  # not there (yet): it will be a file
    return not (stat.S_ISREG(mode) or stat.S_ISDIR(mode) or stat.S_ISLNK(mode))


def _default_mode() -> int:
    umask = os.umask(0o022)
    os.umask(umask)
    return 0o666 & ~umask


def _sync_folder(folder: Path) -> None:
    """Make the rename last through a power cut, where the system can: Windows cannot open a
    folder as a file, and some file systems refuse to sync one. The file is in place either
    way, so a refusal here is not a failure to write."""
    if not SYNC_FOLDERS:
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        with contextlib.suppress(OSError):
            os.fsync(fd)
    finally:
        os.close(fd)
