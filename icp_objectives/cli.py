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
) -> None:
    """Check every data file: YAML syntax, the schema, and the rules across files.

    Prints one line per problem, `path:line:col: error CODE: message`. Exit status: 0 when
    valid, 1 when problems were found, 2 for a usage error.
    """
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
    output = problem_format.render(found, fmt)
    if output:
        typer.echo(output)
    if fmt != "json":
        typer.echo(problem_format.summary(found, repo.files), err=True)
    raise typer.Exit(EXIT_PROBLEMS if problem_format.has_errors(found) else EXIT_OK)


def _only_under(found: list, base: Path, paths: list[Path]) -> list:  # type: ignore[type-arg]
    if not paths:
        return found
    wanted = [p.resolve().relative_to(base).as_posix() for p in paths]
    return [
        p for p in found
        if any(w in {".", ""} or p.path == w or p.path.startswith(w.rstrip("/") + "/")
               for w in wanted)
    ]


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


def main() -> None:
    """Console entry point."""
    app(prog_name="icp-obj")


if __name__ == "__main__":  # pragma: no cover
    main()
    sys.exit(0)
