"""The repository's schema/ folder: writing its JSON Schema files, and the first line that
points a new data file at one for editors."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from icp_objectives.domain.schema import KINDS, MODELINE, SCHEMA_DIR, dumps
from icp_objectives.edit import safe_write


def write_all(folder: Path, kinds: Iterable[str] = KINDS) -> list[Path]:
    """Write `<kind>.schema.json` into `folder` for each kind; OSError when it cannot."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for kind in kinds:
        path = folder / f"{kind}.schema.json"
        safe_write.write_atomic(path, dumps(kind).encode("utf-8"))
        written.append(path)
    return written


def modeline(root: Path, path: Path, kind: str) -> str:
    """The first line naming the repository's schema for a new file, if it ships one ('')."""
    target = root / SCHEMA_DIR / f"{kind}.schema.json"
    if not target.is_file():
        return ""
    return f"{MODELINE}{Path(os.path.relpath(target, path.parent)).as_posix()}\n"
