"""The `icp-obj` command: parse options, call the core, print, exit. No business logic here.

Imports of the core happen inside each command, so `icp-obj --help` starts quickly.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, NoReturn

import typer

from icp_objectives import __version__

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
    from icp_objectives.repository import data_files
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
            changed, reached = revisions.changed_scope(base, repo, changed_since)
        except gitrev.GitError as error:
            fail(str(error))
        if reached is not None:
            found = [p for p in found if p.path in reached]
            checked = len({*reached} & {p.relative_to(base).as_posix() for p in data_files(base)})
        typer.echo(
            f"{len(changed)} file{'s' if len(changed) != 1 else ''} changed since {changed_since};"
            f" {'all' if reached is None else checked} files in reach.",
            err=True,
        )
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
    targets = {f: _target(base, quarter, f, output, len(formats)) for f in formats}
    if check:
        raise typer.Exit(_check_papers(base, texts, targets))
    for f, path in targets.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(texts[f], encoding="utf-8")
        typer.echo(f"wrote {_shown(path, base)}", err=True)


def _target(base: Path, quarter: object, fmt: str, output: str | None, count: int) -> Path:
    from icp_objectives import report as reports

    default = reports.default_path(base, quarter, fmt)  # type: ignore[arg-type]
    if output is None:
        return default
    chosen = Path(output)
    if count > 1 or chosen.is_dir():
        return chosen / default.name
    return chosen


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


def main() -> None:
    """Console entry point."""
    app(prog_name="icp-obj")


if __name__ == "__main__":  # pragma: no cover
    main()
    sys.exit(0)
