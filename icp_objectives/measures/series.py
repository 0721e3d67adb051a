"""One series per measure: its readings from update entries and from its series file, merged
into observations in period order. Pure: works on a loaded repository.

A reading in an update entry is for the entry's quarter unless it names its period. The same
period given twice with the same value is one observation; with different values, in the
series file and an update, or in two entries of one quarter, it is a problem naming both
places (the check reports it). An update of a later quarter may restate an earlier reading:
the later one is kept, as the paper has always shown the latest reported. Periods that do not
fit the measure's frequency are problems too, and are left out of the series.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import total_ordering
from typing import Literal, cast

from icp_objectives.domain.figures import show_value
from icp_objectives.domain.model import Measure, QuarterUpdates, Reading
from icp_objectives.domain.periods import PeriodError, Quarter
from icp_objectives.domain.problems import Problem, Severity
from icp_objectives.domain.reading_periods import (
    Period,
    of_quarter,
    parse_reading_period,
    period_or_none,
    written_kind,
)
from icp_objectives.load.loaded import Loaded, Repository, Source
from icp_objectives.load.series_csv import SeriesFile


@total_ordering
class Origin:
    """Where an observation is written: a file, and the line and column of its period (or,
    for a reading that names none, of the reading). The place may be found only when asked
    for (`find`): a problem asks, a chart never does, and finding it means composing the
    file's text again when its reading was kept from a run before (see `kept_reads`)."""

    __slots__ = ("_find", "_place", "path")

    def __init__(
        self,
        path: str,
        line: int = 1,
        column: int = 1,
        *,
        find: Callable[[], tuple[int, int]] | None = None,
    ) -> None:
        self.path = path
        self._place = (line, column)
        self._find = find

    def _found(self) -> tuple[int, int]:
        if self._find is not None:
            self._place, self._find = self._find(), None
        return self._place

    @property
    def line(self) -> int:
        return self._found()[0]

    @property
    def column(self) -> int:
        return self._found()[1]

    def _key(self) -> tuple[str, int, int]:
        return (self.path, *self._found())

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Origin) and self._key() == other._key()

    def __lt__(self, other: Origin) -> bool:
        return self._key() < other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __repr__(self) -> str:
        return f"Origin({self.path!r}, {self.line}, {self.column})"

    def __str__(self) -> str:
        return f"{self.path}:{self.line}"


@dataclass(frozen=True)
class Observation:
    """One point of a measure's series."""

    period: Period
    value: float  # a ratio's percentage when the reading gives no value of its own
    origin: Origin
    numerator: float | None = None
    denominator: float | None = None
    qualifier: str | None = None
    note: str | None = None
    # The update entry it was read from, as path#index (None for a series file's row): two
    # readings of one entry for one period are the entry's own problem (duplicate-reading).
    entry: str | None = None

    def shown(self, measure: Measure) -> str:
        """The value as the paper writes it: '17', '115 of 118 (97%)', 'over 11,000'."""
        return show_value(
            self.value,
            measure.unit,
            numerator=self.numerator,
            denominator=self.denominator,
            qualifier=self.qualifier,
            cumulative=measure.cumulative,
        )


@dataclass(frozen=True)
class Series:
    """A measure's observations in period order, where its limits are recalculated, and the
    problems found while merging (empty for valid data)."""

    measure: Measure
    observations: tuple[Observation, ...]
    segment_starts: tuple[int, ...]  # indices of the first point of each recalculated stretch
    problems: tuple[Problem, ...] = ()

    @property
    def values(self) -> tuple[float, ...]:
        return tuple(o.value for o in self.observations)

    @property
    def periods(self) -> tuple[Period, ...]:
        return tuple(o.period for o in self.observations)

    @property
    def better(self) -> Literal["higher", "lower", "neutral"]:
        """Which way is better, for the statistics: a measure that does not say is neutral."""
        return self.measure.better or "neutral"

    @property
    def target(self) -> float | None:
        """The target's value (a standing threshold or by its period), or None."""
        return self.measure.target.value if self.measure.target else None


UpTo = Quarter | Period | dt.date | None


