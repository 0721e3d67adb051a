"""Readings exported from a BI tool, merged into a measure's series file. Pure: no I/O.

The export may have its own column names and more columns than a series file: the period and
value columns are found by name (or named by the person), the rest are left out and listed.
Periods are rewritten as the series file writes them (Jan-21 becomes 2021-01); rows of the
series file that the export does not have are kept; the new file is in period order.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace

from icp_objectives.domain.errors import EXIT_USAGE, IcpError
from icp_objectives.domain.figures import show_value
from icp_objectives.domain.model import Measure
from icp_objectives.domain.periods import PeriodError
from icp_objectives.domain.problems import Problem
from icp_objectives.domain.reading_periods import Period, parse_reading_period, written_kind
from icp_objectives.domain.wording import listing
from icp_objectives.load.csv_cells import BOM, Cell, CsvFault, cells, decode, lines
from icp_objectives.load.series_csv import COLUMNS, SeriesFile, SeriesRow, row_of

# The names an export's columns go by, tried in order when the person names none.
_LIKELY = {
    "period": ("period", "month", "week", "quarter", "year", "date", "week ending"),
    "value": ("value", "figure", "count", "total"),
    "numerator": ("numerator",),
    "denominator": ("denominator",),
    "qualifier": ("qualifier",),
    "note": ("note", "notes", "comment", "comments"),
}


class ImportRefused(IcpError):
    """Options that do not fit the file to import: a column named that is not there."""

    exit_code = EXIT_USAGE


@dataclass(frozen=True)
class Changed:
    """A period whose reading the import changes, as people read it."""

    period: Period
    before: str
    after: str


@dataclass
class ImportPlan:
    """What importing would do: the periods added and changed, how many stay as they are,
    the new file's bytes, and the problems of the imported file (nothing is written then)."""

    added: list[tuple[Period, str]] = field(default_factory=list)
    changed: list[Changed] = field(default_factory=list)
    unchanged: int = 0
    kept: int = 0  # rows of the series file the export does not have
    ignored: tuple[str, ...] = ()  # the export's columns left out
    data: bytes = b""
    problems: list[Problem] = field(default_factory=list)

    @property
    def changes(self) -> bool:
        return bool(self.added or self.changed)


def plan(
    measure: Measure,
    existing: SeriesFile | None,
    shown_name: str,
    incoming: bytes,
    named: Mapping[str, str | None],
) -> ImportPlan:
    """Merge the export `incoming` (named `shown_name` in problems) into the series file.

    `named` maps a series file column (period, value, ...) to the export's column that holds
    it, when the person named one. ImportRefused when a named column is not in the export.
    """
    outcome = ImportPlan()
    try:
        text = decode(incoming.removeprefix(BOM))  # spreadsheets write one; it is no data
        numbered = lines(text)
        if not numbered:
            raise CsvFault(1, 1, "empty-file", "the file is empty; it needs a header row")
        header = cells(*numbered[0])
    except CsvFault as fault:
        outcome.problems.append(_problem(shown_name, fault))
        return outcome
    roles = _roles(header, named, shown_name)
    outcome.ignored = tuple(c.text.strip() for i, c in enumerate(header) if i not in roles.values())
    rows = _rows(measure, shown_name, numbered[1:], header, roles, outcome.problems)
    if outcome.problems:
        return outcome
    merged = _existing_rows(measure, existing)
    for period, row in rows.items():
        before = merged.get(period)
        if before is not None:  # what the export has no column for stays as it was
            kept = {
                name: getattr(before, name) for name in ("qualifier", "note") if name not in roles
            }
            row = replace(row, **kept)
        if before is None:
            outcome.added.append((period, _shown(row, measure)))
        elif _same(before, row):
            outcome.unchanged += 1
            continue
        else:
            outcome.changed.append(Changed(period, _shown(before, measure), _shown(row, measure)))
        merged[period] = row
    outcome.kept = len(set(merged) - set(rows))
    outcome.data = write(merged).encode("utf-8")
    return outcome


def _problem(rel: str, fault: CsvFault) -> Problem:
    return Problem(rel, fault.line, fault.column, fault.code, fault.message)


def _roles(header: list[Cell], named: Mapping[str, str | None], shown_name: str) -> dict[str, int]:
    """Which of the export's columns (by index) holds each series file column."""
    names = [cell.text.strip() for cell in header]
    folded = [name.casefold() for name in names]
    roles: dict[str, int] = {}
    for role in COLUMNS:
        wanted = named.get(role)
        if wanted is not None:
            if wanted.casefold() not in folded:
                raise ImportRefused(
                    f"{shown_name} has no column '{wanted}' (for --{role}-column); its columns"
                    f" are {listing(names, last=', ')}"
                )
            roles[role] = folded.index(wanted.casefold())
            continue
        found = next((folded.index(n) for n in _LIKELY[role] if n in folded), None)
        if found is not None and found not in roles.values():
            roles[role] = found
    ratio = "numerator" in roles and "denominator" in roles
    for role in ("period", "value"):
        if role not in roles and not (role == "value" and ratio):
            raise ImportRefused(
                f"{shown_name} has no {role} column that could be recognised; name it with"
                f" --{role}-column (its columns are {listing(names, last=', ')})"
            )
    if not ratio:
        roles.pop("numerator", None)
        roles.pop("denominator", None)
    return roles


