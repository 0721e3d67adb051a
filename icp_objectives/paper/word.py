"""The board paper, or the outcomes summary, as a Word document: its HTML converted, styled by
the repository's `templates/reference.docx` when it has one. Pure: the templates come as bytes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from icp_objectives.domain.errors import EXIT_PROBLEMS, IcpError, reason
from icp_objectives.domain.periods import Quarter
from icp_objectives.load.loaded import Repository
from icp_objectives.paper import docx_build, docx_styles
from icp_objectives.paper.view import Paper

REFERENCE_NAME = f"templates/{docx_styles.REFERENCE}"


def details(repo: Repository, quarter: Quarter, paper: Paper) -> docx_build.Details:
    """The document's properties and footer: dated the day of the meeting when report.yaml
    names it, else the quarter's last day, so that the same data gives the same file."""
    data = repo.quarters.get(quarter)
    report = data.report.model if data and data.report else None
    day = (report.date if report else None) or quarter.last_day
    return docx_build.Details(
        title=paper.title,
        author=(report.author if report else None) or paper.partnership,
        partnership=paper.partnership,
        period=paper.quarter,
        when=dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC),
        subject=f"{paper.board}: {paper.quarter} ({paper.months})",
        keywords=f"{paper.short_name}; board paper; strategic objectives; {paper.quarter}",
    )


def document(
    repo: Repository,
    quarter: Quarter,
    paper: Paper,
    html: str,
    templates: Mapping[str, bytes | OSError] | None = None,
) -> bytes:
    """The paper's .docx bytes from its rendered HTML."""
    return from_html(html, details(repo, quarter, paper), templates)


def from_html(
    html: str,
    about: docx_build.Details,
    templates: Mapping[str, bytes | OSError] | None = None,
    what: str = "Word paper",
    source: str = "HTML paper",
) -> bytes:
    """A document's .docx bytes from its rendered HTML; `what` and `source` name the two in
    a failure."""
    found = (templates or {}).get(docx_styles.REFERENCE)
    if isinstance(found, OSError):
        raise IcpError(f"{REFERENCE_NAME} cannot be read: {reason(found)}", EXIT_PROBLEMS)
    try:
        return docx_build.build(html, about, found, REFERENCE_NAME)
    except IcpError:
        raise
    except Exception as error:  # templates/ may write any HTML: name the failure, never a trace
        raise IcpError(
            f"the {what} could not be made from the {source} ({type(error).__name__}:"
            f" {error}); check what templates/ changes in the HTML",
            EXIT_PROBLEMS,
        ) from None
