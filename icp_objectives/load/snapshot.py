"""The files under objectives/ and the bytes of those that are read, taken once: what one run
checks, and what the key of its kept results is made from (see `stored`).

Light to import: a run whose results are kept reads this far and no further.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from icp_objectives.domain.problems import Problem
from icp_objectives.load import bounded
from icp_objectives.load.bounded import Refusal

DATA_DIR = "objectives"
YAML_SUFFIXES = (".yaml", ".yml")
# What is read: the data files, and series files (series_csv.SERIES_SUFFIX). Any other file is
# judged by its name alone.
READ_SUFFIXES = (*YAML_SUFFIXES, ".csv")


def read_file(home: Path, path: Path) -> bytes | Refusal:
    """A file's bytes, or why it is not read (a problem at its first line)."""
    try:
        return bounded.read(home, path)
    except OSError as error:
        return Refusal("unreadable", f"cannot read the file: {error}")


@dataclass
class Snapshot:
    """Every file under objectives/ (hidden ones aside), what reading each data or series file
    gave, and a problem at each folder the walk refused."""

    root: Path
    paths: list[Path]
    contents: dict[Path, bytes | Refusal]
    problems: list[Problem]

    def digest(self, *more: str) -> str:
        """A key for what this snapshot holds, with `more` (what else a result depends on)."""
        whole = hashlib.sha256()
        for part in (*more, str(self.root)):
            whole.update(part.encode("utf-8", "surrogateescape") + b"\0")
        for problem in self.problems:
            whole.update(repr(problem).encode("utf-8", "surrogateescape") + b"\0")
        for path in self.paths:
            whole.update(str(path).encode("utf-8", "surrogateescape") + b"\0")
            data = self.contents.get(path)
            if isinstance(data, bytes):
                whole.update(b"B%d:" % len(data) + hashlib.sha256(data).digest())
            elif data is not None:
                whole.update(f"R{data.code}:{data.message}".encode() + b"\0")
        return whole.hexdigest()


def take(root: Path, overrides: Mapping[Path, bytes | Refusal] | None = None) -> Snapshot:
    """Walk objectives/ and read its data and series files; `overrides` as for `disk.load`."""
    home = bounded.home(root, DATA_DIR)
    found = bounded.walk(root / DATA_DIR, home)
    problems = [
        Problem(folder.relative_to(root).as_posix(), 1, 1, refusal.code, refusal.message)
        for folder, refusal in found.refused
    ]
    overrides = overrides or {}
    paths = sorted({*found.files, *overrides}) if overrides else found.files  # sorted by walk
    contents = {
        path: overrides[path] if path in overrides else read_file(home, path)
        for path in paths
        if path.name.endswith(READ_SUFFIXES)
    }
    return Snapshot(root, paths, contents, problems)
