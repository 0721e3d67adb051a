"""Each measure's series as the paper shows it: XmR chart, icons and words. Pure: no I/O."""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from icp_objectives.domain.model import Objective
from icp_objectives.domain.periods import Quarter
from icp_objectives.load.loaded import Repository
from icp_objectives.measures.assessed import Assessed, assess_all
from icp_objectives.measures.chart import xmr_chart
from icp_objectives.measures.icons import assurance_icon, variation_icon
from icp_objectives.measures.labels import (
    NO_READINGS,
    assurance_label,
    no_assurance_label,
    no_limits_label,
    short_assurance,
    short_variation,
    variation_label,
)
from icp_objectives.measures.rows import ChartRow, chart_rows

EMPTY = Markup("")


@dataclass(frozen=True)
class MeasureChart:
    """One measure's chart, icons, labels and numbers, in the paper's measure order."""

    objective: int
    breakthrough: str
    measure: str  # the measure's id
    title: str
    variation: str
    assurance: str
    no_limits: str  # the "too few readings" sentence, "" when limits are drawn
    variation_short: str = NO_READINGS  # a word or two, for the summary table
    assurance_short: str = NO_READINGS
    chart: Markup | None = None  # only with 2 points or more
    variation_icon: Markup = EMPTY
    assurance_icon: Markup = EMPTY
    rows: tuple[ChartRow, ...] = ()


def build(
    repo: Repository, objectives: list[Objective], quarter: Quarter
) -> tuple[MeasureChart, ...]:
    """A view per measure, objective by objective, as the measures table lists them."""
    assessed = assess_all(repo, quarter)
    views = []
    for objective in objectives:
        for breakthrough in objective.breakthroughs:
            for measure in breakthrough.measures:
                found = assessed.get(measure.id)
                if found is None:
                    views.append(
                        MeasureChart(
                            objective.id,
                            breakthrough.id,
                            measure.id,
                            measure.title,
                            NO_READINGS,
                            "",
                            "",
                        )
                    )
                    continue
                views.append(_view(objective.id, breakthrough.id, measure.id, found))
    return tuple(views)


def _view(objective: int, breakthrough: str, measure_id: str, found: Assessed) -> MeasureChart:
    """Chart only from two points: one point is no line and no moving range."""
    analysis = found.analysis
    measure = found.series.measure
    unit = measure.unit or ""
    chart = None
    if len(analysis.points) >= 2:
        target = measure.target.value if measure.target else None
        # Safe: the chart code escapes every piece of data it puts in the SVG.
        chart = Markup(
            xmr_chart(
                analysis,
                periods=found.periods,
                title=measure.title,
                unit=unit,
                target=target,
                id_prefix=measure_id,
            )
        )
    return MeasureChart(
        objective=objective,
        breakthrough=breakthrough,
        measure=measure_id,
        title=measure.title,
        variation=variation_label(analysis),
        assurance=assurance_label(analysis) or no_assurance_label(analysis),
        no_limits="" if analysis.mean is not None else no_limits_label(analysis),
        variation_short=short_variation(analysis),
        assurance_short=short_assurance(analysis),
        chart=chart,
        variation_icon=Markup(variation_icon(analysis)),
        assurance_icon=Markup(assurance_icon(analysis)),
        rows=tuple(chart_rows(analysis, found.periods, unit=unit)) if chart else (),
    )
