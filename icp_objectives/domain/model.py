"""The data files as typed models: what each file may hold. Pure: nothing here reads a disk."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BeforeValidator,
    Field,
    StringConstraints,
    model_validator,
)
from pydantic_core import PydanticCustomError

from icp_objectives.domain.cover_choices import Purpose, Session
from icp_objectives.domain.fields import (
    LARGEST,
    BreakthroughId,
    Markdown,
    Number,
    PeriodText,
    Slug,
    StatusWord,
    Strict,
    Target,
    Text,
    objective_number_as_text,
)
from icp_objectives.domain.fields import (
    MULTI_LINE as MULTI_LINE,
)
from icp_objectives.domain.fields import (
    ONE_LINE as ONE_LINE,
)
from icp_objectives.domain.fields import (
    SLUG as SLUG,
)
from icp_objectives.domain.fields import (
    TARGET as TARGET,
)
from icp_objectives.domain.fields import (
    TEXT_PATTERNS as TEXT_PATTERNS,
)
from icp_objectives.domain.partnership import Partnership as Partnership
from icp_objectives.domain.partnership import Rating as Rating
from icp_objectives.domain.reading_periods import Frequency


class Point(Strict):
    """A value a measure had, or should reach, in a period."""

    period: PeriodText
    value: Number
    note: Text | None = None


class Goal(Strict):
    """The value a measure should reach by a period, or, with no period, keep to at all times
    (a standing threshold: "at most 20 at any time", with `better: lower`)."""

    value: Number
    period: PeriodText | None = None
    note: Text | None = None


Count = Annotated[
    float, Field(allow_inf_nan=False, ge=0, le=LARGEST, description="A count: 0 or more.")
]


def _not_zero(value: float) -> float:
    if value == 0:
        raise PydanticCustomError(
            "zero_denominator",
            "the denominator is 0, so there is no percentage; give the number counted (more"
            " than 0), or leave the reading out",
        )
    return value


Denominator = Annotated[
    float,
    AfterValidator(_not_zero),
    Field(
        allow_inf_nan=False,
        ge=0,
        le=LARGEST,
        description="What the numerator is counted out of: more than 0.",
    ),
]
Qualifier = Literal["over", "under", "about", "at least", "at most"]


class Measure(Strict):
    """A key performance indicator of a breakthrough objective."""

    id: Slug
    title: Text
    unit: Annotated[
        str,
        StringConstraints(pattern=ONE_LINE),
        Field(
            description='What a value counts: "%", "£" (written before the number) or a word,'
            " like referrals."
        ),
    ] = ""
    frequency: Annotated[
        Frequency | None,
        Field(description="How often it is read; none: in quarters or financial years."),
    ] = None
    better: Literal["higher", "lower", "neutral"] | None = None
    baseline: Point | None = None
    target: Goal | None = None
    recalculate: Annotated[
        list[PeriodText],
        Field(description="The periods from which the limits are worked out afresh."),
    ] = []
    baseline_points: Annotated[
        int | None,
        Field(ge=12, le=10_000, description="How many first points fix the mean and limits."),
    ] = None
    cumulative: Annotated[bool, Field(description='Whether each value is a "to date" total.')] = (
        False
    )
    source: Text | None = None


class Deliverable(Strict):
    """One row of a status table: a requirement, who supports it, and by when."""

    id: Slug
    requirement: Text
    group: Annotated[
        Text | None, Field(description='Rows of one group print together under it: "Year 1 19/20".')
    ] = None
    due: Annotated[
        PeriodText | None,
        Field(description="By when: a year (2020/21), a quarter, a month (2020-05) or a day."),
    ] = None
    support: Annotated[Text | None, Field(description='Who supports or owns it: "CCG/NHCT".')] = (
        None
    )


class DeliverableUpdate(Strict):
    """A deliverable's status this quarter, with a line on its progress."""

    id: Slug
    status: Annotated[
        StatusWord | None,
        Field(
            description="One of partnership.yaml's deliverable_statuses (or its ratings), by id"
            " or label."
        ),
    ] = None
    progress: Text | None = None
    support: Annotated[Text | None, Field(description="Who supports it now, if that changed.")] = (
        None
    )


class Breakthrough(Strict):
    """A breakthrough objective: a medium-term step towards a strategic objective."""

    id: BreakthroughId
    title: Text
    short_title: Text | None = None
    lead: Slug | None = None
    measures: list[Measure] = []
    deliverables: Annotated[
        list[Deliverable], Field(description="The rows of its status table, in order.")
    ] = []


class Objective(Strict):
    """objectives/<n>-<name>.yaml: one strategic objective and its breakthrough objectives."""

    id: Annotated[int, Field(ge=1, le=99)]
    title: Text
    ambition: Text | None = None
    lead: Slug | None = None
    breakthroughs: Annotated[
        list[Breakthrough],
        Field(description="The level under it; with none, updates cover the objective itself."),
    ] = []
    deliverables: Annotated[
        list[Deliverable], Field(description="The rows of the objective's own status table.")
    ] = []

    @property
    def tables(self) -> tuple[tuple[str, str, tuple[Deliverable, ...]], ...]:
        """Each status table as (the id updates cover, its caption, its rows): the objective's
        own first, then each breakthrough objective's."""
        found = [(str(self.id), self.title, tuple(self.deliverables))] if self.deliverables else []
        found += [
            (b.id, b.short_title or b.title, tuple(b.deliverables))
            for b in self.breakthroughs
            if b.deliverables
        ]
        return tuple(found)

    @property
    def parts(self) -> tuple[tuple[str, str], ...]:
        """What an update covers, as (id, short title): each breakthrough objective, or the
        objective itself when it has none."""
        if not self.breakthroughs:
            return ((str(self.id), self.title),)
        return tuple((b.id, b.short_title or b.title) for b in self.breakthroughs)


