"""`update` and `new-quarter`: add a quarter's entries, and start a quarter."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from icp_objectives.cli import completion, cover_options, which_quarter
from icp_objectives.cli.base import (
    RootOption,
    YearOption,
    app,
    fail,
    fail_with_problems,
    resolve_root,
    shown_path,
)
from icp_objectives.domain.errors import EXIT_OK, EXIT_PROBLEMS, reason
from icp_objectives.domain.wording import PERIOD_EXAMPLES, QUOTED_PERIOD_EXAMPLES

if TYPE_CHECKING:
    from icp_objectives.domain.periods import Quarter
    from icp_objectives.edit.entries import Content
    from icp_objectives.load.loaded import Repository


def _stdin_is_terminal() -> bool:
    """Whether a person is at the keyboard; tests replace this to act as one."""
    return sys.stdin.isatty()


def _today() -> dt.date:
    """The date a correction's date comes from (and the first quarter new-quarter suggests);
    tests replace it."""
    return dt.date.today()


@app.command()
def update(
    target: Annotated[
        str,
        typer.Argument(
            metavar="TARGET",
            autocompletion=completion.complete_target,
            help="What the update covers: a breakthrough objective (2.2), an objective as a"
            " whole (2), or several breakthrough objectives (4.1,4.2).",
        ),
    ],
    quarter: Annotated[
        str | None,
        typer.Option(
            "--quarter",
            "-q",
            metavar="PERIOD",
            autocompletion=completion.complete_quarter,
            help=f"The quarter: {QUOTED_PERIOD_EXAMPLES}. Default: the open quarter (the"
            " latest with a report.yaml whose paper has not been presented); without a year,"
            " the year in which that quarter is open, or else the latest year that has it.",
        ),
    ] = None,
    year: Annotated[
        str | None,
        typer.Option(
            "--year",
            "-y",
            metavar="YEAR",
            help="The financial year, like 2020/21. Default: as for --quarter.",
        ),
    ] = None,
    status: Annotated[
        str | None,
        typer.Option(
            "--status",
            "-s",
            metavar="RATING",
            autocompletion=completion.complete_rating,
            help="A rating from the scale in partnership.yaml, by its id (amber) or its label"
            " ('Amber/Green'), in any case.",
        ),
    ] = None,
    bullet: Annotated[
        list[str] | None,
        typer.Option(
            "--bullet", "-b", metavar="TEXT", help="A Markdown bullet point; repeat for more."
        ),
    ] = None,
    body: Annotated[
        str | None, typer.Option("--body", metavar="TEXT", help="The update as Markdown text.")
    ] = None,
    body_file: Annotated[
        str | None,
        typer.Option(
            "--body-file", metavar="FILE", help="Read the Markdown text from FILE, or - for stdin."
        ),
    ] = None,
    heading: Annotated[
        str | None,
        typer.Option("--heading", metavar="TEXT", help="A heading printed above the entry."),
    ] = None,
    reading: Annotated[
        list[str] | None,
        typer.Option(
            "--reading",
            "-r",
            metavar="MEASURE=VALUE[@PERIOD][:NOTE]",
            autocompletion=completion.complete_reading,
            help="A measure's value, as in"
            " 'funded-childcare-two-year-olds=72@2020/21 Q1:Fell in lockdown'. The value is"
            " digits, stored as typed; the period defaults to the quarter, and Q1 alone is in"
            " the quarter's year; a measure read monthly or weekly names its month (2021-01,"
            " 'Jan 2021') or week (2021-W03, or the day it ends); the note is everything after"
            " the first ':' following the value. Repeat for more. A whole series from a"
            " spreadsheet: import-readings.",
        ),
    ] = None,
    deliverable: Annotated[
        list[str] | None,
        typer.Option(
            "--deliverable",
            "-d",
            metavar="ID=STATUS[:PROGRESS]",
            help="A deliverable's status this quarter, from the partnership's deliverable"
            " statuses by id or label, in any case, with a line on its progress after the"
            " first ':', as in 'service-specifications=In place:Agreed in March'; ID=:PROGRESS"
            " gives progress alone. Repeat for more.",
        ),
    ] = None,
    author: Annotated[
        str | None, typer.Option("--author", metavar="TEXT", help="Who wrote the update.")
    ] = None,
    append: Annotated[
        bool,
        typer.Option(
            "--append",
            help="Add to the existing entry: text at the end of its body, a new --status,"
            " --reading values after its readings, a --deliverable's status (replacing the"
            " one the entry gives that deliverable), an --author.",
        ),
    ] = False,
    replace: Annotated[
        bool, typer.Option("--replace", help="Replace the existing entry with this one.")
    ] = False,
    correction: Annotated[
        str | None,
        typer.Option(
            "--correction",
            metavar="REASON",
            help="Change a quarter already presented to the board: why, in a sentence. The"
            " entry records it with today's date, and the next paper lists it.",
        ),
    ] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Print the change and write nothing.")
    ] = False,
    create: Annotated[
        bool,
        typer.Option(
            "--create",
            help="Write to a quarter that has not been started (it has no report.yaml),"
            " creating its folder and the objective's file; `icp-obj new-quarter` starts a"
            " quarter properly.",
        ),
    ] = False,
    root: RootOption = None,
) -> None:
    """Add a quarter's update for an objective.

    Changes nothing else in the objective's file.

    \b
    Examples:
      icp-obj update 2.2 -q "2020/21 Q2" -s amber -b "First point" -b "Second point"
      icp-obj update 1.1 -r "funded-childcare-two-year-olds=72@Q1:Fell in lockdown" -b "Recovering"
      icp-obj update 4.1,4.2 -q "2020/21 Q2" --body-file update.md
      icp-obj update 2.2 -q "2020/21 Q1" --append -b "A point we missed"
      icp-obj update 2.2 -q "2020/21 Q1" --append -s "Amber/Green"


    Without --quarter, the update goes to the open quarter: the latest with a report.yaml
    whose paper has not been presented. A quarter that has not been started needs --create.

    Writes objectives/updates/<yyyy-yy>/Q<n>/objective-<n>.yaml, creating it if needed, and
    prints the change as a diff. The edited data is validated before anything is written.
    In a terminal with no text given, asks for the status, opens $EDITOR, then asks for
    each measure's reading, each deliverable's status and the author.
    Exit status: 0 written (or nothing to do), 1 refused because of the data, 2 usage error.
    """
    from icp_objectives.check import quarters
    from icp_objectives.cli import terminal
    from icp_objectives.domain import problems as problem_format
    from icp_objectives.edit import entries
    from icp_objectives.edit import update as updating
    from icp_objectives.load import disk, snapshot, stored

    if append and replace:
        fail("--append and --replace cannot be used together; choose one")
    if dry_run:
        stored.write_nothing()  # a dry run leaves nothing behind, kept readings included
    asked = which_quarter.typed(quarter, year, "--quarter")
    base = resolve_root(root)

    def reads(skeleton: Repository) -> tuple[Quarter]:
        """An update reads and writes one quarter's file; the partnership and the objectives
        give its ratings, targets and measures. No other quarter's updates are read."""
        naming = "with --quarter"  # as which_quarter.meant is asked below, which says it
        return (
            quarters.meant(skeleton, asked[1], asked[0], today=_today(), naming=naming).quarter,
        )

    loaded = disk.for_quarters(snapshot.take(base), reads)[0]
    chosen = which_quarter.meant(loaded, asked, "with --quarter", _today())
    if not create:
        quarters.require_open(loaded, chosen)
    correction = entries.check_typed(
        target,
        status=status,
        heading=heading,
        body=body,
        author=author,
        correction=correction,
        bullets=bullet or (),
        readings=reading or (),
        deliverables=deliverable or (),
    )
    targets = entries.parse_targets(target, loaded.terms)
    deliverables = entries.parse_deliverables(deliverable or [])
    readings = tuple(entries.parse_reading(r, chosen) for r in reading or [])
    text = _body_text(body, body_file)
    content = entries.Content(
        status=status,
        heading=heading,
        bullets=tuple(bullet or []),
        body=text,
        readings=readings,
        author=author,
        deliverables=deliverables,
    )
    additions = status is not None or bool(readings) or bool(deliverables) or author is not None
    if not content.has_text and not (append and additions):
        content = _ask_for_content(loaded, targets, chosen, content, new_entry=not append)
    mode = updating.Mode.APPEND if append else updating.Mode.REPLACE if replace else None
    request = updating.Request(
        base,
        chosen,
        targets,
        content,
        mode or updating.Mode.ADD,
        dry_run=dry_run,
        correction=correction,
        today=_today(),
    )
    outcome = updating.run(request, loaded)
    if problem_format.has_errors(outcome.problems):
        typer.echo(problem_format.render(outcome.problems, "text"), err=True)
        for line in [*outcome.hints, *terminal.where(outcome)]:
            typer.echo(line, err=True)
        fail(
            f"nothing was written to {outcome.rel}: the update would make the data invalid"
            " (problems above)",
            EXIT_PROBLEMS,
        )
    if outcome.unchanged:
        typer.echo(f"Nothing to change: {outcome.rel} already says that.", err=True)
        return
    terminal.diff(outcome.diff())
    verb = "create" if outcome.created else "change"
    verb = f"would {verb}" if dry_run else f"{verb}d"
    typer.echo(
        f"{verb} {outcome.rel}" + (" (dry run: nothing written)" if dry_run else ""), err=True
    )
    if not outcome.has_report:
        typer.echo(
            f"Note: {chosen.label} has no report.yaml yet; `icp-obj new-quarter"
            f' "{chosen.label}"` adds it and a file for each {loaded.terms.objective}.',
            err=True,
        )


