"""`report`: render the board paper, or check the committed one."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from icp_objectives.cli.base import (
    RootOption,
    YearOption,
    app,
    fail,
    fail_with_problems,
    resolve_root,
    shown_path,
)
from icp_objectives.domain.errors import EXIT_IO, EXIT_OK, EXIT_PROBLEMS, reason
from icp_objectives.domain.wording import QUOTED_PERIOD_EXAMPLES


@app.command()
def report(
    period: Annotated[
        str,
        typer.Argument(
            metavar="PERIOD",
            help=f"The quarter: {QUOTED_PERIOD_EXAMPLES}; or outcomes, for the outcomes"
            " and impacts summary.",
        ),
    ],
    year: YearOption = None,
    as_of: Annotated[
        str | None,
        typer.Option(
            "--as-of",
            metavar="MONTH",
            help="For report outcomes: the figures as they stood at the end of this month"
            " (2021-02); later readings are left out. Default: the latest reading's month.",
            show_default=False,
        ),
    ] = None,
    fmt: Annotated[
        str | None,
        typer.Option(
            "--format",
            "-f",
            metavar="FORMAT",
            help="md, html, or all (both). Default: the format an --output file name ends in"
            " (.md, .html), otherwise all.",
            show_default=False,
        ),
    ] = None,
    output: Annotated[
        str | None,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE|DIR",
            help="Where to write: a file for one format (paper.md, paper.html), a folder for"
            " all, or - for stdout. Default: reports/<yyyy-yy>-Q<n>-board-report.md and .html.",
        ),
    ] = None,
    check: Annotated[
        bool,
        typer.Option(
            "--check",
            help="Write nothing; exit 1 if the paper in reports/ differs from what the data"
            " renders now.",
        ),
    ] = False,
    root: RootOption = None,
) -> None:
    """Render a quarter's board paper, or the outcomes summary.

    Writes the paper from the data, as Markdown and HTML. `report outcomes` writes the
    outcomes and impacts summary (objectives/outcomes.yaml) as of a month instead.

    With no year, the latest financial year that has updates for the quarter is used.
    Data that fails validation is not rendered: its problems are listed instead.
    """
    if period.strip().lower() == "outcomes":
        from icp_objectives.cli import outcomes

        if year is not None:
            fail("--year is for a quarter's paper; the outcomes summary takes --as-of MONTH")
        outcomes.report(as_of, fmt, output, check, root)
        return
    if as_of is not None:
        fail(
            "--as-of is for the outcomes summary (report outcomes --as-of 2021-02); a"
            " quarter's paper shows its quarter"
        )
    from icp_objectives.check.validation import validate as run_validation
    from icp_objectives.cli import paper_output
    from icp_objectives.domain import problems as problem_format
    from icp_objectives.load import gitrev, templates
    from icp_objectives.paper import provenance
    from icp_objectives.paper import publish as reports

    formats = paper_output.choose_formats(fmt, output, check)
    asked = reports.requested(period, year)
    base = resolve_root(root)
    repo = run_validation(base)
    choice = reports.choose_quarter(repo, asked)
    if problem_format.has_errors(repo.problems):
        fail_with_problems(
            repo.problems,
            "the data has problems, so no paper was written; fix them and run again"
            " (`icp-obj validate` lists them)",
        )
    quarter = choice.quarter
    warnings = problem_format.only_under(repo.problems, [repo.quarters[quarter].path])
    if warnings:  # no errors are left: these are warnings, shown but not stopping the paper
        typer.echo(problem_format.render(warnings, "text"), err=True)
    if choice.guessed_year:
        typer.echo(
            f"Using {quarter.label}, the latest financial year with {quarter.name} updates"
            " (add --year to choose another).",
            err=True,
        )
    change = gitrev.last_change(repo.root, provenance.pathspecs(repo, quarter))
    proof = provenance.collect(repo, quarter, change)
    texts = reports.texts(repo, quarter, formats, proof, templates.read(repo.root))
    if output == "-":
        typer.echo(texts[formats[0]], nl=False)
        return
    targets = paper_output.output_paths(base, quarter, formats, output)
    if check:
        raise typer.Exit(check_papers(base, texts, targets, f'report "{quarter.label}"'))
    write_papers(base, texts, targets)


def write_papers(base: Path, texts: dict[str, str], targets: dict[str, Path]) -> None:
    """Write each format to its file, whole or not at all, and say so."""
    from icp_objectives.edit import safe_write

    for f, path in targets.items():
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            # Whole or not at all: a full disk never leaves half a paper. \n line endings.
            safe_write.write_atomic(path, texts[f].encode("utf-8"))
        except OSError as error:
            fail(f"cannot write {path}: {reason(error)}; choose another --output", EXIT_IO)
        typer.echo(f"wrote {shown_path(path, base)}", err=True)


def check_papers(base: Path, texts: dict[str, str], targets: dict[str, Path], rerun: str) -> int:
    """Exit 1 naming each file that is not what the data renders now; `rerun` is the
    command, after icp-obj, that brings them up to date."""
    from icp_objectives.cli import paper_output

    stale = paper_output.stale(texts, targets)
    for path, why in stale.items():
        typer.echo(f"icp-obj: {shown_path(path, base)} {why}", err=True)
    if stale:
        typer.echo(f"Run `icp-obj {rerun}` and commit the paper.", err=True)
        return EXIT_PROBLEMS
    typer.echo("The committed paper matches the data.", err=True)
    return EXIT_OK
