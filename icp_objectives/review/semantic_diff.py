"""What changed in meaning between two loaded repositories. Pure: no git, no disk.

Objectives, breakthrough objectives and measures are matched by id; an unmatched pair with the
same title was renumbered. Anything defined in a file that cannot be read on the other side is
left out: it is unknown there, not removed. Quarters are compared in quarter_diff.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from typing import Generic, Protocol, TypeVar

from icp_objectives.domain.model import Breakthrough, Goal, Measure, Objective, Point
from icp_objectives.domain.periods import Quarter
from icp_objectives.domain.problems import new_since
from icp_objectives.domain.wording import with_unit
from icp_objectives.load import corrections
from icp_objectives.load.loaded import Repository
from icp_objectives.review import (
    deliverable_diff,
    measure_diff,
    partnership_diff,
    quarter_diff,
    series_diff,
)
from icp_objectives.review.changes import Change, Diff, Unreadable, fields, quoted, said


class _Titled(Protocol):
    @property
    def title(self) -> str: ...


T = TypeVar("T", bound=_Titled)
K = TypeVar("K", int, str)


@dataclass
class _Side:
    """What one revision defines, with anything from a file broken on the other side left out."""

    objectives: dict[int, Objective] = field(default_factory=dict)
    breakthroughs: dict[str, Breakthrough] = field(default_factory=dict)
    measures: dict[str, Measure] = field(default_factory=dict)
    owners: dict[str, str] = field(default_factory=dict)  # measure id → breakthrough id


@dataclass(frozen=True)
class _Match(Generic[K]):
    """Ids on both sides (renumbered ones as old → new pairs), and those removed and added."""

    pairs: list[tuple[K, K]]
    removed: list[K]
    added: list[K]


def compare(base: Repository, head: Repository) -> Diff:
    """Every change in meaning from `base` to `head`."""
    broken_base = {p.path for p in base.problems}
    broken_head = {p.path for p in head.problems}
    old, new = _side(base, broken_head), _side(head, broken_base)
    labels = {r.id: r.label for r in head.ratings or base.ratings}
    measures = _match(old.measures, new.measures)
    renamed = {was: now for was, now in measures.pairs if was != now}
    printed = _presented_papers(base)
    definitions = [
        *partnership_diff.compare(base, head),
        *_objectives(old, new, head.terms.objective_heading),
        *_breakthroughs(old, new),
        *_measures(old, new, measures),
    ]
    changes = [
        *(_marked(change, printed) for change in definitions),
        *quarter_diff.compare(base, head, broken_base | broken_head, labels, renamed),
        *series_diff.compare(
            base,
            head,
            broken_base | broken_head,
            {**old.measures, **new.measures},
            {**old.owners, **new.owners},
        ),
        *measure_diff.compare(base, head, _pairs(old, new, measures), broken_base | broken_head),
    ]
    titles = {o.id: o.title for o in [*old.objectives.values(), *new.objectives.values()]}
    papers = _papers(changes, head)
    return Diff(changes, _unreadable(base, head), titles, papers, head.terms)


def _presented_papers(base: Repository) -> tuple[str, ...]:
    """The quarters whose paper had been presented before the change, oldest first."""
    return tuple(q.label for q, data in sorted(base.quarters.items()) if data.presented.date)


def _marked(change: Change, printed: tuple[str, ...]) -> Change:
    """A definition's change, marked with the presented papers that printed the old one (an
    addition was printed by none, and a measure's id is never printed)."""
    if change.kind in {"added", "renamed"} or not printed:
        return change
    return replace(change, presented=printed)


def _papers(changes: list[Change], head: Repository) -> tuple[Quarter, ...]:
    """The quarters, still in `head`, whose paper shows a change or lists it as a correction."""
    known = {q.label: q for q in head.quarters}
    found = {known[c.quarter] for c in changes if c.quarter in known}
    if known and any(c.quarter is None for c in changes):
        found.add(max(known.values()))  # objectives changed: the latest paper shows them
    corrected = {(c.quarter, c.correction) for c in changes if c.correction}
    for quarter in sorted(known.values()):
        rows = corrections.listed_in(head, quarter) if corrected else ()
        if any((row.quarter, row.reason) in corrected for row in rows):
            found.add(quarter)
    return tuple(sorted(found))


def _pairs(old: _Side, new: _Side, match: _Match[str]) -> list[measure_diff.Pair]:
    return [
        measure_diff.Pair(old.measures[was], old.owners[was], new.measures[now], new.owners[now])
        for was, now in match.pairs
    ]


def _side(repo: Repository, broken_elsewhere: set[str]) -> _Side:
    side = _Side()
    for loaded in repo.objectives:
        if loaded.source.rel in broken_elsewhere:
            continue
        objective = loaded.model
        side.objectives.setdefault(objective.id, objective)
        for breakthrough in objective.breakthroughs:
            side.breakthroughs.setdefault(breakthrough.id, breakthrough)
            for measure in breakthrough.measures:
                side.measures.setdefault(measure.id, measure)
                side.owners.setdefault(measure.id, breakthrough.id)
    return side


