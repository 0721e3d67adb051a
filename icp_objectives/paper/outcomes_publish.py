"""The outcomes summary in each format (Markdown, HTML, and Word made from the HTML as for the
board paper), and the month it is asked for."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from pathlib import Path

from icp_objectives.domain.periods import PeriodError
from icp_objectives.domain.reading_periods import parse_reading_period
from icp_objectives.paper import docx_build, render, word
from icp_objectives.paper.outcomes_view import Summary
from icp_objectives.paper.publish import TEXT_FORMATS, ReportError

TEMPLATES = {"md": "outcomes.md.j2", "html": "outcomes.html.j2"}
FORMATS = ("md", "html", "docx")  # the ones it is written in; a PDF is the board paper's
NAME = "outcomes"  # the document's name in reports/<yyyy-mm>-outcomes.md


def as_of(text: str) -> dt.date:
    """The last day of the month --as-of names (2021-02, Feb 2021, February 2021)."""
    try:
        return parse_reading_period(text, "monthly").last_day
    except PeriodError:
        raise ReportError(
            f"--as-of must be a month, like 2021-02 (or Feb 2021), not '{text}'"
        ) from None


def stem(day: dt.date) -> str:
    """The file name the summary as of `day` is written under, without its suffix."""
    return f"{day:%Y-%m}-{NAME}"


def texts(
    summary: Summary,
    formats: list[str],
    *,
    root: Path | None = None,
    templates: Mapping[str, bytes | OSError] | None = None,
) -> dict[str, str]:
    """The summary's text in each asked-for format; `templates` are the repository's own."""
    try:
        return {
            fmt: render.render_template(
                TEMPLATES[fmt],
                fmt,
                {"summary": summary},
                root=root,
                templates=templates,
                fields="those of Summary in icp_objectives/paper/outcomes_view.py",
            )
            for fmt in formats
        }
    except render.TemplateFailed as error:
        raise ReportError(str(error), error.exit_code) from None


def files(
    summary: Summary,
    day: dt.date,
    formats: list[str],
    *,
    root: Path | None = None,
    templates: Mapping[str, bytes | OSError] | None = None,
) -> dict[str, bytes]:
    """Each asked-for format's file: the text ones in UTF-8, Word made from the HTML."""
    needed = [f for f in TEXT_FORMATS if f in formats or (f == "html" and "docx" in formats)]
    written = texts(summary, needed, root=root, templates=templates)
    out = {fmt: text.encode("utf-8") for fmt, text in written.items()}
    if "docx" in formats:
        out["docx"] = word.from_html(
            written["html"], details(summary, day), templates, "Word summary", "HTML summary"
        )
    return {fmt: out[fmt] for fmt in formats}


def details(summary: Summary, day: dt.date) -> docx_build.Details:
    """The Word summary's properties and footer, dated the month's last day so that the same
    data gives the same file."""
    return docx_build.Details(
        title=summary.full_title,
        author=summary.author or summary.partnership,
        partnership=summary.partnership,
        period=f"Figures as of {summary.as_of}",
        when=dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC),
        subject=f"Outcomes and impacts: figures as of {summary.as_of}",
        keywords=f"{summary.short_name}; outcomes and impacts; {summary.as_of}",
    )
