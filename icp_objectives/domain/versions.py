"""Which fields of an entry, or of a paper's front matter, differ between two versions. Pure.

The one comparison behind the locks on presented quarters (`check/locks.py`, for `validate`)
and the changes in meaning (`review/quarter_diff.py`, for `diff`). The two read readings
differently, and say so with `readings_by`: the lock pairs them by their place in the entry
(a changed period is that reading's period changed), the diff by measure and period (a changed
period is one reading removed and another added).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from icp_objectives.domain.model import Entry, QuarterReport, Reading

TEXT_FIELDS = ("heading", "body", "author")  # an entry's text, in the order it is reported
READING_FIELDS = ("measure", "period", "value", "note")
ReadingsBy = Literal["place", "measure and period"]


@dataclass(frozen=True)
class ReadingChange:
    """A reading added (no `before`), removed (no `after`), or changed in `fields`."""

    before: Reading | None
    after: Reading | None
    fields: tuple[str, ...] = ()  # those of READING_FIELDS that differ, when both are there
    place: int | None = None  # where `after` is in the entry's readings, when paired by place


@dataclass(frozen=True)
class EntryChange:
    """What differs between two versions of one entry (its correction apart)."""

    status: bool
    text: tuple[str, ...]  # those of TEXT_FIELDS that differ
    readings: tuple[ReadingChange, ...]
    deliverables: tuple[str, ...] = ()  # the ids of deliverables updated differently, or not


def entry_changes(was: Entry, now: Entry, *, readings_by: ReadingsBy) -> EntryChange:
    """The fields of `now` that differ from `was`, readings paired as `readings_by` says."""
    text = tuple(name for name in TEXT_FIELDS if getattr(was, name) != getattr(now, name))
    pair = _by_place if readings_by == "place" else _by_measure_and_period
    readings = tuple(pair(was.readings, now.readings))
    return EntryChange(was.status != now.status, text, readings, _deliverables(was, now))


def _deliverables(was: Entry, now: Entry) -> tuple[str, ...]:
    """Deliverables updated in `now` as `was` did not (in `now`'s order), then those dropped."""
    old = {u.id: u for u in reversed(was.deliverables)}
    new = {u.id: u for u in reversed(now.deliverables)}
    changed = [key for key, update in reversed(new.items()) if old.get(key) != update]
    return (*changed, *(key for key in old if key not in new))


def front_matter_changes(was: QuarterReport, now: QuarterReport, *, period: bool) -> list[str]:
    """The front-matter fields that differ, in the model's order; never `presented`, which
    each caller reads on its own. With `period` False, the paper's `period` is left out: `diff`
    does not show a change of it, while the lock on a presented paper reports one."""
    return [
        name
        for name in QuarterReport.model_fields
        if name != "presented"
        and (period or name != "period")
        and getattr(was, name) != getattr(now, name)
    ]


def _differing(before: Reading, after: Reading) -> tuple[str, ...]:
    return tuple(n for n in READING_FIELDS if getattr(before, n) != getattr(after, n))


def _by_place(before: list[Reading], after: list[Reading]) -> list[ReadingChange]:
    found = []
    for place, reading in enumerate(after):
        if place >= len(before):
            found.append(ReadingChange(None, reading, place=place))
        elif fields := _differing(before[place], reading):
            found.append(ReadingChange(before[place], reading, fields, place))
    found += [ReadingChange(reading, None) for reading in before[len(after) :]]
    return found


def _by_measure_and_period(before: list[Reading], after: list[Reading]) -> list[ReadingChange]:
    old = {(r.measure, r.period): r for r in before}
    new = {(r.measure, r.period): r for r in after}
    found = []
    for key, reading in new.items():
        was = old.get(key)
        if was is None:
            found.append(ReadingChange(None, reading))
        elif fields := _differing(was, reading):
            found.append(ReadingChange(was, reading, fields))
    found += [ReadingChange(reading, None) for key, reading in old.items() if key not in new]
    return found