def _unreadable(base: Repository, head: Repository) -> list[Unreadable]:
    """Problems that stop a file being read, unless it was broken the same way on both sides."""
    return [
        *(Unreadable("head", p) for p in new_since(base.problems, head.problems)),
        *(Unreadable("base", p) for p in new_since(head.problems, base.problems)),
    ]


def _match(old: Mapping[K, T], new: Mapping[K, T]) -> _Match[K]:
    removed = [key for key in old if key not in new]
    added = [key for key in new if key not in old]
    pairs = [(key, key) for key in new if key in old]
    for was in list(removed):
        now = next((key for key in added if new[key].title == old[was].title), None)
        if now is not None:
            pairs.append((was, now))
            removed.remove(was)
            added.remove(now)
    return _Match(pairs, removed, added)


def _objectives(old: _Side, new: _Side, word: str) -> Iterator[Change]:
    """What changed in the objectives, each named as the partnership names them (`word`)."""
    match = _match(old.objectives, new.objectives)
    for key in match.removed:
        title = quoted(old.objectives[key].title)
        yield said(key, f"objective {key}", "removed", f"{word} {key} removed: {title}")
    for key in match.added:
        title = quoted(new.objectives[key].title)
        yield said(key, f"objective {key}", "added", f"{word} {key} added: {title}")
    for was, now in match.pairs:
        before, after = old.objectives[was], new.objectives[now]
        subject = f"objective {now}"
        if was != now:
            text = f"{word} {was} renumbered to {now}: {quoted(after.title)}"
            yield said(now, subject, "renumbered", text)
        if before.title != after.title:
            text = f"{word} {now} retitled: {quoted(before.title)} → {quoted(after.title)}"
            yield said(now, subject, "retitled", text)
        yield from fields(now, subject, f"{word} {now}", before, after, ("ambition", "lead"))
        yield from deliverable_diff.definitions(now, before, after)


def _breakthroughs(old: _Side, new: _Side) -> Iterator[Change]:
    match = _match(old.breakthroughs, new.breakthroughs)
    for key in match.removed:
        if _group(key) in new.objectives:  # else its objective's removal says it all
            title = quoted(old.breakthroughs[key].title)
            yield said(_group(key), key, "removed", f"{key} removed: {title}")
    for key in match.added:
        if _group(key) in old.objectives:
            title = quoted(new.breakthroughs[key].title)
            yield said(_group(key), key, "added", f"{key} added: {title}")
    for was, now in match.pairs:
        before, after = old.breakthroughs[was], new.breakthroughs[now]
        group = _group(now)
        if was != now:
            yield said(
                group, now, "renumbered", f"{was} renumbered to {now}: {quoted(after.title)}"
            )
        if before.title != after.title:
            text = f"{now} retitled: {quoted(before.title)} → {quoted(after.title)}"
            yield said(group, now, "retitled", text)
        yield from fields(group, now, now, before, after, ("short_title", "lead"))


def _measures(old: _Side, new: _Side, match: _Match[str]) -> Iterator[Change]:
    for key in match.removed:
        owner = old.owners[key]
        if _group(owner) in new.objectives:
            text = f"{owner} measure {key} removed: {quoted(old.measures[key].title)}"
            yield said(_group(owner), owner, "removed", text)
    for key in match.added:
        owner, measure = new.owners[key], new.measures[key]
        if _group(owner) in old.objectives:
            text = f"{owner} measure {key} added: {quoted(measure.title)}{_aims(measure)}"
            yield said(_group(owner), owner, "added", text)
    for was, now in match.pairs:
        yield from _measure(old, new, was, now)


def _measure(old: _Side, new: _Side, was: str, now: str) -> Iterator[Change]:
    owner, before, after = new.owners[now], old.measures[was], new.measures[now]
    group, subject = _group(owner), f"{owner} measure {now}"
    if was != now:
        text = f"{owner} measure {was} renamed to {now}: {quoted(after.title)}"
        yield said(group, owner, "renamed", text)
    if old.owners[was] != owner:
        yield said(group, owner, "moved", f"{subject} moved from {old.owners[was]} to {owner}")
    if before.title != after.title:
        text = f"{subject} retitled: {quoted(before.title)} → {quoted(after.title)}"
        yield said(group, owner, "retitled", text)
    for name in ("baseline", "target"):
        was_point, now_point = getattr(before, name), getattr(after, name)
        if was_point != now_point:
            text = f"{_point(was_point, before.unit)} → {_point(now_point, after.unit)}"
            values = [p.value if p else None for p in (was_point, now_point)]
            yield said(group, owner, name, f"{subject} {name}: {text}", *values)
    names = ("unit", "frequency", "better", "cumulative", "baseline_points", "source")
    yield from fields(group, owner, subject, before, after, names)
    if before.recalculate != after.recalculate:
        was, now = (", ".join(m.recalculate) or "(none)" for m in (before, after))
        moved = f"{was} → {now}"
        yield said(group, owner, "recalculate", f"{subject} recalculated from: {moved}")


def _point(point: Point | Goal | None, unit: str) -> str:
    if point is None:
        return "(none)"
    return f"{with_unit(point.value, unit)} ({point.period or 'at any time'})"


def _aims(measure: Measure) -> str:
    return f", target {_point(measure.target, measure.unit)}" if measure.target else ""


def _group(breakthrough: str) -> int:
    return int(breakthrough.split(".")[0])
