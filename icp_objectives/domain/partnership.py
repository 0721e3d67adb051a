"""objectives/partnership.yaml as a model: who the partnership is, what it calls things, its
places and people, and the scale it rates progress on. Pure."""

from __future__ import annotations

import string
from typing import Annotated, Any, Literal

from pydantic import Field, StringConstraints, field_validator
from pydantic_core import PydanticCustomError

from icp_objectives.domain.fields import Markdown, Slug, Strict, Text


class Rating(Strict):
    """One point on the partnership's rating scale, printed in the paper's legend."""

    id: Slug
    label: Text
    definition: Text
    colour: Annotated[str, StringConstraints(pattern=r"^#[0-9A-Fa-f]{6}$")] | None = None

    @field_validator("colour", mode="before")
    @classmethod
    def _colour_given(cls, value: Any) -> Any:
        """`colour: #D5281B` unquoted is a comment to YAML, leaving the colour empty."""
        if value is None:
            raise PydanticCustomError("colour_empty", "the colour is empty")
        return value


# What a paper's title may name, for the title pattern and its error message.
TITLE_FIELDS = {
    "quarter": "the quarter's number (1)",
    "year": "the financial year, short (20/21)",
    "financial_year": "the financial year (2020/21)",
    "partnership": "the partnership's short name",
}


# A term: words on one line, starting and ending with a letter or digit (no blank term, and
# no line break a block scalar would keep).
TERM_PATTERN = r"^[^\W_](?:[^\x00-\x1f\x7f-\x9f\u2028\u2029]*[^\W_])?$"
Term = Annotated[
    str,
    StringConstraints(pattern=TERM_PATTERN),
    Field(description="A word or words, as a sentence writes them."),
]


class Terms(Strict):
    """What the partnership calls its two levels of objective, and how its papers are titled.

    The words are written as a sentence uses them ("breakthrough objective"); the paper gives
    them a capital where a heading or a table starts with them.
    """

    objective: Annotated[
        Term, Field(description='The upper level, like "objective" or "priority".')
    ] = "objective"
    objectives: Annotated[
        Term | None, Field(description="Its plural, when not the word and s.")
    ] = None
    breakthrough: Annotated[
        Term,
        Field(description='The level under it, like "breakthrough objective" or "workstream".'),
    ] = "breakthrough objective"
    breakthroughs: Annotated[
        Term | None, Field(description="Its plural, when not the word and s.")
    ] = None
    paper_title: Annotated[
        Text,
        Field(
            description="The quarterly paper's title; {quarter}, {year} (20/21),"
            " {financial_year} (2020/21) and {partnership} are filled in."
        ),
    ] = "ICP Objectives Quarter {quarter} update Report for {year}"

    @field_validator("paper_title")
    @classmethod
    def _known_fields(cls, value: str) -> str:
        try:
            names = {name for _, name, _, _ in string.Formatter().parse(value) if name is not None}
        except ValueError:
            raise PydanticCustomError(
                "title_braces", "a brace is not closed; write {{ and }} for braces as text"
            ) from None
        unknown = sorted(names - set(TITLE_FIELDS))
        if unknown:
            raise PydanticCustomError(
                "title_field",
                "the title names {name}, which it cannot fill; it may name {known}",
                {
                    "name": "{" + unknown[0] + "}",
                    "known": ", ".join("{" + n + "}" for n in TITLE_FIELDS),
                },
            )
        return value

    @property
    def objectives_word(self) -> str:
        return self.objectives or plural(self.objective)

    @property
    def breakthroughs_word(self) -> str:
        return self.breakthroughs or plural(self.breakthrough)

    @property
    def objective_heading(self) -> str:
        """The word before an objective's number in a heading: "Objective 2", "Priority 2"."""
        return capital(self.objective)

    @property
    def breakthrough_heading(self) -> str:
        return capital(self.breakthrough)

    @property
    def breakthrough_short(self) -> str:
        """The term's first word, where a message names a breakthrough by its id alone
        ("breakthrough 4.1", "workstream 4.1")."""
        return self.breakthrough.split()[0]

    @property
    def breakthrough_column(self) -> str:
        """A narrow column's heading: the term's first word ("Breakthrough", "Workstream")."""
        return capital(self.breakthrough.split()[0])


def plural(word: str) -> str:
    """English's usual plural of the last word: priority → priorities, objective → objectives."""
    if word.endswith("y") and word[-2:-1] not in set("aeiou"):
        return word[:-1] + "ies"
    if word.endswith(("s", "x", "ch", "sh")):
        return word + "es"
    return word + "s"


def article(word: str) -> str:
    """The word after "a" or "an", as English usually chooses: an objective, a priority."""
    return f"{'an' if word[:1].lower() in set('aeiou') else 'a'} {word}"


def capital(text: str) -> str:
    """The text with a capital first letter, the rest as written (PCN stays PCN)."""
    return text[:1].upper() + text[1:]


class Place(Strict):
    """A locality or place the partnership serves, with its population."""

    name: Text
    population: Annotated[int | None, Field(ge=0)] = None
    note: Annotated[Text | None, Field(description='Like "4 PCNs".')] = None


class Person(Strict):
    """Someone named in the papers: a lead to chase, a clinical lead, a convenor."""

    name: Text
    role: Text | None = None
    partner: Annotated[
        Slug | None, Field(description="The partner organisation they work for.")
    ] = None
    contact: Annotated[Text | None, Field(description="An email address or team to write to.")] = (
        None
    )


class Partner(Strict):
    """A partner organisation, with the part it plays."""

    name: Text
    role: Text | None = None


class Partnership(Strict):
    """objectives/partnership.yaml: who the partnership is and how it rates progress."""

    name: Text
    short_name: Text | None = None
    vision: Text | None = None
    purpose: Annotated[Markdown | None, Field(description="What the partnership is for.")] = None
    board: Text = "ICP Board"
    terms: Terms = Terms()
    places: list[Place] = []
    population_source: Annotated[
        Text | None,
        Field(description='Where the populations come from: "NHS Digital, April 2019".'),
    ] = None
    partners: dict[Slug, Text | Partner] = {}
    people: Annotated[
        dict[Slug, Person], Field(description="People the papers name; a lead may be one of them.")
    ] = {}
    leads: Annotated[
        list[Slug],
        Field(description="The people who lead the partnership, as the paper names them."),
    ] = []
    about: Annotated[
        bool, Field(description='Whether the paper opens with an "About the partnership" section.')
    ] = False
    ratings: Annotated[list[Rating], Field(min_length=1)]
    # Which end of `ratings` is best: the paper's direction of travel reads the scale by it.
    ratings_order: Literal["best-first", "worst-first"] = "best-first"
    deliverable_statuses: Annotated[
        list[Rating],
        Field(description="The words a deliverable's status is given in; none: the ratings."),
    ] = []

    def partner_name(self, key: str) -> str | None:
        found = self.partners.get(key)
        return found if isinstance(found, str) else (found.name if found else None)

    def who(self, key: str) -> str:
        """A lead's name as people know it: the person, or the partner organisation, or the id."""
        if key in self.people:
            person = self.people[key]
            organisation = self.partner_name(person.partner) if person.partner else None
            return f"{person.name} ({organisation})" if organisation else person.name
        return self.partner_name(key) or key

    @property
    def statuses(self) -> list[Rating]:
        """What a deliverable's status may be: its own list, or the rating scale."""
        return self.deliverable_statuses or self.ratings
