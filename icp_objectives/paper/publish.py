"""The board paper for a quarter: which quarter is meant, and its text in each format."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from icp_objectives.domain.errors import IcpError
from icp_objectives.domain.periods import (
    FinancialYear,
    PeriodError,
    Quarter,
    named_year,
    parse_period,
)
from icp_objectives.load.loaded import Repository
from icp_objectives.paper import render, view
from icp_objectives.paper.provenance import Provenance, without_sentence

SUFFIXES = {"md": ".md", "html": ".html", "pdf": ".pdf"}


class ReportError(IcpError):
    """A request for a paper that cannot be met, in words for the person who asked."""


@dataclass(frozen=True)
class Choice:
    quarter: Quarter
    guessed_year: bool


Asked = tuple[FinancialYear | None, int]  # the year, if named, and the quarter's number


def requested(period: str, year: str | None) -> Asked:
    """The year (None when not given) and quarter number a person asked for, before any
    data is read; a ReportError when they name no quarter."""
    try:
        stated, number = parse_period(period)
        return named_year(stated, year), number
    except PeriodError as error:
        raise ReportError(str(error)) from None


def choose_quarter(repo: Repository, asked: Asked) -> Choice:
    """The quarter a person asked for (see `requested`); without a year, the latest one that
    has updates."""
    chosen, number = asked
    if chosen is not None:
        quarter = Quarter(chosen, number)
        if quarter not in repo.quarters:
            raise ReportError(f"there are no updates for {quarter.label}{_available(repo)}")
        return Choice(quarter, guessed_year=False)
    candidates = sorted(q for q in repo.quarters if q.number == number)
    if not candidates:
        raise ReportError(f"no financial year has updates for Q{number}{_available(repo)}")
    return Choice(candidates[-1], guessed_year=True)


def _available(repo: Repository) -> str:
    known = sorted(repo.quarters)
    return f"; quarters with updates: {', '.join(q.label for q in known)}" if known else ""


def texts(
    repo: Repository,
    quarter: Quarter,
    formats: list[str],
    provenance: Provenance,
    templates: Mapping[str, bytes | OSError] | None = None,
) -> dict[str, str]:
    """The paper's text in each asked-for format; `templates` are the repository's own."""
    paper = view.build(repo, quarter)
    try:
        return {
            fmt: render.render(paper, provenance, fmt, root=repo.root, templates=templates)
            for fmt in formats
        }
    except render.TemplateFailed as error:
        raise ReportError(str(error), error.exit_code) from None


def same_paper(committed: str, rendered: str) -> bool:
    """Whether a committed paper says what the data renders now.

    The footer's commit is left out: committing the paper, or merging the branch, changes it.
    Line endings are too: git may check the paper out with Windows ones.
    """
    return without_sentence(committed.replace("\r\n", "\n")) == without_sentence(rendered)
