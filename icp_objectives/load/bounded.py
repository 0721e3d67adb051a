"""Reading a pull request's files safely: inside their folder, regular files, at most the cap.

A file or folder that is a link to a place outside its own folder (objectives/, templates/), a
named pipe, a device or a file over the size cap is refused before any of it is read, so
nothing of it can be printed.
The refusal says what is wrong and how to put it right; the caller places it at path:1:1.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path

from icp_objectives.domain import limits
from icp_objectives.domain.errors import reason

_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_NONBLOCK", 0)


@dataclass(frozen=True)
class Refusal:
    """Why a file or folder is not read: a problem code and a one-line message."""

    code: str
    message: str


OUTSIDE_FILE = Refusal(
    "link-outside",
    "this file is a link to a place outside objectives/ (or templates/ for a template), so it is"
    " not read; replace the"
    " link with the file itself",
)
OUTSIDE_FOLDER = Refusal(
    "link-outside",
    "this folder is a link to a place outside objectives/ (or templates/), so nothing in it is"
    " read;"
    " replace the link with the folder itself",
)
LINK_IN_GIT = Refusal(
    "linked-file",
    "this file is a symbolic link in git, and links are not followed when a revision is read;"
    " replace the link with the file itself",
)


def cap() -> int:
    """The most bytes a data file may hold (looked up when used)."""
    return limits.MAX_BYTES


def too_large(size: int, more: bool = False) -> Refusal:
    """The refusal of a file of `size` bytes (`more`: at least that many) over the cap."""
    limit = cap()
    amount = f"{'over ' if more else ''}{size / 1e6:.1f} MB"
    return Refusal(
        "file-too-large",
        f"the file is {amount}; a data file should be far smaller than the limit of"
        f" {limit / 1e6:g} MB, so split it or remove what does not belong",
    )


def not_a_file(mode: int) -> Refusal:
    return Refusal(
        "not-a-file",
        f"this is {_kind(mode)}, not a regular file, so it is not read; replace it with the"
        " file itself",
    )


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISDIR(mode):
        return "a folder"
    return "a special file"


def within(path: str, folder: str) -> bool:
    """Whether the real path `path` is `folder` or lies under it (both resolved)."""
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)


def home(root: Path, name: str) -> Path:
    """The repository's folder `name` (objectives, templates) as the boundary of what is read:
    the repository resolved, the folder itself not, so a link in its place leads outside."""
    return Path(os.path.realpath(root), name)


def inside(home: Path, path: Path) -> bool:
    """Whether `path`, every link on the way resolved, stays inside `home` (see `home`)."""
    return within(os.path.realpath(path), str(home))


def read(home: Path, path: Path) -> bytes | Refusal:
    """The bytes of a file found under `home`, or why it is refused; OSError if it cannot be
    read. A link is followed only when it leads to a place inside `home`."""
    info = os.lstat(path)
    if stat.S_ISLNK(info.st_mode):
        if not inside(home, path):
            return OUTSIDE_FILE
        return read_regular(path, cap())
    return read_regular(path, cap(), info)


def read_regular(path: Path, limit: int, info: os.stat_result | None = None) -> bytes | Refusal:
    """The bytes of a regular file of at most `limit` bytes, or why it is refused (OSError if
    it cannot be read); at most `limit` + 1 bytes are ever read. `info`: the file's status,
    when the caller has it (not a link's)."""
    if info is None:
        info = path.stat()
    if not stat.S_ISREG(info.st_mode):
        return not_a_file(info.st_mode)
    if info.st_size > limit:
        return too_large(info.st_size)
    fd = os.open(path, _OPEN_FLAGS)
    try:
        opened = os.fstat(fd)  # the file may have been swapped since
        if not stat.S_ISREG(opened.st_mode):
            return not_a_file(opened.st_mode)
        data = _read_at_most(fd, limit + 1, opened.st_size)
    finally:
        os.close(fd)
    if len(data) > limit:
        return too_large(len(data), more=True)
    return data


_CHUNK = 1 << 16


def _read_at_most(fd: int, most: int, size: int) -> bytes:
    """Up to `most` bytes from `fd`, asked for as the file's `size` says (and one more, to see
    the end): a file that grows, or lies about its size, stays bounded. Asking for `most` at
    once would make a buffer of the cap (5 MB) for every file, which costs more than reading
    a small one."""
    chunks: list[bytes] = []
    total = 0
    ask = min(size + 1, most)
    while total < most:
        chunk = os.read(fd, ask)
        chunks.append(chunk)
        total += len(chunk)
        if not chunk or (len(chunk) < ask and total == size):  # all its status said it held
            break
        ask = min(_CHUNK, most - total)
    return chunks[0] if len(chunks) == 1 else b"".join(chunks)


@dataclass
class Walk:
    """What a walk found: the files, and the folders it refused (with why)."""

    files: list[Path]
    refused: list[tuple[Path, Refusal]]


def walk(top: Path, home: Path) -> Walk:
    """Every file under `top` but hidden ones, in a stable order, never leaving `home`.

    A folder that cannot be listed, or that is a link to a place outside `home`, is refused,
    not skipped. A link to a folder inside is followed, once: a folder read already (a link to
    a folder that holds it, say) is refused, so no walk runs forever.
    """
    found = Walk([], [])
    real_top = os.path.realpath(top)
    if not within(real_top, str(home)):
        found.refused.append((top, OUTSIDE_FOLDER))
        return found
    _into(top, real_top, (top.parent, str(home)), {real_top: top}, found)
    found.files.sort()
    return found


def _into(
    folder: Path, real_folder: str, roots: tuple[Path, str], seen: dict[str, Path], found: Walk
) -> None:
    """Walk `folder`, whose real path (links resolved) is `real_folder`."""
    try:
        with os.scandir(folder) as listing:
            entries = sorted(listing, key=lambda entry: entry.name)
    except OSError as error:
        found.refused.append((folder, unlisted(error)))
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        path = Path(entry.path)
        try:
            is_folder = entry.is_dir()  # a link to a folder too
        except OSError:
            is_folder = False
        if not is_folder:
            found.files.append(path)  # reading it says what is wrong, if anything
            continue
        # A folder that is no link is where its parent really is: no need to resolve it.
        real = os.path.realpath(path) if entry.is_symlink() else real_folder + os.sep + entry.name
        if not within(real, roots[1]):
            found.refused.append((path, OUTSIDE_FOLDER))
        elif real in seen:
            found.refused.append((path, _read_already(seen[real].relative_to(roots[0]))))
        else:
            seen[real] = path
            _into(path, real, roots, seen, found)


def unlisted(error: OSError) -> Refusal:
    return Refusal(
        "unreadable",
        f"cannot list this folder ({reason(error)}), so the files in it are not checked; make"
        " it readable, or remove it",
    )


def _read_already(first: Path) -> Refusal:
    return Refusal(
        "linked-folder",
        f"this folder is the same as {first.as_posix()}, which is read already (one is a link"
        " to the other), so it is not read again; remove the link",
    )