class Reading(Strict):
    """A measure's value in a period, reported with an update. A ratio gives its numerator
    and denominator ("115 of 118"); its value is then the percentage, which may be left out."""

    measure: Slug
    value: Number | None = None
    period: PeriodText | None = None
    numerator: Count | None = None
    denominator: Denominator | None = None
    qualifier: Qualifier | None = None
    note: Text | None = None

    @model_validator(mode="after")
    def _has_a_value(self) -> Reading:
        if (self.numerator is None) != (self.denominator is None):
            raise PydanticCustomError(
                "half_ratio", "give both 'numerator' and 'denominator', or neither"
            )
        if self.numerator is None and self.value is None:
            raise PydanticCustomError(
                "no_value", "a reading needs a 'value' (or a 'numerator' and 'denominator')"
            )
        share = self.share
        if self.value is not None and share is not None and abs(self.value - share) > 0.5:
            raise PydanticCustomError(
                "ratio_mismatch",
                f"the value {self.value:g} does not agree with {self.numerator:g} of"
                f" {self.denominator:g} ({share:.1f}%); give the percentage, or leave the"
                " value out",
            )
        return self

    @property
    def share(self) -> float | None:
        """The percentage a ratio makes, or None when the reading is no ratio."""
        if self.numerator is None or not self.denominator:
            return None
        return 100 * self.numerator / self.denominator

    @property
    def figure(self) -> float:
        """The value the reading stands for: its own, or the percentage of its ratio."""
        if self.value is not None:
            return self.value
        return self.share or 0.0


class Correction(Strict):
    """Why an entry of a quarter already presented to the board was changed, and when."""

    reason: Text
    date: dt.date


class Entry(Strict):
    """One update in a quarter: on a breakthrough objective, several, or the whole objective."""

    covers: Annotated[
        Target | Annotated[list[Target], Field(min_length=1)],
        BeforeValidator(objective_number_as_text),
    ]
    heading: Text | None = None
    status: StatusWord | None = None
    body: Markdown
    # Made fresh rather than copied from a default: a file may hold 100,000 entries, and
    # pydantic deep-copies a list default for each.
    readings: list[Reading] = Field(default_factory=list, json_schema_extra={"default": []})
    deliverables: list[DeliverableUpdate] = Field(
        default_factory=list,
        description="This quarter's status of deliverables of what the entry covers.",
        json_schema_extra={"default": []},
    )
    author: Text | None = None
    correction: Correction | None = None

    @property
    def targets(self) -> tuple[str, ...]:
        return (self.covers,) if isinstance(self.covers, str) else tuple(self.covers)

    @property
    def key(self) -> tuple[str, ...]:
        """What the entry covers, in a fixed order: entries are matched across revisions by it."""
        return tuple(sorted(self.targets))


class QuarterUpdates(Strict):
    """objectives/updates/<yyyy-yy>/Q<n>/objective-<n>.yaml: an objective's quarterly updates."""

    objective: Annotated[int, Field(ge=1, le=99)]
    period: PeriodText | None = None
    entries: list[Entry] = []


WebAddress = Annotated[
    str,
    StringConstraints(pattern=r"^https?://[^\s\x00-\x1f\x7f-\x9f]+$"),
    Field(description="A full web address, starting https:// (or http://)."),
]
ObjectiveNumber = Annotated[int, Field(ge=1, le=99)]


def _whole_number_as_text(value: Any) -> Any:
    """A risk numbered `id: 3` is as good as `id: "3"`."""
    return str(value) if isinstance(value, int) and not isinstance(value, bool) else value


class Risk(Strict):
    """A Board Assurance Framework risk the paper bears on, as the cover sheet names it."""

    id: Annotated[Text, BeforeValidator(_whole_number_as_text)]
    title: Text
    link: WebAddress | None = None


class QuarterReport(Strict):
    """objectives/updates/<yyyy-yy>/Q<n>/report.yaml: the board paper's own front matter."""

    title: Text
    period: PeriodText | None = None
    meeting: Text | None = None
    date: dt.date | None = None
    agenda_item: Text | None = None
    author: Text | None = None
    lead_director: Text | None = None
    purpose: Purpose | None = None
    recommendation: Text | None = None
    previously_considered_by: Text | None = None
    strategic_objectives: list[ObjectiveNumber] = []
    baf_risks: list[Risk] = []
    equality_impact: Text | None = None
    quality_impact: Text | None = None
    session: Session | None = None
    presented: dt.date | None = None
    provenance: bool = True  # false leaves out the footer naming the data, for the public pack
    introduction: Markdown


class Programme(Strict):
    """One programme of the outcomes summary: its headline figures within a short narrative."""

    title: Text
    narrative: Annotated[
        str,
        StringConstraints(min_length=1, pattern=MULTI_LINE),
        Field(
            description="Markdown. A figure is written {kind:measure-id}, like"
            " {latest:dta-medically-fit}, and printed in bold; the kinds are latest,"
            " baseline, target, lowest, highest, numerator and denominator."
        ),
    ]
    measures: Annotated[
        list[Measure],
        Field(description="Measures of this programme that no objective file defines."),
    ] = []


class Outcomes(Strict):
    """objectives/outcomes.yaml: the outcomes and impacts summary, programme by programme."""

    title: Text
    author: Annotated[Text | None, Field(description="Who it is from, for the sign-off.")] = None
    programmes: Annotated[list[Programme], Field(min_length=1)]


KINDS: dict[str, type[Strict]] = {
    "partnership": Partnership,
    "objective": Objective,
    "quarter-report": QuarterReport,
    "quarter-updates": QuarterUpdates,
    "outcomes": Outcomes,
}
