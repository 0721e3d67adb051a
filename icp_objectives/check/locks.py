"""Presented quarters are locked: their entries may change only as marked corrections. Pure.

The quarter as presented is given by the caller (read from git at the commit that first recorded
`presented` in the quarter's report.yaml), with each corrected entry as it stood when its
correction was first committed; this module compares them with the quarter now.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterator, Mapping, Sequence

from icp_objectives.domain import versions
from icp_objectives.domain.model import Entry, QuarterReport, QuarterUpdates
from icp_objectives.domain.problems import Problem
from icp_objectives.domain.wording import long_date
from icp_objectives.load.loaded import REPORT_FILE, Loaded, QuarterData, Source
from icp_objectives.load.presented import Corrected, EntryKey, Presented

CODE = "locked-quarter"
_FIX = (
    "keep the entry as it was presented, or mark it as a correction by adding"
    " `correction: {reason: ..., date: YYYY-MM-DD}` to it"
)
_FIX_AGAIN = (
    "give the correction a new reason and today's date, so that the next paper lists this"
    " change too"
)


def check(now: QuarterData, then: Presented, unreadable: Collection[str] = ()) -> list[Problem]:
    """Each change since the paper was presented that is not covered by a correction.

    Files in `unreadable` exist but did not load: their own problems are reported elsewhere.
    """
    if then.data is now:  # its files are byte for byte as presented (as_presented.presented)
        return []
    report = now.report
    presented = then.date or now.presented.date
    if presented is None:
        return []
    why = (
        f"the {now.quarter.label} paper was presented to the board on {long_date(presented)}"
        f" (commit {then.commit[:8]})"
    )
    problems: list[Problem] = []
    if report is not None:
        problems += _presented_kept(report.source, now.presented.date, presented, why)
        if then.data.report is not None:
            problems += _front_matter(report, then.data.report.model, why)
    elif now.unfit_report is None:  # not broken (that is reported elsewhere) but gone
        was = then.data.report
        name = was.source.rel if was else f"{now.path}/{REPORT_FILE}"
        problems.append(Problem(name, 1, 1, CODE, _removed(name, why)))
    for number in sorted(then.data.updates.keys() | now.updates.keys(), key=int):
        before = then.data.updates.get(number)
        after = now.updates.get(number)
        if after is None:
            name = before.source.rel if before else f"objective-{number}.yaml"
            if name not in unreadable:
                problems.append(
                    report.source.problem(["presented"], CODE, _removed(name, why))
                    if report is not None
                    else Problem(name, 1, 1, CODE, _removed(name, why))
                )
            continue
        problems.extend(_entries(number, after, then, presented, why))
    return problems


def _removed(name: str, why: str) -> str:
    return f"{name.rsplit('/', 1)[-1]} was removed after {why}; restore it from that commit"


def _entries(
    number: str, after: Loaded[QuarterUpdates], then: Presented, presented: dt.date, why: str
) -> Iterator[Problem]:
    """Each change to one objective's entries since the paper was presented."""
    before = then.data.updates.get(number)
    entries = before.model.entries if before else []
    return _Compare(after, number, presented, why, then.corrected).run(entries)


def _presented_kept(
    source: Source, now: dt.date | None, then: dt.date, why: str
) -> Iterator[Problem]:
    if now is None:
        yield source.problem(
            [],
            CODE,
            f"`presented:` was removed after {why}; a presented quarter stays locked, so put"
            f" back `presented: {then.isoformat()}`",
        )
    elif now != then:
        yield source.problem(
            ["presented"],
            CODE,
            f"the date was changed to {now.isoformat()} after {why}; put back"
            f" `presented: {then.isoformat()}`",
        )


def _front_matter(now: Loaded[QuarterReport], was: QuarterReport, why: str) -> Iterator[Problem]:
    """Each field of the paper's front matter changed since it was presented."""
    for name in versions.front_matter_changes(was, now.model, period=True):
        before, after = getattr(was, name), getattr(now.model, name)
        line = _first_changed_line(before, after) if isinstance(after, str) else None
        yield now.source.problem(
            [name],
            CODE,
            f"the paper's {name.replace('_', ' ')} was changed after {why}; put it back as"
            " presented (a later paper can say what has changed since)",
            text_line=line,
        )


