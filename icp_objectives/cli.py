"""The `icp-obj` command: parse options, call the core, print, exit. No business logic here.

Imports of the core happen inside each command, so `icp-obj --help` starts quickly.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

from icp_objectives import __version__

if TYPE_CHECKING:
    from icp_objectives.entries import Content
    from icp_objectives.periods import Quarter

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2

app = typer.Typer(
    name="icp-obj",
    help=(
        "Keep an Integrated Care Partnership's objectives and quarterly updates as YAML in git,"
        " check them, and render the board paper.\n\n"
        "Start with `icp-obj validate` to check the files, then `icp-obj report Q1` to write the"
        " quarter's paper into reports/."
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)

RootOption = Annotated[
    Path | None,
    typer.Option(
        "--root",
        help="The repository folder (holding objectives/). Default: found by walking up from here.",
        file_okay=False,
    ),
]


def _version(value: bool) -> None:
    if value:
        typer.echo(f"icp-obj {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Print the version."),
    ] = False,
) -> None:
    """Keep an ICP's objectives in git and render the board paper."""


def fail(message: str, code: int = EXIT_USAGE) -> NoReturn:
    """Stop with one plain line on stderr and an exit code."""
    typer.echo(f"icp-obj: {message}", err=True)
    raise typer.Exit(code)


def resolve_root(root: Path | None, start: Path | None = None) -> Path:
    from icp_objectives.repository import RootNotFound, find_root

    if root is not None:
        if not (root / "objectives").is_dir():
            fail(f"{root} has no objectives/ folder; point --root at the repository folder")
        return root.resolve()
    try:
        return find_root(start or Path.cwd())
    except RootNotFound as error:
        fail(str(error))


@app.command()
def validate(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(help="Only report problems in these files or folders. Default: all."),
    ] = None,
    root: RootOption = None,
    fmt: Annotated[
        str,
        typer.Option("--format", "-f", help="text, json, or github (workflow annotations)."),
    ] = "text",
    changed_since: Annotated[
        str | None,
        typer.Option(
            "--changed-since",
            metavar="REV",
            help="Only report problems in files changed since the git revision REV, and in the"
            " files that refer to them.",
        ),
    ] = None,
) -> None:
    """Check every data file: YAML syntax, the schema, and the rules across files.

    Prints one line per problem, `path:line:col: error CODE: message`. Exit status: 0 when
    valid, 1 when problems were found, 2 for a usage error.
    """
    from icp_objectives import gitrev, revisions
    from icp_objectives import problems as problem_format
    from icp_objectives.validation import validate as run_validation

    if fmt not in problem_format.FORMATS:
        fail(f"--format must be one of {', '.join(problem_format.FORMATS)}, not '{fmt}'")
    start = paths[0] if paths else None
    if start is not None and not start.exists():
        fail(f"{start} does not exist")
    base = resolve_root(root, start if start is None or start.is_dir() else start.parent)
    repo = run_validation(base)
    found = _only_under(repo.problems, base, paths or [])
    checked = repo.files
    if changed_since is not None:
        try:
            reach = revisions.changed_scope(base, repo, changed_since)
        except gitrev.GitError as error:
            fail(str(error))
        found = reach.only(found)
        checked = repo.files if reach.files is None else len(reach.files)
        typer.echo(reach.sentence(), err=True)
    output = problem_format.render(found, fmt)
    if output:
        typer.echo(output)
    if fmt != "json":
        typer.echo(problem_format.summary(found, checked), err=True)
    raise typer.Exit(EXIT_PROBLEMS if problem_format.has_errors(found) else EXIT_OK)


def _only_under(found: list, base: Path, paths: list[Path]) -> list:  # type: ignore[type-arg]
    if not paths:
        return found
    wanted = [p.resolve().relative_to(base).as_posix() for p in paths]
    return [
        p
        for p in found
        if any(
            w in {".", ""} or p.path == w or p.path.startswith(w.rstrip("/") + "/") for w in wanted
        )
    ]


