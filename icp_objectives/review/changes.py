"""A change in meaning between two revisions, as one plain sentence, and the words it uses."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field

from icp_objectives.domain.model import Rating
from icp_objectives.domain.partnership import Terms
from icp_objectives.domain.periods import Quarter
from icp_objectives.domain.problems import Problem


@dataclass(frozen=True)
class Change:
    """One change a reviewer should see, with the objective it belongs to (None: the whole)."""

    group: int | None
    quarter: str | None
    subject: str
    kind: str
    text: str
    locked: str | None = None  # why the change touches a paper already presented
    correction: str | None = None  # the reason given, when marked as a correction
    before: str | None = None  # the old value, for tools, where the change is of one value
    after: str | None = None  # the new value
    # The quarters whose paper, already presented, printed what this changes (as 2020/21 Q1);
    # those papers stay as presented, and the next paper shows the change.
    presented: tuple[str, ...] = ()
    deliverable: str | None = None  # the id of the status table's row it changes, if any


@dataclass(frozen=True)
class Unreadable:
    """A problem that stopped a file being read on one side: its changes cannot be shown."""

    side: str  # "base" or "head"
    problem: Problem


@dataclass
class Diff:
    changes: list[Change]
    unreadable: list[Unreadable]
    titles: dict[int, str] = field(default_factory=dict)
    papers: tuple[Quarter, ...] = ()  # the quarters whose paper the changes affect, oldest first
    terms: Terms = field(default_factory=Terms)  # the partnership's words, for the headings

    def groups(self) -> list[tuple[int | None, list[Change]]]:
        """Changes by objective, the partnership and papers' front matter first."""
        keys = sorted({c.group for c in self.changes}, key=lambda g: -1 if g is None else g)
        return [(key, [c for c in self.changes if c.group == key]) for key in keys]

    def heading(self, group: int | None) -> str:
        if group is None:
            return "The partnership and the papers"
        title = self.titles.get(group)
        word = self.terms.objective_heading
        return f"{word} {group}: {title}" if title else f"{word} {group}"

    @property
    def locked(self) -> list[Change]:
        return [c for c in self.changes if c.locked and not c.correction]


def quoted(text: str) -> str:
    """A title or text in quotes, cut to one short line."""
    line = " ".join(text.split())
    return f'"{line[:77]}..."' if len(line) > 80 else f'"{line}"'


def rating_words(rating: str | None, labels: Mapping[str, str] | Mapping[str, Rating]) -> str:
    """A rating id, with its label when the label says something the id does not."""
    if rating is None:
        return "not rated"
    found = labels.get(rating)
    label = found.label if isinstance(found, Rating) else found
    if not label or _same(label, rating):
        return rating
    return f"{rating} ({label})"


def rating_change(was: str | None, now: str | None, labels: Mapping[str, str]) -> str:
    """'amber → red (Some risk → Off track)': ids first, labels where they add something."""
    ids = f"{was or 'not rated'} → {now or 'not rated'}"
    words = [labels.get(r, "") if r else "Not rated" for r in (was, now)]
    if all(w and not _same(w, r or "not rated") for w, r in zip(words, (was, now), strict=True)):
        return f"{ids} ({words[0]} → {words[1]})"
    return ids


def _same(label: str, rating: str) -> bool:
    return label.lower().replace(" ", "-").replace("/", "-") == rating.lower()


def said(
    group: int | None,
    subject: str,
    kind: str,
    text: str,
    before: object = None,
    after: object = None,
) -> Change:
    """A change to the objectives or the partnership (not to one quarter)."""
    return Change(group, None, subject, kind, text, before=raw(before), after=raw(after))


def raw(value: object) -> str | None:
    """A value as tools read it: 72, not 72.0; None stays None."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return None if value is None else str(value)


def fields(
    group: int | None, subject: str, label: str, before: object, after: object, names: Iterable[str]
) -> Iterator[Change]:
    """One change per named field that differs: 'Objective 2 lead: "ncc" → "sfh"'."""
    for name in names:
        was, now = getattr(before, name), getattr(after, name)
        if was != now:
            text = f"{label} {name.replace('_', ' ')}: {shown(was)} → {shown(now)}"
            yield said(group, subject, name, text, was, now)


def shown(value: object) -> str:
    return "(none)" if value is None or value == "" else quoted(str(value))