def _rows(
    measure: Measure,
    shown_name: str,
    numbered: list[tuple[int, str]],
    header: list[Cell],
    roles: dict[str, int],
    problems: list[Problem],
) -> dict[Period, SeriesRow]:
    """The export's readings by period, written as the series file writes them."""
    found: dict[Period, SeriesRow] = {}
    first_line: dict[Period, int] = {}
    for number, line in numbered:
        try:
            row_cells = cells(number, line)
            if len(row_cells) != len(header):
                extra = row_cells[len(header)] if len(row_cells) > len(header) else None
                raise CsvFault(
                    number,
                    extra.column if extra else len(line) + 1,
                    "ragged-row",
                    f"this row has {len(row_cells)} values but the header has {len(header)}"
                    ' columns; a number or note with a comma in it goes in quotes, like "1,234"',
                )
            row = row_of({role: row_cells[index] for role, index in roles.items()}, number)
            period = _period(measure, row)
        except CsvFault as fault:
            problems.append(_problem(shown_name, fault))
            continue
        if period in first_line:
            problems.append(
                Problem(
                    shown_name,
                    number,
                    row.column("period"),
                    "duplicate-period",
                    f"{period.label} is already on line {first_line[period]}; keep one row"
                    " per period",
                )
            )
            continue
        first_line[period] = number
        found[period] = SeriesRow(
            number,
            period.code,
            row.value,
            row.numerator,
            row.denominator,
            row.qualifier,
            row.note,
        )
    return found


def _period(measure: Measure, row: SeriesRow) -> Period:
    try:
        return parse_reading_period(row.period, measure.frequency)
    except PeriodError as error:
        code = "wrong-frequency" if written_kind(row.period) else "bad-period"
        raise CsvFault(row.line, row.column("period"), code, str(error)) from None


def _existing_rows(measure: Measure, existing: SeriesFile | None) -> dict[Period, SeriesRow]:
    """The series file's rows by period (it was checked before: each period reads)."""
    found: dict[Period, SeriesRow] = {}
    for row in existing.rows if existing else ():
        try:
            found.setdefault(parse_reading_period(row.period, measure.frequency), row)
        except PeriodError:
            continue
    return found


def _same(before: SeriesRow, after: SeriesRow) -> bool:
    keys = ("value", "numerator", "denominator", "qualifier", "note")
    return all(getattr(before, key) == getattr(after, key) for key in keys)


def _shown(row: SeriesRow, measure: Measure) -> str:
    shown = show_value(
        row.figure,
        measure.unit,
        numerator=row.numerator,
        denominator=row.denominator,
        qualifier=row.qualifier,
    )
    return f"{shown} ({row.note})" if row.note else shown


def write(rows: Mapping[Period, SeriesRow]) -> str:
    """A series file holding `rows` in period order, with the columns they use."""
    used = [
        name
        for name in COLUMNS
        if name == "period" or any(getattr(row, name) is not None for row in rows.values())
    ]
    if "value" not in used and "numerator" not in used:
        used.insert(1, "value")
    out = [",".join(used)]
    for period in sorted(rows):
        row = rows[period]
        values = [period.code if name == "period" else getattr(row, name) for name in used]
        out.append(",".join(_cell(value) for value in values))
    return "\n".join(out) + "\n"


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
    text = str(value)
    if any(char in text for char in ',"') or text != text.strip():
        return '"' + text.replace('"', '""') + '"'
    return text


def describe(plan: ImportPlan) -> list[str]:
    """What the import changes, a line each: '+ 2021-04: 17', '~ 2021-02: 18 → 19', then
    how many stay as they are."""
    found = [f"+ {period.code}: {shown}" for period, shown in sorted(plan.added)]
    found += [f"~ {c.period.code}: {c.before} → {c.after}" for c in sorted(plan.changed, key=_at)]
    counts = [
        f"{len(plan.added)} added",
        f"{len(plan.changed)} changed",
        f"{plan.unchanged} unchanged",
    ]
    if plan.kept:
        counts.append(f"{plan.kept} kept from the series file (not in the export)")
    found.append(", ".join(counts))
    if plan.ignored:
        found.append(f"Columns left out of the export: {listing(plan.ignored)}")
    return found


def _at(change: Changed) -> Period:
    return change.period
