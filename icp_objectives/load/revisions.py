"""The repository as it was at git revisions: two sides to compare, or changed since.

Files are read from git into memory and loaded as they were; nothing is written to disk. The
two sides of a diff hold only the files whose blobs differ and those that give them meaning.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from icp_objectives.domain.model import (
    Entry,
    Objective,
)
from icp_objectives.domain.problems import Problem
from icp_objectives.load import bounded, disk, gitrev, parse
from icp_objectives.load.bounded import Refusal
from icp_objectives.load.loaded import (
    DATA_DIR,
    REPORT_FILES,
    UPDATES_FILE,
    UPDATES_PATH,
    YAML_SUFFIXES,
    Repository,
    is_catalog_file,
    is_objective_file,
    is_outcomes_file,
    is_series_path,
)
from icp_objectives.load.series_csv import measure_of


def in_memory(where: gitrev.Checkout, files: Mapping[str, bytes | Refusal]) -> Repository:
    """Files read from git, loaded as if they sat in the work tree (not cross-checked)."""
    return disk.load(where.root, [], {where.root / rel: data for rel, data in files.items()})


def at(where: gitrev.Checkout, rev: str) -> Repository:
    """The data files as committed at `rev`, read and loaded."""
    return in_memory(where, gitrev.files_at(where, rev))


@dataclass(frozen=True)
class Sides:
    """The two repositories `icp-obj diff` compares, and how the output names each."""

    base: Repository
    head: Repository
    base_name: str
    head_name: str


def sides(root: Path, base: str | None, head: str | None) -> Sides:
    """BASE defaults to where this branch left the default branch; HEAD to the work tree.

    Only what the diff needs is parsed: the files whose blobs differ, and the few unchanged
    ones that give them meaning (`_needed`), the same on both sides. A file the same on both
    sides can change nothing in meaning, so the rest are never read.
    """
    where = gitrev.checkout(root)
    if base is None:
        branch = gitrev.default_branch(where)
        base_commit = gitrev.merge_base(where, branch)
        base_name = f"{base_commit[:8]} (where this branch left {branch})"
    else:
        base_commit = gitrev.commit(where, base)
        base_name = base
    before = _Files(where, gitrev.blobs_at(where, base_commit))
    if head is None:
        after, head_name = _work_tree(where, before), "the working tree"
    else:
        after, head_name = _Files(where, gitrev.blobs_at(where, gitrev.commit(where, head))), head
    base_repo, head_repo = _changed_only(before, after)
    return Sides(base_repo, head_repo, base_name, head_name)


@dataclass
class _Files:
    """One side's files: each one's blob id (or why it is refused unread), and the bytes of
    those read so far."""

    where: gitrev.Checkout
    ids: dict[str, str | Refusal]
    held: dict[str, bytes | Refusal] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)  # folders the walk refused

    def read(self, rels: Iterable[str]) -> dict[str, bytes | Refusal]:
        wanted = sorted(rel for rel in rels if rel in self.ids)
        unread = {rel: self.ids[rel] for rel in wanted if rel not in self.held}
        self.held.update(gitrev.read_blobs(self.where, unread))
        return {rel: self.held[rel] for rel in wanted}


def _work_tree(where: gitrev.Checkout, base: _Files) -> _Files:
    """The work tree's files, all read (as `disk.load` reads them) to find their blob ids."""
    home = bounded.home(where.root, DATA_DIR)
    walked = bounded.walk(where.root / DATA_DIR, home)
    length = len(next((i for i in base.ids.values() if isinstance(i, str)), "0" * 40))
    files = _Files(where, {})
    for path in walked.files:
        rel = path.relative_to(where.root).as_posix()
        try:
            data = bounded.read(home, path)
        except OSError as error:
            data = Refusal("unreadable", f"cannot read the file: {error}")
        files.held[rel] = data
        files.ids[rel] = gitrev.blob_id(data, length) if isinstance(data, bytes) else data
    for folder, refusal in walked.refused:  # as disk.load reports a folder it cannot walk
        rel = folder.relative_to(where.root).as_posix()
        files.problems.append(Problem(rel, 1, 1, refusal.code, refusal.message))
    return files


