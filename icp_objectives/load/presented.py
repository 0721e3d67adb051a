"""A quarter as its paper was presented to the board, as git recorded it. Reads nothing.

`as_presented.presented` fills these from git; the lock on presented quarters compares them with
the quarter now.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field

from icp_objectives.domain.model import Entry
from icp_objectives.load.loaded import QuarterData

EntryKey = tuple[str, tuple[str, ...]]  # (objective number, what the entry covers)


@dataclass(frozen=True)
class Corrected:
    """A corrected entry as it stood in the commit that first recorded its correction."""

    commit: str
    entry: Entry


@dataclass(frozen=True)
class Presented:
    """A quarter as its paper was presented: the commit that recorded it, and its files then."""

    commit: str
    data: QuarterData
    corrected: Mapping[EntryKey, Corrected] = field(default_factory=dict)

    @property
    def date(self) -> dt.date | None:
        return self.data.presented.date


def fresh_corrections(now: QuarterData, then: QuarterData) -> list[tuple[str, Entry]]:
    """(file, entry) of each entry now carrying a correction it did not carry when presented."""
    found = []
    for number, loaded in now.updates.items():
        before = then.updates.get(number)
        old = {e.key: e for e in before.model.entries} if before else {}
        for entry in loaded.model.entries:
            was = old.get(entry.key)
            if entry.correction is not None and (was is None or was.correction != entry.correction):
                found.append((loaded.source.rel, entry))
    return found
