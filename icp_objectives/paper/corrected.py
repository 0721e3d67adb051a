"""A presented quarter's paper with the corrections made since, each in its place. Pure.

The paper as presented stays the record; this is a reader's copy of it as corrected. Each
entry corrected since (carrying a correction it did not carry when presented) takes the place
of the entry as presented, and the paper marks it.
"""

from __future__ import annotations

from dataclasses import replace

from icp_objectives.domain.model import Entry, QuarterUpdates
from icp_objectives.domain.periods import Quarter
from icp_objectives.load.loaded import Loaded, Repository
from icp_objectives.load.presented import fresh_corrections


def apply(then: Repository, now: Repository, quarter: Quarter) -> Repository:
    """`then` (the data as presented) with the entries of `quarter` corrected in `now`."""
    was, today = then.quarters.get(quarter), now.quarters.get(quarter)
    if was is None or today is None:
        return then
    numbers = {loaded.source.rel: number for number, loaded in today.updates.items()}
    fixed: dict[str, list[Entry]] = {}
    for rel, entry in fresh_corrections(today, was):
        fixed.setdefault(numbers[rel], []).append(entry)
    updates = dict(was.updates)
    for number, entries in fixed.items():
        updates[number] = _corrected(was.updates.get(number) or today.updates[number], entries)
    quarters = {**then.quarters, quarter: replace(was, updates=updates)}
    return replace(then, quarters=quarters)


def count(then: Repository, now: Repository, quarter: Quarter) -> int:
    """How many entries of `quarter` have been corrected since it was presented."""
    was, today = then.quarters.get(quarter), now.quarters.get(quarter)
    if was is None or today is None:
        return 0
    return len(fresh_corrections(today, was))


def _corrected(loaded: Loaded[QuarterUpdates], entries: list[Entry]) -> Loaded[QuarterUpdates]:
    """The file's entries as presented, each corrected one in its place, any new one after."""
    by_key = {entry.key: entry for entry in entries}
    kept = [by_key.pop(entry.key, entry) for entry in loaded.model.entries]
    model = loaded.model.model_copy(update={"entries": [*kept, *by_key.values()]})
    return Loaded(loaded.source, model)