def _changed_only(base: _Files, head: _Files) -> tuple[Repository, Repository]:
    """Both sides loaded from the files whose blobs differ and what they need, in two steps:
    what the changed files themselves hold (added entries, readings, corrections) is known
    only once they are parsed."""
    listed = base.ids.keys() | head.ids.keys()
    changed = {rel for rel in listed if base.ids.get(rel) != head.ids.get(rel)}
    wanted = changed | _needed(changed, listed)
    sides = _both(base, head, wanted)
    more = _earlier_updates(changed, *sides, head) | _readings_of(changed, *sides, base, head)
    if any(e.correction for repo in sides for e in _entries(repo, changed)):
        # which paper lists a correction depends on when each paper before it was presented
        more |= {rel for rel in listed if _folder(rel) and _is_report(rel)}
    return sides if more <= wanted else _both(base, head, wanted | more)


def _both(base: _Files, head: _Files, wanted: set[str]) -> tuple[Repository, Repository]:
    repos = []
    for files in (base, head):
        repo = in_memory(files.where, files.read(wanted))
        repo.problems[:0] = files.problems
        repos.append(repo)
    return repos[0], repos[1]


def _needed(changed: set[str], listed: set[str]) -> set[str]:
    """The unchanged files that give the changed ones their meaning:

    - the partnership and the objective files: the rating scale's words, the objectives'
      titles, each measure's unit, owner and definition (and so a renamed measure's readings);
    - the front matter of each quarter holding a changed file (a presented paper is locked),
      and of the latest quarter (its paper shows a change to the objectives);
    - every quarter's front matter when a definition changed (the papers presented before).
    """
    found = {rel for rel in listed if is_catalog_file(rel) and not is_outcomes_file(rel)}
    folders = {_folder(rel) for rel in changed} - {None}
    # 2020-21/Q4 sorts before 2021-22/Q1: the folders' names sort as their quarters do
    quarters = sorted({f for rel in listed if (f := _folder(rel))})
    if quarters:
        folders.add(quarters[-1])
    found |= {rel for rel in listed if _folder(rel) in folders and _is_report(rel)}
    if any(is_catalog_file(rel) for rel in changed):
        # A changed definition is marked with the papers presented before it: every quarter's
        # front matter says whether its paper was (small files, one per quarter).
        found |= {rel for rel in listed if _folder(rel) and _is_report(rel)}
    # objective-1.yaml beside objective-1.yml: the quarter holds one of them, as disk.load reads
    numbers = {(_folder(rel), _number(rel)) for rel in changed if _number(rel)}
    found |= {rel for rel in listed if _number(rel) and (_folder(rel), _number(rel)) in numbers}
    latest = [rel for rel in listed if quarters and _folder(rel) == quarters[-1]]
    if not any(_is_report(rel) for rel in latest):
        found.update(latest)  # a quarter without front matter is still the latest paper
    return found


_QUARTER_FOLDER = re.compile(rf"^{UPDATES_PATH}/(\d{{4}}-\d{{2}})/(Q[1-4])/[^/]+$")


def _folder(rel: str) -> str | None:
    """The quarter folder (objectives/updates/2020-21/Q1) a file is in, or None where the
    folder names no quarter (as `disk.load` reads it: 2020-22 is no financial year)."""
    match = _QUARTER_FOLDER.match(rel)
    if match is None:
        return None
    start, end = int(match[1][:4]), int(match[1][5:])
    if not 1900 <= start <= 2199 or end != (start + 1) % 100:
        return None
    return rel.rsplit("/", 1)[0]


def _number(rel: str) -> str | None:
    """The objective an update file in a quarter folder is for, or None."""
    match = UPDATES_FILE.match(rel.rsplit("/", 1)[-1]) if _folder(rel) else None
    return match["n"] if match else None


def _is_report(rel: str) -> bool:
    return rel.rsplit("/", 1)[-1] in REPORT_FILES