@app.command()
def diff(
    base: Annotated[
        str | None,
        typer.Argument(
            help="The revision to compare from. Default: where this branch left the default"
            " branch (origin's default, main or master)."
        ),
    ] = None,
    head: Annotated[
        str | None,
        typer.Argument(help="The revision to compare to. Default: the working tree."),
    ] = None,
    root: RootOption = None,
    fmt: Annotated[
        str,
        typer.Option(
            "--format",
            "-f",
            help="text; md (a pull-request comment); json; or quarters (the quarters a paper"
            " must be rendered for, one per line).",
        ),
    ] = "text",
) -> None:
    """Show what changed in meaning between two revisions, grouped by objective.

    Objectives, breakthrough objectives and measures added, removed, renamed or renumbered;
    targets and baselines; update entries, statuses and readings per quarter. A change to a
    quarter already presented to the board is marked LOCKED unless it is marked as a correction.
    """
    from icp_objectives import diff_render, gitrev, revisions

    if fmt not in diff_render.FORMATS:
        fail(f"--format must be one of {', '.join(diff_render.FORMATS)}, not '{fmt}'")
    base_root = resolve_root(root)
    try:
        comparison = revisions.compare(base_root, base, head)
    except gitrev.GitError as error:
        fail(str(error))
    output = diff_render.render(comparison.diff, fmt, comparison.base, comparison.head)
    if output:
        typer.echo(output)


@app.command()
def schema(
    kind: Annotated[
        str | None,
        typer.Argument(help="partnership, objective, quarter-report or quarter-updates."),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Write one <kind>.schema.json per kind into DIR."),
    ] = None,
) -> None:
    """Print the JSON Schema of the data files, for editors and other tools."""
    from icp_objectives import schema as schemas

    if kind is not None and kind not in schemas.KINDS:
        fail(f"unknown kind '{kind}'; use one of {', '.join(schemas.KINDS)}")
    if output is not None:
        for path in schemas.write_all(output):
            typer.echo(f"wrote {path}", err=True)
        return
    typer.echo(schemas.dumps(kind))


