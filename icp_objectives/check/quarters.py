"""Which quarter a person means when they do not say it in full: one rule for every command. Pure.

The open quarters are those whose folder has a report.yaml (`icp-obj new-quarter` writes it)
and whose paper has not been presented, as the report.yaml says (`QuarterData.presented`,
the answer `update` and the paper use). Without a quarter, a command works on the latest open
one; with a quarter but no year, on the open one of that number, or else the latest year that
has it. A quarter is never made up from today's date, so no command starts a quarter by itself.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from icp_objectives.domain.errors import EXIT_PROBLEMS, EXIT_USAGE, IcpError
from icp_objectives.domain.periods import FinancialYear, Quarter
from icp_objectives.domain.wording import listing, long_date
from icp_objectives.load.loaded import QuarterData, Repository

CHOOSE_YEAR = " (add --year to choose another)"


class QuarterError(IcpError):
    """No quarter can be chosen, or the one named cannot be used as asked: what to do instead."""

    exit_code = EXIT_USAGE


@dataclass(frozen=True)
class Chosen:
    """The quarter meant, and the line that tells the person how it was chosen (None when
    they named it in full)."""

    quarter: Quarter
    said: str | None = None


def is_open(data: QuarterData) -> bool:
    """Whether the quarter has a report.yaml and its paper has not been (or may not have
    been) presented."""
    mark = data.presented
    return mark.rel is not None and not mark.may_be


def open_quarters(repo: Repository) -> list[Quarter]:
    """The open quarters, oldest first."""
    return sorted(q for q, data in repo.quarters.items() if is_open(data))


def meant(
    repo: Repository,
    number: int | None,
    year: FinancialYear | None,
    *,
    today: dt.date,
    naming: str = "with --quarter",
) -> Chosen:
    """The quarter a person means by a quarter number and a year, either of which may be
    missing; `naming` says how the command is told a quarter, for the messages ("with
    --quarter"); `today` is only for suggesting a first quarter to start."""
    if number is not None and year is not None:
        return Chosen(Quarter(year, number))
    if number is None:
        return _open_one(repo, year, naming, today)
    opened = [q for q in open_quarters(repo) if q.number == number]
    _check_readable(repo, number, opened, naming)
    if opened:
        quarter = opened[-1]
        return Chosen(quarter, f"Using {quarter.label}, the open quarter{CHOOSE_YEAR}.")
    started = sorted(q for q in repo.quarters if q.number == number)
    if not started:
        raise QuarterError(
            f"no financial year has updates for Q{number}{available(repo)}; give the year,"
            f' as in "{Quarter(_year_for(repo, today), number).label}"'
        )
    quarter = started[-1]
    return Chosen(
        quarter,
        f"Using {quarter.label}, the latest financial year with {quarter.name} updates"
        f"{CHOOSE_YEAR}.",
    )


def _open_one(repo: Repository, year: FinancialYear | None, naming: str, today: dt.date) -> Chosen:
    """The latest open quarter (of `year`, when given)."""
    opened = [q for q in open_quarters(repo) if year is None or q.year == year]
    _check_readable(repo, None, opened, naming, year)
    if not opened:
        raise QuarterError(_none_open(repo, year, naming, today))
    quarter, others = opened[-1], opened[:-1]
    said = f"Using the open quarter, {quarter.label}"
    if others:
        verb = "is" if len(others) == 1 else "are"
        said += f" ({listing(q.label for q in others)} {verb} open too; name it {naming})"
    return Chosen(quarter, said + ".")


def _check_readable(
    repo: Repository,
    number: int | None,
    opened: list[Quarter],
    naming: str,
    year: FinancialYear | None = None,
) -> None:
    """Refuse to guess past a later quarter whose report.yaml cannot tell whether it was
    presented: that quarter may be the open one."""
    after = opened[-1] if opened else None
    for quarter, data in sorted(repo.quarters.items()):
        if (number is not None and quarter.number != number) or (
            year is not None and quarter.year != year
        ):
            continue
        if data.presented.unknown and (after is None or quarter > after):
            raise QuarterError(
                f"{data.presented.rel} cannot tell whether the {quarter.label} paper was"
                " presented, so which quarter is open cannot be told; fix it (`icp-obj"
                f" validate` shows how), or name the quarter {naming}",
                EXIT_PROBLEMS,
            )


def _none_open(repo: Repository, year: FinancialYear | None, naming: str, today: dt.date) -> str:
    """Why no quarter is open, and what to do."""
    nxt = next_quarter(repo, year=year, today=today)
    start = f'start one with `icp-obj new-quarter "{nxt.label}"`, or name a quarter {naming}'
    started = sorted(q for q, d in repo.quarters.items() if d.presented.rel is not None)
    if year is not None:
        return f"no quarter of {year.label} is open; {start}"
    if not started:
        return f"no quarter is open: no quarter has a report.yaml yet; {start}"
    latest = started[-1]
    when = repo.quarters[latest].presented.date
    presented = f" on {long_date(when)}" if when else ""
    return (
        f"no quarter is open: the latest, {latest.label}, was presented to the board"
        f"{presented}; {start}"
    )


def require_open(repo: Repository, quarter: Quarter) -> None:
    """Refuse a quarter that has not been started (no report.yaml), unless the person says
    they mean it (`--create`). A presented quarter passes: its lock answers for it."""
    data = repo.quarters.get(quarter)
    if data is not None and data.presented.rel is not None:
        return
    start = (
        f'`icp-obj new-quarter "{quarter.label}"` starts it (report.yaml and a file per'
        f" {repo.terms.objective})"
    )
    if data is None:
        why = f"{quarter.label} has not been started"
    else:
        why = f"{quarter.label} is not open: its folder, {data.path}/, has no report.yaml"
    opened = open_quarters(repo)
    now = f" (open: {listing((q.label for q in opened), last=', ')})" if opened else ""
    raise QuarterError(
        f"{why}{now}, so nothing was written; {start}, or add --create to write this"
        " update there anyway"
    )


def next_quarter(
    repo: Repository,
    number: int | None = None,
    year: FinancialYear | None = None,
    *,
    today: dt.date,
) -> Quarter:
    """The quarter `new-quarter` starts when not told in full: the next one after the latest
    with a report.yaml (of that number, or in that year, when given); with none, today's."""
    started = sorted(q for q, d in repo.quarters.items() if d.presented.rel is not None)
    if year is not None:
        quarters = [Quarter(year, n) for n in range(1, 5) if number in {None, n}]
        return next((q for q in quarters if q not in started), quarters[-1])
    if not started:
        current = Quarter.containing(today)
        return current if number is None else Quarter(current.year, number)
    quarter = started[-1].next()
    while number is not None and quarter.number != number:
        quarter = quarter.next()
    return quarter


def _year_for(repo: Repository, today: dt.date) -> FinancialYear:
    """The year to suggest in a message: the latest started, or today's."""
    if repo.quarters:
        return max(repo.quarters).year
    return FinancialYear.containing(today)


def available(repo: Repository) -> str:
    """'; quarters with updates: 2020/21 Q1, 2020/21 Q2', or nothing when there are none."""
    known = sorted(repo.quarters)
    return f"; quarters with updates: {', '.join(q.label for q in known)}" if known else ""
