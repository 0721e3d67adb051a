"""The cover sheet's options, shared by `new-quarter` and `init`: a new quarter's report.yaml
written with its cover fields and introduction filled in, so that no one has to edit YAML
for a first paper. Each value is checked here, before anything is written."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, get_args

import typer

from icp_objectives.cli.base import fail
from icp_objectives.domain.cover_choices import Purpose, Session

_PANEL = "The cover sheet (written into the new report.yaml)"

MeetingOption = Annotated[
    str | None,
    typer.Option(
        "--meeting",
        metavar="TEXT",
        help="The meeting the paper goes to, like the board's name.",
        rich_help_panel=_PANEL,
    ),
]
DateOption = Annotated[
    str | None,
    typer.Option(
        "--date", metavar="YYYY-MM-DD", help="The meeting's date.", rich_help_panel=_PANEL
    ),
]
AuthorOption = Annotated[
    str | None,
    typer.Option(
        "--author",
        metavar="TEXT",
        help="Who wrote the paper, with their job title.",
        rich_help_panel=_PANEL,
    ),
]
PurposeOption = Annotated[
    str | None,
    typer.Option(
        "--purpose",
        metavar="PURPOSE",
        help=f"Why the board gets it: {', '.join(get_args(Purpose))}.",
        rich_help_panel=_PANEL,
    ),
]
RecommendationOption = Annotated[
    str | None,
    typer.Option(
        "--recommendation",
        metavar="TEXT",
        help="What the board is asked to do, like 'The Board is asked to note the update.'",
        rich_help_panel=_PANEL,
    ),
]
SessionOption = Annotated[
    str | None,
    typer.Option(
        "--session",
        metavar="SESSION",
        help=f"The meeting's part it goes to: {' or '.join(get_args(Session))}.",
        rich_help_panel=_PANEL,
    ),
]
IntroductionOption = Annotated[
    str | None,
    typer.Option(
        "--introduction",
        metavar="TEXT",
        help="The paper's introduction (Markdown), in place of the example text.",
        rich_help_panel=_PANEL,
    ),
]


def given(**values: str | None) -> dict[str, str]:
    """The cover fields given, checked (a usage error names the option to correct)."""
    cover: dict[str, str] = {}
    for field, value in values.items():
        if value is None:
            continue
        option = "--" + field.replace("_", "-")
        text = value.strip()
        if not text:
            fail(f"{option} is empty; give it a value or leave it out")
        if field != "introduction" and "\n" in text:
            fail(f"{option} must be one line; the introduction alone may have several")
        cover[field] = text
    _check_choice(cover, "purpose", get_args(Purpose))
    _check_choice(cover, "session", get_args(Session))
    if "date" in cover:
        try:
            cover["date"] = dt.date.fromisoformat(cover["date"]).isoformat()
        except ValueError:
            fail(f"--date must be a date as YYYY-MM-DD, like 2026-01-28, not '{cover['date']}'")
    return cover


def _check_choice(cover: dict[str, str], field: str, choices: tuple[str, ...]) -> None:
    if field in cover and cover[field] not in choices:
        fail(f"--{field} must be one of {', '.join(choices)}, not '{cover[field]}'")
