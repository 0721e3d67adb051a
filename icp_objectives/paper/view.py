"""What the board paper shows for one quarter, built from loaded data. Pure: no I/O."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import lru_cache

from icp_objectives.domain.figures import show_value
from icp_objectives.domain.model import (
    Breakthrough,
    Entry,
    Measure,
    Objective,
    Rating,
    Reading,
)
from icp_objectives.domain.partnership import Terms
from icp_objectives.domain.periods import Quarter
from icp_objectives.domain.reading_periods import parse_written
from icp_objectives.domain.wording import listing, long_date, paper_title
from icp_objectives.load.corrections import CorrectionRow, listed_in
from icp_objectives.load.loaded import Repository
from icp_objectives.paper import about, cover, measure_view, status_tables, travel
from icp_objectives.paper.about import About
from icp_objectives.paper.cover import CoverRow
from icp_objectives.paper.measure_view import MeasureChart
from icp_objectives.paper.travel import Travel

NOT_RATED = "Not rated"
NO_UPDATE = "No update"
NO_MEASURES, NO_ASSURANCE = "No measures", "—"
DARK_TEXT, LIGHT_TEXT = "#212B32", "#FFFFFF"


@dataclass(frozen=True)
class Status:
    """A rating as the paper prints it: always a word, colour only as an extra."""

    label: str
    rating: str | None = None
    colour: str | None = None
    text_colour: str = DARK_TEXT


@dataclass(frozen=True)
class ReadingLine:
    measure: str
    value: str
    period: str
    note: str | None


@dataclass(frozen=True)
class CorrectionMark:
    """An entry changed after its paper was presented: when, and why."""

    date: str
    reason: str


@dataclass(frozen=True)
class EntryView:
    heading: str
    anchor: str
    covers: tuple[str, ...]
    status: Status | None
    body: str
    readings: tuple[ReadingLine, ...]
    author: str | None
    # Set when the entry carries a correction: changed after its paper was presented
    correction: CorrectionMark | None = None


@dataclass(frozen=True)
class SummaryRow:
    objective: int
    breakthrough: str
    title: str
    status: Status
    anchor: str | None
    previous: Status = Status(NO_UPDATE)  # last quarter's
    travel: Travel = travel.NEW  # from last quarter's rating to this one's
    variation: str = NO_MEASURES  # its measures' variation in a word or two each
    assurance: str = NO_ASSURANCE  # and their assurance


@dataclass(frozen=True)
class MeasureRow:
    breakthrough: str
    title: str
    better: str
    baseline: str
    latest: str
    target: str
    assessment: str
    variation: str = ""  # the Making Data Count variation, in words
    assurance: str = ""  # and the assurance against the target
    no_limits: str = ""  # why no limits are drawn, "" when they are


@dataclass(frozen=True)
class ObjectiveView:
    id: int
    title: str
    ambition: str | None
    anchor: str
    breakthroughs: tuple[tuple[str, str], ...]
    entries: tuple[EntryView, ...]
    missing: tuple[str, ...]
    tables: tuple[status_tables.Table, ...] = ()  # its status tables, as of the quarter


@dataclass(frozen=True)
class Paper:
    """Everything a template needs, already in the words the paper prints."""

    title: str
    quarter: str
    quarter_short: str
    months: str
    partnership: str
    short_name: str
    vision: str | None
    board: str
    cover: tuple[CoverRow, ...]
    introduction: str
    summary: tuple[SummaryRow, ...]
    objectives: tuple[ObjectiveView, ...]
    measures: tuple[MeasureRow, ...]
    ratings: tuple[Rating, ...]
    rating_statuses: dict[str, Status] = field(default_factory=dict)
    corrections: tuple[CorrectionRow, ...] = ()
    previous_quarter: str = ""  # the quarter the summary compares with, as 2019/20 Q4
    show_provenance: bool = True  # whether the footer names the data (report.yaml's provenance)
    charts: tuple[MeasureChart, ...] = ()  # one per measure, in the measures table's order
    terms: Terms = field(default_factory=Terms)  # what the partnership calls its levels
    about: About | None = None  # "About the partnership", when partnership.yaml asks for it


def build(repo: Repository, quarter: Quarter) -> Paper:
    """The paper for `quarter`; the repository must have passed validation."""
    assert repo.partnership is not None, "validate the repository before building a paper"
    partnership = repo.partnership.model
    statuses = {r.id: _status(r) for r in partnership.ratings}
    objectives = sorted((o.model for o in repo.objectives), key=lambda o: o.id)
    data = repo.quarters.get(quarter)
    entries_by_objective: dict[int, list[Entry]] = {}
    if data is not None:
        for loaded in data.updates.values():
            entries_by_objective[loaded.model.objective] = list(loaded.model.entries)
    report = data.report.model if data and data.report else None
    measures = {m.id: m for o in objectives for b in o.breakthroughs for m in b.measures}
    charts = measure_view.build(repo, objectives, quarter)
    views = tuple(
        _objective_view(
            o, entries_by_objective.get(o.id, []), statuses, measures, partnership.terms
        )
        for o in objectives
    )
    views = tuple(
        replace(view, tables=status_tables.build(repo, o, quarter))
        for view, o in zip(views, objectives, strict=True)
    )
    before = repo.quarters.get(quarter.previous())
    previous = [entry for _, entry in before.entries()] if before else []
    rank = travel.ranks(partnership.ratings, partnership.ratings_order)
    return Paper(
        title=report.title if report else paper_title(quarter, partnership),
        quarter=quarter.label,
        quarter_short=f"Quarter {quarter.number} {quarter.year.short_label}",
        months=quarter.months,
        partnership=partnership.name,
        short_name=partnership.short_name or partnership.name,
        vision=partnership.vision,
        board=partnership.board,
        cover=cover.rows(report, partnership, objectives, quarter),
        introduction=report.introduction if report else "",
        summary=_summary(objectives, views, previous, statuses, rank, charts),
        objectives=views,
        measures=_measures(repo, objectives, quarter, {c.measure: c for c in charts}),
        ratings=tuple(partnership.ratings),
        rating_statuses=statuses,
        corrections=listed_in(repo, quarter),
        previous_quarter=quarter.previous().label,
        show_provenance=report.provenance if report else True,
        charts=charts,
        terms=partnership.terms,
        about=about.build(partnership),
    )


def _status(rating: Rating) -> Status:
    colour = rating.colour
    text = DARK_TEXT if colour is None or contrast(colour, DARK_TEXT) >= 4.5 else LIGHT_TEXT
    return Status(rating.label, rating.id, colour, text)


def contrast(first: str, second: str) -> float:
    """WCAG 2 contrast ratio of two #RRGGBB colours."""
    lighter, darker = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def _luminance(colour: str) -> float:
    def channel(hex_pair: str) -> float:
        value = int(hex_pair, 16) / 255
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    red, green, blue = (channel(colour[i : i + 2]) for i in (1, 3, 5))
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def _objective_view(
    objective: Objective,
    entries: list[Entry],
    statuses: dict[str, Status],
    measures: dict[str, Measure],
    terms: Terms,
) -> ObjectiveView:
    titles = {b.id: b for b in objective.breakthroughs}
    ordered = sorted(entries, key=lambda e: _place(objective, e))
    views = tuple(_entry_view(objective, e, titles, statuses, measures, terms) for e in ordered)
    covered = {target for e in entries for target in e.targets}
    missing = tuple(key for key, _ in objective.parts if key not in covered)
    return ObjectiveView(
        id=objective.id,
        title=objective.title,
        ambition=objective.ambition,
        anchor=f"objective-{objective.id}",
        breakthroughs=tuple((b.id, b.title) for b in objective.breakthroughs),
        entries=views,
        missing=missing,
    )


