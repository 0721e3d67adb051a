"""Definitions a presented paper printed, changed since: a warning naming those papers. Pure.

A presented paper is rendered from the data as it was presented, so changing a title, a
measure's baseline or target, or the rating scale never changes it; but the change reaches the
next paper, and what the board reads there differs from what it read before. A change is told
while it is new to the board: until a paper with it has been presented.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from pydantic import BaseModel

from icp_objectives.domain.periods import Quarter
from icp_objectives.domain.problems import Problem, Severity
from icp_objectives.domain.wording import listing
from icp_objectives.load.loaded import Repository, Source, paper_file

CODE = "presented-definition-changed"
# Lists of other definitions, told item by item, and what is not a definition's own field
_NESTED = {"ratings", "breakthroughs", "measures"}
_SHOWN = 60  # the longest old value quoted in the message


@dataclass(frozen=True)
class _Defined:
    """One definition: where it is written, and its fields."""

    source: Source
    path: list[str | int]
    fields: Mapping[str, object]


def check(now: Repository, presented: Mapping[Quarter, Repository]) -> list[Problem]:
    """A warning at each definition changed since the latest presented paper printed it.

    `presented` holds, for each presented quarter, its partnership and objective files as
    committed when it was presented. Each warning names every presented paper that printed
    something else.
    """
    if not presented:
        return []
    today = _definitions(now)
    # Papers presented at the same commit printed the same files: each is read once.
    printed: dict[int, dict[Key, _Defined]] = {}
    for repo in presented.values():
        if id(repo) not in printed:
            printed[id(repo)] = _definitions(repo)
    then = {quarter: printed[id(repo)] for quarter, repo in presented.items()}
    latest = then[max(then)]
    unread = _unread(now)
    problems = []
    for key in sorted(today.keys() | latest.keys()):
        gone = latest.get(key)
        if key not in today and gone is not None and gone.source.rel in unread:
            continue  # its file does not read today: that is its problem, not a removal
        for name in _changed(latest.get(key), today.get(key)):
            papers = sorted(q for q, found in then.items() if _differs(found, today, key, name))
            problems.append(_problem(now, today, latest, key, name, papers))
    return problems


Key = tuple[int, str]  # the order definitions are told in, and what each is called in words


def _definitions(repo: Repository) -> dict[Key, _Defined]:
    found: dict[Key, _Defined] = {}
    if repo.partnership is not None:
        source, model = repo.partnership.source, repo.partnership.model
        found[(0, "the partnership")] = _Defined(source, [], _fields(model))
        for index, rating in enumerate(model.ratings):
            what = f"rating {rating.id}"
            found[(1, what)] = _Defined(source, ["ratings", index], _fields(rating))
    for loaded in repo.objectives:  # named by the format's words: a partnership may rename its
        source, objective = loaded.source, loaded.model  # levels, and they stay the same ones
        what = f"objective {objective.id}"
        found[(2, what)] = _Defined(source, [], _fields(objective))
        for b, breakthrough in enumerate(objective.breakthroughs):
            what = f"breakthrough {breakthrough.id}"
            path: list[str | int] = ["breakthroughs", b]
            found[(3, what)] = _Defined(source, path, _fields(breakthrough))
            for m, measure in enumerate(breakthrough.measures):
                what = f"measure {measure.id}"
                where = [*path, "measures", m]
                found[(4, what)] = _Defined(source, where, _fields(measure))
    return found


def _unread(repo: Repository) -> set[str]:
    """The partnership and objective files that did not read today."""
    found = {unfit.rel for unfit in repo.unfit_objectives}
    if repo.partnership is None:
        found |= {p.path for p in repo.problems}  # the partnership file's rel among them
    return found


def _fields(model: BaseModel) -> dict[str, object]:
    return {k: v for k, v in model.model_dump(mode="json").items() if k not in _NESTED}


_WHOLE = ""  # the name of a change to the whole definition: added or removed


def _changed(before: _Defined | None, after: _Defined | None) -> Iterator[str]:
    if before is None or after is None:
        yield _WHOLE
        return
    for name in sorted(before.fields.keys() | after.fields.keys()):
        if before.fields.get(name) != after.fields.get(name):
            yield name


def _differs(then: dict[Key, _Defined], today: dict[Key, _Defined], key: Key, name: str) -> bool:
    before, after = then.get(key), today.get(key)
    if name == _WHOLE or before is None or after is None:
        return (before is None) != (after is None)
    return before.fields.get(name) != after.fields.get(name)


def _problem(
    now: Repository,
    today: dict[Key, _Defined],
    latest: dict[Key, _Defined],
    key: Key,
    name: str,
    papers: list[Quarter],
) -> Problem:
    after, before = today.get(key), latest.get(key)
    shown = listing([paper_file(q) for q in papers])
    were = "were" if len(papers) > 1 else "was"
    keep = "those papers keep" if len(papers) > 1 else "that paper keeps"
    what, was = _named(key, now), ""
    if after is None:
        change, put_back = f"{what} was removed", "restore it"
    elif before is None:
        change, put_back = f"{what} was added", "remove it"
    else:
        old = before.fields.get(name)
        was = f' (it was "{old}")' if isinstance(old, str) and len(old) <= _SHOWN else ""
        change = f"the {name.replace('_', ' ')} of {what} has changed"
        put_back = "put back what was presented"
    message = (
        f"{change} since {shown} {were} presented to the board{was}; {keep} what was presented"
        f" (`icp-obj report` renders it from git), and the next paper shows the change; if it"
        f" is not meant, {put_back}"
    )
    if after is not None:
        # A field left out of the file (now or before) is told at its definition
        path = [*after.path, name] if name else after.path
        return after.source.problem(path, CODE, message, severity=Severity.WARNING)
    parent = _parent(today, key, before)
    if parent is not None:
        return parent.source.problem(parent.path, CODE, message, severity=Severity.WARNING)
    gone = before.source.rel if before else "objectives"
    return Problem(gone, 1, 1, CODE, message, Severity.WARNING)


def _named(key: Key, now: Repository) -> str:
    """A definition as the partnership's words name it: "priority 2", "workstream 2.1"."""
    level, _, number = key[1].partition(" ")
    word = {"objective": now.terms.objective, "breakthrough": now.terms.breakthrough}
    return f"{word[level]} {number}" if key[0] in {2, 3} else key[1]


def _parent(today: dict[Key, _Defined], key: Key, before: _Defined | None) -> _Defined | None:
    """Where a removed definition was listed, in today's files: its file's definition."""
    if before is None:
        return None
    for defined in today.values():
        if defined.source.rel == before.source.rel and not defined.path:
            return defined
    return None
