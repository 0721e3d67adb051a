"""The rules on a quarter's cover sheet (its report.yaml): the objectives it names exist, and no
field still holds new-quarter's example text. Pure."""

from __future__ import annotations

from collections.abc import Iterator

from icp_objectives.check.catalog import Catalog, ids
from icp_objectives.domain.model import QuarterReport
from icp_objectives.domain.problems import Problem, Severity
from icp_objectives.domain.wording import COVER_PLACEHOLDER
from icp_objectives.load.loaded import Source

# The cover sheet's one-line text fields, which new-quarter prompts for with example text.
TEXT_FIELDS = (
    "meeting",
    "agenda_item",
    "author",
    "lead_director",
    "recommendation",
    "previously_considered_by",
    "equality_impact",
    "quality_impact",
)


def check_cover(source: Source, report: QuarterReport, catalog: Catalog) -> Iterator[Problem]:
    seen: set[int] = set()
    for index, number in enumerate(report.strategic_objectives):
        path: list[str | int] = ["strategic_objectives", index]
        if number in seen:
            yield source.problem(
                path,
                "duplicate-objective",
                f"{catalog.terms.objective} {number} is already listed under"
                " strategic_objectives; remove one",
            )
        seen.add(number)
        if number not in catalog.objectives and not catalog.unsure.objective(number):
            yield source.problem(
                path,
                "unknown-objective",
                f"there is no {catalog.terms.objective} {number}; the"
                f" {catalog.terms.objectives_word} are"
                f" {ids(sorted(catalog.objectives))}",
            )
    for name in TEXT_FIELDS:
        yield from _placeholder(source, [name], getattr(report, name))
    for index, risk in enumerate(report.baf_risks):
        for name in ("id", "title"):
            yield from _placeholder(source, ["baf_risks", index, name], getattr(risk, name))


def _placeholder(source: Source, path: list[str | int], value: str | None) -> Iterator[Problem]:
    if value is None or not value.startswith(COVER_PLACEHOLDER):
        return
    field = "".join(f"[{step + 1}]" if isinstance(step, int) else f".{step}" for step in path)
    field = field.removeprefix(".")  # baf_risks[1].title, as other messages name a place
    yield source.problem(
        path,
        "placeholder-text",
        f"'{field}' still holds the example text from `icp-obj new-quarter`, and the cover"
        " sheet would print it; write the real text in its place, or remove the key",
        severity=Severity.WARNING,
    )