def _body_text(body: str | None, body_file: str | None) -> str | None:
    from icp_objectives.edit.entries import decode_text

    if body is not None and body_file is not None:
        fail("give --body or --body-file, not both")
    if body_file is None:
        return body
    if body_file == "-":
        stream = getattr(sys.stdin, "buffer", None)
        data = (
            stream.read()
            if stream is not None
            else sys.stdin.read().encode("utf-8", "surrogateescape")
        )
        return decode_text("the text on standard input (--body-file -)", data)
    try:
        data = Path(body_file).read_bytes()
    except OSError as error:
        fail(f"cannot read --body-file {body_file}: {reason(error)}")
    return decode_text(f"--body-file {body_file}", data)


def _ask_for_content(
    repo: Repository,
    targets: tuple[str, ...],
    quarter: Quarter,
    content: Content,
    *,
    new_entry: bool,
) -> Content:
    """Ask the person at the terminal for what the entry still needs; never wait without one."""
    from icp_objectives.cli import interactive

    if not _stdin_is_terminal():
        fail(
            "no update text given: add --bullet TEXT (repeat it for more), --body TEXT or"
            " --body-file FILE (- for stdin), or run it in a terminal to be asked"
        )

    def ask(question: str) -> str:
        return str(typer.prompt(question, default="", show_default=False, err=True))

    def tell(line: str) -> None:
        typer.echo(line, err=True)

    conversation = interactive.Conversation(ask, tell, repo, targets, quarter)
    answered = conversation.run(content, new_entry=new_entry)
    if answered is None:
        tell("The update was empty, so nothing was written.")
        raise typer.Exit(EXIT_OK)
    return answered


