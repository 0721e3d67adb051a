"""Rules across files: ids unique, references resolve, periods agree. Pure: works on loaded data."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from icp_objectives.markdown import unsafe_links
from icp_objectives.model import Breakthrough, Measure, Objective, QuarterUpdates
from icp_objectives.periods import PeriodError, parse_quarter
from icp_objectives.problems import Problem
from icp_objectives.repository import DATA_DIR, PARTNERSHIP_FILE, QuarterData, Repository
from icp_objectives.sources import Loaded, Source


@dataclass
class Catalog:
    """What the rest of the data may refer to, by id."""

    objectives: dict[int, Loaded[Objective]] = field(default_factory=dict)
    breakthroughs: dict[str, Breakthrough] = field(default_factory=dict)
    measures: dict[str, tuple[str, Measure]] = field(default_factory=dict)
    partners: set[str] = field(default_factory=set)
    ratings: set[str] = field(default_factory=set)
    complete: bool = True  # False when an objective or partnership file failed to load


def check(repo: Repository) -> list[Problem]:
    """Every cross-file problem; schema problems are already in repo.problems."""
    broken = {p.path for p in repo.problems}
    catalog = Catalog(complete=not any(_is_catalog_file(path) for path in broken))
    problems = list(_check_partnership(repo, catalog))
    problems += _check_objectives(repo, catalog)
    for data in repo.quarters.values():
        problems += _check_quarter(data, catalog)
    return problems


def _is_catalog_file(rel: str) -> bool:
    parts = rel.split("/")
    return len(parts) == 2 and parts[0] == DATA_DIR


def _check_partnership(repo: Repository, catalog: Catalog) -> Iterator[Problem]:
    if repo.partnership is None:
        if not any(p.path.endswith(PARTNERSHIP_FILE) for p in repo.problems):
            yield Problem(
                f"{DATA_DIR}/{PARTNERSHIP_FILE}",
                1,
                1,
                "missing-file",
                "the partnership file is missing; create it with the partnership's name"
                " and rating scale",
            )
        return
    partnership = repo.partnership.model
    catalog.partners = set(partnership.partners)
    for index, rating in enumerate(partnership.ratings):
        if rating.id in catalog.ratings:
            yield repo.partnership.source.problem(
                ["ratings", index, "id"],
                "duplicate-id",
                f"the rating '{rating.id}' is defined twice; give each rating its own id",
            )
        catalog.ratings.add(rating.id)


def _check_objectives(repo: Repository, catalog: Catalog) -> Iterator[Problem]:
    for loaded in sorted(repo.objectives, key=lambda o: o.source.rel):
        objective, source = loaded.model, loaded.source
        if objective.id in catalog.objectives:
            other = catalog.objectives[objective.id].source.rel
            yield source.problem(
                ["id"],
                "duplicate-id",
                f"objective {objective.id} is already defined in {other}; give this one its"
                " own number",
            )
            continue
        catalog.objectives[objective.id] = loaded
        yield from _check_lead(source, ["lead"], objective.lead, catalog)
        for b_index, breakthrough in enumerate(objective.breakthroughs):
            yield from _check_breakthrough(source, objective, b_index, breakthrough, catalog)


def _check_breakthrough(
    source: Source, objective: Objective, index: int, breakthrough: Breakthrough, catalog: Catalog
) -> Iterator[Problem]:
    path: list[str | int] = ["breakthroughs", index]
    prefix = breakthrough.id.split(".")[0]
    if prefix != str(objective.id):
        yield source.problem(
            [*path, "id"],
            "wrong-objective",
            f"breakthrough '{breakthrough.id}' sits under objective {objective.id}; number it"
            f' {objective.id}.<n>, like "{objective.id}.{index + 1}"',
        )
    elif breakthrough.id in catalog.breakthroughs:
        yield source.problem(
            [*path, "id"],
            "duplicate-id",
            f"breakthrough '{breakthrough.id}' is defined twice; give each its own number",
        )
    catalog.breakthroughs.setdefault(breakthrough.id, breakthrough)
    yield from _check_lead(source, [*path, "lead"], breakthrough.lead, catalog)
    for m_index, measure in enumerate(breakthrough.measures):
        if measure.id in catalog.measures:
            yield source.problem(
                [*path, "measures", m_index, "id"],
                "duplicate-id",
                f"the measure '{measure.id}' is already defined under breakthrough"
                f" {catalog.measures[measure.id][0]}; measure ids must be unique",
            )
            continue
        catalog.measures[measure.id] = (breakthrough.id, measure)


def _check_lead(
    source: Source, path: list[str | int], lead: str | None, catalog: Catalog
) -> Iterator[Problem]:
    if lead is not None and catalog.complete and lead not in catalog.partners:
        yield source.problem(
            path,
            "unknown-partner",
            f"'{lead}' is not a partner in {PARTNERSHIP_FILE}{_suggest(lead, catalog.partners)}",
        )


def _check_quarter(data: QuarterData, catalog: Catalog) -> Iterator[Problem]:
    if data.report is not None:
        yield from _check_stated_period(data, data.report.source, data.report.model.period)
        yield from check_links(data.report.source, ["introduction"], data.report.model.introduction)
    for number, loaded in sorted(data.updates.items()):
        yield from _check_updates(data, number, loaded.source, loaded, catalog)


def _check_stated_period(
    data: QuarterData, source: Source, stated: str | None
) -> Iterator[Problem]:
    if stated is None:
        return
    try:
        quarter = parse_quarter(stated)
    except PeriodError as error:
        yield source.problem(["period"], "bad-period", f"{error}")
        return
    if quarter != data.quarter:
        yield source.problem(
            ["period"],
            "period-mismatch",
            f"the file says {quarter.label} but sits in the folder for {data.quarter.label};"
            f" move the file or correct 'period'",
        )


def _check_updates(
    data: QuarterData, number: str, source: Source, loaded: Loaded[QuarterUpdates], catalog: Catalog
) -> Iterator[Problem]:
    updates = loaded.model
    yield from _check_stated_period(data, source, updates.period)
    if str(updates.objective) != number:
        yield source.problem(
            ["objective"],
            "file-mismatch",
            f"this file is named objective-{number}.yaml but says objective {updates.objective};"
            f" rename the file or correct 'objective'",
        )
        return
    if updates.objective not in catalog.objectives:
        if not catalog.complete:
            return
        yield source.problem(
            ["objective"],
            "unknown-objective",
            f"there is no objective {updates.objective}; the objectives are"
            f" {_listing(str(n) for n in sorted(catalog.objectives))}",
        )
        return
    objective = catalog.objectives[updates.objective].model
    seen: dict[str, int] = {}
    for index, entry in enumerate(updates.entries):
        path: list[str | int] = ["entries", index]
        for target in entry.targets:
            yield from _check_target(source, [*path, "covers"], target, objective, catalog)
            if target in seen:
                yield source.problem(
                    [*path, "covers"],
                    "duplicate-entry",
                    f"'{target}' already has an entry in this quarter (entry {seen[target]});"
                    " merge the two entries into one",
                )
            seen.setdefault(target, index + 1)
        if entry.status is not None and catalog.ratings and entry.status not in catalog.ratings:
            yield source.problem(
                [*path, "status"],
                "unknown-rating",
                f"'{entry.status}' is not on the rating scale"
                f"{_suggest(entry.status, catalog.ratings)}; use one of"
                f" {_listing(sorted(catalog.ratings))}",
            )
        yield from check_links(source, [*path, "body"], entry.body)
        for r_index, reading in enumerate(entry.readings):
            yield from _check_reading(
                source, [*path, "readings", r_index], reading.measure, entry.targets, catalog
            )


def _check_target(
    source: Source, path: list[str | int], target: str, objective: Objective, catalog: Catalog
) -> Iterator[Problem]:
    if "." not in target:
        if target != str(objective.id):
            yield source.problem(
                path,
                "wrong-objective",
                f"'{target}' is another objective; this file holds updates for objective"
                f" {objective.id}, so put this entry in objective-{target}.yaml",
            )
        return
    own = [b.id for b in objective.breakthroughs]
    if target in own:
        return
    if target in catalog.breakthroughs:
        yield source.problem(
            path,
            "wrong-objective",
            f"breakthrough {target} belongs to objective {target.split('.')[0]}, not"
            f" {objective.id}; put this entry in objective-{target.split('.')[0]}.yaml",
        )
        return
    if not catalog.complete:
        return
    yield source.problem(
        path,
        "unknown-breakthrough",
        f"there is no breakthrough objective {target}; objective {objective.id} has"
        f" {_listing(own)}",
    )


def _check_reading(
    source: Source,
    path: list[str | int],
    measure: str,
    targets: tuple[str, ...],
    catalog: Catalog,
) -> Iterator[Problem]:
    if measure not in catalog.measures:
        if not catalog.complete:
            return
        yield source.problem(
            [*path, "measure"],
            "unknown-measure",
            f"there is no measure '{measure}'{_suggest(measure, catalog.measures)};"
            " a new measure is defined under its breakthrough objective first",
        )
        return
    owner = catalog.measures[measure][0]
    if owner not in targets and owner.split(".")[0] not in targets:
        yield source.problem(
            [*path, "measure"],
            "measure-elsewhere",
            f"the measure '{measure}' belongs to breakthrough {owner}, which this entry does"
            f" not cover; report it in the entry for {owner}",
        )


def check_links(source: Source, path: list[str | int], text: str) -> Iterator[Problem]:
    """Markdown links must go to http(s) or mailto addresses: anything else is shown as text."""
    for href in unsafe_links(text):
        yield source.problem(
            path,
            "unsafe-link",
            f"the link to '{href}' is not a web or email address; use a full https:// address"
            " or mailto:, or remove the link",
        )


def _suggest(value: str, known: Iterable[str]) -> str:
    close = difflib.get_close_matches(value, sorted(known), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


def _listing(items: Iterable[object]) -> str:
    names = [str(item) for item in items]
    return ", ".join(names) if names else "(none yet)"