class _Compare:
    """One objective's entries in a presented quarter, against the entries as presented."""

    def __init__(
        self,
        after: Loaded[QuarterUpdates],
        number: str,
        presented: dt.date,
        why: str,
        corrected: Mapping[EntryKey, Corrected],
    ) -> None:
        self.source, self.entries = after.source, after.model.entries
        self.number, self.presented, self.why, self.corrected = number, presented, why, corrected

    def run(self, before: Sequence[Entry]) -> Iterator[Problem]:
        old = {e.key: e for e in before}
        for index, entry in enumerate(self.entries):
            was = old.get(entry.key)
            if was == entry:
                continue
            if entry.correction is not None and (was is None or was.correction != entry.correction):
                yield from self._corrected(index, entry)
                continue
            for path, what, line in _differences(index, was, entry):
                yield self.source.problem(
                    path, CODE, f"{what} after {self.why}; {_FIX}", text_line=line
                )
        current = {e.key for e in self.entries}
        for key, entry in old.items():
            if key not in current:
                yield self.source.problem(
                    ["entries"],
                    CODE,
                    f"the entry for {', '.join(entry.targets)} was removed after {self.why};"
                    " restore it, with a correction if it must change",
                )

    def _corrected(self, index: int, entry: Entry) -> Iterator[Problem]:
        correction = entry.correction
        assert correction is not None
        if correction.date < self.presented:
            yield self.source.problem(
                ["entries", index, "correction", "date"],
                CODE,
                f"the correction is dated {correction.date.isoformat()}, before {self.why};"
                " date it when the change was made, so that the next paper lists it",
            )
        recorded = self.corrected.get((self.number, entry.key))
        if recorded is None or recorded.entry == entry:
            return
        since = f"its correction was committed (commit {recorded.commit[:8]})"
        for path, what, line in _differences(index, recorded.entry, entry):
            yield self.source.problem(
                path, CODE, f"{what} after {since}; {_FIX_AGAIN}", text_line=line
            )


Difference = tuple[list[str | int], str, int | None]  # where, what happened, line in a text


def _differences(index: int, was: Entry | None, now: Entry) -> Iterator[Difference]:
    """Each field of the entry that differs from `was`, where it is, and what happened."""
    covers = ", ".join(now.targets)
    base: list[str | int] = ["entries", index]
    if was is None:
        yield [*base, "covers"], f"this entry for {covers} was added", None
        return
    changed = versions.entry_changes(was, now, readings_by="place")
    if changed.status:
        shown = f"from {was.status or 'not rated'} to {now.status or 'not rated'}"
        yield [*base, "status"], f"the status of {covers} was changed {shown}", None
    for name in changed.text:
        line = _first_changed_line(getattr(was, name), getattr(now, name))
        yield [*base, name], f"the {name} of the entry for {covers} was changed", line
    yield from _reading_differences(base, covers, changed.readings)
    places = {update.id: place for place, update in enumerate(now.deliverables)}
    for key in changed.deliverables:
        if key in places:
            what = f"the update of the deliverable '{key}' in the entry for {covers} was changed"
            yield [*base, "deliverables", places[key]], what, None
        else:
            what = f"the update of the deliverable '{key}' was removed from the entry for {covers}"
            yield [*base, "deliverables"], what, None


def _first_changed_line(before: object, after: str | None) -> int | None:
    """The first line (from 0) of `after` that differs from `before`; None if there is none."""
    if after is None:
        return None
    old, new = str(before or "").splitlines(), after.splitlines()
    for number, line in enumerate(new):
        if number >= len(old) or old[number] != line:
            return number
    return max(len(new) - 1, 0)


def _reading_differences(
    base: list[str | int], covers: str, changes: Sequence[versions.ReadingChange]
) -> Iterator[Difference]:
    """Readings paired by place: each added or changed one, then one line if any was removed."""
    for change in changes:
        if change.place is None:
            continue
        where: list[str | int] = [*base, "readings", change.place]
        if change.before is None:
            yield where, f"a reading of the entry for {covers} was added", None
        else:
            what = f"the {change.fields[0]} of a reading of the entry for {covers} was changed"
            yield [*where, change.fields[0]], what, None
    if any(change.after is None for change in changes):
        yield [*base, "readings"], f"a reading of the entry for {covers} was removed", None
