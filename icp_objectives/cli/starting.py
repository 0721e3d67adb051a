"""`init`: start a new partnership's repository, asking for what it needs or taking flags."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from icp_objectives.cli import cover_options
from icp_objectives.cli.base import app, fail, fail_with_problems, shown_path
from icp_objectives.domain.errors import EXIT_USAGE

if TYPE_CHECKING:
    from icp_objectives.edit.starter import Answers


def _stdin_is_terminal() -> bool:
    """Whether a person is at the keyboard; tests replace this to act as one."""
    return sys.stdin.isatty()


def _today() -> dt.date:
    return dt.date.today()


@app.command()
def init(
    folder: Annotated[
        Path,
        typer.Argument(
            metavar="DIR",
            help="The folder to start the repository in (made if missing). Default: here.",
            file_okay=False,
        ),
    ] = Path(),
    name: Annotated[
        str | None,
        typer.Option("--name", metavar="TEXT", help="The partnership's full name."),
    ] = None,
    short_name: Annotated[
        str | None,
        typer.Option("--short-name", metavar="TEXT", help="Its short name, as papers use it."),
    ] = None,
    board: Annotated[
        str | None,
        typer.Option("--board", metavar="TEXT", help="The board its papers go to."),
    ] = None,
    scale: Annotated[
        str | None,
        typer.Option(
            "--scale",
            metavar="SCALE",
            help="The rating scale: delivery-confidence (five points with blue for complete),"
            " rag (red, amber, green) or custom (with --ratings).",
        ),
    ] = None,
    ratings: Annotated[
        str | None,
        typer.Option(
            "--ratings",
            metavar="LABELS",
            help="For --scale custom: the labels, best first, separated by commas.",
        ),
    ] = None,
    objective: Annotated[
        str | None,
        typer.Option("--objective", metavar="TEXT", help="The first strategic objective's title."),
    ] = None,
    breakthrough: Annotated[
        str | None,
        typer.Option(
            "--breakthrough", metavar="TEXT", help="The first breakthrough objective's title."
        ),
    ] = None,
    objective_term: Annotated[
        str | None,
        typer.Option(
            "--objective-term",
            metavar="WORD",
            help='What the partnership calls its objectives: "strategic objective" (the'
            ' default), "priority"...',
        ),
    ] = None,
    breakthrough_term: Annotated[
        str | None,
        typer.Option(
            "--breakthrough-term",
            metavar="WORD",
            help='And the level under them: "breakthrough objective" (the default),'
            ' "workstream", "programme"...',
        ),
    ] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="List the files it would write, and write nothing.")
    ] = False,
    meeting: cover_options.MeetingOption = None,
    date: cover_options.DateOption = None,
    author: cover_options.AuthorOption = None,
    purpose: cover_options.PurposeOption = None,
    recommendation: cover_options.RecommendationOption = None,
    session: cover_options.SessionOption = None,
    introduction: cover_options.IntroductionOption = None,
) -> None:
    """Start a new partnership's repository.

    Asks for the partnership's name, short name, board and rating scale (or takes them as
    flags), then writes objectives/partnership.yaml, a first objective, schema/, templates/,
    a pre-commit hook, a GitHub workflow and .gitignore, runs `git init` when the folder is
    not in a repository, and opens this quarter for updates. It never overwrites a file.
    With no terminal, every answer must come as a flag (exit status 2 names the missing).
    The cover sheet's options fill in the first quarter's report.yaml, as `new-quarter`'s do.
    """
    from icp_objectives.domain.periods import Quarter
    from icp_objectives.edit import founding
    from icp_objectives.load import gitrev
    from icp_objectives.load.loaded import quarter_folder

    cover = cover_options.given(
        meeting=meeting,
        date=date,
        author=author,
        purpose=purpose,
        recommendation=recommendation,
        session=session,
        introduction=introduction,
    )
    answers = _answers(
        name=name,
        short_name=short_name,
        board=board,
        scale=scale,
        ratings=ratings,
        objective=objective,
        breakthrough=breakthrough,
        objective_term=objective_term,
        breakthrough_term=breakthrough_term,
    )
    root = folder.resolve()
    plan = founding.plan(root, answers)
    needs_git = not gitrev.nearby(root)
    for path in plan.kept:
        typer.echo(f"kept {shown_path(path, root)} (it exists already)", err=True)
    if dry_run:
        for path in plan.files:
            typer.echo(f"would create {shown_path(path, root)}", err=True)
        first = root / quarter_folder(Quarter.containing(_today()))
        for name in ("report.yaml", "objective-1.yaml"):  # the quarter it opens
            typer.echo(f"would create {shown_path(first / name, root)}", err=True)
        if needs_git:
            typer.echo(f"would run git init in {root}", err=True)
        typer.echo("Dry run: nothing written.", err=True)
        return
    wrong = founding.problems(plan)
    if wrong:
        fail_with_problems(
            wrong, "the answers would not make a valid repository, so nothing was written"
        )
    for path in founding.write(plan):
        typer.echo(f"created {shown_path(path, root)}", err=True)
    if needs_git:
        _start_git(root)
    quarter = _open_first_quarter(root, cover)
    typer.echo(
        f"{answers.short_name} is ready, with {quarter} open. Next: `icp-obj update 1.1` adds"
        f' its first update, and `icp-obj report "{quarter}"` writes the paper.',
        err=True,
    )


def _start_git(root: Path) -> None:
    from icp_objectives.load import gitrev

    try:
        gitrev.start_repository(root)
    except gitrev.GitError as error:
        typer.echo(f"Note: the files are written, but git init failed ({error}).", err=True)
        return
    typer.echo(f"started a git repository in {root}", err=True)


def _open_first_quarter(root: Path, cover: dict[str, str]) -> str:
    """Open the quarter today is in, as `new-quarter` would, so `update` and `report` work."""
    from icp_objectives.domain.periods import Quarter
    from icp_objectives.edit import new_quarter

    quarter = Quarter.containing(_today())
    try:
        started = new_quarter.start(root, quarter, cover=cover)
    except new_quarter.Refused as refusal:
        fail_with_problems(refusal.problems, str(refusal), refusal.exit_code)
    for path in started.created:
        typer.echo(f"created {shown_path(path, root)}", err=True)
    return quarter.label


def _answers(**given: str | None) -> Answers:
    """The answers from the flags, asking a person at a terminal for the rest."""
    from icp_objectives.edit import starter

    ask = _asker()
    missing: list[str] = []

    def answer(key: str, flag: str, question: str, default: str | None = None) -> str:
        value = given.get(key)
        if value is not None and value.strip():
            return value.strip()
        if ask is None:
            if default is not None:
                return default
            missing.append(flag)
            return ""
        return ask(question, default)

    name = answer("name", "--name", "The partnership's full name")
    short = answer("short_name", "--short-name", "Its short name, as the papers use it", None)
    board = answer("board", "--board", "The board its papers go to")
    choices = ", ".join(f"{key} ({what})" for key, what in starter.SCALE_NAMES.items())
    if given.get("ratings") and not given.get("scale"):
        given["scale"] = "custom"  # labels given: they are the scale
    if given.get("ratings") and given.get("scale") != "custom":
        fail(f"--ratings makes a custom scale; leave out --scale {given.get('scale')}")
    scale = answer("scale", "--scale", f"The rating scale: {choices}", "delivery-confidence")
    if scale not in starter.SCALE_NAMES:
        fail(f"--scale must be one of {', '.join(starter.SCALE_NAMES)}, not '{scale}'")
    labels: tuple[str, ...] = ()
    if scale == "custom":
        text = answer("ratings", "--ratings", "The ratings' labels, best first, with commas")
        labels = tuple(label.strip() for label in text.split(",") if label.strip())
        if not labels and not missing:
            fail("--ratings needs at least one label, like 'On track,At risk,Off track'")
    defaults = starter.Answers(name="", short_name="", board="")
    first = answer("objective", "--objective", "The first strategic objective", defaults.objective)
    sub = answer(
        "breakthrough", "--breakthrough", "Its first breakthrough objective", defaults.breakthrough
    )
    upper = (given.get("objective_term") or "").strip() or defaults.objective_term
    lower = (given.get("breakthrough_term") or "").strip() or defaults.breakthrough_term
    if missing:
        fail(f"no terminal to ask at, so pass {', '.join(missing)}", EXIT_USAGE)
    answers = starter.Answers(name, short, board, scale, labels, first, sub, upper, lower)
    unclear = starter.unclear_ratings(answers)
    if unclear:
        fail(f"--ratings: {unclear}")
    return answers


def _asker() -> Callable[[str, str | None], str] | None:
    """How to ask a person (None when there is no terminal)."""
    if not _stdin_is_terminal():
        return None

    def ask(question: str, default: str | None) -> str:
        while True:
            reply = str(typer.prompt(question, default=default or "", err=True)).strip()
            if reply:
                return reply
            typer.echo("An answer is needed.", err=True)

    return ask
