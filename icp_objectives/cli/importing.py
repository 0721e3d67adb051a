"""`import-readings`: load a BI tool's CSV export of a measure into its series file."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from icp_objectives.cli import completion
from icp_objectives.cli.base import RootOption, app, fail, fail_with_problems, resolve_root
from icp_objectives.domain.errors import EXIT_IO, EXIT_PROBLEMS, reason


def _column(role: str, example: str) -> object:
    return typer.Option(
        f"--{role}-column",
        metavar="NAME",
        help=f"The export's column that holds the {role} (like {example}); by default one"
        f" named {role} is used, in any case.",
    )


@app.command("import-readings")
def import_readings(
    measure: Annotated[
        str,
        typer.Argument(
            metavar="MEASURE",
            help="The measure's id, like dta-delays.",
            autocompletion=completion.complete_measure,
        ),
    ],
    file: Annotated[
        str,
        typer.Argument(
            metavar="FILE", help="The CSV file exported from the BI tool, or - for stdin."
        ),
    ],
    period_column: Annotated[str | None, _column("period", "Month")] = None,
    value_column: Annotated[str | None, _column("value", "Delays")] = None,
    note_column: Annotated[str | None, _column("note", "Comment")] = None,
    numerator_column: Annotated[str | None, _column("numerator", "Converted")] = None,
    denominator_column: Annotated[str | None, _column("denominator", "Calls")] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Show what would change; write nothing.")
    ] = False,
    root: RootOption = None,
) -> None:
    """Load a spreadsheet's readings into a measure's series file.

    Merges a CSV export (from a BI tool) into objectives/measures/MEASURE.csv.

    The export needs a header row. Its period column may be named period, month, week,
    quarter, year or date (any case), its value column value; other columns (an
    organisation's name, say) are left out and listed. Name them otherwise with
    --period-column and --value-column. Periods are written as the series file writes them
    (Jan-21 and January 2021 become 2021-01) and must fit the measure's frequency.

    Periods new to the series file are added, changed values replaced, and the rest of the
    file kept, in period order. Prints what changed (added, changed old → new, how many
    unchanged), then checks the data with the new file in place and writes it only if it
    brings no new problem.

    Example:

      icp-obj import-readings dta-delays export.csv --period-column Month

    Exit status: 0 written (or nothing to change), 1 refused because of the data, 2 usage
    error, 3 a file could not be read or written.
    """
    from icp_objectives.edit import import_readings, series_import

    base = resolve_root(root)
    incoming = _read(file)
    named = {
        "period": period_column,
        "value": value_column,
        "note": note_column,
        "numerator": numerator_column,
        "denominator": denominator_column,
    }
    outcome = import_readings.run(base, measure, file, incoming, named, dry_run=dry_run)
    if outcome.problems:
        fail_with_problems(
            outcome.problems,
            f"nothing was written to {outcome.rel}: fix the problems above and import again",
        )
    plan = outcome.plan
    for line in series_import.describe(plan):
        typer.echo(line)
    if not plan.changes:
        typer.echo(f"Nothing to change: {outcome.rel} already holds these readings.", err=True)
        return
    verb = "would change" if dry_run else "changed"
    if outcome.created:
        verb = "would create" if dry_run else "created"
    typer.echo(
        f"{verb} {outcome.rel}" + (" (dry run: nothing written)" if dry_run else ""), err=True
    )


def _read(file: str) -> bytes:
    from icp_objectives.load import bounded

    if file == "-":
        stream = getattr(sys.stdin, "buffer", None)
        return stream.read() if stream is not None else sys.stdin.read().encode("utf-8")
    try:
        data = bounded.read_regular(Path(file), bounded.cap())
    except FileNotFoundError:
        fail(f"there is no file {file}; give the path of the exported CSV file")
    except OSError as error:
        fail(f"cannot read {file}: {reason(error)}", EXIT_IO)
    if isinstance(data, bounded.Refusal):
        fail(f"{file}: {data.message}", EXIT_PROBLEMS)
    return data
