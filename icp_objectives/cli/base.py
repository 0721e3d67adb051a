"""What every command shares: the typer app, --version, --root, and stopping with a message.

An IcpError raised by any command stops it here, in `_Group.invoke`, as one line on stderr
and its exit code; a command catches one itself only to do something more (print problems).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer
from typer.core import TyperArgument, TyperGroup

from icp_objectives import __version__
from icp_objectives.cli import completion
from icp_objectives.domain.errors import EXIT_PROBLEMS, EXIT_USAGE, IcpError
from icp_objectives.domain.wording import PERIOD_EXAMPLES

if TYPE_CHECKING:
    from icp_objectives.domain.problems import Problem


class _PlainArgument(TyperArgument):
    """An argument shown in help by its name alone, as PATH... or [PERIOD]..., where typer
    would add Python's type (`<list[Path]>`) and put a required one in braces.

    The display methods are typer's own (0.29), not public API, so pyproject.toml keeps typer
    below 0.30; tests/test_cli.py checks every command's help, and catches a typer that renames
    them.
    """

    def _name(self) -> str:
        return self.metavar or (self.name or "").upper()

    def _rich_display_name(self) -> str:
        return self._name() + ("..." if self.nargs != 1 else "")

    def _usage_display_name(self) -> str:
        name = self._name() if self.required else f"[{self._name()}]"
        return name + ("..." if self.nargs != 1 else "")

    def display_type_rich(self, ctx: Any) -> str | None:
        return None


class _Group(TyperGroup):
    """The command group; every command's arguments are shown plainly (see _PlainArgument),
    whichever module registered the command, and every command's IcpError is told the same
    way: `icp-obj: <message>` on stderr, then its exit code."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for command in self.commands.values():
            for param in command.params:
                if type(param) is TyperArgument:
                    param.__class__ = _PlainArgument

    def invoke(self, ctx: Any) -> Any:  # typer's own click Context (typer._click, private)
        try:
            return super().invoke(ctx)
        except IcpError as error:
            fail(str(error), error.exit_code)


app = typer.Typer(
    name="icp-obj",
    cls=_Group,
    help=(
        "Keep an Integrated Care Partnership's objectives and quarterly updates as YAML in git,"
        " check them, and render the board paper.\n\n"
        "Start with `icp-obj validate` to check the files, then `icp-obj report Q1` to write the"
        " quarter's paper into reports/. A new partnership starts with `icp-obj init`."
    ),
    no_args_is_help=True,
    add_completion=True,  # --install-completion, --show-completion; see cli/completion
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)

RootOption = Annotated[
    Path | None,
    typer.Option(
        "--root",
        metavar="DIR",
        help="The repository folder (holding objectives/). Default: found by walking up from here.",
        file_okay=False,
    ),
]

NoCacheOption = Annotated[
    bool,
    typer.Option(
        "--no-cache",
        help="Check everything again, without the results kept from a run on the same files"
        " (ICP_OBJ_NO_CACHE=1 does the same).",
    ),
]

PeriodArgument = Annotated[
    list[str] | None,
    typer.Argument(
        metavar="PERIOD",
        autocompletion=completion.complete_quarter,
        help=f"The quarter: {PERIOD_EXAMPLES} (quotes optional). Default: the open quarter (the"
        " latest with a report.yaml whose paper has not been presented); without a year, the"
        " year in which that quarter is open, or else the latest year that has it.",
        show_default=False,
    ),
]
YearOption = Annotated[
    str | None,
    typer.Option(
        "--year",
        "-y",
        metavar="YEAR",
        help="The financial year, like 2020/21, when PERIOD has none.",
    ),
]


def _version(value: bool) -> None:
    if value:
        typer.echo(f"icp-obj {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    ctx: typer.Context,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Print the version."),
    ] = False,
) -> None:
    """Keep an ICP's objectives in git and render the board paper."""
    from icp_objectives.load import memo, stored

    ctx.with_resource(memo.one_command())  # each git query once while the command runs
    ctx.with_resource(stored.one_command())  # a command's --no-cache ends with it


def fail(message: str, code: int = EXIT_USAGE) -> NoReturn:
    """Stop with one plain line on stderr and an exit code."""
    typer.echo(f"icp-obj: {message}", err=True)
    raise typer.Exit(code)


def fail_with_problems(
    problems: list[Problem], message: str, code: int = EXIT_PROBLEMS
) -> NoReturn:
    """Print the problems on stderr, one a line, then stop with a message."""
    from icp_objectives.domain.problems import render

    if problems:
        typer.echo(render(problems, "text"), err=True)
    fail(message, code)


def check_format(fmt: str, formats: Sequence[str]) -> str:
    """FMT, when it is one of FORMATS; otherwise stop with a usage error naming them."""
    if fmt not in formats:
        choices = " or ".join(formats) if len(formats) == 2 else f"one of {', '.join(formats)}"
        fail(f"--format must be {choices}, not '{fmt}'")
    return fmt


def resolve_root(root: Path | None, start: Path | None = None) -> Path:
    from icp_objectives.load.root import find_root

    if root is not None:
        if not (root / "objectives").is_dir():
            fail(f"{root} has no objectives/ folder; point --root at the repository folder")
        return root.resolve()
    return find_root(start or Path.cwd())


def inside(path: Path, base: Path) -> str | None:
    """PATH relative to the repository, or None when it is outside it."""
    try:
        return path.resolve().relative_to(base).as_posix()
    except ValueError:
        return None


def shown_path(path: Path, base: Path) -> str:
    """A path as the person knows it: relative to the repository when inside it."""
    return inside(path, base) or str(path)
