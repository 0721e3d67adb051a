"""Rules across files: ids unique, references resolve, periods agree. Pure: works on loaded data.

A file that did not load still takes part as far as it can: the parts of it that fit their
model are checked and referred to, and a reference that could point into the rest is left
alone rather than reported as unknown (that would blame the wrong file).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from icp_objectives.check import deliverable_rules
from icp_objectives.check.catalog import (
    Catalog,
    Known,
    Unsure,
    fit,
    ids_in,
    is_number,
    suggest,
)
from icp_objectives.check.outcomes_rules import check_outcomes
from icp_objectives.check.quarter_rules import check_quarter
from icp_objectives.check.series_rules import check_measure, check_series
from icp_objectives.domain.model import SLUG, Breakthrough, Objective, Partnership
from icp_objectives.domain.periods import latest_today as latest_today
from icp_objectives.domain.problems import Problem
from icp_objectives.domain.ratings import Word
from icp_objectives.load.loaded import (
    DATA_DIR,
    OBJECTIVE_FILE_NUMBER,
    PARTNERSHIP_FILE,
    Repository,
    Source,
    Unfit,
)


def check(repo: Repository, today: dt.date | None = None) -> list[Problem]:
    """Every cross-file problem; schema problems are already in repo.problems.

    `today` is the last date that is not in the future; by default, today's date wherever
    on Earth it is latest, so that no one's today is taken for a future date.
    """
    catalog = Catalog(today=today or latest_today())
    problems = list(_check_partnership(repo, catalog))
    problems += _check_objectives(repo, catalog)
    problems += check_outcomes(repo, catalog)
    problems += check_series(repo, catalog)
    for data in repo.quarters.values():
        problems += check_quarter(data, catalog)
    return problems


def _check_partnership(repo: Repository, catalog: Catalog) -> Iterator[Problem]:
    if repo.partnership is None:
        if repo.unfit_partnership is not None:
            _salvage_partnership(repo.unfit_partnership.raw, catalog)
        elif not any(p.path.endswith(PARTNERSHIP_FILE) for p in repo.problems):
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
    catalog.people = set(partnership.people)
    catalog.terms = partnership.terms
    catalog.statuses = {status.id for status in partnership.statuses}
    yield from _check_people(repo.partnership.source, partnership)
    catalog.ratings = []
    for index, rating in enumerate(partnership.ratings):
        if any(known.id == rating.id for known in catalog.ratings):
            yield repo.partnership.source.problem(
                ["ratings", index, "id"],
                "duplicate-id",
                f"the rating '{rating.id}' is defined twice; give each rating its own id",
            )
        catalog.ratings.append(Word(rating.id, rating.label))


def _check_people(source: Source, partnership: Partnership) -> Iterator[Problem]:
    """Each person works for a partner that exists; the partnership's leads are people."""
    partners = set(partnership.partners)
    for key, person in partnership.people.items():
        if key in partners:
            yield source.problem(
                ["people", key],
                "duplicate-id",
                f"'{key}' names both a partner and a person; give the person another id",
            )
        if person.partner is not None and person.partner not in partners:
            yield source.problem(
                ["people", key, "partner"],
                "unknown-partner",
                f"'{person.partner}' is not among the partners{suggest(person.partner, partners)}",
            )
    for index, lead in enumerate(partnership.leads):
        if lead not in partnership.people:
            yield source.problem(
                ["leads", index],
                "unknown-person",
                f"'{lead}' is not among the people{suggest(lead, partnership.people)}; add them"
                " under people: with their name and role",
            )


def _salvage_partnership(raw: Any, catalog: Catalog) -> None:
    """The partners and ratings of a partnership file with problems elsewhere in it."""
    if not isinstance(raw, dict):
        return
    if isinstance(raw.get("partners"), dict):
        catalog.partners = {str(key) for key in raw["partners"]}
    ratings = raw.get("ratings")
    if isinstance(ratings, list) and ratings:
        ids = [r.get("id") if isinstance(r, dict) else None for r in ratings]
        if all(isinstance(i, str) for i in ids):
            labels = [r.get("label") for r in ratings]
            catalog.ratings = [
                Word(str(i), label if isinstance(label, str) else str(i))
                for i, label in zip(ids, labels, strict=True)
            ]


@dataclass
class _Parts:
    """What an objective file offers the checks, whether it loaded or not."""

    source: Source
    id: int | None
    lead: str | None
    breakthroughs: list[tuple[int, Breakthrough]]
    complete: bool


def _check_objectives(repo: Repository, catalog: Catalog) -> Iterator[Problem]:
    files: list[tuple[str, Objective | Unfit, Source | None]] = [
        (o.source.rel, o.model, o.source) for o in repo.objectives
    ]
    files += [(u.rel, u, u.source) for u in repo.unfit_objectives]
    for rel, content, source in sorted(files, key=lambda item: item[0]):
        if isinstance(content, Objective) and source is not None:
            parts = _Parts(
                source, content.id, content.lead, list(enumerate(content.breakthroughs)), True
            )
            yield from deliverable_rules.check_definitions(source, content, catalog)
        else:
            assert isinstance(content, Unfit)
            salvaged = _salvage_objective(rel, content, catalog.unsure)
            if salvaged is None:
                continue
            parts = salvaged
        yield from _check_objective(parts, catalog)