def _place(objective: Objective, entry: Entry) -> int:
    """Where an entry prints: in the order of the objective's breakthrough objectives, one on
    several at the first of them, one on the whole objective before all (-1)."""
    order = {b.id: index for index, b in enumerate(objective.breakthroughs)}
    return min((order.get(t, -1) for t in entry.targets), default=-1)


def _entry_view(
    objective: Objective,
    entry: Entry,
    titles: dict[str, Breakthrough],
    statuses: dict[str, Status],
    measures: dict[str, Measure],
    terms: Terms,
) -> EntryView:
    targets = entry.targets
    return EntryView(
        heading=entry.heading or _default_heading(objective, targets, titles, terms),
        anchor="update-" + "-".join(t.replace(".", "-") for t in targets),
        covers=targets,
        status=statuses.get(entry.status) if entry.status else None,
        body=entry.body,
        readings=tuple(
            ReadingLine(
                measures[r.measure].title,
                _reading_value(r, measures[r.measure]),
                r.period or "",
                r.note,
            )
            for r in entry.readings
        ),
        author=entry.author,
        correction=CorrectionMark(long_date(entry.correction.date), entry.correction.reason)
        if entry.correction
        else None,
    )


def _default_heading(
    objective: Objective, targets: tuple[str, ...], titles: dict[str, Breakthrough], terms: Terms
) -> str:
    if len(targets) > 1:
        return listing(targets)
    target = targets[0]
    if not objective.breakthroughs:
        return ""  # the objective's own heading says it: nothing is part of a whole
    if target not in titles:
        return f"{terms.objective_heading} {objective.id} as a whole"
    breakthrough = titles[target]
    return f"{target} {breakthrough.short_title or breakthrough.title}"


