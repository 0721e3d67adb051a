"""Where every breakthrough objective stands this quarter and last, and who still owes an update.

Pure: built from a loaded repository; the command prints it as a table or JSON.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from icp_objectives.domain.model import Entry, Rating
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


@dataclass(frozen=True)
class Standing:
    quarter: Quarter
    rows: tuple[Row, ...]
    started: bool = True  # whether the quarter has a folder of its own
    errors: int = 0  # errors in the data, which may hide updates
    warnings: int = 0  # warnings in the data, which hide nothing

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
            "unread": list(self.unread),
            "errors": self.errors,
            "warnings": self.warnings,
        }


def build(repo: Repository, quarter: Quarter) -> Standing:
    ratings = {r.id: r for r in repo.ratings}
    now, before = _entries(repo, quarter), _entries(repo, quarter.previous())
    unread_now, unread_before = _unread(repo, quarter), _unread(repo, quarter.previous())
    rows = []
    for loaded in sorted(repo.objectives, key=lambda o: o.model.id):
        number = loaded.model.id
        for breakthrough in loaded.model.breakthroughs:
            rows.append(
                Row(
                    number,
                    breakthrough.id,
                    breakthrough.short_title or breakthrough.title,
                    Cell.of(now.get(breakthrough.id), ratings, unread=number in unread_now),
                    Cell.of(before.get(breakthrough.id), ratings, unread=number in unread_before),
                )
            )
    errors, warnings = counts(repo.problems)
    return Standing(quarter, tuple(rows), quarter in repo.quarters, errors, warnings)


def _unread(repo: Repository, quarter: Quarter) -> set[int]:
    """The objectives whose file for the quarter exists but could not be read."""
    data = repo.quarters.get(quarter)
    return {int(number) for number in data.unfit_updates} if data else set()


def _entries(repo: Repository, quarter: Quarter) -> dict[str, Entry]:
    """Each breakthrough objective's entry in a quarter (not entries on a whole objective)."""
    data = repo.quarters.get(quarter)
    found: dict[str, Entry] = {}
    for _, entry in data.entries() if data else []:
        for target in entry.targets:
            if "." in target:
                found.setdefault(target, entry)
    return found
