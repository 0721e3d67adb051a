"""Status tables: each deliverable of an objective or breakthrough objective, with its status
as the latest update up to the quarter left it, in words. Pure."""

from __future__ import annotations

from dataclasses import dataclass

from icp_objectives.domain.model import DeliverableUpdate, Objective
from icp_objectives.domain.periods import Quarter
from icp_objectives.load.loaded import Repository

NOT_REPORTED = "Not yet reported"


@dataclass(frozen=True)
class Row:
    id: str
    requirement: str
    group: str  # "" when the table has no groups
    due: str
    status: str  # in words: the status's label, "" when the update gave none, or NOT_REPORTED
    status_id: str | None
    progress: str
    support: str
    since: str  # the earlier quarter whose update it still shows, or "" for this quarter's


@dataclass(frozen=True)
class Table:
    covers: str  # "7" or "7.1"
    caption: str
    anchor: str
    rows: tuple[Row, ...]

    @property
    def columns(self) -> tuple[str, ...]:
        """The columns any row fills, in the order printed (a requirement always)."""
        wanted = [("due", "Due"), ("status", "Status"), ("progress", "Progress")]
        wanted.append(("support", "Support"))
        shown = [name for key, name in wanted if any(getattr(r, key) for r in self.rows)]
        return ("Requirement", *shown)

    @property
    def groups(self) -> tuple[tuple[str, tuple[Row, ...]], ...]:
        """The rows in their groups, in the order the first of each appears."""
        order: dict[str, list[Row]] = {}
        for row in self.rows:
            order.setdefault(row.group, []).append(row)
        return tuple((group, tuple(rows)) for group, rows in order.items())


def build(repo: Repository, objective: Objective, quarter: Quarter) -> tuple[Table, ...]:
    """The objective's status tables as they stood at the end of `quarter`."""
    if not objective.tables:
        return ()
    latest = _latest(repo, objective.id, quarter)
    labels = {s.id: s.label for s in repo.partnership.model.statuses} if repo.partnership else {}
    tables = []
    for covers, caption, deliverables in objective.tables:
        rows = []
        for d in deliverables:
            said, when = latest.get(d.id, (None, None))
            status_id = said.status if said else None
            rows.append(
                Row(
                    id=d.id,
                    requirement=d.requirement,
                    group=d.group or "",
                    due=d.due or "",
                    status=_words(status_id, labels) if said else NOT_REPORTED,
                    status_id=status_id,
                    progress=(said.progress if said else None) or "",
                    support=(said.support if said else None) or d.support or "",
                    since=when.label if when and when != quarter else "",
                )
            )
        anchor = "deliverables-" + covers.replace(".", "-")
        tables.append(Table(covers, caption, anchor, tuple(rows)))
    return tuple(tables)


def _words(status: str | None, labels: dict[str, str]) -> str:
    return labels.get(status, status) if status else ""


def _latest(
    repo: Repository, number: int, quarter: Quarter
) -> dict[str, tuple[DeliverableUpdate, Quarter]]:
    """Each deliverable as its updates up to the quarter left it, and the quarter of the latest:
    a field a later update leaves out (its status, say, when it gives only progress) keeps
    what an earlier one said."""
    found: dict[str, tuple[DeliverableUpdate, Quarter]] = {}
    for when in sorted(q for q in repo.quarters if q <= quarter):
        loaded = repo.quarters[when].updates.get(str(number))
        for entry in loaded.model.entries if loaded else []:
            for update in entry.deliverables:
                earlier = found.get(update.id)
                if earlier is not None:
                    given = update.model_dump(exclude_none=True)
                    update = earlier[0].model_copy(update=given)
                found[update.id] = (update, when)
    return found
