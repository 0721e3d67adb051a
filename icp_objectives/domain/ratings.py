"""Reading a status word as a rating of the partnership's scale. Pure.

One rule for every place a person writes a status: `--status` on the command line, the
answer at the prompt, and `status:` in a quarter file. A status names a rating by its id
(`amber-green`) or its label (`Amber/Green`), in any case; spaces, slashes, hyphens and
underscores between its words count as one separator (`amber green`, `Amber / Green`), as
long as that leaves only one rating it can name. What names none gets the same hint
wherever it was written, and the hint only offers ratings that are on the scale.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol

from icp_objectives.domain.wording import close_matches, listing


class Named(Protocol):
    """A point on a rating scale, as far as reading a status needs it."""

    @property
    def id(self) -> str: ...
    @property
    def label(self) -> str: ...


@dataclass(frozen=True)
class Word:
    """A rating known only by its id and label (from a partnership file with problems)."""

    id: str
    label: str


# Between the words of a status: spaces, slashes, hyphens (and typographic dashes), underscores.
_SEPARATORS = re.compile(r"[\s/\\_\-\u2010-\u2015]+")


def spelling(text: str) -> str:
    """A status as compared loosely: lower case, its words joined by one hyphen."""
    return _SEPARATORS.sub("-", text.casefold()).strip("-")


def _exact(text: str) -> str:
    return " ".join(text.split()).casefold()


def rating_id(typed: str, ratings: Sequence[Named]) -> str | None:
    """The id of the rating that `typed` names, or None when it names none (or several).

    An id or a label as written (any case, spaces collapsed) wins; otherwise the loose
    spelling must match the id or label of exactly one rating.
    """
    wanted = _exact(typed)
    if not wanted:
        return None
    for rating in ratings:
        if rating.id.casefold() == wanted:
            return rating.id
    for rating in ratings:
        if _exact(rating.label) == wanted:
            return rating.id
    loose = spelling(typed)
    found = {r.id for r in ratings if loose in {spelling(r.id), spelling(r.label)}}
    return found.pop() if len(found) == 1 else None


def guesses(typed: str, ratings: Sequence[Named], *, most: int = 1) -> list[str]:
    """The ids of the ratings `typed` may have meant (closest first); only ratings on the
    scale, and those a loose spelling cannot tell apart."""
    loose = spelling(typed)
    tied = [r.id for r in ratings if loose in {spelling(r.id), spelling(r.label)}]
    if len(tied) > 1:
        return tied
    by_spelling: dict[str, str] = {}
    for rating in ratings:
        by_spelling.setdefault(spelling(rating.id), rating.id)
        by_spelling.setdefault(spelling(rating.label), rating.id)
    close = close_matches(loose, by_spelling, most=most * 2)
    return list(dict.fromkeys(by_spelling[c] for c in close))[:most]


def unknown(typed: str, ratings: Sequence[Named]) -> str:
    """Why `typed` is not a status, and what to write: the same words wherever it was typed."""
    return _unknown(typed, ratings, "on the rating scale", "a rating's label")


def unknown_status(typed: str, statuses: Sequence[Named]) -> str:
    """Why `typed` is not one of the deliverable statuses, in the words `unknown` uses."""
    return _unknown(typed, statuses, "a deliverable status", "a status's label")


def _unknown(typed: str, ratings: Sequence[Named], what: str, label: str) -> str:
    shown = " ".join(typed.split())
    meant = guesses(typed, ratings)
    guess = f" (did you mean {listing((repr(m) for m in meant), last=' or ')}?)" if meant else ""
    choices = listing(sorted(r.id for r in ratings), last=", ", empty="(none yet)")
    return f"'{shown}' is not {what}{guess}; use one of {choices}, or {label}"


def scale_words(ratings: Iterable[Named]) -> str:
    """The scale as a prompt shows it: 'green (On track), amber (Some risk)'."""
    return ", ".join(f"{r.id} ({r.label})" for r in ratings)
