"""Where the repository is: the nearest folder holding an objectives/ folder.

Light to import: every command asks before anything else.
"""

from __future__ import annotations

from pathlib import Path

from icp_objectives.domain.errors import IcpError
from icp_objectives.load.snapshot import DATA_DIR


class RootNotFound(IcpError):
    """No folder with an objectives/ folder was found."""


def find_root(start: Path) -> Path:
    """The nearest folder, from `start` upwards, that holds an objectives/ folder."""
    start = start.resolve()
    for folder in (start, *start.parents):
        if (folder / DATA_DIR).is_dir():
            return folder
    raise RootNotFound(
        f"no '{DATA_DIR}/' folder in {start} or any folder above it; run this inside an"
        " objectives repository or pass --root DIR"
    )


def nearby(root: Path) -> bool:
    """Whether `root` or a folder above it holds `.git`: a quick test before running git at all."""
    return any((folder / ".git").exists() for folder in (root, *root.parents))
