"""The rules on status tables: each deliverable defined once in its objective's file, and each
quarter's update of one naming a deliverable of what the entry covers, in a status that
exists. Pure."""

from __future__ import annotations

from collections.abc import Iterator

from icp_objectives.check.catalog import Catalog, ids, suggest
from icp_objectives.domain.model import Entry, Objective
from icp_objectives.domain.partnership import Terms
from icp_objectives.domain.problems import Problem
from icp_objectives.load.loaded import PARTNERSHIP_FILE, Source


def check_definitions(source: Source, objective: Objective, catalog: Catalog) -> Iterator[Problem]:
    """Each deliverable's id is used once in the objective's file; the catalog learns which
    part (the objective or a breakthrough objective) owns each."""
    owned: dict[str, str] = {}
    places: list[tuple[list[str | int], str]] = [([], str(objective.id))]
    places += [(["breakthroughs", i], b.id) for i, b in enumerate(objective.breakthroughs)]
    parts = {str(objective.id): objective.deliverables}
    parts.update({b.id: b.deliverables for b in objective.breakthroughs})
    for path, key in places:
        for index, deliverable in enumerate(parts[key]):
            if deliverable.id in owned:
                yield source.problem(
                    [*path, "deliverables", index, "id"],
                    "duplicate-id",
                    f"the deliverable '{deliverable.id}' is already in {owned[deliverable.id]}'s"
                    " table; give each deliverable of the file its own id",
                )
                continue
            owned[deliverable.id] = key
    catalog.deliverables[objective.id] = owned


def check_updates(
    source: Source, path: list[str | int], entry: Entry, number: int, catalog: Catalog
) -> Iterator[Problem]:
    """An entry updates only deliverables of what it covers, each once, in a known status."""
    owned = catalog.deliverables.get(number)
    seen: set[str] = set()
    for index, update in enumerate(entry.deliverables):
        at: list[str | int] = [*path, "deliverables", index]
        if update.id in seen:
            yield source.problem(
                [*at, "id"],
                "duplicate-entry",
                f"the deliverable '{update.id}' is updated twice in this entry; keep one",
            )
        seen.add(update.id)
        if owned is not None:
            yield from _owner(source, [*at, "id"], update.id, entry, (number, catalog.terms), owned)
        yield from _status(source, [*at, "status"], update.status, catalog)


def _owner(
    source: Source,
    path: list[str | int],
    key: str,
    entry: Entry,
    whose: tuple[int, Terms],
    owned: dict[str, str],
) -> Iterator[Problem]:
    number, terms = whose
    if key not in owned:
        yield source.problem(
            path,
            "unknown-deliverable",
            f"{terms.objective} {number} has no deliverable '{key}'"
            f"{suggest(key, owned)}; define it under deliverables: in the"
            f" {terms.objective}'s file first",
        )
        return
    owner = owned[key]
    if owner not in entry.targets and str(number) not in entry.targets:
        yield source.problem(
            path,
            "deliverable-elsewhere",
            f"the deliverable '{key}' belongs to {owner}, which this entry does not cover;"
            f" update it in {owner}'s entry",
        )


def _status(
    source: Source, path: list[str | int], status: str | None, catalog: Catalog
) -> Iterator[Problem]:
    known = catalog.statuses
    if status is None or known is None or status in known:
        return
    yield source.problem(
        path,
        "unknown-status",
        f"'{status}' is not a deliverable status{suggest(status, known)}; use one of"
        f" {ids(sorted(known))} (deliverable_statuses in {PARTNERSHIP_FILE})",
    )
