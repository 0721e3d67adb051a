"""What the statistics say differently about a measure between two revisions: its variation
and its assurance, Making Data Count's two icons, told only when one of them changed. Pure.

The readings and the definition are compared first: a measure whose series and definition are
the same on both sides cannot read differently, so its statistics are not worked out.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from icp_objectives.domain.model import Measure
from icp_objectives.load.loaded import SERIES_PATH, UPDATES_PATH, Repository
from icp_objectives.load.series_csv import SERIES_SUFFIX
from icp_objectives.measures.assessed import assess, inputs
from icp_objectives.measures.labels import ASSURANCES, KINDS
from icp_objectives.measures.series import Series, series_of
from icp_objectives.review.changes import Change


@dataclass(frozen=True)
class Pair:
    """One measure on both sides (its id may have changed), with the breakthrough owning it."""

    before: Measure
    before_owner: str
    after: Measure
    after_owner: str


def compare(
    base: Repository, head: Repository, pairs: Iterable[Pair], broken: set[str]
) -> Iterator[Change]:
    """Each measure's variation and assurance, where either changed.

    A measure is left out when a file that could not be read on either side may hold its
    readings (its series file, or an update that names it): its series is not known there,
    and a change would be only the missing readings. Those files are listed as unreadable.
    """
    for pair in pairs:
        if _unknown(pair, base, head, broken):
            continue
        was = series_of(base, pair.before, owner=pair.before_owner)
        now = series_of(head, pair.after, owner=pair.after_owner)
        if inputs(was) == inputs(now):
            continue
        yield from _told(pair, was, now)


def _unknown(pair: Pair, base: Repository, head: Repository, broken: set[str]) -> bool:
    """Whether a file in `broken` may hold a reading of the measure: its series file, or an
    update whose bytes name it (a reading names its measure by id), or could not be read."""
    ids = {pair.before.id, pair.after.id}
    if any(f"{SERIES_PATH}/{i}{SERIES_SUFFIX}" in broken for i in ids):
        return True
    names = [i.encode() for i in ids]
    updates = [rel for rel in broken if rel.startswith(UPDATES_PATH + "/")]
    for repo in (base, head):
        own = {p.path for p in repo.problems}
        for rel in updates:  # as it is on each side: the side that reads may hold it too
            data = repo.contents.get(rel)
            if data is None and rel in own:  # refused unread: anything may be in it
                return True
            if data is not None and any(i in data for i in names):
                return True
    return False


def _told(pair: Pair, was: Series, now: Series) -> Iterator[Change]:
    before, after = assess(was).analysis, assess(now).analysis
    told = _Told(int(pair.after_owner.split(".")[0]), pair.after_owner, pair.after.id)
    if before.variation != after.variation:
        yield told("variation", before.variation, after.variation)
    if before.assurance != after.assurance:
        yield told("assurance", before.assurance, after.assurance)


@dataclass(frozen=True)
class _Told:
    group: int
    owner: str
    measure: str

    def __call__(self, kind: str, was: str | None, now: str | None) -> Change:
        """'3.1 measure dta-delays assurance: inconsistent → consistent_fail (Hit and miss →
        Consistently failing the target)': the ids tools read, then the paper's words."""
        ids = f"{was or 'none'} → {now or 'none'}"
        words = f"{_words(kind, was)} → {_words(kind, now)}"
        text = f"{self.owner} measure {self.measure} {kind}: {ids} ({words})"
        return Change(self.group, None, self.owner, kind, text, before=was, after=now)


def _words(kind: str, value: str | None) -> str:
    """The label the paper gives, to its colon (the assurance label goes on to explain)."""
    if kind == "variation":
        return _KINDS.get(value or "", "No limits yet")
    return _ASSURANCES.get(value or "", "Not assessed").split(":")[0]


_KINDS: dict[str, str] = {str(k): v for k, v in KINDS.items()}
_ASSURANCES: dict[str, str] = {str(k): v for k, v in ASSURANCES.items()}
