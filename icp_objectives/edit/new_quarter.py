"""Start a quarter: check its new files with the rest of the data, then write the missing ones."""

from __future__ import annotations

import contextlib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from icp_objectives.check import validation
from icp_objectives.domain.errors import EXIT_IO, EXIT_PROBLEMS, EXIT_USAGE, IcpError, reason
from icp_objectives.domain.periods import Quarter
from icp_objectives.domain.problems import Problem, has_errors, new_since
from icp_objectives.edit import safe_write, scaffold
from icp_objectives.load import bounded
from icp_objectives.load.loaded import DATA_DIR, REPORT_FILE, Repository, is_catalog_file


class Refused(IcpError):
    """Nothing was written, for the reason given and (when there are any) these problems:
    the data's fault when there are problems, the request's (or the disk's) otherwise."""

    def __init__(
        self, reason: str, problems: list[Problem] | None = None, *, code: int | None = None
    ) -> None:
        super().__init__(reason, code or (EXIT_PROBLEMS if problems else EXIT_USAGE))
        self.problems = problems or []


@dataclass(frozen=True)
class Started:
    folder: Path
    created: list[Path]  # empty when the quarter already had every file
    written: bool = True  # False for a dry run: `created` lists what it would write


def start(
    root: Path,
    quarter: Quarter,
    *,
    before: Repository | None = None,
    dry_run: bool = False,
    cover: Mapping[str, str] | None = None,
) -> Started:
    """Write the quarter's report.yaml and objective files that do not exist yet.

    Refused, with nothing written, when the partnership or objective files have errors (the
    new files are made from them) or the new files would not validate. `before` is the
    repository as validated already (by default it is validated here); a dry run checks
    everything and writes nothing. `cover` fills in cover sheet fields of the new report.yaml
    (refused when the quarter has one already: it is edited, not rewritten).
    """
    before = validation.validate(root) if before is None else before
    catalog = [p for p in before.problems if is_catalog_file(p.path)]
    if has_errors(catalog):
        raise Refused("the partnership or objective files have problems; fix them first", catalog)
    wanted = scaffold.missing_files(before, quarter, cover)
    report = scaffold.folder(root, quarter) / REPORT_FILE
    if cover and report not in wanted:
        raise Refused(
            f"{report.relative_to(root).as_posix()} exists already, so new-quarter cannot fill"
            " in its cover sheet; edit the file itself, and nothing was written"
        )
    overrides = {path: text.encode("utf-8") for path, text in wanted.items()}
    if overrides:
        after = validation.validate(root, overrides=overrides)
        new = new_since(before.problems, after.problems)
        if has_errors(new):
            raise Refused("the new files would not validate, so none was written", new)
    outside = [p for p in overrides if not bounded.inside(bounded.home(root, DATA_DIR), p)]
    if outside:
        rel = outside[0].relative_to(root).as_posix()
        raise Refused(
            f"{rel} would be written through a link to a place outside objectives/, so"
            " nothing was written; replace the link with the folder or file itself"
        )
    if dry_run:
        return Started(scaffold.folder(root, quarter), list(overrides), written=False)
    created: list[Path] = []
    try:
        for path, data in overrides.items():
            with safe_write.locked(path):
                if not path.exists():
                    safe_write.write_atomic(path, data)
                    created.append(path)
    except (OSError, safe_write.LockTimeout) as error:
        _take_back(created)  # a quarter is started whole, or not at all
        code = EXIT_IO if isinstance(error, OSError) else EXIT_USAGE
        raise Refused(f"could not write the quarter's files: {reason(error)}", code=code) from None
    return Started(scaffold.folder(root, quarter), created)


def _take_back(created: list[Path]) -> None:
    """Remove the files this run wrote, so that a failed start leaves nothing half made."""
    for path in reversed(created):
        with contextlib.suppress(OSError):
            path.unlink()
