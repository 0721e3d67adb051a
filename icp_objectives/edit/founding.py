"""`init`: write a new partnership repository's first files, refusing to overwrite any."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from icp_objectives.domain.errors import EXIT_IO, EXIT_USAGE, IcpError, reason
from icp_objectives.domain.schema import KINDS, SCHEMA_DIR, dumps
from icp_objectives.edit import safe_write, starter
from icp_objectives.load.loaded import DATA_DIR


class Refused(IcpError):
    """Nothing was written, for the reason given."""


@dataclass(frozen=True)
class Plan:
    """What init will write, and the files it leaves alone because they exist already."""

    root: Path
    files: dict[Path, bytes]
    kept: list[Path]


def plan(root: Path, answers: starter.Answers) -> Plan:
    """The files to write under `root`. Refused when it holds a partnership already.

    A .gitignore, hook configuration or workflow the folder has already is kept as it is and
    listed, so init never overwrites anything.
    """
    data = root / DATA_DIR
    if data.is_dir() and any(data.iterdir()):
        raise Refused(
            f"{DATA_DIR}/ exists and is not empty, so this is a partnership repository already;"
            " run `icp-obj validate` there, or pass an empty folder to init",
            EXIT_USAGE,
        )
    wanted = {root / path: text.encode("utf-8") for path, text in starter.files(answers).items()}
    for kind in KINDS:
        wanted[root / SCHEMA_DIR / f"{kind}.schema.json"] = dumps(kind).encode("utf-8")
    kept = sorted(path for path in wanted if path.exists() or path.is_symlink())
    files = {path: data for path, data in wanted.items() if path not in kept}
    return Plan(root, files, kept)


def write(plan: Plan) -> list[Path]:
    """Write the plan's files, each atomically; all of them, or (on a disk error) none."""
    written: list[Path] = []
    for path, data in plan.files.items():
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            safe_write.write_atomic(path, data)
        except OSError as error:
            for done in written:
                done.unlink(missing_ok=True)
            raise Refused(f"could not write {path.name}: {reason(error)}", EXIT_IO) from None
        written.append(path)
    return written