def _earlier_updates(
    changed: set[str], base: Repository, head: Repository, files: _Files
) -> set[str]:
    """For each rated entry a changed update adds, head's update for the same objective,
    newest first, until one rates what the entry covers: the diff says how it was rated."""
    found: set[str] = set()
    for quarter, data in head.quarters.items():
        for number, loaded in data.updates.items():
            if loaded.source.rel not in changed:
                continue
            was = base.quarters.get(quarter)
            old = was.updates.get(number) if was else None
            keys = {e.key for e in old.model.entries} if old else set()
            added = [e for e in loaded.model.entries if e.key not in keys and e.status]
            found |= _rated_before(files, data.path, number, {e.key[0] for e in added})
            # and for each deliverable it newly gives a status, the update that last did
            given = {u.id for e in old.model.entries for u in e.deliverables} if old else set()
            news = {u.id for e in loaded.model.entries for u in e.deliverables if u.status}
            found |= _rated_before(files, data.path, number, news - given)
    return found


def _statuses(entry: Entry) -> set[str]:
    """What an entry gives a status: what it covers, and its deliverables."""
    rated = {u.id for u in entry.deliverables if u.status}
    return rated | set(entry.targets) if entry.status else rated


def _rated_before(files: _Files, folder: str, number: str, targets: set[str]) -> set[str]:
    """The updates of objective `number` before `folder` that last rated each target (what
    an entry covers, or a deliverable). They are read a few at a time, more each time (most
    are found in the quarter before), and only those whose bytes hold a `status` are parsed."""
    names = {f"objective-{number}{suffix}" for suffix in YAML_SUFFIXES}
    earlier = sorted(
        (r for r in files.ids if (f := _folder(r)) and f < folder and r.split("/")[-1] in names),
        reverse=True,
    )
    found: set[str] = set()
    start, size = 0, 1
    while targets and start < len(earlier):
        chunk = earlier[start : start + size]
        start, size = start + size, size * 4
        for rel, data in sorted(files.read(chunk).items(), reverse=True):
            if not targets or not isinstance(data, bytes) or b"status" not in data:
                continue
            repo = in_memory(files.where, {rel: data})
            rated = {t for e in _entries(repo) for t in _statuses(e)} & targets
            if rated:
                found.add(rel)
                targets -= rated
    return found


def _entries(repo: Repository, rels: set[str] | None = None) -> Iterator[Entry]:
    """The entries of every update loaded, or of those among `rels`."""
    for data in repo.quarters.values():
        for loaded in data.updates.values():
            if rels is None or loaded.source.rel in rels:
                yield from loaded.model.entries


def _readings_of(changed: set[str], base: Repository, head: Repository, *sides: _Files) -> set[str]:
    """Where a measure's readings or definition changed, every file that may hold a reading
    of it: its variation and assurance are read from the whole series, on both sides.

    A reading names its measure by id, so a file whose bytes do not hold the id has none."""
    moved = {_series_measure(rel) for rel in changed if is_series_path(rel)}
    moved |= {measure for measure, _ in _measures(base) ^ _measures(head)}
    moved |= {measure for measure, _ in _readings(base, changed) ^ _readings(head, changed)}
    ids = {m.encode() for m in moved if m}
    if not ids:
        return set()
    listed = sorted(sides[0].ids.keys() | sides[1].ids.keys())
    found = {rel for rel in listed if is_series_path(rel) and _series_measure(rel) in moved}
    updates = [rel for rel in listed if _folder(rel) and not _is_report(rel)]
    # the unchanged ones are the same on both sides: read once
    texts = [*sides[0].read(updates).items(), *sides[1].read(changed & set(updates)).items()]
    found |= {r for r, d in texts if isinstance(d, bytes) and any(m in d for m in ids)}
    return found


def _series_measure(rel: str) -> str | None:
    return measure_of(rel.rsplit("/", 1)[-1])


def _measures(repo: Repository) -> set[tuple[str, str]]:
    """Each measure's id, with its owner and definition as text to compare."""
    return {
        (m.id, f"{b.id} {m.model_dump_json()}")
        for o in repo.objectives
        for b in o.model.breakthroughs
        for m in b.measures
    }


def _readings(repo: Repository, rels: set[str]) -> set[tuple[str, str]]:
    """Each reading in the updates `rels`, by its measure, with its file and what it covers."""
    return {
        (r.measure, f"{loaded.source.rel} {e.targets} {r.model_dump_json()}")
        for data in repo.quarters.values()
        for loaded in data.updates.values()
        if loaded.source.rel in rels
        for e in loaded.model.entries
        for r in e.readings
    }


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
