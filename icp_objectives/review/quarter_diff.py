"""What changed in the quarterly updates between two loaded repositories. Pure.

Entries are matched by what they cover. A change to a quarter whose paper the base side records
as presented is marked as locked, unless the entry carries a new correction.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence

from icp_objectives.domain import versions
from icp_objectives.domain.figures import show_value
from icp_objectives.domain.model import DeliverableUpdate, Entry, QuarterReport, Reading
from icp_objectives.domain.periods import Quarter
from icp_objectives.domain.wording import listing, long_date
from icp_objectives.load.loaded import QuarterData, Repository
from icp_objectives.review import deliverable_diff
from icp_objectives.review.changes import Change, quoted, rating_change, rating_words, raw


def compare(
    base: Repository,
    head: Repository,
    broken: set[str],
    labels: Mapping[str, str],
    renamed: Mapping[str, str],
) -> Iterator[Change]:
    """Changes to each quarter; `renamed` maps old measure ids to new ones."""
    units = _units(base) | _units(head)
    words = deliverable_diff.Words.of(base, head)
    for quarter in sorted(base.quarters.keys() | head.quarters.keys()):
        old, new = base.quarters.get(quarter), head.quarters.get(quarter)
        lock = _lock(old)
        yield from _front_matter(quarter, old, new, broken, lock)
        numbers = sorted({*(old.updates if old else {}), *(new.updates if new else {})}, key=int)
        for number in numbers:
            before = old.updates.get(number) if old else None
            after = new.updates.get(number) if new else None
            if any(side and side.source.rel in broken for side in (before, after)):
                continue
            entries = _Entries(quarter, int(number), head, labels, units, lock, renamed, words)
            yield from entries.compare(
                before.model.entries if before else [], after.model.entries if after else []
            )


def _units(repo: Repository) -> dict[str, str]:
    return {
        m.id: m.unit for o in repo.objectives for b in o.model.breakthroughs for m in b.measures
    }


def _lock(old: QuarterData | None) -> str | None:
    presented = old.presented.date if old else None
    if presented is None:
        return None
    return f"presented to the board on {long_date(presented)}"


def _front_matter(
    quarter: Quarter,
    old: QuarterData | None,
    new: QuarterData | None,
    broken: set[str],
    lock: str | None,
) -> Iterator[Change]:
    """Changes to the paper's front matter; any to a presented paper carry its `lock`."""
    before = old.report if old else None
    after = new.report if new else None
    if any(side and side.source.rel in broken for side in (before, after)):
        return
    if before is None or after is None:
        if before is not after:
            what = "added" if before is None else "removed"
            yield Change(
                None,
                quarter.label,
                "paper",
                what,
                f"{quarter.label} paper's front matter (report.yaml) {what}",
                lock,
            )
        return
    was, now = before.model, after.model
    if was.presented != now.presented:
        text = _presented(quarter, was, now)
        yield Change(None, quarter.label, "paper", "presented", text, lock)
    changed = [n.replace("_", " ") for n in versions.front_matter_changes(was, now, period=False)]
    if changed:
        yield Change(
            None,
            quarter.label,
            "paper",
            "edited",
            f"{quarter.label} paper's front matter edited: {', '.join(changed)}",
            lock,
        )


def _presented(quarter: Quarter, was: QuarterReport, now: QuarterReport) -> str:
    if now.presented is None:
        return (
            f"{quarter.label} paper no longer marked as presented (was {long_date(was.presented)})"
        )
    return f"{quarter.label} paper marked as presented to the board on {long_date(now.presented)}"


