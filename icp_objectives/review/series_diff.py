"""What changed in the measures' series files: readings added, removed or changed, per
measure and period. Pure: works on two loaded repositories."""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from icp_objectives.domain.figures import show_value
from icp_objectives.domain.model import Measure
from icp_objectives.domain.reading_periods import Period, period_or_none
from icp_objectives.load.loaded import Repository
from icp_objectives.load.series_csv import SeriesFile, SeriesRow
from icp_objectives.review.changes import Change, raw

MOST_ADDED = 5  # more readings added to one series than this are told in one line


def compare(
    base: Repository,
    head: Repository,
    broken: set[str],
    measures: Mapping[str, Measure],
    owners: Mapping[str, str],
) -> Iterator[Change]:
    """Each series file's changed readings; a file with problems on either side is left out
    (its problems say why). `measures` and `owners` give each measure and its breakthrough."""
    for measure_id in sorted({*base.series, *head.series}):
        was, now = base.series.get(measure_id), head.series.get(measure_id)
        if any(s is not None and s.rel in broken for s in (was, now)):
            continue
        measure = measures.get(measure_id)
        owner = owners.get(measure_id, "")
        yield from _series(measure_id, measure, owner, was, now)


def _series(
    measure_id: str,
    measure: Measure | None,
    owner: str,
    was: SeriesFile | None,
    now: SeriesFile | None,
) -> Iterator[Change]:
    before, after = _rows(was, measure), _rows(now, measure)
    group = int(owner.split(".")[0]) if owner else None
    named = f"{owner} measure {measure_id}".strip()
    subject = owner or measure_id
    added = sorted(set(after) - set(before), key=_order)
    if len(added) > MOST_ADDED:
        first, last = _label(added[0]), _label(added[-1])
        text = f"{named}: {len(added)} readings added to the series file, {first} to {last}"
        yield Change(group, _quarter(added[-1]), subject, "reading", text)
        added = []
    for key in sorted({*before, *after}, key=_order):
        old, new = before.get(key), after.get(key)
        where = f"{named} reading for {_label(key)}"
        if old is None and new is not None and key in added:
            text = f"{where} added to the series file: {_shown(new, measure)}"
        elif new is None and old is not None:
            text = f"{where} removed from the series file (was {_shown(old, measure)})"
        elif old is not None and new is not None and _shown(old, measure) != _shown(new, measure):
            text = f"{where} in the series file: {_shown(old, measure)} → {_shown(new, measure)}"
        else:
            continue
        yield Change(
            group,
            _quarter(key),
            subject,
            "reading",
            text,
            before=raw(old.figure) if old else None,
            after=raw(new.figure) if new else None,
        )


Key = Period | str  # a period as the measure reads it, or as written when it reads none


def _rows(series: SeriesFile | None, measure: Measure | None) -> dict[Key, SeriesRow]:
    found: dict[Key, SeriesRow] = {}
    for row in series.rows if series else ():
        period = period_or_none(row.period, measure.frequency) if measure else None
        found.setdefault(period or row.period, row)
    return found


def _order(key: Key) -> tuple[int, str]:
    return (key.last_day.toordinal(), "") if isinstance(key, Period) else (0, key)


def _label(key: Key) -> str:
    return key.label if isinstance(key, Period) else key


def _quarter(key: Key) -> str | None:
    return key.quarter.label if isinstance(key, Period) else None


def _shown(row: SeriesRow, measure: Measure | None) -> str:
    shown = show_value(
        row.figure,
        measure.unit if measure else "",
        numerator=row.numerator,
        denominator=row.denominator,
        qualifier=row.qualifier,
    )
    return f"{shown} ({row.note})" if row.note else shown
