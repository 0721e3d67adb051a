"""Presented quarters are locked: their entries may change only as marked corrections. Pure.

The quarter as presented is given by the caller (read from git at the commit that first recorded
`presented` in the quarter's report.yaml); this module compares it with the quarter now.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from icp_objectives.model import Entry, QuarterUpdates
from icp_objectives.problems import Problem
from icp_objectives.repository import QuarterData
from icp_objectives.sources import Loaded
from icp_objectives.view import long_date

CODE = "locked-quarter"
_FIELDS = ("covers", "heading", "status", "body", "readings", "author")
_FIX = (
    "keep the entry as it was presented, or mark it as a correction by adding"
    " `correction: {reason: ..., date: YYYY-MM-DD}` to it"
)


@dataclass(frozen=True)
class Presented:
    """A quarter as its paper was presented: the commit that recorded it, and its files then."""

    commit: str
    data: QuarterData


def check(now: QuarterData, then: Presented) -> list[Problem]:
    """Each entry changed, added or removed since the paper was presented, uncorrected."""
    report = now.report
    if report is None or report.model.presented is None:
        return []
    why = (
        f"the {now.quarter.label} paper was presented to the board on"
        f" {long_date(report.model.presented)} (commit {then.commit[:8]})"
    )
    problems: list[Problem] = []
    for number in sorted(then.data.updates.keys() | now.updates.keys(), key=int):
        before = then.data.updates.get(number)
        after = now.updates.get(number)
        if after is None:
            problems.append(
                report.source.problem(
                    ["presented"],
                    CODE,
                    f"objective-{number}.yaml was removed after {why}; restore it from that commit",
                )
            )
            continue
        problems += _compare(after, before.model.entries if before else [], why)
    return problems


def _compare(after: Loaded[QuarterUpdates], before: Sequence[Entry], why: str) -> Iterator[Problem]:
    source, entries = after.source, after.model.entries
    old = {e.targets: e for e in before}
    for index, entry in enumerate(entries):
        was = old.get(entry.targets)
        if was == entry:
            continue
        if entry.correction is not None and (was is None or was.correction != entry.correction):
            continue
        path, what = _first_difference(index, was, entry)
        yield source.problem(path, CODE, f"{what} after {why}; {_FIX}")
    current = {e.targets for e in entries}
    for key, entry in old.items():
        if key not in current:
            covers = ", ".join(entry.targets)
            yield source.problem(
                ["entries"],
                CODE,
                f"the entry for {covers} was removed after {why}; restore it, with a"
                " correction if it must change",
            )


def _first_difference(index: int, was: Entry | None, now: Entry) -> tuple[list[str | int], str]:
    """Where the entry first differs from the one presented, and what happened there."""
    covers = ", ".join(now.targets)
    base: list[str | int] = ["entries", index]
    if was is None:
        return [*base, "covers"], f"this entry for {covers} was added"
    for name in _FIELDS:
        before, after = getattr(was, name), getattr(now, name)
        if before == after:
            continue
        if name == "readings":
            return _reading_difference(base, covers, before, after)
        if name == "status":
            shown = f"from {before or 'not rated'} to {after or 'not rated'}"
            return [*base, name], f"the status of {covers} was changed {shown}"
        return [*base, name], f"the {name} of the entry for {covers} was changed"
    return [*base, "correction"], f"the correction note of the entry for {covers} was removed"


def _reading_difference(
    base: list[str | int], covers: str, before: Sequence[object], after: Sequence[object]
) -> tuple[list[str | int], str]:
    for index, reading in enumerate(after):
        if index >= len(before) or before[index] != reading:
            return [*base, "readings", index], f"a reading of the entry for {covers} was changed"
    return [*base, "readings"], f"a reading of the entry for {covers} was removed"
