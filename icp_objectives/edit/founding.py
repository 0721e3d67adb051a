"""`init`: write a new partnership repository's first files, refusing to overwrite any."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from icp_objectives.domain.errors import EXIT_IO, EXIT_USAGE, IcpError, reason
from icp_objectives.domain.problems import Problem, Severity
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
    linked = [p for path in wanted for p in _folders(root, path) if p.is_symlink()]
    if linked:
        rel = linked[0].relative_to(root).as_posix()
        raise Refused(
            f"{rel} is a link, and init writes only inside the folder it starts; replace the"
            " link with a folder, or start somewhere else",
            EXIT_USAGE,
        )
    kept = sorted(path for path in wanted if path.exists() or path.is_symlink())
    files = {path: data for path, data in wanted.items() if path not in kept}
    return Plan(root, files, kept)


def _folders(root: Path, path: Path) -> list[Path]:
    """The folders between `root` and `path`, outermost first."""
    rel = path.relative_to(root).parts[:-1]
    return [root.joinpath(*rel[: i + 1]) for i in range(len(rel))]


def problems(plan: Plan) -> list[Problem]:
    """The errors the planned files would have (a control character in a name, say), found
    before anything is written, so init writes a repository that validates or none at all."""
    import tempfile

    from icp_objectives.check import validation

    with tempfile.TemporaryDirectory() as scratch:  # the data files alone, as they would be
        for path, data in plan.files.items():
            rel = path.relative_to(plan.root)
            if rel.parts[0] == DATA_DIR:
                (Path(scratch) / rel).parent.mkdir(parents=True, exist_ok=True)
                (Path(scratch) / rel).write_bytes(data)
        checked = validation.validate(Path(scratch), history=False)
    return [p for p in checked.problems if p.severity == Severity.ERROR]


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
