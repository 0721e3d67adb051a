"""Results kept between runs, keyed by everything they depend on, as ruff and mypy keep theirs.

A key is a digest of the bytes read, the code that read them and whatever else the caller
names (today's date, the git commit); an entry is JSON, never code, written to a temporary
file and renamed into place, so runs side by side never see half an entry. An entry that
cannot be read is ignored and made again. The cache lives in the user's cache folder, not in
the repository, so a pull request cannot bring entries of its own; ICP_OBJ_CACHE_DIR moves it,
and ICP_OBJ_NO_CACHE=1 (or a command's --no-cache) turns it off.

Light to import: a run answered from the cache imports little else.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import sys
import tempfile
from contextlib import AbstractContextManager, contextmanager
from contextvars import ContextVar
from importlib.util import find_spec
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

NO_CACHE = "ICP_OBJ_NO_CACHE"
CACHE_DIR = "ICP_OBJ_CACHE_DIR"
_FORMAT = "1"  # raise when an entry's layout changes
# Libraries whose behaviour shapes a result: an upgrade changes the key.
_LIBRARIES = ("ruamel.yaml", "_ruamel_yaml", "pydantic", "pydantic_core", "markdown_it")


_OFF: ContextVar[bool] = ContextVar("cache off", default=False)
_READ_ONLY: ContextVar[bool] = ContextVar("cache read only", default=False)


def enabled() -> bool:
    """Whether results are kept and used: unless ICP_OBJ_NO_CACHE is set (to anything but 0),
    or within `off`, or after `keep_nothing`."""
    return not _OFF.get() and os.environ.get(NO_CACHE, "") in ("", "0")


@contextmanager
def one_command() -> Iterator[None]:
    """Within it, `keep_nothing` and `write_nothing` hold until it ends: one command's run."""
    tokens = _OFF.set(False), _READ_ONLY.set(False)
    try:
        yield
    finally:
        _OFF.reset(tokens[0])
        _READ_ONLY.reset(tokens[1])


def keep_nothing() -> None:
    """Nothing is kept or used for the rest of the command (within `one_command`): its
    --no-cache."""
    _OFF.set(True)


def write_nothing() -> None:
    """Entries are used but none is written for the rest of the command (within
    `one_command`): a dry run leaves nothing behind."""
    _READ_ONLY.set(True)


def read_only(switched: bool = True) -> AbstractContextManager[None]:
    """Within it (when `switched`), entries are used but none is written."""
    return _while(_READ_ONLY, switched)


def off(switched: bool = True) -> AbstractContextManager[None]:
    """Within it (when `switched`), nothing is kept or used: a command's --no-cache."""
    return _while(_OFF, switched)


@contextmanager
def _while(switch: ContextVar[bool], on: bool) -> Iterator[None]:
    token = switch.set(switch.get() or on)
    try:
        yield
    finally:
        switch.reset(token)


def folder() -> Path | None:
    """Where entries are kept: ICP_OBJ_CACHE_DIR, else the platform's cache folder; None when
    there is no home folder to find it in (then nothing is kept)."""
    chosen = os.environ.get(CACHE_DIR)
    if chosen:
        return Path(chosen)
    try:
        return _platform_folder()
    except RuntimeError:  # Path.home(): no HOME, and no entry for this user
        return None


def _platform_folder() -> Path:
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
        return base / "icp-obj" / "Cache"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / "icp-obj"
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "icp-obj"


@functools.cache  # the code does not change while it runs
def code_version() -> str:
    """A digest of this package's source files and the libraries' (by name, size and time),
    and of Python's version: what else a result depends on."""
    whole = hashlib.sha256(sys.version.encode())
    package = Path(__file__).resolve().parent.parent
    for path in sorted(package.rglob("*.py")):
        info = path.stat()
        whole.update(f"{path.relative_to(package)}:{info.st_size}:{info.st_mtime_ns}\0".encode())
    for name in _LIBRARIES:
        try:
            spec = find_spec(name)
        except (ImportError, ValueError):
            spec = None
        origin = spec.origin if spec is not None else None
        if origin:
            info = Path(origin).stat()
            whole.update(f"{name}:{origin}:{info.st_size}:{info.st_mtime_ns}\0".encode())
        else:
            whole.update(f"{name}:-\0".encode())
    return whole.hexdigest()


def _entry(kind: str, key: str) -> Path | None:
    top = folder()
    return None if top is None else top / kind / f"{key}.json"


def get(kind: str, key: str) -> Any:
    """The entry kept under `key`, or None when there is none (or it cannot be read)."""
    top = folder()
    if top is None:
        return None
    try:  # a string path, bytes and one open: a run may ask for a thousand entries
        with open(os.path.join(top, kind, f"{key}.json"), "rb") as stream:  # noqa: PTH118, PTH123
            entry = json.loads(stream.read())
    except (OSError, ValueError):
        return None
    if not isinstance(entry, dict) or entry.get("format") != _FORMAT:
        return None
    return entry.get("value")


def put(kind: str, key: str, value: Any, plain: Callable[[Any], Any] | None = None) -> None:
    """Keep `value` (plain JSON data, or made so by `plain`) under `key`; a cache that cannot
    be written is skipped."""
    path = _entry(kind, key)
    if path is None or _READ_ONLY.get():
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=".", suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as stream:
                json.dump({"format": _FORMAT, "value": value}, stream, default=plain)
            Path(temporary).replace(path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
    except OSError:
        return
