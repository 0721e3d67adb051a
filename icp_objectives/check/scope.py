"""Which files a change reaches, and which files a quarter's paper reads. Pure.

A change reaches the changed files and everything that refers to them.

A changed partnership file reaches everything (ratings and partners are used everywhere). A
changed objective file reaches every objective file (they share the ids of objectives,
breakthrough objectives and measures) and every quarter file that refers to what it defines, as
it is now or as it was. A changed report.yaml reaches its quarter's folder (the lock on a
presented quarter covers all of it). The outcomes summary names measures of every kind of
file: a changed objective or series file reaches it, and a changed summary reaches the series
files (whose measures it may define).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from icp_objectives.domain.model import Objective, QuarterUpdates
from icp_objectives.domain.periods import PeriodError, Quarter, parse_year
from icp_objectives.domain.problems import Problem
from icp_objectives.domain.wording import count
from icp_objectives.load.loaded import (
    OBJECTIVE_FILE_NUMBER,
    REPORT_FILES,
    UPDATES_PATH,
    Repository,
    is_objective_file,
    is_outcomes_file,
    is_partnership_file,
    is_series_path,
)
from icp_objectives.load.series_csv import measure_of


@dataclass
class Defined:
    """What a set of objective files defines, for finding what refers to it."""

    objectives: set[int] = field(default_factory=set)
    breakthroughs: set[str] = field(default_factory=set)
    measures: set[str] = field(default_factory=set)

    def add(self, objective: Objective) -> None:
        self.objectives.add(objective.id)
        for breakthrough in objective.breakthroughs:
            self.breakthroughs.add(breakthrough.id)
            self.measures.update(m.id for m in breakthrough.measures)


def reached(
    repo: Repository, changed: Iterable[str], before: Iterable[Objective]
) -> set[str] | None:
    """The files to check, or None for all of them.

    `changed` are repository-relative paths under objectives/; `before` are the changed
    objective files' models as they were at the base revision.
    """
    changed = set(changed)
    if any(is_partnership_file(p) for p in changed):
        return None
    scope = set(changed)
    defined = Defined()
    for model in before:
        defined.add(model)
    objective_files = {p for p in changed if is_objective_file(p)}
    if objective_files:
        scope.update(o.source.rel for o in repo.objectives)
        for objective in repo.objectives:
            if objective.source.rel in objective_files:
                defined.add(objective.model)
        for rel in objective_files:
            match = OBJECTIVE_FILE_NUMBER.match(rel.split("/")[-1])
            if match:
                defined.objectives.add(int(match["n"]))
    series_changed = {
        measure for p in changed if is_series_path(p) and (measure := measure_of(p.split("/")[-1]))
    }
    scope.update(s.rel for m, s in repo.series.items() if m in defined.measures)
    summary = repo.outcomes.source.rel if repo.outcomes else None
    if summary and (objective_files or any(is_series_path(p) for p in changed)):
        scope.add(summary)
    if any(is_outcomes_file(p) for p in changed):
        scope.update(series.rel for series in repo.series.values())
    for data in repo.quarters.values():
        folder = f"{data.path}/"
        if any(p.startswith(folder) and p.rsplit("/", 1)[-1] in REPORT_FILES for p in changed):
            scope.update(u.source.rel for u in data.updates.values())
            if data.report:
                scope.add(data.report.source.rel)
        for updates in data.updates.values():
            if _refers(updates.model, defined) or _reads(updates.model, series_changed):
                scope.add(updates.source.rel)
    return scope


def _reads(updates: QuarterUpdates, measures: set[str]) -> bool:
    return any(r.measure in measures for e in updates.entries for r in e.readings)


def _refers(updates: QuarterUpdates, defined: Defined) -> bool:
    if updates.objective in defined.objectives:
        return True
    for entry in updates.entries:
        if any(t in defined.breakthroughs for t in entry.targets):
            return True
        if any(r.measure in defined.measures for r in entry.readings):
            return True
    return False


@dataclass(frozen=True)
class Reach:
    """The files a command reports on, or is stopped by: for `validate --changed-since REV`,
    the changed files and what they reach; for a quarter's paper, all but later quarters."""

    rev: str = ""
    changed: tuple[str, ...] = ()
    files: frozenset[str] | None = None  # existing files in reach; None for all of them
    up_to: Quarter | None = None  # when set, the folders of later quarters are out of reach
    quarters: frozenset[Quarter] | None = None  # when set, the only quarters' folders in reach

    def covers(self, path: str) -> bool:
        if self.files is not None and path not in self.files:
            return False
        if self.quarters is not None:
            if is_series_path(path) or is_outcomes_file(path):
                return False
            read = quarter_of(path)
            return read is None or read in self.quarters
        later = quarter_of(path)
        return self.up_to is None or later is None or later <= self.up_to

    def only(self, problems: list[Problem]) -> list[Problem]:
        return [p for p in problems if self.covers(p.path)]

    def outside(self, problems: list[Problem]) -> list[Problem]:
        return [p for p in problems if not self.covers(p.path)]

    def sentence(self) -> str:
        changed = count(len(self.changed), "file", none="No")
        reached = "all files" if self.files is None else count(len(self.files), "file")
        return f"{changed} changed since {self.rev}; {reached} in reach."


def of_paper(quarter: Quarter) -> Reach:
    """What a quarter's paper reads: the partnership, the objectives, and the folders of that
    quarter and the ones before it (for the latest readings and the corrections it lists).

    Anything under objectives/ that is in no quarter's folder stays in reach (a folder misnamed,
    a file out of place): which quarter it was meant for cannot be told.
    """
    return Reach(up_to=quarter)


def of_quarters(quarters: Iterable[Quarter]) -> Reach:
    """What a command that reads only some quarters' updates reads: the partnership, the
    objective files and those quarters' folders. Not the series files or the outcomes
    summary: what they hold is judged against every quarter's readings."""
    return Reach(quarters=frozenset(quarters))


_QUARTER_FOLDER = re.compile(
    rf"^{re.escape(UPDATES_PATH)}/(?P<year>\d{{4}}-\d{{2}})/Q(?P<q>[1-4])/"
)


def quarter_of(path: str) -> Quarter | None:
    """The quarter whose folder holds a repository-relative path; None for any other path."""
    match = _QUARTER_FOLDER.match(path)
    if match is None:
        return None
    try:
        return Quarter(parse_year(match["year"]), int(match["q"]))
    except PeriodError:
        return None


def reach(
    repo: Repository,
    rev: str,
    changed: Iterable[str],
    before: Iterable[Objective],
    existing: set[str],
) -> Reach:
    """The changed files, and the existing files they reach (`before`: the changed objective
    files as they were at `rev`)."""
    changed = tuple(changed)
    found = reached(repo, changed, before)
    if found is None:
        return Reach(rev, changed)
    return Reach(rev, changed, frozenset(found & existing))
