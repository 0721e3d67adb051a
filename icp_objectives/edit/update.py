"""Add a quarter's update to an objective's quarter file: plan the edit, check it, write it.

The order matters: take the file's lock, read the file as it is now, splice the new text in,
check what the edit reaches with the edited text in memory, and only then write, atomically.
"""

from __future__ import annotations

import datetime as dt
import difflib
import stat
from collections.abc import Sequence
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field, replace
from enum import StrEnum
from pathlib import Path
from typing import Any

from icp_objectives import yamlio
from icp_objectives.check import validation
from icp_objectives.domain.errors import EXIT_IO, EXIT_PROBLEMS, EXIT_USAGE, IcpError, reason
from icp_objectives.domain.model import Rating
from icp_objectives.domain.periods import Quarter
from icp_objectives.domain.problems import Problem, has_errors, new_since
from icp_objectives.domain.ratings import rating_id, unknown_status
from icp_objectives.domain.wording import close_matches, long_date
from icp_objectives.edit import append, entries, safe_write, schema_files, splice
from icp_objectives.edit.entries import Content
from icp_objectives.edit.layout import BOM, SpliceError
from icp_objectives.edit.scaffold import header, quarter_file
from icp_objectives.load import bounded, disk, snapshot
from icp_objectives.load.loaded import DATA_DIR, REPORT_FILES, PresentedMark, Repository


class Mode(StrEnum):
    ADD = "add"
    APPEND = "append"
    REPLACE = "replace"


class UpdateError(IcpError):
    """A refusal, in words for the person who asked: because of the data unless it says
    otherwise (EXIT_USAGE for what was asked, or a file that cannot be read or written)."""

    exit_code = EXIT_PROBLEMS


@dataclass(frozen=True)
class Request:
    root: Path
    quarter: Quarter
    targets: tuple[str, ...]
    content: Content
    mode: Mode = Mode.ADD
    dry_run: bool = False
    correction: str | None = None  # why a presented quarter's entry changes
    today: dt.date = field(default_factory=dt.date.today)


@dataclass
class UpdateOutcome:
    """What an update did, or would do: the file's text before and after, and its problems."""

    path: Path
    rel: str
    old: str
    new: str
    created: bool
    written: bool = False
    problems: list[Problem] = field(default_factory=list)
    hints: list[str] = field(default_factory=list)  # for the person, when it is refused
    has_report: bool = True  # whether the quarter's folder has its report.yaml (new-quarter's)

    def diff(self) -> list[str]:
        """The change as unified diff lines, without line endings."""
        old = self.old.splitlines(keepends=True)
        new = self.new.splitlines(keepends=True)
        source = "/dev/null" if self.created else f"a/{self.rel}"
        lines = difflib.unified_diff(old, new, fromfile=source, tofile=f"b/{self.rel}")
        return [line.rstrip("\r\n") for line in lines]

    @property
    def unchanged(self) -> bool:
        """Whether the file already says what the update would write."""
        return not self.created and self.new == self.old

    def changed_lines(self) -> list[int]:
        """The numbers (from 1) of the lines of the new text that the update adds or changes."""
        old = self.old.splitlines()
        new = self.new.splitlines()
        matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
        return [
            number + 1
            for tag, _, _, start, end in matcher.get_opcodes()
            if tag in {"insert", "replace"}
            for number in range(start, end)
        ]

    def line(self, number: int) -> str:
        """Line `number` (from 1) of the new text, without its line ending."""
        lines = self.new.splitlines()
        return lines[number - 1] if 0 < number <= len(lines) else ""


