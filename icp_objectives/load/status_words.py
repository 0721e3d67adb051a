"""Status words as ids: a status written by a rating's label, or in another case, is read as
the rating it names, once, as the repository is loaded."""

from __future__ import annotations

from collections.abc import Sequence

from icp_objectives.domain import ratings
from icp_objectives.domain.model import DeliverableUpdate, Entry, Rating
from icp_objectives.load.loaded import Loaded, Repository


def as_ids(repo: Repository) -> None:
    """A status written by a rating's label or in another case (`Amber/Green`) is that
    rating's id from here on, for the checks, the paper and the review alike; one that names
    no rating is kept as written, for the checks to report."""
    scale = repo.ratings
    statuses = repo.partnership.model.statuses if repo.partnership else []
    for data in repo.quarters.values():
        for number, loaded in data.updates.items():
            entries = loaded.model.entries
            rated = [_rated(entry, scale, statuses) for entry in entries]
            if any(new is not old for new, old in zip(rated, entries, strict=True)):
                model = loaded.model.model_copy(update={"entries": rated})
                data.updates[number] = Loaded(loaded.source, model)


def _rated(entry: Entry, scale: Sequence[Rating], statuses: Sequence[Rating]) -> Entry:
    """The entry with its status, and its deliverables' statuses, as ids (by the same rule)."""
    if entry.status is None and not entry.deliverables:
        return entry  # nothing rated: most entries of a long file
    chosen = None if entry.status is None else ratings.rating_id(entry.status, scale)
    rows = [_row_status(row, statuses) for row in entry.deliverables]
    changed = any(new is not old for new, old in zip(rows, entry.deliverables, strict=True))
    if (chosen is None or chosen == entry.status) and not changed:
        return entry
    update: dict[str, object] = {"deliverables": rows}
    if chosen is not None:
        update["status"] = chosen
    return entry.model_copy(update=update)


def _row_status(row: DeliverableUpdate, statuses: Sequence[Rating]) -> DeliverableUpdate:
    chosen = None if row.status is None else ratings.rating_id(row.status, statuses)
    return (
        row if chosen is None or chosen == row.status else row.model_copy(update={"status": chosen})
    )
