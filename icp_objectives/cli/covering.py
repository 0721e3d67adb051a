"""`cover`: fill in a started quarter's cover sheet from the command line, no other line changed."""

from __future__ import annotations

import datetime as dt
import difflib

import typer

from icp_objectives.cli import cover_options, which_quarter
from icp_objectives.cli.base import (
    PeriodArgument,
    RootOption,
    YearOption,
    app,
    fail,
    fail_with_problems,
    resolve_root,
    shown_path,
)


def _today() -> dt.date:
    return dt.date.today()


@app.command()
def cover(
    period: PeriodArgument = None,
    year: YearOption = None,
    meeting: cover_options.MeetingOption = None,
    date: cover_options.DateOption = None,
    author: cover_options.AuthorOption = None,
    purpose: cover_options.PurposeOption = None,
    recommendation: cover_options.RecommendationOption = None,
    session: cover_options.SessionOption = None,
    introduction: cover_options.IntroductionOption = None,
    root: RootOption = None,
) -> None:
    """Fill in a started quarter's cover sheet.

    Sets each field given in the quarter's report.yaml (by default the open quarter's) and
    changes no other line: a key there gets the new value, new-quarter's commented prompt
    becomes the key. The file is validated before it is written; prints the diff.
    """
    from icp_objectives.cli import terminal
    from icp_objectives.edit import cover as covering
    from icp_objectives.load import disk

    given = cover_options.given(
        meeting=meeting,
        date=date,
        author=author,
        purpose=purpose,
        recommendation=recommendation,
        session=session,
        introduction=introduction,
    )
    if not given:
        fail("give at least one cover sheet option, like --meeting TEXT or --date YYYY-MM-DD")
    asked = which_quarter.typed(period, year)
    base = resolve_root(root)
    quarter = which_quarter.meant(disk.load(base), asked, "after the command", _today())
    try:
        filled = covering.set_cover(base, quarter, given)
    except covering.Refused as refusal:
        fail_with_problems(refusal.problems, str(refusal), refusal.exit_code)
    rel = shown_path(filled.path, base)
    if not filled.changed:
        typer.echo(f"Nothing to change: {rel} already says that.", err=True)
        return
    terminal.diff(
        list(
            difflib.unified_diff(
                filled.before.splitlines(),
                filled.after.splitlines(),
                f"a/{rel}",
                f"b/{rel}",
                lineterm="",
            )
        )
    )
    typer.echo(f"changed {rel}", err=True)