def run(request: Request, loaded: Repository | None = None) -> UpdateOutcome:
    """Plan, check and (unless a dry run) write the update; refusals raise UpdateError.

    `loaded` is the repository as the command already read it (to choose the quarter); by
    default it is read here. The edit is checked on the files as they are when it is made.
    """
    objective = entries.objective_of(request.targets)
    path = quarter_file(request.root, request.quarter, objective)
    _check_place(request.root, path)
    guard: AbstractContextManager[None] = (
        nullcontext() if request.dry_run else safe_write.locked(path)
    )
    try:
        with guard:
            # The repository as it is, loaded once: the rating scale and the measures, whether
            # the quarter was presented, and (when the edit has any) the problems already there.
            before = _quarter_read(request) if loaded is None else loaded
            content = _rated(request.content, before.ratings)
            statuses = before.partnership.model.statuses if before.partnership else []
            request = replace(request, content=_with_statuses(content, statuses))
            outcome = _plan(request, path, objective, before)
            outcome.has_report = any((path.parent / name).exists() for name in REPORT_FILES)
            outcome.hints = measure_hints(before, request.targets, request.content.readings)
            outcome.problems = _new_problems(before, outcome, request)
            if has_errors(outcome.problems) or request.dry_run or outcome.unchanged:
                return outcome
            _check_unchanged(request.root, outcome)
            safe_write.remove_leftovers(path)
            safe_write.write_atomic(path, outcome.new.encode("utf-8"))
            outcome.written = True
    except safe_write.LockTimeout as error:
        raise UpdateError(str(error), EXIT_USAGE) from None
    except OSError as error:
        shown = path.relative_to(request.root).as_posix()
        raise UpdateError(f"cannot write {shown}: {reason(error)}", EXIT_IO) from None
    return outcome


def _quarter_read(request: Request) -> Repository:
    """The repository with only the updates of the quarter edited read (the rest of what
    an update needs is in the partnership and the objectives)."""
    taken = snapshot.take(request.root)
    return disk.for_quarters(taken, lambda skeleton: (request.quarter,))[0]


def _check_unchanged(root: Path, outcome: UpdateOutcome) -> None:
    """The file is as it was read, and may be written: the lock keeps other updates out, not
    an editor saving the file meanwhile, and root may write over a read-only file."""
    path, rel = outcome.path, outcome.rel
    now = None if not path.exists() else _read(root, path, rel)
    if now != (None if outcome.created else outcome.old):
        raise UpdateError(
            f"{rel} changed while this update ran (saved in an editor?); nothing was written:"
            " run the update again",
            EXIT_PROBLEMS,
        )
    if not outcome.created and not path.stat().st_mode & stat.S_IWUSR:
        raise UpdateError(
            f"{rel} is read-only, so nothing was written; make it writable (chmod u+w) if it"
            " should change",
            EXIT_IO,
        )


def _rated(content: Content, ratings: Sequence[Rating]) -> Content:
    """The content with its status as the rating's id, when it names one by id or label;
    a status that names none is kept as typed, for validation to report."""
    if content.status is None:
        return content
    chosen = rating_id(content.status, ratings)
    return content if chosen is None else replace(content, status=chosen)


def _with_statuses(content: Content, statuses: Sequence[Rating]) -> Content:
    """The content with each deliverable's status as the id of the partnership's status it
    names, by id or label; one that names none is refused, in the words a rating is. Without
    the partnership's statuses (its file did not load) the statuses are kept as typed."""
    if not content.deliverables or not statuses:
        return content
    named = []
    for update in content.deliverables:
        typed = update.get("status")
        if typed is None:
            named.append(update)
            continue
        chosen = rating_id(typed, statuses)
        if chosen is None:
            raise UpdateError(
                f"--deliverable {update['id']}={typed}: {unknown_status(typed, statuses)}",
                EXIT_USAGE,
            )
        named.append({**update, "status": chosen})
    return replace(content, deliverables=tuple(named))


def measure_hints(
    catalog: Repository, targets: Sequence[str], readings: Sequence[dict[str, Any]]
) -> list[str]:
    """For each reading of a measure that no objective defines, the measures of what the entry
    covers, and the ones the person may have meant."""
    objectives = [loaded.model for loaded in catalog.objectives]
    covered = [
        b for o in objectives for b in o.breakthroughs if b.id in targets or str(o.id) in targets
    ]
    owner = {m.id: b.id for o in objectives for b in o.breakthroughs for m in b.measures}
    own = [m.id for b in covered for m in b.measures]
    named = f"{', '.join(b.id for b in covered)} (what this entry covers)"
    hints = []
    for reading in readings:
        measure = str(reading["measure"])
        if measure in owner or not covered:
            continue
        if own:
            hint = f"the measures of {named} are: {', '.join(own)}."
        else:
            hint = f"{named} {'has' if len(covered) == 1 else 'have'} no measures."
        guesses = _guesses(measure, own) or [
            f"{m} (a measure of {owner[m]})" for m in _guesses(measure, list(owner))
        ]
        if guesses:
            hint += f" Did you mean {' or '.join(guesses)}?"
        hints.append(f"--reading {measure}: {hint}")
    return hints