@app.command()
def report(
    period: Annotated[
        str,
        typer.Argument(help="The quarter: Q1, 'Q1 2020/21', '2020/21 Q1' or 2020-21-Q1."),
    ],
    year: Annotated[
        str | None,
        typer.Option(
            "--year", "-y", help="The financial year, like 2020/21, when PERIOD has none."
        ),
    ] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="md, html, or all (both).")] = "all",
    output: Annotated[
        str | None,
        typer.Option(
            "--output",
            "-o",
            help="Where to write: a file for one format, a folder for all, or - for stdout."
            " Default: reports/<yyyy-yy>-Q<n>-board-report.md and .html.",
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
    """Render the quarter's board paper from the data, as Markdown and HTML.

    With no year, the latest financial year that has updates for the quarter is used.
    Data that fails validation is not rendered: its problems are listed instead.
    """
    from icp_objectives import problems as problem_format
    from icp_objectives import provenance
    from icp_objectives import report as reports
    from icp_objectives.validation import validate as run_validation

    formats = {"md": ["md"], "html": ["html"], "all": ["md", "html"]}.get(fmt)
    if formats is None:
        fail(f"--format must be md, html or all, not '{fmt}'")
    if output == "-" and len(formats) > 1:
        fail("-o - writes one format to stdout; add --format md or --format html")
    base = resolve_root(root)
    repo = run_validation(base)
    if problem_format.has_errors(repo.problems):
        typer.echo(problem_format.render(repo.problems, "text"), err=True)
        fail(
            "the data has problems, so no paper was written; fix them and run again"
            " (`icp-obj validate` lists them)",
            EXIT_PROBLEMS,
        )
    try:
        choice = reports.choose_quarter(repo, period, year)
    except reports.ReportError as error:
        fail(str(error))
    quarter = choice.quarter
    if choice.guessed_year:
        typer.echo(
            f"Using {quarter.label}, the latest financial year with {quarter.name} updates"
            " (add --year to choose another).",
            err=True,
        )
    try:
        texts = reports.texts(repo, quarter, formats, provenance.collect(base))
    except reports.ReportError as error:
        fail(str(error), EXIT_PROBLEMS)
    if output == "-":
        typer.echo(texts[formats[0]], nl=False)
        return
    targets = reports.output_paths(base, quarter, formats, output)
    if check:
        raise typer.Exit(_check_papers(base, texts, targets))
    for f, path in targets.items():
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(texts[f], encoding="utf-8")
        except OSError as error:
            fail(f"cannot write {path}: {error.strerror or error}; choose another --output")
        typer.echo(f"wrote {_shown(path, base)}", err=True)


def _check_papers(base: Path, texts: dict[str, str], targets: dict[str, Path]) -> int:
    stale = []
    for fmt, path in targets.items():
        current = path.read_text(encoding="utf-8") if path.is_file() else None
        if current != texts[fmt]:
            state = "is missing" if current is None else "differs from what the data renders"
            stale.append(f"{_shown(path, base)} {state}")
    for line in stale:
        typer.echo(f"icp-obj: {line}", err=True)
    if stale:
        typer.echo("Run `icp-obj report` without --check and commit the paper.", err=True)
        return EXIT_PROBLEMS
    typer.echo("The committed paper matches the data.", err=True)
    return EXIT_OK


def _shown(path: Path, base: Path) -> str:
    try:
        return path.resolve().relative_to(base).as_posix()
    except ValueError:
        return str(path)


def _stdin_is_terminal() -> bool:
    """Whether a person is at the keyboard; tests replace this to act as one."""
    return sys.stdin.isatty()


@app.command()
def update(
    target: Annotated[
        str,
        typer.Argument(
            help="What the update covers: a breakthrough objective (2.2), an objective as a"
            " whole (2), or several breakthrough objectives (4.1,4.2)."
        ),
    ],
    quarter: Annotated[
        str | None,
        typer.Option(
            "--quarter",
            "-q",
            help="The quarter: Q1, 'Q1 2020/21', '2020/21 Q1' or 2020-21-Q1. Default: the"
            " current financial quarter.",
        ),
    ] = None,
    year: Annotated[
        str | None,
        typer.Option("--year", "-y", help="The financial year, like 2020/21. Default: today's."),
    ] = None,
    status: Annotated[
        str | None,
        typer.Option("--status", "-s", help="A rating id from the scale in partnership.yaml."),
    ] = None,
    bullet: Annotated[
        list[str] | None,
        typer.Option("--bullet", "-b", help="A Markdown bullet point; repeat for more."),
    ] = None,
    body: Annotated[str | None, typer.Option("--body", help="The update as Markdown text.")] = None,
    body_file: Annotated[
        str | None,
        typer.Option("--body-file", help="Read the Markdown text from FILE, or - for stdin."),
    ] = None,
    heading: Annotated[
        str | None, typer.Option("--heading", help="A heading printed above the entry.")
    ] = None,
    reading: Annotated[
        list[str] | None,
        typer.Option(
            "--reading",
            "-r",
            help="A measure's value: MEASURE=VALUE[@PERIOD][:NOTE], as in"
            " 'childcare=72@2020/21 Q1:Fell in lockdown'. The period defaults to the"
            " quarter; the note is everything after the first ':' following the value."
            " Repeat for more.",
        ),
    ] = None,
    author: Annotated[str | None, typer.Option("--author", help="Who wrote the update.")] = None,
    append: Annotated[
        bool,
        typer.Option("--append", help="Add the text to the end of the existing entry's body."),
    ] = False,
    replace: Annotated[
        bool, typer.Option("--replace", help="Replace the existing entry with this one.")
    ] = False,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Print the change and write nothing.")
    ] = False,
    root: RootOption = None,
) -> None:
    """Add a quarter's update for an objective, changing nothing else in its file.

    \b
    Examples:
      icp-obj update 2.2 -q "2020/21 Q1" -s amber -b "First point" -b "Second point"
      icp-obj update 1.1 -r "childcare=72@2020/21 Q1:Fell in lockdown" -b "Recovering"
      icp-obj update 4.1,4.2 --body-file update.md
      icp-obj update 2.2 --append -b "A point we missed"


    Writes objectives/updates/<yyyy-yy>/Q<n>/objective-<n>.yaml, creating it if needed, and
    prints the change as a diff. The edited data is validated before anything is written.
    In a terminal with no text given, asks for the status and opens $EDITOR.
    Exit status: 0 written (or nothing to do), 1 refused because of the data, 2 usage error.
    """
    from icp_objectives import entries, show
    from icp_objectives import problems as problem_format
    from icp_objectives import update as updating

    if append and replace:
        fail("--append and --replace cannot be used together; choose one")
    base = resolve_root(root)
    chosen = _quarter(quarter, year)
    try:
        targets = entries.parse_targets(target)
        readings = tuple(entries.parse_reading(r) for r in reading or [])
    except entries.EntryError as error:
        fail(str(error))
    content = entries.Content(
        status=status,
        heading=heading,
        bullets=tuple(bullet or []),
        body=_body_text(body, body_file),
        readings=readings,
        author=author,
    )
    if not content.has_text:
        content = _ask_for_content(base, targets, chosen.label, content, ask_status=not append)
    mode = updating.Mode.APPEND if append else updating.Mode.REPLACE if replace else None
    request = updating.Request(
        base, chosen, targets, content, mode or updating.Mode.ADD, dry_run=dry_run
    )
    try:
        outcome = updating.run(request)
    except updating.UpdateError as error:
        fail(str(error), error.code)
    if problem_format.has_errors(outcome.problems):
        typer.echo(problem_format.render(outcome.problems, "text"), err=True)
        fail(
            f"nothing was written to {outcome.rel}: the update would make the data invalid"
            " (problems above)",
            EXIT_PROBLEMS,
        )
    show.diff(outcome.diff())
    verb = "would change" if dry_run else "created" if outcome.created else "changed"
    typer.echo(
        f"{verb} {outcome.rel}" + (" (dry run: nothing written)" if dry_run else ""), err=True
    )
    if not (outcome.path.parent / "report.yaml").exists():
        typer.echo(
            f"Note: {chosen.label} has no report.yaml yet; `icp-obj new-quarter"
            f' "{chosen.label}"` adds it and a file for each objective.',
            err=True,
        )


def _body_text(body: str | None, body_file: str | None) -> str | None:
    if body is not None and body_file is not None:
        fail("give --body or --body-file, not both")
    if body_file is None:
        return body
    if body_file == "-":
        return sys.stdin.read()
    try:
        return Path(body_file).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        fail(f"cannot read --body-file {body_file}: {getattr(error, 'strerror', None) or error}")


def _ask_for_content(
    base: Path, targets: tuple[str, ...], quarter: str, content: Content, *, ask_status: bool
) -> Content:
    """Ask the person at the terminal for the status and text; never wait without one."""
    from icp_objectives import interactive, repository

    if not _stdin_is_terminal():
        fail(
            "no update text given: add --bullet TEXT (repeat it for more), --body TEXT or"
            " --body-file FILE (- for stdin), or run it in a terminal to be asked"
        )

    def ask(question: str) -> str:
        return str(typer.prompt(question, default="", show_default=False))

    def tell(line: str) -> None:
        typer.echo(line, err=True)

    conversation = interactive.Conversation(ask, tell, repository.load(base), targets, quarter)
    try:
        answered = conversation.run(content, ask_status=ask_status)
    except interactive.EditorFailed as error:
        fail(str(error))
    if answered is None:
        tell("The update was empty, so nothing was written.")
        raise typer.Exit(EXIT_OK)
    return answered


PeriodArgument = Annotated[
    list[str] | None,
    typer.Argument(
        help="The quarter: Q1, Q1 2020/21, 2020/21 Q1 or 2020-21-Q1 (quotes optional)."
        " Default: the current financial quarter; without a year, the current financial year's.",
        show_default=False,
    ),
]
YearOption = Annotated[
    str | None,
    typer.Option("--year", "-y", help="The financial year, like 2020/21, when PERIOD has none."),
]


def _quarter(period: str | list[str] | None, year: str | None) -> Quarter:
    import datetime as dt

    from icp_objectives.periods import PeriodError, quarter_for

    words = " ".join(period) if isinstance(period, list) else period
    try:
        return quarter_for(words or None, year, dt.date.today())
    except PeriodError as error:
        fail(str(error))


@app.command("new-quarter")
def new_quarter(
    period: PeriodArgument = None, year: YearOption = None, root: RootOption = None
) -> None:
    """Start a quarter: its report.yaml and an empty file per objective for leads to fill in.

    Creates only what is missing, so running it twice changes nothing. The new files are
    validated before any is written.
    """
    from icp_objectives import edit, quarters
    from icp_objectives import problems as problem_format
    from icp_objectives.validation import validate as run_validation

    base = resolve_root(root)
    quarter = _quarter(period, year)
    before = run_validation(base)
    if any(p.path.count("/") == 1 for p in before.problems if p.severity == "error"):
        typer.echo(problem_format.render(before.problems, "text"), err=True)
        fail("the partnership or objective files have problems; fix them first", EXIT_PROBLEMS)
    wanted = quarters.missing_files(before, quarter)
    shown = _shown(quarters.folder(base, quarter), base) + "/"
    if not wanted:
        typer.echo(
            f"Nothing to do: {shown} already has report.yaml and a file for each objective.",
            err=True,
        )
        return
    overrides = {path: text.encode("utf-8") for path, text in wanted.items()}
    known = {(p.path, p.code, p.message) for p in before.problems}
    after = run_validation(base, overrides=overrides)
    new = [p for p in after.problems if (p.path, p.code, p.message) not in known]
    if problem_format.has_errors(new):
        typer.echo(problem_format.render(new, "text"), err=True)
        fail("the new files would not validate, so none was written", EXIT_PROBLEMS)
    try:
        for path, data in overrides.items():
            with edit.locked(path):
                if not path.exists():
                    edit.write_atomic(path, data)
                    typer.echo(f"created {_shown(path, base)}", err=True)
    except (OSError, edit.LockTimeout) as error:
        fail(f"could not write the quarter's files: {getattr(error, 'strerror', None) or error}")
    typer.echo(f"{quarter.label} is ready in {shown}: leads can now add their updates.", err=True)


@app.command()
def status(
    period: PeriodArgument = None,
    year: YearOption = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="text (a table) or json.")] = "text",
    root: RootOption = None,
) -> None:
    """Show each breakthrough objective's status this quarter and last, and who has no update.

    The last column is the programme office's chase list. Always exits 0 when it can read the
    data; problems in the files are mentioned, not fatal.
    """
    import json

    from icp_objectives import show
    from icp_objectives import status as standing
    from icp_objectives.validation import validate as run_validation

    if fmt not in {"text", "json"}:
        fail(f"--format must be text or json, not '{fmt}'")
    base = resolve_root(root)
    quarter = _quarter(period, year)
    repo = run_validation(base)
    view = standing.build(repo, quarter)
    if repo.problems:
        typer.echo(
            f"Note: the data has {len(repo.problems)} problem(s), so this may be incomplete;"
            " run `icp-obj validate` to see them.",
            err=True,
        )
    if fmt == "json":
        typer.echo(json.dumps(view.as_json(), indent=2, ensure_ascii=False))
        return
    show.standing(view)


def main() -> None:
    """Console entry point."""
    app(prog_name="icp-obj")


if __name__ == "__main__":  # pragma: no cover
    main()
    sys.exit(0)
