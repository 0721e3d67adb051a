"""What changed in meaning between two loaded repositories. Pure: no git, no disk.

Objectives, breakthrough objectives and measures are matched by id; an unmatched pair with the
same title was renumbered. Quarter entries are matched by what they cover.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Protocol, TypeVar

from icp_objectives import quarter_diff
from icp_objectives.changes import Change, Diff, Unreadable, quoted, rating_words
from icp_objectives.model import Breakthrough, Measure, Objective, Partnership, Point
from icp_objectives.repository import Repository
from icp_objectives.view import _with_unit as with_unit


class _Titled(Protocol):
    @property
    def id(self) -> str | int: ...

    @property
    def title(self) -> str: ...


T = TypeVar("T", bound=_Titled)
K = TypeVar("K", int, str)


@dataclass
class _Side:
    """What one revision holds, with anything from a file broken on the other side left out."""

    objectives: dict[int, Objective] = field(default_factory=dict)
    breakthroughs: dict[str, Breakthrough] = field(default_factory=dict)
    measures: dict[str, tuple[str, Measure]] = field(default_factory=dict)


def compare(base: Repository, head: Repository) -> Diff:
    """Every change in meaning from `base` to `head`, grouped later by objective."""
    broken_base = {p.path for p in base.problems}
    broken_head = {p.path for p in head.problems}
    old = _side(base, broken_head)
    new = _side(head, broken_base)
    partnership = head.partnership or base.partnership
    labels = {r.id: r.label for r in partnership.model.ratings} if partnership else {}
    changes = list(_partnership(base, head))
    changes += _objectives(old, new)
    changes += _breakthroughs(old, new)
    changes += _measures(old, new)
    renamed = _renamed_measures(old, new)
    changes += quarter_diff.compare(base, head, broken_base | broken_head, labels, renamed)
    titles = {o.id: o.title for o in old.objectives.values()}
    titles |= {o.id: o.title for o in new.objectives.values()}
    quarters = frozenset(q.label for q in head.quarters)
    return Diff(changes, _unreadable(base, head), titles, quarters)


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
                side.measures.setdefault(measure.id, (breakthrough.id, measure))
    return side


def _unreadable(base: Repository, head: Repository) -> list[Unreadable]:
    """Problems that stop a file being read, unless the file was broken the same way before."""
    before = {(p.path, p.code, p.message) for p in base.problems}
    after = {(p.path, p.code, p.message) for p in head.problems}
    found = [
        Unreadable("head", p) for p in head.problems if (p.path, p.code, p.message) not in before
    ]
    found += [
        Unreadable("base", p) for p in base.problems if (p.path, p.code, p.message) not in after
    ]
    return found


def _matched(
    old: Mapping[K, T], new: Mapping[K, T]
) -> tuple[list[K], list[tuple[K, K]], list[K], list[K]]:
    """Ids on both sides, renumbered pairs (same title), and the ids removed and added."""
    both = [key for key in new if key in old]
    removed = [key for key in old if key not in new]
    added = [key for key in new if key not in old]
    renumbered = []
    for was in list(removed):
        match = next((now for now in added if new[now].title == old[was].title), None)
        if match is not None:
            renumbered.append((was, match))
            removed.remove(was)
            added.remove(match)
    return both, renumbered, removed, added


def _objectives(old: _Side, new: _Side) -> Iterator[Change]:
    both, renumbered, removed, added = _matched(old.objectives, new.objectives)
    for key in removed:
        yield Change(
            key,
            None,
            f"objective {key}",
            "removed",
            f"Objective {key} removed: {quoted(old.objectives[key].title)}",
        )
    for key in added:
        yield Change(
            key,
            None,
            f"objective {key}",
            "added",
            f"Objective {key} added: {quoted(new.objectives[key].title)}",
        )
    for was, now in renumbered:
        yield Change(
            now,
            None,
            f"objective {now}",
            "renumbered",
            f"Objective {was} renumbered to {now}: {quoted(new.objectives[now].title)}",
        )
    for key in [*both, *(now for _, now in renumbered)]:
        before = (
            old.objectives.get(key) or old.objectives[next(w for w, n in renumbered if n == key)]
        )
        after = new.objectives[key]
        if before.title != after.title:
            yield Change(
                key,
                None,
                f"objective {key}",
                "retitled",
                f"Objective {key} retitled: {quoted(before.title)} → {quoted(after.title)}",
            )
        for name in ("ambition", "lead"):
            yield from _field(
                key,
                f"objective {key}",
                f"Objective {key}",
                name,
                getattr(before, name),
                getattr(after, name),
            )


def _breakthroughs(old: _Side, new: _Side) -> Iterator[Change]:
    both, renumbered, removed, added = _matched(old.breakthroughs, new.breakthroughs)
    for key in removed:
        if _group(key) in new.objectives:
            yield Change(
                _group(key),
                None,
                key,
                "removed",
                f"{key} removed: {quoted(old.breakthroughs[key].title)}",
            )
    for key in added:
        if _group(key) in old.objectives:
            yield Change(
                _group(key),
                None,
                key,
                "added",
                f"{key} added: {quoted(new.breakthroughs[key].title)}",
            )
    pairs = [(key, key) for key in both] + renumbered
    for was, now in pairs:
        before, after = old.breakthroughs[was], new.breakthroughs[now]
        if was != now:
            yield Change(
                _group(now),
                None,
                now,
                "renumbered",
                f"{was} renumbered to {now}: {quoted(after.title)}",
            )
        if before.title != after.title:
            yield Change(
                _group(now),
                None,
                now,
                "retitled",
                f"{now} retitled: {quoted(before.title)} → {quoted(after.title)}",
            )
        for name in ("short_title", "lead"):
            yield from _field(
                _group(now), now, now, name, getattr(before, name), getattr(after, name)
            )


def _measures(old: _Side, new: _Side) -> Iterator[Change]:
    olds = {k: m for k, (_, m) in old.measures.items()}
    news = {k: m for k, (_, m) in new.measures.items()}
    both, renumbered, removed, added = _matched(olds, news)
    for key in removed:
        owner = old.measures[key][0]
        if _group(owner) in new.objectives:
            yield Change(
                _group(owner),
                None,
                owner,
                "removed",
                f"{owner} measure {key} removed: {quoted(olds[key].title)}",
            )
    for key in added:
        owner = new.measures[key][0]
        if _group(owner) in old.objectives:
            yield Change(
                _group(owner),
                None,
                owner,
                "added",
                f"{owner} measure {key} added: {quoted(news[key].title)}{_aims(news[key])}",
            )
    for was, now in [(key, key) for key in both] + renumbered:
        owner, before, after = new.measures[now][0], olds[was], news[now]
        subject = f"{owner} measure {now}"
        if was != now:
            yield Change(
                _group(owner),
                None,
                owner,
                "renumbered",
                f"{owner} measure {was} renamed to {now}: {quoted(after.title)}",
            )
        if old.measures[was][0] != owner:
            yield Change(
                _group(owner),
                None,
                owner,
                "moved",
                f"{subject} moved from {old.measures[was][0]} to {owner}",
            )
        if before.title != after.title:
            yield Change(
                _group(owner),
                None,
                owner,
                "retitled",
                f"{subject} retitled: {quoted(before.title)} → {quoted(after.title)}",
            )
        for name in ("baseline", "target"):
            was_point, now_point = getattr(before, name), getattr(after, name)
            if was_point != now_point:
                text = f"{_point(was_point, before.unit)} → {_point(now_point, after.unit)}"
                yield Change(_group(owner), None, owner, name, f"{subject} {name}: {text}")
        for name in ("unit", "better", "source"):
            yield from _field(
                _group(owner), owner, subject, name, getattr(before, name), getattr(after, name)
            )


def _renamed_measures(old: _Side, new: _Side) -> dict[str, str]:
    """Old measure id → new id, for measures renamed with the same title."""
    olds = {k: m for k, (_, m) in old.measures.items()}
    news = {k: m for k, (_, m) in new.measures.items()}
    return dict(_matched(olds, news)[1])


def _partnership(base: Repository, head: Repository) -> Iterator[Change]:
    if base.partnership is None or head.partnership is None:
        return
    before, after = base.partnership.model, head.partnership.model
    for name in ("name", "short_name", "vision", "board"):
        yield from _field(
            None, "partnership", "Partnership", name, getattr(before, name), getattr(after, name)
        )
    yield from _partners(before, after)
    old = {r.id: r for r in before.ratings}
    new = {r.id: r for r in after.ratings}
    for key in old.keys() - new.keys():
        yield Change(
            None,
            None,
            "ratings",
            "removed",
            f"Rating {rating_words(key, old)} removed from the scale",
        )
    for key in new.keys() - old.keys():
        yield Change(
            None, None, "ratings", "added", f"Rating {rating_words(key, new)} added to the scale"
        )
    for key in sorted(old.keys() & new.keys()):
        for name in ("label", "definition"):
            yield from _field(
                None,
                "ratings",
                f"Rating {key}",
                name,
                getattr(old[key], name),
                getattr(new[key], name),
            )


def _partners(before: Partnership, after: Partnership) -> Iterator[Change]:
    for key in sorted(before.partners.keys() | after.partners.keys()):
        was, now = before.partners.get(key), after.partners.get(key)
        if was != now:
            what = "added" if was is None else "removed" if now is None else "renamed"
            yield Change(None, None, "partners", what, f"Partner {key} {what}: {_either(was, now)}")


def _either(was: str | None, now: str | None) -> str:
    if was is None or now is None:
        return quoted(was or now or "")
    return f"{quoted(was)} → {quoted(now)}"


def _field(
    group: int | None, subject: str, name_of: str, name: str, was: object, now: object
) -> Iterator[Change]:
    if was == now:
        return
    shown = name.replace("_", " ")
    yield Change(group, None, subject, name, f"{name_of} {shown}: {_shown(was)} → {_shown(now)}")


def _shown(value: object) -> str:
    return "(none)" if value is None or value == "" else quoted(str(value))


def _point(point: Point | None, unit: str) -> str:
    if point is None:
        return "(none)"
    return f"{with_unit(point.value, unit)} ({point.period})"


def _aims(measure: Measure) -> str:
    if measure.target is None:
        return ""
    return f", target {_point(measure.target, measure.unit)}"


def _group(breakthrough: str) -> int:
    return int(breakthrough.split(".")[0])
