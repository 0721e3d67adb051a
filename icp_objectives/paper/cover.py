"""The paper's cover sheet: the fields a board reads first, in the words the paper prints. Pure.

Fields the quarter's report.yaml leaves empty are left out, in every format alike; `report`
warns about the ones a paper needs before it goes out (`check.readiness`).
"""

from __future__ import annotations

from dataclasses import dataclass

from icp_objectives.domain.model import Objective, Partnership, QuarterReport
from icp_objectives.domain.periods import Quarter
from icp_objectives.domain.wording import long_date

PURPOSES = {
    "decision": "For decision",
    "assurance": "For assurance",
    "discussion": "For discussion",
    "information": "For information",
}
SESSIONS = {"public": "Public", "private": "Private"}


@dataclass(frozen=True)
class CoverLink:
    """One item of a cover row that lists several: an objective, a risk; `href` is where it
    leads (an objective's section, `#objective-1`, or a web address), if anywhere."""

    text: str
    href: str | None = None


@dataclass(frozen=True)
class CoverRow:
    label: str
    value: str  # the whole row as text; a row of `links` joins their texts with "; "
    links: tuple[CoverLink, ...] = ()


def rows(
    report: QuarterReport | None,
    partnership: Partnership,
    objectives: list[Objective],
    quarter: Quarter,
) -> tuple[CoverRow, ...]:
    """The cover sheet's rows, in the order NHS board cover sheets print them."""
    found = [CoverRow("Partnership", partnership.name), CoverRow("Period", quarter.label)]
    if report is None:
        return tuple(found)
    texts: list[tuple[str, str | None]] = [
        ("Meeting", report.meeting),
        ("Date", long_date(report.date)),
        ("Agenda item", report.agenda_item),
        ("Report title", report.title),
        ("Author", report.author),
        ("Lead director", report.lead_director),
        ("Purpose", PURPOSES[report.purpose] if report.purpose else None),
        ("Recommendation", report.recommendation),
        ("Previously considered by", report.previously_considered_by),
    ]
    found += [CoverRow(label, value) for label, value in texts if value]
    titles = {o.id: o.title for o in objectives}
    word = partnership.terms.objective_heading
    served = [  # validation has made sure each objective exists
        CoverLink(f"{word} {n} \N{EN DASH} {titles[n]}", f"#objective-{n}")
        for n in report.strategic_objectives
        if n in titles
    ]
    risks = [CoverLink(f"{r.id}: {r.title}", r.link) for r in report.baf_risks]
    for label, links in (
        ("Strategic objectives", served),
        ("Board Assurance Framework risks", risks),
    ):
        if links:
            found.append(CoverRow(label, "; ".join(link.text for link in links), tuple(links)))
    impacts: list[tuple[str, str | None]] = [
        ("Equality impact", report.equality_impact),
        ("Quality impact", report.quality_impact),
        ("Session", SESSIONS[report.session] if report.session else None),
    ]
    found += [CoverRow(label, value) for label, value in impacts if value]
    return tuple(found)
