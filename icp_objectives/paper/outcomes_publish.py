"""The outcomes summary's text in each format, and the month it is asked for."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from pathlib import Path

from icp_objectives.domain.periods import PeriodError
from icp_objectives.domain.reading_periods import parse_reading_period
from icp_objectives.paper import render
from icp_objectives.paper.outcomes_view import Summary
from icp_objectives.paper.publish import ReportError

TEMPLATES = {"md": "outcomes.md.j2", "html": "outcomes.html.j2"}
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