class _Entries:
    """Compares one objective's entries for one quarter."""

    def __init__(
        self,
        quarter: Quarter,
        objective: int,
        head: Repository,
        labels: Mapping[str, str],
        units: Mapping[str, str],
        lock: str | None,
        renamed: Mapping[str, str],
        words: deliverable_diff.Words,
    ) -> None:
        self.quarter, self.objective, self.head = quarter, objective, head
        self.labels, self.units, self.lock, self.renamed = labels, units, lock, renamed
        self.words = words

    def compare(self, before: Sequence[Entry], after: Sequence[Entry]) -> Iterator[Change]:
        old = {e.key: e for e in before}
        new = {e.key: e for e in after}
        for key in old:
            if key not in new:
                yield self._change(
                    key,
                    "entry-removed",
                    f"{self._subject(key)} update for {self.quarter.label} removed",
                    None,
                )
        for key, entry in new.items():
            if key not in old:
                yield self._change(key, "entry-added", self._added(key, entry), entry)
                yield from self._deliverables(key, [], entry, True)
            else:
                yield from self._edited(key, old[key], entry)

    def _change(
        self,
        key: tuple[str, ...],
        kind: str,
        text: str,
        entry: Entry | None,
        *,
        fresh_correction: bool = True,
        before: object = None,
        after: object = None,
        deliverable: str | None = None,
    ) -> Change:
        correction = (
            entry.correction.reason if entry and entry.correction and fresh_correction else None
        )
        if correction:
            text += f"; marked as a correction: {quoted(correction)}"
        return Change(
            self.objective,
            self.quarter.label,
            ", ".join(key),
            kind,
            text,
            self.lock,
            correction,
            raw(before),
            raw(after),
            deliverable=deliverable,
        )

    def _added(self, key: tuple[str, ...], entry: Entry) -> str:
        text = f"{self._subject(key)} update added for {self.quarter.label}: "
        text += f"status {rating_words(entry.status, self.labels)}" if entry.status else "not rated"
        earlier = self._earlier_status(key[0])
        if earlier is not None and entry.status is not None:
            text += f", was {rating_words(earlier[1], self.labels)} in {earlier[0].label}"
        if entry.readings:
            text += "; readings: " + ", ".join(
                f"{r.measure} {self._value(r)}" for r in entry.readings
            )
        return text

    def _edited(self, key: tuple[str, ...], was: Entry, now: Entry) -> Iterator[Change]:
        fresh = now.correction is not None and now.correction != was.correction
        subject = self._subject(key)
        still = {r.measure for r in now.readings}  # a file not yet moved to a new measure id
        readings = [r if r.measure in still else self._renamed(r) for r in was.readings]
        was = was.model_copy(update={"readings": readings})
        changed = versions.entry_changes(was, now, readings_by="measure and period")
        if changed.status:
            moved = rating_change(was.status, now.status, self.labels)
            text = f"{subject} status in {self.quarter.label}: {moved}"
            yield self._change(
                key,
                "status",
                text,
                now,
                fresh_correction=fresh,
                before=was.status,
                after=now.status,
            )
        yield from self._readings(key, changed.readings, now, fresh)
        yield from self._deliverables(key, was.deliverables, now, fresh)
        if changed.text:
            text = f"{subject} update for {self.quarter.label} edited: {', '.join(changed.text)}"
            yield self._change(key, "entry-edited", text, now, fresh_correction=fresh)
        elif fresh and (was.status, was.readings, was.deliverables) == (
            now.status,
            now.readings,
            now.deliverables,
        ):
            text = f"{subject} update for {self.quarter.label}: correction note changed"
            yield self._change(key, "entry-edited", text, now)

    def _readings(
        self,
        key: tuple[str, ...],
        changes: Sequence[versions.ReadingChange],
        entry: Entry,
        fresh: bool,
    ) -> Iterator[Change]:
        """Readings paired by measure and period: each added, changed, then removed one."""
        subject = self._subject(key)
        for change in changes:
            reading = change.after or change.before
            assert reading is not None
            place = f"{reading.measure}{f' for {reading.period}' if reading.period else ''}"
            before = change.before
            if change.after is None:
                assert before is not None
                text = f"{subject} reading of {place} removed from {self.quarter.label}"
                text += f" (was {self._value(before)})"
                yield self._change(
                    key, "reading", text, entry, fresh_correction=fresh, before=before.figure
                )
                continue
            where = f"{subject} reading of {place}"
            if before is None:
                text = f"{where} added in {self.quarter.label}: {self._value(change.after)}"
            else:
                text = f"{where} in {self.quarter.label}: {self._moved(before, change.after)}"
            yield self._change(
                key,
                "reading",
                text,
                entry,
                fresh_correction=fresh,
                before=before.figure if before else None,
                after=change.after.figure,
            )

    def _deliverables(
        self,
        key: tuple[str, ...],
        before: Sequence[DeliverableUpdate],
        entry: Entry,
        fresh: bool,
    ) -> Iterator[Change]:
        """Each deliverable's status, progress or support the entry reports differently."""
        sides = (before, entry.deliverables)
        found = deliverable_diff.updates(
            self.words, self.objective, self.quarter.label, sides, self._earlier_deliverable
        )
        for said in found:
            yield self._change(
                key,
                said.kind,
                said.text,
                entry,
                fresh_correction=fresh,
                before=said.before,
                after=said.after,
                deliverable=said.deliverable,
            )

    def _renamed(self, reading: Reading) -> Reading:
        measure = self.renamed.get(reading.measure, reading.measure)
        return reading.model_copy(update={"measure": measure})

    def _moved(self, before: Reading, after: Reading) -> str:
        """'72% → 75%', with the note once when it stayed the same."""
        if before.note != after.note:
            return f"{self._value(before)} → {self._value(after)}"
        moved = f"{self._figure(before)} → {self._figure(after)}"
        return f"{moved} ({after.note})" if after.note else moved

    def _value(self, reading: Reading) -> str:
        shown = self._figure(reading)
        return f"{shown} ({reading.note})" if reading.note else shown

    def _figure(self, reading: Reading) -> str:
        """'72%', '115 of 118 (97%)', 'over 11,000'."""
        return show_value(
            reading.figure,
            self.units.get(reading.measure, ""),
            numerator=reading.numerator,
            denominator=reading.denominator,
            qualifier=reading.qualifier,
        )

    def _subject(self, key: tuple[str, ...]) -> str:
        if len(key) > 1:
            return listing(key)
        word = self.head.terms.objective_heading
        return key[0] if "." in key[0] else f"{word} {key[0]} (as a whole)"

    def _earlier_deliverable(self, key: str) -> tuple[str, str] | None:
        """The quarter before this one that last gave deliverable `key` a status, and it."""
        for quarter in sorted((q for q in self.head.quarters if q < self.quarter), reverse=True):
            loaded = self.head.quarters[quarter].updates.get(str(self.objective))
            for entry in loaded.model.entries if loaded else []:
                for update in entry.deliverables:
                    if update.id == key and update.status:
                        return quarter.label, update.status
        return None

    def _earlier_status(self, target: str) -> tuple[Quarter, str] | None:
        for quarter in sorted((q for q in self.head.quarters if q < self.quarter), reverse=True):
            loaded = self.head.quarters[quarter].updates.get(str(self.objective))
            for entry in loaded.model.entries if loaded else []:
                if target in entry.targets and entry.status:
                    return quarter, entry.status
        return None