def _summary(
    objectives: list[Objective],
    views: tuple[ObjectiveView, ...],
    previous: list[Entry],
    statuses: dict[str, Status],
    rank: dict[str, int],
    charts: tuple[MeasureChart, ...],
) -> tuple[SummaryRow, ...]:
    """Each breakthrough objective's status this quarter and last, which way it moved, and
    what its measures' series say."""
    rows = []
    for objective, view in zip(objectives, views, strict=True):
        for key, title in objective.parts:
            entry = next((e for e in view.entries if key in e.covers), None)
            status = (entry.status if entry else None) or Status(NOT_RATED if entry else NO_UPDATE)
            last = next((e for e in previous if key in e.targets), None)
            last_status = last.status if last else None
            place = (objective.id, key)
            variation, assurance = _in_short(
                [c for c in charts if (c.objective, c.breakthrough) == place]
            )
            rows.append(
                SummaryRow(
                    objective=objective.id,
                    breakthrough=key if objective.breakthroughs else "",
                    title=title,
                    status=status,
                    anchor=entry.anchor if entry else None,
                    previous=(statuses.get(last_status) if last_status else None)
                    or Status(NOT_RATED if last else NO_UPDATE),
                    travel=travel.direction(
                        status.rating, last_status, updated_before=last is not None, rank=rank
                    ),
                    variation=variation,
                    assurance=assurance,
                )
            )
    return tuple(rows)


def _in_short(charts: list[MeasureChart]) -> tuple[str, str]:
    """A breakthrough objective's measures' variation and assurance for the summary: each
    label once, with how many measures share it when more than one ('Common cause (2)')."""
    if not charts:
        return NO_MEASURES, NO_ASSURANCE

    def tally(labels: list[str]) -> str:
        counted = dict.fromkeys(labels, 0)
        for label in labels:
            counted[label] += 1
        return "; ".join(label if n == 1 else f"{label} ({n})" for label, n in counted.items())

    return tally([c.variation_short for c in charts]), tally([c.assurance_short for c in charts])


def _measures(
    repo: Repository,
    objectives: list[Objective],
    quarter: Quarter,
    charts: dict[str, MeasureChart],
) -> tuple[MeasureRow, ...]:
    readings = _readings_up_to(repo, quarter)
    rows = []
    for objective in objectives:
        for breakthrough in objective.breakthroughs:
            for measure in breakthrough.measures:
                latest = readings.get(measure.id)
                row = _measure_row(breakthrough.id, measure, latest)
                chart = charts[measure.id]
                rows.append(
                    replace(
                        row,
                        variation=chart.variation,
                        assurance=chart.assurance,
                        no_limits=chart.no_limits,
                    )
                )
    return tuple(rows)


def _readings_up_to(repo: Repository, quarter: Quarter) -> dict[str, tuple[str, float]]:
    """Each measure's latest reading reported in or before `quarter`, with its period label."""
    latest: dict[str, tuple[tuple[Quarter, tuple[int, int]], str, float]] = {}
    for reported, data in repo.quarters.items():
        if reported > quarter:
            continue
        for _, entry in data.entries():
            for reading in entry.readings:
                period = reading.period or reported.label
                key = (reported, _period_order(period))
                if reading.measure not in latest or key >= latest[reading.measure][0]:
                    latest[reading.measure] = (key, period, reading.figure)
    return {measure: (label, value) for measure, (_, label, value) in latest.items()}


@lru_cache(maxsize=4096)  # every reading of every quarter asks; their periods are few
def _period_order(label: str) -> tuple[int, int]:
    """Periods in the order they end (a quarter before the year it closes)."""
    period = parse_written(label)
    return period.last_day.toordinal(), period.first_day.toordinal()


def _reading_value(reading: Reading, measure: Measure) -> str:
    """A reading as the paper prints it: '72%', '115 of 118 (97%)', 'over 11,000'."""
    return show_value(
        reading.figure,
        measure.unit,
        numerator=reading.numerator,
        denominator=reading.denominator,
        qualifier=reading.qualifier,
        cumulative=measure.cumulative,
    )


def _measure_row(
    breakthrough: str, measure: Measure, latest: tuple[str, float] | None
) -> MeasureRow:
    unit = measure.unit

    def show(value: float, period: str | None) -> str:
        shown = show_value(value, unit, cumulative=measure.cumulative)
        if period:
            return f"{shown} ({period})"
        bound = {"lower": "at most ", "higher": "at least "}.get(measure.better or "", "")
        return f"{bound}{shown} at any time"  # a standing threshold

    return MeasureRow(
        breakthrough=breakthrough,
        title=measure.title,
        better={
            "higher": "Higher is better",
            "lower": "Lower is better",
            "neutral": "Neither higher nor lower is better",
            None: "",
        }[measure.better],
        baseline=show(measure.baseline.value, measure.baseline.period) if measure.baseline else "—",
        latest=show(latest[1], latest[0]) if latest else "No reading yet",
        target=show(measure.target.value, measure.target.period) if measure.target else "None set",
        assessment=_assess(measure, latest[1] if latest else None),
    )


def _assess(measure: Measure, value: float | None) -> str:
    if value is None:
        return "No reading yet"
    sign = {"higher": 1, "lower": -1}.get(measure.better or "", 0)
    if measure.target is not None and sign and (value - measure.target.value) * sign >= 0:
        return "Target met"
    if measure.baseline is None or not sign:
        return "Not assessed" if sign == 0 else "Below target" if measure.target else "Reported"
    change = (value - measure.baseline.value) * sign
    if change > 0:
        return "Better than baseline"
    if change < 0:
        return "Worse than baseline"
    return "Same as baseline"
