"""`diff` and `schema`: what a change means, and the schema editors check files against."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from icp_objectives.cli.base import (
    RootOption,
    app,
    check_format,
    fail,
    resolve_root,
)
from icp_objectives.domain.errors import EXIT_IO, reason


@app.command()
def diff(
    base: Annotated[
        str | None,
        typer.Argument(
            metavar="BASE",
            help="The revision to compare from. Default: where this branch left the default"
            " branch (origin's default, main or master).",
        ),
    ] = None,
    head: Annotated[
        str | None,
        typer.Argument(
            metavar="HEAD", help="The revision to compare to. Default: the working tree."
        ),
    ] = None,
    root: RootOption = None,
    fmt: Annotated[
        str,
        typer.Option(
            "--format",
            "-f",
            metavar="FORMAT",
            help="text; md (a pull-request comment); json; or quarters (the quarters a paper"
            " must be rendered for, one per line).",
        ),
    ] = "text",
) -> None:
    """Show what two revisions changed, in meaning.

    The changes are grouped by objective.

    Objectives, breakthrough objectives and measures added, removed, renamed or renumbered;
    targets and baselines; a measure's variation or assurance (Making Data Count) changing;
    the rating scale; update entries, statuses and readings per quarter. A change to a
    quarter already presented to the board is marked LOCKED unless it is marked as a correction.
    """
    from icp_objectives.load import revisions
    from icp_objectives.review import diff_render, semantic_diff

    check_format(fmt, diff_render.FORMATS)
    base_root = resolve_root(root)
    both = revisions.sides(base_root, base, head)
    changes = semantic_diff.compare(both.base, both.head)
    output = diff_render.render(changes, fmt, both.base_name, both.head_name)
    if output:
        typer.echo(output)


@app.command()
def schema(
    kind: Annotated[
        str | None,
        typer.Argument(
            metavar="KIND", help="partnership, objective, quarter-report or quarter-updates."
        ),
    ] = None,
    output: Annotated[
        str | None,
        typer.Option(
            "--output",
            "-o",
            metavar="DIR",
            help="Write <kind>.schema.json into the folder DIR, for KIND or each kind.",
        ),
    ] = None,
) -> None:
    """Print the JSON Schema of the data files.

    For editors and other tools that check the files as they are written.
    """
    from icp_objectives.domain import schema as schemas
    from icp_objectives.edit import schema_files

    if kind is not None and kind not in schemas.KINDS:
        fail(f"unknown kind '{kind}'; use one of {', '.join(schemas.KINDS)}")
    if output is not None:
        folder = Path(output)
        if folder.suffix and not output.endswith(("/", "\\")) and not folder.is_dir():
            fail(
                f"-o {output} looks like a file, but --output is the folder the"
                " <kind>.schema.json files go into; give a folder (end it with / if its name"
                " has a dot), or leave out -o to print the schema: icp-obj schema"
                f" {kind or 'objective'} > {output}"
            )
        try:
            written = schema_files.write_all(folder, [kind] if kind else schemas.KINDS)
        except OSError as error:
            fail(f"cannot write into {output}: {reason(error)}; choose another --output", EXIT_IO)
        for path in written:
            typer.echo(f"wrote {path}", err=True)
        return
    typer.echo(schemas.dumps(kind), nl=False)