def _guesses(typed: str, known: Sequence[str]) -> list[str]:
    """Measure ids close to `typed`, or holding each of its words."""
    words = set(typed.split("-"))
    close = close_matches(typed, known, most=3)
    holding = [m for m in known if words <= set(m.split("-"))]
    return list(dict.fromkeys([*close, *holding]))[:3]


def _check_place(root: Path, path: Path) -> None:
    """Refuse, before any lock is taken, a file that is a link to nothing or leads outside."""
    rel = path.relative_to(root).as_posix()
    if path.is_symlink() and not path.exists():
        raise UpdateError(
            f"{rel} is a link to {path.readlink()}, which does not exist; point the link at"
            " the file, or remove it"
        )
    if not bounded.inside(bounded.home(root, DATA_DIR), path):
        raise UpdateError(OUTSIDE.format(rel=rel))


OUTSIDE = (
    "{rel} is, or is in, a link to a place outside objectives/, so nothing was written;"
    " replace the link with the file or folder itself"
)


def _plan(request: Request, path: Path, objective: int, before: Repository) -> UpdateOutcome:
    rel = path.relative_to(request.root).as_posix()
    created = not path.exists()
    old = "" if created else _read(request.root, path, rel)
    base = schema_files.modeline(request.root, path, "quarter-updates") + splice.new_file(
        header(request.quarter, objective, before.terms), objective, request.quarter.label
    )
    correction = _correction(request, before)
    try:
        current = _entries_of(old) if old else []
        matches = [i for i, e in enumerate(current) if _overlaps(e, request.targets)]
        new = _splice(request, old or base, current, matches, rel, correction)
    except SpliceError as error:
        raise UpdateError(f"{rel}: {error}") from None
    except entries.EntryError as error:
        raise UpdateError(str(error), EXIT_USAGE) from None
    return UpdateOutcome(path, rel, old, new, created)


def _correction(request: Request, before: Repository) -> dict[str, Any] | None:
    """The correction to record; a presented quarter changes only with one, others never.

    A report.yaml that cannot tell whether the paper was presented stops the update until it
    is fixed.
    """
    label = request.quarter.label
    data = before.quarters.get(request.quarter)
    mark = data.presented if data is not None else PresentedMark()
    if mark.unknown:
        when = mark.written
        what = "cannot be read" if when is None else f"has presented: {when}, no real date"
        raise UpdateError(
            f"{mark.rel} {what}, so whether the {label} paper was presented to the board"
            " (which fixes its entries) cannot be told, and nothing was written; fix it"
            " first (icp-obj validate shows how)"
        )
    when = mark.written
    if when is None:
        if request.correction is not None:
            raise UpdateError(
                f"--correction is only for a quarter already presented to the board, and"
                f" {label} has not been (no 'presented:' date in its report.yaml);"
                " leave --correction out",
                EXIT_USAGE,
            )
        return None
    if request.correction is None:
        day = long_date(when) if isinstance(when, dt.date) else str(when)
        how = {
            Mode.ADD: "add the entry anyway",
            Mode.APPEND: "change the entry anyway",
            Mode.REPLACE: "replace the entry anyway",
        }[request.mode]
        raise UpdateError(
            f"the {label} paper was presented to the board on {day}, so its entries are fixed"
            f" and nothing was written. To {how}, say why with --correction REASON: the entry"
            " then records the reason and today's date, and the next paper lists it under"
            " 'Corrections to earlier papers'"
        )
    try:
        reason = entries.one_line("--correction", request.correction)
    except entries.EntryError as error:
        raise UpdateError(str(error), EXIT_USAGE) from None
    return {"reason": reason, "date": request.today}


