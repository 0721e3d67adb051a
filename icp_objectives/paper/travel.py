"""The direction of travel: how a breakthrough objective's rating moved since last quarter. Pure.

The partnership's rating scale is ordered (`ratings_order`: best first, unless it says
`worst-first`), so a move along it is better or worse. Always a word; the symbol is an extra.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from icp_objectives.domain.model import Rating


@dataclass(frozen=True)
class Travel:
    """A direction of travel as the paper prints it: a word, and a symbol beside it."""

    kind: str  # improved, same, worse, new, unrated (no previous rating), none (no rating now)
    word: str
    symbol: str = ""


IMPROVED = Travel("improved", "Improved", "▲")
SAME = Travel("same", "Same", "▶")
WORSE = Travel("worse", "Worse", "▼")
NEW = Travel("new", "New")  # nothing to compare with: no update last quarter, or no quarter
NO_PREVIOUS = Travel("unrated", "No previous rating")  # last quarter's update gave none
NO_RATING = Travel("none", "No rating this quarter")


def ranks(ratings: Sequence[Rating], order: str = "best-first") -> dict[str, int]:
    """Each rating id's place on the scale, 0 being the best."""
    ids = [r.id for r in ratings]
    if order == "worst-first":
        ids.reverse()
    return {rating: place for place, rating in enumerate(ids)}


def direction(
    now: str | None, before: str | None, *, updated_before: bool, rank: dict[str, int]
) -> Travel:
    """From last quarter's rating `before` (None when there was none, or no update at all:
    `updated_before` tells which) to this quarter's `now`. Without both there is nothing to
    compare, and the word says which is missing, last quarter's first."""
    if not updated_before:
        return NEW
    if before is None or before not in rank:
        return NO_PREVIOUS
    if now is None or now not in rank:
        return NO_RATING
    if rank[now] < rank[before]:
        return IMPROVED
    return WORSE if rank[now] > rank[before] else SAME