def series_of(
    repo: Repository, measure: Measure, up_to: UpTo = None, owner: str | None = None
) -> Series:
    """The measure's series, from its series file and the update entries that read it.

    `up_to` (a quarter, a period or a date) keeps what a paper of that time could show: the
    periods that ended by then, from update entries of quarters that had begun by then. Only
    entries that cover the measure's breakthrough objective `owner` (or its objective) count:
    a reading elsewhere is a problem of its own. By default the owner is looked up.
    """
    cut_off = _cut_off(up_to)
    kept: dict[Period, Observation] = {}
    problems: list[Problem] = []
    owner = owner or owner_of(repo, measure.id)
    for candidate, problem in _candidates(repo, measure, cut_off, owner):
        if problem is not None:
            problems.append(problem)
            continue
        assert candidate is not None
        if cut_off is not None and candidate.period.last_day > cut_off:
            continue
        first = kept.setdefault(candidate.period, candidate)
        if first is candidate or (first.entry is not None and first.entry == candidate.entry):
            continue  # twice in one entry is the entry's own problem (duplicate-reading)
        if first.entry and candidate.entry and first.origin.path != candidate.origin.path:
            kept[candidate.period] = candidate  # restated in a later quarter's update: it wins
            revised = _revised(first, candidate, measure)
            if revised is not None and not _presented(repo, candidate.origin.path):
                problems.append(revised)  # a presented paper's update is locked: no note now
            continue
        conflict = _disagree(first, candidate, measure)
        if conflict is not None:
            problems.append(conflict)
    observations = tuple(kept[period] for period in sorted(kept))
    return Series(measure, observations, segment_starts(measure, observations), tuple(problems))


def all_series(repo: Repository, up_to: UpTo = None) -> dict[str, Series]:
    """Every measure's series, by id, in the order the objective files define them."""
    found: dict[str, Series] = {}
    for loaded in sorted(repo.objectives, key=lambda o: o.model.id):
        for breakthrough in loaded.model.breakthroughs:
            for measure in breakthrough.measures:
                if measure.id not in found:
                    found[measure.id] = series_of(repo, measure, up_to, breakthrough.id)
    return found


def owner_of(repo: Repository, measure_id: str) -> str | None:
    """The breakthrough objective that defines the measure, or None."""
    for loaded in repo.objectives:
        for breakthrough in loaded.model.breakthroughs:
            if any(m.id == measure_id for m in breakthrough.measures):
                return breakthrough.id
    return None


def segment_starts(measure: Measure, observations: tuple[Observation, ...]) -> tuple[int, ...]:
    """The index of the first observation of each stretch the measure's `recalculate` periods
    begin (the first at or after each), leaving out one that would begin at the first point
    or after the last."""
    starts = set()
    for written in measure.recalculate:
        period = period_or_none(written, measure.frequency)
        if period is None:
            continue  # the check reports it
        index = next(
            (i for i, o in enumerate(observations) if o.period >= period), len(observations)
        )
        if 0 < index < len(observations):
            starts.add(index)
    return tuple(sorted(starts))


def _cut_off(up_to: UpTo) -> dt.date | None:
    if up_to is None or isinstance(up_to, dt.date):
        return up_to
    return up_to.last_day


Candidate = tuple[Observation | None, Problem | None]


def _candidates(
    repo: Repository, measure: Measure, cut_off: dt.date | None, owner: str | None
) -> Iterator[Candidate]:
    """Every reading of the measure, series file first, then update entries quarter by quarter;
    or the problem that keeps one out."""
    covering = {owner, owner.split(".")[0]} if owner else set()
    series = repo.series.get(measure.id)
    if series is not None:
        yield from _from_file(series, measure)
    for quarter, loaded, e_index in _entries_reading(repo).get(measure.id, ()):
        if cut_off is not None and quarter.first_day > cut_off:
            continue
        entry = loaded.model.entries[e_index]
        if not covering & set(entry.targets):
            continue
        for r_index, reading in enumerate(entry.readings):
            if reading.measure == measure.id:
                path: list[str | int] = ["entries", e_index, "readings", r_index]
                yield _from_entry(loaded.source, path, reading, quarter, measure)


Reads = list[tuple[Quarter, Loaded[QuarterUpdates], int]]


def _entries_reading(repo: Repository) -> dict[str, Reads]:
    """Each measure's entries with a reading of it, quarter by quarter and file by file: found
    once for the repository, since every measure asks (a file may hold 100,000 entries)."""
    kept = repo.derived.get("entries-reading")
    if isinstance(kept, dict):
        return cast(dict[str, Reads], kept)
    index: dict[str, Reads] = {}
    for quarter in sorted(repo.quarters):
        data = repo.quarters[quarter]
        for number in sorted(data.updates, key=int):
            loaded = data.updates[number]
            for e_index, entry in enumerate(loaded.model.entries):
                for measure in dict.fromkeys(r.measure for r in entry.readings):
                    index.setdefault(measure, []).append((quarter, loaded, e_index))
    repo.derived["entries-reading"] = index
    return index