def _salvage_objective(rel: str, unfit: Unfit, unsure: Unsure) -> _Parts | None:
    """The parts of an objective file that fit, noting what the rest might define."""
    named = OBJECTIVE_FILE_NUMBER.match(rel.rsplit("/", 1)[-1])
    raw = unfit.raw
    number = raw.get("id") if isinstance(raw, dict) else None
    number = number if is_number(number) else None
    if named:
        unsure.objectives.add(int(named["n"]))
    if number is not None:
        unsure.objectives.add(number)
    elif not named:
        unsure.any_objective = True
    if unfit.source is None or not isinstance(raw, dict):
        unsure.any_id = True
        return None
    lead = raw.get("lead")
    breakthroughs = []
    items = raw.get("breakthroughs")
    for index, item in enumerate(items if isinstance(items, list) else []):
        fitted = fit(Breakthrough, item)
        if fitted is None:
            unsure.ids.update(ids_in(item))
        else:
            breakthroughs.append((index, fitted))
    if "breakthroughs" in raw and not isinstance(items, list):
        unsure.ids.update(ids_in(items))
    lead = lead if isinstance(lead, str) and SLUG.match(lead) else None
    return _Parts(unfit.source, number, lead, breakthroughs, False)


def _check_objective(parts: _Parts, catalog: Catalog) -> Iterator[Problem]:
    source = parts.source
    if parts.id is not None and parts.id in catalog.objectives:
        other = catalog.objectives[parts.id].source.rel
        yield source.problem(
            ["id"],
            "duplicate-id",
            f"{catalog.terms.objective} {parts.id} is already defined in {other}; give this"
            " one its own number",
        )
        catalog.unsure.ids.update(b.id for _, b in parts.breakthroughs)
        return
    if parts.id is not None:
        ids = [b.id for _, b in parts.breakthroughs]
        catalog.objectives[parts.id] = Known(source, ids, parts.complete)
        yield from _check_file_number(source, parts.id, catalog.terms.objective)
    yield from _check_lead(source, ["lead"], parts.lead, catalog)
    for index, breakthrough in parts.breakthroughs:
        yield from _check_breakthrough(source, parts.id, index, breakthrough, catalog)


def _check_file_number(source: Source, number: int, word: str) -> Iterator[Problem]:
    """An objective file whose name starts with a number must hold that objective."""
    name = source.rel.rsplit("/", 1)[-1]
    named = OBJECTIVE_FILE_NUMBER.match(name)
    if named and int(named["n"]) != number:
        rest = name[len(named["n"]) :]
        yield source.problem(
            ["id"],
            "file-mismatch",
            f"this file is named {name} but holds {word} {number}; rename it"
            f" {number}{rest} or correct 'id'",
        )


def _check_breakthrough(
    source: Source,
    objective: int | None,
    index: int,
    breakthrough: Breakthrough,
    catalog: Catalog,
) -> Iterator[Problem]:
    path: list[str | int] = ["breakthroughs", index]
    terms = catalog.terms
    prefix = breakthrough.id.split(".")[0]
    misnumbered = (objective is not None and prefix != str(objective)) or (
        breakthrough.id in catalog.breakthroughs
    )
    if misnumbered and objective is not None:
        # Another of the objective's breakthroughs is missing its right id: leave references
        # into the objective to this problem rather than report them as unknown too.
        catalog.unsure.objectives.add(objective)
        known = catalog.objectives.get(objective)
        if known is not None:
            known.complete = False
    if objective is not None and prefix != str(objective):
        yield source.problem(
            [*path, "id"],
            "wrong-objective",
            f"{terms.breakthrough_short} '{breakthrough.id}' sits under {terms.objective}"
            f" {objective}; number it"
            f' {objective}.<n>, like "{objective}.{index + 1}"',
        )
    elif breakthrough.id in catalog.breakthroughs:
        yield source.problem(
            [*path, "id"],
            "duplicate-id",
            f"{terms.breakthrough_short} '{breakthrough.id}' is defined twice; give each its"
            " own number",
        )
    catalog.breakthroughs.setdefault(breakthrough.id, breakthrough)
    yield from _check_lead(source, [*path, "lead"], breakthrough.lead, catalog)
    for m_index, measure in enumerate(breakthrough.measures):
        yield from check_measure(source, [*path, "measures", m_index], measure)
        if measure.id in catalog.measures:
            catalog.unsure.ids.add(measure.id)  # readings of it could mean either
            yield source.problem(
                [*path, "measures", m_index, "id"],
                "duplicate-id",
                f"the measure '{measure.id}' is already defined under"
                f" {terms.breakthrough_short}"
                f" {catalog.measures[measure.id][0]}; measure ids must be unique",
            )
            continue
        catalog.measures[measure.id] = (breakthrough.id, measure)


def _check_lead(
    source: Source, path: list[str | int], lead: str | None, catalog: Catalog
) -> Iterator[Problem]:
    if lead is None or catalog.partners is None or lead in catalog.partners | catalog.people:
        return
    known = catalog.partners | catalog.people
    what = "a partner or a person" if catalog.people else "a partner"
    yield source.problem(
        path,
        "unknown-partner",
        f"'{lead}' is not {what} in {PARTNERSHIP_FILE}{suggest(lead, known)}",
    )
