"""`report`: render the board paper, or check the committed one."""

from __future__ import annotations

import datetime as dt
import os
import sys
from pathlib import Path
from typing import Annotated

import typer

from icp_objectives.cli import completion
from icp_objectives.cli.base import (
    NoCacheOption,
    RootOption,
    YearOption,
    app,
    fail,
    fail_with_problems,
    resolve_root,
    shown_path,
)
from icp_objectives.domain.errors import EXIT_IO, EXIT_OK, EXIT_PROBLEMS, reason
from icp_objectives.domain.wording import PERIOD_EXAMPLES, count


@app.command()
def report(
    period: Annotated[
        list[str],
        typer.Argument(
            metavar="PERIOD",
            autocompletion=completion.complete_paper,
            help=f"The quarter: {PERIOD_EXAMPLES} (quotes optional). Without a year: the year in"
            " which that quarter is open, or else the latest year that has it. Or outcomes, for"
            " the outcomes and impacts summary.",
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
            help="md, html, docx (Word), pdf, or all (Markdown, HTML and Word). Default: the"
            " format an --output file name ends in (.md, .html, .docx, .pdf), otherwise all."
            " pdf needs the [pdf] extra.",
            show_default=False,
        ),
    ] = None,
    output: Annotated[
        str | None,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE|DIR",
            help="Where to write: a file for one format (paper.md, paper.html, paper.docx,"
            " paper.pdf), a folder for all, or - for stdout (md, html or pdf). Default:"
            " reports/<yyyy-yy>-Q<n>-board-report.md, .html and .docx.",
        ),
    ] = None,
    check: Annotated[
        bool,
        typer.Option(
            "--check",
            help="Write nothing; exit 1 if the paper in reports/ differs from what the data"
            " renders now, or, for a quarter already presented, the data as presented"
            " (Markdown, HTML and Word: the PDF is not committed).",
        ),
    ] = False,
    force: Annotated[
        bool,
        typer.Option(
            "--force",
            help="For a quarter already presented: replace its paper in reports/ even when it"
            " says something other than what the data as presented renders.",
        ),
    ] = False,
    corrected: Annotated[
        bool,
        typer.Option(
            "--corrected",
            help="For a quarter already presented: its paper as presented with the corrections"
            " made since marked in place, written to reports/<yyyy-yy>-Q<n>-board-report"
            "-corrected.md, .html and .docx (or --output), never over the paper as presented.",
        ),
    ] = False,
    strict: Annotated[
        bool,
        typer.Option(
            "--strict",
            help="For the final run before the pack goes out: any warning (an empty cover"
            " field, a missing update, example text) stops the run with exit 1, and no paper"
            " is written.",
        ),
    ] = False,
    root: RootOption = None,
    no_cache: NoCacheOption = False,
) -> None:
    """Render a quarter's board paper, or the outcomes summary.

    Writes the paper from the data, as Markdown, HTML and Word; --format pdf prints the HTML
    paper to a tagged A4 PDF.
    `report outcomes` writes the outcomes and impacts summary (objectives/outcomes.yaml) as of
    a month instead.

    A quarter already presented to the board is rendered from the data as it was when git
    recorded `presented` (the tool says which commit), so later changes to titles, measures or
    the rating scale leave its paper as the board saw it; its paper in reports/ is the record,
    and is not overwritten when it says something else, unless --force is given. Outside git,
    or in a shallow clone without that commit, today's data is rendered, and the paper's footer
    says so. --corrected writes a copy with the corrections made since marked in place.

    With no year: the year in which that quarter is open (it has a report.yaml and its paper
    has not been presented), or else the latest financial year that has updates for it. The
    tool says which it used.

    Problems in what the paper reads (the partnership, the objectives, the quarter and the
    ones before it) stop it, and are listed; errors in later quarters are counted in one
    warning. Warnings (a required cover field empty, a breakthrough objective with no update,
    example text left in) are printed and the paper is still written, unless --strict is given.
    """
    if no_cache:
        from icp_objectives.load import stored

        stored.keep_nothing()  # the outcomes summary's reading too
    if " ".join(period).strip().lower() == "outcomes":
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
    from icp_objectives.check import readiness, scope, validation
    from icp_objectives.cli import paper_output, paper_record, terminal
    from icp_objectives.domain import problems as problem_format
    from icp_objectives.load.loaded import REPORTS_DIR
    from icp_objectives.paper import publish as reports

    formats = paper_output.choose_formats(fmt, output, check)
    if "pdf" in formats:
        _can_write_pdf(output)
    asked = reports.requested(" ".join(period), year)
    base = resolve_root(root)
    if corrected and check:
        fail("--check compares the paper as presented; leave out --corrected")
    # The paper reads every quarter up to its own (scope.of_paper): its charts show each
    # measure's readings over the years, and it lists the corrections made to papers already
    # presented. Only the problems are kept between runs; the files are all read.
    with terminal.progress("Reading the data") as step:
        today = validation.checked(base, cache=not no_cache, progress=step)
    choice = reports.choose_quarter(today, asked, dt.date.today())
    quarter = choice.quarter
    basis = paper_record.basis(today, quarter, corrected=corrected)
    repo = basis.repo
    reach = scope.of_paper(quarter)  # a problem in a later quarter leaves this paper alone
    if problem_format.has_errors(reach.only(repo.problems)):
        fail_with_problems(
            reach.only(repo.problems),
            f"{basis.data} has problems, so no paper was written; fix them and run again"
            " (`icp-obj validate` lists them)",
        )
    elsewhere = problem_format.counts(reach.outside(repo.problems))[0]
    if elsewhere:
        typer.echo(
            f"icp-obj: warning: {count(elsewhere, 'error')} in later quarters, which the"
            f" {quarter.label} paper does not read; `icp-obj validate` lists"
            f" {'it' if elsewhere == 1 else 'them'}.",
            err=True,
        )
    if basis.record is not None and problem_format.has_errors(today.problems):
        errors = problem_format.counts(today.problems)[0]
        typer.echo(
            f"icp-obj: warning: {count(errors, 'error')} in today's data, which the paper as"
            " presented does not read; `icp-obj validate` lists"
            f" {'it' if errors == 1 else 'them'}.",
            err=True,
        )
    warnings = problem_format.only_under(repo.problems, [repo.quarters[quarter].path])
    if not basis.presented:  # a paper already presented is what it was: nothing to get ready
        warnings += readiness.warnings(repo, quarter)
    if warnings:  # no errors are left: these are warnings, shown but not stopping the paper
        typer.echo(problem_format.render(warnings, "text"), err=True)
    if strict and warnings:
        fail(
            f"the paper is not ready: {count(len(warnings), 'warning')} above; with --strict"
            f" no paper was written (fix {'it' if len(warnings) == 1 else 'them'}, or run"
            " without --strict for a draft)",
            EXIT_PROBLEMS,
        )
    if choice.said:
        typer.echo(choice.said, err=True)
    if basis.said:
        typer.echo(basis.said, err=True)
    with terminal.progress("Rendering the paper") as step:
        files = reports.files(repo, quarter, formats, basis.proof, basis.templates, step)
    if output == "-" and formats[0] == "pdf":  # bytes, for a pipe (_can_write_pdf checked)
        sys.stdout.flush()
        sys.stdout.buffer.write(files["pdf"])
        sys.stdout.buffer.flush()
        return
    if output == "-":
        typer.echo(files[formats[0]].decode("utf-8"), nl=False)
        return
    targets = paper_output.output_paths(base, quarter, formats, output)
    if corrected:
        chosen = output or str(base / REPORTS_DIR) + "/"
        named = paper_output.document_paths(
            base, f"{quarter.slug}-board-report{paper_record.CORRECTED_STEM}", formats, chosen
        )
        kept = paper_output.output_paths(base, quarter, formats, None)
        write_papers(base, files, paper_record.corrected_paths(named, kept))
        return
    if check:
        again = f'report "{quarter.label}"' + (" --force" if basis.presented else "")
        status = check_papers(base, files, targets, again, basis.data, basis.check_hint)
        raise typer.Exit(status)
    if basis.presented:
        targets = paper_record.write(base, files, targets, basis=basis, force=force)
    write_papers(base, files, targets)


