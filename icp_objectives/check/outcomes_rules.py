"""The rules on the outcomes summary: its own measures have ids no other measure has, its
narratives link only to web and email addresses, and every figure they name exists. Pure:
works on loaded data."""

from __future__ import annotations

from collections.abc import Iterator

from icp_objectives.check.catalog import Catalog, ids_in
from icp_objectives.check.quarter_rules import check_links
from icp_objectives.check.series_rules import check_measure
from icp_objectives.domain.model import Measure
from icp_objectives.domain.problems import Problem
from icp_objectives.load.loaded import Repository
from icp_objectives.measures.narrative import fill


def check_outcomes(repo: Repository, catalog: Catalog) -> Iterator[Problem]:
    """The summary's measures, entered in `catalog.outcome_measures`, then its figures.

    Runs after the objective files are checked, so a measure id both define is reported here.
    """
    if repo.outcomes is None:
        if repo.unfit_outcomes is not None:  # what it might define is not judged unknown
            catalog.unsure.ids.update(ids_in(repo.unfit_outcomes.raw))
            if repo.unfit_outcomes.source is None:
                catalog.unsure.any_id = True
        return
    source = repo.outcomes.source
    for p_index, programme in enumerate(repo.outcomes.model.programmes):
        yield from check_links(source, ["programmes", p_index, "narrative"], programme.narrative)
        for m_index, measure in enumerate(programme.measures):
            path: list[str | int] = ["programmes", p_index, "measures", m_index]
            yield from check_measure(source, path, measure)
            where = _defined(catalog, measure.id)
            if where is not None:
                catalog.unsure.ids.add(measure.id)
                yield source.problem(
                    [*path, "id"],
                    "duplicate-id",
                    f"the measure '{measure.id}' is already defined {where}; measure ids must"
                    " be unique across the repository",
                )
                continue
            catalog.outcome_measures[measure.id] = measure
    known: dict[str, tuple[Measure, str | None]] = {
        key: (measure, owner) for key, (owner, measure) in catalog.measures.items()
    }
    known.update((key, (measure, None)) for key, measure in catalog.outcome_measures.items())
    for filled in fill(repo, repo.outcomes, known, unsure=catalog.unsure.measure):
        if filled.problem is not None:
            yield filled.problem


def _defined(catalog: Catalog, measure_id: str) -> str | None:
    """Where a measure id is defined already, in words, or None."""
    if measure_id in catalog.measures:
        return f"under {catalog.terms.breakthrough_short} {catalog.measures[measure_id][0]}"
    if measure_id in catalog.outcome_measures:
        return "in this file"
    return None
