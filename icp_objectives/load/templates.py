"""The repository's own templates/: each file's bytes by name, for the paper to prefer."""

from __future__ import annotations

import os
from pathlib import Path

TEMPLATES_DIR = "templates"


def read(root: Path) -> dict[str, bytes | OSError]:
    """Every file under `root/templates` by its name there (`objective.md.j2`, `a/b.j2`); one
    that cannot be read holds its error, raised only if a paper asks for it."""
    folder = root / TEMPLATES_DIR
    if not folder.is_dir():
        return {}
    found: dict[str, bytes | OSError] = {}
    for here, _, names in os.walk(folder, followlinks=True):
        for name in names:
            path = Path(here, name)
            try:
                found[path.relative_to(folder).as_posix()] = path.read_bytes()
            except OSError as error:
                found[path.relative_to(folder).as_posix()] = error
    return found
