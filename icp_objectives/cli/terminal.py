"""What the commands print in a terminal: a coloured diff, the status table, where a refused
update's problems would be, and progress on long runs.

Colour is only ever an extra: every status is also in words. With NO_COLOR set (to anything
but nothing) no escape code at all is written, bold included; Rich writes none either when the
output is not a terminal (unless FORCE_COLOR asks for them).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from icp_objectives.domain.progress import Step, quiet
from icp_objectives.domain.wording import visible

# Rich is imported where something is printed with it: a run whose standard error is no
# terminal (a hook, CI, a pipe) shows no progress, and does not load it.
if TYPE_CHECKING:
    from rich.console import Console

    from icp_objectives.edit.update import UpdateOutcome
    from icp_objectives.paper.standing import Cell, Standing

DIFF_STYLES = {"@": "cyan", "+": "green", "-": "red"}
STATUS_STYLES = {"green": "green", "amber": "yellow", "red": "red", "blue": "blue"}


def diff(lines: list[str]) -> None:
    """A unified diff, its two header lines in bold."""
    from rich.text import Text

    console = _console(soft_wrap=True)
    for number, line in enumerate(lines):
        style = "bold" if number < 2 else DIFF_STYLES.get(line[:1], "")
        console.print(Text(visible(line), style=style))


def standing(view: Standing) -> None:
    """The status table, then the chase list: who owes which update."""
    from rich.markup import escape
    from rich.table import Table

    terms = view.terms
    heading = terms.breakthroughs_word[:1].upper() + terms.breakthroughs_word[1:]
    table = Table(title=f"{heading}: {view.quarter.label}", title_justify="left")
    for column in (terms.breakthrough_heading, view.quarter.label, view.quarter.previous().label):
        table.add_column(column)
    table.add_column("Update")
    leads = any(row.lead for row in view.rows)
    if leads:
        table.add_column("Lead")
    for row in view.rows:
        cells = [
            escape(visible(f"{row.breakthrough} {row.title}")),
            _cell(row.this_quarter),
            _cell(row.last_quarter),
            _update(row.this_quarter),
        ]
        table.add_row(*cells, *([escape(visible(row.lead or ""))] if leads else []))
    console = _console()
    console.print(table)
    if view.missing:
        console.print(
            f"Still to update for {view.quarter.label}: {', '.join(view.missing)}"
            f" ({len(view.missing)} of {len(view.rows)}).",
            markup=False,
        )
        for lead, keys in view.chase if leads else ():
            console.print(visible(f"  {lead or 'No lead named'}: {', '.join(keys)}"), markup=False)
    if view.unread:
        console.print(
            f"Could not read the {view.quarter.label} file for: {', '.join(view.unread)}"
            " (its file has problems; `icp-obj validate` shows them).",
            markup=False,
        )
    if view.rows and not view.missing and not view.unread:
        console.print(f"Every {terms.breakthrough} has an update for {view.quarter.label}.")


def progress_console() -> Console:
    """Where progress is shown: standard error, so that it never mixes with the output."""
    return _console(stderr=True)


@contextmanager
def progress(what: str, console: Console | None = None) -> Iterator[Step]:
    """A progress bar on standard error while a long run goes, gone when it is done: only on
    a terminal (a pipe or a file gets nothing). NO_COLOR takes away its colour, not the bar."""
    if console is None and not _may_be_terminal():
        yield quiet
        return
    shown = console or progress_console()
    if not shown.is_terminal:
        yield quiet
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    columns = (
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[item]}"),
    )
    with Progress(*columns, console=shown, transient=True) as bar:
        task = bar.add_task(what, total=None, item="")

        def step(item: str, number: int, total: int) -> None:
            bar.update(task, completed=number - 1, total=total, item=visible(item))

        yield step
        bar.update(task, completed=bar.tasks[0].total or 0)


def _may_be_terminal() -> bool:
    """Whether Rich may take standard error for a terminal: it is one, or the environment
    says to treat it as one (FORCE_COLOR, TTY_COMPATIBLE). Otherwise Rich would not."""
    if "FORCE_COLOR" in os.environ or "TTY_COMPATIBLE" in os.environ:
        return True
    try:
        return sys.stderr.isatty()
    except (AttributeError, ValueError):  # replaced, or closed
        return False


def _update(cell: Cell) -> str:
    if cell.updated:
        return "received"
    from icp_objectives.paper.standing import UNREAD  # status only: start-up stays light

    if cell.label == UNREAD:
        return "[bold]file has problems[/bold]"
    return "[bold]MISSING[/bold]"


def _console(*, soft_wrap: bool = False, stderr: bool = False) -> Console:
    from rich.console import Console

    if os.environ.get("NO_COLOR", "") != "":
        return Console(highlight=False, soft_wrap=soft_wrap, color_system=None, stderr=stderr)
    return Console(highlight=False, soft_wrap=soft_wrap, stderr=stderr)


def _cell(cell: Cell) -> str:
    """A status in words (the rating's label and id); colour only adds to them."""
    words = cell.label
    if cell.status and cell.status.lower() != cell.label.lower():
        words = f"{cell.label} ({cell.status})"
    from rich.markup import escape

    style = STATUS_STYLES.get(cell.status or "")
    return f"[{style}]{escape(words)}[/{style}]" if style else escape(words)


def where(outcome: UpdateOutcome) -> list[str]:
    """Where the problems in the edited file are: their line numbers are those of the file as
    the update would write it, so the lines it would add are shown, numbered."""
    marked = {p.line for p in outcome.problems if p.path == outcome.rel}
    if not marked:
        return []
    numbers = _filled(sorted({*outcome.changed_lines(), *marked}))
    width = len(str(max(n for n in numbers if n)))
    if outcome.created:
        intro = (
            f"{outcome.rel} does not exist yet: the line numbers are those of the file the"
            " update would create, which would be:"
        )
    else:
        intro = (
            f"The line numbers of {outcome.rel} are those of the file as the update would"
            " leave it; the part the update would change:"
        )
    return [
        intro,
        *(
            f"{'>' if n in marked else ' '} {n:>{width}} | {outcome.line(n)}".rstrip()
            if n
            else f"  {'.' * width} |"
            for n in numbers
        ),
    ]


def _filled(numbers: list[int], gap: int = 5) -> list[int]:
    """Line numbers with the short runs between them filled in; 0 stands for lines left out."""
    out: list[int] = []
    for number in numbers:
        if out and number - out[-1] > gap:
            out.append(0)
        elif out:
            out.extend(range(out[-1] + 1, number))
        out.append(number)
    return out
