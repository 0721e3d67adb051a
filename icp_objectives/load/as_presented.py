"""Each quarter as its paper was presented to the board, read from git: the commit that first
recorded `presented` in its report.yaml, the quarter's folder at that commit, and each entry
corrected since as it stood when its correction was first recorded. A handful of git processes
for the whole history."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from functools import partial
from pathlib import Path

from icp_objectives.domain.model import Correction, QuarterReport, QuarterUpdates
from icp_objectives.domain.periods import Quarter
from icp_objectives.load import gitrev, parse, revisions, touches
from icp_objectives.load.loaded import REPORT_FILES, PresentedMark, QuarterData, Repository
from icp_objectives.load.memo import remembered
from icp_objectives.load.presented import Corrected, EntryKey, Presented, fresh_corrections

PRESENTED_LINE = r"^presented:"
CORRECTION_LINE = r"(correction|reason|date):"


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
    # Each quarter as presented is read with today's partnership file, as the quarter now is:
    # a status written by its label is the same rating on both sides of the comparison.
    words = repo.partnership.source.rel if repo.partnership else None
    scale = {words: repo.contents[words]} if words in repo.contents else {}
    found = remembered(key, lambda: _as_presented(where, reports, known, repo.contents, scale))
    return _with_corrections(where, repo, dict(found), known)


def _as_presented(
    where: gitrev.Checkout,
    reports: dict[str, QuarterData],
    known: Mapping[str, bytes],
    contents: Mapping[str, bytes],
    scale: Mapping[str, bytes],
) -> dict[Quarter, Presented]:
    """Each quarter of `reports` (its report.yaml: the quarter now) as git recorded it when
    first presented, without its corrections, read with the partnership file `scale` holds.
    A quarter whose folder holds the same files, byte for byte, as the work tree's
    (`contents`) is as it is now: it is not loaded again."""
    history = touches.commits_touching(where, sorted(reports), PRESENTED_LINE)
    first = _first_presented(where, history, known)
    # Where a shallow clone's history stops, the line may only seem new: the real first is unknown
    cut = gitrev.cut_off(where) if any(first.values()) else set()
    chosen = [(rel, commit) for rel, commit in first.items() if commit and commit not in cut]
    wanted = [(commit, rel.rsplit("/", 1)[0]) for rel, commit in chosen]
    found: dict[Quarter, Presented] = {}
    in_folders: dict[str, set[str]] = {}
    for held in contents:
        in_folders.setdefault(held.rsplit("/", 1)[0], set()).add(held)
    for (rel, commit), files in zip(chosen, gitrev.folders_at(where, wanted, known), strict=True):
        now = reports[rel]
        if files.keys() == in_folders.get(now.path, set()) and all(
            data == contents[held] for held, data in files.items()
        ):
            found[now.quarter] = Presented(commit, now)  # unchanged since: nothing to compare
            continue
        key = ("folder at", str(where.root), commit, rel, *scale.values())
        at_commit = remembered(key, partial(revisions.in_memory, where, {**scale, **files}))
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
    where: gitrev.Checkout,
    repo: Repository,
    found: dict[Quarter, Presented],
    known: Mapping[str, bytes],
) -> dict[Quarter, Presented]:
    """Add each corrected entry as it stood in the first commit that recorded its correction;
    `known` as for `touches.contents_of`."""
    wanted: dict[str, tuple[Quarter, dict[tuple[str, ...], Correction | None]]] = {}
    for quarter, then in found.items():
        for rel, entry in fresh_corrections(repo.quarters[quarter], then.data):
            wanted.setdefault(rel, (quarter, {}))[1][entry.key] = entry.correction
    if not wanted:
        return found
    history = touches.commits_touching(where, sorted(wanted), CORRECTION_LINE)
    names = [(rel, touch) for rel, changes in history.items() for touch in changes]
    contents = touches.contents_of(where, [touch for _, touch in names], known)
    corrected: dict[Quarter, dict[EntryKey, Corrected]] = {}
    for (rel, (commit, _)), data in zip(names, contents, strict=True):
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
    where: gitrev.Checkout, history: dict[str, list[touches.Touch]], known: Mapping[str, bytes]
) -> dict[str, str | None]:
    """For each report.yaml, the first commit in its history at which it records `presented`;
    `known` as for `touches.contents_of`."""
    names = [(rel, touch) for rel, changes in history.items() for touch in changes]
    contents = touches.contents_of(where, [touch for _, touch in names], known)
    first: dict[str, str | None] = dict.fromkeys(history)
    for (rel, (commit, _)), data in zip(names, contents, strict=True):
        if first[rel] is not None or data is None:
            continue
        report = parse.read_once(rel, data, QuarterReport).loaded
        if PresentedMark.of(report, None).date is not None:
            first[rel] = commit
    return first
