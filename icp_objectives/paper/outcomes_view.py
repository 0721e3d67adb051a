"""What the outcomes and impacts summary shows, as it stood at the end of a month: each
programme's narrative with its figures filled in. Pure: works on a loaded repository."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from markupsafe import Markup, escape

from icp_objectives.domain import markdown
from icp_objectives.domain.errors import IcpError
from icp_objectives.domain.placeholders import replaced
from icp_objectives.domain.problems import Problem
from icp_objectives.domain.wording import count
from icp_objectives.load.loaded import OUTCOMES_FILE, Repository
from icp_objectives.measures.headline import month_label
from icp_objectives.measures.narrative import fill, known_measures
from icp_objectives.measures.series import series_of

# Where a figure goes in a narrative while Markdown is rendered: control characters no
# valid narrative holds (the schema refuses them), replaced by the bold figure afterwards.
_OPEN, _CLOSE = "\x02", "\x03"


class NoSummary(IcpError):
    """The repository has no outcomes summary to render."""


class FiguresMissing(IcpError):
    """Figures the narratives name that did not exist at the end of the month asked for."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(f"{len(problems)} figures do not exist as of that month")
        self.problems = problems


@dataclass(frozen=True)
class Programme:
    """One programme: its title, and its narrative with a mark where each figure goes."""

    title: str
    narrative: str
    figures: tuple[str, ...]

    def narrative_html(self, heading_level: int = 3) -> Markup:
        """The narrative as safe HTML, each figure in <strong>."""
        html = str(markdown.to_html(self.narrative, heading_level=heading_level))
        for index, text in enumerate(self.figures):
            bold = f"<strong>{escape(text)}</strong>"
            html = html.replace(f"{_OPEN}{index}{_CLOSE}", bold)
        return Markup(html)  # built from escaped parts

    def narrative_markdown(self, heading_level: int = 3) -> Markup:
        """The narrative as Markdown for the summary, each figure in **bold**."""
        text = markdown.to_markdown(self.narrative, heading_level=heading_level)
        for index, figure in enumerate(self.figures):
            text = text.replace(f"{_OPEN}{index}{_CLOSE}", f"**{markdown.plain_text(figure)}**")
        return Markup(text)  # made safe by to_markdown and plain_text


@dataclass(frozen=True)
class Summary:
    """The whole summary, with the fields its templates use."""

    title: str  # as written, without the month
    as_of: str  # 'February 2021'
    author: str | None
    partnership: str
    short_name: str
    programmes: tuple[Programme, ...]
    sources: str  # where the figures come from, for the footer

    @property
    def full_title(self) -> str:
        return f"{self.title} {self.as_of}"

    @property
    def sign_off(self) -> str | None:
        return f"{self.author} {self.as_of}" if self.author else None


def latest_month(repo: Repository) -> dt.date:
    """The last day of the month of the latest reading any narrative names: the default
    --as-of, so that the summary shows all the data there is."""
    if repo.outcomes is None:
        raise NoSummary(_no_summary())
    measures = known_measures(repo)
    named = {f.placeholder.measure for f in fill(repo, repo.outcomes, measures)}
    ends = [
        observation.period.last_day
        for measure, owner in (measures[m] for m in sorted(named & set(measures)))
        for observation in series_of(repo, measure, owner=owner).observations
    ]
    if not ends:
        raise NoSummary(
            "no figure of the outcomes summary has a reading yet, so there is no latest month;"
            " give --as-of MONTH (like 2021-02)"
        )
    last = max(ends)
    following = dt.date(last.year + last.month // 12, last.month % 12 + 1, 1)
    return following - dt.timedelta(days=1)


def build(repo: Repository, as_of: dt.date) -> Summary:
    """The summary as its figures stood on `as_of` (the last day of a month); FiguresMissing
    when a figure it names had no value yet."""
    if repo.outcomes is None:
        raise NoSummary(_no_summary())
    outcomes = repo.outcomes
    filled = list(fill(repo, outcomes, known_measures(repo), as_of))
    problems = [f.problem for f in filled if f.problem is not None]
    if problems:
        raise FiguresMissing(problems)
    programmes = []
    for index, programme in enumerate(outcomes.model.programmes):
        own = [f for f in filled if f.programme == index]
        marks = {f.placeholder.start: f"{_OPEN}{n}{_CLOSE}" for n, f in enumerate(own)}
        text = replaced(programme.narrative, marks)
        programmes.append(Programme(programme.title, text, tuple(f.text or "" for f in own)))
    partnership = repo.partnership.model if repo.partnership else None
    name = partnership.name if partnership else ""
    named = len({f.placeholder.measure for f in filled})
    return Summary(
        title=outcomes.model.title,
        as_of=month_label(as_of),
        author=outcomes.model.author,
        partnership=name,
        short_name=(partnership.short_name if partnership else None) or name,
        programmes=tuple(programmes),
        sources=sources(month_label(as_of), len(filled), named, outcomes.source.rel),
    )


def sources(month: str, figures: int, measures: int, rel: str) -> str:
    """The summary's note of where its figures come from, counted."""
    return (
        f"Figures as they stood at the end of {month}: {count(figures, 'figure', none='0')} of"
        f" {count(measures, 'measure', none='0')}, from {rel} and the measures' readings."
    )


def _no_summary() -> str:
    return (
        f"there is no objectives/{OUTCOMES_FILE}; write the summary's title and programmes"
        " there (see docs/format.md)"
    )
