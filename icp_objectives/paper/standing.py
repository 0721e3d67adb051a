"""Where every breakthrough objective stands this quarter and last, and who still owes an update.

Pure: built from a loaded repository; the command prints it as a table or JSON.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from icp_objectives.domain.model import Entry, Rating
from icp_objectives.domain.partnership import Terms
from icp_objectives.domain.periods import Quarter
from icp_objectives.domain.problems import counts
from icp_objectives.load.loaded import Repository

NO_UPDATE = "No update"
NOT_RATED = "Updated, not rated"
UNREAD = "File has problems"
FORMATS = ("text", "json")  # how the command prints it


@dataclass(frozen=True)
class Cell:
    """One breakthrough objective's standing in one quarter, always in words."""

    updated: bool
    status: str | None  # the rating id, when rated
    label: str  # what the table prints

    @classmethod
    def of(cls, entry: Entry | None, ratings: dict[str, Rating], *, unread: bool = False) -> Cell:
        if entry is None:
            return cls(False, None, UNREAD if unread else NO_UPDATE)
        if entry.status is None:
            return cls(True, None, NOT_RATED)
        rating = ratings.get(entry.status)
        return cls(True, entry.status, rating.label if rating else entry.status)


@dataclass(frozen=True)
class Row:
    objective: int
    breakthrough: str
    title: str
    this_quarter: Cell
    last_quarter: Cell
    lead: str | None = None  # who to chase: the person or partner named as its lead


@dataclass(frozen=True)
class Standing:
    quarter: Quarter
    rows: tuple[Row, ...]
    started: bool = True  # whether the quarter has a folder of its own
    errors: int = 0  # errors in the data, which may hide updates
    warnings: int = 0  # warnings in the data, which hide nothing
    terms: Terms = field(default_factory=Terms)  # what the partnership calls its levels

    @property
    def chase(self) -> tuple[tuple[str, tuple[str, ...]], ...]:
        """Who to chase for this quarter's missing updates: each lead, with what they owe
        (None as the lead: no lead is named)."""
        owed: dict[str, list[str]] = {}
        for row in self.rows:
            if not row.this_quarter.updated and row.this_quarter.label != UNREAD:
                owed.setdefault(row.lead or "", []).append(row.breakthrough)
        return tuple((lead, tuple(keys)) for lead, keys in owed.items())

    @property
    def missing(self) -> tuple[str, ...]:
        """Breakthrough objectives with no update this quarter (their file could be read)."""
        return tuple(
            row.breakthrough
            for row in self.rows
            if not row.this_quarter.updated and row.this_quarter.label != UNREAD
        )

    @property
    def unread(self) -> tuple[str, ...]:
        """Breakthrough objectives whose file for this quarter could not be read."""
        return tuple(row.breakthrough for row in self.rows if row.this_quarter.label == UNREAD)

    def as_json(self) -> dict[str, Any]:
        return {
            "quarter": self.quarter.label,
            "previous_quarter": self.quarter.previous().label,
            "breakthroughs": [asdict(row) for row in self.rows],
            "missing": list(self.missing),
            "chase": [{"lead": lead or None, "missing": list(keys)} for lead, keys in self.chase],
            "unread": list(self.unread),
            "errors": self.errors,
            "warnings": self.warnings,
        }


def build(repo: Repository, quarter: Quarter) -> Standing:
    ratings = {r.id: r for r in repo.ratings}
    partnership = repo.partnership.model if repo.partnership else None
    now, before = _entries(repo, quarter), _entries(repo, quarter.previous())
    unread_now, unread_before = _unread(repo, quarter), _unread(repo, quarter.previous())
    rows = []
    for loaded in sorted(repo.objectives, key=lambda o: o.model.id):
        number = loaded.model.id
        lead = loaded.model.lead
        for key, title in loaded.model.parts:
            found = next((b for b in loaded.model.breakthroughs if b.id == key), None)
            who = (found.lead if found else None) or lead
            rows.append(
                Row(
                    number,
                    key,
                    title,
                    Cell.of(now.get(key), ratings, unread=number in unread_now),
                    Cell.of(before.get(key), ratings, unread=number in unread_before),
                    lead=partnership.who(who) if who and partnership else None,
                )
            )
    errors, warnings = counts(repo.problems)
    return Standing(
        quarter, tuple(rows), quarter in repo.quarters, errors, warnings, terms=repo.terms
    )


def _unread(repo: Repository, quarter: Quarter) -> set[int]:
    """The objectives whose file for the quarter exists but could not be read."""
    data = repo.quarters.get(quarter)
    return {int(number) for number in data.unfit_updates} if data else set()


def _entries(repo: Repository, quarter: Quarter) -> dict[str, Entry]:
    """Each breakthrough objective's entry in a quarter, and each entry on a whole objective
    (which stands for an objective with no breakthrough objectives)."""
    data = repo.quarters.get(quarter)
    found: dict[str, Entry] = {}
    for _, entry in data.entries() if data else []:
        for target in entry.targets:
            found.setdefault(target, entry)
    return found
