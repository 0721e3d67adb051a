"""A measure's series read the Making Data Count way: the one place that joins the series to
the statistics, for the paper, the `measures` command and the review. Pure."""

from __future__ import annotations

from dataclasses import dataclass

from icp_objectives.load.loaded import Repository
from icp_objectives.measures.analysis import Analysis, Better
from icp_objectives.measures.series import Series, UpTo, all_series
from icp_objectives.measures.spc import analyse


@dataclass(frozen=True)
class Assessed:
    """A measure's series and what the statistics say about it."""

    series: Series
    analysis: Analysis

    @property
    def periods(self) -> tuple[str, ...]:
        """The points' periods as the paper labels them."""
        return tuple(p.label for p in self.series.periods)


@dataclass(frozen=True)
class Inputs:
    """Everything the statistics read from a series: the same inputs give the same answers
    (the review compares them to know when to work the statistics out again)."""

    values: tuple[float, ...]
    better: Better
    target: float | None
    segment_starts: tuple[int, ...]
    baseline_points: int | None


def inputs(series: Series) -> Inputs:
    return Inputs(
        tuple(series.values),
        series.better,
        series.target,
        tuple(series.segment_starts),
        series.measure.baseline_points,
    )


def assess(series: Series) -> Assessed:
    """The statistics of one series, with its direction, target and recalculations."""
    given = inputs(series)
    analysis = analyse(
        given.values,
        better=given.better,
        target=given.target,
        segment_starts=given.segment_starts,
        baseline_points=given.baseline_points,
    )
    return Assessed(series, analysis)


def assess_all(repo: Repository, up_to: UpTo = None) -> dict[str, Assessed]:
    """Every measure's assessment, by id, as a paper of `up_to` could show it."""
    return {measure_id: assess(s) for measure_id, s in all_series(repo, up_to).items()}
