"""The repository as it was at git revisions: two sides to compare, presented, or changed since.

Files are read from git into memory and loaded as they were; nothing is written to disk.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path

from icp_objectives.domain.model import Correction, Objective, QuarterReport, QuarterUpdates
from icp_objectives.domain.periods import Quarter
from icp_objectives.load import disk, gitrev, parse
from icp_objectives.load.bounded import Refusal
from icp_objectives.load.loaded import (
    REPORT_FILES,
    PresentedMark,
    QuarterData,
    Repository,
    is_objective_file,
)
from icp_objectives.load.memo import remembered
from icp_objectives.load.presented import Corrected, EntryKey, Presented, fresh_corrections

PRESENTED_LINE = r"^presented:"
CORRECTION_LINE = r"(correction|reason|date):"


def _loaded(where: gitrev.Checkout, files: Mapping[str, bytes | Refusal]) -> Repository:
    """Files read from git, loaded as if they sat in the work tree (not cross-checked)."""
    return disk.load(where.root, [], {where.root / rel: data for rel, data in files.items()})


def at(where: gitrev.Checkout, rev: str) -> Repository:
    """The data files as committed at `rev`, read and loaded."""
    return _loaded(where, gitrev.files_at(where, rev))


@dataclass(frozen=True)
class Sides:
    """The two repositories `icp-obj diff` compares, and how the output names each."""

    base: Repository
    head: Repository
    base_name: str
    head_name: str


def sides(root: Path, base: str | None, head: str | None) -> Sides:
    """BASE defaults to where this branch left the default branch; HEAD to the work tree."""
    where = gitrev.checkout(root)
    if base is None:
        branch = gitrev.default_branch(where)
        base_commit = gitrev.merge_base(where, branch)
        base_name = f"{base_commit[:8]} (where this branch left {branch})"
    else:
        base_commit = gitrev.commit(where, base)
        base_name = base
    if head is None:
        head_repo, head_name = disk.load(root), "the working tree"
    else:
        head_repo, head_name = at(where, gitrev.commit(where, head)), head
    return Sides(at(where, base_commit), head_repo, base_name, head_name)


def presented(root: Path, repo: Repository) -> dict[Quarter, Presented]:
    """Each quarter whose paper git records as presented, as it was at the first such commit.

    A quarter counts once any commit recorded `presented` in its report.yaml, even if the line
    has since been removed. Empty outside git; a quarter is left out when that commit cannot be
    found (not yet committed, or beyond a shallow clone's history). A handful of git processes.
    GitMissing when the repository is in git but there is no git to run; GitError when git
    will not open the repository or read its history.
    """
    reports = {rel: d for d in repo.quarters.values() for rel in _report_files(d)}
    if not reports or not gitrev.nearby(root):
        return {}
    where = gitrev.checkout(root)
    key = ("presented", str(root), tuple(sorted(reports)))
    # A presented quarter's files are usually as they were: those are taken from the work
    # tree's bytes (by their git object id), not read from git again.
    known = {gitrev.blob_id(data): data for data in repo.contents.values()}
    found = remembered(key, lambda: _as_presented(where, reports, known))
    return _with_corrections(where, repo, dict(found))


def _as_presented(
    where: gitrev.Checkout, reports: dict[str, QuarterData], known: Mapping[str, bytes]
) -> dict[Quarter, Presented]:
    """Each quarter of `reports` (its report.yaml: the quarter now) as git recorded it when
    first presented, without its corrections."""
    history = gitrev.commits_touching(where, sorted(reports), PRESENTED_LINE)
    first = _first_presented(where, history)
    # Where a shallow clone's history stops, the line may only seem new: the real first is unknown
    cut = gitrev.cut_off(where) if any(first.values()) else set()
    chosen = [(rel, commit) for rel, commit in first.items() if commit and commit not in cut]
    wanted = [(commit, rel.rsplit("/", 1)[0]) for rel, commit in chosen]
    found: dict[Quarter, Presented] = {}
    for (rel, commit), files in zip(chosen, gitrev.folders_at(where, wanted, known), strict=True):
        now = reports[rel]
        key = ("folder at", str(where.root), commit, rel)
        at_commit = remembered(key, partial(_loaded, where, files))
        then = at_commit.quarters.get(now.quarter)
        found[now.quarter] = Presented(commit, then or QuarterData(now.quarter, now.folder))
    return found


def _report_files(data: QuarterData) -> list[str]:
    """The quarter's report.yaml, whether it loaded or not; when it is gone, the names it may
    have had (git may have it)."""
    if data.report is not None:
        return [data.report.source.rel]
    if data.unfit_report is not None:
        return [data.unfit_report.rel]
    return [f"{data.path}/{name}" for name in REPORT_FILES]


def _with_corrections(
    where: gitrev.Checkout, repo: Repository, found: dict[Quarter, Presented]
) -> dict[Quarter, Presented]:
    """Add each corrected entry as it stood in the first commit that recorded its correction."""
    wanted: dict[str, tuple[Quarter, dict[tuple[str, ...], Correction | None]]] = {}
    for quarter, then in found.items():
        for rel, entry in fresh_corrections(repo.quarters[quarter], then.data):
            wanted.setdefault(rel, (quarter, {}))[1][entry.key] = entry.correction
    if not wanted:
        return found
    history = gitrev.commits_touching(where, sorted(wanted), CORRECTION_LINE)
    names = [(rel, commit) for rel, commits in history.items() for commit in commits]
    contents = gitrev.objects(where, [f"{commit}:{where.prefix}{rel}" for rel, commit in names])
    corrected: dict[Quarter, dict[EntryKey, Corrected]] = {}
    for (rel, commit), data in zip(names, contents, strict=True):
        loaded = parse.read_once(rel, data, QuarterUpdates).loaded if data is not None else None
        if loaded is None:
            continue
        quarter, corrections = wanted[rel]
        seen = corrected.setdefault(quarter, {})
        for entry in loaded.model.entries:
            key = (str(loaded.model.objective), entry.key)
            if key not in seen and corrections.get(entry.key, False) == entry.correction:
                seen[key] = Corrected(commit, entry)
    return {q: replace(then, corrected=corrected.get(q, {})) for q, then in found.items()}


def _first_presented(
    where: gitrev.Checkout, history: dict[str, list[str]]
) -> dict[str, str | None]:
    """For each report.yaml, the first commit in its history at which it records `presented`."""
    names = [(rel, commit) for rel, commits in history.items() for commit in commits]
    contents = gitrev.objects(where, [f"{commit}:{where.prefix}{rel}" for rel, commit in names])
    first: dict[str, str | None] = dict.fromkeys(history)
    for (rel, commit), data in zip(names, contents, strict=True):
        if first[rel] is not None or data is None:
            continue
        report = parse.read_once(rel, data, QuarterReport).loaded
        if PresentedMark.of(report, None).date is not None:
            first[rel] = commit
    return first


@dataclass(frozen=True)
class Changed:
    """What the branch changed since it left a revision, as `validate --changed-since` needs it."""

    changed: list[str]  # the files changed, relative to the root
    before: list[Objective]  # the changed objective files as they were, where they loaded
    existing: set[str]  # every file under objectives/ now


def changed_since(root: Path, rev: str) -> Changed:
    """Files changed since the branch left `rev`, and the objectives they defined then."""
    where = gitrev.checkout(root)
    base = gitrev.fork_point(where, rev)
    changed = gitrev.changed_since(where, base)
    objective_files = [rel for rel in changed if is_objective_file(rel)]
    names = [f"{base}:{where.prefix}{rel}" for rel in objective_files]
    before = []
    for rel, data in zip(objective_files, gitrev.objects(where, names), strict=True):
        loaded = parse.read(rel, data, Objective).loaded if data is not None else None
        if loaded is not None:
            before.append(loaded.model)
    existing = {p.relative_to(root).as_posix() for p in disk.all_files(root)}
    return Changed(changed, before, existing)
