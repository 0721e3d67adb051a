"""What the data defines and may refer to, as far as each file could be read. Pure."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from pydantic import BaseModel, ValidationError

from icp_objectives.domain.model import Breakthrough, Measure
from icp_objectives.domain.partnership import Terms
from icp_objectives.domain.periods import PeriodError
from icp_objectives.domain.ratings import Word
from icp_objectives.domain.reading_periods import parse_written
from icp_objectives.domain.wording import close_matches, listing
from icp_objectives.load.loaded import (
    Source,
)

# Ids a message offers to choose from, as in 'use one of amber, green, red'.
ids = partial(listing, last=", ", empty="(none yet)")


@dataclass
class Known:
    """An objective as far as its file could be read: all of it, or the parts that fitted."""

    source: Source
    breakthroughs: list[str]
    complete: bool


@dataclass
class Unsure:
    """What files that did not load might define, so references to it are not judged."""

    objectives: set[int] = field(default_factory=set)
    ids: set[str] = field(default_factory=set)  # ids written in parts that did not fit
    any_objective: bool = False  # a file whose objective cannot be told
    any_id: bool = False  # a file whose ids cannot be read

    def objective(self, number: int) -> bool:
        return self.any_objective or number in self.objectives

    def breakthrough(self, target: str) -> bool:
        return target in self.ids or self.objective(int(target.split(".")[0]))

    def measure(self, measure: str) -> bool:
        return self.any_id or measure in self.ids


@dataclass
class Catalog:
    """What the rest of the data may refer to, by id."""

    objectives: dict[int, Known] = field(default_factory=dict)
    breakthroughs: dict[str, Breakthrough] = field(default_factory=dict)
    measures: dict[str, tuple[str, Measure]] = field(default_factory=dict)
    outcome_measures: dict[str, Measure] = field(default_factory=dict)  # the summary's own
    partners: set[str] | None = None  # None: the partnership file could not be read for them
    people: set[str] = field(default_factory=set)  # the people a lead may name, besides partners
    terms: Terms = field(default_factory=Terms)  # the partnership's words for its levels
    statuses: set[str] | None = None  # what a deliverable's status may be
    # Each objective's deliverables, and the part that owns each ("7" or "7.1").
    deliverables: dict[int, dict[str, str]] = field(default_factory=dict)
    ratings: list[Word] | None = None  # the rating scale; None: it could not be read
    unsure: Unsure = field(default_factory=Unsure)
    today: dt.date = dt.date.max


def fit(kind: type[BaseModel], raw: Any) -> Any:
    """`raw` as a `kind`, or None when it does not fit (its problems are reported already)."""
    try:
        return kind.model_validate(raw)
    except ValidationError:
        return None


def ids_in(raw: Any) -> Iterator[str]:
    """Every id written anywhere in a part of a file that did not fit its model."""
    if isinstance(raw, dict):
        if raw.get("id") is not None:
            yield str(raw["id"])
        for value in raw.values():
            yield from ids_in(value)
    elif isinstance(raw, list):
        for item in raw:
            yield from ids_in(item)


def is_number(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= 99


def period_or_none(value: Any) -> str | None:
    """A stated period the schema accepted; one it refused is reported already."""
    if not isinstance(value, str):
        return None
    try:
        parse_written(value)
    except PeriodError:
        return None
    return value


def suggest(value: str, known: Iterable[str]) -> str:
    close = close_matches(value, sorted(known))
    return f" (did you mean '{close[0]}'?)" if close else ""
