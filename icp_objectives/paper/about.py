"""The paper's "About the partnership" section: its purpose, places, partners and leads, in
the words the paper prints. Pure."""

from __future__ import annotations

from dataclasses import dataclass

from icp_objectives.domain.partnership import Partner, Partnership


@dataclass(frozen=True)
class PlaceRow:
    name: str
    population: str  # "141,257", or "" when not given
    note: str


@dataclass(frozen=True)
class Named:
    """A partner organisation, or a person with their role and organisation."""

    name: str
    role: str


@dataclass(frozen=True)
class About:
    purpose: str | None
    vision: str | None
    places: tuple[PlaceRow, ...]
    total: str  # the places' population together ("376,347"), or "" when any is missing
    source: str | None
    partners: tuple[Named, ...]
    leads: tuple[Named, ...]


def build(partnership: Partnership) -> About | None:
    """The section, when partnership.yaml asks for it (`about: true`)."""
    if not partnership.about:
        return None
    places = tuple(
        PlaceRow(p.name, f"{p.population:,}" if p.population is not None else "", p.note or "")
        for p in partnership.places
    )
    counted = [p.population for p in partnership.places if p.population is not None]
    whole = counted and len(counted) == len(partnership.places)
    total = f"{sum(counted):,}" if whole else ""
    partners = tuple(
        Named(value.name, value.role or "") if isinstance(value, Partner) else Named(value, "")
        for value in partnership.partners.values()
    )
    return About(
        purpose=partnership.purpose,
        vision=partnership.vision,
        places=places,
        total=total,
        source=partnership.population_source,
        partners=partners,
        leads=tuple(_lead(partnership, key) for key in partnership.leads),
    )


def _lead(partnership: Partnership, key: str) -> Named:
    person = partnership.people[key]  # validation has made sure each lead is a person
    organisation = partnership.partner_name(person.partner) if person.partner else None
    role = ", ".join(part for part in (person.role, organisation) if part)
    return Named(person.name, role)
