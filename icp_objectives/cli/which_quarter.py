"""The quarter a command was given, as typed, and the one it means: `check.quarters` decides."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import typer

from icp_objectives.cli.base import fail
from icp_objectives.domain.wording import PERIOD_EXAMPLES

if TYPE_CHECKING:
    from icp_objectives.domain.periods import FinancialYear, Quarter
    from icp_objectives.load.loaded import Repository

Typed = tuple["FinancialYear | None", "int | None"]  # the year and quarter number, if given


def typed(period: str | list[str] | None, year: str | None, period_name: str = "PERIOD") -> Typed:
    """The year and quarter number typed, each None when not given; a usage error for an
    empty one."""
    from icp_objectives.domain.periods import asked_for

    words = " ".join(period) if isinstance(period, list) else period
    if words is not None and not words.strip():
        fail(
            f"{period_name} is empty: write a quarter such as {PERIOD_EXAMPLES}, or leave it"
            " out for the open quarter"
        )
    if year is not None and not year.strip():
        fail("--year is empty: write a financial year such as 2020/21, or leave it out")
    return asked_for(words or None, year)


def meant(repo: Repository, asked: Typed, naming: str, today: dt.date) -> Quarter:
    """The quarter meant (`check.quarters.meant`), saying on stderr how it was chosen;
    `naming` tells how this command is given a quarter ("with --quarter")."""
    from icp_objectives.check import quarters

    chosen = quarters.meant(repo, asked[1], asked[0], today=today, naming=naming)
    if chosen.said:
        typer.echo(chosen.said, err=True)
    return chosen.quarter
