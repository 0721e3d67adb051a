"""The rules on measures' series: each series file names a measure, each reading's period fits
its measure's frequency, and no period has two values. Pure: works on loaded data."""

from __future__ import annotations

from collections.abc import Iterator

from icp_objectives.check.catalog import Catalog, suggest
from icp_objectives.domain.model import Measure
from icp_objectives.domain.partnership import article
from icp_objectives.domain.periods import PeriodError
from icp_objectives.domain.problems import Problem
from icp_objectives.domain.reading_periods import parse_reading_period, written_kind
from icp_objectives.load.loaded import Repository, Source
from icp_objectives.load.series_csv import SERIES_SUFFIX
from icp_objectives.measures.series import series_of


def check_series(repo: Repository, catalog: Catalog) -> Iterator[Problem]:
    """A series file for a measure nothing defines; then every measure's series merged,
    with the problems merging finds (a period of the wrong frequency, a conflict)."""
    ids = [*catalog.measures, *catalog.outcome_measures]
    for measure_id, series in sorted(repo.series.items()):
        known = measure_id in ids
        if not known and not catalog.unsure.measure(measure_id):
            yield Problem(
                series.rel,
                1,
                1,
                "unknown-measure",
                f"there is no measure '{measure_id}'{suggest(measure_id, ids)};"
                " a series file is named after the id of a measure defined under"
                f" {article(catalog.terms.breakthrough)} or in the outcomes summary"
                f" (dta-delays{SERIES_SUFFIX} for id: dta-delays)",
            )
    for owner, measure in catalog.measures.values():
        yield from series_of(repo, measure, owner=owner).problems
    for measure in catalog.outcome_measures.values():
        yield from series_of(repo, measure).problems


def check_measure(source: Source, path: list[str | int], measure: Measure) -> Iterator[Problem]:
    """A measure's own fields that depend on each other: its recalculation periods must be
    periods it is read in."""
    seen: set[object] = set()
    for index, written in enumerate(measure.recalculate):
        where = [*path, "recalculate", index]
        try:
            period = parse_reading_period(written, measure.frequency)
        except PeriodError as error:
            code = "wrong-frequency" if written_kind(written) else "bad-period"
            yield source.problem(where, code, f"{error}")
            continue
        if period in seen:
            yield source.problem(
                where, "duplicate-period", f"{period.label} is listed twice; list it once"
            )
        seen.add(period)
