"""Importing a measure's readings: check, merge and write its series file safely."""

from __future__ import annotations

import stat
from collections.abc import Mapping
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field
from pathlib import Path

from icp_objectives.check import validation
from icp_objectives.check.catalog import suggest
from icp_objectives.domain.errors import EXIT_IO, EXIT_PROBLEMS, EXIT_USAGE, IcpError, reason
from icp_objectives.domain.model import Measure
from icp_objectives.domain.partnership import article
from icp_objectives.domain.problems import Problem, Severity, new_since
from icp_objectives.edit import safe_write
from icp_objectives.edit.series_import import ImportPlan, ImportRefused, plan
from icp_objectives.load import bounded
from icp_objectives.load.loaded import DATA_DIR, SERIES_PATH, Repository
from icp_objectives.load.series_csv import SERIES_SUFFIX


@dataclass
class ImportOutcome:
    """What the import did or would do; `problems` say why nothing was written."""

    rel: str
    plan: ImportPlan = field(default_factory=ImportPlan)
    problems: list[Problem] = field(default_factory=list)
    created: bool = False
    written: bool = False


def run(
    root: Path,
    measure_id: str,
    shown_name: str,
    incoming: bytes,
    named: Mapping[str, str | None],
    *,
    dry_run: bool = False,
) -> ImportOutcome:
    """Merge the export into objectives/measures/<measure_id>.csv and, unless a dry run, write
    it; refusals raise IcpError (ImportRefused for a usage error)."""
    rel = f"{SERIES_PATH}/{measure_id}{SERIES_SUFFIX}"
    path = root / rel
    if not bounded.inside(bounded.home(root, DATA_DIR), path):
        raise IcpError(
            f"{rel} is, or is in, a link to a place outside objectives/, so nothing was"
            " written; replace the link with the file or folder itself"
        )
    guard: AbstractContextManager[None] = nullcontext() if dry_run else safe_write.locked(path)
    try:
        with guard:
            return _run(root, path, rel, measure_id, shown_name, incoming, named, dry_run)
    except safe_write.LockTimeout as error:
        raise ImportRefused(str(error), EXIT_USAGE) from None
    except OSError as error:
        raise IcpError(f"cannot write {rel}: {reason(error)}", EXIT_IO) from None


def _run(
    root: Path,
    path: Path,
    rel: str,
    measure_id: str,
    shown_name: str,
    incoming: bytes,
    named: Mapping[str, str | None],
    dry_run: bool,
) -> ImportOutcome:
    before = validation.validate(root)
    measure = _measure(before, measure_id)
    outcome = ImportOutcome(rel, created=not path.exists())
    outcome.problems = [
        p for p in before.problems if p.path == rel and p.severity is Severity.ERROR
    ]
    if outcome.problems:  # the series file itself must be right before it is merged into
        return outcome
    outcome.plan = plan(measure, before.series.get(measure_id), shown_name, incoming, named)
    outcome.problems = outcome.plan.problems
    if outcome.problems or not outcome.plan.changes:
        return outcome
    after = validation.validate(root, overrides={path: outcome.plan.data})
    outcome.problems = [
        p for p in new_since(before.problems, after.problems) if p.severity is Severity.ERROR
    ]
    if outcome.problems or dry_run:
        return outcome
    now = path.read_bytes() if path.exists() else None
    if now != before.contents.get(rel):
        raise IcpError(
            f"{rel} changed while the import ran (saved in an editor?); nothing was written:"
            " run the import again",
            EXIT_PROBLEMS,
        )
    if now is not None and not path.stat().st_mode & stat.S_IWUSR:
        raise IcpError(
            f"{rel} is read-only, so nothing was written; make it writable (chmod u+w) if it"
            " should change",
            EXIT_IO,
        )
    safe_write.remove_leftovers(path)
    safe_write.write_atomic(path, outcome.plan.data)
    outcome.written = True
    return outcome


def _measure(repo: Repository, measure_id: str) -> Measure:
    known: dict[str, Measure] = {}
    for loaded in repo.objectives:
        for breakthrough in loaded.model.breakthroughs:
            for measure in breakthrough.measures:
                known.setdefault(measure.id, measure)
    for programme in repo.outcomes.model.programmes if repo.outcomes else ():
        for measure in programme.measures:
            known.setdefault(measure.id, measure)
    if measure_id not in known:
        raise ImportRefused(
            f"there is no measure '{measure_id}'{suggest(measure_id, known)}; give the id of"
            f" a measure defined under {article(repo.terms.breakthrough)} or in the outcomes"
            " summary"
        )
    return known[measure_id]