def write_papers(base: Path, files: dict[str, bytes], targets: dict[str, Path]) -> None:
    """Write each format to its file, whole or not at all, and say so."""
    from icp_objectives.edit import safe_write

    for f, path in targets.items():
        if _leaves(base, path):
            fail(
                f"cannot write {shown_path(path, base)}: it, or a folder on the way, is a link"
                " to a place outside the repository; remove the link, or choose another"
                " --output",
                EXIT_IO,
            )
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            # Whole or not at all: a full disk never leaves half a paper. \n line endings.
            safe_write.write_atomic(path, files[f])
        except OSError as error:
            fail(f"cannot write {path}: {reason(error)}; choose another --output", EXIT_IO)
        typer.echo(f"wrote {shown_path(path, base)}", err=True)


def _leaves(base: Path, path: Path) -> bool:
    """Whether a path in the repository (reports/, say, as a pull request may have it) leads,
    through a link, to a place outside it: writing there would replace a file elsewhere."""
    from icp_objectives.load import bounded

    if not bounded.within(str(path.absolute()), str(base.absolute())):
        return False  # a place the user chose outside the repository (--output)
    return not bounded.inside(Path(os.path.realpath(base)), path)


def _can_write_pdf(output: str | None) -> None:
    """Stop before reading any data when the PDF cannot be made, or would fill a terminal."""
    from icp_objectives.paper import pdf

    pdf.require()
    if output == "-" and sys.stdout.isatty():
        fail("a PDF is not for the terminal: redirect it (> paper.pdf) or give -o paper.pdf")


def check_papers(
    base: Path,
    files: dict[str, bytes],
    targets: dict[str, Path],
    rerun: str,
    data: str = "the data",
    hint: str | None = None,
) -> int:
    """Exit 1 naming each file that is not what `data` renders; `rerun` is the command, after
    icp-obj, that brings them up to date (`hint`, when given, says what to do instead)."""
    from icp_objectives.cli import paper_output

    stale = paper_output.stale(files, targets, data)
    for path, why in stale.items():
        typer.echo(f"icp-obj: {shown_path(path, base)} {why}", err=True)
    if stale:
        typer.echo(hint or f"Run `icp-obj {rerun}` and commit the paper.", err=True)
        return EXIT_PROBLEMS
    typer.echo(f"The committed paper matches {data}.", err=True)
    return EXIT_OK