def _read(root: Path, path: Path, rel: str) -> str:
    try:
        data = bounded.read(bounded.home(root, DATA_DIR), path)
        if isinstance(data, bounded.Refusal):
            raise UpdateError(f"{rel}: {data.message}")
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise UpdateError(f"{rel} is not UTF-8 text; save it as UTF-8 and run again") from None
    except OSError as error:
        raise UpdateError(f"cannot read {rel}: {reason(error)}", EXIT_USAGE) from None


def _entries_of(text: str) -> list[dict[str, Any]]:
    try:
        data = yamlio.load(text.removeprefix(BOM))
    except yamlio.YamlFault as fault:
        raise SpliceError(
            f"line {fault.line}: {fault.message}; fix the file first (`icp-obj validate`)"
        ) from None
    found = data.get("entries") if isinstance(data, dict) else None
    return [e if isinstance(e, dict) else {} for e in found] if isinstance(found, list) else []


def _covered(entry: dict[str, Any]) -> set[str]:
    covers = entry.get("covers")
    return {str(c) for c in (covers if isinstance(covers, list) else [covers]) if c is not None}


def _overlaps(entry: dict[str, Any], targets: Sequence[str]) -> bool:
    return bool(_covered(entry) & set(targets))


def _splice(
    request: Request,
    text: str,
    current: list[dict[str, Any]],
    matches: list[int],
    rel: str,
    correction: dict[str, Any] | None,
) -> str:
    named = ",".join(request.targets)
    when = request.quarter.label
    if request.mode is Mode.ADD:
        if matches:
            raise UpdateError(
                f"{named} already has an entry for {when} in {rel}; add --append to add your"
                " text to it, or --replace to replace it"
            )
        return splice.add_entry(text, _built(request, correction))
    if not matches:
        raise UpdateError(
            f"{named} has no entry for {when} in {rel} to {request.mode.value}; run update"
            f" without --{request.mode.value} to add one"
        )
    if len(matches) > 1:
        raise UpdateError(
            f"{named} matches {len(matches)} entries for {when} in {rel}; name the one to"
            " change exactly (for example 4.1,4.2 for a combined entry)"
        )
    if request.mode is Mode.REPLACE:
        others = sorted(_covered(current[matches[0]]) - set(request.targets))
        if others:
            whole = ",".join([*request.targets, *others])
            raise UpdateError(
                f"the {when} entry for {named} also covers {', '.join(others)}; to replace it,"
                f" name everything it covers ({whole})"
            )
        return splice.replace_entry(text, matches[0], _built(request, correction))
    return append.append(text, matches[0], request.content, correction)


def _built(request: Request, correction: dict[str, Any] | None) -> dict[str, Any]:
    entry = entries.build(request.targets, request.content)
    if correction is not None:
        entry["correction"] = correction
    return entry


def _new_problems(before: Repository, outcome: UpdateOutcome, request: Request) -> list[Problem]:
    """Problems the edit would bring: those of the edited repository that were not there before.

    An edit of one quarter's file reaches that file alone (see `scope.reached`), so only
    what the quarter's files and the definitions hold is checked, with the edited text in
    place of the file's; the problems before are asked for only when that finds any. An edit
    that changes the file's readings (adds one, or replaces an entry that had some) is the
    exception: a reading is part of its measure's series, merged from every quarter's
    readings, which the outcomes summary and later quarters' readings are judged against, so
    every file is checked then (the problems before coming from the kept answer of an earlier
    run on the same files, when there is one).
    """
    edit = {outcome.path: outcome.new.encode("utf-8")}
    if _readings(outcome.old) != _readings(outcome.new):
        after = validation.edited(before.root, edit, keep=not request.dry_run)
        return new_since(validation.problems(before.root)[0], after) if after else []
    quarter = (request.quarter,)
    after = validation.within(before.root, quarter, edit)
    return new_since(validation.already_within(before, quarter), after) if after else []


def _readings(text: str) -> list[str]:
    """Every reading the file's entries give, in a form to compare."""
    entries = _entries_of(text) if text.strip() else []
    return sorted(repr(r) for e in entries for r in (e.get("readings") or []))
