"""What changed in the status tables: their rows in the objective files, and each quarter's
status, progress and support of a row. Pure.

A row is named as the paper's table names it: the table's caption (the breakthrough
objective's short title, or the objective's title), then its requirement
("PCN DES: Service specifications"); a status by its label ("under review → in place").
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace

from icp_objectives.domain.model import Deliverable, DeliverableUpdate, Objective
from icp_objectives.load.loaded import Repository
from icp_objectives.review.changes import Change, quoted, said, shown

UPDATE_FIELDS = ("progress", "support")  # after the status, in the order reported
ROW_FIELDS = ("requirement", "group", "due", "support")


@dataclass(frozen=True)
class Said:
    """One change to a deliverable's update in a quarter, before it is placed in an entry."""

    deliverable: str
    kind: str
    text: str
    before: str | None = None
    after: str | None = None


@dataclass(frozen=True)
class Words:
    """How the diff names rows and statuses: head's words, base's where head has none."""

    rows: dict[tuple[int, str], str]  # (objective, deliverable id) → "PCN DES: Service ..."
    statuses: dict[str, str]  # status id → label

    @classmethod
    def of(cls, base: Repository, head: Repository) -> Words:
        rows: dict[tuple[int, str], str] = {}
        for repo in (head, base):
            for loaded in repo.objectives:
                for _, caption, deliverables in loaded.model.tables:
                    for d in deliverables:
                        rows.setdefault((loaded.model.id, d.id), f"{caption}: {d.requirement}")
        statuses: dict[str, str] = {}
        for repo in (head, base):
            if repo.partnership is not None:
                for status in repo.partnership.model.statuses:
                    statuses.setdefault(status.id, status.label)
        return cls(rows, statuses)

    def row(self, objective: int, key: str) -> str:
        return self.rows.get((objective, key), f"Deliverable {key}")

    def status(self, key: str | None) -> str:
        """'in place' for in-place (In place); a label that starts with capitals stays as it is."""
        if key is None:
            return "no status"
        label = self.statuses.get(key, key)
        return label[0].lower() + label[1:] if label[1:2].islower() else label


Earlier = Callable[[str], tuple[str, str] | None]  # a deliverable's last status before


def updates(
    words: Words,
    objective: int,
    quarter: str,
    sides: tuple[Sequence[DeliverableUpdate], Sequence[DeliverableUpdate]],
    earlier: Earlier,
) -> Iterator[Said]:
    """Each deliverable's update that differs between two versions of an entry, by id: added
    (with the status an earlier quarter last gave it, from `earlier`: (quarter, status)),
    then changed (status, progress, support), in the entry's order, then removed."""
    before, after = sides
    old = {u.id: u for u in reversed(before)}  # the first, if an id is given twice
    new = {u.id: u for u in reversed(after)}
    for update in after:
        if new.get(update.id) is not update:
            continue
        row = words.row(objective, update.id)
        was = old.get(update.id)
        if was is None:
            yield _reported(words, row, quarter, update, earlier(update.id))
            continue
        if was.status != update.status:
            moved = f"{words.status(was.status)} → {words.status(update.status)}"
            yield Said(
                update.id,
                "deliverable-status",
                f"{row}: {moved} ({quarter})",
                was.status,
                update.status,
            )
        for name in UPDATE_FIELDS:
            then, now = getattr(was, name), getattr(update, name)
            if then != now:
                text = f"{row}: {name} {shown(then)} → {shown(now)} ({quarter})"
                yield Said(update.id, f"deliverable-{name}", text, then, now)
    for key, was in old.items():
        if key not in new:
            row = words.row(objective, key)
            text = f"{row}: no longer reported in {quarter} (was {words.status(was.status)})"
            yield Said(key, "deliverable-unreported", text, was.status)


def _reported(
    words: Words,
    row: str,
    quarter: str,
    update: DeliverableUpdate,
    earlier: tuple[str, str] | None,
) -> Said:
    """'PCN DES: Service specifications: reported in place (2020/21 Q1), was under review in
    2019/20 Q4': the row's status, and the last one given before, as the paper carried it."""
    text = f"{row}: reported {words.status(update.status)}" if update.status else f"{row}: reported"
    if update.progress:
        text += f", {quoted(update.progress)}"
    text += f" ({quarter})"
    was = None
    if earlier is not None and update.status is not None:
        when, was = earlier
        text += f", was {words.status(was)} in {when}"
    return Said(update.id, "deliverable-reported", text, was, update.status)


def definitions(number: int, before: Objective, after: Objective) -> Iterator[Change]:
    """The rows of the objective's status tables added, removed, moved or edited."""
    old, new = _rows(before), _rows(after)
    for key, (covers, caption, row) in old.items():
        if key not in new:
            text = f"{caption}: deliverable removed: {quoted(row.requirement)}"
            yield _said(number, (covers, key), "deliverable-removed", text)
    for key, (covers, caption, row) in new.items():
        where = (covers, key)
        if key not in old:
            text = f"{caption}: deliverable added: {quoted(row.requirement)}"
            yield _said(number, where, "deliverable-added", text)
            continue
        _, was_caption, was = old[key]
        if was_caption != caption:
            text = f"{caption}: {row.requirement}: moved from the table of {was_caption}"
            yield _said(number, where, "deliverable-moved", text, was_caption, caption)
        for name in ROW_FIELDS:
            then, now = getattr(was, name), getattr(row, name)
            if then != now:
                text = f"{caption}: {was.requirement}: {name} {shown(then)} → {shown(now)}"
                yield _said(number, where, f"deliverable-{name}", text, then, now)


def _rows(objective: Objective) -> dict[str, tuple[str, str, Deliverable]]:
    """Each row by id, with what its table covers ("6.2", or "8") and its caption."""
    found: dict[str, tuple[str, str, Deliverable]] = {}
    for covers, caption, deliverables in objective.tables:
        for row in deliverables:
            found.setdefault(row.id, (covers, caption, row))
    return found


def _said(
    number: int,
    where: tuple[str, str],
    kind: str,
    text: str,
    before: object = None,
    after: object = None,
) -> Change:
    covers, key = where
    subject = covers if "." in covers else f"objective {covers}"
    return replace(said(number, subject, kind, text, before, after), deliverable=key)
