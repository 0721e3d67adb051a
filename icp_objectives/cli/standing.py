"""`status`: where every breakthrough objective stands, and who has yet to update."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Annotated

import typer

from icp_objectives.cli import updating, which_quarter
from icp_objectives.cli.base import (
    NoCacheOption,
    PeriodArgument,
    RootOption,
    YearOption,
    app,
    check_format,
    resolve_root,
)

if TYPE_CHECKING:
    from icp_objectives.domain.periods import Quarter
    from icp_objectives.load.loaded import Repository


@app.command()
def status(
    period: PeriodArgument = None,
    year: YearOption = None,
    fmt: Annotated[
        str, typer.Option("--format", "-f", metavar="FORMAT", help="text (a table) or json.")
    ] = "text",
    root: RootOption = None,
    no_cache: NoCacheOption = False,
) -> None:
    """Show the statuses, and who has yet to update.

    Shows each status this quarter and last, and which ones still have no update: the
    programme office's chase list. Without PERIOD, the open quarter (the latest with a
    report.yaml whose paper has not been presented); with no quarter open, exit status 2.
    Otherwise exits 0 when it can read the data; errors in the files are mentioned, not fatal.
    """

    from icp_objectives.check import quarters, validation
    from icp_objectives.cli import terminal
    from icp_objectives.domain.problems import counts
    from icp_objectives.domain.wording import count
    from icp_objectives.paper import standing

    check_format(fmt, standing.FORMATS)
    asked = which_quarter.typed(period, year)
    base = resolve_root(root)

    def reads(skeleton: Repository) -> tuple[Quarter, Quarter]:
        """The table shows this quarter and the one before: only their updates are read, and
        only the problems of what it reads are counted (`icp-obj validate` checks the rest)."""
        naming = "after the command"  # as which_quarter.meant is asked below, which says it
        chosen = quarters.meant(
            skeleton, asked[1], asked[0], today=updating._today(), naming=naming
        )
        return chosen.quarter, chosen.quarter.previous()

    repo = validation.checked(base, cache=not no_cache, updates=reads)
    quarter = which_quarter.meant(repo, asked, "after the command", updating._today())
    view = standing.build(repo, quarter)
    if not view.started:
        typer.echo(
            f"Note: {quarter.label} has no updates yet;"
            f' `icp-obj new-quarter "{quarter.label}"` starts it.',
            err=True,
        )
    errors = counts(repo.problems)[0]  # of the files the table reads
    if errors:
        typer.echo(
            f"Note: the data has {count(errors, 'error')}, so this may be incomplete;"
            f" run `icp-obj validate` to see {'it' if errors == 1 else 'them'}.",
            err=True,
        )
    if fmt == "json":
        typer.echo(json.dumps(view.as_json(), indent=2, ensure_ascii=False))
        return
    terminal.standing(view)
