"""The board paper for a quarter: which quarter is meant, and its text in each format."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from icp_objectives.check import quarters
from icp_objectives.domain.errors import IcpError
from icp_objectives.domain.periods import (
    FinancialYear,
    PeriodError,
    Quarter,
    named_year,
    parse_period,
)
from icp_objectives.domain.progress import Step, quiet
from icp_objectives.load.loaded import Repository
from icp_objectives.paper import render, view, word
from icp_objectives.paper.provenance import Provenance, without_sentence

SUFFIXES = {"md": ".md", "html": ".html", "docx": ".docx", "pdf": ".pdf"}
TEXT_FORMATS = ("md", "html")  # the others are files made from the HTML


class ReportError(IcpError):
    """A request for a paper that cannot be met, in words for the person who asked."""


Asked = tuple[FinancialYear | None, int]  # the year, if named, and the quarter's number


def requested(period: str, year: str | None) -> Asked:
    """The year (None when not given) and quarter number a person asked for, before any
    data is read; a ReportError when they name no quarter."""
    try:
        stated, number = parse_period(period)
        return named_year(stated, year), number
    except PeriodError as error:
        raise ReportError(str(error)) from None


def choose_quarter(repo: Repository, asked: Asked, today: dt.date) -> quarters.Chosen:
    """The quarter a person asked for (see `requested`); without a year, the open one of that
    number, or else the latest year that has it (`check.quarters.meant`)."""
    chosen, number = asked
    if chosen is not None:
        quarter = Quarter(chosen, number)
        if quarter not in repo.quarters:
            raise ReportError(f"there are no updates for {quarter.label}{quarters.available(repo)}")
    try:
        return quarters.meant(repo, number, chosen, today=today, naming="with its year")
    except quarters.QuarterError as error:
        raise ReportError(str(error), error.exit_code) from None


def texts(
    repo: Repository,
    quarter: Quarter,
    formats: list[str],
    provenance: Provenance,
    templates: Mapping[str, bytes | OSError] | None = None,
) -> dict[str, str]:
    """The paper's text in each asked-for format; `templates` are the repository's own."""
    return _rendered(view.build(repo, quarter), repo, formats, provenance, templates)


def _rendered(
    paper: view.Paper,
    repo: Repository,
    formats: list[str],
    provenance: Provenance,
    templates: Mapping[str, bytes | OSError] | None,
) -> dict[str, str]:
    try:
        return {
            fmt: render.render(paper, provenance, fmt, root=repo.root, templates=templates)
            for fmt in formats
        }
    except render.TemplateFailed as error:
        raise ReportError(str(error), error.exit_code) from None


def files(
    repo: Repository,
    quarter: Quarter,
    formats: list[str],
    provenance: Provenance,
    templates: Mapping[str, bytes | OSError] | None = None,
    progress: Step = quiet,
) -> dict[str, bytes]:
    """Each asked-for format's file: the text ones in UTF-8, Word and PDF made from the HTML.

    `progress` is told of each format as it is made.
    """
    paper = view.build(repo, quarter)
    made_from_html = {"docx", "pdf"} & set(formats)
    needed = [f for f in TEXT_FORMATS if f in formats or (f == "html" and made_from_html)]
    steps = [*needed, *(f for f in ("docx", "pdf") if f in formats)]
    texts: dict[str, str] = {}
    for fmt in needed:
        progress(fmt, steps.index(fmt) + 1, len(steps))
        texts |= _rendered(paper, repo, [fmt], provenance, templates)
    out = {fmt: texts[fmt].encode("utf-8") for fmt in formats if fmt in texts}
    if "docx" in formats:
        progress("docx", steps.index("docx") + 1, len(steps))
        out["docx"] = word.document(repo, quarter, paper, texts["html"], templates)
    if "pdf" in formats:
        from icp_objectives.paper import pdf  # WeasyPrint is loaded only for a PDF

        progress("pdf", steps.index("pdf") + 1, len(steps))
        out["pdf"] = pdf.to_pdf(texts["html"])
    return {fmt: out[fmt] for fmt in formats}


def same_paper(committed: str, rendered: str) -> bool:
    """Whether a committed paper says what the data renders now.

    The footer's commit is left out: committing the paper, or merging the branch, changes it.
    Line endings are too: git may check the paper out with Windows ones.
    """
    return without_sentence(committed.replace("\r\n", "\n")) == without_sentence(rendered)
