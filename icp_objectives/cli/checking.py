"""`validate`: check every data file and report each problem where it is."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from icp_objectives.cli.base import (
    NoCacheOption,
    RootOption,
    app,
    check_format,
    fail,
    inside,
    resolve_root,
)
from icp_objectives.domain.errors import EXIT_OK, EXIT_PROBLEMS

if TYPE_CHECKING:
    from icp_objectives.domain.problems import Problem


@app.command()
def validate(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            metavar="PATH", help="Only report problems in these files or folders. Default: all."
        ),
    ] = None,
    root: RootOption = None,
    fmt: Annotated[
        str,
        typer.Option(
            "--format",
            "-f",
            metavar="FORMAT",
            help="text, json, or github (workflow annotations).",
        ),
    ] = "text",
    changed_since: Annotated[
        str | None,
        typer.Option(
            "--changed-since",
            metavar="REV",
            help="Only report problems in files this branch changed since it left the git"
            " revision REV (main, say), and in the files that refer to them.",
        ),
    ] = None,
    no_cache: NoCacheOption = False,
) -> None:
    """Check the data files and list every problem.

    Checks YAML syntax, the schema, and the rules across files.

    Prints one line per problem, `path:line:col: error CODE: message`. Exit status: 0 when
    valid, 1 when problems were found, 2 for a usage error.
    """
    from icp_objectives.check import validation
    from icp_objectives.cli import terminal
    from icp_objectives.domain import problems as problem_format
    from icp_objectives.load import gitrev

    check_format(fmt, problem_format.FORMATS)
    for path in paths or []:
        if not path.exists():
            fail(f"{path} does not exist")
    base = _root_for(root, paths[0] if paths else None)
    wanted = [_inside(path, base) for path in paths or []]
    with terminal.progress("Checking") as step:
        if changed_since is None:
            everything, checked = validation.problems(base, cache=not no_cache, progress=step)
            found = problem_format.only_under(everything, wanted)
        else:
            found, checked = _changed(base, changed_since, wanted)
    prefix = gitrev.prefix(base) if fmt == "github" else ""
    output = problem_format.render(found, fmt, prefix)
    if output:
        typer.echo(output)
    if fmt != "json":
        typer.echo(problem_format.summary(found, checked), err=True)
    raise typer.Exit(EXIT_PROBLEMS if problem_format.has_errors(found) else EXIT_OK)


def _changed(base: Path, rev: str, wanted: list[str]) -> tuple[list[Problem], int]:
    """The problems in the files changed since REV and the files they reach, and how many
    files that is (the reach is worked out from the models, so nothing is kept)."""
    from icp_objectives.check import scope
    from icp_objectives.check.validation import validate as run_validation
    from icp_objectives.domain import problems as problem_format
    from icp_objectives.load import revisions

    repo = run_validation(base)
    changed = revisions.changed_since(base, rev)
    reach = scope.reach(
        repo, rev, changed=changed.changed, before=changed.before, existing=changed.existing
    )
    typer.echo(reach.sentence(), err=True)
    found = reach.only(problem_format.only_under(repo.problems, wanted))
    return found, repo.files if reach.files is None else len(reach.files)


def _root_for(root: Path | None, path: Path | None) -> Path:
    """The repository: --root, the one PATH is in, or the one here when PATH is in none."""
    from icp_objectives.load.root import RootNotFound, find_root

    if root is not None or path is None:
        return resolve_root(root)
    try:
        return find_root(path if path.is_dir() else path.parent)
    except RootNotFound:
        return resolve_root(None)  # PATH is then reported as outside this repository


def _inside(path: Path, base: Path) -> str:
    """PATH relative to the repository, or a usage error naming both."""
    rel = inside(path, base)
    if rel is None:
        fail(f"{path} is outside the repository {base}; give files under it, or --root")
    return rel
