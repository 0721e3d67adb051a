"""`measures`: every measure read the Making Data Count way, for the terminal, a program or a
spreadsheet."""

from __future__ import annotations

from typing import Annotated

import typer

from icp_objectives.cli import completion
from icp_objectives.cli.base import RootOption, app, fail, fail_with_problems, resolve_root

FORMATS = ("text", "json", "csv")


@app.command()
def measures(
    period: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="[PERIOD]",
            help="Show the measures as they stood at the end of this period: a month (2021-02),"
            " a quarter (Q1 2020/21) or a financial year (2020/21). Default: all the data.",
            show_default=False,
        ),
    ] = None,
    measure: Annotated[
        str | None,
        typer.Option(
            "--measure",
            "-m",
            metavar="ID",
            help="Only this measure.",
            autocompletion=completion.complete_measure,
        ),
    ] = None,
    fmt: Annotated[
        str,
        typer.Option(
            "--format",
            "-f",
            metavar="FORMAT",
            help="text (a table), json (per measure: id, points, mean, limits, variation,"
            " assurance) or csv (one row per point, for spreadsheets).",
        ),
    ] = "text",
    root: RootOption = None,
) -> None:
    """Every measure's latest value, variation and assurance.

    Read the Making Data Count way: an XmR chart's mean and process limits (of the latest
    stretch since the limits were last recalculated, and only from 12 points), the variation
    its last point shows, and whether the target is consistently met.

    Example: icp-obj measures 2021-02 --measure dta-delays --format json
    """
    from icp_objectives.check.validation import validate as run_validation
    from icp_objectives.cli import measures_output
    from icp_objectives.domain import problems as problem_format
    from icp_objectives.domain.reading_periods import parse_any
    from icp_objectives.domain.wording import close_matches
    from icp_objectives.measures.assessed import assess_all

    if fmt not in FORMATS:
        fail(f"--format must be text, json or csv, not '{fmt}'")
    up_to = parse_any(" ".join(period)) if period else None  # a PeriodError is a usage error
    repo = run_validation(resolve_root(root))
    if problem_format.has_errors(repo.problems):
        fail_with_problems(
            repo.problems,
            "the data has problems, so the measures were not read; fix them and run again",
        )
    assessed = assess_all(repo, up_to)
    if measure is not None:
        if measure not in assessed:
            guess = close_matches(measure, assessed)
            hint = f"; did you mean '{guess[0]}'?" if guess else ""
            fail(f"no measure has the id '{measure}'{hint}")
        assessed = {measure: assessed[measure]}
    typer.echo(measures_output.render(list(assessed.values()), fmt), nl=False)
