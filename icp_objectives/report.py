"""The board paper for a quarter: which quarter, where it goes, and its text in each format."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from icp_objectives import render, view
from icp_objectives.periods import FinancialYear, PeriodError, Quarter, parse_period, parse_year
from icp_objectives.provenance import Provenance, without_sentence
from icp_objectives.repository import Repository

REPORTS_DIR = "reports"
SUFFIXES = {"md": ".md", "html": ".html"}


class ReportError(Exception):
    """A request for a paper that cannot be met, in words for the person who asked."""


@dataclass(frozen=True)
class Choice:
    quarter: Quarter
    guessed_year: bool


def choose_quarter(repo: Repository, period: str, year: str | None) -> Choice:
    """The quarter a person asked for; without a year, the latest one that has updates."""
    try:
        stated_year, number = parse_period(period)
        extra_year: FinancialYear | None = parse_year(year) if year else None
    except PeriodError as error:
        raise ReportError(str(error)) from None
    if stated_year and extra_year and stated_year != extra_year:
        raise ReportError(
            f"the period says {stated_year.label} but --year says {extra_year.label}; give one"
        )
    chosen = stated_year or extra_year
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


def default_path(root: Path, quarter: Quarter, fmt: str) -> Path:
    return root / REPORTS_DIR / f"{quarter.year.slug}-Q{quarter.number}-board-report{SUFFIXES[fmt]}"


def output_paths(
    root: Path, quarter: Quarter, formats: list[str], output: str | None
) -> dict[str, Path]:
    """Where each format goes: the default under reports/, a named file, or a named folder."""
    paths = {fmt: default_path(root, quarter, fmt) for fmt in formats}
    if output is None:
        return paths
    chosen = Path(output)
    if len(formats) > 1 or output.endswith(("/", "\\")) or chosen.is_dir():
        return {fmt: chosen / path.name for fmt, path in paths.items()}
    return {formats[0]: chosen}


def texts(
    repo: Repository, quarter: Quarter, formats: list[str], provenance: Provenance
) -> dict[str, str]:
    """The paper's text in each asked-for format."""
    paper = view.build(repo, quarter)
    try:
        return {fmt: render.render(paper, provenance, fmt, root=repo.root) for fmt in formats}
    except render.TemplateFailed as error:
        raise ReportError(str(error)) from None


def same_paper(committed: str, rendered: str) -> bool:
    """Whether a committed paper says what the data renders now.

    The footer's commit is left out: committing the paper, or merging the branch, changes it.
    """
    return without_sentence(committed) == without_sentence(rendered)