def _from_file(series: SeriesFile, measure: Measure) -> Iterator[Candidate]:
    seen: dict[Period, int] = {}
    for row in series.rows:
        origin = Origin(series.rel, row.line, row.column("period"))
        try:
            period = parse_reading_period(row.period, measure.frequency)
        except PeriodError as error:
            yield None, _misfit(origin, row.period, error)
            continue
        if period in seen:
            yield (
                None,
                Problem(
                    origin.path,
                    origin.line,
                    origin.column,
                    "duplicate-period",
                    f"{period.label} is already in this file (line {seen[period]}); keep one row"
                    " per period",
                ),
            )
            continue
        seen[period] = row.line
        observation = Observation(
            period,
            row.figure,
            origin,
            row.numerator,
            row.denominator,
            row.qualifier,
            row.note,
        )
        yield observation, None


def _from_entry(
    source: Source, path: list[str | int], reading: Reading, quarter: Quarter, measure: Measure
) -> Candidate:
    where = [*path, "period"] if reading.period else [*path, "measure"]
    origin = Origin(source.rel, find=lambda: source.position(where))
    if reading.period is None:
        period = of_quarter(quarter)
        if measure.frequency not in (None, "quarterly"):
            return None, Problem(
                source.rel,
                origin.line,
                origin.column,
                "wrong-frequency",
                f"this reading names no period, so it is for {quarter.label}, but"
                f" '{measure.id}' is read {measure.frequency}; give it a period"
                f" ({_example(measure)})",
            )
    else:
        try:
            period = parse_reading_period(reading.period, measure.frequency)
        except PeriodError as error:
            return None, _misfit(origin, reading.period, error)
    observation = Observation(
        period,
        reading.figure,
        origin,
        reading.numerator,
        reading.denominator,
        reading.qualifier,
        reading.note,
        entry=f"{source.rel}#{path[1]}",
    )
    return observation, None


def _example(measure: Measure) -> str:
    return {
        "monthly": "period: 2021-01",
        "weekly": "period: 2021-W03",
        "yearly": "period: 2020/21",
    }.get(measure.frequency or "", "period: 2020/21 Q1")


def _misfit(origin: Origin, written: str, error: PeriodError) -> Problem:
    """A period that names none of the measure's kind: of another kind, or none at all."""
    code = "wrong-frequency" if written_kind(written) else "bad-period"
    return Problem(origin.path, origin.line, origin.column, code, str(error))


def _presented(repo: Repository, rel: str) -> bool:
    """Whether the file is in the folder of a quarter whose paper has been presented."""
    folder = rel.rsplit("/", 1)[0]
    return any(d.presented.date and d.path == folder for d in repo.quarters.values())


def _same(first: Observation, later: Observation) -> bool:
    return (first.value, first.numerator, first.denominator, first.qualifier) == (
        later.value,
        later.numerator,
        later.denominator,
        later.qualifier,
    )


def _revised(first: Observation, later: Observation, measure: Measure) -> Problem | None:
    """A warning at a later quarter's update that gives an earlier period another value, with
    no note saying why: the papers from here on print it, and the board saw the old one."""
    if _same(first, later) or later.note:
        return None
    where = later.origin
    return Problem(
        where.path,
        where.line,
        where.column,
        "revised-reading",
        f"'{measure.id}' for {later.period.label} was {first.shown(measure)} at {first.origin}"
        f" and is {later.shown(measure)} here, which later papers print; add a note saying"
        " why it was revised, or leave the reading out",
        Severity.WARNING,
    )


def _disagree(first: Observation, later: Observation, measure: Measure) -> Problem | None:
    """The problem of a period given twice with different values, at the later place."""
    if _same(first, later):
        return None
    where = later.origin
    return Problem(
        where.path,
        where.line,
        where.column,
        "conflicting-reading",
        f"'{measure.id}' for {later.period.label} is {later.shown(measure)} here but"
        f" {first.shown(measure)} at {first.origin}; keep one value (correct or remove one)",
    )
