"""Adding to an entry already in a quarter file: text, a status, readings, deliverables'
statuses, an author. Pure.

Each addition is its own splice (see splice), so the entry's other lines stay as they are:
text joins the end of the body, readings follow the entry's last reading, a deliverable the
entry already updates has its status (and progress) replaced and any other follows its last
deliverable, and a status or an author replaces that key's line, or is added where a new
entry would have it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from icp_objectives.edit import entries, splice
from icp_objectives.edit.entries import Content, EntryError

# Where an added key goes: on the line before the first of these keys that the entry has.
STATUS_BEFORE = ("body", "readings", "deliverables", "author")
READINGS_BEFORE = ("deliverables", "author", "correction")
DELIVERABLES_BEFORE = ("author", "correction")
# Within one deliverable's update: where its status or progress goes when it has none.
UPDATE_BEFORE = {"status": ("progress", "support"), "progress": ("support",)}
AUTHOR_BEFORE = ("correction",)


def check(content: Content) -> None:
    """Refuse what an addition cannot do, or an addition of nothing."""
    if content.heading is not None:
        raise EntryError(
            "--append adds text, a status, readings or an author to the entry, so --heading"
            " cannot be used with it; use --replace to rewrite the whole entry"
        )
    if not content.has_text and not additions(content):
        raise EntryError(
            "--append needs something to add: text (--bullet, --body or --body-file),"
            " a --status to change, a --reading, a --deliverable or an --author"
        )


def additions(content: Content) -> bool:
    """Whether `content` adds anything besides text."""
    return (
        content.status is not None
        or bool(content.readings)
        or bool(content.deliverables)
        or content.author is not None
    )


def append(text: str, index: int, content: Content, correction: dict[str, Any] | None) -> str:
    """The file's text with `content` added to entry `index` (and `correction` recorded)."""
    check(content)
    if content.status is not None:
        status = entries.status_text(content.status)
        text = splice.set_in_entry(text, index, "status", status, before=STATUS_BEFORE)
    if correction is not None:
        text = splice.set_in_entry(text, index, "correction", correction)
    if content.has_text:
        text = splice.append_to_entry(text, index, entries.body_text(content))
    if content.readings:
        added = [dict(reading) for reading in content.readings]
        text = splice.extend_in_entry(text, index, "readings", added, before=READINGS_BEFORE)
    if content.deliverables:
        text = _deliverables(text, index, content.deliverables)
    if content.author is not None:
        author = entries.one_line("--author", content.author)
        text = splice.set_in_entry(text, index, "author", author, before=AUTHOR_BEFORE)
    return text


def _deliverables(text: str, index: int, updates: Sequence[dict[str, Any]]) -> str:
    """Each update's status and progress set where the entry already updates that
    deliverable; the others added after the entry's last deliverable."""
    current = splice.listed(text, index, "deliverables")
    places = {
        d.get("id"): place for place, d in reversed(list(enumerate(current))) if isinstance(d, dict)
    }
    added = []
    for update in updates:
        place = places.get(update["id"])
        if place is None:
            added.append(dict(update))
            continue
        for key in ("status", "progress"):
            if key in update:
                where = ("deliverables", place)
                before = UPDATE_BEFORE[key]
                text = splice.set_in_list_item(text, index, where, key, update[key], before)
    if added:
        text = splice.extend_in_entry(
            text, index, "deliverables", added, before=DELIVERABLES_BEFORE
        )
    return text
