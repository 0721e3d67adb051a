"""The repository's own templates/: each file's bytes by name, for the paper to prefer; the
Jinja templates, and reference.docx, whose bytes the Word paper takes its styles from."""

from __future__ import annotations

from pathlib import Path

from icp_objectives.load import bounded

TEMPLATES_DIR = "templates"


def read(root: Path) -> dict[str, bytes | OSError]:
    """Every file under `root/templates` by its name there (`objective.md.j2`, `a/b.j2`); one
    that cannot be read, or is refused (a link out of the repository, not a regular file, over
    the size cap), holds an OSError saying why, raised only if a paper asks for it. A refused
    folder holds its error under its name and a slash (`a/`; `/` for templates/ itself)."""
    folder = root / TEMPLATES_DIR
    if not folder.is_dir():
        return {}
    found: dict[str, bytes | OSError] = {}
    walked = bounded.walk(folder, bounded.home(root, TEMPLATES_DIR))
    for path in walked.files:
        name = path.relative_to(folder).as_posix()
        try:
            data = bounded.read(bounded.home(root, TEMPLATES_DIR), path)
        except OSError as error:
            found[name] = error
            continue
        found[name] = OSError(data.message) if isinstance(data, bounded.Refusal) else data
    for path, refusal in walked.refused:
        name = path.relative_to(folder).as_posix()
        found["/" if name == "." else f"{name}/"] = OSError(refusal.message)
    return found