@app.command("new-quarter")
def new_quarter(
    period: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="PERIOD",
            autocompletion=completion.complete_quarter,
            help=f"The quarter: {PERIOD_EXAMPLES} (quotes optional). Default: the quarter"
            " after the latest with a report.yaml (with none, today's); without a year, the"
            " next one of that number.",
            show_default=False,
        ),
    ] = None,
    year: YearOption = None,
    dry_run: Annotated[
        bool,
        typer.Option("--dry-run", help="List the files it would write, and write nothing."),
    ] = False,
    meeting: cover_options.MeetingOption = None,
    date: cover_options.DateOption = None,
    author: cover_options.AuthorOption = None,
    purpose: cover_options.PurposeOption = None,
    recommendation: cover_options.RecommendationOption = None,
    session: cover_options.SessionOption = None,
    introduction: cover_options.IntroductionOption = None,
    root: RootOption = None,
) -> None:
    """Start a quarter's files for leads to fill in.

    Writes the quarter's report.yaml and an empty file per objective. Creates only what is
    missing, so running it twice changes nothing. The new files are validated before any is
    written. The quarter is then open: `update` and `status` use it by default. The cover
    sheet's options fill in the new report.yaml's fields instead of leaving them commented.
    """
    from icp_objectives.check import quarters
    from icp_objectives.check.validation import validate as run_validation
    from icp_objectives.domain.periods import Quarter
    from icp_objectives.edit import new_quarter as starting

    cover = cover_options.given(
        meeting=meeting,
        date=date,
        author=author,
        purpose=purpose,
        recommendation=recommendation,
        session=session,
        introduction=introduction,
    )
    asked, number = which_quarter.typed(period, year)
    base = resolve_root(root)
    before = run_validation(base)
    if asked is not None and number is not None:
        quarter = Quarter(asked, number)
    else:
        quarter = quarters.next_quarter(before, number, asked, today=_today())
        typer.echo(f"Using {quarter.label}, the next quarter to start.", err=True)
    try:
        started = starting.start(base, quarter, before=before, dry_run=dry_run, cover=cover)
    except starting.Refused as refusal:  # its problems go first, above the one-line refusal
        fail_with_problems(refusal.problems, str(refusal), refusal.exit_code)
    shown = shown_path(started.folder, base) + "/"
    if not started.created:
        typer.echo(
            f"Nothing to do: {shown} already has report.yaml and a file for each"
            f" {before.terms.objective}.",
            err=True,
        )
        return
    verb = "created" if started.written else "would create"
    for path in started.created:
        typer.echo(f"{verb} {shown_path(path, base)}", err=True)
    if not started.written:
        typer.echo(f"Would start {quarter.label} in {shown} (dry run: nothing written).", err=True)
        return
    typer.echo(f"{quarter.label} is ready in {shown}: leads can now add their updates.", err=True)
